package io.github.incident4j.incident;

import io.github.incident4j.ValidationException;
import io.github.incident4j.common.Durations;
import io.github.incident4j.common.Problems;
import io.github.incident4j.common.TimelineSink;
import io.github.incident4j.escalation.EscalationLevel;
import io.github.incident4j.escalation.EscalationMatrix;
import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.escalation.Target;
import io.github.incident4j.spi.DuplicateOpenIncidentException;
import io.github.incident4j.spi.IncidentRecord;
import io.github.incident4j.spi.IncidentStore;
import io.github.incident4j.spi.Page;
import io.github.incident4j.spi.Pager;
import io.github.incident4j.spi.StoreConflictException;
import io.github.incident4j.spi.Timers;
import io.github.incident4j.store.InMemoryIncidentStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The escalation engine: opens incidents from alerts, pages per the escalation policy, and records every
 * step on the incident's timeline.
 *
 * <p>Semantics: level 1 is paged at once; after a level's timeout (or the escalation delay of the on-call
 * person paged on it) the next level is paged; after the last level's timeout the policy repeats from level 1
 * while passes remain ({@code repeat(n)} gives 1 + n passes); a level that resolves to nobody is skipped at
 * once and noted; low-urgency incidents page level 1 only; acknowledging stops escalation; the policy's ack
 * timeout returns an acknowledged, unresolved incident to level 1; resolving ends it. An alert whose dedup
 * key matches an open incident is counted on it.
 *
 * <p>The {@link IncidentStore} is the source of truth: every decision reads the stored record and saves with
 * its version, timers only wake the engine. So a new manager on a store with open incidents resumes their
 * escalations, and two managers on one store never page the same step twice. Calls into the {@link Pager}
 * are guarded: failures and calls outlasting the page deadline are recorded and retried with backoff.
 *
 * <p>Pages have a durable outbox: the pages a step decides are claimed on the stored timeline (a
 * {@code PAGE_PENDING} row per page and attempt, hidden from {@link Incident#timeline()}) in the same save as
 * the step, and settled by {@code PAGE_DELIVERED}, or by {@code PAGE_FAILED} when {@code maxPageAttempts}
 * are used up. A manager resumes the outbox when built (every open incident), when it wakes for an
 * incident's step, on its retry timers, and, when polling a shared store, at every poll (at most once per page
 * deadline): it sends again a page whose claim has outlived the page deadline
 * without an outcome (its sender died) or whose retry backoff has passed, each attempt claimed first with the
 * version check, so two managers never send the same attempt. A claim whose save failed without a conflict
 * may have committed all the same (its answer lost); this manager knows it never sent it, so when it resumes
 * that claim it withdraws it ({@code PAGE_UNSENT}) and claims the same attempt again: only calls that may
 * have reached the pager count as attempts. Hence pages are delivered at least once with
 * an identical idempotency key (see {@link Pager}). As retries always did, a pending page is dropped when the
 * incident is no longer triggered or has moved to another pass. Repeat alerts never touch the outbox.
 * Thread-safe.
 *
 * <pre>{@code
 * VirtualTime time = VirtualTime.startingAt(Instant.parse("2026-03-02T09:00:00Z"));
 * RecordingPager pager = new RecordingPager();
 * IncidentManager manager = IncidentManager.builder()
 *         .timers(time).pager(pager)
 *         .roster(Roster.builder().schedule("Backend On-Call", at -> Optional.of(OnCallPerson.of("Alice")))
 *                 .role("engineering_lead", "Dana").build())
 *         .build();
 * Incident incident = manager.trigger(Alert.withKey("db-down").service("payments").summary("DB down").build(),
 *         policy);                                 // Alice is paged now
 * time.advance(Duration.ofMinutes(15));           // no ack: Dana is paged
 * manager.acknowledge(incident.id(), "Dana");
 * }</pre>
 */
public final class IncidentManager implements AutoCloseable {

    /** The actor name the engine uses on the timeline. */
    public static final String ENGINE = "incident4j";

    private static final Logger LOG = LoggerFactory.getLogger(IncidentManager.class);
    private static final int DUE_BATCH = 256;
    /** Retries of an outcome's save wait the backoff doubled at most this many times (16 x 30s = 8 min). */
    private static final int RECORD_BACKOFF_DOUBLINGS = 5;

    /** Escalation details of the usual levels, made once: each escalated step stores one. */
    private static final String[] NO_ACK_AT = new String[16];

    static {
        for (int i = 1; i < NO_ACK_AT.length; i++) {
            NO_ACK_AT[i] = "no acknowledgement at level " + i;
        }
    }

    private final Clock clock;
    private final Timers timers;
    private final Pager pager;
    private final IncidentStore store;
    private final Roster roster;
    private final @Nullable EscalationMatrix matrix;
    private final Executor pagerExecutor;
    private final Duration pageDeadline;
    private final Duration retryBackoff;
    private final int maxPageAttempts;
    private final int maxConflictAttempts;
    private final Supplier<IncidentId> ids;
    private final @Nullable Duration pollInterval;
    /** How often polling looks at every outbox: the poll interval or the page deadline, whichever is longer. */
    private final @Nullable Duration outboxPollEvery;
    /** When the outbox of every open incident was last looked at (see {@link #pollOutbox()}). */
    private volatile @Nullable Instant outboxScannedAt;

    private final Object wakeLock = new Object();
    private @Nullable Instant wakeAt;
    private Timers.@Nullable Scheduled wakeHandle;
    private long wakeToken;
    private volatile boolean closed;
    /**
     * Idempotency keys of pages this manager owns, counted: held from just before the save that claims an
     * attempt until that attempt's outcome is saved (B13). The outbox never resends a held page, so a page
     * whose delivery is known is not sent again while its outcome waits for the store.
     */
    private final ConcurrentHashMap<SendingKey, Integer> sending = new ConcurrentHashMap<>();
    /**
     * Claims this manager saved without an answer (the save failed otherwise than by a conflict, so it may have
     * committed) and therefore never sent, by page: the attempt and the claim's instant, which identify the
     * claim row should it be on the stored timeline.
     */
    private final ConcurrentHashMap<SendingKey, Unsent> unsent = new ConcurrentHashMap<>();
    /** Outbox checks already scheduled on the timers, as {@code id@instant}. */
    private final Set<String> resumes = ConcurrentHashMap.newKeySet();

    private IncidentManager(Builder b) {
        this.timers = Objects.requireNonNull(b.timers);
        this.clock = b.clock != null ? b.clock : timers.clock();
        this.pager = Objects.requireNonNull(b.pager);
        this.store = b.store;
        this.roster = b.roster;
        this.matrix = b.matrix;
        this.pagerExecutor = b.pagerExecutor;
        this.pageDeadline = b.pageDeadline;
        this.retryBackoff = b.retryBackoff;
        this.maxPageAttempts = b.maxPageAttempts;
        this.maxConflictAttempts = b.maxConflictAttempts;
        this.ids = b.ids;
        this.pollInterval = b.pollInterval;
        this.outboxPollEvery = pollInterval == null ? null
                : pollInterval.compareTo(pageDeadline) > 0 ? pollInterval : pageDeadline;
    }

    /** Starts a builder; clock, timers and pager are required. */
    public static Builder builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------- operations

    /**
     * Opens an incident for an alert and pages level 1 of the policy, or, when an incident with the alert's
     * dedup key is open, counts the alert on it (count and last-seen time; the policy is then ignored).
     *
     * @return the incident as stored
     * @throws IncidentContentionException if every save conflicted with another writer, {@code maxConflictAttempts}
     *         times (its incident is the open one, or the one this call last tried to open)
     */
    public Incident trigger(Alert alert, EscalationPolicy policy) {
        Objects.requireNonNull(alert, "alert");
        Objects.requireNonNull(policy, "policy");
        ensureOpen();
        for (int attempt = 1; ; attempt++) {
            Instant now = clock.instant();
            Optional<IncidentRecord> open = store.findOpenByKey(alert.dedupKey());
            IncidentId fresh = null; // drawn only to open one: a repeat (the storm's hot path) needs no id
            try {
                if (open.isPresent()) {
                    IncidentRecord r = open.get();
                    return Incident.of(r.alertCount() > 1 ? store.countAlert(r, now) : store.save(countRepeat(r, now)));
                }
                fresh = ids.get();
                return Incident.of(open(fresh, alert, policy, now));
            } catch (StoreConflictException | DuplicateOpenIncidentException e) {
                if (attempt >= maxConflictAttempts) {
                    throw new IncidentContentionException(fresh != null ? fresh : IncidentId.of(open.orElseThrow().id()),
                            "trigger", attempt, e);
                }
                LOG.debug("trigger of {} raced with another writer; retrying", alert.dedupKey(), e);
            }
        }
    }

    /**
     * The first repeat: the timeline gets one summary event. Later repeats cost O(1): only the count and the
     * last-seen instant change ({@link IncidentStore#countAlert}).
     */
    private static IncidentRecord countRepeat(IncidentRecord r, Instant now) {
        List<IncidentRecord.Event> timeline = new ArrayList<>(r.timeline().size() + 1);
        timeline.addAll(r.timeline());
        Instant last = timeline.isEmpty() ? now : timeline.get(timeline.size() - 1).at();
        timeline.add(new IncidentRecord.Event(later(now, last), r.service(),
                TimelineEvent.Type.REPEAT_ALERTS.name(), null, 0, 0, null, null));
        return r.withAlertSeen(now, timeline);
    }

    private IncidentRecord open(IncidentId id, Alert alert, EscalationPolicy policy, Instant now) {
        IncidentRecord fresh = new IncidentRecord(id.value(), 0, alert.dedupKey(), alert.service(),
                alert.summary(), alert.severity().label(), alert.urgency() == Urgency.HIGH,
                alert.category().orElse(null), alert.labels(), policy, IncidentStatus.TRIGGERED.name(), 0, 1, 1,
                null, now, null, null, null, 1, now,
                List.of(new IncidentRecord.Event(now, alert.service(), TimelineEvent.Type.TRIGGERED.name(), null, 0,
                        0, null, alert.severity().label() + " " + alert.summary())));
        IncidentRecord.Builder b = fresh.toBuilder();
        List<Page> pages = new ArrayList<>(2);
        enterLevel(b, 1, 1, now, now, pages);
        return save(b, pages, now);
    }

    /**
     * Acknowledges: escalation stops (until the policy's ack timeout, if any). Acknowledging an acknowledged
     * incident adds nothing to it; it is confirmed against the stored version (one version-checked save), so
     * when this returns the acknowledgement is durably recorded, and otherwise an exception says why.
     *
     * @throws IllegalIncidentTransitionException if the incident is resolved
     * @throws IncidentContentionException if every save conflicted (see {@link Builder#maxConflictAttempts})
     * @throws IncidentNotFoundException if there is no such incident
     */
    public Incident acknowledge(IncidentId id, String who) {
        ensureOpen();
        return Incident.of(mutate("acknowledge", id, (r, b, now, pages) -> {
            IncidentStatus status = IncidentStatus.valueOf(r.status());
            refuseIfResolved(id, status, "acknowledge");
            if (status == IncidentStatus.ACKNOWLEDGED) {
                // The read may be stale (a replica, or an acknowledgement that has since timed out): confirm
                // the no-op by saving the unchanged record with the version read, so a conflict decides again
                // on the current record instead of losing this acknowledgement.
                return true;
            }
            b.status(IncidentStatus.ACKNOWLEDGED.name());
            if (r.acknowledgedAt() == null) {
                b.acknowledgedAt(now);
            }
            b.nextDueAt(r.policy().ackTimeout().map(now::plus).orElse(null));
            event(b, now, who, TimelineEvent.Type.ACKNOWLEDGED, null, r.level(), r.pass(), null, null);
            return true;
        }));
    }

    /**
     * Resolves: nothing more is paged. Resolving a resolved incident does nothing.
     *
     * @throws IncidentNotFoundException if there is no such incident
     */
    public Incident resolve(IncidentId id, String who) {
        ensureOpen();
        return Incident.of(mutate("resolve", id, (r, b, now, pages) -> {
            if (!r.isOpen()) {
                return false;
            }
            b.status(IncidentStatus.RESOLVED.name()).resolvedAt(now).nextDueAt(null);
            event(b, now, who, TimelineEvent.Type.RESOLVED, null, r.level(), r.pass(), null, null);
            return true;
        }));
    }

    /**
     * Escalates to the next level now (from the last level, to level 1 of a new pass); an acknowledged
     * incident becomes triggered again. Each call escalates one step.
     *
     * @throws IllegalIncidentTransitionException if the incident is resolved
     */
    public Incident escalate(IncidentId id, String who) {
        ensureOpen();
        return Incident.of(mutate("escalate", id, (r, b, now, pages) -> {
            refuseIfResolved(id, IncidentStatus.valueOf(r.status()), "escalate");
            int levels = r.policy().levels().size();
            boolean wrap = r.level() >= levels;
            int level = wrap ? 1 : r.level() + 1;
            int pass = wrap ? r.pass() + 1 : r.pass();
            if (wrap) {
                b.roundStartPass(pass);
            }
            b.status(IncidentStatus.TRIGGERED.name());
            event(b, now, who, TimelineEvent.Type.ESCALATED, null, level, pass, null, "escalated by " + who);
            enterLevel(b, level, pass, now, now, pages);
            return true;
        }));
    }

    /**
     * Reassigns to a level: that level is paged now and escalation goes on from it (a level at or below the
     * current one starts a new pass, so nobody is paged twice for the same step). Does nothing if the
     * incident is already triggered at that level with no personal assignee.
     *
     * @throws IllegalIncidentTransitionException if the incident is resolved
     * @throws ValidationException if the policy has no such level
     */
    public Incident reassign(IncidentId id, String who, int level) {
        ensureOpen();
        return Incident.of(mutate("reassign", id, (r, b, now, pages) -> {
            refuseIfResolved(id, IncidentStatus.valueOf(r.status()), "reassign");
            r.policy().level(level);
            if (r.status().equals(IncidentStatus.TRIGGERED.name()) && r.level() == level && r.assignee() == null) {
                return false;
            }
            int pass = level <= r.level() ? r.pass() + 1 : r.pass();
            if (pass != r.pass()) {
                b.roundStartPass(pass);
            }
            b.status(IncidentStatus.TRIGGERED.name()).assignee(null);
            event(b, now, who, TimelineEvent.Type.REASSIGNED, null, level, pass, null, null);
            enterLevel(b, level, pass, now, now, pages);
            return true;
        }));
    }

    /**
     * Reassigns to a person: they are paged now (as a new pass at the current level) and must acknowledge;
     * without an acknowledgement escalation goes on from the current level after its timeout. Does nothing
     * if the incident is already triggered and assigned to that person.
     *
     * @throws IllegalIncidentTransitionException if the incident is resolved
     */
    public Incident reassign(IncidentId id, String who, String person) {
        Objects.requireNonNull(person, "person");
        ensureOpen();
        if (person.isBlank()) {
            throw ValidationException.of("person", person, "must not be blank");
        }
        return Incident.of(mutate("reassign", id, (r, b, now, pages) -> {
            refuseIfResolved(id, IncidentStatus.valueOf(r.status()), "reassign");
            if (r.status().equals(IncidentStatus.TRIGGERED.name()) && person.equals(r.assignee())) {
                return false;
            }
            int level = Math.max(1, r.level());
            int pass = r.pass() + 1;
            b.status(IncidentStatus.TRIGGERED.name()).assignee(person).roundStartPass(pass).position(level, pass);
            event(b, now, who, TimelineEvent.Type.REASSIGNED, person, level, pass, null, null);
            pages.add(page(b.base(), person, level, pass, now));
            Optional<Duration> timeout = r.policy().level(level).timeout();
            b.nextDueAt(r.highUrgency() && timeout.isPresent() ? now.plus(timeout.get()) : null);
            return true;
        }));
    }

    /** Adds a note to the timeline (any status, resolved included). Each call adds one note. */
    public Incident addNote(IncidentId id, String who, String text) {
        Objects.requireNonNull(text, "text");
        ensureOpen();
        return Incident.of(mutate("addNote", id, (r, b, now, pages) -> {
            event(b, now, who, TimelineEvent.Type.NOTE, null, 0, 0, null, text);
            return true;
        }));
    }

    /**
     * Acknowledges the open incident with this dedup key (the alert's key, e.g. an Alertmanager fingerprint), if
     * there is one: the same as {@link #acknowledge(IncidentId, String)} on it.
     *
     * @return the acknowledged incident, or empty when no incident with that key is open
     */
    public Optional<Incident> acknowledgeByKey(String dedupKey, String who) {
        return openByKey(dedupKey).map(id -> acknowledge(id, who));
    }

    /**
     * Resolves the open incident with this dedup key, if there is one: the same as
     * {@link #resolve(IncidentId, String)} on it.
     *
     * @return the resolved incident, or empty when no incident with that key is open
     */
    public Optional<Incident> resolveByKey(String dedupKey, String who) {
        return openByKey(dedupKey).map(id -> resolve(id, who));
    }

    /**
     * Adds a note to the open incident with this dedup key, if there is one.
     *
     * @return the incident with the note, or empty when no incident with that key is open
     */
    public Optional<Incident> addNoteByKey(String dedupKey, String who, String text) {
        return openByKey(dedupKey).map(id -> addNote(id, who, text));
    }

    private Optional<IncidentId> openByKey(String dedupKey) {
        Objects.requireNonNull(dedupKey, "dedupKey");
        ensureOpen();
        return store.findOpenByKey(dedupKey).map(r -> IncidentId.of(r.id()));
    }

    /**
     * A sink through which a runbook or chaos runner appends its steps to this incident's timeline as
     * {@link TimelineEvent.Type#ACTION} events (instants earlier than the last event are moved up to it, so
     * the timeline stays ordered).
     */
    public TimelineSink timelineSink(IncidentId id) {
        Objects.requireNonNull(id, "id");
        return (at, actor, action, detail) -> {
            ensureOpen();
            mutate("timeline action", id, (r, b, now, pages) -> {
                event(b, at, actor, TimelineEvent.Type.ACTION, null, 0, 0, null,
                        detail.isEmpty() ? action : action + ": " + detail);
                return true;
            });
        };
    }

    /** The incident as stored now, if any. */
    public Optional<Incident> find(IncidentId id) {
        return store.load(id.value()).map(Incident::of);
    }

    /** Every stored incident, oldest first (for metrics and reports). */
    public List<Incident> incidents() {
        List<IncidentRecord> all = store.all();
        List<Incident> result = new ArrayList<>(all.size());
        all.forEach(r -> result.add(Incident.of(r)));
        return result;
    }

    /**
     * Stops this manager: no more wake-ups, retries or page deliveries from it, and operations other than
     * {@link #find} are refused. State stays in the store, where a new manager picks it up, pages in flight
     * and retries included (they are sent again, with their idempotency keys).
     */
    @Override
    public void close() {
        closed = true;
        synchronized (wakeLock) {
            if (wakeHandle != null) {
                wakeHandle.cancel();
            }
            wakeHandle = null;
            wakeAt = null;
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("this incident manager is closed; build a new one on the store");
        }
    }

    // ---------------------------------------------------------------- the state machine

    /** A decision on a freshly loaded record; returns false when there is nothing to change. */
    @FunctionalInterface
    private interface Change {
        boolean apply(IncidentRecord r, IncidentRecord.Builder b, Instant now, List<Page> pages);
    }

    private IncidentRecord mutate(String operation, IncidentId id, Change change) {
        return mutate(operation, id, null, change);
    }

    /**
     * Load, decide, save with the version read; on a conflict decide again on a fresh read of the newer
     * record, at most {@code maxConflictAttempts} saves in all (a store whose reads never catch up must not
     * keep the caller spinning).
     *
     * @throws IncidentContentionException when every save conflicted
     */
    private IncidentRecord mutate(String operation, IncidentId id, @Nullable IncidentRecord known, Change change) {
        IncidentRecord r = known;
        for (int attempt = 1; ; attempt++) {
            if (r == null) {
                r = store.load(id.value()).orElseThrow(() -> new IncidentNotFoundException(id));
            }
            Instant now = clock.instant();
            IncidentRecord.Builder b = r.toBuilder();
            List<Page> pages = new ArrayList<>(0); // most changes page nobody: no array until one does
            if (!change.apply(r, b, now, pages)) {
                return r;
            }
            try {
                return save(b, pages, now);
            } catch (StoreConflictException e) {
                if (attempt >= maxConflictAttempts) {
                    throw new IncidentContentionException(id, operation, attempt, e);
                }
                LOG.debug("incident {} changed concurrently; deciding again", id, e);
                r = null;
            }
        }
    }

    /**
     * The outbox: each page decided by a step is claimed on the timeline in the step's own save, so a manager
     * dying before or while sending leaves it for another to resume.
     */
    private static void claim(IncidentRecord.Builder b, List<Page> pages, Instant now) {
        for (Page p : pages) {
            event(b, now, ENGINE, PageOutbox.PENDING, p.recipient(), p.level(), p.pass(), p.response(),
                    p.attempt() > 1 ? "attempt " + p.attempt() : null);
        }
    }

    /**
     * Saves a step with its pages claimed, then sends them. When the store fails otherwise than by a conflict,
     * the save may still have been applied (a commit whose acknowledgement was lost): the outbox is looked at
     * again once the claims would be stale, so such pages go out all the same.
     */
    private IncidentRecord save(IncidentRecord.Builder b, List<Page> pages, Instant now) {
        claim(b, pages, now);
        // Held before the claim is visible, so this manager's own outbox resume (on another thread, after a
        // jump of time) cannot send the attempt this thread is about to send.
        pages.forEach(this::hold);
        IncidentRecord saved;
        try {
            saved = store.save(b);
        } catch (StoreConflictException | DuplicateOpenIncidentException e) {
            pages.forEach(this::release);
            throw e;
        } catch (RuntimeException e) {
            for (Page p : pages) {
                release(p);
                unsent.put(SendingKey.of(p), new Unsent(p.attempt(), now));
            }
            if (!pages.isEmpty()) {
                scheduleResume(IncidentId.of(b.base().id()), now.plus(pageDeadline));
            }
            throw e;
        }
        afterSave(saved, pages);
        return saved;
    }

    /** A claim saved without an answer and never sent: its attempt and when it was claimed. */
    private record Unsent(int attempt, Instant at) {

        boolean is(PageOutbox.Entry e) {
            return e.inFlight() && e.attempts() == attempt && e.lastAt().equals(at);
        }
    }

    private void afterSave(IncidentRecord saved, List<Page> pages) {
        for (Page p : pages) {
            if (!unsent.isEmpty()) {
                unsent.remove(SendingKey.of(p));
            }
            attempt(p);
        }
        Instant due = saved.nextDueAt();
        if (due != null && saved.isOpen()) {
            ensureWake(due);
        }
    }

    private static void refuseIfResolved(IncidentId id, IncidentStatus status, String operation) {
        if (status == IncidentStatus.RESOLVED) {
            throw new IllegalIncidentTransitionException(id, status, operation);
        }
    }

    /** Acts on an incident whose next due instant has come: the next level, a repeat, or an ack timeout. */
    private boolean onDue(IncidentRecord r, IncidentRecord.Builder b, Instant now, List<Page> pages) {
        Instant due = r.nextDueAt();
        if (!r.isOpen() || due == null || due.isAfter(now)) {
            return false;
        }
        if (r.status().equals(IncidentStatus.ACKNOWLEDGED.name())) {
            int pass = r.pass() + 1;
            b.status(IncidentStatus.TRIGGERED.name()).roundStartPass(pass);
            event(b, now, ENGINE, TimelineEvent.Type.ACK_TIMEOUT, null, 1, pass, null,
                    "not resolved within " + r.policy().ackTimeout().map(Durations::format).orElse("?")
                            + " of the acknowledgement");
            enterLevel(b, 1, pass, due, now, pages);
            return true;
        }
        int[] next = next(r.policy(), r.level(), r.pass(), r.roundStartPass());
        if (next == null) {
            b.nextDueAt(null);
            event(b, now, ENGINE, TimelineEvent.Type.ESCALATION_EXHAUSTED, null, r.level(), r.pass(), null, null);
            return true;
        }
        event(b, now, ENGINE, TimelineEvent.Type.ESCALATED, null, next[0], next[1], null,
                next[1] == r.pass() ? noAcknowledgementAt(r.level()) : "repeating the policy");
        enterLevel(b, next[0], next[1], due, now, pages);
        return true;
    }

    private static String noAcknowledgementAt(int level) {
        return level > 0 && level < NO_ACK_AT.length ? NO_ACK_AT[level] : "no acknowledgement at level " + level;
    }

    /** The level and pass after {@code level} of {@code pass}, or null when the round's passes are used up. */
    private static int @Nullable [] next(EscalationPolicy policy, int level, int pass, int roundStartPass) {
        if (level < policy.levels().size()) {
            return new int[] {level + 1, pass};
        }
        if (pass - roundStartPass + 1 < policy.passes()) {
            return new int[] {1, pass + 1};
        }
        return null;
    }

    /**
     * Pages a level, skipping at once (and noting) every level that resolves to nobody, and sets the next
     * due instant from {@code base}: the level's timeout, or the escalation delay of the on-call person paged.
     */
    private void enterLevel(IncidentRecord.Builder b, int level, int pass, Instant base, Instant now,
            List<Page> pages) {
        IncidentRecord r = b.base();
        EscalationPolicy policy = r.policy();
        int lvl = level;
        int ps = pass;
        while (true) {
            b.position(lvl, ps);
            EscalationLevel current = policy.level(lvl);
            List<OnCallPerson> people = new ArrayList<>(current.targets().size());
            StringBuilder reasons = null;
            for (Target t : current.targets()) {
                Roster.Resolution res = roster.resolve(t, now);
                if (res.person().isPresent()) {
                    OnCallPerson p = res.person().get();
                    if (!named(people, p.name())) {
                        people.add(p);
                    }
                } else if (reasons == null) {
                    reasons = new StringBuilder(res.explanation());
                } else {
                    reasons.append("; ").append(res.explanation());
                }
            }
            if (!people.isEmpty()) {
                Duration dwell = current.timeout().orElse(null);
                Duration delay = null;
                for (OnCallPerson p : people) {
                    pages.add(page(r, p.name(), lvl, ps, now));
                    if (p.escalationDelay().isPresent() && (delay == null || p.escalationDelay().get().compareTo(delay) > 0)) {
                        delay = p.escalationDelay().get();
                    }
                }
                dwell = delay != null ? delay : dwell;
                b.nextDueAt(r.highUrgency() && dwell != null ? base.plus(dwell) : null);
                return;
            }
            event(b, now, ENGINE, TimelineEvent.Type.LEVEL_SKIPPED, null, lvl, ps, null,
                    reasons == null ? "" : reasons.toString());
            int[] next = r.highUrgency() ? next(policy, lvl, ps, b.roundStartPass()) : null;
            if (next == null) {
                b.nextDueAt(null);
                if (r.highUrgency()) {
                    event(b, now, ENGINE, TimelineEvent.Type.ESCALATION_EXHAUSTED, null, lvl, ps, null, null);
                }
                return;
            }
            lvl = next[0];
            ps = next[1];
        }
    }

    private static boolean named(List<OnCallPerson> people, String name) {
        for (OnCallPerson q : people) {
            if (q.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private Page page(IncidentRecord r, String recipient, int level, int pass, Instant now) {
        String tier = null;
        String response = null;
        if (matrix != null) {
            tier = matrix.tierAtLevel(level);
            if (r.category() != null) {
                response = matrix.responseAtLevel(r.category(), level).filter(s -> !s.isEmpty()).orElse(null);
            }
        }
        return new Page(r.id(), recipient, level, pass, r.highUrgency(), r.severity(), r.summary(), tier, response,
                now, 1, r.dedupKey(), r.service(), r.labels(), Map.of());
    }

    private static void event(IncidentRecord.Builder b, Instant at, String actor, TimelineEvent.Type type,
            @Nullable String recipient, int level, int pass, @Nullable String response, @Nullable String detail) {
        event(b, at, actor, type.name(), recipient, level, pass, response, detail);
    }

    private static void event(IncidentRecord.Builder b, Instant at, String actor, String type,
            @Nullable String recipient, int level, int pass, @Nullable String response, @Nullable String detail) {
        Instant last = b.lastEventAt();
        b.event(new IncidentRecord.Event(last == null ? at : later(at, last), actor, type, recipient, level,
                pass, response, detail));
    }

    private static Instant later(Instant a, Instant b) {
        return a.isBefore(b) ? b : a;
    }

    // ---------------------------------------------------------------- waking up

    private void ensureWake(Instant due) {
        if (closed) {
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
            wakeHandle = timers.schedule(due, () -> wake(token));
        }
    }

    private void wake(long token) {
        synchronized (wakeLock) {
            if (token != wakeToken || closed) {
                return;
            }
            wakeAt = null;
            wakeHandle = null;
        }
        try {
            processDue();
        } catch (RuntimeException e) {
            // The store failed (e.g. the database is restarting): the due steps are still in it, so try again
            // after the backoff rather than waiting for some other call to wake this manager.
            LOG.warn("could not read due incidents from the store; retrying in {}", retryBackoff, e);
            ensureWake(clock.instant().plus(retryBackoff));
            return;
        }
        pollOutbox();
        rearm(true);
    }

    /**
     * Arms the next wake-up: the store's earliest due instant, or sooner when polling for work other
     * instances on a shared store made due (their timers do not wake this manager), or after the backoff
     * when the store cannot answer or a due step keeps failing.
     */
    private void rearm(boolean afterProcessing) {
        if (closed) {
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
        Set<Seen> seen = new HashSet<>();
        while (!closed) {
            List<IncidentRecord> due = store.findDue(clock.instant(), DUE_BATCH);
            boolean progressed = false;
            for (IncidentRecord r : due) {
                if (!seen.isEmpty() && seen.contains(new Seen(r.id(), r.version()))) {
                    continue;
                }
                progressed = true;
                IncidentId id = IncidentId.of(r.id());
                boolean[] saved = new boolean[1];
                try {
                    mutate("escalation step", id, r, (fresh, b, now, pages) -> saved[0] = onDue(fresh, b, now, pages));
                    if (!saved[0]) {
                        seen.add(new Seen(r.id(), r.version()));
                    }
                    if (hasOutboxWork(r)) {
                        resumePages(id);
                    }
                } catch (RuntimeException e) {
                    seen.add(new Seen(r.id(), r.version()));
                    LOG.warn("escalation step of incident {} failed; it stays due", r.id(), e);
                }
            }
            if (!progressed) {
                return;
            }
        }
    }

    // ---------------------------------------------------------------- guarded paging

    /** Sends a page whose claim is saved; the key is held (see {@link #save}) until its outcome is saved. */
    private void attempt(Page page) {
        if (closed) {
            release(page);
            return;
        }
        Attempt attempt = new Attempt(page);
        attempt.deadline = timers.schedule(clock.instant().plus(pageDeadline), attempt::expire);
        try {
            pagerExecutor.execute(attempt);
        } catch (RejectedExecutionException e) {
            if (attempt.compareAndSet(false, true)) {
                attempt.deadline.cancel();
                failed(page, "the pager executor refused the call: " + e.getMessage());
            }
        }
    }

    /**
     * One pager call (run on the pager executor) and its answer, settled once (this flag): by the pager's stage
     * or by the deadline timer, whichever comes first. One object per page instead of a flag and three lambdas.
     */
    private final class Attempt extends AtomicBoolean implements Runnable, BiConsumer<Void, Throwable> {
        private static final long serialVersionUID = 1L;
        private final transient Page page;
        /** Set before the call is handed to the executor, which publishes it to the call's thread. */
        private transient Timers.@Nullable Scheduled deadline;

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
                Objects.requireNonNull(deadline).cancel();
                if (error == null) {
                    recordPage(page, TimelineEvent.Type.PAGE_DELIVERED,
                            page.attempt() > 1 ? "attempt " + page.attempt() : null);
                } else {
                    failed(page, describe(error));
                }
            } else if (error == null) {
                // The deadline recorded a timeout, but the page did arrive (B10): say so, so the outbox does not
                // send it again and the timeline tells what the receiver saw. Held again because recording an
                // outcome releases the page, and the timeout already released this call's hold.
                hold(page);
                recordPage(page, TimelineEvent.Type.PAGE_DELIVERED, "attempt " + page.attempt()
                        + " answered after the " + Durations.format(pageDeadline) + " deadline");
            }
        }

        void expire() {
            if (compareAndSet(false, true)) {
                failed(page, "no answer within " + Durations.format(pageDeadline));
            }
        }
    }

    private static String describe(Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    /** Records the failure; once it is saved, while attempts remain, the outbox wakes when the backoff has passed. */
    private void failed(Page page, String reason) {
        if (page.attempt() >= maxPageAttempts) {
            recordPage(page, TimelineEvent.Type.PAGE_FAILED, reason + "; attempt " + page.attempt()
                    + " of " + maxPageAttempts + ", giving up");
            return;
        }
        Duration wait = PageOutbox.backoff(retryBackoff, page.attempt());
        recordPage(page, TimelineEvent.Type.PAGE_FAILED, reason + "; attempt " + page.attempt() + " of "
                + maxPageAttempts + ", retrying in " + Durations.format(wait));
    }

    /**
     * Records a page's outcome. A failure counts only for the page's latest claimed attempt (a late answer to
     * an attempt another manager already took over is dropped), a delivery only once.
     */
    private void recordPage(Page page, TimelineEvent.Type type, @Nullable String detail) {
        recordPage(page, type, detail, 1);
    }

    /**
     * A store failure while recording an outcome is retried with backoff for as long as this manager runs,
     * and the page's key stays held meanwhile: an outcome this manager knows must not be lost to the outbox,
     * which would send a delivered page again (B13). Only a closed manager drops it (a new one resends the
     * page, whose delivery it cannot know).
     */
    private void recordPage(Page page, TimelineEvent.Type type, @Nullable String detail, int tries) {
        if (closed) {
            release(page);
            return;
        }
        IncidentId id = IncidentId.of(page.incidentId());
        IncidentRecord saved;
        try {
            saved = mutate("record page outcome", id, (r, b, now, pages) -> {
                PageOutbox.Entry e = PageOutbox.find(r.timeline(), page.recipient(), page.level(), page.pass());
                if (e != null && (e.delivered() || (type == TimelineEvent.Type.PAGE_FAILED
                        && (!e.inFlight() || e.attempts() != page.attempt())))) {
                    return false;
                }
                event(b, now, ENGINE, type, page.recipient(), page.level(), page.pass(), page.response(), detail);
                return true;
            });
        } catch (IncidentNotFoundException e) {
            release(page);
            return;
        } catch (RuntimeException e) {
            Duration wait = PageOutbox.backoff(retryBackoff, Math.min(tries, RECORD_BACKOFF_DOUBLINGS));
            LOG.warn("could not record {} of page {}; retrying in {}", type, page.idempotencyKey(),
                    Durations.format(wait), e);
            timers.schedule(clock.instant().plus(wait), () -> recordPage(page, type, detail, tries + 1));
            return;
        }
        release(page);
        // A failure with attempts left: the outbox sends the next attempt once its backoff has passed.
        if (type != TimelineEvent.Type.PAGE_FAILED) {
            return;
        }
        PageOutbox.Entry e = PageOutbox.find(saved.timeline(), page.recipient(), page.level(), page.pass());
        if (e != null && !e.inFlight() && !e.settled(maxPageAttempts)) {
            scheduleResume(id, later(e.dueAt(pageDeadline, retryBackoff), clock.instant()));
        }
    }

    private void hold(Page page) {
        sending.merge(SendingKey.of(page), 1, Integer::sum);
    }

    private void release(Page page) {
        sending.computeIfPresent(SendingKey.of(page), (k, n) -> n <= 1 ? null : n - 1);
    }

    /** Whether this manager is sending the page of {@code incidentId} that {@code e} tells of. */
    private boolean isSending(String incidentId, PageOutbox.Entry e) {
        return sending.containsKey(SendingKey.of(incidentId, e));
    }

    /**
     * A page's idempotency key as its parts: the same identity as {@link Page#idempotencyKey()}, without
     * building and hashing that string on every hold, release and outbox look-up (the id and recipient strings
     * are shared with the record, so their hashes are cached).
     */
    private record SendingKey(String incidentId, int pass, int level, String recipient) {
        static SendingKey of(Page p) {
            return new SendingKey(p.incidentId(), p.pass(), p.level(), p.recipient());
        }

        static SendingKey of(String incidentId, PageOutbox.Entry e) {
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

    // ---------------------------------------------------------------- the outbox

    /** Whether the record holds an unsettled page of its current pass that this manager is not sending. */
    private boolean hasOutboxWork(IncidentRecord r) {
        if (!r.status().equals(IncidentStatus.TRIGGERED.name()) || PageOutbox.allDelivered(r.timeline(), r.pass())) {
            return false;
        }
        for (PageOutbox.Entry e : PageOutbox.entries(r.timeline())) {
            if (e.pass() == r.pass() && !e.settled(maxPageAttempts) && !isSending(r.id(), e)) {
                return true;
            }
        }
        return false;
    }

    /** On build: resumes the outbox of every open incident (pages a dead or earlier manager left unsent). */
    private void recoverOutbox() {
        try {
            scanOutbox();
        } catch (RuntimeException e) {
            LOG.warn("could not read the outbox from the store; retrying in {}", retryBackoff, e);
            timers.schedule(clock.instant().plus(retryBackoff), () -> {
                if (!closed) {
                    recoverOutbox();
                }
            });
        }
    }

    /** Resumes the outbox of every open incident that holds an unsettled page this manager is not sending. */
    private void scanOutbox() {
        outboxScannedAt = clock.instant();
        for (IncidentRecord r : store.findOpen()) {
            if (hasOutboxWork(r)) {
                resumePages(IncidentId.of(r.id()));
            }
        }
    }

    /**
     * When polling (several instances on one store), looks at the outbox again once a claim could have gone
     * stale since the last look: a page a dead instance claimed but never sent is found even when its incident
     * never falls due again (e.g. the last level, without a timeout). A failure waits for the next poll.
     */
    private void pollOutbox() {
        Instant last = outboxScannedAt;
        Duration every = outboxPollEvery;
        if (every == null || closed || (last != null && clock.instant().isBefore(last.plus(every)))) {
            return;
        }
        try {
            scanOutbox();
        } catch (RuntimeException e) {
            LOG.warn("could not read the outbox from the store; trying again at the next poll", e);
        }
    }

    /**
     * Drops what this manager remembers of unsent claims that the stored timeline has moved past: those of
     * entry {@code e} unless they still describe its last claim, or, without an entry, all of the incident's.
     */
    private void forgetUnsent(String incidentId, PageOutbox.@Nullable Entry e) {
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

    private void scheduleResume(IncidentId id, Instant at) {
        String token = id.value() + "@" + at;
        if (closed || !resumes.add(token)) {
            return;
        }
        timers.schedule(at, () -> {
            resumes.remove(token);
            resumePages(id);
        });
    }

    /**
     * Sends what the incident's outbox holds and is due: a claim older than the page deadline (its sender
     * died; the next attempt is claimed) or a failure whose backoff has passed. Each send is claimed first with
     * the version check, so two managers never send the same attempt. Pages of an earlier pass, or of an
     * incident no longer triggered, are dropped, like retries always were.
     */
    private void resumePages(IncidentId id) {
        if (closed) {
            return;
        }
        List<Instant> later = new ArrayList<>(1);
        try {
            mutate("resume pages", id, (r, b, now, pages) -> {
                later.clear();
                if (!r.status().equals(IncidentStatus.TRIGGERED.name())) {
                    forgetUnsent(r.id(), null);
                    return false;
                }
                boolean changed = false;
                for (PageOutbox.Entry e : PageOutbox.entries(r.timeline())) {
                    if (e.pass() != r.pass() || e.settled(maxPageAttempts) || isSending(r.id(), e)) {
                        forgetUnsent(r.id(), e);
                        continue;
                    }
                    Instant due = e.dueAt(pageDeadline, retryBackoff);
                    Unsent known = unsent.isEmpty() ? null : unsent.get(SendingKey.of(r.id(), e));
                    if (known != null && known.is(e)) {
                        // Never sent (B2): withdraw the claim and claim the same attempt again, now.
                        event(b, now, ENGINE, PageOutbox.UNSENT, e.recipient(), e.level(), e.pass(), e.response(),
                                "attempt " + e.attempts() + " was claimed but never sent: its save lost its answer");
                        pages.add(page(r, e.recipient(), e.level(), e.pass(), e.decidedAt())
                                .withAttempt(e.attempts()));
                        changed = true;
                    } else if (due.isAfter(now)) {
                        later.add(due);
                    } else if (e.inFlight() && e.attempts() >= maxPageAttempts) {
                        event(b, now, ENGINE, TimelineEvent.Type.PAGE_FAILED, e.recipient(), e.level(), e.pass(),
                                e.response(), "no answer within " + Durations.format(pageDeadline) + "; attempt "
                                        + e.attempts() + " of " + maxPageAttempts + ", giving up");
                        changed = true;
                    } else {
                        pages.add(page(r, e.recipient(), e.level(), e.pass(), e.decidedAt())
                                .withAttempt(e.attempts() + 1));
                        changed = true;
                    }
                }
                return changed;
            });
        } catch (IncidentNotFoundException e) {
            return;
        } catch (RuntimeException e) {
            LOG.warn("could not resume the pages of incident {}; retrying in {}", id, retryBackoff, e);
            scheduleResume(id, clock.instant().plus(retryBackoff));
            return;
        }
        later.stream().min(Instant::compareTo).ifPresent(at -> scheduleResume(id, at));
    }

    // ---------------------------------------------------------------- builder

    /** Fluent builder; {@link #build()} reports every missing or bad setting at once. */
    public static final class Builder {
        private @Nullable Clock clock;
        private @Nullable Timers timers;
        private @Nullable Pager pager;
        private IncidentStore store = new InMemoryIncidentStore();
        private Roster roster = Roster.EMPTY;
        private @Nullable EscalationMatrix matrix;
        private Executor pagerExecutor = Runnable::run;
        private Duration pageDeadline = Duration.ofSeconds(30);
        private Duration retryBackoff = Duration.ofSeconds(30);
        private int maxPageAttempts = 5;
        private int maxConflictAttempts = 100;
        private Supplier<IncidentId> ids = IncidentId::random;
        private @Nullable Duration pollInterval;

        private Builder() {
        }

        /**
         * Wakes at least this often to look for due incidents, even when this manager armed no timer for them.
         * Set it when several instances share one store (e.g. {@code JdbcIncidentStore}): an incident another
         * instance made due, or left behind when it died, is then carried on by the survivors within this
         * interval. Not needed with one manager per store (the default: no polling). A page the dead instance
         * had claimed but not delivered (the outbox) is sent again by a survivor too: polling also looks at the
         * outbox of every open incident ({@code IncidentStore.findOpen}), at most once per poll interval or
         * page deadline, whichever is longer.
         */
        public Builder pollInterval(Duration value) {
            this.pollInterval = Objects.requireNonNull(value, "pollInterval");
            return this;
        }

        /** The clock; default the {@linkplain Timers#clock() timers' clock}. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** The timers that wake the engine (required). */
        public Builder timers(Timers value) {
            this.timers = Objects.requireNonNull(value, "timers");
            return this;
        }

        /** The pager (required). */
        public Builder pager(Pager value) {
            this.pager = Objects.requireNonNull(value, "pager");
            return this;
        }

        /** The store; default a new {@link InMemoryIncidentStore}. */
        public Builder store(IncidentStore value) {
            this.store = Objects.requireNonNull(value, "store");
            return this;
        }

        /** How targets resolve to people; default {@link Roster#EMPTY}. */
        public Builder roster(Roster value) {
            this.roster = Objects.requireNonNull(value, "roster");
            return this;
        }

        /** The escalation matrix whose responses are attached to pages; default none. */
        public Builder matrix(EscalationMatrix value) {
            this.matrix = Objects.requireNonNull(value, "matrix");
            return this;
        }

        /** Where pager calls run; default the calling thread (fine for pagers that return at once). */
        public Builder pagerExecutor(Executor value) {
            this.pagerExecutor = Objects.requireNonNull(value, "pagerExecutor");
            return this;
        }

        /** How long a pager call may take before it counts as failed; default 30s. */
        public Builder pageDeadline(Duration value) {
            this.pageDeadline = Objects.requireNonNull(value, "pageDeadline");
            return this;
        }

        /** The wait before the first retry of a failed page, doubled for each further retry; default 30s. */
        public Builder retryBackoff(Duration value) {
            this.retryBackoff = Objects.requireNonNull(value, "retryBackoff");
            return this;
        }

        /** How many times a page is attempted in all; default 5. */
        public Builder maxPageAttempts(int value) {
            this.maxPageAttempts = value;
            return this;
        }

        /**
         * How many times an operation saves an incident whose save keeps conflicting with a newer version
         * (deciding again on a fresh read each time) before it gives up with an
         * {@link IncidentContentionException}; default 100.
         */
        public Builder maxConflictAttempts(int value) {
            this.maxConflictAttempts = value;
            return this;
        }

        /** Where incident ids come from; default random ({@link IncidentId#random()}). */
        public Builder ids(Supplier<IncidentId> value) {
            this.ids = Objects.requireNonNull(value, "ids");
            return this;
        }

        /**
         * Builds the manager and schedules a wake-up for the earliest escalation due in the store, so
         * open incidents left by an earlier manager go on escalating.
         *
         * @throws ValidationException listing every missing or bad setting
         */
        public IncidentManager build() {
            Problems p = new Problems();
            p.check(timers != null, "timers", null, "is required");
            p.check(pager != null, "pager", null, "is required");
            p.check(!pageDeadline.isZero() && !pageDeadline.isNegative(), "pageDeadline", pageDeadline,
                    "must be greater than zero");
            p.check(!retryBackoff.isZero() && !retryBackoff.isNegative(), "retryBackoff", retryBackoff,
                    "must be greater than zero");
            p.check(maxPageAttempts >= 1, "maxPageAttempts", maxPageAttempts, "must be 1 or more");
            p.check(maxConflictAttempts >= 1, "maxConflictAttempts", maxConflictAttempts, "must be 1 or more");
            p.check(pollInterval == null || (!pollInterval.isZero() && !pollInterval.isNegative()), "pollInterval",
                    pollInterval, "must be greater than zero");
            p.throwIfAny("incident manager");
            IncidentManager manager = new IncidentManager(this);
            manager.rearm(false);
            manager.recoverOutbox();
            return manager;
        }
    }
}
