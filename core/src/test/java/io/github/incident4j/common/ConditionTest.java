package io.github.incident4j.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incident4j.ValidationException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ConditionTest {

    @Test
    @DisplayName("reads the runbook's alert condition with its sustain window")
    void readsAlertCondition() {
        Condition c = Condition.parse("error rate > 5% for 5m");
        assertThat(c.metric()).isEqualTo("error rate");
        assertThat(c.comparator()).isEqualTo(Condition.Comparator.GREATER);
        assertThat(c.threshold()).isEqualTo(Quantity.percent(5));
        assertThat(c.sustain()).contains(Duration.ofMinutes(5));
        assertThat(c).hasToString("error rate > 5% for 5m");
    }

    @Test
    @DisplayName("reads English comparators and compares across time units")
    void englishAndUnits() {
        Condition c = Condition.parse("p99 latency stays below 500ms");
        assertThat(c.comparator()).isEqualTo(Condition.Comparator.LESS);
        assertThat(c.holdsFor(Quantity.parse("0.4s"))).isTrue();
        assertThat(c.holdsFor(Quantity.parse("600ms"))).isFalse();
        assertThat(Condition.parse("Error rate stays below 1%").metricKey()).isEqualTo("error rate");
    }

    @Test
    @DisplayName("'latency p99' and 'p99 latency' name the same metric")
    void percentileFirst() {
        assertThat(Condition.parse("Latency p99 < 500ms").metricKey()).isEqualTo("p99 latency");
        assertThat(Condition.parse("p99 latency stays below 500ms").metricKey()).isEqualTo("p99 latency");
        assertThat(Condition.canonicalMetric("request  Latency P99.9")).isEqualTo("p99.9 request latency");
        assertThat(Condition.canonicalMetric("error rate")).isEqualTo("error rate");
    }

    @Test
    @DisplayName("text that is not a condition is refused, or empty when tried")
    void refuses() {
        assertThat(Condition.tryParse("No data loss or corruption")).isEmpty();
        assertThat(Condition.tryParse("error rate > 5% for 5x")).isEmpty();
        assertThatThrownBy(() -> Condition.parse("error rate is high")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("error rate is high");
    }

    @Test
    @DisplayName("percentages do not compare with times")
    void unitsMustAgree() {
        Condition c = Condition.of("error rate", Condition.Comparator.LESS, Quantity.percent(1));
        assertThatThrownBy(() -> c.holdsFor(Quantity.millis(3))).isInstanceOf(ValidationException.class);
        assertThat(c.sustain()).isEqualTo(Optional.empty());
    }
}
