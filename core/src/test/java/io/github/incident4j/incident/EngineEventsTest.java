package io.github.incident4j.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.common.Finding;
import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.escalation.Target;
import io.github.incident4j.sim.RecordingPager;
import io.github.incident4j.sim.VirtualTime;
import io.github.incident4j.spi.IncidentRecord;
import io.github.incident4j.spi.Page;
import io.github.incident4j.spi.kit.EngineFixtures;
import io.github.incident4j.store.InMemoryIncidentStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The engine tells its host what happens, and fails loudly")
class EngineEventsTest {

    static final Instant T0 = EngineFixtures.T0;

    final VirtualTime time = VirtualTime.startingAt(T0);
    final RecordingPager pager = new RecordingPager();
    final InMemoryIncidentStore store = new InMemoryIncidentStore();
    final RecordingListener listener = new RecordingListener();
    final Roster roster = Roster.builder()
            .schedule("Backend On-Call", at -> Optional.of(OnCallPerson.of("Alice")))
            .role("engineering_lead", "Dana")
            .build();

    static Alert alert(String key) {
        return Alert.withKey(key).service("payments").summary("DB down").build();
    }

    IncidentManager.Builder builder() {
        return IncidentManager.builder().timers(time).pager(pager).store(store).roster(roster).listener(listener);
    }

    @Test
    @DisplayName("a listener hears trigger, pages, escalation, acknowledgement and resolution in order, each with "
            + "the incident's key and service; a throwing listener does not stop the engine or the others")
    void scriptedEvents() {
        IncidentListener throwing = new IncidentListener() {
            @Override
            public void triggered(Incident incident) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void paged(Incident incident, Page page, Instant at, boolean first) {
                throw new IllegalStateException("listener bug");
            }
        };
        IncidentManager manager = IncidentManager.builder().timers(time).pager(pager).store(store).roster(roster)
                .listener(throwing).listener(listener).build();
        Incident incident = manager.trigger(alert("db"), EngineFixtures.ON_CALL_AND_ROLES);
        time.advance(Duration.ofMinutes(15));
        manager.acknowledge(incident.id(), "Dana");
        manager.acknowledge(incident.id(), "Dana");   // a repeat acknowledgement tells nothing
        manager.resolve(incident.id(), "Dana");

        assertThat(listener.events).containsExactly(
                "triggered db",
                "paged Alice L1 first",
                "escalated L2 P1: no acknowledgement at level 1",
                "paged Dana L2",
                "acknowledged by Dana",
                "resolved by Dana");
        assertThat(listener.incidents).allSatisfy(i -> {
            assertThat(i.id()).isEqualTo(incident.id());
            assertThat(i.dedupKey()).isEqualTo("db");
            assertThat(i.service()).isEqualTo("payments");
        });
        assertThat(listener.incidents.get(5).status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(pager.pages()).hasSize(2);
    }

    @Test
    @DisplayName("a wrong schedule name is reported by validate, by name, and logged at ERROR on trigger")
    void wrongScheduleName() {
        EscalationPolicy typo = EscalationPolicy.named("Backend")
                .level(1, Duration.ofMinutes(5), Target.onCall("Backend Oncall"))
                .level(2, Duration.ofMinutes(30), Target.role("engineering_lead"), Target.role("vp_engineering"))
                .build();
        IncidentManager manager = builder().validatePoliciesOnTrigger(true).build();

        List<Finding> findings = manager.validate(typo);
        assertThat(findings).extracting(Finding::code, Finding::location).containsExactly(
                org.assertj.core.groups.Tuple.tuple("unknown-target",
                        "escalation_policy 'Backend'.levels[1].targets[0]"),
                org.assertj.core.groups.Tuple.tuple("level-resolves-to-nobody", "escalation_policy 'Backend'.levels[1]"),
                org.assertj.core.groups.Tuple.tuple("unknown-target",
                        "escalation_policy 'Backend'.levels[2].targets[1]"));
        assertThat(findings.get(0).message()).contains("'Backend Oncall'").contains("is not in the roster");
        assertThat(findings.get(2).message()).contains("'vp_engineering'");
        assertThat(manager.validate(EngineFixtures.PEOPLE)).isEmpty();

        Incident incident;
        List<String> errors;
        try (LogCapture log = new LogCapture()) {
            incident = manager.trigger(alert("db"), typo);
            errors = log.errors();
        }
        assertThat(errors).anySatisfy(l -> assertThat(l).contains("db").contains("'Backend Oncall'")
                .contains("levels[1].targets[0]"));
        assertThat(errors).anySatisfy(l -> assertThat(l).contains("level 1 (pass 1) resolves to nobody")
                .contains("schedule 'Backend Oncall' is not in the roster"));
        assertThat(errors).anySatisfy(l -> assertThat(l).contains("'vp_engineering'"));
        assertThat(listener.events).containsExactly("triggered db",
                "levelSkipped L1: schedule 'Backend Oncall' is not in the roster", "paged Dana L2 first");
        assertThat(incident.level()).isEqualTo(2);
    }

    @Test
    @DisplayName("without the trigger-time check, a level that resolves to nobody is still an ERROR line and an event")
    void skipIsLoudWithoutValidation() {
        IncidentManager manager = IncidentManager.builder().timers(time).pager(pager).store(store)
                .listener(listener).build();   // no roster at all
        List<String> errors;
        try (LogCapture log = new LogCapture()) {
            manager.trigger(alert("db"), EngineFixtures.ON_CALL_AND_ROLES);
            errors = log.errors();
        }
        assertThat(errors).hasSize(7)   // 3 levels x 2 passes skipped, and the exhaustion
                .anySatisfy(l -> assertThat(l).contains("nobody could be paged"));
        assertThat(listener.events).startsWith("triggered db",
                "levelSkipped L1: schedule 'Backend On-Call' is not in the roster",
                "levelSkipped L2: role 'engineering_lead' is not in the roster")
                .endsWith("exhausted nobody paged");
        assertThat(pager.pages()).isEmpty();
    }

    @Test
    @DisplayName("a pager that always fails gives every page up with an event and an ERROR line, and the escalation "
            + "ends saying nobody could be paged, not that pages went unacknowledged")
    void pagerAlwaysFails() {
        List<Page> calls = new ArrayList<>();
        IncidentManager manager = IncidentManager.builder().timers(time).store(store).listener(listener)
                .pager(page -> {
                    calls.add(page);
                    return CompletableFuture.failedFuture(new IllegalStateException("connection refused\0"));
                })
                .maxPageAttempts(3).retryBackoff(Duration.ofSeconds(30)).build();
        Incident incident;
        List<String> errors;
        try (LogCapture log = new LogCapture()) {
            incident = manager.trigger(alert("db"), EngineFixtures.PEOPLE);
            time.advance(Duration.ofHours(3));
            errors = log.errors();
        }
        assertThat(calls).extracting(p -> p.recipient() + " #" + p.attempt()).containsExactly("Alice #1", "Alice #2",
                "Alice #3", "Dana #1", "Dana #2", "Dana #3", "Victor #1", "Victor #2", "Victor #3");
        assertThat(listener.events).filteredOn(e -> e.startsWith("pageGivenUp")).containsExactly(
                "pageGivenUp Alice #3: IllegalStateException: connection refused\\u0000",
                "pageGivenUp Dana #3: IllegalStateException: connection refused\\u0000",
                "pageGivenUp Victor #3: IllegalStateException: connection refused\\u0000");
        assertThat(listener.events).filteredOn(e -> e.startsWith("pageFailed")).hasSize(6);
        assertThat(listener.events).last().isEqualTo("exhausted nobody paged");
        assertThat(errors).filteredOn(l -> l.contains("gave up paging")).hasSize(3)
                .allSatisfy(l -> assertThat(l).contains("after 3 attempts").contains("connection refused"));
        assertThat(errors).anySatisfy(l -> assertThat(l).contains("nobody could be paged"));
        List<TimelineEvent> timeline = manager.find(incident.id()).orElseThrow().timeline();
        assertThat(timeline.get(timeline.size() - 1).description())
                .isEqualTo("Escalation stopped: nobody could be paged: no page of this incident was delivered");
        // the pager's NUL is escaped before it reaches the store, as in every store
        assertThat(timeline).filteredOn(e -> e.type() == TimelineEvent.Type.PAGE_FAILED)
                .allSatisfy(e -> assertThat(e.detail()).contains("connection refused\\u0000").doesNotContain("\0"));
    }

    @Test
    @DisplayName("an escalation whose pages were delivered still ends saying every pass went unacknowledged")
    void unacknowledgedExhaustion() {
        IncidentManager manager = builder().build();
        Incident incident = manager.trigger(alert("db"), EngineFixtures.PEOPLE);
        time.advance(Duration.ofHours(3));
        List<TimelineEvent> timeline = manager.find(incident.id()).orElseThrow().timeline();
        assertThat(timeline.get(timeline.size() - 1).description())
                .isEqualTo("Escalation stopped: every pass went unacknowledged");
        assertThat(listener.events).last().isEqualTo("exhausted");
    }

    @Test
    @DisplayName("health tells the last wake-up, the open incidents, the pages pending in outboxes and whether the "
            + "store answered")
    void health() {
        List<Runnable> answers = new ArrayList<>();
        IncidentManager manager = IncidentManager.builder().timers(time).store(store).roster(roster)
                .pageDeadline(Duration.ofHours(1))
                .pager(page -> {
                    CompletableFuture<Void> later = new CompletableFuture<>();
                    answers.add(() -> later.complete(null));
                    return later;
                }).build();
        EngineHealth start = manager.health();
        assertThat(start.lastWakeUp()).isEmpty();
        assertThat(start.storeReachable()).isTrue();
        assertThat(start.openIncidents()).isZero();

        manager.trigger(alert("db"), EngineFixtures.PEOPLE);
        manager.trigger(alert("cache"), EngineFixtures.PEOPLE);
        EngineHealth sending = manager.health();
        assertThat(sending.openIncidents()).isEqualTo(2);
        assertThat(sending.pagesPending()).isEqualTo(2);
        assertThat(sending.pagesSending()).isEqualTo(2);
        answers.forEach(Runnable::run);
        time.advance(Duration.ofMinutes(15));
        EngineHealth after = manager.health();
        assertThat(after.lastWakeUp()).contains(T0.plus(Duration.ofMinutes(15)));
        assertThat(after.pagesPending()).isEqualTo(2);   // the level-2 pages, not answered yet
        assertThat(after.at()).isEqualTo(T0.plus(Duration.ofMinutes(15)));

        IncidentManager broken = IncidentManager.builder().timers(time).pager(pager)
                .store(new DurableEscalationTest.DelegatingStore(store) {
                    @Override
                    public List<IncidentRecord> findOpen() {
                        throw new IllegalStateException("the store is down");
                    }
                }).build();
        EngineHealth down = broken.health();
        assertThat(down.storeReachable()).isFalse();
        assertThat(down.pagesPending()).isEqualTo(-1);
    }
}
