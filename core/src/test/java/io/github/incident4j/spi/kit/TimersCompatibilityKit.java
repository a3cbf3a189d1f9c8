package io.github.incident4j.spi.kit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.spi.Timers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Timers} must do: run tasks at their instant and never before, in instant order (ties in order
 * of scheduling), a past instant at once, never a cancelled task, go on after a task throws, and let time pass on
 * its clock in {@code sleep}. Extend it with a fresh timers and a way to wait for scheduled tasks: a virtual clock
 * advances, a real one waits on the latch with a deadline (no fixed sleeps).
 *
 * <pre>{@code
 * class MyTimersTest extends TimersCompatibilityKit {
 *     protected Timers createTimers() { return new MyTimers(); }
 *     protected void await(CountDownLatch done, Instant lastDue) throws InterruptedException {
 *         assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
 *     }
 * }
 * }</pre>
 */
public abstract class TimersCompatibilityKit {

    /** The step between the instants the kit schedules at: small for real clocks, exact for virtual ones. */
    protected static final Duration STEP = Duration.ofMillis(20);

    protected Timers timers;

    /** Fresh timers. */
    protected abstract Timers createTimers();

    /**
     * Waits until {@code done} reaches zero: every task the kit scheduled, the last at {@code lastDue}, has run. A
     * virtual clock advances to {@code lastDue}; a real one waits on the latch with a generous deadline. Fails if the
     * tasks do not all run.
     */
    protected abstract void await(CountDownLatch done, Instant lastDue) throws InterruptedException;

    /** Releases the timers (a real scheduler's thread, say); by default nothing. */
    protected void release(Timers used) {
    }

    @BeforeEach
    void createFreshTimers() {
        timers = createTimers();
    }

    @AfterEach
    void releaseTimers() {
        release(timers);
    }

    @Test
    @DisplayName("a task runs at its instant or after, never before, by the timers' own clock")
    void neverEarly() throws InterruptedException {
        Instant at = timers.clock().instant().plus(STEP.multipliedBy(2));
        List<Instant> ranAt = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        timers.schedule(at, () -> {
            ranAt.add(timers.clock().instant());
            done.countDown();
        });
        await(done, at);
        assertThat(ranAt).singleElement().satisfies(t -> assertThat(t).isAfterOrEqualTo(at));
    }

    @Test
    @DisplayName("tasks run in the order of their instants, and tasks at one instant in the order they were scheduled")
    void order() throws InterruptedException {
        Instant now = timers.clock().instant();
        List<String> ran = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        timers.schedule(now.plus(STEP.multipliedBy(3)), () -> ran.add("third"));
        timers.schedule(now.plus(STEP), () -> ran.add("first"));
        timers.schedule(now.plus(STEP), () -> ran.add("first, scheduled later"));
        timers.schedule(now.plus(STEP.multipliedBy(2)), () -> ran.add("second"));
        timers.schedule(now.plus(STEP.multipliedBy(3)), done::countDown);   // after "third": same instant, later
        await(done, now.plus(STEP.multipliedBy(3)));
        assertThat(ran).containsExactly("first", "first, scheduled later", "second", "third");
    }

    @Test
    @DisplayName("a task whose instant is past runs at once")
    void pastRunsAtOnce() throws InterruptedException {
        Instant now = timers.clock().instant();
        CountDownLatch done = new CountDownLatch(1);
        timers.schedule(now.minus(Duration.ofMinutes(5)), done::countDown);
        await(done, now);
        assertThat(done.getCount()).isZero();
    }

    @Test
    @DisplayName("a cancelled task never runs, and cancelling twice or after the run does nothing")
    void cancelled() throws InterruptedException {
        Instant now = timers.clock().instant();
        List<String> ran = new CopyOnWriteArrayList<>();
        Timers.Scheduled off = timers.schedule(now.plus(STEP), () -> ran.add("cancelled"));
        off.cancel();
        off.cancel();
        CountDownLatch done = new CountDownLatch(1);
        Timers.Scheduled marker = timers.schedule(now.plus(STEP.multipliedBy(2)), () -> {
            ran.add("marker");
            done.countDown();
        });
        await(done, now.plus(STEP.multipliedBy(2)));
        marker.cancel();
        assertThat(ran).containsExactly("marker");
    }

    @Test
    @DisplayName("a task that throws does not stop the tasks after it")
    void throwingTask() throws InterruptedException {
        Instant now = timers.clock().instant();
        CountDownLatch done = new CountDownLatch(1);
        timers.schedule(now.plus(STEP), () -> {
            throw new IllegalStateException("a task's bug (thrown on purpose by the compatibility kit)");
        });
        timers.schedule(now.plus(STEP.multipliedBy(2)), done::countDown);
        await(done, now.plus(STEP.multipliedBy(2)));
        assertThat(done.getCount()).isZero();
    }

    @Test
    @DisplayName("sleep lets at least the duration pass on the timers' clock")
    void sleepPassesTime() {
        Instant before = timers.clock().instant();
        timers.sleep(STEP);
        assertThat(Duration.between(before, timers.clock().instant())).isGreaterThanOrEqualTo(STEP);
    }
}
