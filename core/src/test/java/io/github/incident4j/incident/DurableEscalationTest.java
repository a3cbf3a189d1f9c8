package io.github.incident4j.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.escalation.Target;
import io.github.incident4j.sim.RecordingPager;
import io.github.incident4j.sim.VirtualTime;
import io.github.incident4j.spi.IncidentRecord;
import io.github.incident4j.spi.IncidentStore;
import io.github.incident4j.spi.Page;
import io.github.incident4j.spi.kit.EngineFixtures;
import io.github.incident4j.store.InMemoryIncidentStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The store is the source of truth")
class DurableEscalationTest {

    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    static final EscalationPolicy POLICY = EngineFixtures.PEOPLE_REPEATED;
    static final List<String> FULL_RUN = List.of("0m Alice L1 P1", "15m Dana L2 P1", "45m Victor L3 P1",
            "105m Alice L1 P2", "120m Dana L2 P2", "150m Victor L3 P2");

    final VirtualTime time = VirtualTime.startingAt(T0);
    final RecordingPager pager = new RecordingPager();
    final InMemoryIncidentStore store = new InMemoryIncidentStore();

    IncidentManager manager(IncidentStore on) {
        return IncidentManager.builder().timers(time).pager(pager).store(on).build();
    }

    List<String> deliveries() {
        return pager.deliveries().stream().map(p -> Duration.between(T0, p.at()).toMinutes() + "m " + p.recipient()
                + " L" + p.level() + " P" + p.pass()).toList();
    }

    static Alert alert(String key) {
        return Alert.withKey(key).service("payments").summary("DB down").build();
    }

    @Test
    @DisplayName("a new manager on the store resumes open escalations on time, missing none and repeating none")
    void restartResumes() {
        IncidentManager first = manager(store);
        Incident incident = first.trigger(alert("db"), POLICY);
        time.advance(Duration.ofMinutes(20));
        first.close();
        IncidentManager second = manager(store);
        time.advance(Duration.ofHours(5));
        assertThat(deliveries()).containsExactlyElementsOf(FULL_RUN);
        assertThat(second.find(incident.id()).orElseThrow().timeline())
                .filteredOn(e -> e.type() == TimelineEvent.Type.PAGE_DELIVERED).hasSize(6);
    }

    @Test
    @DisplayName("a manager started after downtime pages the overdue level once, at once, and then gives it its "
            + "full timeout: no level is paged back to back with the next, each is paged once, in order")
    void restartAfterDowntimeCatchesUp() {
        IncidentManager first = manager(store);
        first.trigger(alert("db"), POLICY);
        time.advance(Duration.ofMinutes(10));
        first.close();
        time.advance(Duration.ofMinutes(40));
        manager(store);
        time.advance(Duration.ofHours(5));
        // level 1 at 0; level 2 was due at 15 but nobody was up: paged at 50, then its 30 minutes; level 3 for 60;
        // the repeat from 140: 15, 30, 60 again
        assertThat(deliveries()).containsExactly("0m Alice L1 P1", "50m Dana L2 P1", "80m Victor L3 P1",
                "140m Alice L1 P2", "155m Dana L2 P2", "185m Victor L3 P2");
    }

    @Test
    @DisplayName("every instance down from +5 min to +50 min on a 15 min / 30 min policy: level 2 is paged at +50 "
            + "and gets its full 30 minutes, level 3 is paged at +80, not in the same second as level 2")
    void downtimeGivesLevelTwoItsFullTimeout() {
        EscalationPolicy fifteenThirty = EscalationPolicy.named("Backend")
                .level(1, Duration.ofMinutes(15), Target.person("Alice"))
                .level(2, Duration.ofMinutes(30), Target.person("Dana"))
                .level(3, Target.person("Victor"))
                .build();
        IncidentManager a = manager(store);
        IncidentManager b = manager(store);
        Incident incident = a.trigger(alert("db"), fifteenThirty);
        time.advance(Duration.ofMinutes(5));
        a.close();
        b.close();
        time.advance(Duration.ofMinutes(45));   // +50: an instance comes back
        IncidentManager back = manager(store);
        time.runDue();
        assertThat(deliveries()).containsExactly("0m Alice L1 P1", "50m Dana L2 P1");
        assertThat(back.find(incident.id()).orElseThrow().nextDueAt())
                .contains(T0.plus(Duration.ofMinutes(80)));
        time.advance(Duration.ofMinutes(29));   // +79: Dana still has a minute to acknowledge
        assertThat(deliveries()).hasSize(2);
        time.advance(Duration.ofMinutes(1));    // +80
        assertThat(deliveries()).containsExactly("0m Alice L1 P1", "50m Dana L2 P1", "80m Victor L3 P1");
        time.advance(Duration.ofHours(5));
        assertThat(deliveries()).hasSize(3);
        List<TimelineEvent> timeline = back.find(incident.id()).orElseThrow().timeline();
        assertThat(timeline).filteredOn(e -> e.type() == TimelineEvent.Type.ESCALATED)
                .extracting(e -> Duration.between(T0, e.at()).toMinutes()).containsExactly(50L, 80L);
    }

    @Test
    @DisplayName("two managers sharing one store never send the same page twice")
    void twoManagersPageOnce() {
        IncidentManager a = manager(store);
        IncidentManager b = manager(store);
        a.trigger(alert("db"), POLICY);
        b.trigger(alert("cache"), POLICY);
        IncidentManager c = manager(store);
        time.advance(Duration.ofHours(5));
        assertThat(pager.deliveries()).hasSize(12);
        assertThat(pager.deliveries()).extracting(Page::idempotencyKey).doesNotHaveDuplicates();
        assertThat(c.incidents()).hasSize(2);
    }

    @Test
    @DisplayName("a manager acting on a stale read loses the version check and pages nothing")
    void staleReadLosesVersionCheck() {
        IncidentManager a = manager(store);
        Incident incident = a.trigger(alert("db"), POLICY);
        a.close();
        // b reads the due incident, then before b saves, another engine acknowledges it
        IncidentStore racing = new DelegatingStore(store) {
            @Override
            public List<IncidentRecord> findDue(Instant at, int limit) {
                List<IncidentRecord> stale = super.findDue(at, limit);
                if (!stale.isEmpty() && stale.get(0).status() == IncidentRecord.Status.TRIGGERED) {
                    manager(store).acknowledge(incident.id(), "Alice");
                }
                return stale;
            }
        };
        manager(racing);
        time.advance(Duration.ofHours(5));
        assertThat(deliveries()).containsExactly("0m Alice L1 P1");
        Incident after = a.find(incident.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
        assertThat(after.timeline()).extracting(TimelineEvent::type).doesNotContain(TimelineEvent.Type.ESCALATED);
    }

    /** A store that forwards every call, for tests that interfere between calls. */
    static class DelegatingStore implements IncidentStore {
        private final IncidentStore delegate;

        DelegatingStore(IncidentStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<IncidentRecord> load(String id) {
            return delegate.load(id);
        }

        @Override
        public Optional<IncidentRecord> findOpenByKey(String dedupKey) {
            return delegate.findOpenByKey(dedupKey);
        }

        @Override
        public IncidentRecord save(IncidentRecord record) {
            return delegate.save(record);
        }

        @Override
        public List<IncidentRecord> findDue(Instant at, int limit) {
            return delegate.findDue(at, limit);
        }

        @Override
        public Optional<Instant> nextDueAt() {
            return delegate.nextDueAt();
        }

        @Override
        public List<IncidentRecord> all() {
            return delegate.all();
        }

        @Override
        public List<IncidentRecord> findOpen() {
            return delegate.findOpen();
        }
    }

    @Test
    @DisplayName("a starting manager resumes a page its predecessor claimed but never sent, reading only the open "
            + "incidents, not every stored one")
    void startReadsOnlyOpenIncidents() {
        IncidentManager first = manager(store);
        for (int i = 0; i < 3; i++) {
            Incident old = first.trigger(alert("old-" + i), POLICY);
            first.resolve(old.id(), "Alice");
        }
        first.close();
        IncidentManager dropping = IncidentManager.builder().timers(time).pager(pager)
                .store(store).pagerExecutor(call -> { }).build();   // claims the page, then dies before sending it
        Incident open = dropping.trigger(alert("db"), POLICY);
        dropping.close();
        int deliveredBefore = pager.deliveries().size();
        manager(new DelegatingStore(store) {
            @Override
            public List<IncidentRecord> all() {
                throw new AssertionError("a starting manager must not read every stored incident");
            }
        });
        time.advance(Duration.ofMinutes(1));
        assertThat(pager.deliveries().subList(deliveredBefore, pager.deliveries().size()))
                .extracting(p -> p.incidentId() + " " + p.recipient() + " attempt " + p.attempt())
                .containsExactly(open.id().value() + " Alice attempt 2");
    }

    @Test
    @DisplayName("a polling survivor sends a page a dead instance claimed but never sent, even on a level that "
            + "never times out (so the incident never falls due again)")
    void pollingSurvivorResumesDeadPeersPage() {
        EscalationPolicy finalLevel = EscalationPolicy.named("Final").level(1, Target.person("Victor")).build();
        IncidentManager.builder().timers(time).pager(pager).store(store)
                .pollInterval(Duration.ofMinutes(1)).build();
        IncidentManager dying = IncidentManager.builder().timers(time).pager(pager)
                .store(store).pollInterval(Duration.ofMinutes(1)).pagerExecutor(call -> { }).build();
        Incident incident = dying.trigger(alert("db"), finalLevel);   // claimed, then the instance dies unsent
        dying.close();
        time.advance(Duration.ofMinutes(2));
        assertThat(pager.deliveries()).extracting(p -> p.incidentId() + " " + p.recipient() + " attempt "
                + p.attempt()).containsExactly(incident.id().value() + " Victor attempt 2");
        time.advance(Duration.ofHours(1));
        assertThat(pager.deliveries()).hasSize(1);
    }

    /** Counts loads; says its loads are local or not, as the test needs. */
    static final class CountingStore extends DelegatingStore {
        private final boolean local;
        int loads;

        CountingStore(IncidentStore delegate, boolean local) {
            super(delegate);
            this.local = local;
        }

        @Override
        public Optional<IncidentRecord> load(String id) {
            loads++;
            return super.load(id);
        }

        @Override
        public boolean loadsAreLocal() {
            return local;
        }
    }

    @Test
    @DisplayName("across a network the engine acknowledges on the record it last saved, without a load; on a store "
            + "whose loads are local it loads afresh and keeps no copy")
    void latestRecordOnlyForRemoteStores() {
        for (boolean local : List.of(false, true)) {
            CountingStore counting = new CountingStore(new InMemoryIncidentStore(), local);
            IncidentManager m = manager(counting);
            Incident incident = m.trigger(alert("db-" + local), POLICY);
            int before = counting.loads;
            m.acknowledge(incident.id(), "Alice");
            assertThat(counting.loads - before).as("loads to acknowledge, local = " + local).isEqualTo(local ? 1 : 0);
            assertThat(m.find(incident.id()).orElseThrow().status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
            m.close();
        }
        assertThat(new InMemoryIncidentStore().loadsAreLocal()).isTrue();
    }
}
