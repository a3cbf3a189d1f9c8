package io.github.incident4j.chaos;

import io.github.incident4j.common.Problems;
import java.util.HashSet;
import java.util.List;
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

    /** The host checks. */
    public List<Tolerance.HostCheck> hostChecks() {
        return tolerances.stream().filter(Tolerance.HostCheck.class::isInstance).map(Tolerance.HostCheck.class::cast).toList();
    }
}
