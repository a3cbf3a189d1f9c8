package io.github.incident4j.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incident4j.escalation.EscalationMatrix;
import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.escalation.Target;
import io.github.incident4j.incident.TimelineEvent.Type;
import io.github.incident4j.sim.RecordingPager;
import io.github.incident4j.sim.VirtualTime;
import io.github.incident4j.spi.Page;
import io.github.incident4j.spi.kit.EngineFixtures;
import io.github.incident4j.store.InMemoryIncidentStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The escalation engine, in virtual time")
class EscalationScenarioTest {

    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    final VirtualTime time = VirtualTime.startingAt(T0);
    final RecordingPager pager = new RecordingPager();
    final InMemoryIncidentStore store = new InMemoryIncidentStore();
    final Roster roster = Roster.builder()
            .schedule("Backend On-Call", at -> Optional.of(OnCallPerson.of("Alice")))
            .role("engineering_lead", "Dana")
            .role("vp_engineering", "Victor")
            .build();

    static final EscalationPolicy THREE_LEVELS = EngineFixtures.ON_CALL_AND_ROLES;

    static Alert alert(String key) {
        return Alert.withKey(key).service("payment-service").summary("Primary DB unreachable")
                .severity("SEV-2").category("Security").build();
    }

    IncidentManager manager() {
        return manager(roster);
    }

    IncidentManager manager(Roster r) {
        return IncidentManager.builder().timers(time).pager(pager).store(store).roster(r)
                .matrix(EscalationMatrix.builder().tiers("L1 (On-Call)", "L2 (Lead)", "L3")
                        .category("Security", "Isolate", "SecOps", "CISO").build())
                .build();
    }

    List<String> pagedAt() {
        return pager.pages().stream()
                .map(p -> Duration.between(T0, p.at()).toMinutes() + "m " + p.recipient() + " L" + p.level() + " P"
                        + p.pass())
                .toList();
    }

    @Test
    @DisplayName("acknowledge, note and resolve by dedup key reach the open incident with that key, and nothing else")
    void byDedupKey() {
        IncidentManager manager = manager();
        Incident incident = manager.trigger(alert("db"), THREE_LEVELS);
        assertThat(manager.acknowledgeByKey("db", "Alice")).get().extracting(Incident::status)
                .isEqualTo(IncidentStatus.ACKNOWLEDGED);
        assertThat(manager.addNoteByKey("db", "Alice", "failing over")).isPresent();
        assertThat(manager.acknowledgeByKey("cache", "Alice")).isEmpty();
        assertThat(manager.resolveByKey("db", "Alice")).get().extracting(Incident::id).isEqualTo(incident.id());
        assertThat(manager.find(incident.id()).orElseThrow().status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(manager.find(incident.id()).orElseThrow().timeline()).extracting(TimelineEvent::type)
                .contains(Type.ACKNOWLEDGED, Type.NOTE, Type.RESOLVED);
        // Resolved: the key no longer names an open incident.
        assertThat(manager.resolveByKey("db", "Alice")).isEmpty();
        time.advance(Duration.ofHours(2));
        assertThat(pager.pages()).hasSize(1);
    }

    @Test
    @DisplayName("every page carries the incident's dedup key, service and labels, so a pager needs no look-ups")
    void pageCarriesContext() {
        manager().trigger(Alert.withKey("db").service("payment-service").summary("Primary DB unreachable")
                .label("region", "eu-west-1").build(), THREE_LEVELS);
        Page page = pager.pages().get(0);
        assertThat(page.dedupKey()).isEqualTo("db");
        assertThat(page.service()).isEqualTo("payment-service");
        assertThat(page.labels()).containsEntry("region", "eu-west-1");
        assertThat(page.withAttempt(2)).satisfies(p -> {
            assertThat(p.attempt()).isEqualTo(2);
            assertThat(p.labels()).isEqualTo(page.labels());
            assertThat(p.dedupKey()).isEqualTo("db");
        });
    }

    @Test
    @DisplayName("without an acknowledgement every level is paged, then the policy repeats, then paging stops")
    void noAck() {
        IncidentManager manager = manager();
        Incident incident = manager.trigger(alert("db"), THREE_LEVELS);
        time.advance(Duration.ofHours(10));
        assertThat(pagedAt()).containsExactly("0m Alice L1 P1", "15m Dana L2 P1", "45m Victor L3 P1",
                "105m Alice L1 P2", "120m Dana L2 P2", "150m Victor L3 P2");
        Incident after = manager.find(incident.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(IncidentStatus.TRIGGERED);
        assertThat(after.nextDueAt()).isEmpty();
        assertThat(after.timeline()).last().extracting(TimelineEvent::type).isEqualTo(Type.ESCALATION_EXHAUSTED);
        assertThat(after.timeline().get(after.timeline().size() - 1).at()).isEqualTo(T0.plus(Duration.ofMinutes(210)));
        assertThat(time.pending()).isZero();
    }

    @Test
    @DisplayName("each page carries the matrix response of the incident's category at the level's tier")
    void matrixResponse() {
        IncidentManager manager = manager();
        Incident incident = manager.trigger(alert("db"), THREE_LEVELS);
        time.advance(Duration.ofMinutes(15));
        assertThat(pager.pages()).extracting(Page::response).containsExactly("Isolate", "SecOps");
        assertThat(pager.pages()).extracting(Page::tier).containsExactly("L1 (On-Call)", "L2 (Lead)");
        TimelineEvent page2 = manager.find(incident.id()).orElseThrow().timeline().stream()
                .filter(e -> e.type() == Type.PAGE_DELIVERED && e.level() == 2).findFirst().orElseThrow();
        assertThat(page2.response()).isEqualTo("SecOps");
        assertThat(page2.description()).isEqualTo("Paged Dana at level 2 (pass 1): SecOps");
    }

    @Test
    @DisplayName("an acknowledgement in the middle stops escalation, and acknowledging again adds nothing to the incident")
    void ackInTheMiddle() {
        IncidentManager manager = manager();
        Incident incident = manager.trigger(alert("db"), THREE_LEVELS);
        time.advance(Duration.ofMinutes(20));
        Incident acked = manager.acknowledge(incident.id(), "Dana");
        Incident again = manager.acknowledge(incident.id(), "Dana");
        // The repeat is confirmed by a version-checked save (B3), so only the version moves.
        assertThat(again.version()).isEqualTo(acked.version() + 1);
        assertThat(again.status()).isEqualTo(acked.status());
        assertThat(again.acknowledgedAt()).isEqualTo(acked.acknowledgedAt());
        assertThat(again.timeline()).isEqualTo(acked.timeline());
        time.advance(Duration.ofHours(5));
        assertThat(pagedAt()).containsExactly("0m Alice L1 P1", "15m Dana L2 P1");
        assertThat(acked.status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
        assertThat(IncidentMetrics.timeToAcknowledge(acked)).contains(Duration.ofMinutes(20));
        assertThat(acked.timeline()).filteredOn(e -> e.type() == Type.ACKNOWLEDGED).singleElement()
                .satisfies(e -> assertThat(e.actor()).isEqualTo("Dana"));
    }

    @Test
    @DisplayName("an ack timeout sends an acknowledged, unresolved incident back to level 1")
    void ackTimeout() {
        IncidentManager manager = manager();
        EscalationPolicy policy = THREE_LEVELS.toBuilder().ackTimeout(Duration.ofMinutes(30)).build();
        Incident incident = manager.trigger(alert("db"), policy);
        time.advance(Duration.ofMinutes(5));
        manager.acknowledge(incident.id(), "Alice");
        time.advance(Duration.ofMinutes(29));
        assertThat(pagedAt()).containsExactly("0m Alice L1 P1");
        time.advance(Duration.ofMinutes(1));
        assertThat(pagedAt()).containsExactly("0m Alice L1 P1", "35m Alice L1 P2");
        Incident back = manager.find(incident.id()).orElseThrow();
        assertThat(back.status()).isEqualTo(IncidentStatus.TRIGGERED);
        assertThat(back.timeline()).extracting(TimelineEvent::type).contains(Type.ACK_TIMEOUT);
        time.advance(Duration.ofMinutes(15));
        assertThat(pagedAt()).endsWith("50m Dana L2 P2");
    }

    @Test
    @DisplayName("resolving during a pass ends paging; resolving again changes nothing; acknowledging is refused")
    void resolveDuringPass() {
        IncidentManager manager = manager();
        Incident incident = manager.trigger(alert("db"), THREE_LEVELS);
        time.advance(Duration.ofMinutes(16));
        Incident resolved = manager.resolve(incident.id(), "Dana");
        assertThat(manager.resolve(incident.id(), "Dana")).isEqualTo(resolved);
        time.advance(Duration.ofHours(5));
        assertThat(pagedAt()).containsExactly("0m Alice L1 P1", "15m Dana L2 P1");
        assertThat(IncidentMetrics.timeToResolve(resolved)).contains(Duration.ofMinutes(16));
        assertThatThrownBy(() -> manager.acknowledge(incident.id(), "Alice"))
                .isInstanceOf(IllegalIncidentTransitionException.class)
                .hasMessage("cannot acknowledge incident " + incident.id() + ": it is resolved");
        assertThatThrownBy(() -> manager.escalate(incident.id(), "Alice"))
                .isInstanceOf(IllegalIncidentTransitionException.class);
        assertThatThrownBy(() -> manager.acknowledge(IncidentId.of("INC-none"), "Alice"))
                .isInstanceOf(IncidentNotFoundException.class);
    }

    @Test
    @DisplayName("a level that resolves to nobody is skipped at once and noted")
    void emptyLevelSkipped() {
        Roster gappy = roster.toBuilder().schedule("Nights", at -> Optional.empty()).build();
        EscalationPolicy policy = EscalationPolicy.named("Gappy")
                .level(1, Duration.ofMinutes(15), Target.onCall("Nights"), Target.role("no_such_role"))
                .level(2, Duration.ofMinutes(30), Target.role("engineering_lead"))
                .build();
        IncidentManager manager = manager(gappy);
        Incident incident = manager.trigger(alert("db"), policy);
        assertThat(pagedAt()).containsExactly("0m Dana L2 P1");
        TimelineEvent skip = incident.timeline().stream().filter(e -> e.type() == Type.LEVEL_SKIPPED)
                .findFirst().orElseThrow();
        assertThat(skip.level()).isEqualTo(1);
        assertThat(skip.description()).contains("nobody to page").contains("'Nights' has nobody on call")
                .contains("role 'no_such_role' is not in the roster");
        assertThat(incident.nextDueAt()).contains(T0.plus(Duration.ofMinutes(30)));
    }

    @Test
    @DisplayName("repeat alerts are counted on the open incident in one summarised timeline event")
    void repeatsDeduplicated() {
        IncidentManager manager = manager();
        Incident first = manager.trigger(alert("db"), THREE_LEVELS);
        for (int i = 0; i < 1000; i++) {
            time.advance(Duration.ofSeconds(1));
            assertThat(manager.trigger(alert("db"), THREE_LEVELS).id()).isEqualTo(first.id());
        }
        Incident incident = manager.find(first.id()).orElseThrow();
        assertThat(incident.alertCount()).isEqualTo(1001);
        assertThat(incident.lastSeenAt()).isEqualTo(T0.plusSeconds(1000));
        assertThat(incident.timeline()).filteredOn(e -> e.type() == Type.REPEAT_ALERTS).singleElement()
                .satisfies(e -> {
                    assertThat(e.count()).isEqualTo(1000);
                    assertThat(e.at()).isEqualTo(T0.plusSeconds(1));
                    assertThat(e.description()).isEqualTo("Alert repeated 1000 times, last at " + T0.plusSeconds(1000));
                });
        assertThat(incident.timeline()).hasSizeLessThan(10);
        manager.resolve(first.id(), "Alice");
        assertThat(manager.trigger(alert("db"), THREE_LEVELS).id()).isNotEqualTo(first.id());
    }

    @Test
    @DisplayName("a low-urgency incident pages level 1 only and never escalates")
    void lowUrgency() {
        IncidentManager manager = manager();
        Incident incident = manager.trigger(alert("disk").toBuilder().urgency(Urgency.LOW).build(), THREE_LEVELS);
        time.advance(Duration.ofHours(10));
        assertThat(pagedAt()).containsExactly("0m Alice L1 P1");
        assertThat(pager.pages().get(0).highUrgency()).isFalse();
        assertThat(manager.find(incident.id()).orElseThrow().nextDueAt()).isEmpty();
    }

    @Test
    @DisplayName("an on-call participant's escalation delay replaces the level's timeout")
    void participantEscalationDelay() {
        Roster delayed = Roster.builder()
                .schedule("Backend On-Call", at -> Optional.of(OnCallPerson.of("Bob", Duration.ofMinutes(5))))
                .role("engineering_lead", "Dana").role("vp_engineering", "Victor").build();
        IncidentManager manager = manager(delayed);
        manager.trigger(alert("db"), THREE_LEVELS);
        time.advance(Duration.ofMinutes(6));
        assertThat(pagedAt()).containsExactly("0m Bob L1 P1", "5m Dana L2 P1");
    }

    @Test
    @DisplayName("escalate pages the next level now; reassign pages a person or a level")
    void escalateAndReassign() {
        IncidentManager manager = manager();
        Incident incident = manager.trigger(alert("db"), THREE_LEVELS);
        manager.escalate(incident.id(), "Alice");
        assertThat(pagedAt()).containsExactly("0m Alice L1 P1", "0m Dana L2 P1");
        time.advance(Duration.ofMinutes(1));
        manager.reassign(incident.id(), "Dana", "Erin");
        Incident same = manager.reassign(incident.id(), "Dana", "Erin");
        assertThat(same.assignee()).contains("Erin");
        assertThat(pagedAt()).containsExactly("0m Alice L1 P1", "0m Dana L2 P1", "1m Erin L2 P2");
        manager.reassign(incident.id(), "Erin", 3);
        manager.reassign(incident.id(), "Erin", 3);
        assertThat(pagedAt()).endsWith("1m Victor L3 P2").hasSize(4);
        manager.addNote(incident.id(), "Erin", "checking replication lag");
        assertThat(manager.find(incident.id()).orElseThrow().timeline()).extracting(TimelineEvent::type)
                .contains(Type.ESCALATED, Type.REASSIGNED, Type.NOTE);
    }

    @Test
    @DisplayName("a failing pager is recorded on the timeline and retried with backoff, without stopping the engine")
    void failingPager() {
        pager.failNext(2);
        IncidentManager manager = manager();
        Incident incident = manager.trigger(alert("db"), THREE_LEVELS);
        assertThat(pager.pages()).isEmpty();
        time.advance(Duration.ofSeconds(30));
        assertThat(pager.pages()).isEmpty();
        time.advance(Duration.ofSeconds(60));
        assertThat(pagedAt()).containsExactly("0m Alice L1 P1");
        assertThat(pager.attempts()).hasSize(3);
        List<TimelineEvent> timeline = manager.find(incident.id()).orElseThrow().timeline();
        assertThat(timeline).filteredOn(e -> e.type() == Type.PAGE_FAILED).hasSize(2)
                .first().satisfies(e -> assertThat(e.description())
                        .contains("Paging Alice at level 1 (pass 1) failed").contains("retrying in 30s"));
        assertThat(timeline).filteredOn(e -> e.type() == Type.PAGE_DELIVERED).singleElement()
                .satisfies(e -> assertThat(e.at()).isEqualTo(T0.plusSeconds(90)));
        time.advance(Duration.ofMinutes(15));
        assertThat(pagedAt()).containsExactly("0m Alice L1 P1", "15m Dana L2 P1");
    }

    @Test
    @DisplayName("a slow pager neither blocks triggers nor delays other incidents; a call past its deadline is retried")
    void slowPager() {
        pager.slow(Duration.ofMinutes(2), time);
        IncidentManager manager = IncidentManager.builder().timers(time).pager(pager)
                .store(store).roster(roster).pageDeadline(Duration.ofSeconds(30)).maxPageAttempts(2).build();
        Incident first = manager.trigger(alert("db"), THREE_LEVELS);
        Incident second = manager.trigger(alert("cache"), THREE_LEVELS);
        assertThat(time.now()).isEqualTo(T0);
        assertThat(pager.attempts()).hasSize(2);
        time.advance(Duration.ofMinutes(15));
        assertThat(pager.attempts()).extracting(p -> p.incidentId() + " L" + p.level())
                .contains(first.id() + " L2", second.id() + " L2");
        assertThat(pager.attempts()).filteredOn(p -> p.level() == 2).allSatisfy(p ->
                assertThat(p.at()).isEqualTo(T0.plus(Duration.ofMinutes(15))));
        List<TimelineEvent> timeline = manager.find(first.id()).orElseThrow().timeline();
        assertThat(timeline).filteredOn(e -> e.type() == Type.PAGE_FAILED && e.level() == 1)
                .extracting(TimelineEvent::detail)
                .containsExactly("no answer within 30s; attempt 1 of 2, retrying in 30s",
                        "no answer within 30s; attempt 2 of 2, giving up");
        // Both calls did reach Alice, two minutes late: the first late answer is recorded (B10), once.
        assertThat(timeline).filteredOn(e -> e.type() == Type.PAGE_DELIVERED && e.level() == 1).singleElement()
                .satisfies(e -> {
                    assertThat(e.detail()).isEqualTo("attempt 1 answered after the 30s deadline");
                    assertThat(e.at()).isEqualTo(T0.plus(Duration.ofMinutes(2)));
                });
    }
}
