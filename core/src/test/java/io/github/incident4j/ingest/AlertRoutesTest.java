package io.github.incident4j.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incident4j.common.Severity;
import io.github.incident4j.incident.Urgency;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The label routing table: in order, first match wins, a default whose settings the routes inherit. */
class AlertRoutesTest {

    static AlertRoutes table() {
        return AlertRoutes.builder()
                .route(AlertRoute.named("watchdog").matching("alertname=Watchdog").heartbeat("alertmanager"))
                .route(AlertRoute.named("security").matching("category=security").category("Security")
                        .policy("Security On-Call").severity("page", Severity.SEV_1))
                .route(AlertRoute.named("payments").matching("team=payments", "severity=~\"critical|warning|P[1-5]\"")
                        .service("payment-service").category("App crash").autoResolve(true))
                .route(AlertRoute.named("payments-catch").matching("team=payments").urgency(Urgency.LOW))
                .otherwise(AlertRoute.named("default").policy("Backend On-Call").severity("ticket", Severity.SEV_4)
                        .defaultSeverity(Severity.SEV_3))
                .build();
    }

    @Test
    @DisplayName("the first matching route wins; unset settings come from the default route")
    void firstMatchWins() {
        AlertRoutes.Routing r = table().route(Map.of("team", "payments", "severity", "critical", "category", "security"));
        assertThat(r.route()).isEqualTo("security");
        assertThat(r.policy()).contains("Security On-Call");

        AlertRoutes.Routing p = table().route(Map.of("team", "payments", "severity", "warning", "service", "checkout"));
        assertThat(p.route()).isEqualTo("payments");
        assertThat(p.policy()).contains("Backend On-Call");
        assertThat(p.serviceOf(Map.of("service", "checkout"))).isEqualTo("payment-service");
        assertThat(p.category()).contains("App crash");
        assertThat(p.autoResolve()).isTrue();
        assertThat(p.urgency()).isEqualTo(Urgency.HIGH);

        AlertRoutes.Routing low = table().route(Map.of("team", "payments", "severity", "info"));
        assertThat(low.route()).isEqualTo("payments-catch");
        assertThat(low.urgency()).isEqualTo(Urgency.LOW);
        assertThat(low.autoResolve()).isFalse();
    }

    @Test
    @DisplayName("an alert no route matches takes the default route")
    void defaultRoute() {
        AlertRoutes.Routing r = table().route(Map.of("alertname", "DiskFull", "job", "node"));
        assertThat(r.route()).isEqualTo("default");
        assertThat(r.serviceOf(Map.of("alertname", "DiskFull", "job", "node"))).isEqualTo("node");
        assertThat(r.serviceOf(Map.of())).isEqualTo("default");
        assertThat(r.heartbeat()).isEmpty();
    }

    @Test
    @DisplayName("severity: critical/warning/info and P1-P5 by default, extra words per route, the default when unknown")
    void severities() {
        AlertRoutes t = table();
        AlertRoutes.Routing d = t.route(Map.of());
        assertThat(d.severityOf(Map.of("severity", "critical"))).isEqualTo(Severity.SEV_1);
        assertThat(d.severityOf(Map.of("severity", "warning"))).isEqualTo(Severity.SEV_3);
        assertThat(d.severityOf(Map.of("severity", "info"))).isEqualTo(Severity.SEV_5);
        assertThat(d.severityOf(Map.of("severity", "P2"))).isEqualTo(Severity.SEV_2);
        assertThat(d.severityOf(Map.of("severity", "ticket"))).isEqualTo(Severity.SEV_4);
        assertThat(d.severityOf(Map.of("severity", "whenever"))).isEqualTo(Severity.SEV_3);
        assertThat(d.severityOf(Map.of())).isEqualTo(Severity.SEV_3);
        AlertRoutes.Routing s = t.route(Map.of("category", "security"));
        assertThat(s.severityOf(Map.of("severity", "page"))).isEqualTo(Severity.SEV_1);
        assertThat(s.severityOf(Map.of("severity", "ticket"))).isEqualTo(Severity.SEV_4); // inherited word
    }

    @Test
    @DisplayName("a heartbeat route feeds its heartbeat and is never inherited")
    void heartbeat() {
        assertThat(table().route(Map.of("alertname", "Watchdog")).heartbeat()).contains("alertmanager");
        assertThat(table().heartbeatNames()).containsExactly("alertmanager");
        assertThat(table().policyNames()).containsExactly("Backend On-Call", "Security On-Call");
    }

    @Test
    @DisplayName("the builder reports every problem: no default, default without policy, duplicate names, a catch-all before others")
    void problems() {
        assertThatThrownBy(() -> AlertRoutes.builder().route(AlertRoute.named("a").matching("x=1")).build())
                .hasMessageContaining("a default route is required");
        assertThatThrownBy(() -> AlertRoutes.builder()
                .route(AlertRoute.named("all"))
                .route(AlertRoute.named("all").matching("x=1"))
                .route(AlertRoute.named("bad").matching("x=~\"(\""))
                .otherwise(AlertRoute.named("default").matching("y=2"))
                .build())
                .hasMessageContaining("default.matchers").hasMessageContaining("default.policy")
                .hasMessageContaining("routes[1].name").hasMessageContaining("routes[0].matchers")
                .hasMessageContaining("routes[2].matchers[0]");
    }
}
