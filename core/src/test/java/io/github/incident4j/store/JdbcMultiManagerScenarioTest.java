package io.github.incident4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.escalation.Target;
import io.github.incident4j.incident.Alert;
import io.github.incident4j.incident.Incident;
import io.github.incident4j.incident.IncidentManager;
import io.github.incident4j.incident.IncidentStatus;
import io.github.incident4j.sim.RecordingPager;
import io.github.incident4j.sim.VirtualTime;
import io.github.incident4j.spi.IncidentRecord;
import io.github.incident4j.spi.IncidentStore;
import io.github.incident4j.spi.StoreUnavailableException;
import io.github.incident4j.spi.Page;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Several service instances, each an {@link IncidentManager} with its own connection pool, share one PostgreSQL
 * database and one virtual clock; alerts, acks and resolves arrive at them concurrently, and one instance dies
 * halfway.
 */
@DisplayName("Several incident managers on one PostgreSQL database")
class JdbcMultiManagerScenarioTest {

    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    static final Duration STEP = Duration.ofMinutes(5);
    static final Duration ACK_TIMEOUT = Duration.ofMinutes(10);
    /** Equal level timeouts: every due instant set later is never earlier than one set before (see below). */
    static final EscalationPolicy POLICY = EscalationPolicy.named("Backend")
            .level(1, STEP, Target.person("Alice"))
            .level(2, STEP, Target.person("Bob"))
            .level(3, STEP, Target.person("Carol"))
            .repeat(1).ackTimeout(ACK_TIMEOUT)
            .build();
    static final Set<String> ENGINE_STEPS = Set.of("ESCALATED", "ESCALATION_EXHAUSTED", "ACK_TIMEOUT");
    static final Set<String> CLOCK_SETTERS = Set.of("TRIGGERED", "ESCALATED", "ACKNOWLEDGED", "ACK_TIMEOUT");

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    final VirtualTime time = VirtualTime.startingAt(T0);
    final RecordingPager pager = new RecordingPager();
    final ExecutorService threads = Executors.newFixedThreadPool(2);
    final List<TestPool> pools = new ArrayList<>();
    final List<IncidentManager> managers = new ArrayList<>();

    @AfterEach
    void stop() {
        threads.shutdownNow();
        managers.forEach(IncidentManager::close);
        pools.forEach(TestPool::close);
    }

    void startManagers(int n) {
        DataSource database = POSTGRES.freshDatabase();
        for (int i = 0; i < n; i++) {
            TestPool pool = new TestPool(database);
            pools.add(pool);
            JdbcIncidentStore store = TestDatabases.storeOn(pool, "instance-" + i);
            managers.add(IncidentManager.builder().timers(time).pager(pager).store(store)
                    .build());
        }
    }

    static Alert alert(String key) {
        return Alert.withKey(key).service("payments").summary(key + " failing").build();
    }

    /** Runs two calls at the same moment on two threads and returns both results. */
    <T> List<T> together(Callable<T> first, Callable<T> second) {
        try {
            Future<T> a = threads.submit(first);
            Future<T> b = threads.submit(second);
            return List.of(a.get(30, TimeUnit.SECONDS), b.get(30, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
            throw new AssertionError("a concurrent call failed", e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("concurrent calls did not finish", e);
        }
    }

    @Test
    @DisplayName("three managers, concurrent triggers, acks and resolves over 4 hours, one killed halfway: "
            + "one incident per key, every page once and on time, no acknowledgement lost, timelines complete")
    void longScenario() {
        startManagers(3);
        Random random = new Random(20260302);
        List<String> keys = List.of("db-down", "cache-miss", "queue-lag", "disk-full", "cert-expiry", "5xx");
        List<Incident> results = new ArrayList<>();
        Map<String, Integer> openedBy = new HashMap<>();
        List<Integer> alive = new ArrayList<>(List.of(0, 1, 2));
        Instant killedAt = null;
        for (int minute = 0; minute < 150; minute++) {
            if (minute == 70) {
                // instance 0 dies: its pool refuses every connection; its timers still fire and fail
                pools.get(0).close();
                alive.remove(Integer.valueOf(0));
                killedAt = time.now();
            }
            int m1 = alive.get(random.nextInt(alive.size()));
            int m2 = alive.stream().filter(m -> m != m1).findFirst().orElseThrow();
            IncidentManager a = managers.get(m1);
            IncidentManager b = managers.get(m2);
            if (random.nextDouble() < 0.35) {
                String key = keys.get(random.nextInt(keys.size()));
                List<Incident> both = together(() -> a.trigger(alert(key), POLICY), () -> b.trigger(alert(key), POLICY));
                assertThat(both.get(0).id()).as("same key from two instances at once").isEqualTo(both.get(1).id());
                results.addAll(both);
                openedBy.putIfAbsent(both.get(0).id().value(), m1);
            }
            List<Incident> open = a.incidents().stream().filter(Incident::isOpen).toList();
            if (!open.isEmpty() && random.nextDouble() < 0.3) {
                Incident target = open.get(random.nextInt(open.size()));
                results.addAll(together(() -> a.acknowledge(target.id(), "Alice"),
                        () -> b.acknowledge(target.id(), "Bob")));
            }
            List<Incident> acked = open.stream().filter(i -> i.status() == IncidentStatus.ACKNOWLEDGED).toList();
            if (!acked.isEmpty() && random.nextDouble() < 0.15) {
                Incident target = acked.get(random.nextInt(acked.size()));
                results.add(b.resolve(target.id(), "Carol"));
            }
            time.advance(Duration.ofMinutes(1));
        }
        time.advance(Duration.ofHours(3));

        IncidentManager survivor = managers.get(1);
        List<Incident> all = survivor.incidents();
        Map<String, IncidentRecord> finalById = all.stream()
                .collect(Collectors.toMap(i -> i.id().value(), Incident::record));
        assertThat(all).hasSizeGreaterThan(10);

        // every page once: no idempotency key delivered twice, and each delivery is on its incident's timeline
        assertThat(pager.deliveries()).extracting(Page::idempotencyKey).doesNotHaveDuplicates();
        for (Page p : pager.deliveries()) {
            assertThat(finalById.get(p.incidentId()).timeline()).as("delivery %s recorded", p.idempotencyKey())
                    .anySatisfy(e -> {
                        assertThat(e.kind().name()).isEqualTo("PAGE_DELIVERED");
                        assertThat(e.recipient()).isEqualTo(p.recipient());
                        assertThat(e.level()).isEqualTo(p.level());
                        assertThat(e.pass()).isEqualTo(p.pass());
                    });
        }
        // one open incident per key at any time: the stored open ones have distinct keys
        assertThat(all.stream().filter(Incident::isOpen).map(Incident::dedupKey)).doesNotHaveDuplicates();

        // nothing lost: every result an operation returned is a prefix of the final record's timeline
        for (Incident r : results) {
            List<IncidentRecord.Event> finalTimeline = finalById.get(r.id().value()).timeline();
            assertThat(finalTimeline).as("timeline of %s", r.id()).startsWith(
                    r.record().timeline().toArray(IncidentRecord.Event[]::new));
            assertThat(finalById.get(r.id().value()).alertCount()).isGreaterThanOrEqualTo(r.alertCount());
        }
        assertThat(results).filteredOn(i -> i.status() == IncidentStatus.ACKNOWLEDGED).isNotEmpty();
        assertThat(results).filteredOn(i -> i.status() == IncidentStatus.RESOLVED).isNotEmpty();

        for (IncidentRecord r : finalById.values()) {
            // ordered, and every engine step exactly when due: 5m after the last level change, or the ack timeout
            Instant last = null;
            IncidentRecord.Event setter = null;
            for (IncidentRecord.Event e : r.timeline()) {
                assertThat(last == null || !e.at().isBefore(last)).as("timeline of %s ordered", r.id()).isTrue();
                last = e.at();
                if (ENGINE_STEPS.contains(e.kind().name())) {
                    Duration wait = setter.kind().name().equals("ACKNOWLEDGED") ? ACK_TIMEOUT : STEP;
                    assertThat(e.at()).as("%s of %s on time", e.kind().name(), r.id()).isEqualTo(setter.at().plus(wait));
                }
                if (CLOCK_SETTERS.contains(e.kind().name())) {
                    setter = e;
                }
            }
            // and nothing left behind: every incident ended resolved or with its escalation exhausted
            assertThat(r.nextDueAt()).as("%s still due", r.id()).isNull();
            assertThat(r.timeline().get(r.timeline().size() - 1).kind().name()).isIn("RESOLVED", "ESCALATION_EXHAUSTED",
                    "PAGE_DELIVERED");
        }

        // the survivors carried the dead instance's incidents: engine steps after its death on incidents it opened
        Instant death = killedAt;
        assertThat(openedBy.entrySet().stream().filter(e -> e.getValue() == 0)
                .flatMap(e -> finalById.get(e.getKey()).timeline().stream())
                .filter(e -> ENGINE_STEPS.contains(e.kind().name()) && e.at().isAfter(death))).isNotEmpty();
    }

    /** A store that dies (its pool closes) right after claiming due incidents, before deciding anything. */
    static IncidentStore dyingAfterClaim(JdbcIncidentStore store, TestPool pool) {
        return (IncidentStore) Proxy.newProxyInstance(IncidentStore.class.getClassLoader(),
                new Class<?>[] {IncidentStore.class}, (proxy, method, args) -> {
                    try {
                        Object result = method.invoke(store, args);
                        if (method.getName().equals("findDue")) {
                            pool.close();
                            throw new StoreUnavailableException("the instance died mid-step",
                                    new SQLException("gone", "08006"));
                        }
                        return result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    @DisplayName("an instance that dies holding claims delays those escalations by its claim lease, no more; "
            + "the others then take them, each page once")
    void deadInstanceClaimsExpire() {
        DataSource database = POSTGRES.freshDatabase();
        TestPool poolA = new TestPool(database);
        TestPool poolB = new TestPool(database);
        pools.add(poolA);
        pools.add(poolB);
        JdbcIncidentStore storeA = JdbcIncidentStore.on(poolA).instanceId("a").claimLease(Duration.ofSeconds(30))
                .build();
        storeA.createSchemaIfMissing();
        IncidentManager a = IncidentManager.builder().timers(time).pager(pager)
                .store(dyingAfterClaim(storeA, poolA)).build();
        IncidentManager b = IncidentManager.builder().timers(time).pager(pager)
                .store(TestDatabases.storeOn(poolB, "b")).build();
        managers.add(a);
        managers.add(b);
        Incident x = a.trigger(alert("x"), POLICY);
        Incident y = b.trigger(alert("y"), POLICY);
        // at 5m a wakes first (it armed its timer first), claims x and y, and dies; b finds both claimed
        time.advance(Duration.ofMinutes(5));
        assertThat(pager.deliveries()).extracting(Page::recipient).containsExactly("Alice", "Alice");
        time.advance(Duration.ofSeconds(30));
        assertThat(pager.deliveries()).extracting(p -> p.recipient() + " " + Duration.between(T0, p.at()).toSeconds())
                .containsExactly("Alice 0", "Alice 0", "Bob 330", "Bob 330");
        time.advance(Duration.ofHours(1));
        assertThat(pager.deliveries()).extracting(Page::idempotencyKey).doesNotHaveDuplicates();
        for (Incident i : List.of(x, y)) {
            List<IncidentRecord.Event> timeline = b.find(i.id()).orElseThrow().record().timeline();
            // each page is claimed (PAGE_PENDING, the outbox) in the step's own save, then settled
            assertThat(timeline).extracting(e -> e.kind().name()).containsExactly("TRIGGERED",
                    "PAGE_PENDING", "PAGE_DELIVERED", "ESCALATED", "PAGE_PENDING", "PAGE_DELIVERED", "ESCALATED",
                    "PAGE_PENDING", "PAGE_DELIVERED", "ESCALATED", "PAGE_PENDING", "PAGE_DELIVERED", "ESCALATED",
                    "PAGE_PENDING", "PAGE_DELIVERED", "ESCALATED", "PAGE_PENDING", "PAGE_DELIVERED",
                    "ESCALATION_EXHAUSTED");
            // each level gets its full timeout from when it was paged: level 2 was paged late (5m30s, once the dead
            // instance's claim lapsed), so level 3 follows at 10m30s
            assertThat(timeline.get(6).at()).isEqualTo(T0.plus(Duration.ofSeconds(630)));
        }
    }
}
