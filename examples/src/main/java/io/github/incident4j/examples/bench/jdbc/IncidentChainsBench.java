package io.github.incident4j.examples.bench.jdbc;

import io.github.incident4j.incident.IncidentId;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.Control;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Benchmark 7, row 1: incident4j escalation steps per second on PostgreSQL ({@link IncidentChains}), with
 * {@code instances} managers, each driven by its own JMH thread (run with {@code -t} equal to {@code instances}).
 * One operation: the thread has its instance's worker threads open {@code chainsPerOp} chains on its manager (level
 * 1 paged, even chains acknowledged) and advances the shared virtual time by a minute, which fires the due levels 2 and 3 of every
 * manager's chains. Score to read: the {@code pages} counter, pages sent per second by all threads, i.e. steps per
 * second, each paged through the durable outbox. Chains that ended are resolved outside the measured time.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class IncidentChainsBench {

    /** The managers, their store and the shared virtual time, one PostgreSQL per trial. */
    @State(Scope.Benchmark)
    public static class World {
        /** Service instances (managers), each with its own pool. */
        @Param({"1", "2", "4"})
        public int instances = 1;

        IncidentChains chains;

        @Setup(Level.Trial)
        public void start(BenchmarkParams params) {
            if (params.getThreads() != instances) {
                throw new IllegalStateException("run with as many threads as instances (-t " + instances + ")");
            }
            chains = new IncidentChains(instances, new ChainTally(false));
        }

        @TearDown(Level.Trial)
        public void stop() {
            chains.close();
        }
    }

    /** The calling thread's manager, its chain numbers and its chains still open. */
    @State(Scope.Thread)
    public static class Driver {
        /**
         * Chains each thread opens per operation: 256, as {@link SchedulerChainsBench} opens. An operation's phases
         * (open, then the minute that fires the due levels) follow one another, so small operations leave the
         * cores idle between them: with 16, one instance did about 1,300 steps/s where 64 and 256 do 3,700–4,000.
         */
        @Param({"256"})
        public int chainsPerOp = 256;

        int instance;
        long next;
        final Deque<Opened> open = new ArrayDeque<>();

        record Opened(IncidentId id, Instant at) {
        }

        @Setup(Level.Trial)
        public void pick(ThreadParams thread) {
            instance = thread.getThreadIndex();
        }

        /** Resolves (unmeasured) the chains opened at least three levels ago: they have ended. */
        @Setup(Level.Invocation)
        public void resolveEnded(World world) {
            Instant cutoff = world.chains.time.now().minus(IncidentChains.STEP.multipliedBy(ChainTally.LEVELS));
            while (!open.isEmpty() && !open.peekFirst().at().isAfter(cutoff)) {
                world.chains.managers.get(instance).resolve(open.pollFirst().id(), "bench");
            }
        }
    }

    /** Pages this thread sent while JMH measured. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Counters {
        public long pages;
        final AtomicLong sent = new AtomicLong();

        @Setup(Level.Iteration)
        public void reset(World world) {
            pages = 0;
            world.chains.pager.countOnThisThread(sent);
        }
    }

    @Benchmark
    public void chains(World world, Driver d, Counters counters, Control jmh) {
        long before = counters.sent.get();
        Instant now = world.chains.time.now();
        List<Long> batch = new ArrayList<>(d.chainsPerOp);
        for (int i = 0; i < d.chainsPerOp; i++) {
            long k = d.next++;
            // unique across threads, and every other chain of each thread is even (acknowledged)
            batch.add(2 * (k * world.instances + d.instance) + (k % 2));
        }
        for (IncidentId id : world.chains.openAll(d.instance, batch)) {
            d.open.addLast(new Driver.Opened(id, now));
        }
        world.chains.time.advance(IncidentChains.STEP);
        if (jmh.startMeasurement && !jmh.stopMeasurement) {
            counters.pages += counters.sent.get() - before;
        }
    }
}
