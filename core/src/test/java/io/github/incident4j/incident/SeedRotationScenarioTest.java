package io.github.incident4j.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.common.Severity;
import io.github.incident4j.escalation.EscalationMatrix;
import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.escalation.Target;
import io.github.incident4j.incident.TimelineEvent.Type;
import io.github.incident4j.sim.RecordingPager;
import io.github.incident4j.sim.VirtualTime;
import io.github.incident4j.spi.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The seed's oncall-rotation.yaml, written as code, drives an incident end to end. */
@DisplayName("The seed rotation's policy, end to end")
class SeedRotationScenarioTest {

    /** The seed's escalation_policy: current_on_call 15m, engineering_lead 30m, vp_engineering. */
    static final EscalationPolicy SEED_POLICY = EscalationPolicy.named("Backend On-Call")
            .level(1, Duration.ofMinutes(15), Target.onCall("Backend On-Call"))
            .level(2, Duration.ofMinutes(30), Target.role("engineering_lead"))
            .level(3, Target.role("vp_engineering"))
            .build();

    /** The seed's weekly rotation of Alice, Bob, Carol (15m escalation delays), from 2024-01-01 09:00 UTC. */
    static final OnCallLookup WEEKLY_ROTATION = at -> {
        long weeks = Math.floorDiv(Duration.between(Instant.parse("2024-01-01T09:00:00Z"), at).toSeconds(),
                Duration.ofDays(7).toSeconds());
        String name = List.of("Alice", "Bob", "Carol").get((int) Math.floorMod(weeks, 3L));
        return Optional.of(OnCallPerson.of(name, Duration.ofMinutes(15)));
    };

    /** The seed's escalation-matrix.txt as a model. */
    static final EscalationMatrix SEED_MATRIX = EscalationMatrix.builder()
            .tiers("L1 (On-Call)", "L2 (Lead)", "L3")
            .category("App crash", "Restart/rollback", "Debug fix", "Arch")
            .category("Data issue", "Read replica", "DBA", "CTO")
            .category("Security", "Isolate", "SecOps", "CISO")
            .category("Infra/Cloud", "Failover", "Platform", "VP")
            .category("Third-party", "Monitor", "Contact vendor", "Exec")
            .build();

    @Test
    @DisplayName("a Saturday-night data incident pages Carol, then the lead, then the VP, who acknowledges")
    void fullScenario() {
        Instant saturdayNight = Instant.parse("2026-03-07T02:00:00Z");
        VirtualTime time = VirtualTime.startingAt(saturdayNight);
        RecordingPager pager = new RecordingPager();
        IncidentManager manager = IncidentManager.builder()
                .timers(time).pager(pager)
                .roster(Roster.builder()
                        .schedule("Backend On-Call", WEEKLY_ROTATION)
                        .role("engineering_lead", "Dana")
                        .role("vp_engineering", "Victor")
                        .build())
                .matrix(SEED_MATRIX)
                .build();
        Alert alert = Alert.withKey("payments/replication-lag").service("payment-service")
                .summary("Replica lag above 5 minutes").severity(Severity.SEV_2).category("Data issue").build();

        Incident incident = manager.trigger(alert, SEED_POLICY);
        time.advance(Duration.ofMinutes(10));
        manager.trigger(alert, SEED_POLICY);
        time.advance(Duration.ofMinutes(40));
        manager.acknowledge(incident.id(), "Victor");
        manager.timelineSink(incident.id()).record(time.now(), "runbook", "diagnosis step ok",
                "replica lag 312s on db-2");
        time.advance(Duration.ofMinutes(40));
        manager.resolve(incident.id(), "Victor");
        time.advance(Duration.ofHours(3));

        assertThat(pager.pages()).extracting(p -> p.recipient() + " " + p.tier() + " " + p.response())
                .containsExactly("Carol L1 (On-Call) Read replica", "Dana L2 (Lead) DBA", "Victor L3 CTO");
        assertThat(pager.pages()).extracting(Page::at).containsExactly(saturdayNight,
                saturdayNight.plus(Duration.ofMinutes(15)), saturdayNight.plus(Duration.ofMinutes(45)));

        Incident done = manager.find(incident.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(done.alertCount()).isEqualTo(2);
        assertThat(done.timeline()).extracting(TimelineEvent::description).containsExactly(
                "Triggered by alert: SEV-2 Replica lag above 5 minutes",
                "Paged Carol at level 1 (pass 1): Read replica",
                "Alert repeated 1 time, last at 2026-03-07T02:10:00Z",
                "Escalated to level 2 (pass 1): no acknowledgement at level 1",
                "Paged Dana at level 2 (pass 1): DBA",
                "Escalated to level 3 (pass 1): no acknowledgement at level 2",
                "Paged Victor at level 3 (pass 1): CTO",
                "Acknowledged by Victor",
                "runbook: diagnosis step ok: replica lag 312s on db-2",
                "Resolved by Victor");
        assertThat(done.timeline()).extracting(TimelineEvent::type).startsWith(Type.TRIGGERED).endsWith(Type.RESOLVED);
        assertThat(IncidentMetrics.timeToAcknowledge(done)).contains(Duration.ofMinutes(50));
        assertThat(IncidentMetrics.timeToResolve(done)).contains(Duration.ofMinutes(90));

        List<ParticipantWeek> load = IncidentMetrics.pageLoad(manager.incidents()).report();
        assertThat(load).extracting(w -> w.participant() + " " + w.isoWeek() + " " + w.pages() + "/" + w.offHoursPages())
                .containsExactly("Carol 2026-W10 1/1", "Dana 2026-W10 1/1", "Victor 2026-W10 1/1");
    }

    @Test
    @DisplayName("the rotation hands over on Monday 09:00: an incident just after it pages the next person")
    void handoff() {
        VirtualTime time = VirtualTime.startingAt(Instant.parse("2026-03-09T08:59:00Z"));
        RecordingPager pager = new RecordingPager();
        IncidentManager manager = IncidentManager.builder().timers(time).pager(pager)
                .roster(Roster.builder().schedule("Backend On-Call", WEEKLY_ROTATION).build()).build();
        manager.trigger(Alert.withKey("a").service("s").summary("before").build(), SEED_POLICY);
        time.advance(Duration.ofMinutes(1));
        manager.trigger(Alert.withKey("b").service("s").summary("after").build(), SEED_POLICY);
        assertThat(pager.recipients()).containsExactly("Carol", "Alice");
    }
}
