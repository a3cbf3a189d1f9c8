package io.github.incident4j.chaos;

import io.github.incident4j.spi.Timers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The tasks of one chaos run on the injected {@link Timers}: the chaos loop and each probe are chains of tasks, so a
 * probe that takes long (its SPI call sleeps through the timers) lets the chaos go on at its own instants, as
 * Litmus's probe goroutines run beside the experiment. Knows its pending tasks, so the runner can sleep exactly
 * until the next one, and can call them all off when the run ends.
 */
final class Agenda {

    private final Timers timers;
    private final Clock clock;
    private final Consumer<RuntimeException> onCrash;
    private final Object lock = new Object();
    private final List<Task> pending = new ArrayList<>();
    private int running;
    private boolean closed;

    Agenda(Timers timers, Clock clock, Consumer<RuntimeException> onCrash) {
        this.timers = timers;
        this.clock = clock;
        this.onCrash = onCrash;
    }

    /** A scheduled task that can be called off. */
    interface Handle {
        /** Calls the task off; nothing happens if it already ran. */
        void cancel();
    }

    /** Runs {@code body} at {@code at} (at once when past), unless the agenda is closed by then. */
    Handle at(Instant at, Runnable body) {
        Task task = new Task(at, body);
        synchronized (lock) {
            if (closed) {
                return () -> { };
            }
            pending.add(task);
        }
        task.scheduled = timers.schedule(at, task::fire);
        return task;
    }

    /** Runs {@code body} after {@code delay} (a zero or negative delay: now, after the tasks already due). */
    Handle after(Duration delay, Runnable body) {
        Instant now = clock.instant();
        return at(delay.isNegative() ? now : now.plus(delay), body);
    }

    /** The earliest instant a task of this run waits for. */
    Optional<Instant> nextWake() {
        synchronized (lock) {
            return pending.stream().map(t -> t.at).min(Instant::compareTo);
        }
    }

    /** Whether a task is running now (only observable with real timers, on another thread). */
    boolean busy() {
        synchronized (lock) {
            return running > 0;
        }
    }

    /** Calls off every pending task and refuses new ones. */
    void close() {
        List<Task> off;
        synchronized (lock) {
            closed = true;
            off = new ArrayList<>(pending);
            pending.clear();
        }
        off.forEach(Task::cancel);
    }

    private final class Task implements Handle {
        final Instant at;
        final Runnable body;
        Timers.@org.jspecify.annotations.Nullable Scheduled scheduled;
        boolean cancelled;

        Task(Instant at, Runnable body) {
            this.at = at;
            this.body = body;
        }

        void fire() {
            synchronized (lock) {
                if (cancelled || closed) {
                    return;
                }
                pending.remove(this);
                running++;
            }
            try {
                body.run();
            } catch (RuntimeException e) {
                onCrash.accept(e);
            } finally {
                synchronized (lock) {
                    running--;
                }
            }
        }

        @Override
        public void cancel() {
            Timers.Scheduled s;
            synchronized (lock) {
                cancelled = true;
                pending.remove(this);
                s = scheduled;
            }
            if (s != null) {
                s.cancel();
            }
        }
    }
}
