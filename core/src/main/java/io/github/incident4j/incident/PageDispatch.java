package io.github.incident4j.incident;

import io.github.incident4j.common.Durations;
import io.github.incident4j.common.Text;
import io.github.incident4j.spi.IncidentRecord;
import io.github.incident4j.spi.IncidentRecord.Event;
import io.github.incident4j.spi.IncidentRecord.EventKind;
import io.github.incident4j.spi.Page;
import io.github.incident4j.spi.Pager;
import io.github.incident4j.spi.StoreRefusedException;
import io.github.incident4j.spi.Timers;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's {@link Pager} behind a guard: each page's call runs on the pager executor under a deadline, and
 * whatever happens (a normal answer, an exception, a failed stage, no stage, no answer in time, a refused
 * executor) ends in one recorded outcome on the timeline: {@code PAGE_DELIVERED}, or {@code PAGE_FAILED} with the
 * reason and the retry (after a backoff doubled per attempt) or the giving up, which is an ERROR line and a
 * listener event. The manager hands it pages whose claim is saved and never sees a pager failure.
 */
final class PageDispatch {

    private static final Logger LOG = LoggerFactory.getLogger(PageDispatch.class);
    /** Retries of an outcome's save wait the backoff doubled at most this many times (16 x 30s = 8 min). */
    private static final int RECORD_BACKOFF_DOUBLINGS = 5;
    /** How an outcome recorded after the store refused its text begins. */
    private static final String REFUSED = "(the store refused this outcome's text: ";

    private final Pager pager;
    private final Executor executor;
    private final Timers timers;
    private final Clock clock;
    private final Duration deadline;
    private final Duration retryBackoff;
    private final int maxAttempts;
    private final Steps steps;
    private final PageOutbox outbox;
    private final EngineEvents events;
    private final AtomicBoolean closed;

    PageDispatch(Pager pager, Executor executor, Timers timers, Clock clock, Duration deadline, Duration retryBackoff,
            int maxAttempts, Steps steps, PageOutbox outbox, EngineEvents events, AtomicBoolean closed) {
        this.pager = pager;
        this.executor = executor;
        this.timers = timers;
        this.clock = clock;
        this.deadline = deadline;
        this.retryBackoff = retryBackoff;
        this.maxAttempts = maxAttempts;
        this.steps = steps;
        this.outbox = outbox;
        this.events = events;
        this.closed = closed;
    }

    /** Sends a page whose claim is saved; the outbox holds its key until its outcome is saved. */
    void send(Page page) {
        if (closed.get()) {
            outbox.release(page);
            return;
        }
        Attempt attempt = new Attempt(page);
        attempt.deadlineTimer = timers.schedule(clock.instant().plus(deadline), attempt::expire);
        try {
            executor.execute(attempt);
        } catch (RejectedExecutionException e) {
            if (attempt.compareAndSet(false, true)) {
                attempt.deadlineTimer.cancel();
                failed(page, "the pager executor refused the call: " + e.getMessage());
            }
        }
    }

    /**
     * One pager call (run on the pager executor) and its answer, settled once (this flag): by the pager's stage or
     * by the deadline timer, whichever comes first. One object per page instead of a flag and three lambdas.
     */
    private final class Attempt extends AtomicBoolean implements Runnable, BiConsumer<Void, Throwable> {
        private static final long serialVersionUID = 1L;
        private final transient Page page;
        /** Set before the call is handed to the executor, which publishes it to the call's thread. */
        private transient Timers.@Nullable Scheduled deadlineTimer;

        Attempt(Page page) {
            this.page = page;
        }

        @Override
        public void run() {
            CompletionStage<Void> stage;
            try {
                stage = pager.send(page);
                if (stage == null) {
                    stage = CompletableFuture.failedFuture(new IllegalStateException("the pager returned no stage"));
                }
            } catch (RuntimeException e) {
                stage = CompletableFuture.failedFuture(e);
            }
            if (stage instanceof CompletableFuture<Void> done && done.isDone() && !done.isCompletedExceptionally()) {
                accept(null, null); // answered at once (a synchronous pager): no dependent stage needed
            } else {
                stage.whenComplete(this);
            }
        }

        @Override
        public void accept(@Nullable Void ok, @Nullable Throwable error) {
            if (compareAndSet(false, true)) {
                Objects.requireNonNull(deadlineTimer).cancel();
                if (error == null) {
                    record(page, EventKind.PAGE_DELIVERED, page.attempt() > 1 ? "attempt " + page.attempt() : null,
                            null);
                } else {
                    failed(page, describe(error));
                }
            } else if (error == null) {
                // The deadline recorded a timeout, but the page did arrive (B10): say so, so the outbox does not
                // send it again and the timeline tells what the receiver saw. Held again because recording an
                // outcome releases the page, and the timeout already released this call's hold.
                outbox.hold(page);
                record(page, EventKind.PAGE_DELIVERED, "attempt " + page.attempt() + " answered after the "
                        + Durations.format(deadline) + " deadline", null);
            }
        }

        void expire() {
            if (compareAndSet(false, true)) {
                failed(page, "no answer within " + Durations.format(deadline));
            }
        }
    }

    /** The pager's error as storable text (free text from outside: see {@link Text#storable}). */
    private static String describe(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return Text.storable(cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
    }

    /** Records the failure; once it is saved, while attempts remain, the outbox wakes when the backoff has passed. */
    private void failed(Page page, String reason) {
        if (page.attempt() >= maxAttempts) {
            record(page, EventKind.PAGE_FAILED, reason + "; attempt " + page.attempt() + " of " + maxAttempts
                    + ", giving up", reason);
            return;
        }
        Duration wait = OutboxRows.backoff(retryBackoff, page.attempt());
        record(page, EventKind.PAGE_FAILED, reason + "; attempt " + page.attempt() + " of " + maxAttempts
                + ", retrying in " + Durations.format(wait), reason);
    }

    private void record(Page page, EventKind kind, @Nullable String detail, @Nullable String reason) {
        record(page, kind, detail, reason, 1);
    }

    /**
     * Records a page's outcome. A failure counts only for the page's latest claimed attempt (a late answer to an
     * attempt another manager already took over is dropped), a delivery only once. A store failure while recording
     * is retried with backoff for as long as this manager runs, and the page's key stays held meanwhile: an
     * outcome this manager knows must not be lost to the outbox, which would send a delivered page again (B13).
     * Only a closed manager drops it (a new one resends the page, whose delivery it cannot know).
     */
    private void record(Page page, EventKind kind, @Nullable String detail, @Nullable String reason, int tries) {
        if (closed.get()) {
            outbox.release(page);
            return;
        }
        IncidentId id = IncidentId.of(page.incidentId());
        boolean[] first = new boolean[1];
        Steps.Work work;
        try {
            work = steps.runOnLatest("record page outcome", id, (r, b, now, pages) -> {
                OutboxRows.Entry e = OutboxRows.find(r.timeline(), page.recipient(), page.level(), page.pass());
                if (e != null && (e.delivered() || (kind == EventKind.PAGE_FAILED
                        && (!e.inFlight() || e.attempts() != page.attempt())))) {
                    return false;
                }
                if (kind == EventKind.PAGE_DELIVERED && events.listening()) {
                    first[0] = EscalationDecisions.exhaustion(r) == EscalationDecisions.NOBODY_PAGED;
                }
                b.append(Event.page(now, EscalationDecisions.ENGINE, kind, page.recipient(), page.level(),
                        page.pass(), page.response(), detail));
                return true;
            });
        } catch (IncidentNotFoundException e) {
            outbox.release(page);
            return;
        } catch (StoreRefusedException e) {
            // Retrying the same text would fail for ever and hold the page (issue 22): record the outcome once more
            // in the engine's own words, with the cause; if even that is refused, let the outbox settle the page.
            String cause = Text.shown(String.valueOf(e.getMessage()));
            if (detail == null || !detail.startsWith(REFUSED)) {
                LOG.error("the store refused the {} of page {}; recording it without the pager's text",
                        kind, page.idempotencyKey(), e);
                String plain = REFUSED + cause + ")";
                record(page, kind, plain, reason == null ? null : plain, tries);
                return;
            }
            LOG.error("the store refused the {} of page {} even without the pager's text; the outbox will settle it",
                    kind, page.idempotencyKey(), e);
            outbox.release(page);
            // its claim goes stale after the deadline: look again then, so the page is resent, never held
            outbox.scheduleResume(id, clock.instant().plus(deadline).plusMillis(1));
            return;
        } catch (RuntimeException e) {
            Duration wait = OutboxRows.backoff(retryBackoff, Math.min(tries, RECORD_BACKOFF_DOUBLINGS));
            LOG.warn("could not record {} of page {}; retrying in {}", kind, page.idempotencyKey(),
                    Durations.format(wait), e);
            events.storeFailed("recording a page outcome", e);
            timers.schedule(clock.instant().plus(wait), () -> record(page, kind, detail, reason, tries + 1));
            return;
        }
        outbox.release(page);
        IncidentRecord saved = work.record();
        if (kind == EventKind.PAGE_DELIVERED) {
            if (work.changed()) {
                events.paged(saved, page, saved.timeline().get(saved.timeline().size() - 1).at(), first[0]);
            }
            return;
        }
        if (work.changed()) {
            events.pageFailed(saved, page, reason == null ? "" : reason, page.attempt() >= maxAttempts);
        }
        // A failure with attempts left: the outbox sends the next attempt once its backoff has passed.
        OutboxRows.Entry e = OutboxRows.find(saved.timeline(), page.recipient(), page.level(), page.pass());
        if (e != null && !e.inFlight() && !e.settled(maxAttempts)) {
            outbox.scheduleResume(id, EscalationDecisions.later(e.dueAt(deadline, retryBackoff), clock.instant()));
        }
    }
}
