package io.github.incident4j.spi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Timers} on real time: the only class in incident4j that reads the system clock or blocks. Runs
 * tasks on a {@link ScheduledExecutorService} the host supplies, or on one daemon thread it starts when
 * asked to with {@link #startDaemon()} (and stops on {@link #close()}). Tasks run one at a time, in the order of
 * their instants (ties in scheduling order), so keep them short: the engine's are.
 *
 * <pre>{@code
 * try (SystemTimers timers = SystemTimers.startDaemon()) {
 *     IncidentManager manager = IncidentManager.builder().timers(timers)...build();
 * }
 * }</pre>
 */
public final class SystemTimers implements Timers, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SystemTimers.class);

    private final ScheduledExecutorService executor;
    private final boolean owned;
    private final Clock clock;
    /** Tasks not yet run, by instant and then by scheduling order. */
    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    private final Object running = new Object();
    private long sequence;

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

    /**
     * Queues the task and asks the executor to wake at its instant. The executor's own order breaks ties by the
     * moment each delay was computed, not by scheduling order, so tasks are kept here, ordered by instant and then
     * by scheduling, and each wake runs, in that order, every task due by the clock (never one before its instant).
     */
    @Override
    public Scheduled schedule(Instant at, Runnable task) {
        Entry entry;
        synchronized (queue) {
            entry = new Entry(Objects.requireNonNull(at, "at"), sequence++, Objects.requireNonNull(task, "task"));
            queue.add(entry);
            wake(entry);
        }
        return () -> {
            synchronized (queue) {
                queue.remove(entry);
                cancelWake(entry); // so a host's scheduler can shut down without waiting for it
            }
        };
    }

    private static void cancelWake(Entry entry) {
        ScheduledFuture<?> wake = entry.wake;
        if (wake != null) {
            wake.cancel(false);
        }
    }

    /** Asks the executor to run the due tasks at the entry's instant (called holding the queue's lock). */
    private void wake(Entry entry) {
        long delay = Math.max(0, Duration.between(clock.instant(), entry.at).toNanos());
        entry.wake = executor.schedule(this::runDue, delay, TimeUnit.NANOSECONDS);
    }

    /** Runs every task due by the clock, one at a time, in order; a task that throws does not stop the others. */
    private void runDue() {
        synchronized (running) {
            while (true) {
                Entry next;
                synchronized (queue) {
                    next = queue.peek();
                    if (next == null) {
                        return;
                    }
                    if (next.at.isAfter(clock.instant())) {
                        // the executor's clock ran ahead of the wall clock: wake again for this task
                        wake(next);
                        return;
                    }
                    queue.poll();
                    cancelWake(next); // run by an earlier wake: its own has nothing left to do
                }
                try {
                    next.task.run();
                } catch (RuntimeException e) {
                    LOG.warn("a timer task failed; the next ones run as usual", e);
                }
            }
        }
    }

    private static final class Entry implements Comparable<Entry> {
        private final Instant at;
        private final long seq;
        private final Runnable task;
        /** The executor's wake for this task (set under the queue's lock right after creation). */
        private @Nullable ScheduledFuture<?> wake;

        private Entry(Instant at, long seq, Runnable task) {
            this.at = at;
            this.seq = seq;
            this.task = task;
        }

        @Override
        public int compareTo(Entry o) {
            int c = at.compareTo(o.at);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
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
