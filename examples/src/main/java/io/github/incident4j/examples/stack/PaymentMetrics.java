package io.github.incident4j.examples.stack;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Known data for a real Prometheus: an hour of HTTP metrics of two services, sampled every 15 seconds from
 * {@link #START}, written in the OpenMetrics text format for {@code promtool tsdb create-blocks-from openmetrics}.
 * Both services have an incident for the first 20 minutes (12% errors, p99 latency above 1 s), then recover (0.05%
 * errors, p99 about 0.24 s). {@value #RECOVERED} stays recovered; {@value #RELAPSING} relapses from minute 32 (3%
 * errors). The PromQL of {@link #PROMQL} reads them as the runbook's conditions expect: error rate in percent,
 * latency in seconds.
 */
public final class PaymentMetrics {

    /** The first sample. */
    public static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
    /** When both services recover. */
    public static final Instant RECOVERY = START.plus(Duration.ofMinutes(20));
    /** When {@value #RELAPSING} relapses. */
    public static final Instant RELAPSE = START.plus(Duration.ofMinutes(32));
    /** How long the data runs. */
    public static final Duration SPAN = Duration.ofMinutes(60);
    /** The service that stays recovered. */
    public static final String RECOVERED = "payment-service";
    /** The service that relapses. */
    public static final String RELAPSING = "checkout-service";

    /**
     * The metric-to-PromQL map, as {@code PrometheusRules.render} and {@code PrometheusMetricsSource} both take it:
     * {@code ${service|app}} is the runbook's {@code service} label or the chaos target's {@code app} label.
     */
    public static final Map<String, String> PROMQL = Map.of(
            "error rate", "100 * sum(rate(http_requests_total{service=\"${service|app}\",code=~\"5..\"}[${window}]))"
                    + " / sum(rate(http_requests_total{service=\"${service|app}\"}[${window}]))",
            "latency p99", "histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket"
                    + "{service=\"${service|app}\"}[${window}])))");

    private static final int STEP_SECONDS = 15;
    private static final int REQUESTS_PER_STEP = 300;
    private static final String[] LE = {"0.05", "0.1", "0.25", "0.5", "1", "2.5", "+Inf"};
    /** Share of requests per latency bucket (not cumulative), healthy and during the incident. */
    private static final double[] HEALTHY = {0.40, 0.50, 0.095, 0.005, 0, 0, 0};
    private static final double[] SLOW = {0, 0.02, 0.08, 0.20, 0.30, 0.38, 0.02};

    private PaymentMetrics() {
    }

    /** The error fraction of a service at a step. */
    static double errorFraction(String service, Instant at) {
        if (at.isBefore(RECOVERY)) {
            return 0.12;
        }
        if (service.equals(RELAPSING) && !at.isBefore(RELAPSE)) {
            return 0.03;
        }
        return 0.0005;
    }

    /** The whole hour for both services, ending with {@code # EOF}. */
    public static String openMetrics() {
        StringBuilder out = new StringBuilder();
        int steps = (int) (SPAN.getSeconds() / STEP_SECONDS);
        out.append("# HELP http_requests HTTP requests served.\n# TYPE http_requests counter\n");
        for (String service : new String[] {RECOVERED, RELAPSING}) {
            Map<String, Double> totals = new LinkedHashMap<>(Map.of("200", 0.0, "500", 0.0));
            for (String code : totals.keySet()) {
                double total = 0;
                for (int i = 0; i <= steps; i++) {
                    Instant at = START.plusSeconds((long) i * STEP_SECONDS);
                    double f = errorFraction(service, at);
                    total += REQUESTS_PER_STEP * (code.equals("500") ? f : 1 - f);
                    out.append(String.format(Locale.ROOT, "http_requests_total{service=\"%s\",code=\"%s\"} %.3f %d%n",
                            service, code, total, at.getEpochSecond()));
                }
            }
        }
        out.append("# HELP http_request_duration_seconds Request latency.\n# TYPE http_request_duration_seconds histogram\n");
        for (String service : new String[] {RECOVERED, RELAPSING}) {
            for (int b = 0; b < LE.length; b++) {
                double cumulative = 0;
                for (int i = 0; i <= steps; i++) {
                    Instant at = START.plusSeconds((long) i * STEP_SECONDS);
                    double[] shares = at.isBefore(RECOVERY) ? SLOW : HEALTHY;
                    double share = 0;
                    for (int k = 0; k <= b; k++) {
                        share += shares[k];
                    }
                    cumulative += REQUESTS_PER_STEP * share;
                    out.append(String.format(Locale.ROOT,
                            "http_request_duration_seconds_bucket{service=\"%s\",le=\"%s\"} %.3f %d%n",
                            service, LE[b], cumulative, at.getEpochSecond()));
                }
            }
            for (String part : new String[] {"count", "sum"}) {
                double cumulative = 0;
                for (int i = 0; i <= steps; i++) {
                    Instant at = START.plusSeconds((long) i * STEP_SECONDS);
                    boolean slow = at.isBefore(RECOVERY);
                    cumulative += part.equals("count") ? REQUESTS_PER_STEP : REQUESTS_PER_STEP * (slow ? 1.2 : 0.09);
                    out.append(String.format(Locale.ROOT, "http_request_duration_seconds_%s{service=\"%s\"} %.3f %d%n",
                            part, service, cumulative, at.getEpochSecond()));
                }
            }
        }
        out.append("# EOF\n");
        return out.toString();
    }
}
