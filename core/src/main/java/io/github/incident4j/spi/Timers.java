package io.github.incident4j.spi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Wakes an engine at an instant. Engines never read ambient time or sleep on their own: they take a
 * {@link java.time.Clock} and this SPI, so a host can run them on its own scheduler and tests can run
 * them in {@link io.github.incident4j.sim.VirtualTime}, where an hour passes in microseconds.
 *
 * <p>Implementations run tasks in order of their instant (ties in order of scheduling), never before
 * their instant, and keep running later tasks when one throws.
 */
public interface Timers {

    /**
     * The clock these timers run on: what every engine built with them reads as "now" unless its builder is given
     * another. {@code VirtualTime}'s is virtual; {@code SystemTimers}' is the system clock in UTC.
     */
    Clock clock();

    /** A scheduled task that can still be called off. */
    @FunctionalInterface
    interface Scheduled {
        /** Calls the task off; does nothing if it already ran or was cancelled. */
        void cancel();
    }

    /**
     * Runs {@code task} at {@code at} (at once if {@code at} is already past).
     *
     * @return a handle to cancel the task
     */
    Scheduled schedule(Instant at, Runnable task);

    /**
     * Lets {@code duration} pass for a caller that waits synchronously (a runner polling rollout
     * status, verifying recovery over a hold window). A system implementation blocks the calling
     * thread; a virtual one advances its clock and runs what falls due meanwhile.
     */
    void sleep(Duration duration);
}
