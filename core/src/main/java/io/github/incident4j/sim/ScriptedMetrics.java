package io.github.incident4j.sim;

import io.github.incident4j.ValidationException;
import io.github.incident4j.common.Problems;
import io.github.incident4j.common.Condition;
import io.github.incident4j.common.Quantity;
import io.github.incident4j.spi.MetricsSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Metric values written as functions of (virtual) time, for tests, demos and dry runs.
 *
 * <pre>{@code
 * Instant rollback = Instant.parse("2026-03-02T09:10:00Z");
 * MetricsSource metrics = ScriptedMetrics.builder()
 *     .step("error rate", Map.of("service", "payment-service"), Quantity.percent(12), rollback, Quantity.percent(0.05))
 *     .constant("latency p99", Map.of(), Quantity.millis(180))
 *     .metric("queue depth", Map.of(), t -> t.isBefore(rollback) ? Optional.empty() : Optional.of(Quantity.count(3)))
 *     .build();
 * }</pre>
 *
 * <h2>Matching</h2>
 * Metric names are compared like a condition's {@code metricKey()}: lower case, single spaces, a percentile
 * such as {@code p99} first. A script
 * with labels {@code L} answers a query whose labels contain every entry of {@code L} (so a script without
 * labels answers every query of its metric). When several scripts answer, the one with the most labels
 * wins; among equally specific scripts, the one added last wins. A query no script answers has no data.
 *
 * <h2>Window</h2>
 * {@link #read} samples the series like a scraper does, every {@linkplain Builder#sampleInterval sample
 * interval} (15s by default) going back from {@code at}: at {@code at}, {@code at - interval}, ... while the
 * sample instant lies within {@code (at - window, at]}; a zero window takes the one sample at {@code at}.
 * The answer is the arithmetic mean of the samples that have data, in the unit of the newest one; no data
 * at any sample gives empty. (So a step inside the window shows up as a blend, as a {@code rate()} over a
 * range would.) At most 10,000 samples are taken; longer windows widen the interval.
 *
 * <p>Immutable and thread-safe when the series are.
 */
public final class ScriptedMetrics implements MetricsSource {

    private static final int MAX_SAMPLES = 10_000;

    private final List<Script> scripts;
    private final Duration sampleInterval;

    private ScriptedMetrics(List<Script> scripts, Duration sampleInterval) {
        this.scripts = List.copyOf(scripts);
        this.sampleInterval = sampleInterval;
    }

    /** Starts a script with a sample interval of 15 seconds. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A metric's value as a function of time; empty where there is no data.
     */
    @FunctionalInterface
    public interface Series {

        /** The value at {@code t}, or empty when there is no data then. */
        Optional<Quantity> valueAt(Instant t);

        /** Always the same value. */
        static Series constant(Quantity value) {
            Objects.requireNonNull(value, "value");
            Optional<Quantity> v = Optional.of(value);
            return t -> v;
        }

        /** Never any data. */
        static Series noData() {
            return t -> Optional.empty();
        }

        /** {@code before} until {@code at}, {@code after} from {@code at} on (inclusive). */
        static Series step(Quantity before, Instant at, Quantity after) {
            return constant(before).from(at, constant(after));
        }

        /**
         * {@code start} until {@code from}, then a straight line to {@code end} at {@code to}, then {@code end};
         * both ends must have the same unit.
         */
        static Series ramp(Instant from, Quantity start, Instant to, Quantity end) {
            if (start.unit() != end.unit() || !to.isAfter(from)) {
                throw ValidationException.of("ramp", start + ".." + end + " over " + from + ".." + to,
                        "needs one unit and an end after its start");
            }
            double span = Duration.between(from, to).toMillis();
            return t -> {
                if (!t.isAfter(from)) {
                    return Optional.of(start);
                }
                if (!t.isBefore(to)) {
                    return Optional.of(end);
                }
                double f = Duration.between(from, t).toMillis() / span;
                return Optional.of(Quantity.of(start.value() + f * (end.value() - start.value()), start.unit()));
            };
        }

        /** This series until {@code at}, then {@code next} from {@code at} on (inclusive). */
        default Series from(Instant at, Series next) {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(next, "next");
            return t -> t.isBefore(at) ? valueAt(t) : next.valueAt(t);
        }
    }

    @Override
    public Optional<Quantity> read(String metric, Map<String, String> labels, Instant at, Duration window) {
        Objects.requireNonNull(at, "at");
        if (window.isNegative()) {
            throw ValidationException.of("window", window, "must not be negative");
        }
        Script script = find(normalize(metric), labels);
        if (script == null) {
            return Optional.empty();
        }
        Duration step = sampleInterval;
        if (!window.isZero() && window.dividedBy(step) > MAX_SAMPLES) {
            step = window.dividedBy(MAX_SAMPLES);
        }
        Instant oldest = at.minus(window);
        @Nullable Quantity newest = null;
        double sum = 0;
        int n = 0;
        Instant t = at;
        do {
            Optional<Quantity> value = script.series.valueAt(t);
            if (value.isPresent()) {
                Quantity q = value.get();
                if (newest == null) {
                    newest = q;
                } else if (!q.unit().comparableWith(newest.unit())) {
                    throw ValidationException.of("metrics." + script.metric, q,
                            "mixes units " + q.unit() + " and " + newest.unit() + " within one window");
                }
                sum += inUnitOf(q, newest.unit());
                n++;
            }
            t = t.minus(step);
        } while (!window.isZero() && t.isAfter(oldest));
        if (newest == null) {
            return Optional.empty();
        }
        return Optional.of(Quantity.of(sum / n, newest.unit()));
    }

    /** The value in {@code unit}, which measures the same dimension (only seconds and milliseconds differ). */
    private static double inUnitOf(Quantity q, Quantity.Unit unit) {
        if (q.unit() == unit) {
            return q.value();
        }
        return unit == Quantity.Unit.MILLISECONDS ? q.toBase() * 1000.0 : q.toBase();
    }

    private @Nullable Script find(String metric, Map<String, String> labels) {
        Script best = null;
        for (Script s : scripts) {
            if (s.metric.equals(metric) && labels.entrySet().containsAll(s.labels.entrySet())
                    && (best == null || s.labels.size() >= best.labels.size())) {
                best = s;
            }
        }
        return best;
    }

    static String normalize(String metric) {
        return Condition.canonicalMetric(metric);
    }

    private record Script(String metric, Map<String, String> labels, Series series) {
    }

    /** Collects the scripts; every method returns this builder. */
    public static final class Builder {
        private final List<Script> scripts = new ArrayList<>();
        private final Problems problems = new Problems();
        private Duration sampleInterval = Duration.ofSeconds(15);

        private Builder() {
        }

        /** How often a window is sampled (15s by default). */
        public Builder sampleInterval(Duration interval) {
            if (problems.check(interval != null && !interval.isNegative() && !interval.isZero(),
                    "sampleInterval", interval, "must be positive")) {
                this.sampleInterval = interval;
            }
            return this;
        }

        /** Scripts a metric for queries carrying {@code labels}. */
        public Builder metric(String metric, Map<String, String> labels, Series series) {
            String field = "metrics[" + scripts.size() + "]";
            boolean ok = problems.check(metric != null && !metric.isBlank(), field + ".metric", metric, "must not be blank");
            ok &= problems.check(labels != null, field + ".labels", null, "must not be null");
            ok &= problems.check(series != null, field + ".series", null, "must not be null");
            if (ok) {
                scripts.add(new Script(normalize(metric), Map.copyOf(labels), series));
            }
            return this;
        }

        /** Scripts a metric for every query of that name. */
        public Builder metric(String metric, Series series) {
            return metric(metric, Map.of(), series);
        }

        /** A constant value. */
        public Builder constant(String metric, Map<String, String> labels, Quantity value) {
            return metric(metric, labels, Series.constant(value));
        }

        /** {@code before} until {@code at}, then {@code after}. */
        public Builder step(String metric, Map<String, String> labels, Quantity before, Instant at, Quantity after) {
            return metric(metric, labels, Series.step(before, at, after));
        }

        /** A linear ramp from {@code start} at {@code from} to {@code end} at {@code to}. */
        public Builder ramp(String metric, Map<String, String> labels, Instant from, Quantity start, Instant to,
                            Quantity end) {
            try {
                return metric(metric, labels, Series.ramp(from, start, to, end));
            } catch (ValidationException e) {
                problems.addAll("metrics[" + scripts.size() + "]", e);
                return this;
            }
        }

        /** A metric that exists for these labels but has no data (a silent exporter). */
        public Builder noData(String metric, Map<String, String> labels) {
            return metric(metric, labels, Series.noData());
        }

        /**
         * The finished source.
         *
         * @throws ValidationException listing every problem found while building
         */
        public ScriptedMetrics build() {
            problems.throwIfAny("scripted metrics");
            return new ScriptedMetrics(scripts, sampleInterval);
        }
    }
}
