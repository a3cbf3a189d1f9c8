package io.github.incident4j.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.escalation.Target;
import io.github.incident4j.sim.RecordingPager;
import io.github.incident4j.sim.VirtualTime;
import io.github.incident4j.spi.IncidentRecord;
import io.github.incident4j.spi.IncidentStore;
import io.github.incident4j.spi.Page;
import io.github.incident4j.spi.Pager;
import io.github.incident4j.spi.StoreUnavailableException;
import io.github.incident4j.spi.kit.EngineFixtures;
import io.github.incident4j.store.InMemoryIncidentStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Pages decided by a step are in the store (the outbox) until delivered or given up")
class PageOutboxTest {

    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    static final Duration DEADLINE = Duration.ofSeconds(30);
    static final EscalationPolicy POLICY = EngineFixtures.PEOPLE;

    final VirtualTime time = VirtualTime.startingAt(T0);
    final InMemoryIncidentStore store = new InMemoryIncidentStore();
    final RecordingPager pager = new RecordingPager();
    /** Every call, as "minutes:seconds recipient Lx Py #attempt", at the virtual instant it was made. */
    final List<String> calls = new ArrayList<>();

    IncidentManager manager(Pager using) {
        return IncidentManager.builder().timers(time).store(store).pageDeadline(DEADLINE)
                .retryBackoff(Duration.ofSeconds(30)).maxPageAttempts(4).pager(page -> {
                    Duration since = Duration.between(T0, time.now());
                    calls.add(since.toMinutes() + ":" + since.toSecondsPart() + " " + page.recipient() + " L"
                            + page.level() + " P" + page.pass() + " #" + page.attempt());
                    return using.send(page);
                }).build();
    }

    static Alert alert(String key) {
        return Alert.withKey(key).service("payments").summary("DB down").build();
    }

    /**
     * A pager that "kills" its manager on the first send to {@code victim}: closes it and throws, as if the
     * process died after the step was saved and before the page went out. It checks that the page is in the
     * store before the call.
     */
    final class Killer implements Pager {
        final AtomicReference<IncidentManager> owner = new AtomicReference<>();
        final String victim;
        boolean killed;
        boolean claimedBeforeSend;

        Killer(String victim) {
            this.victim = victim;
        }

        @Override
        public CompletionStage<Void> send(Page page) {
            if (!killed && page.recipient().equals(victim)) {
                killed = true;
                IncidentRecord stored = store.load(page.incidentId()).orElseThrow();
                claimedBeforeSend = stored.timeline().stream().anyMatch(e -> e.kind() == PageOutbox.PENDING
                        && victim.equals(e.recipient()) && e.level() == page.level() && e.pass() == page.pass());
                owner.get().close();
                throw new IllegalStateException("the process died");
            }
            return pager.send(page);
        }
    }

    /** A manager that dies on its first page to {@code victim}; its killer tells what happened. */
    Killer dying(String victim) {
        Killer killer = new Killer(victim);
        killer.owner.set(manager(killer));
        return killer;
    }

    List<String> delivered(String recipient) {
        return pager.deliveries().stream().filter(p -> p.recipient().equals(recipient))
                .map(Page::idempotencyKey).toList();
    }

    @Test
    @DisplayName("a manager dying between the save of a step and its page: a new manager on the store delivers "
            + "that page once, within the page deadline, and the escalation goes on on time")
    void crashBetweenSaveAndSend() {
        Killer killer = dying("Dana");
        Incident incident = killer.owner.get().trigger(alert("db"), POLICY);
        time.advance(Duration.ofMinutes(15));
        assertThat(killer.killed).isTrue();
        assertThat(killer.claimedBeforeSend).as("the page was saved with the step, before the call").isTrue();
        assertThat(delivered("Dana")).isEmpty();

        IncidentManager second = manager(pager);
        time.advance(Duration.ofHours(3));

        assertThat(delivered("Dana")).containsExactly(incident.id().value() + "/1/2/Dana");
        assertThat(calls).containsExactly("0:0 Alice L1 P1 #1", "15:0 Dana L2 P1 #1", "15:30 Dana L2 P1 #2",
                "45:0 Victor L3 P1 #1");
        Incident after = second.find(incident.id()).orElseThrow();
        assertThat(after.timeline()).filteredOn(e -> e.type() == TimelineEvent.Type.PAGE_DELIVERED)
                .extracting(TimelineEvent::description, TimelineEvent::detail)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Paged Alice at level 1 (pass 1)", null),
                        org.assertj.core.groups.Tuple.tuple("Paged Dana at level 2 (pass 1)", "attempt 2"),
                        org.assertj.core.groups.Tuple.tuple("Paged Victor at level 3 (pass 1)", null));
        assertThat(after.timeline()).extracting(TimelineEvent::type).doesNotContain(TimelineEvent.Type.PAGE_FAILED)
                .endsWith(TimelineEvent.Type.ESCALATION_EXHAUSTED);
        assertThat(after.record().timeline()).extracting(IncidentRecord.Event::kind)
                .filteredOn(PageOutbox.PENDING::equals).hasSize(4);
    }

    @Test
    @DisplayName("a manager built after the page deadline has passed sends the orphaned page at once")
    void lateRestartSendsAtOnce() {
        Killer killer = dying("Alice");
        killer.owner.get().trigger(alert("db"), POLICY);
        time.advance(Duration.ofMinutes(5));

        manager(pager);
        assertThat(calls).containsExactly("0:0 Alice L1 P1 #1", "5:0 Alice L1 P1 #2");
        time.advance(Duration.ofHours(2));
        assertThat(pager.recipients()).containsExactly("Alice", "Dana", "Victor");
        assertThat(pager.deliveries()).hasSize(3);
    }

    @Test
    @DisplayName("a failing pager, then a restart: the new manager goes on with the retries on their backoff, "
            + "up to maxPageAttempts in all, and records the page failed when they are used up")
    void retriesSurviveARestart() {
        pager.failNext(100);
        IncidentManager first = manager(pager);
        Incident incident = first.trigger(alert("db"), POLICY);
        time.advance(Duration.ofSeconds(10));
        first.close();

        IncidentManager second = manager(pager);
        time.advance(Duration.ofMinutes(10));

        assertThat(calls).containsExactly("0:0 Alice L1 P1 #1", "0:30 Alice L1 P1 #2", "1:30 Alice L1 P1 #3",
                "3:30 Alice L1 P1 #4");
        List<TimelineEvent> failures = second.find(incident.id()).orElseThrow().timeline().stream()
                .filter(e -> e.type() == TimelineEvent.Type.PAGE_FAILED).toList();
        assertThat(failures).extracting(TimelineEvent::detail).containsExactly(
                "ScriptedFailure: scripted failure paging Alice; attempt 1 of 4, retrying in 30s",
                "ScriptedFailure: scripted failure paging Alice; attempt 2 of 4, retrying in 1m",
                "ScriptedFailure: scripted failure paging Alice; attempt 3 of 4, retrying in 2m",
                "ScriptedFailure: scripted failure paging Alice; attempt 4 of 4, giving up");
        assertThat(failures.get(3).at()).isEqualTo(T0.plus(Duration.ofSeconds(210)));

        // a third manager finds nothing left to send for Alice; the escalation itself goes on
        pager.recover();
        manager(pager);
        time.advance(Duration.ofMinutes(10));
        assertThat(calls).filteredOn(c -> c.contains("Alice")).hasSize(4);
        assertThat(pager.recipients()).containsExactly("Dana");
    }

    @Test
    @DisplayName("a retry that succeeds after the restart is recorded delivered, with its attempt")
    void retryDeliveredByTheNewManager() {
        pager.failNext(1);
        IncidentManager first = manager(pager);
        Incident incident = first.trigger(alert("db"), POLICY);
        first.close();
        IncidentManager second = manager(pager);
        time.advance(Duration.ofMinutes(1));
        assertThat(calls).containsExactly("0:0 Alice L1 P1 #1", "0:30 Alice L1 P1 #2");
        assertThat(second.find(incident.id()).orElseThrow().timeline())
                .filteredOn(e -> e.type() == TimelineEvent.Type.PAGE_DELIVERED).singleElement()
                .extracting(TimelineEvent::detail).isEqualTo("attempt 2");
    }

    @Test
    @DisplayName("two managers on one store with a pending page: the version check lets one send it, once")
    void twoManagersSendAPendingPageOnce() {
        Killer killer = dying("Alice");
        Incident incident = killer.owner.get().trigger(alert("db"), POLICY);

        IncidentManager b = manager(pager);
        IncidentManager c = manager(pager);
        time.advance(Duration.ofMinutes(5));

        assertThat(delivered("Alice")).containsExactly(incident.id().value() + "/1/1/Alice");
        assertThat(calls).containsExactly("0:0 Alice L1 P1 #1", "0:30 Alice L1 P1 #2");
        assertThat(store.load(incident.id().value()).orElseThrow().timeline()).extracting(IncidentRecord.Event::kind)
                .containsExactly(IncidentRecord.EventKind.TRIGGERED, PageOutbox.PENDING, PageOutbox.PENDING,
                        IncidentRecord.EventKind.PAGE_DELIVERED);
        assertThat(b.find(incident.id())).isEqualTo(c.find(incident.id()));
    }

    @Test
    @DisplayName("a pending page is dropped once the incident is acknowledged, like any retry")
    void pendingPageDroppedAfterAck() {
        Killer killer = dying("Alice");
        Incident incident = killer.owner.get().trigger(alert("db"), POLICY);
        IncidentManager second = manager(pager);
        second.acknowledge(incident.id(), "Alice");
        time.advance(Duration.ofHours(1));
        assertThat(calls).containsExactly("0:0 Alice L1 P1 #1");
    }

    @Test
    @DisplayName("a delivery the store could not record at once is recorded after the backoff, not sent again")
    void outcomeRecordedAfterAStoreOutage() {
        io.github.incident4j.stack.OutageStore flaky = new io.github.incident4j.stack.OutageStore("database restarting");
        IncidentManager manager = IncidentManager.builder().timers(time).store(flaky)
                .pager(page -> {
                    flaky.down = true; // the database goes away while the page is out
                    return pager.send(page);
                }).build();
        Incident incident = manager.trigger(alert("db"), POLICY);
        flaky.down = false;
        time.advance(Duration.ofMinutes(1));
        assertThat(pager.deliveries()).hasSize(1);
        assertThat(manager.find(incident.id()).orElseThrow().timeline()).extracting(TimelineEvent::type)
                .containsExactly(TimelineEvent.Type.TRIGGERED, TimelineEvent.Type.PAGE_DELIVERED);
        time.advance(Duration.ofMinutes(14));
        assertThat(pager.recipients()).containsExactly("Alice", "Dana");
        assertThat(pager.deliveries()).hasSize(2);
    }

    /** A store that applies the save claiming a page to {@code victim} but reports it failed (a lost ack). */
    IncidentStore losingTheAckOfAPageTo(String victim) {
        AtomicBoolean lost = new AtomicBoolean();
        return (IncidentStore) Proxy.newProxyInstance(IncidentStore.class.getClassLoader(),
                new Class<?>[] {IncidentStore.class}, (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("save") && !lost.get()
                            && ((IncidentRecord) result).timeline().stream().anyMatch(
                                    e -> e.kind() == PageOutbox.PENDING && victim.equals(e.recipient()))) {
                        lost.set(true);
                        throw new StoreUnavailableException("connection lost during commit", null);
                    }
                    return result;
                });
    }

    @Test
    @DisplayName("a step whose save was applied but reported failed (a lost commit ack) still sends its page, "
            + "within the page deadline")
    void lostCommitAcknowledgement() {
        IncidentManager manager = IncidentManager.builder().timers(time).pager(pager)
                .pageDeadline(DEADLINE).store(losingTheAckOfAPageTo("Dana")).build();
        Incident incident = manager.trigger(alert("db"), POLICY);
        time.advance(Duration.ofMinutes(15));
        assertThat(pager.recipients()).containsExactly("Alice");
        time.advance(DEADLINE);
        assertThat(pager.recipients()).containsExactly("Alice", "Dana");
        time.advance(Duration.ofHours(2));
        assertThat(pager.deliveries()).extracting(Page::idempotencyKey).doesNotHaveDuplicates().hasSize(3);
        assertThat(manager.find(incident.id()).orElseThrow().timeline()).extracting(TimelineEvent::type)
                .endsWith(TimelineEvent.Type.ESCALATION_EXHAUSTED);
    }

    @Test
    @DisplayName("repeat alerts leave the outbox alone: the stored timeline does not grow with them")
    void repeatsDoNotTouchTheOutbox() {
        IncidentManager manager = manager(pager);
        Incident incident = manager.trigger(alert("db"), POLICY);
        int before = store.load(incident.id().value()).orElseThrow().timeline().size();
        for (int i = 0; i < 1000; i++) {
            manager.trigger(alert("db"), POLICY);
        }
        assertThat(store.load(incident.id().value()).orElseThrow().timeline()).hasSize(before + 1);
        assertThat(calls).hasSize(1);
    }
}
