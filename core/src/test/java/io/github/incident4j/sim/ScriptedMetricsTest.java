package io.github.incident4j.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.incident4j.ValidationException;
import io.github.incident4j.common.Quantity;
import io.github.incident4j.sim.ScriptedMetrics.Series;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Scripted metrics: values as functions of time, read over windows. */
@DisplayName("ScriptedMetrics")
class ScriptedMetricsTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final Map<String, String> PAYMENT = Map.of("service", "payment-service");

    @Test
    @DisplayName("a step reads the old value before its instant and the new one from it on")
    void step() {
        ScriptedMetrics m = ScriptedMetrics.builder()
                .step("error rate", PAYMENT, Quantity.percent(12), T0.plusSeconds(600), Quantity.percent(0.05))
                .build();

        assertThat(m.read("error rate", PAYMENT, T0.plusSeconds(599), Duration.ZERO)).contains(Quantity.percent(12));
        assertThat(m.read("error rate", PAYMENT, T0.plusSeconds(600), Duration.ZERO)).contains(Quantity.percent(0.05));
    }

    @Test
    @DisplayName("a window is the mean of samples every interval within (at - window, at]")
    void windowMean() {
        ScriptedMetrics m = ScriptedMetrics.builder()
                .sampleInterval(Duration.ofMinutes(1))
                .step("error rate", PAYMENT, Quantity.percent(10), T0, Quantity.percent(0))
                .build();

        // samples at T0+1m (0), T0 (0), T0-1m (10), T0-2m (10); T0-3m lies on the open end
        Optional<Quantity> value = m.read("error rate", PAYMENT, T0.plusSeconds(60), Duration.ofMinutes(4));

        assertThat(value).hasValueSatisfying(q -> {
            assertThat(q.unit()).isEqualTo(Quantity.Unit.PERCENT);
            assertThat(q.value()).isCloseTo(5.0, within(1e-9));
        });
    }

    @Test
    @DisplayName("a ramp interpolates linearly between its ends and holds them outside")
    void ramp() {
        ScriptedMetrics m = ScriptedMetrics.builder()
                .ramp("latency p99", Map.of(), T0, Quantity.millis(100), T0.plusSeconds(100), Quantity.millis(300))
                .build();

        assertThat(m.read("latency p99", Map.of(), T0.minusSeconds(5), Duration.ZERO)).contains(Quantity.millis(100));
        assertThat(m.read("latency p99", Map.of(), T0.plusSeconds(25), Duration.ZERO)).contains(Quantity.millis(150));
        assertThat(m.read("latency p99", Map.of(), T0.plusSeconds(500), Duration.ZERO)).contains(Quantity.millis(300));
    }

    @Test
    @DisplayName("the most specific label match wins; unmatched labels or names have no data")
    void labelMatching() {
        ScriptedMetrics m = ScriptedMetrics.builder()
                .constant("error rate", Map.of(), Quantity.percent(1))
                .constant("error rate", PAYMENT, Quantity.percent(7))
                .constant("error rate", Map.of("service", "payment-service", "region", "eu"), Quantity.percent(9))
                .build();

        assertThat(m.read("error rate", Map.of("service", "checkout"), T0, Duration.ZERO)).contains(Quantity.percent(1));
        assertThat(m.read("error rate", PAYMENT, T0, Duration.ZERO)).contains(Quantity.percent(7));
        assertThat(m.read("error rate", Map.of("service", "payment-service", "region", "eu", "pod", "x"), T0,
                Duration.ZERO)).contains(Quantity.percent(9));
        assertThat(m.read("  Error   Rate ", PAYMENT, T0, Duration.ZERO)).contains(Quantity.percent(7));
        assertThat(m.read("latency p99", PAYMENT, T0, Duration.ZERO)).isEmpty();
    }

    @Test
    @DisplayName("no data is empty, and gaps inside a window are left out of the mean")
    void noData() {
        ScriptedMetrics m = ScriptedMetrics.builder()
                .sampleInterval(Duration.ofMinutes(1))
                .noData("error rate", PAYMENT)
                .metric("queue depth", Map.of(), Series.noData().from(T0, Series.constant(Quantity.count(4))))
                .build();

        assertThat(m.read("error rate", PAYMENT, T0, Duration.ofMinutes(15))).isEmpty();
        assertThat(m.read("queue depth", Map.of(), T0.minusSeconds(1), Duration.ofMinutes(5))).isEmpty();
        assertThat(m.read("queue depth", Map.of(), T0.plusSeconds(60), Duration.ofMinutes(5)))
                .contains(Quantity.count(4));
    }

    @Test
    @DisplayName("a lambda series is read at each sample instant")
    void lambda() {
        ScriptedMetrics m = ScriptedMetrics.builder()
                .metric("error rate", PAYMENT, t -> Optional.of(Quantity.percent(t.isBefore(T0) ? 20 : 0)))
                .build();

        assertThat(m.read("error rate", PAYMENT, T0, Duration.ZERO)).contains(Quantity.percent(0));
        assertThat(m.read("error rate", PAYMENT, T0.minusMillis(1), Duration.ZERO)).contains(Quantity.percent(20));
    }

    @Test
    @DisplayName("the builder reports every problem at once")
    void builderProblems() {
        assertThatThrownBy(() -> ScriptedMetrics.builder()
                .sampleInterval(Duration.ZERO)
                .constant(" ", PAYMENT, Quantity.percent(1))
                .ramp("x", Map.of(), T0, Quantity.percent(1), T0.minusSeconds(1), Quantity.percent(2))
                .build())
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.problems()).hasSize(3));
        assertThatThrownBy(() -> ScriptedMetrics.builder().build()
                .read("x", Map.of(), T0, Duration.ofSeconds(-1))).isInstanceOf(ValidationException.class);
    }
}
