package io.github.incident4j.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.incident4j.common.Quantity;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** Invariants of scripted metrics over generated instants and windows. */
@Label("ScriptedMetrics properties")
class ScriptedMetricsPropertiesTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    @Property
    @Label("a constant reads as itself over any window")
    void constantOverAnyWindow(@ForAll @DoubleRange(min = 0, max = 100) double value,
                               @ForAll @IntRange(min = 0, max = 86_400) int windowSeconds,
                               @ForAll @IntRange(min = -100_000, max = 100_000) int offsetSeconds) {
        ScriptedMetrics m = ScriptedMetrics.builder().constant("error rate", Map.of(), Quantity.percent(value)).build();

        Optional<Quantity> read = m.read("error rate", Map.of(), T0.plusSeconds(offsetSeconds),
                Duration.ofSeconds(windowSeconds));

        assertThat(read).hasValueSatisfying(q -> assertThat(q.value()).isCloseTo(value, within(1e-9)));
    }

    @Property
    @Label("a window mean lies between the ramp's ends, and equals an end when the window is wholly past it")
    void rampMeanIsBounded(@ForAll @IntRange(min = -600, max = 1200) int atSeconds,
                           @ForAll @IntRange(min = 0, max = 3600) int windowSeconds) {
        ScriptedMetrics m = ScriptedMetrics.builder()
                .ramp("latency p99", Map.of(), T0, Quantity.millis(100), T0.plusSeconds(300), Quantity.millis(500))
                .build();

        double v = m.read("latency p99", Map.of(), T0.plusSeconds(atSeconds), Duration.ofSeconds(windowSeconds))
                .orElseThrow().value();

        assertThat(v).isBetween(100.0 - 1e-9, 500.0 + 1e-9);
        if (atSeconds - windowSeconds >= 300) {
            assertThat(v).isCloseTo(500.0, within(1e-9));
        }
    }
}
