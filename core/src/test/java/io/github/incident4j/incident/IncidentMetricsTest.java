package io.github.incident4j.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incident4j.ValidationException;
import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.escalation.Target;
import io.github.incident4j.sim.RecordingPager;
import io.github.incident4j.sim.VirtualTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Incident metrics")
class IncidentMetricsTest {

    static final Instant MONDAY_NOON = Instant.parse("2026-03-02T12:00:00Z");
    static final EscalationPolicy POLICY = EscalationPolicy.named("p")
            .level(1, Duration.ofMinutes(15), Target.person("Alice"))
            .level(2, Target.person("Dana"))
            .build();

    final VirtualTime time = VirtualTime.startingAt(MONDAY_NOON);
    final IncidentManager manager = IncidentManager.builder().timers(time)
            .pager(new RecordingPager()).build();

    Incident trigger(String key) {
        return manager.trigger(Alert.withKey(key).service("s").summary(key).build(), POLICY);
    }

    @Test
    @DisplayName("MTTA leaves unacknowledged incidents out; MTTR averages resolved incidents")
    void mttaAndMttr() {
        Incident a = trigger("a");
        Incident b = trigger("b");
        Incident c = trigger("c");
        time.advance(Duration.ofMinutes(10));
        manager.acknowledge(a.id(), "Alice");
        time.advance(Duration.ofMinutes(20));
        manager.acknowledge(b.id(), "Alice");
        manager.resolve(a.id(), "Alice");
        time.advance(Duration.ofMinutes(30));
        manager.resolve(b.id(), "Alice");
        List<Incident> all = manager.incidents();
        assertThat(IncidentMetrics.mtta(all)).contains(Duration.ofMinutes(20));
        assertThat(IncidentMetrics.mttr(all)).contains(Duration.ofMinutes(45));
        assertThat(IncidentMetrics.timeToAcknowledge(manager.find(c.id()).orElseThrow())).isEmpty();
        assertThat(IncidentMetrics.mtta(List.of())).isEmpty();
    }

    @Test
    @DisplayName("pages are counted per participant and ISO week, off-hours apart, and overload is flagged")
    void weeklyLoad() {
        trigger("noon");
        time.advance(Duration.ofHours(8));
        trigger("evening");
        time.advance(Duration.ofHours(2));
        trigger("night");
        time.advance(Duration.ofDays(7));
        trigger("next week");
        time.advance(Duration.ofHours(1));
        List<ParticipantWeek> load = IncidentMetrics.pageLoad(manager.incidents())
                .onCall((person, week) -> Duration.ofHours(12))
                .report();
        assertThat(load).extracting(w -> w.participant() + " " + w.isoWeek() + " pages " + w.pages() + " off "
                + w.offHoursPages() + " incidents " + w.incidents() + " overloaded " + w.overloaded())
                .containsExactly(
                        "Alice 2026-W10 pages 3 off 2 incidents 3 overloaded true",
                        "Dana 2026-W10 pages 3 off 2 incidents 3 overloaded true",
                        "Alice 2026-W11 pages 1 off 1 incidents 1 overloaded false",
                        "Dana 2026-W11 pages 1 off 1 incidents 1 overloaded false");
        assertThat(IncidentMetrics.pageLoad(manager.incidents()).report())
                .allSatisfy(w -> assertThat(w.overloaded()).isFalse());
        assertThat(load.get(0).limit()).isEqualTo(2.0);
    }

    @Test
    @DisplayName("a bad limit is refused with every problem named")
    void badLimit() {
        assertThatThrownBy(() -> IncidentMetrics.pageLoad(List.of()).limit(-1, Duration.ZERO).report())
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("limit.incidents").hasMessageContaining("limit.per");
    }
}
