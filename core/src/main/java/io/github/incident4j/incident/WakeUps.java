package io.github.incident4j.incident;

import io.github.incident4j.spi.IncidentRecord;
import io.github.incident4j.spi.IncidentStore;
import io.github.incident4j.spi.Timers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The manager's wake-ups: one timer armed for the earliest due instant this manager knows of (sooner when polling
 * a shared store), and, when it fires, a step for every incident due, whose work goes to the manager. The steps of
 * one batch of due incidents run on the step executor when there is one (they are different incidents, so they
 * can run at once: on a shared store each waits on its round trips), and the wake-up waits for the batch before
 * it claims the next. A store that fails re-arms after the backoff. Thread-safe.
 */
final class WakeUps {

    private static final Logger LOG = LoggerFactory.getLogger(IncidentManager.class);
    private static final int DUE_BATCH = 256;

    private final IncidentStore store;
    private final Timers timers;
    private final Clock clock;
    private final Duration retryBackoff;
    private final @Nullable Duration pollInterval;
    private final Steps steps;
    private final EscalationDecisions decisions;
    private final PageOutbox outbox;
    private final EngineEvents events;
    private final AtomicBoolean closed;
    private final Consumer<Steps.Work> perform;
    private final @Nullable Executor stepExecutor;

    private final Object wakeLock = new Object();
    private @Nullable Instant wakeAt;
    private Timers.@Nullable Scheduled wakeHandle;
    private long wakeToken;
    private volatile @Nullable Instant lastWakeUp;

    WakeUps(IncidentStore store, Timers timers, Clock clock, Duration retryBackoff, @Nullable Duration pollInterval,
            Steps steps, EscalationDecisions decisions, PageOutbox outbox, EngineEvents events, AtomicBoolean closed,
            Consumer<Steps.Work> perform, @Nullable Executor stepExecutor) {
        this.store = store;
        this.timers = timers;
        this.clock = clock;
        this.retryBackoff = retryBackoff;
        this.pollInterval = pollInterval;
        this.steps = steps;
        this.decisions = decisions;
        this.outbox = outbox;
        this.events = events;
        this.closed = closed;
        this.perform = perform;
        this.stepExecutor = stepExecutor;
    }

    /** When this manager last woke and processed everything due without a store failure, if ever. */
    @Nullable Instant lastWakeUp() {
        return lastWakeUp;
    }

    /** Cancels the armed wake-up (the manager is closing). */
    void cancel() {
        synchronized (wakeLock) {
            if (wakeHandle != null) {
                wakeHandle.cancel();
            }
            wakeHandle = null;
            wakeAt = null;
        }
    }

    void ensureWake(Instant due) {
        if (closed.get()) {
            return;
        }
        synchronized (wakeLock) {
            if (wakeAt != null && !due.isBefore(wakeAt)) {
                return;
            }
            if (wakeHandle != null) {
                wakeHandle.cancel();
            }
            long token = ++wakeToken;
            wakeAt = due;
            wakeHandle = timers.schedule(due, () -> wake(token, due));
        }
    }

    private void wake(long token, Instant scheduledFor) {
        synchronized (wakeLock) {
            if (token != wakeToken || closed.get()) {
                return;
            }
            wakeAt = null;
            wakeHandle = null;
        }
        events.wokeUp(scheduledFor, clock.instant());
        try {
            processDue();
        } catch (RuntimeException e) {
            // The store failed (e.g. the database is restarting): the due steps are still in it, so try again
            // after the backoff rather than waiting for some other call to wake this manager.
            LOG.warn("could not read due incidents from the store; retrying in {}", retryBackoff, e);
            events.storeFailed("reading due incidents", e);
            ensureWake(clock.instant().plus(retryBackoff));
            return;
        }
        lastWakeUp = clock.instant();
        outbox.poll();
        rearm(true);
    }

    /**
     * Arms the next wake-up: the store's earliest due instant, or sooner when polling for work other
     * instances on a shared store made due (their timers do not wake this manager), or after the backoff
     * when the store cannot answer or a due step keeps failing.
     */
    void rearm(boolean afterProcessing) {
        if (closed.get()) {
            return;
        }
        Instant next;
        try {
            next = store.nextDueAt().orElse(null);
            if (afterProcessing && next != null && !next.isAfter(clock.instant())) {
                // Everything due was just processed; what is still due failed and waits for the backoff
                // instead of spinning.
                next = clock.instant().plus(retryBackoff);
            }
        } catch (RuntimeException e) {
            LOG.warn("could not read the next due instant from the store; retrying in {}", retryBackoff, e);
            events.storeFailed("reading the next due instant", e);
            next = clock.instant().plus(retryBackoff);
        }
        if (pollInterval != null) {
            Instant poll = clock.instant().plus(pollInterval);
            next = next == null || poll.isBefore(next) ? poll : next;
        }
        if (next != null) {
            ensureWake(next);
        }
    }

    /** A record version {@link #processDue()} has already acted on. */
    private record Seen(String id, long version) {
    }

    /**
     * Acts on every incident due now; a record that keeps failing is left for the next wake-up. Each record
     * version is acted on once: a step that saved leaves a newer version, so only versions whose step saved
     * nothing (or failed) are remembered, which keeps this loop from coming back to them.
     */
    private void processDue() {
        Set<Seen> seen = ConcurrentHashMap.newKeySet(); // step threads add to it
        List<CompletableFuture<Void>> running = new ArrayList<>();
        while (!closed.get()) {
            List<IncidentRecord> due = store.findDue(clock.instant(), DUE_BATCH);
            boolean progressed = false;
            for (IncidentRecord r : due) {
                if (!seen.isEmpty() && seen.contains(new Seen(r.id(), r.version()))) {
                    continue;
                }
                progressed = true;
                if (stepExecutor == null) {
                    step(r, seen);
                    continue;
                }
                try {
                    running.add(CompletableFuture.runAsync(() -> step(r, seen), stepExecutor));
                } catch (RejectedExecutionException e) {
                    // the host's pool is shutting down: the step still runs, here
                    step(r, seen);
                }
            }
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
            running.clear();
            if (!progressed) {
                return;
            }
        }
    }

    /** One due incident's step and its work; a step that fails stays due and is not tried again in this wake-up. */
    private void step(IncidentRecord r, Set<Seen> seen) {
        IncidentId id = IncidentId.of(r.id());
        try {
            Steps.Work w = steps.runStep("escalation step", id, r, decisions::onDue, events);
            if (!w.changed()) {
                seen.add(new Seen(r.id(), r.version()));
            }
            perform.accept(w);
            if (outbox.hasWork(r)) {
                outbox.resume(id);
            }
        } catch (RuntimeException e) {
            seen.add(new Seen(r.id(), r.version()));
            LOG.warn("escalation step of incident {} failed; it stays due", r.id(), e);
        }
    }
}
