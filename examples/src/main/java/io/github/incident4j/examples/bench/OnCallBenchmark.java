package io.github.incident4j.examples.bench;

import io.github.incident4j.oncall.Schedule;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmark 1, who is on call: {@code onCallAt} on the schedule of {@link OnCallFixture} (five layers, 1,000
 * overrides) at pre-generated, seeded instants within two years either side of the rotation start, against
 * the ical4j baseline ({@link IcalSchedule}). Sampled (Mode.SampleTime) so the table can report the median
 * call. The setup checks that both answer alike at {@value #CHECKED} instants.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class OnCallBenchmark {

    static final int CHECKED = 1_000;

    private Schedule schedule;
    private IcalSchedule ical;
    private Instant[] queries = new Instant[0];
    private int next;

    @Setup(Level.Trial)
    public void build() {
        schedule = OnCallFixture.schedule();
        ical = OnCallFixture.ical();
        queries = OnCallFixture.queries(OnCallFixture.QUERIES, OnCallFixture.SEED + 1);
        for (int i = 0; i < CHECKED; i++) {
            Instant t = queries[i];
            if (!schedule.onCallAt(t).equals(ical.onCallAt(t))) {
                throw new IllegalStateException("at " + t + " incident4j says " + schedule.onCallAt(t)
                        + " and the ical4j baseline " + ical.onCallAt(t));
            }
        }
    }

    private Instant nextInstant() {
        Instant t = queries[next];
        next = (next + 1) & (OnCallFixture.QUERIES - 1);
        return t;
    }

    @Benchmark
    public Optional<String> incident4j() {
        return schedule.onCallAt(nextInstant());
    }

    @Benchmark
    public Optional<String> ical4jBaseline() {
        return ical.onCallAt(nextInstant());
    }
}
