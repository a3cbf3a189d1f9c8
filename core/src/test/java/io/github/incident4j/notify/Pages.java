package io.github.incident4j.notify;

import io.github.incident4j.spi.Page;
import java.time.Instant;
import java.util.Map;

/** Pages as the engine makes them, for the pager tests. */
final class Pages {

    static final Instant AT = Instant.parse("2026-03-02T09:05:00Z");

    private Pages() {
    }

    /** A level-1 page of a payment-service incident with runbook and dashboard links. */
    static Page page(String recipient, int level) {
        return new Page("INC-42", recipient, level, 1, true, "SEV-2", "Error rate above 5% on payment-service",
                "L1 (On-Call)", "Restart/rollback", AT, 1, "a1b2c3d4e5f60718", "payment-service",
                Map.of("alertname", "ServiceHighErrorRate", "severity", "critical", "team", "payments",
                        "instance", "payment-7d9f:8080"),
                Map.of("runbook_url", "https://runbooks.example.com/payment-service",
                        "dashboard", "https://grafana.example.com/d/payments",
                        "description", "5xx responses are above 5% of requests for 5 minutes.",
                        "generator_url", "http://prometheus:9090/graph?g0.expr=rate"));
    }

    static Page page() {
        return page("Alice", 1);
    }
}
