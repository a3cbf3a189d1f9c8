package io.github.incident4j.examples.bench.jdbc;

import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.escalation.Target;
import io.github.incident4j.incident.Alert;
import io.github.incident4j.incident.IncidentId;
import io.github.incident4j.incident.IncidentManager;
import io.github.incident4j.incident.Urgency;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Control;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Escalation throughput: each manager keeps {@code perManager} (64) open incidents on a policy of three one-minute
 * levels that repeats (practically) forever, so every incident is due again each virtual minute. One operation
 * advances the shared virtual time by a minute from the calling JMH thread, which runs the wake-ups that fall due:
 * the managers claim due incidents from the store ({@code findDue}), take the step, page the next level and record
 * the delivery. The score to read is the {@code escalations} counter: escalation pages sent per second, all threads
 * together ({@code advance} itself, the virtual minutes per second, is not additive over threads: a thread whose
 * minutes another thread already ran returns at once).
 *
 * <p>Each JMH thread advances the one shared clock, so with several threads the minutes interleave and a thread
 * may run another manager's wake-up: that is the point, managers share due work through the store. A timeline grows
 * by two events per step (escalated, page delivered), and a longer timeline makes every load and save dearer, on
 * both stores; so a thread's incidents are resolved and replaced by fresh ones, outside the measured time, once they
 * are {@link #REFRESH_AFTER} old (see {@link Population}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class JdbcEscalationBench {

    static final Duration STEP = Duration.ofMinutes(1);
    static final Duration REFRESH_AFTER = Duration.ofMinutes(16);
    static final EscalationPolicy POLICY = EscalationPolicy.named("Backend")
            .level(1, STEP, Target.person("Alice"))
            .level(2, STEP, Target.person("Bob"))
            .level(3, STEP, Target.person("Carol"))
            .repeat(1_000_000)
            .build();

    /**
     * The open incidents of the calling thread's manager. Before an invocation (outside the measured time) they are
     * resolved and replaced by fresh ones once virtual time has moved {@link #REFRESH_AFTER} past their opening,
     * so timelines stay short (two events per step) on both stores however fast each one escalates.
     */
    @State(Scope.Thread)
    public static class Population {
        /** Open incidents per manager; each advance of a minute fires one escalation step for each of them. */
        @Param({"64"})
        public int perManager = 64;

        private final List<IncidentId> open = new ArrayList<>();
        private IncidentManager manager;
        private String prefix = "";
        private long next;
        private @Nullable Instant openedAt;

        @Setup(Level.Trial)
        public void pick(SharedStore shared, ThreadParams thread) {
            manager = shared.manager(thread.getThreadIndex());
            prefix = "escalation-" + thread.getThreadIndex() + "-";
        }

        @Setup(Level.Invocation)
        public void refreshIfOld(SharedStore shared) {
            Instant now = shared.time.now();
            if (openedAt != null && now.isBefore(openedAt.plus(REFRESH_AFTER))) {
                return;
            }
            for (IncidentId id : open) {
                manager.resolve(id, "bench");
            }
            open.clear();
            for (int i = 0; i < perManager; i++) {
                Alert alert = Alert.withKey(prefix + next++).service("payments").summary("checkout failing")
                        .urgency(Urgency.HIGH).build();
                open.add(manager.trigger(alert, POLICY).id());
            }
            openedAt = now;
        }
    }

    /**
     * Escalation pages sent by this thread (see {@link CountingPager}) while JMH measured: the public field is the
     * reported counter; {@code sent} also counts the pages of the unmeasured runs JMH makes while the threads of
     * an iteration start and stop together.
     */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Counters {
        public long escalations;
        long sent;

        @Setup(Level.Iteration)
        public void reset(SharedStore shared) {
            escalations = 0;
            shared.pager.countOnThisThread(this);
        }
    }

    @Benchmark
    public void advance(SharedStore shared, Population population, Counters counters, Control jmh) {
        // population is a parameter so that JMH runs its setup on this thread, outside the measured time
        long before = counters.sent;
        shared.time.advance(STEP);
        if (jmh.startMeasurement && !jmh.stopMeasurement) {
            counters.escalations += counters.sent - before;
        }
    }
}
