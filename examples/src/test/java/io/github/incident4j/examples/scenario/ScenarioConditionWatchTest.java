package io.github.incident4j.examples.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.common.Condition;
import io.github.incident4j.common.Quantity;
import io.github.incident4j.sim.ScriptedMetrics;
import io.github.incident4j.sim.VirtualTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The scenario's alert evaluation")
class ScenarioConditionWatchTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final Condition RULE = Condition.parse("error rate > 5% for 5m");
    private static final Duration EVERY_30S = Duration.ofSeconds(30);

    private final VirtualTime time = VirtualTime.startingAt(T0);
    private final List<ConditionWatch.Change> changes = new ArrayList<>();

    private ConditionWatch.Result watch(ScriptedMetrics.Series errorRate) {
        ScriptedMetrics metrics = ScriptedMetrics.builder().metric("error rate", Map.of("service", "payments"), errorRate).build();
        return new ConditionWatch(RULE, metrics, Map.of("service", "payments"), EVERY_30S)
                .watch(time, Duration.ofMinutes(30), changes::add);
    }

    @Test
    @DisplayName("fires once the condition has held at every sample for its 5 minutes")
    void firesAfterSustain() {
        Instant bad = T0.plus(Duration.ofMinutes(2));
        ConditionWatch.Result r = watch(ScriptedMetrics.Series.step(Quantity.percent(0.1), bad, Quantity.percent(12)));

        assertThat(r.firedAt()).contains(bad.plus(Duration.ofMinutes(5)));
        assertThat(r.value()).contains(Quantity.percent(12));
        assertThat(changes).extracting(ConditionWatch.Change::at, ConditionWatch.Change::fired)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(bad, false),
                        org.assertj.core.groups.Tuple.tuple(bad.plus(Duration.ofMinutes(5)), true));
    }

    @Test
    @DisplayName("a sample below the threshold starts the wait again, and missing data does not count as holding")
    void resetsOnRecovery() {
        Instant dip = T0.plus(Duration.ofMinutes(3));
        Instant gap = T0.plus(Duration.ofMinutes(7));
        ScriptedMetrics.Series series = t -> {
            if (!t.isBefore(dip) && t.isBefore(dip.plus(EVERY_30S))) {
                return Optional.of(Quantity.percent(1));
            }
            if (!t.isBefore(gap) && t.isBefore(gap.plus(EVERY_30S))) {
                return Optional.empty();
            }
            return Optional.of(Quantity.percent(20));
        };
        ConditionWatch.Result r = watch(series);

        // held from 09:00, broken at 09:03, held again from 09:03:30, broken by no data at 09:07 (before its 5m),
        // held from 09:07:30: fires at 09:12:30
        assertThat(r.firedAt()).contains(gap.plus(EVERY_30S).plus(Duration.ofMinutes(5)));
        assertThat(changes).filteredOn(c -> !c.holding()).extracting(ConditionWatch.Change::at).containsExactly(dip, gap);
    }

    @Test
    @DisplayName("gives up without firing when the condition never holds long enough")
    void givesUp() {
        ConditionWatch.Result r = watch(ScriptedMetrics.Series.constant(Quantity.percent(4.9)));

        assertThat(r.firedAt()).isEmpty();
        assertThat(r.samples()).isEqualTo(61);
        assertThat(changes).isEmpty();
        assertThat(time.now()).isAfter(T0.plus(Duration.ofMinutes(30)));
    }
}
