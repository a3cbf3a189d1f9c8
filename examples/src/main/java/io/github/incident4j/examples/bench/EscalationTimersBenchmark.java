package io.github.incident4j.examples.bench;

import io.github.incident4j.incident.Alert;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;

/**
 * Benchmark 4, escalation timers: {@value #INCIDENTS} incidents through {@link EscalationScenario} on the
 * incident4j engine (virtual time, in-memory store, recording pager) and on the Quartz baseline. Each
 * invocation is one whole scenario on fresh state; the score is time per step (150,000 steps: 50,000
 * cancelled, 100,000 fired), so steps per second is its inverse. The process CPU time of each measured
 * iteration is logged too ({@link CpuTime}). Every iteration's outcome is checked after
 * it ran: every incident paged exactly the expected levels, on every side.
 *
 * <p>Two more methods measure {@link EscalationFloor}, the same state changes in bare maps with no engine, with
 * and without the page outbox's saves: what any engine keeping the decided design could reach at best, so the
 * table shows in the same run how far the target is from what the design allows.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(EscalationTimersBenchmark.STEPS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5)
@Measurement(iterations = 10)
public class EscalationTimersBenchmark {

    static final int INCIDENTS = 100_000;
    static final int STEPS = 150_000;

    /** The incident4j side. */
    @State(Scope.Thread)
    public static class EngineState {
        Alert[] alerts = new Alert[0];
        EscalationScenario.Engine engine;
        final CpuTime cpu = new CpuTime();

        @Setup(Level.Trial)
        public void alerts() {
            if (EscalationScenario.steps(INCIDENTS) != STEPS) {
                throw new IllegalStateException("STEPS does not match the scenario");
            }
            alerts = EscalationScenario.alerts(INCIDENTS);
        }

        @Setup(Level.Iteration)
        public void fresh() {
            engine = new EscalationScenario.Engine(alerts);
            cpu.start();
        }

        @TearDown(Level.Iteration)
        public void check(IterationParams iteration) {
            cpu.stop("EscalationTimersBenchmark.incident4j", iteration);
            EscalationScenario.check(engine.masks());
            engine = null;
        }
    }

    /** The floor ({@link EscalationFloor}): the scenario's state changes with no engine around them. */
    @State(Scope.Thread)
    public static class FloorState {
        Alert[] alerts = new Alert[0];
        EscalationFloor withOutbox;
        EscalationFloor withoutOutbox;
        final CpuTime cpu = new CpuTime();

        @Setup(Level.Trial)
        public void alerts() {
            alerts = EscalationScenario.alerts(INCIDENTS);
        }

        @Setup(Level.Iteration)
        public void fresh() {
            withOutbox = new EscalationFloor(alerts, true);
            withoutOutbox = new EscalationFloor(alerts, false);
            cpu.start();
        }

        @TearDown(Level.Iteration)
        public void check(BenchmarkParams benchmark, IterationParams iteration) {
            String method = benchmark.getBenchmark();
            method = method.substring(method.lastIndexOf('.') + 1);
            cpu.stop("EscalationTimersBenchmark." + method, iteration);
            // The variant this benchmark method ran must have paged every expected level.
            EscalationScenario.check((method.equals("floorWithOutbox") ? withOutbox : withoutOutbox).masks());
            withOutbox = null;
            withoutOutbox = null;
        }
    }

    /** The Quartz side. */
    @State(Scope.Thread)
    public static class QuartzState {
        QuartzEscalation quartz;
        QuartzEscalation.Run last;
        final CpuTime cpu = new CpuTime();

        @Setup(Level.Trial)
        public void start() {
            quartz = new QuartzEscalation("escalation-benchmark");
        }

        @Setup(Level.Iteration)
        public void fresh() {
            quartz.reset();
            cpu.start();
        }

        @TearDown(Level.Iteration)
        public void check(IterationParams iteration) {
            cpu.stop("EscalationTimersBenchmark.quartzBaseline", iteration);
            EscalationScenario.check(last.masks());
            if (last.cancelled.get() != INCIDENTS / 2) {
                throw new IllegalStateException("Quartz cancelled " + last.cancelled.get() + " steps");
            }
            last = null;
        }

        @TearDown(Level.Trial)
        public void stop() {
            quartz.close();
        }
    }

    @Benchmark
    public Object incident4j(EngineState s) {
        s.engine.run();
        return s.engine;
    }

    /** The floor with the outbox's claims and deliveries: 450,000 version-checked saves. */
    @Benchmark
    public Object floorWithOutbox(FloorState s) {
        s.withOutbox.run();
        return s.withOutbox;
    }

    /** The floor without them: 250,000 saves (a design that could page twice or not at all after a crash). */
    @Benchmark
    public Object floorWithoutOutbox(FloorState s) {
        s.withoutOutbox.run();
        return s.withoutOutbox;
    }

    @Benchmark
    public Object quartzBaseline(QuartzState s) {
        s.last = s.quartz.run(INCIDENTS);
        return s.last;
    }
}
