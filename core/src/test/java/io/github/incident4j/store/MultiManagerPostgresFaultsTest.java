package io.github.incident4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.escalation.Target;
import io.github.incident4j.incident.Alert;
import io.github.incident4j.incident.Incident;
import io.github.incident4j.incident.IncidentManager;
import io.github.incident4j.incident.IncidentStatus;
import io.github.incident4j.sim.VirtualTime;
import io.github.incident4j.spi.IncidentRecord;
import io.github.incident4j.spi.Page;
import io.github.incident4j.spi.Pager;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Jepsen-style run of the documented promise for several instances (RELIABILITY.md, "Several instances: the
 * promise"): three managers, each with its own pool, on one embedded PostgreSQL and one virtual clock; alerts,
 * acknowledgements and resolutions arrive at random live managers; during storms connections are killed with
 * {@code pg_terminate_backend} just before a statement or a commit (so saves fail, some after their step was
 * decided, and idle connections die under the pools); one manager crashes (its pool refuses everything, its timers
 * still fire) and is rebuilt on the same store; the pager fails, hangs, and loses answers of pages that arrived.
 *
 * <p>Checked at the end, from the receiver's side and the stored timelines: every level of an incident nobody
 * acknowledged reached the receiver; no idempotency key arrived twice unless its delivery was unknown (each such
 * repeat is explained by a second claim of the page on the timeline); no acknowledgement that returned was lost, and
 * nothing escalated after it; one open incident per key. The default build runs it scaled down; {@code
 * -Preliability-heavy} ({@code -Dreliability.scale=full}) runs it longer with more incidents.
 */
@DisplayName("Several managers on PostgreSQL with killed connections, a crash and a faulty pager keep the promise")
class MultiManagerPostgresFaultsTest {

    private static final Logger LOG = LoggerFactory.getLogger(MultiManagerPostgresFaultsTest.class);

    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    static final EscalationPolicy POLICY = EscalationPolicy.named("Backend")
            .level(1, Duration.ofMinutes(5), Target.person("Alice"))
            .level(2, Duration.ofMinutes(5), Target.person("Bob"))
            .level(3, Target.person("Carol"))
            .build();
    static final int MAX_ATTEMPTS = 3;
    static final boolean FULL = "full".equals(System.getProperty("reliability.scale"));
    static final int MINUTES = FULL ? 480 : 120;

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    private final VirtualTime time = VirtualTime.startingAt(T0);
    private final Random random = new Random(20261207);
    private final List<TestPool> pools = new ArrayList<>();
    private final List<IncidentManager> managers = new ArrayList<>();
    /** Instance 2 runs the steps of a wake-up on three threads at once (the others one after another). */
    private final java.util.concurrent.ExecutorService stepThreads = java.util.concurrent.Executors.newFixedThreadPool(3);
    private final FlakyReceiver pager = new FlakyReceiver();
    private DataSource database;
    private volatile boolean storm;
    private int kills;

    @AfterEach
    void stop() {
        managers.forEach(IncidentManager::close);
        stepThreads.shutdownNow();
        pools.forEach(TestPool::close);
    }

    /**
     * A pager in front of a deduplicating receiver: a call other than the page's last allowed attempt fails one time
     * in four (it throws, its stage fails, it hangs, or it arrives and its answer is lost); the last attempt always
     * arrives, so every page that is sent at all reaches the receiver.
     */
    final class FlakyReceiver implements Pager {
        final Map<String, Integer> arrivals = new LinkedHashMap<>();
        final Map<String, Page> pages = new HashMap<>();
        int failures;

        @Override
        public synchronized CompletionStage<Void> send(Page page) {
            int fault = page.attempt() >= MAX_ATTEMPTS || random.nextInt(4) != 0 ? 0 : 1 + random.nextInt(4);
            if (fault != 0) {
                failures++;
            }
            if (fault == 0 || fault == 4) {
                arrivals.merge(page.idempotencyKey(), 1, Integer::sum);
                pages.put(page.idempotencyKey(), page);
            }
            return switch (fault) {
                case 0 -> CompletableFuture.completedFuture(null);
                case 1 -> throw new IllegalStateException("connection reset by the paging provider");
                case 2 -> CompletableFuture.failedFuture(new IllegalStateException("HTTP 503"));
                default -> new CompletableFuture<>(); // hangs, or arrived with its answer lost
            };
        }
    }

    /** Kills this connection's backend, from another connection, during a storm, one time in {@code odds}. */
    private void maybeKill(Connection real, int odds) {
        if (!storm || random.nextInt(odds) != 0) {
            return;
        }
        try (Connection killer = database.getConnection(); Statement s = killer.createStatement()) {
            int pid = real.unwrap(PGConnection.class).getBackendPID();
            s.execute("SELECT pg_terminate_backend(" + pid + ")");
            kills++;
        } catch (SQLException e) {
            throw new IllegalStateException("the fault injector could not kill a connection", e);
        }
    }

    /** {@code pool} with kills injected before statements and commits during storms. */
    private DataSource killing(TestPool pool) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (p, m, args) -> {
                    Object result = invoke(pool, m, args);
                    if (!m.getName().equals("getConnection")) {
                        return result;
                    }
                    Connection real = (Connection) result;
                    return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                            (cp, cm, cargs) -> {
                                if (cm.getName().equals("prepareStatement") || cm.getName().equals("commit")) {
                                    maybeKill(real, 12);
                                }
                                return invoke(real, cm, cargs);
                            });
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private IncidentManager start(int instance) {
        TestPool pool = new TestPool(database).withoutValidation();
        JdbcIncidentStore store = JdbcIncidentStore.on(killing(pool)).instanceId("instance-" + instance).build();
        store.createSchemaIfMissing();
        IncidentManager.Builder b = IncidentManager.builder().timers(time).pager(pager).store(store)
                .pollInterval(Duration.ofMinutes(1)).pageDeadline(Duration.ofSeconds(30))
                .retryBackoff(Duration.ofSeconds(30)).maxPageAttempts(MAX_ATTEMPTS);
        IncidentManager m = (instance == 2 ? b.stepExecutor(stepThreads) : b).build();
        if (instance < pools.size()) {
            pools.set(instance, pool);
            managers.set(instance, m);
        } else {
            pools.add(pool);
            managers.add(m);
        }
        return m;
    }

    @Test
    @DisplayName("every level of an unacknowledged incident reaches the receiver; a key arrives twice only after an "
            + "unknown outcome, explained on the timeline; no acknowledgement lost")
    void promiseHolds() {
        database = POSTGRES.freshDatabase();
        for (int i = 0; i < 3; i++) {
            start(i);
        }
        List<Integer> alive = new ArrayList<>(List.of(0, 1, 2));
        Set<String> ackReturned = new HashSet<>();
        Set<String> ackTried = new HashSet<>();
        int failedCalls = 0;
        int crashAt = MINUTES / 3;
        int rebuildAt = MINUTES / 2;
        for (int minute = 0; minute < MINUTES; minute++) {
            storm = minute % 20 >= 10 && minute % 20 < 16; // six minutes of kills in every twenty
            if (minute == crashAt) {
                pools.get(0).close(); // instance 0 crashes: its pool is gone, its timers still fire and fail
                alive.remove(Integer.valueOf(0));
            }
            if (minute == rebuildAt) {
                managers.get(0).close();
                start(0);
                alive.add(0);
            }
            IncidentManager m = managers.get(alive.get(random.nextInt(alive.size())));
            try {
                for (int a = random.nextInt(3); a > 0; a--) {
                    m.trigger(Alert.withKey("key-" + random.nextInt(FULL ? 200 : 40)).service("payments")
                            .summary("failing").build(), POLICY);
                }
                List<Incident> open = m.incidents().stream().filter(Incident::isOpen).toList();
                if (!open.isEmpty() && random.nextInt(4) == 0) {
                    Incident target = open.get(random.nextInt(open.size()));
                    if (target.status() == IncidentStatus.TRIGGERED && target.id().value().hashCode() % 2 == 0) {
                        ackTried.add(target.id().value());   // only even-hashed incidents are ever acknowledged
                        m.acknowledge(target.id(), "Alice");
                        ackReturned.add(target.id().value());
                    } else if (target.status() == IncidentStatus.ACKNOWLEDGED) {
                        m.resolve(target.id(), "Alice");
                    }
                }
            } catch (RuntimeException e) {
                failedCalls++; // a caller sees the store fail; what it asked may or may not have been applied
                LOG.debug("call failed during the run", e);
            }
            time.advance(Duration.ofMinutes(1));
        }
        storm = false;
        time.advance(Duration.ofHours(2));

        List<IncidentRecord> stored = managers.get(1).incidents().stream().map(Incident::record).toList();
        LOG.info("multi-manager PostgreSQL faults: {} minutes, {} incidents, {} connections killed, {} failed calls, "
                + "{} pager failures, {} keys received, {} repeats", MINUTES, stored.size(), kills, failedCalls,
                pager.failures, pager.arrivals.size(),
                pager.arrivals.values().stream().mapToInt(n -> n - 1).sum());
        assertThat(kills).as("connections killed").isGreaterThan(5);
        assertThat(stored).as("incidents").hasSizeGreaterThan(30);

        Map<String, IncidentRecord> byId = new HashMap<>();
        stored.forEach(r -> byId.put(r.id(), r));
        // no key twice, except after an unknown outcome: the resend is a second claim of the page on the timeline
        pager.arrivals.forEach((key, n) -> {
            if (n > 1) {
                Page p = pager.pages.get(key);
                assertThat(byId.get(p.incidentId()).timeline()).as("a repeat of %s is explained", key)
                        .filteredOn(e -> e.kind() == IncidentRecord.EventKind.PAGE_PENDING
                                && p.recipient().equals(e.recipient()) && e.level() == p.level()
                                && e.pass() == p.pass()).hasSizeGreaterThanOrEqualTo(n);
            }
        });
        Set<String> received = new HashSet<>();
        pager.pages.values().forEach(p -> received.add(p.incidentId() + " L" + p.level()));
        Set<String> openKeys = new HashSet<>();
        for (IncidentRecord r : stored) {
            boolean everAcked = r.timeline().stream().anyMatch(e -> e.kind() == IncidentRecord.EventKind.ACKNOWLEDGED);
            if (!everAcked && !ackTried.contains(r.id()) && r.status() != IncidentRecord.Status.RESOLVED) {
                for (int level = 1; level <= 3; level++) {
                    assertThat(received).as("level %d of unacknowledged %s reached the receiver", level, r.id())
                            .contains(r.id() + " L" + level);
                }
            }
            if (ackReturned.contains(r.id())) {
                assertThat(r.status()).as("acknowledgement of %s kept", r.id()).isIn(
                        IncidentRecord.Status.ACKNOWLEDGED, IncidentRecord.Status.RESOLVED);
            }
            if (everAcked) {
                int ack = 0;
                while (r.timeline().get(ack).kind() != IncidentRecord.EventKind.ACKNOWLEDGED) {
                    ack++;
                }
                assertThat(r.timeline().subList(ack, r.timeline().size())).as("nothing escalated after the ack of %s",
                        r.id()).noneSatisfy(e -> assertThat(e.kind()).isEqualTo(IncidentRecord.EventKind.ESCALATED));
            }
            if (r.isOpen()) {
                assertThat(openKeys.add(r.dedupKey())).as("one open incident for %s", r.dedupKey()).isTrue();
            }
        }
        assertThat(ackReturned).as("some acknowledgements returned").isNotEmpty();
    }
}
