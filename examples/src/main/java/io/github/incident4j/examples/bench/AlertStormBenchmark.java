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
import org.openjdk.jmh.infra.IterationParams;

/**
 * Benchmark 3, alert storm: {@value #ALERTS} alerts over {@value #KEYS} distinct keys through one
 * {@code IncidentManager} on one thread ({@link AlertStorm}). Each invocation is the whole storm on a fresh
 * manager; the score is time per alert, so alerts per second is its inverse. Each iteration checks afterwards
 * that exactly one incident per key was opened and every alert was counted. The heap side of this benchmark
 * (retained heap growth) is measured by {@link HeapProbe} in its own JVM.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(AlertStormBenchmark.ALERTS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5)
@Measurement(iterations = 10)
public class AlertStormBenchmark {

    static final int ALERTS = 1_000_000;
    static final int KEYS = 10_000;

    private Alert[] distinct = new Alert[0];
    private int[] sequence = new int[0];
    private AlertStorm storm;
    private final CpuTime cpu = new CpuTime();

    @Setup(Level.Trial)
    public void alerts() {
        distinct = AlertStorm.distinctAlerts(KEYS);
        sequence = AlertStorm.sequence(ALERTS, KEYS);
    }

    @Setup(Level.Iteration)
    public void fresh() {
        storm = new AlertStorm(distinct, sequence);
        cpu.start();
    }

    @TearDown(Level.Iteration)
    public void check(IterationParams iteration) {
        cpu.stop("AlertStormBenchmark.incident4j", iteration);
        storm.check(ALERTS);
        storm = null;
    }

    @Benchmark
    public Object incident4j() {
        storm.send(0, ALERTS);
        return storm;
    }
}
