package io.github.incident4j.examples.scenario;

import io.github.incident4j.common.Condition;
import io.github.incident4j.common.Quantity;
import io.github.incident4j.sim.VirtualTime;
import io.github.incident4j.spi.MetricsSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Evaluates an alert's {@link Condition} the way an alerting rule does: reads the metric at each evaluation
 * (every interval, at that instant) and fires once the comparison has held at every sample for the condition's sustain window
 * ({@code for 5m}); a sample where it does not hold (or no data) starts the wait again.
 */
final class ConditionWatch {

    /**
     * One sample where the state changed: the condition started holding, stopped holding, or fired.
     *
     * @param at when
     * @param value what was read, empty for no data
     * @param holding whether the comparison held
     * @param heldSince since when it has held, if it holds
     * @param fired whether the condition fires at this sample
     */
    record Change(Instant at, Optional<Quantity> value, boolean holding, Optional<Instant> heldSince, boolean fired) {
    }

    /**
     * How a watch ended.
     *
     * @param firedAt when the condition fired, empty if it did not before the watch gave up
     * @param value the last value read
     * @param samples how many samples were taken
     */
    record Result(Optional<Instant> firedAt, Optional<Quantity> value, int samples) {
    }

    private final Condition condition;
    private final MetricsSource metrics;
    private final Map<String, String> labels;
    private final Duration interval;

    ConditionWatch(Condition condition, MetricsSource metrics, Map<String, String> labels, Duration interval) {
        this.condition = Objects.requireNonNull(condition, "condition");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.labels = Map.copyOf(labels);
        this.interval = Objects.requireNonNull(interval, "interval");
    }

    /**
     * Samples from now, moving virtual time by the interval between samples, until the condition fires or
     * {@code giveUpAfter} has passed; state changes are reported to {@code changes} as they happen.
     */
    Result watch(VirtualTime time, Duration giveUpAfter, Consumer<Change> changes) {
        Duration sustain = condition.sustain().orElse(Duration.ZERO);
        Instant deadline = time.now().plus(giveUpAfter);
        Instant heldSince = null;
        Optional<Quantity> value = Optional.empty();
        int samples = 0;
        while (!time.now().isAfter(deadline)) {
            Instant t = time.now();
            // an instant query, as an alerting rule evaluates its expression at each evaluation
            value = metrics.read(condition.metricKey(), labels, t, Duration.ZERO);
            samples++;
            boolean holds = value.isPresent() && condition.holdsFor(value.get());
            if (holds && heldSince == null) {
                heldSince = t;
                if (sustain.isZero()) {
                    changes.accept(new Change(t, value, true, Optional.of(t), true));
                    return new Result(Optional.of(t), value, samples);
                }
                changes.accept(new Change(t, value, true, Optional.of(t), false));
            } else if (holds && Duration.between(heldSince, t).compareTo(sustain) >= 0) {
                changes.accept(new Change(t, value, true, Optional.of(heldSince), true));
                return new Result(Optional.of(t), value, samples);
            } else if (!holds && heldSince != null) {
                heldSince = null;
                changes.accept(new Change(t, value, false, Optional.empty(), false));
            }
            time.advance(interval);
        }
        return new Result(Optional.empty(), value, samples);
    }
}
