package io.github.incident4j.spi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@link Timers} on real time: the only class in incident4j that reads the system clock or blocks. Runs
 * tasks on a {@link ScheduledExecutorService} the host supplies, or on one daemon thread it starts when
 * asked to with {@link #startDaemon()} (and stops on {@link #close()}).
 *
 * <pre>{@code
 * try (SystemTimers timers = SystemTimers.startDaemon()) {
 *     IncidentManager manager = IncidentManager.builder().timers(timers)...build();
 * }
 * }</pre>
 */
public final class SystemTimers implements Timers, AutoCloseable {

    private final ScheduledExecutorService executor;
    private final boolean owned;
    private final Clock clock;

    private SystemTimers(ScheduledExecutorService executor, boolean owned) {
        this.executor = executor;
        this.owned = owned;
        this.clock = Clock.systemUTC();
    }

    /** Timers on the host's scheduler; {@link #close()} leaves it running. */
    public static SystemTimers on(ScheduledExecutorService executor) {
        return new SystemTimers(Objects.requireNonNull(executor, "executor"), false);
    }

    /** Timers on one daemon thread named {@code incident4j-timers}, stopped by {@link #close()}. */
    public static SystemTimers startDaemon() {
        return new SystemTimers(Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "incident4j-timers");
            t.setDaemon(true);
            return t;
        }), true);
    }

    /** The system clock in UTC. */
    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public Scheduled schedule(Instant at, Runnable task) {
        long delay = Math.max(0, Duration.between(clock.instant(), at).toNanos());
        ScheduledFuture<?> f = executor.schedule(task, delay, TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the scheduler thread if this instance started it. */
    @Override
    public void close() {
        if (owned) {
            executor.shutdownNow();
        }
    }
}
