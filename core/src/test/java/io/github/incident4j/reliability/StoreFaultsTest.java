package io.github.incident4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.escalation.Target;
import io.github.incident4j.incident.Alert;
import io.github.incident4j.incident.Incident;
import io.github.incident4j.incident.IncidentContentionException;
import io.github.incident4j.incident.IncidentId;
import io.github.incident4j.incident.IncidentManager;
import io.github.incident4j.incident.IncidentStatus;
import io.github.incident4j.incident.TimelineEvent;
import io.github.incident4j.sim.RecordingPager;
import io.github.incident4j.sim.VirtualTime;
import io.github.incident4j.spi.IncidentRecord;
import io.github.incident4j.spi.Page;
import io.github.incident4j.store.InMemoryIncidentStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@DisplayName("A store that throws on save or serves stale versions")
class StoreFaultsTest {

    private static final Logger LOG = LoggerFactory.getLogger(StoreFaultsTest.class);

    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    static final EscalationPolicy POLICY = PagerFaultsTest.POLICY;

    /** A run of incidents, half of them acknowledged a few minutes in, through a faulty store. */
    static final class Run {
        final VirtualTime time = VirtualTime.startingAt(T0);
        final RecordingPager pager = new RecordingPager();
        final InMemoryIncidentStore backing = new InMemoryIncidentStore();
        final FaultyStore store;
        final IncidentManager manager;
        final List<IncidentId> acked = new ArrayList<>();
        final List<IncidentId> ignored = new ArrayList<>();

        Run(long seed, Consumer<FaultyStore> faults) {
            this(seed, faults, 0L);
        }

        /** Incident ids drawn from {@code idSeed}: they set the order in which due incidents are processed. */
        Run(long seed, Consumer<FaultyStore> faults, long idSeed) {
            store = new FaultyStore(backing, time.clock(), seed);
            faults.accept(store);
            Random ids = new Random(idSeed);
            manager = IncidentManager.builder().timers(time).pager(pager).store(store)
                    .ids(() -> IncidentId.of("INC-" + Long.toHexString(ids.nextLong()))).build();
        }

        Run play(int incidents, long seed) {
            Random random = new Random(seed);
            List<IncidentId> toAck = new ArrayList<>();
            for (int i = 0; i < incidents; i++) {
                Alert alert = Alert.withKey("alert-" + i).service("svc").summary("problem " + i).build();
                Incident incident = FaultyStore.retrying(() -> manager.trigger(alert, POLICY));
                (random.nextBoolean() ? toAck : ignored).add(incident.id());
                time.advance(Duration.ofMinutes(1));
                if (i % 20 == 19) {
                    for (IncidentId id : toAck) {
                        Incident after = FaultyStore.retrying(() -> manager.acknowledge(id, "Alice"));
                        assertThat(after.status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
                        acked.add(id);
                    }
                    toAck.clear();
                }
            }
            time.advance(Duration.ofHours(8));
            return this;
        }

        /** Reads the truth from the backing store, past any fault. */
        Incident truth(IncidentId id) {
            return Incident.of(backing.load(id.value()).orElseThrow());
        }

        void assertNoPageTwiceNoAckLostNoStepMissed() {
            assertNoPageTwice();
            assertNoAckLostNoStepMissed();
        }

        void assertNoPageTwice() {
            assertThat(pager.deliveries()).extracting(Page::idempotencyKey).doesNotHaveDuplicates();
        }

        /** Judged on what a deduplicating receiver shows: one page per idempotency key. */
        void assertNoAckLostNoStepMissed() {
            for (IncidentId id : acked) {
                Incident incident = truth(id);
                assertThat(incident.status()).as("acknowledgement of %s", id).isEqualTo(IncidentStatus.ACKNOWLEDGED);
                Instant ackAt = incident.acknowledgedAt().orElseThrow();
                assertThat(pager.pages()).filteredOn(p -> p.incidentId().equals(id.value()))
                        .allSatisfy(p -> assertThat(p.at()).isBeforeOrEqualTo(ackAt));
            }
            for (IncidentId id : ignored) {
                assertThat(pager.pages()).filteredOn(p -> p.incidentId().equals(id.value()))
                        .as("steps paged for the never-acknowledged %s", id)
                        .extracting(p -> p.recipient() + " L" + p.level() + " P" + p.pass())
                        .containsExactly("Alice L1 P1", "Dana L2 P1", "Victor L3 P1", "Alice L1 P2", "Dana L2 P2",
                                "Victor L3 P2");
            }
        }

        void assertEveryDeliveryOnTheTimeline() {
            for (IncidentId id : ignored) {
                assertThat(truth(id).timeline()).filteredOn(t -> t.type() == TimelineEvent.Type.PAGE_DELIVERED)
                        .as("deliveries on the timeline of %s", id).hasSize(6);
            }
        }
    }

    @Test
    @DisplayName("saves failing 30% of the time before they commit: callers get the error and retry, the engine "
            + "retries its own steps; no step is missed and no acknowledgement lost")
    void savesFailingBeforeCommit() {
        Run run = new Run(11L, s -> s.failBeforeCommit(0.3)).play(Scale.pick(200, 2_000), 1L);
        run.assertNoAckLostNoStepMissed();
        assertThat(run.store.failedSaves()).isPositive();
        LOG.info("store failing before commit: {} failed saves, {} deliveries, {} of them repeats of a key",
                run.store.failedSaves(), run.pager.deliveries().size(),
                run.pager.deliveries().size() - run.pager.pages().size());
    }

    @Test
    @DisplayName("saves failing 30% of the time before they commit: nothing is paged twice")
    void noPageTwiceWithSavesFailingBeforeCommit() {
        new Run(11L, s -> s.failBeforeCommit(0.3)).play(Scale.pick(200, 2_000), 1L).assertNoPageTwice();
    }

    @Test
    @DisplayName("saves failing 30% of the time before they commit, over 8 orders of incident ids: every delivery "
            + "still reaches the timeline")
    void deliveriesReachTheTimelineDespiteFailedSaves() {
        for (long idSeed = 1; idSeed <= 8; idSeed++) {
            new Run(11L, s -> s.failBeforeCommit(0.3), idSeed).play(Scale.pick(200, 2_000), 1L)
                    .assertEveryDeliveryOnTheTimeline();
        }
    }

    @Test
    @DisplayName("reads served 30% of the time by a replica one version behind: the version check catches every "
            + "stale decision; nothing is paged twice, missed or unacknowledged")
    void staleReads() {
        Run run = new Run(12L, s -> s.staleReads(0.3)).play(Scale.pick(200, 2_000), 2L);
        run.assertNoPageTwiceNoAckLostNoStepMissed();
        assertThat(run.store.staleServed()).isPositive();
        LOG.info("stale reads: {} stale records served, {} deliveries", run.store.staleServed(),
                run.pager.deliveries().size());
    }

    @Test
    @DisplayName("a store that is down for ten minutes while a step falls due: the engine retries later, not in "
            + "a hot loop, and pages the step once the store is back")
    void storeDownForAWhile() {
        Run run = new Run(13L, s -> { });
        Incident incident = run.manager.trigger(Alert.withKey("db").service("svc").summary("s").build(), POLICY);
        run.time.advance(Duration.ofMinutes(10));
        run.store.failBeforeCommit(1.0);
        run.time.advance(Duration.ofMinutes(10));   // level 2 falls due at 15m while the store is down
        run.store.heal();
        run.time.advance(Duration.ofMinutes(5));
        assertThat(run.pager.deliveries()).extracting(Page::recipient).containsExactly("Alice", "Dana");
        assertThat(run.store.failedSaves()).as("retries at the 30s backoff while down").isBetween(5, 20);
        assertThat(run.truth(incident.id()).level()).isEqualTo(2);
        assertThat(run.pager.deliveries().get(1).at()).as("Dana paged within one backoff of the store's return")
                .isBetween(T0.plus(Duration.ofMinutes(20)), T0.plus(Duration.ofMinutes(20)).plusSeconds(30));
    }

    @Test
    @DisplayName("saves that commit but lose their answer 30% of the time: no escalation step is left unpaged (B2)")
    void savesLosingTheirAnswer() {
        Run run = new Run(14L, s -> s.failAfterCommit(0.3)).play(Scale.pick(200, 2_000), 3L);
        run.assertNoPageTwiceNoAckLostNoStepMissed();
        long withdrawn = run.backing.all().stream().flatMap(r -> r.timeline().stream())
                .filter(e -> e.kind() == IncidentRecord.EventKind.PAGE_UNSENT).count();
        assertThat(withdrawn).as("claims withdrawn unsent").isPositive();
        LOG.info("lost answers: {} saves committed without an answer, {} unsent claims withdrawn, {} deliveries",
                run.store.lostAnswers(), withdrawn, run.pager.deliveries().size());
    }

    @Test
    @DisplayName("an acknowledgement whose save commits but loses its answer is not lost: the caller's retry "
            + "finds it done")
    void acknowledgementWithLostAnswer() {
        Run run = new Run(15L, s -> { });
        Incident incident = run.manager.trigger(Alert.withKey("db").service("svc").summary("s").build(), POLICY);
        run.store.failAfterCommit(1.0);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(
                () -> run.manager.acknowledge(incident.id(), "Alice"))).isInstanceOf(FaultyStore.StoreDown.class);
        run.store.heal();
        assertThat(run.manager.acknowledge(incident.id(), "Alice").status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
        run.time.advance(Duration.ofHours(5));
        assertThat(run.pager.deliveries()).extracting(Page::recipient).containsExactly("Alice");
        assertThat(run.truth(incident.id()).timeline()).filteredOn(t -> t.type() == TimelineEvent.Type.ACKNOWLEDGED)
                .hasSize(1);
    }

    @Test
    @DisplayName("an acknowledgement decided on a stale read (an earlier acknowledgement since timed out) is not "
            + "lost")
    void acknowledgementOnStaleRead() {
        Run run = new Run(16L, s -> { });
        EscalationPolicy withAckTimeout = POLICY.toBuilder().ackTimeout(Duration.ofMinutes(30)).build();
        Incident incident = run.manager.trigger(Alert.withKey("db").service("svc").summary("s").build(),
                withAckTimeout);
        run.manager.acknowledge(incident.id(), "Alice");
        IncidentRecord firstAck = run.backing.load(incident.id().value()).orElseThrow();
        run.time.advance(Duration.ofMinutes(31));          // the ack times out: level 1 is paged again
        assertThat(run.truth(incident.id()).status()).isEqualTo(IncidentStatus.TRIGGERED);
        run.store.serveOnce(firstAck);                      // the replica still shows the first acknowledgement
        run.manager.acknowledge(incident.id(), "Alice");
        run.store.heal();
        assertThat(run.truth(incident.id()).status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
    }

    @Test
    @DisplayName("a replica that never catches up: acknowledge reports an error naming the incident and the "
            + "operation instead of retrying for ever")
    void replicaThatNeverCatchesUp() {
        Run run = new Run(17L, s -> { });
        Incident incident = run.manager.trigger(Alert.withKey("db").service("svc").summary("s").build(), POLICY);
        run.manager.addNote(incident.id(), "Alice", "looking");
        // another instance notes too, so what this manager saved last is behind the store as well as the replica
        IncidentRecord noted = run.backing.load(incident.id().value()).orElseThrow();
        run.store.save(noted.changes().append(IncidentRecord.Event.note(run.time.now(), "Bob", "me too")));
        run.store.staleReads(1.0);
        assertGivesUpAfter100Conflicts(run, incident, "acknowledge", () -> run.manager.acknowledge(incident.id(),
                "Alice"));
        run.store.heal();
        assertThat(run.truth(incident.id()).status()).isEqualTo(IncidentStatus.TRIGGERED);
        assertThat(run.manager.acknowledge(incident.id(), "Alice").status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
    }

    /** The operation throws {@link IncidentContentionException} naming incident and operation, after 100 saves. */
    private static void assertGivesUpAfter100Conflicts(Run run, Incident incident, String operation,
            org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        int before = run.store.failedSaves();
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call);
        assertThat(thrown).isInstanceOf(IncidentContentionException.class)
                .hasMessageContaining(operation).hasMessageContaining(incident.id().value());
        IncidentContentionException contention = (IncidentContentionException) thrown;
        assertThat(contention.incidentId()).isEqualTo(incident.id());
        assertThat(contention.operation()).isEqualTo(operation);
        assertThat(contention.attempts()).isEqualTo(100);
        assertThat(run.store.failedSaves() - before).as("conflicting saves before giving up").isEqualTo(100);
    }

    @Test
    @DisplayName("a replica that never catches up while an alert repeats: trigger reports an error naming the open "
            + "incident instead of retrying for ever")
    void triggerOnReplicaThatNeverCatchesUp() {
        Run run = new Run(18L, s -> { });
        Alert alert = Alert.withKey("db").service("svc").summary("s").build();
        Incident incident = run.manager.trigger(alert, POLICY);
        run.manager.trigger(alert, POLICY);                  // the repeat that the replica will keep serving
        run.store.staleReads(1.0);
        assertGivesUpAfter100Conflicts(run, incident, "trigger", () -> run.manager.trigger(alert, POLICY));
        run.store.heal();
        assertThat(run.manager.trigger(alert, POLICY).alertCount()).isEqualTo(3);
    }

    @Test
    @DisplayName("the claim of a resumed page loses its answer every time for a while: the page is sent once the "
            + "store answers, and the lost claims spend no attempt (B2)")
    void resumedClaimsLosingTheirAnswer() {
        Run run = new Run(19L, s -> { });
        run.store.failAfterCommit(1.0);
        Alert alert = Alert.withKey("db").service("svc").summary("s").build();
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> run.manager.trigger(alert, POLICY)))
                .isInstanceOf(FaultyStore.StoreDown.class);
        run.time.advance(Duration.ofMinutes(3));             // six resumes, each claim committed and unanswered
        assertThat(run.pager.deliveries()).isEmpty();
        run.store.heal();
        run.time.advance(Duration.ofMinutes(1));
        IncidentRecord stored = run.backing.findOpenByKey("db").orElseThrow();
        assertThat(run.pager.deliveries()).extracting(Page::recipient, Page::attempt).containsExactly(
                org.assertj.core.api.Assertions.tuple("Alice", 1));
        assertThat(Incident.of(stored).timeline()).extracting(TimelineEvent::type)
                .containsExactly(TimelineEvent.Type.TRIGGERED, TimelineEvent.Type.PAGE_DELIVERED);
        assertThat(stored.timeline()).extracting(IncidentRecord.Event::kind).filteredOn(IncidentRecord.EventKind.PAGE_UNSENT::equals)
                .hasSizeGreaterThanOrEqualTo(5);
    }
}
