package io.github.incident4j.spi;

import io.github.incident4j.common.Quantity;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The value of a named metric over a window ending at an instant: "error rate" over the last minute,
 * "latency p99" over five. Metric names are a condition's {@code metricKey()} (lower case, single
 * spaces); labels narrow it, e.g. {@code service=payment-service}. Implemented by
 * {@link io.github.incident4j.sim.ScriptedMetrics} for tests and demos, and by a host on its Prometheus.
 */
@FunctionalInterface
public interface MetricsSource {

    /**
     * The metric's value over {@code window} ending at {@code at}, or empty when there is no data.
     */
    Optional<Quantity> read(String metric, Map<String, String> labels, Instant at, Duration window);
}
