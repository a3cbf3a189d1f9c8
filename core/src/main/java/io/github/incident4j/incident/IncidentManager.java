package io.github.incident4j.incident;

import io.github.incident4j.ValidationException;
import io.github.incident4j.common.Finding;
import io.github.incident4j.common.Problems;
import io.github.incident4j.common.Text;
import io.github.incident4j.common.TimelineSink;
import io.github.incident4j.escalation.EscalationMatrix;
import io.github.incident4j.escalation.EscalationPolicy;
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
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The escalation engine: opens incidents from alerts, pages per the escalation policy, and records every step on the
 * incident's timeline. The rules (see {@code EscalationDecisions}): level 1 is paged at once; after a level's
 * timeout (or the on-call person's escalation delay, see {@link Roster.ParticipantDelay}) the next level is paged,
 * the timeout running from when the level was actually paged (after downtime the overdue level is paged once and
 * then gets its full timeout); after the last level the policy repeats while passes remain; a level that resolves
 * to nobody is skipped at once, noted, logged at ERROR and told to the {@link IncidentListener}; low urgency pages
 * level 1 only; acknowledging stops escalation until the policy's ack timeout; resolving ends it; an alert whose
 * dedup key matches an open incident is counted on it.
 *
 * <p>The {@link IncidentStore} is the source of truth: every step reads the stored record and saves with its
 * version ({@code Steps}, which returns the work the save implies: pages to send, the next wake-up, events), and
 * timers only wake the engine. So a new manager on a store resumes its incidents, and two managers on one store
 * never page the same step twice. Pages go through a guard with a deadline and retries ({@code PageDispatch}) and a
 * durable outbox on the stored timeline ({@code PageOutbox}): delivered at least once with an identical
 * idempotency key (see {@link Pager}). Free text from outside (the alert's text, notes, actors, pager errors) is
 * made storable with {@link Text#storable} before it reaches the store, so every store keeps the same text.
 * Thread-safe.
 *
 * <pre>{@code
 * VirtualTime time = VirtualTime.startingAt(Instant.parse("2026-03-02T09:00:00Z"));
 * RecordingPager pager = new RecordingPager();
 * IncidentManager manager = IncidentManager.builder()
 *         .timers(time).pager(pager)
 *         .roster(Roster.builder().schedule("Backend On-Call", at -> Optional.of(OnCallPerson.of("Alice")))
 *                 .role("engineering_lead", "Dana").build())
 *         .validatePoliciesOnTrigger(true)
 *         .build();
 * Incident incident = manager.trigger(Alert.withKey("db-down").service("payments").summary("DB down").build(),
 *         policy);                                 // Alice is paged now
 * time.advance(Duration.ofMinutes(15));           // no ack: Dana is paged
 * manager.acknowledge(incident.id(), "Dana");
 * }</pre>
 */
public final class IncidentManager implements AutoCloseable {

    /** The actor name the engine uses on the timeline. */
    public static final String ENGINE = EscalationDecisions.ENGINE;

    private static final Logger LOG = LoggerFactory.getLogger(IncidentManager.class);
    private final Clock clock;
    private final IncidentStore store;
    private final Roster roster;
    private final int maxConflictAttempts;
    private final Supplier<IncidentId> ids;
    private final boolean validateOnTrigger;
    private final EscalationDecisions decisions;
    private final EngineEvents events;
    private final PageOutbox outbox;
    private final Steps steps;
    private final PageDispatch dispatch;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final WakeUps wakeUps;

    private IncidentManager(Builder b) {
        Timers timers = Objects.requireNonNull(b.timers);
        this.clock = b.clock != null ? b.clock : timers.clock();
        this.store = b.store;
        this.roster = b.roster;
        this.maxConflictAttempts = b.maxConflictAttempts;
        this.ids = b.ids;
        this.validateOnTrigger = b.validateOnTrigger;
        this.decisions = new EscalationDecisions(roster, b.matrix);
        this.events = new EngineEvents(List.copyOf(b.listeners));
        this.outbox = new PageOutbox(store, timers, clock, b.pageDeadline, b.retryBackoff, b.maxPageAttempts,
                b.pollInterval, closed, events, decisions);
        this.steps = new Steps(store, clock, maxConflictAttempts, outbox);
        this.dispatch = new PageDispatch(Objects.requireNonNull(b.pager), b.pagerExecutor, timers, clock,
                b.pageDeadline, b.retryBackoff, b.maxPageAttempts, steps, outbox, events, closed);
        this.wakeUps = new WakeUps(store, timers, clock, b.retryBackoff, b.pollInterval, steps, decisions, outbox, events,
                closed, this::perform, b.stepExecutor);
        outbox.connect(steps, this::perform);
    }

    /** Starts a builder; timers and pager are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Opens an incident for an alert and pages level 1 of the policy, or, when an incident with the alert's
     * dedup key is open, counts the alert on it (count and last-seen time; the policy is then ignored).
     *
     * @return the incident as stored
     * @throws IncidentContentionException if {@code maxConflictAttempts} saves all conflicted with another writer
     */
    public Incident trigger(Alert alert, EscalationPolicy policy) {
        Objects.requireNonNull(alert, "alert");
        Objects.requireNonNull(policy, "policy");
        ensureOpen();
        String key = EscalationDecisions.name(alert.dedupKey());
        for (int attempt = 1; ; attempt++) {
            Instant now = clock.instant();
            Optional<IncidentRecord> open = store.findOpenByKey(key);
            IncidentId fresh = null; // drawn only to open one: a repeat (the storm's hot path) needs no id
            try {
                if (open.isPresent()) {
                    IncidentRecord r = open.get();
                    return Incident.of(r.alertCount() > 1 ? store.countAlert(r, now)
                            : store.save(EscalationDecisions.countRepeat(r, now)));
                }
                fresh = ids.get();
                if (validateOnTrigger) {
                    PolicyCheck.logErrors(alert, policy, roster, now);
                }
                List<Page> pages = new ArrayList<>(2);
                IncidentRecord.Origin origin = EscalationDecisions.origin(alert, key);
                return perform(steps.save(decisions.open(fresh.value(), origin, policy, now, pages), pages, now));
            } catch (StoreConflictException | DuplicateOpenIncidentException e) {
                if (attempt >= maxConflictAttempts) {
                    throw new IncidentContentionException(fresh != null ? fresh : IncidentId.of(open.orElseThrow().id()),
                            "trigger", attempt, e);
                }
                LOG.debug("trigger of {} raced with another writer; retrying", key, e);
            }
        }
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
        String actor = actor(who);
        return step("acknowledge", id, (r, b, now, pages) -> decisions.acknowledge(r, b, now, actor));
    }

    /**
     * Resolves: nothing more is paged. Resolving a resolved incident does nothing.
     *
     * @throws IncidentNotFoundException if there is no such incident
     */
    public Incident resolve(IncidentId id, String who) {
        String actor = actor(who);
        return step("resolve", id, (r, b, now, pages) -> decisions.resolve(r, b, now, actor));
    }

    /**
     * Escalates to the next level now (from the last level, to level 1 of a new pass); an acknowledged
     * incident becomes triggered again. Each call escalates one step.
     *
     * @throws IllegalIncidentTransitionException if the incident is resolved
     */
    public Incident escalate(IncidentId id, String who) {
        String actor = actor(who);
        return step("escalate", id, (r, b, now, pages) -> decisions.escalate(r, b, now, actor, pages));
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
        String actor = actor(who);
        return step("reassign", id, (r, b, now, pages) -> decisions.reassignToLevel(r, b, now, actor, level, pages));
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
        EscalationDecisions.checkPerson(person);
        String actor = actor(who);
        String target = EscalationDecisions.name(person);
        return step("reassign", id,
                (r, b, now, pages) -> decisions.reassignToPerson(r, b, now, actor, target, pages));
    }

    /** Adds a note to the timeline (any status, resolved included). Each call adds one note. */
    public Incident addNote(IncidentId id, String who, String text) {
        Objects.requireNonNull(text, "text");
        String actor = actor(who);
        String note = Text.storable(text);
        return step("addNote", id, Steps.appending(now -> IncidentRecord.Event.note(now, actor, note)));
    }

    /**
     * {@link #acknowledge(IncidentId, String)} on the open incident with this dedup key (the alert's, e.g. an
     * Alertmanager fingerprint); empty when no incident with that key is open.
     */
    public Optional<Incident> acknowledgeByKey(String dedupKey, String who) {
        return openByKey(dedupKey).map(id -> acknowledge(id, who));
    }

    /** {@link #resolve(IncidentId, String)} on the open incident with this dedup key; empty when there is none. */
    public Optional<Incident> resolveByKey(String dedupKey, String who) {
        return openByKey(dedupKey).map(id -> resolve(id, who));
    }

    /** {@link #addNote} on the open incident with this dedup key; empty when there is none. */
    public Optional<Incident> addNoteByKey(String dedupKey, String who, String text) {
        return openByKey(dedupKey).map(id -> addNote(id, who, text));
    }

    private Optional<IncidentId> openByKey(String dedupKey) {
        Objects.requireNonNull(dedupKey, "dedupKey");
        ensureOpen();
        return store.findOpenByKey(EscalationDecisions.name(dedupKey)).map(r -> IncidentId.of(r.id()));
    }

    /**
     * A sink through which a runbook or chaos runner appends {@link TimelineEvent.Type#ACTION} events to this
     * incident's timeline (an instant earlier than the last event is moved up to it: the timeline stays ordered).
     */
    public TimelineSink timelineSink(IncidentId id) {
        Objects.requireNonNull(id, "id");
        return (at, actor, action, detail) -> step("timeline action", id, Steps.appending(now ->
                IncidentRecord.Event.of(at, EscalationDecisions.name(actor), IncidentRecord.EventKind.ACTION,
                        Text.storable(detail.isEmpty() ? action : action + ": " + detail))));
    }

    /** The incident as stored now, if any. */
    public Optional<Incident> find(IncidentId id) {
        return store.load(id.value()).map(Incident::of);
    }

    /** Every stored incident, oldest first (loads every timeline: prefer {@link #incidents(IncidentQuery)}). */
    public List<Incident> incidents() {
        return store.all().stream().map(Incident::of).toList();
    }

    /**
     * One page of incidents, oldest first: open ones only or all, of one service or all, after a cursor, at most
     * the query's limit; the store answers it without loading the other incidents.
     *
     * <pre>{@code
     * IncidentPage page = manager.incidents(IncidentQuery.open().service("payments").limit(50));
     * page.next().ifPresent(cursor -> manager.incidents(IncidentQuery.open().service("payments").after(cursor)));
     * }</pre>
     */
    public IncidentPage incidents(IncidentQuery query) {
        return IncidentPage.of(store.find(Objects.requireNonNull(query, "query").toStoreQuery(1)), query.limit());
    }

    /**
     * Checks a policy against this manager's roster now: every target that does not resolve, by level and name
     * (an unknown schedule or role is an error; a schedule with nobody on call now is a warning), and every level
     * that resolves to nobody. Empty when every level would page someone now.
     */
    public List<Finding> validate(EscalationPolicy policy) {
        return PolicyCheck.check(Objects.requireNonNull(policy, "policy"), roster, clock.instant());
    }

    /** How many incidents are open in the store now (one count query, no timeline loaded). */
    public long openIncidents() {
        return store.countOpen();
    }

    /**
     * A snapshot of this manager's health: when it last woke and processed due work, whether the store answered
     * just now, how many pages are unsettled in the open incidents' outboxes (read from the store: it loads the
     * open incidents) and how many this manager is sending.
     */
    public EngineHealth health() {
        return outbox.health(clock.instant(), wakeUps.lastWakeUp());
    }

    /**
     * Stops this manager: no more wake-ups, retries or page deliveries from it, and operations other than
     * {@link #find} are refused. State stays in the store, where a new manager picks it up, pages in flight
     * and retries included (they are sent again, with their idempotency keys).
     */
    @Override
    public void close() {
        closed.set(true);
        wakeUps.cancel();
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("this incident manager is closed; build a new one on the store");
        }
    }

    private String actor(String who) {
        Objects.requireNonNull(who, "who");
        ensureOpen();
        return EscalationDecisions.name(who);
    }

    /** Runs a step and does its work. */
    private Incident step(String operation, IncidentId id, Steps.Decision decision) {
        ensureOpen();
        // decided on this manager's last save of the incident (no read-back); Steps.runOnLatest says why it is safe
        return perform(steps.runOnLatest(operation, id, decision));
    }

    /** Does what a saved step implies: tells the listener, sends its pages, arms the wake-up for its next due. */
    private Incident perform(Steps.Work w) {
        events.afterStep(w);
        w.pages().forEach(dispatch::send);
        Instant due = w.wakeAt();
        if (due != null) {
            wakeUps.ensureWake(due);
        }
        return Incident.of(w.record());
    }

    /** Fluent builder; {@link #build()} reports every missing or bad setting at once. */
    public static final class Builder {
        private @Nullable Clock clock;
        private @Nullable Timers timers;
        private @Nullable Pager pager;
        private IncidentStore store = new InMemoryIncidentStore();
        private Roster roster = Roster.EMPTY;
        private @Nullable EscalationMatrix matrix;
        private Executor pagerExecutor = Runnable::run;
        private @Nullable Executor stepExecutor;
        private Duration pageDeadline = Duration.ofSeconds(30);
        private Duration retryBackoff = Duration.ofSeconds(30);
        private int maxPageAttempts = 5;
        private int maxConflictAttempts = 100;
        private Supplier<IncidentId> ids = IncidentId::random;
        private @Nullable Duration pollInterval;
        private final List<IncidentListener> listeners = new ArrayList<>(1);
        private boolean validateOnTrigger;

        private Builder() {
        }

        /**
         * Wakes at least this often for due incidents, even when this manager armed no timer for them: set it when
         * several instances share one store, so survivors carry on what another made due or left behind (its
         * claimed pages too: polling looks at every open outbox at most once per poll interval or page deadline,
         * the longer). Default: no polling (one manager per store).
         */
        public Builder pollInterval(Duration value) {
            this.pollInterval = Objects.requireNonNull(value, "pollInterval");
            return this;
        }

        /** Adds a listener, told of every event (see {@link IncidentListener}) and called guarded; default none. */
        public Builder listener(IncidentListener value) {
            listeners.add(Objects.requireNonNull(value, "listener"));
            return this;
        }

        /**
         * Whether {@code trigger} first checks the policy ({@link IncidentManager#validate}) and logs each target that
         * does not resolve at ERROR, by name (the incident still opens); default false.
         */
        public Builder validatePoliciesOnTrigger(boolean value) {
            this.validateOnTrigger = value;
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

        /**
         * Where steps that fall due together run, several at once; default the wake-up's thread, one after another. On
         * a shared store a step mostly waits on round trips, so a pool of n threads takes about n times as many steps a
         * second until the database is the bound (give the store's pool n + 2 connections). The pool is the host's.
         */
        public Builder stepExecutor(Executor value) {
            this.stepExecutor = Objects.requireNonNull(value, "stepExecutor");
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

        /** Saves of a step that keep conflicting before {@link IncidentContentionException}; default 100. */
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
         * Builds the manager and arms a wake-up for the store's earliest due escalation (open incidents left by an
         * earlier manager go on), then resumes their outboxes.
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
            manager.wakeUps.rearm(false);
            manager.outbox.recover();
            return manager;
        }
    }
}
