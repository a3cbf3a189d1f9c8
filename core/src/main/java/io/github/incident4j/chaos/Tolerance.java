package io.github.incident4j.chaos;

import io.github.incident4j.common.Condition;
import io.github.incident4j.common.Problems;
import java.util.Objects;
import java.util.Optional;

/**
 * One tolerance of a {@link SteadyStateHypothesis}, as the team wrote it: a condition on a metric
 * ("p99 latency stays below 500ms") or a check only the host can do ("No data loss or corruption").
 */
public sealed interface Tolerance permits Tolerance.Metric, Tolerance.HostCheck {

    /** The tolerance as written. */
    String text();

    /**
     * Reads a tolerance: a {@link Condition} becomes a {@link Metric} with default probe settings, anything
     * else a {@link HostCheck}.
     */
    static Tolerance parse(String text) {
        Optional<Condition> condition = Condition.tryParse(text);
        return condition.<Tolerance>map(c -> Metric.of(text)).orElseGet(() -> new HostCheck(text.strip()));
    }

    /**
     * A metric that must hold. On a cluster running Litmus it becomes a {@code promProbe} named after the
     * text, with the endpoint, query, mode and run properties here.
     *
     * @param text as written, e.g. {@code p99 latency stays below 500ms}
     * @param condition the text read as a condition; the runner reads {@code condition.metricKey()} from the
     *     {@code MetricsSource}
     * @param mode when it is checked (default {@link ProbeMode#CONTINUOUS}; it is always checked before and after)
     * @param runProperties timeout of each try, interval, tries (retry/attempt), stop on failure
     * @param endpoint the Prometheus endpoint written into the rendered probe
     * @param query the PromQL written into the rendered probe, empty when none is given yet (the default): a metric's
     *     name is not PromQL, so a tolerance without a query is written as its comment line only. The host says which
     *     metric maps to which query with {@link SteadyStateHypothesis#withPromQl} (or {@link #prometheus}).
     */
    record Metric(String text, Condition condition, ProbeMode mode, RunProperties runProperties, String endpoint,
                  String query) implements Tolerance {

        /** The Prometheus endpoint written when none is given; replace it with your own. */
        public static final String DEFAULT_ENDPOINT = "http://prometheus.monitoring.svc:9090";

        /** Validates every part at once. */
        public Metric {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(condition, "condition");
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(runProperties, "runProperties");
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(query, "query");
            Problems problems = new Problems();
            problems.check(!text.isBlank() && text.equals(text.strip()) && !text.contains("\n"), "tolerance", text,
                    "must be one line without surrounding blanks");
            problems.check(Condition.tryParse(text).equals(Optional.of(condition)), "tolerance.condition", condition,
                    "must be the tolerance text read as a condition");
            problems.check(!endpoint.isBlank(), "tolerance.endpoint", endpoint, "must not be blank");
            problems.throwIfAny("tolerance");
        }

        /**
         * A metric tolerance with default settings: Continuous, {@link RunProperties#DEFAULT}, the default endpoint and
         * no PromQL yet.
         *
         * @throws io.github.incident4j.ValidationException when the text is not a condition
         */
        public static Metric of(String text) {
            Condition c = Condition.parse(text);
            return new Metric(text.strip(), c, ProbeMode.CONTINUOUS, RunProperties.DEFAULT, DEFAULT_ENDPOINT, "");
        }

        /** Whether a PromQL query is given, so a Litmus promProbe can check this tolerance. */
        public boolean hasPromQl() {
            return !query.isBlank();
        }

        /** Whether the probe settings are all defaults (mode, run properties, endpoint), i.e. nothing but the text. */
        public boolean defaultSettings() {
            return mode == ProbeMode.CONTINUOUS && runProperties.equals(RunProperties.DEFAULT)
                    && endpoint.equals(DEFAULT_ENDPOINT);
        }

        /** A copy that aborts the experiment on the first violation. */
        public Metric stopOnFailure(boolean stop) {
            return new Metric(text, condition, mode, runProperties.withStopOnFailure(stop), endpoint, query);
        }

        /** A copy checked every {@code interval} during the fault. */
        public Metric every(java.time.Duration interval) {
            return new Metric(text, condition, mode, runProperties.withInterval(interval), endpoint, query);
        }

        /** A copy checked in another mode. */
        public Metric mode(ProbeMode newMode) {
            return new Metric(text, condition, newMode, runProperties, endpoint, query);
        }

        /** A copy with another run properties. */
        public Metric runProperties(RunProperties properties) {
            return new Metric(text, condition, mode, properties, endpoint, query);
        }

        /** A copy rendered against another Prometheus endpoint and query. */
        public Metric prometheus(String newEndpoint, String newQuery) {
            return new Metric(text, condition, mode, runProperties, newEndpoint, newQuery);
        }
    }

    /**
     * A check the host does through {@code spi.DataIntegrityCheck}: snapshot before, compare after.
     *
     * @param text as written, e.g. {@code No data loss or corruption}
     */
    record HostCheck(String text) implements Tolerance {
        /** Validates the text. */
        public HostCheck {
            Objects.requireNonNull(text, "text");
            Problems problems = new Problems();
            problems.check(!text.isBlank() && text.equals(text.strip()) && !text.contains("\n"), "tolerance", text,
                    "must be one line without surrounding blanks");
            problems.throwIfAny("tolerance");
        }
    }
}
