package io.github.incident4j.examples.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.escalation.Target;
import io.github.incident4j.incident.Alert;
import io.github.incident4j.incident.Incident;
import io.github.incident4j.oncall.Schedule;
import io.github.incident4j.oncall.Shift;
import io.github.incident4j.sim.RecordingPager;
import io.github.incident4j.spi.Page;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Wiring a schedule, a policy and the engine in a host (sample)")
class HostWiringSampleTest {

    private final Schedule schedule = HostWiring.schedule();

    @Test
    @DisplayName("Berlin office hours go to the daytime layer, nights and weekends to the 24/7 New York rotation")
    void followTheSun() {
        // 2026-03-03 is a Tuesday, eight weeks after both rotations started (turn 8: the first person).
        assertThat(schedule.onCallAt(Instant.parse("2026-03-03T09:00:00Z"))).contains("Alice");   // 10:00 Berlin
        assertThat(schedule.onCallAt(Instant.parse("2026-03-03T22:00:00Z"))).contains("Carol");   // 23:00 Berlin
        assertThat(schedule.onCallAt(Instant.parse("2026-03-07T12:00:00Z"))).contains("Carol");   // Saturday
        assertThat(schedule.onCallAt(Instant.parse("2026-03-10T09:00:00Z"))).contains("Bob");     // next week
        assertThat(schedule.shifts(Instant.parse("2026-03-03T07:00:00Z"), Instant.parse("2026-03-03T18:00:00Z")))
                .extracting(Shift::participant, s -> s.source() instanceof Shift.FromLayer l ? l.name() : "override")
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Carol", "americas"),
                        org.assertj.core.groups.Tuple.tuple("Alice", "europe-daytime"),
                        org.assertj.core.groups.Tuple.tuple("Carol", "americas"));
        assertThat(schedule.gaps(Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z"))).isEmpty();
    }

    @Test
    @DisplayName("the policy pages the on-call, the lead role and a person, twice over")
    void policy() {
        EscalationPolicy policy = HostWiring.policy();

        assertThat(policy.levels()).extracting(l -> l.targets().get(0)).containsExactly(
                Target.onCall(HostWiring.SCHEDULE), Target.role("engineering_lead"), Target.person("Victor"));
        assertThat(policy.passes()).isEqualTo(2);
        assertThat(policy.ackTimeout()).contains(Duration.ofHours(1));
    }

    @Test
    @DisplayName("on real time the trigger pages level 1 at once; close stops the engine and its scheduler")
    void realTimeWiring() {
        RecordingPager pager = new RecordingPager();
        HostWiring wiring = HostWiring.start(pager);
        Incident incident;
        try (wiring) {
            incident = wiring.trigger(Alert.withKey("payments/error-rate").service("payment-service")
                    .summary("Error rate above 5%").severity("SEV-2").build());
            assertThat(incident.nextDueAt()).isPresent();
        }

        Page first = pager.pages().get(0);
        assertThat(first.level()).isEqualTo(1);
        assertThat(first.recipient()).isEqualTo(schedule.onCallAt(first.at()).orElseThrow());
        assertThat(wiring.isTerminated()).isTrue();
        assertThatThrownBy(() -> wiring.manager().acknowledge(incident.id(), "Alice"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}
