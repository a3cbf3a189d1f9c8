package io.github.incident4j.common;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Which PromQL answers which metric of a condition: the host's word on how "error rate" or "p99 latency" is measured
 * in its Prometheus. Metric names are matched as {@link Condition#metricKey()} gives them ("latency p99" and "p99
 * latency" are one metric), and every query must be valid PromQL ({@link PromQl}). Prometheus alerting rules
 * ({@code format.PrometheusRules}) and Litmus promProbes drafted from a steady-state hypothesis
 * ({@code chaos.SteadyStateHypothesis#withPromQl}) both read it.
 *
 * <pre>{@code
 * MetricQueries q = MetricQueries.of(Map.of(
 *         "error rate", "100 * sum(rate(http_requests_total{code=~\"5..\"}[5m])) / sum(rate(http_requests_total[5m]))",
 *         "p99 latency", "histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))"));
 * q.queryFor(Condition.parse("latency p99 < 500ms"));   // the histogram_quantile query
 * }</pre>
 *
 * <p>The PromQL for a metric must yield the condition's unit in its base: percent as 0 to 100, times in seconds
 * (Prometheus' convention), counts as they are.</p>
 */
public final class MetricQueries {

    /** No queries. */
    public static final MetricQueries NONE = new MetricQueries(Map.of());

    private final Map<String, String> byMetric;

    private MetricQueries(Map<String, String> byMetric) {
        this.byMetric = Collections.unmodifiableMap(byMetric);
    }

    /**
     * The queries of {@code promqlByMetric} (metric name to PromQL).
     *
     * @throws io.github.incident4j.ValidationException naming every blank metric, metric given twice, and query that
     *     is not PromQL (with the problem's column)
     */
    public static MetricQueries of(Map<String, String> promqlByMetric) {
        Problems problems = new Problems();
        Map<String, String> out = new LinkedHashMap<>();
        promqlByMetric.forEach((metric, query) -> {
            if (!problems.check(metric != null && !metric.isBlank(), "promqlByMetric", metric, "metric name must not be blank")) {
                return;
            }
            String key = Condition.canonicalMetric(metric);
            String q = query == null ? "" : query.strip();
            PromQl.check(q).ifPresent(p -> problems.add("promqlByMetric[" + metric + "]", q, "is not PromQL: " + p));
            if (out.put(key, q) != null) {
                problems.add("promqlByMetric", metric, "names the metric '" + key + "' a second time");
            }
        });
        problems.throwIfAny("metric queries");
        return new MetricQueries(out);
    }

    /** The query of a metric name, if given. */
    public Optional<String> queryFor(String metric) {
        return Optional.ofNullable(byMetric.get(Condition.canonicalMetric(metric)));
    }

    /** The query of a condition's metric, if given. */
    public Optional<String> queryFor(Condition condition) {
        return Optional.ofNullable(byMetric.get(condition.metricKey()));
    }

    /** The queries by canonical metric name. */
    public Map<String, String> asMap() {
        return byMetric;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof MetricQueries m && m.byMetric.equals(byMetric);
    }

    @Override
    public int hashCode() {
        return byMetric.hashCode();
    }

    @Override
    public String toString() {
        return "MetricQueries" + byMetric;
    }
}
