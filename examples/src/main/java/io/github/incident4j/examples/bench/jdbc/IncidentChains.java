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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Benchmark 7's escalation chains on incident4j: {@code instances} incident managers, each on its own
 * {@link JdbcIncidentStore} and HikariCP pool, on one PostgreSQL, sharing one {@link VirtualTime} (each polls every
 * {@link #POLL}, as several instances of a service must). A chain is an incident on a policy of three levels (one
 * virtual minute each, the last without timeout): triggering it pages level 1; an even chain is then acknowledged;
 * advancing virtual time fires levels 2 and 3 of the others through the managers' wake-ups (claimed with
 * {@code findDue}, each page claimed on the durable outbox in the step's save and its delivery recorded). Each
 * instance has {@link #STEP_THREADS} worker threads, as db-scheduler has its execution threads: they take the alerts
 * ({@link #openAll}: trigger, page level 1, acknowledge) and the steps of a wake-up (the manager's step executor).
 */
final class IncidentChains implements AutoCloseable {

    static final Duration STEP = Duration.ofMinutes(1);
    /**
     * How often each manager polls the shared store (for work another instance made due or left behind, and for
     * unsettled pages in every open outbox, which loads every open incident). One virtual hour: the benchmark runs
     * about 40 virtual minutes a second, so that is a poll every second or two, where a host polling every minute of
     * real time polls 40 times less. A poll every virtual minute (the first version of this benchmark) was a poll
     * every 25 ms, and its outbox scans took 13% of the instances' socket time (JFR, see benchmarks-jdbc.md).
     */
    static final Duration POLL = Duration.ofHours(1);
    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    static final EscalationPolicy POLICY = EscalationPolicy.named("Chain")
            .level(1, STEP, Target.person("L1"))
            .level(2, STEP, Target.person("L2"))
            .level(3, Target.person("L3"))
            .build();
    /** Worker threads per instance (alerts and {@code IncidentManager.Builder#stepExecutor}): db-scheduler's 4. */
    static final int STEP_THREADS = 4;
    /** Connections per instance: one per worker thread, the caller's thread and the wake-up's. */
    static final int POOL_SIZE = STEP_THREADS + 2;

    final VirtualTime time = VirtualTime.startingAt(T0);
    final ChainPager pager;
    final List<IncidentManager> managers = new ArrayList<>();
    private final List<ExecutorService> stepPools = new ArrayList<>();
    private final List<Executor> workers = new ArrayList<>();
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
            ExecutorService steps = Executors.newFixedThreadPool(STEP_THREADS, daemons("incident4j-" + i + "-step-"));
            stepPools.add(steps);
            workers.add(pager.carryingCounter(steps));
            managers.add(IncidentManager.builder().timers(time).pager(pager).store(store).pollInterval(POLL)
                    .stepExecutor(workers.get(i)).build());
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

    /**
     * Opens these chains on manager {@code instance}, on its worker threads (as a service instance takes alerts on
     * several threads), and waits for them.
     */
    List<IncidentId> openAll(int instance, List<Long> chains) {
        List<CompletableFuture<IncidentId>> opening = new ArrayList<>(chains.size());
        for (long chain : chains) {
            opening.add(CompletableFuture.supplyAsync(() -> open(instance, chain), workers.get(instance)));
        }
        return opening.stream().map(CompletableFuture::join).toList();
    }

    /** Runs {@code chains} chains to their end (spread over the managers), as the same-work test does. */
    void runToEnd(int chains) {
        runToEnd(0, chains);
    }

    /** Runs chains {@code first} .. {@code first + count - 1} to their end. */
    void runToEnd(long first, int count) {
        for (int m = 0; m < managers.size(); m++) {
            List<Long> mine = new ArrayList<>();
            for (long c = first; c < first + count; c++) {
                if (c % managers.size() == m) {
                    mine.add(c);
                }
            }
            openAll(m, mine);
        }
        for (int i = 0; i < ChainTally.LEVELS; i++) {
            time.advance(STEP);
        }
    }

    /** The server of this trial. */
    BenchDatabase database() {
        return database;
    }

    @Override
    public void close() {
        managers.forEach(IncidentManager::close);
        stepPools.forEach(ExecutorService::shutdownNow);
        database.close();
    }

    private static java.util.concurrent.ThreadFactory daemons(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Delivers every page at once, tallies it by level and chain, and counts it for the JMH thread that sent it (the
     * engine sends a page on the thread that took the step; a step thread counts for the thread whose wake-up handed
     * it the step, see {@link #carryingCounter}).
     */
    static final class ChainPager implements Pager {
        final ChainTally tally;
        private final ThreadLocal<@Nullable AtomicLong> counter = new ThreadLocal<>();

        ChainPager(ChainTally tally) {
            this.tally = tally;
        }

        /** Counts this thread's pages in {@code into} from now on. */
        void countOnThisThread(AtomicLong into) {
            counter.set(into);
        }

        /** The pool, with each task counting its pages for the thread that handed it over. */
        Executor carryingCounter(Executor pool) {
            return task -> {
                AtomicLong into = counter.get();
                pool.execute(() -> {
                    counter.set(into);
                    try {
                        task.run();
                    } finally {
                        counter.remove();
                    }
                });
            };
        }

        @Override
        public CompletionStage<Void> send(Page page) {
            tally.paged(page.dedupKey(), page.level());
            AtomicLong c = counter.get();
            if (c != null) {
                c.incrementAndGet();
            }
            return Pager.NOOP.send(page);
        }
    }
}
