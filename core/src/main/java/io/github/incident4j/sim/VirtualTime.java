package io.github.incident4j.sim;

import io.github.incident4j.spi.Timers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.PriorityQueue;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Time that moves only when told: a {@link Clock} and a {@link Timers} in one. {@link #advance(Duration)}
 * runs every task that falls due, in order of its instant, with the clock set to that instant while it
 * runs, so an hour of escalation runs in microseconds and every run is deterministic.
 *
 * <pre>{@code
 * VirtualTime time = VirtualTime.startingAt(Instant.parse("2026-03-02T09:00:00Z"));
 * IncidentManager manager = IncidentManager.builder().timers(time)...build();
 * time.advance(Duration.ofMinutes(15));   // level 2 is paged now
 * }</pre>
 *
 * <p>Thread-safe: tasks may be scheduled from any thread; they run on the thread that calls
 * {@code advance}. A task that throws is logged and does not stop the others.
 */
public final class VirtualTime implements Timers {

    private static final Logger LOG = LoggerFactory.getLogger(VirtualTime.class);

    private final Object lock = new Object();
    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    /**
     * Cancelled entries still in the queue. Cancelling only marks an entry (removing it from a binary heap is
     * a linear search), and the queue drops marked entries when they reach its head or, all at once, when they
     * are half of it: a cancellation costs O(1) amortized however many tasks wait (a slow pager leaves one page
     * deadline waiting per page in flight).
     */
    private int cancelledCount;
    private Instant now;
    private long sequence;

    private VirtualTime(Instant start) {
        this.now = start;
    }

    /** Virtual time standing at {@code start}. */
    public static VirtualTime startingAt(Instant start) {
        return new VirtualTime(Objects.requireNonNull(start, "start"));
    }

    /** The current virtual instant. */
    public Instant now() {
        synchronized (lock) {
            return now;
        }
    }

    /** A clock in UTC that reads this virtual time. */
    @Override
    public Clock clock() {
        return clock(ZoneOffset.UTC);
    }

    /** A clock in {@code zone} that reads this virtual time. */
    public Clock clock(ZoneId zone) {
        return new VirtualClock(this, zone);
    }

    @Override
    public Scheduled schedule(Instant at, Runnable task) {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(task, "task");
        Entry entry;
        synchronized (lock) {
            entry = new Entry(at, sequence++, task);
            queue.add(entry);
        }
        return entry;
    }

    /** In virtual time, sleeping is advancing. */
    @Override
    public void sleep(Duration duration) {
        advance(duration);
    }

    /**
     * Moves time forward by {@code duration}, running every task due up to the new instant in order.
     *
     * @throws IllegalArgumentException for a negative duration
     */
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("cannot advance virtual time by a negative duration: " + duration);
        }
        advanceTo(now().plus(duration));
    }

    /** Moves time forward to {@code target} (no-op if it is not later), running what falls due. */
    public void advanceTo(Instant target) {
        while (true) {
            Entry next;
            synchronized (lock) {
                next = head();
                if (next == null || next.at.isAfter(target)) {
                    if (target.isAfter(now)) {
                        now = target;
                    }
                    return;
                }
                queue.poll();
                next.queued = false;
                if (next.at.isAfter(now)) {
                    now = next.at;
                }
            }
            try {
                next.task.run();
            } catch (RuntimeException e) {
                LOG.warn("virtual timer task due at {} failed", next.at, e);
            }
        }
    }

    /** Runs everything that is due now without moving time. */
    public void runDue() {
        advanceTo(now());
    }

    /** How many tasks are waiting. */
    public int pending() {
        synchronized (lock) {
            return queue.size() - cancelledCount;
        }
    }

    /** The instant of the next waiting task, if any. */
    public java.util.Optional<Instant> nextDue() {
        synchronized (lock) {
            Entry e = head();
            return e == null ? java.util.Optional.empty() : java.util.Optional.of(e.at);
        }
    }

    /** The earliest task that is not cancelled, after dropping the cancelled ones before it. Under the lock. */
    private @Nullable Entry head() {
        Entry e = queue.peek();
        while (e != null && e.cancelled) {
            queue.poll();
            e.queued = false;
            cancelledCount--;
            e = queue.peek();
        }
        return e;
    }

    /** A waiting task, which is also its own handle (one object per schedule); equal only to itself. */
    private final class Entry implements Comparable<Entry>, Scheduled {
        private final Instant at;
        private final long seq;
        private final Runnable task;
        /** In the queue (not yet run or dropped); under the lock. */
        private boolean queued = true;
        /** Cancelled, and to be dropped unrun; under the lock. */
        private boolean cancelled;

        Entry(Instant at, long seq, Runnable task) {
            this.at = at;
            this.seq = seq;
            this.task = task;
        }

        @Override
        public int compareTo(Entry o) {
            int c = at.compareTo(o.at);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }

        @Override
        public void cancel() {
            synchronized (lock) {
                if (!queued || cancelled) {
                    return; // already run, or already cancelled
                }
                if (queue.size() <= 64) {
                    // a short queue (a pager answering at once): the scan is cheaper than keeping the entry
                    queue.remove(this);
                    queued = false;
                    return;
                }
                cancelled = true;
                cancelledCount++;
                if (cancelledCount > 32 && cancelledCount * 2 > queue.size()) {
                    queue.removeIf(e -> e.cancelled);
                    cancelledCount = 0;
                }
            }
        }
    }

    private static final class VirtualClock extends Clock {
        private final VirtualTime time;
        private final ZoneId zone;

        VirtualClock(VirtualTime time, ZoneId zone) {
            this.time = time;
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId newZone) {
            return new VirtualClock(time, newZone);
        }

        @Override
        public Instant instant() {
            return time.now();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof VirtualClock other && other.time == time && other.zone.equals(zone);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(time) * 31 + zone.hashCode();
        }
    }
}
