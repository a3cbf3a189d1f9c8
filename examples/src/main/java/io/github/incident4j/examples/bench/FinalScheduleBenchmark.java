package io.github.incident4j.examples.bench;

import io.github.incident4j.oncall.Schedule;
import io.github.incident4j.oncall.Shift;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
 * Benchmark 2, final schedule: {@code shifts(from, from + 365 days)} on the schedule of {@link OnCallFixture}
 * from the rotation start, against the ical4j expansion of the same year ({@link IcalSchedule#shifts}). The
 * setup checks that both give the same list of shifts (participant, start, end, source).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FinalScheduleBenchmark {

    static final Instant FROM = OnCallFixture.ROTATION_START;
    static final Instant TO = FROM.plus(Duration.ofDays(365));

    private Schedule schedule;
    private IcalSchedule ical;

    @Setup(Level.Trial)
    public void build() {
        schedule = OnCallFixture.schedule();
        ical = OnCallFixture.ical();
        List<Shift> ours = schedule.shifts(FROM, TO);
        List<Shift> theirs = ical.shifts(FROM, TO);
        if (!ours.equals(theirs)) {
            throw new IllegalStateException("the year's shifts differ: incident4j has " + ours.size()
                    + ", the ical4j baseline " + theirs.size());
        }
    }

    @Benchmark
    public List<Shift> incident4j() {
        return schedule.shifts(FROM, TO);
    }

    @Benchmark
    public List<Shift> ical4jBaseline() {
        return ical.shifts(FROM, TO);
    }
}
