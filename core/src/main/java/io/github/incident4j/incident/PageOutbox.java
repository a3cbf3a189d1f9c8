package io.github.incident4j.incident;

import static io.github.incident4j.incident.OutboxRows.allDelivered;
import static io.github.incident4j.incident.OutboxRows.entries;

import io.github.incident4j.incident.OutboxRows.Entry;
import io.github.incident4j.spi.IncidentRecord;
import io.github.incident4j.spi.IncidentRecord.EventKind;
import io.github.incident4j.common.Durations;
import io.github.incident4j.spi.IncidentStore;
import io.github.incident4j.spi.Page;
import io.github.incident4j.spi.Timers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable outbox of pages, kept on the stored timeline so it needs no store change: every delivery
 * attempt is claimed by a {@code PAGE_PENDING} row saved (with the version check) before the pager is called,
 * in the same save as the step that decided the page for attempt 1. A page is settled by
 * {@code PAGE_DELIVERED}, or by a {@code PAGE_FAILED} once its attempts are used up. What is left is the
 * outbox a manager resumes: a claim older than the page deadline (its sender died) or a failure whose backoff
 * has passed.
 *
 * <p>A claim whose save committed but lost its answer was never sent: the manager that wrote it saw the save
 * fail, so it did not call the pager. Only that manager knows; when it resumes such a claim it first writes a
 * {@code PAGE_UNSENT} row, which takes the claim's attempt back, so attempts count only calls that may have reached
 * the pager (bug B2: five lost answers in a row used to give a page up unsent). {@link Incident#timeline()}
 * hides claims and unsent rows: they are the engine's bookkeeping.
 *
 * <p>An instance is one manager's side of the outbox: the pages it is sending (held, so it never resends them
 * itself), the claims it saved without an answer, and its resume timers. It resumes an incident's outbox when
 * told ({@link #resume(IncidentId)}), on its timers, at start ({@link #recover()}) and, when polling a shared
 * store, at most once per page deadline ({@link #poll()}); each resume is a step whose work goes to the manager.
 * Thread-safe.
 */
final class PageOutbox {

    private static final Logger LOG = LoggerFactory.getLogger(PageOutbox.class);

    /** The timeline kind of a claimed delivery attempt. */
    static final EventKind PENDING = EventKind.PAGE_PENDING;

    /** The timeline kind of a claim withdrawn because it was never sent; its attempt is not counted. */
    static final EventKind UNSENT = EventKind.PAGE_UNSENT;

    private static final EventKind FAILED = EventKind.PAGE_FAILED;

    private final IncidentStore store;
    private final Timers timers;
    private final Clock clock;
    private final Duration pageDeadline;
    private final Duration retryBackoff;
    private final int maxPageAttempts;
    /** How often polling looks at every outbox (the poll interval or the page deadline, the longer), or null. */
    private final @Nullable Duration pollEvery;
    private final AtomicBoolean closed;
    private final EngineEvents events;
    private final EscalationDecisions decisions;
    private @Nullable Steps steps;
    private @Nullable Consumer<Steps.Work> perform;
    /** When the outbox of every open incident was last looked at (see {@link #poll()}). */
    private volatile @Nullable Instant scannedAt;
    /**
     * Idempotency keys of pages this manager owns, counted: held from just before the save that claims an attempt
     * until that attempt's outcome is saved (B13). The outbox never resends a held page, so a page whose delivery
     * is known is not sent again while its outcome waits for the store.
     */
    private final ConcurrentHashMap<SendingKey, Integer> sending = new ConcurrentHashMap<>();
    /**
     * Claims this manager saved without an answer (the save failed otherwise than by a conflict, so it may have
     * committed) and therefore never sent, by page: the attempt and the claim's instant, which identify the claim
     * row should it be on the stored timeline.
     */
    private final ConcurrentHashMap<SendingKey, Unsent> unsent = new ConcurrentHashMap<>();
    /** Resumes already scheduled on the timers, as {@code id@instant}. */
    private final Set<String> resumes = ConcurrentHashMap.newKeySet();

    PageOutbox(IncidentStore store, Timers timers, Clock clock, Duration pageDeadline, Duration retryBackoff,
            int maxPageAttempts, @Nullable Duration pollInterval, AtomicBoolean closed, EngineEvents events,
            EscalationDecisions decisions) {
        this.store = store;
        this.decisions = decisions;
        this.timers = timers;
        this.clock = clock;
        this.pageDeadline = pageDeadline;
        this.retryBackoff = retryBackoff;
        this.maxPageAttempts = maxPageAttempts;
        this.pollEvery = pollInterval == null ? null
                : pollInterval.compareTo(pageDeadline) > 0 ? pollInterval : pageDeadline;
        this.closed = closed;
        this.events = events;
    }

    /** Wires the steps that save a resume and where the work they imply goes (the manager). */
    void connect(Steps resumeSteps, Consumer<Steps.Work> workSink) {
        this.steps = resumeSteps;
        this.perform = workSink;
    }

    // ---------------------------------------------------------------- held and unsent pages

    /**
     * Claims the pages a step decided, on the step's own changes, and holds them: held before the claim is
     * visible, so this manager's own resume (on another thread, after a jump of time) cannot send the attempt
     * the step's thread is about to send.
     */
    void claim(IncidentRecord.Changes b, List<Page> pages, Instant now) {
        for (Page p : pages) {
            b.append(IncidentRecord.Event.page(now, EscalationDecisions.ENGINE, PENDING, p.recipient(), p.level(),
                    p.pass(), p.response(), p.attempt() > 1 ? "attempt " + p.attempt() : null));
            hold(p);
        }
    }

    /** The claims' save was refused (a conflict): nothing was claimed. */
    void claimRefused(List<Page> pages) {
        pages.forEach(this::release);
    }

    /**
     * The claims' save failed without an answer: it may have committed, but nothing was sent. Remembered, so a
     * resume withdraws such a claim instead of counting it; the outbox looks again once the claims would be stale.
     */
    void claimUnanswered(String incidentId, List<Page> pages, Instant now) {
        for (Page p : pages) {
            release(p);
            unsent.put(SendingKey.of(p), new Unsent(p.attempt(), now));
        }
        if (!pages.isEmpty()) {
            scheduleResume(IncidentId.of(incidentId), now.plus(pageDeadline));
        }
    }

    /** The claims were saved: about to be sent. */
    void claimed(List<Page> pages) {
        if (!unsent.isEmpty()) {
            pages.forEach(p -> unsent.remove(SendingKey.of(p)));
        }
    }

    void hold(Page page) {
        sending.merge(SendingKey.of(page), 1, Integer::sum);
    }

    void release(Page page) {
        sending.computeIfPresent(SendingKey.of(page), (k, n) -> n <= 1 ? null : n - 1);
    }

    private boolean isSending(String incidentId, Entry e) {
        return sending.containsKey(SendingKey.of(incidentId, e));
    }

    /** A claim saved without an answer and never sent: its attempt and when it was claimed. */
    private record Unsent(int attempt, Instant at) {

        boolean is(Entry e) {
            return e.inFlight() && e.attempts() == attempt && e.lastAt().equals(at);
        }
    }

    /**
     * A page's idempotency key as its parts: the same identity as {@link Page#idempotencyKey()}, without building
     * and hashing that string on every hold, release and look-up (the id and recipient strings are shared with the
     * record, so their hashes are cached).
     */
    private record SendingKey(String incidentId, int pass, int level, String recipient) {
        static SendingKey of(Page p) {
            return new SendingKey(p.incidentId(), p.pass(), p.level(), p.recipient());
        }

        static SendingKey of(String incidentId, Entry e) {
            return new SendingKey(incidentId, e.pass(), e.level(), e.recipient());
        }

        @Override
        public int hashCode() {
            return ((incidentId.hashCode() * 31 + pass) * 31 + level) * 31 + recipient.hashCode();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SendingKey k && k.pass == pass && k.level == level
                    && k.incidentId.equals(incidentId) && k.recipient.equals(recipient);
        }
    }

    // ---------------------------------------------------------------- resuming

    /** Whether the record holds an unsettled page of its current pass that this manager is not sending. */
    boolean hasWork(IncidentRecord r) {
        if (r.status() != IncidentRecord.Status.TRIGGERED || allDelivered(r.timeline(), r.pass())) {
            return false;
        }
        for (Entry e : entries(r.timeline())) {
            if (e.pass() == r.pass() && !e.settled(maxPageAttempts) && !isSending(r.id(), e)) {
                return true;
            }
        }
        return false;
    }

    /** The health snapshot: the store's counts, or a snapshot saying it did not answer. */
    EngineHealth health(Instant now, @Nullable Instant lastWakeUp) {
        try {
            long open = store.countOpen();
            return new EngineHealth(now, Optional.ofNullable(lastWakeUp), true, open, pendingPages(), sending.size());
        } catch (RuntimeException e) {
            LOG.warn("health check: the store did not answer", e);
            return new EngineHealth(now, Optional.ofNullable(lastWakeUp), false, -1, -1, sending.size());
        }
    }

    /** Unsettled pages of every open incident (for health). */
    int pendingPages() {
        int n = 0;
        for (IncidentRecord r : store.findOpen()) {
            if (r.status() != IncidentRecord.Status.TRIGGERED || allDelivered(r.timeline(), r.pass())) {
                continue;
            }
            for (Entry e : entries(r.timeline())) {
                if (e.pass() == r.pass() && !e.settled(maxPageAttempts)) {
                    n++;
                }
            }
        }
        return n;
    }

    /** On build: resumes the outbox of every open incident (pages a dead or earlier manager left unsent). */
    void recover() {
        try {
            scan();
        } catch (RuntimeException e) {
            LOG.warn("could not read the outbox from the store; retrying in {}", retryBackoff, e);
            events.storeFailed("reading the outbox", e);
            timers.schedule(clock.instant().plus(retryBackoff), () -> {
                if (!closed.get()) {
                    recover();
                }
            });
        }
    }

    private void scan() {
        scannedAt = clock.instant();
        for (IncidentRecord r : store.findOpen()) {
            if (hasWork(r)) {
                resume(IncidentId.of(r.id()));
            }
        }
    }

    /**
     * When polling (several instances on one store), looks at every outbox again once a claim could have gone
     * stale since the last look: a page a dead instance claimed but never sent is found even when its incident
     * never falls due again (e.g. the last level, without a timeout). A failure waits for the next poll.
     */
    void poll() {
        Instant last = scannedAt;
        Duration every = pollEvery;
        if (every == null || closed.get() || (last != null && clock.instant().isBefore(last.plus(every)))) {
            return;
        }
        try {
            scan();
        } catch (RuntimeException e) {
            LOG.warn("could not read the outbox from the store; trying again at the next poll", e);
            events.storeFailed("reading the outbox", e);
        }
    }

    void scheduleResume(IncidentId id, Instant at) {
        String token = id.value() + "@" + at;
        if (closed.get() || !resumes.add(token)) {
            return;
        }
        timers.schedule(at, () -> {
            resumes.remove(token);
            resume(id);
        });
    }

    /**
     * Sends what the incident's outbox holds and is due: a claim older than the page deadline (its sender died;
     * the next attempt is claimed) or a failure whose backoff has passed. Each send is claimed first with the
     * version check, so two managers never send the same attempt. Pages of an earlier pass, or of an incident no
     * longer triggered, are dropped, as retries always were.
     */
    void resume(IncidentId id) {
        Steps s = steps;
        Consumer<Steps.Work> sink = perform;
        if (closed.get() || s == null || sink == null) {
            return;
        }
        List<Instant> later = new ArrayList<>(1);
        Steps.Work work;
        try {
            work = s.run("resume pages", id, null, (r, b, now, pages) -> decideResume(r, b, now, pages, later));
        } catch (IncidentNotFoundException e) {
            return;
        } catch (RuntimeException e) {
            LOG.warn("could not resume the pages of incident {}; retrying in {}", id, retryBackoff, e);
            events.storeFailed("resuming pages", e);
            scheduleResume(id, clock.instant().plus(retryBackoff));
            return;
        }
        sink.accept(work);
        later.stream().min(Instant::compareTo).ifPresent(at -> scheduleResume(id, at));
    }

    private boolean decideResume(IncidentRecord r, IncidentRecord.Changes b, Instant now, List<Page> pages,
            List<Instant> later) {
        later.clear();
        if (r.status() != IncidentRecord.Status.TRIGGERED) {
            forgetUnsent(r.id(), null);
            return false;
        }
        boolean changed = false;
        for (Entry e : entries(r.timeline())) {
            if (e.pass() != r.pass() || e.settled(maxPageAttempts) || isSending(r.id(), e)) {
                forgetUnsent(r.id(), e);
                continue;
            }
            Instant due = e.dueAt(pageDeadline, retryBackoff);
            Unsent known = unsent.isEmpty() ? null : unsent.get(SendingKey.of(r.id(), e));
            if (known != null && known.is(e)) {
                // Never sent (B2): withdraw the claim and claim the same attempt again, now.
                b.append(IncidentRecord.Event.page(now, EscalationDecisions.ENGINE, UNSENT, e.recipient(), e.level(),
                        e.pass(), e.response(), "attempt " + e.attempts()
                                + " was claimed but never sent: its save lost its answer"));
                pages.add(decisions.page(r, e.recipient(), e.level(), e.pass(), e.decidedAt()).withAttempt(e.attempts()));
                changed = true;
            } else if (due.isAfter(now)) {
                later.add(due);
            } else if (e.inFlight() && e.attempts() >= maxPageAttempts) {
                b.append(IncidentRecord.Event.page(now, EscalationDecisions.ENGINE, FAILED, e.recipient(), e.level(),
                        e.pass(), e.response(), "no answer within " + Durations.format(pageDeadline) + "; attempt "
                                + e.attempts() + " of " + maxPageAttempts + ", giving up"));
                changed = true;
            } else {
                pages.add(decisions.page(r, e.recipient(), e.level(), e.pass(), e.decidedAt())
                        .withAttempt(e.attempts() + 1));
                changed = true;
            }
        }
        return changed;
    }

    /**
     * Drops what this manager remembers of unsent claims that the stored timeline has moved past: those of entry
     * {@code e} unless they still describe its last claim, or, without an entry, all of the incident's.
     */
    private void forgetUnsent(String incidentId, @Nullable Entry e) {
        if (unsent.isEmpty()) {
            return;
        }
        if (e == null) {
            unsent.keySet().removeIf(k -> k.incidentId().equals(incidentId));
            return;
        }
        SendingKey key = SendingKey.of(incidentId, e);
        Unsent known = unsent.get(key);
        if (known != null && !known.is(e)) {
            unsent.remove(key, known);
        }
    }
}
