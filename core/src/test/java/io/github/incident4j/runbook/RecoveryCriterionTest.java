package io.github.incident4j.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.common.Condition;
import io.github.incident4j.common.Quantity;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RecoveryCriterionTest {

    @Test
    @DisplayName("the metric of a parenthesised condition is the text before it, without 'returns to baseline'")
    void parenthesised() {
        assertThat(RecoveryCriterion.of("Error rate returns to baseline (< 0.1%)").condition())
                .contains(Condition.of("Error rate", Condition.Comparator.LESS, Quantity.percent(0.1)));
        assertThat(RecoveryCriterion.of("Queue depth is back to normal (<= 10)").condition())
                .contains(Condition.of("Queue depth", Condition.Comparator.LESS_OR_EQUAL, Quantity.count(10)));
        assertThat(RecoveryCriterion.of("Checkout works (ask support)").kind()).isEqualTo(RecoveryCriterion.Kind.MANUAL);
    }

    @Test
    @DisplayName("a whole-text condition, a log criterion and hold durations in words are recognised")
    void otherForms() {
        RecoveryCriterion c = RecoveryCriterion.of("error rate stays below 1% for 10m");
        assertThat(c.kind()).isEqualTo(RecoveryCriterion.Kind.METRIC);
        assertThat(c.hold()).contains(Duration.ofMinutes(10));
        assertThat(RecoveryCriterion.of("No new errors in the logs").kind()).isEqualTo(RecoveryCriterion.Kind.NO_NEW_ERROR_LOGS);
        assertThat(RecoveryCriterion.of("Watch the dashboard for 1 hour").hold()).contains(Duration.ofHours(1));
        assertThat(RecoveryCriterion.of("Confirm in dashboard for 90 seconds").hold()).contains(Duration.ofSeconds(90));
    }

    @Test
    @DisplayName("the hold is the stated one, else the longest metric sustain, else five minutes")
    void holdDuration() {
        Runbook base = Runbook.forService("s").build();
        assertThat(base.holdDuration()).isEqualTo(Runbook.DEFAULT_HOLD);
        assertThat(base.toBuilder().recovery("error rate < 1% for 10m").recovery("latency p99 < 2s for 20m").build().holdDuration())
                .isEqualTo(Duration.ofMinutes(20));
        assertThat(base.toBuilder().recovery("error rate < 1% for 10m").recovery("Confirm for 15 minutes").build().holdDuration())
                .isEqualTo(Duration.ofMinutes(15));
    }
}
