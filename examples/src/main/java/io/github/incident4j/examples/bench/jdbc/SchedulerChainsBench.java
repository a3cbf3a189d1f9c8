package io.github.incident4j.examples.bench.jdbc;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Benchmark 7, row 2: db-scheduler executions per second on the same kind of PostgreSQL ({@link SchedulerChains}),
 * with {@code instances} scheduler instances of {@link SchedulerChains#THREADS} threads each. One JMH thread drives:
 * one operation schedules {@code chainsPerOp} new chains (level 1, one batch insert) and waits until at most that
 * many chains are unfinished, so the schedulers always have one to two rounds of work queued. Score to read: the
 * {@code pages} counter, executions per second (each execution is one level of one chain, i.e. one step).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class SchedulerChainsBench {

    /** The schedulers and their database, one PostgreSQL per trial. */
    @State(Scope.Benchmark)
    public static class World {
        /** Scheduler instances, each with its own pool and threads. */
        @Param({"1", "2", "4"})
        public int instances = 1;

        /** Chains scheduled per operation. */
        @Param({"256"})
        public int chainsPerOp = 256;

        SchedulerChains chains;
        long next;

        @Setup(Level.Trial)
        public void start() {
            chains = new SchedulerChains(instances, new ChainTally(false));
        }

        @TearDown(Level.Trial)
        public void stop() {
            chains.close();
        }
    }

    /** Executions counted since the iteration began. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Counters {
        public long pages;
        long start;

        @Setup(Level.Iteration)
        public void reset(World world) {
            pages = 0;
            start = world.chains.executions.get();
        }
    }

    @Benchmark
    public void chains(World world, Counters counters) {
        world.chains.open(world.next, world.chainsPerOp);
        world.next += world.chainsPerOp;
        world.chains.awaitUnfinishedAtMost(world.chainsPerOp, Duration.ofSeconds(60));
        counters.pages = world.chains.executions.get() - counters.start;
    }
}
