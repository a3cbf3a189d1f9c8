package io.github.incident4j.chaos;

import io.github.incident4j.common.MetricQueries;
import io.github.incident4j.common.Problems;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What "working normally" means for an experiment: tolerances that must hold before the fault, during it
 * (per mode) and after recovery.
 *
 * <pre>{@code
 * SteadyStateHypothesis h = SteadyStateHypothesis.of(
 *         Tolerance.parse("p99 latency stays below 500ms"),
 *         Tolerance.parse("No data loss or corruption"));
 * }</pre>
 *
 * @param tolerances in the order written; texts are unique
 */
public record SteadyStateHypothesis(List<Tolerance> tolerances) {

    /** No tolerances. */
    public static final SteadyStateHypothesis NONE = new SteadyStateHypothesis(List.of());

    /** Copies and checks that texts are unique. */
    public SteadyStateHypothesis {
        tolerances = List.copyOf(tolerances);
        Problems problems = new Problems();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < tolerances.size(); i++) {
            String text = tolerances.get(i).text();
            problems.check(seen.add(text), "hypothesis[" + i + "]", text, "is written twice");
        }
        problems.throwIfAny("steady-state hypothesis");
    }

    /** A hypothesis of the given tolerances. */
    public static SteadyStateHypothesis of(Tolerance... tolerances) {
        return new SteadyStateHypothesis(List.of(tolerances));
    }

    /** The metric tolerances. */
    public List<Tolerance.Metric> metrics() {
        return tolerances.stream().filter(Tolerance.Metric.class::isInstance).map(Tolerance.Metric.class::cast).toList();
    }

    /**
     * The hypothesis with PromQL for its metric tolerances, so a Litmus promProbe can check each: a tolerance whose
     * metric {@code queries} names gets that query (the host's word wins over one read from a manifest); one that
     * already has a query keeps it.
     *
     * <pre>{@code
     * SteadyStateHypothesis h = e.hypothesis().withPromQl(MetricQueries.of(Map.of(
     *         "p99 latency", "histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))",
     *         "error rate", "100 * sum(rate(http_requests_total{code=~\"5..\"}[5m])) / sum(rate(http_requests_total[5m]))")));
     * }</pre>
     *
     * @throws io.github.incident4j.ValidationException naming every metric tolerance left without PromQL
     */
    public SteadyStateHypothesis withPromQl(MetricQueries queries) {
        Problems problems = new Problems();
        List<Tolerance> out = new java.util.ArrayList<>();
        for (int i = 0; i < tolerances.size(); i++) {
            Tolerance t = tolerances.get(i);
            if (t instanceof Tolerance.Metric m) {
                Optional<String> q = queries.queryFor(m.condition());
                if (q.isPresent()) {
                    out.add(m.prometheus(m.endpoint(), q.get()));
                    continue;
                }
                problems.check(m.hasPromQl(), "hypothesis[" + i + "]", m.text(), "no PromQL for its metric '"
                        + m.condition().metricKey() + "'; give one in the metric queries");
            }
            out.add(t);
        }
        problems.throwIfAny("steady-state hypothesis");
        return new SteadyStateHypothesis(out);
    }

    /** The host checks. */
    public List<Tolerance.HostCheck> hostChecks() {
        return tolerances.stream().filter(Tolerance.HostCheck.class::isInstance).map(Tolerance.HostCheck.class::cast).toList();
    }
}
