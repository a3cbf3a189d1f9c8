package io.github.incident4j.examples.bench.jdbc;

import io.github.incident4j.incident.IncidentManager;
import io.github.incident4j.sim.VirtualTime;
import io.github.incident4j.spi.IncidentStore;
import io.github.incident4j.store.InMemoryIncidentStore;
import io.github.incident4j.store.JdbcIncidentStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * One trial's world: {@link #managers} incident managers sharing one store and one {@link VirtualTime}. On
 * {@code postgres} an embedded PostgreSQL is started once per trial, a fresh schema is created in it, and every
 * manager gets its own {@link JdbcIncidentStore} on its own HikariCP pool (as separate service instances would);
 * on {@code memory} the managers share one {@link InMemoryIncidentStore}, the in-memory reference. Managers poll
 * every {@link #POLL} so each also takes due work that another manager's activity made due.
 *
 * <p>Each manager is meant to be driven by {@link #callers} JMH threads of its own (a service instance's request
 * threads), so the thread count must equal {@code managers * callers}: {@link JdbcBenchTable} runs every count with
 * the matching {@code -t}; a run with another count is refused.
 */
@State(Scope.Benchmark)
public class SharedStore {

    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    static final Duration POLL = Duration.ofMinutes(1);
    /** Connections per manager's HikariCP pool besides one per caller: a wake-up and the outbox's poll. */
    static final int POOL_EXTRA = 1;

    /** {@code memory}: the in-memory store; {@code postgres}: the JDBC store on an embedded PostgreSQL. */
    @Param({"memory", "postgres"})
    public String store = "memory";

    /** How many managers share the store (and how many JMH threads drive them). */
    @Param({"1", "2", "4"})
    public int managers = 1;

    /** JMH threads per manager (its callers). */
    @Param({"1"})
    public int callers = 1;

    final VirtualTime time = VirtualTime.startingAt(T0);
    final CountingPager pager = new CountingPager();
    final List<IncidentManager> all = new ArrayList<>();
    private @Nullable BenchDatabase postgres;

    @Setup(Level.Trial)
    public void start(BenchmarkParams params) {
        if (params.getThreads() != managers * callers) {
            throw new IllegalStateException("run " + managers + " manager(s) of " + callers + " caller(s) with "
                    + managers * callers + " threads (-t " + managers * callers + " -p managers=" + managers
                    + " -p callers=" + callers + "), not " + params.getThreads() + "; JdbcBenchTable does this");
        }
        IncidentStore memory = new InMemoryIncidentStore();
        for (int i = 0; i < managers; i++) {
            IncidentStore s = switch (store) {
                case "memory" -> memory;
                case "postgres" -> jdbcStore(i);
                default -> throw new IllegalArgumentException("store must be memory or postgres, not " + store);
            };
            all.add(IncidentManager.builder().timers(time).pager(pager).store(s)
                    .pollInterval(POLL).build());
        }
    }

    private JdbcIncidentStore jdbcStore(int instance) {
        if (postgres == null) {
            postgres = BenchDatabase.start();
        }
        JdbcIncidentStore jdbc = JdbcIncidentStore.on(postgres.pool("bench", "bench-" + instance, callers + POOL_EXTRA))
                .instanceId("bench-" + instance).build();
        jdbc.createSchemaIfMissing();
        return jdbc;
    }

    @TearDown(Level.Trial)
    public void stop() {
        all.forEach(IncidentManager::close);
        if (postgres != null) {
            postgres.close();
        }
    }

    /** The manager driven by JMH thread {@code threadIndex} (threads 0 .. managers - 1 each drive another). */
    IncidentManager manager(int threadIndex) {
        return all.get(threadIndex % managers);
    }
}
