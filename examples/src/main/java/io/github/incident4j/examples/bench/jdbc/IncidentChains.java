package io.github.incident4j.examples.bench.jdbc;

import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.escalation.Target;
import io.github.incident4j.incident.Alert;
import io.github.incident4j.incident.IncidentId;
import io.github.incident4j.incident.IncidentManager;
import io.github.incident4j.incident.IncidentStatus;
import io.github.incident4j.incident.Urgency;
import io.github.incident4j.sim.VirtualTime;
import io.github.incident4j.spi.Page;
import io.github.incident4j.spi.Pager;
import io.github.incident4j.store.JdbcIncidentStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Benchmark 7's escalation chains on incident4j: {@code instances} incident managers, each on its own
 * {@link JdbcIncidentStore} and HikariCP pool, on one PostgreSQL, sharing one {@link VirtualTime} (each polls every
 * {@link #POLL}, as several instances of a service must). A chain is an incident on a policy of three levels (one
 * virtual minute each, the last without timeout): triggering it pages level 1; an even chain is then acknowledged;
 * advancing virtual time fires levels 2 and 3 of the others through the managers' wake-ups (claimed with
 * {@code findDue}, each page claimed on the durable outbox in the step's save and its delivery recorded).
 */
final class IncidentChains implements AutoCloseable {

    static final Duration STEP = Duration.ofMinutes(1);
    static final Duration POLL = Duration.ofMinutes(1);
    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    static final EscalationPolicy POLICY = EscalationPolicy.named("Chain")
            .level(1, STEP, Target.person("L1"))
            .level(2, STEP, Target.person("L2"))
            .level(3, Target.person("L3"))
            .build();
    /** Connections per instance: the caller's thread and a wake-up's, at most, use one each. */
    static final int POOL_SIZE = 2;

    final VirtualTime time = VirtualTime.startingAt(T0);
    final ChainPager pager;
    final List<IncidentManager> managers = new ArrayList<>();
    private final BenchDatabase database;

    IncidentChains(int instances, ChainTally tally) {
        this(instances, tally, UnaryOperator.identity());
    }

    /** With each instance's pool seen through {@code wrap} (e.g. to count statements). */
    IncidentChains(int instances, ChainTally tally, UnaryOperator<DataSource> wrap) {
        this.pager = new ChainPager(tally);
        this.database = BenchDatabase.start();
        for (int i = 0; i < instances; i++) {
            JdbcIncidentStore store = JdbcIncidentStore.on(wrap.apply(database.pool("incident4j", "incident4j-" + i,
                    POOL_SIZE))).instanceId("instance-" + i).build();
            store.createSchemaIfMissing();
            managers.add(IncidentManager.builder().timers(time).pager(pager).store(store).pollInterval(POLL).build());
        }
    }

    /**
     * Opens chain {@code chain} on manager {@code instance} (level 1 is paged in the trigger) and acknowledges it if
     * it is an even chain.
     */
    IncidentId open(int instance, long chain) {
        IncidentManager m = managers.get(instance);
        IncidentId id = m.trigger(Alert.withKey("chain-" + chain).service("payments").summary("checkout failing")
                .urgency(Urgency.HIGH).build(), POLICY).id();
        if (ChainTally.acknowledged(chain)
                && m.acknowledge(id, "L1").status() == IncidentStatus.ACKNOWLEDGED) {
            pager.tally.cancelled();
        }
        return id;
    }

    /** Runs {@code chains} chains to their end (spread over the managers), as the same-work test does. */
    void runToEnd(int chains) {
        runToEnd(0, chains);
    }

    /** Runs chains {@code first} .. {@code first + count - 1} to their end. */
    void runToEnd(long first, int count) {
        for (long c = first; c < first + count; c++) {
            open((int) (c % managers.size()), c);
        }
        for (int i = 0; i < ChainTally.LEVELS; i++) {
            time.advance(STEP);
        }
    }

    @Override
    public void close() {
        managers.forEach(IncidentManager::close);
        database.close();
    }

    /**
     * Delivers every page at once, tallies it by level and chain, and counts it for the JMH thread that sent it (the
     * engine sends a page on the thread that took the step).
     */
    static final class ChainPager implements Pager {
        final ChainTally tally;
        private final ThreadLocal<long @Nullable []> counter = new ThreadLocal<>();

        ChainPager(ChainTally tally) {
            this.tally = tally;
        }

        /** Counts this thread's pages in {@code into[0]} from now on. */
        void countOnThisThread(long[] into) {
            counter.set(into);
        }

        @Override
        public CompletionStage<Void> send(Page page) {
            tally.paged(page.dedupKey(), page.level());
            long[] c = counter.get();
            if (c != null) {
                c[0]++;
            }
            return Pager.NOOP.send(page);
        }
    }
}
