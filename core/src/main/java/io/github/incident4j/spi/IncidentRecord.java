package io.github.incident4j.spi;

import io.github.incident4j.escalation.EscalationPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The stored state of one incident, as an {@link IncidentStore} keeps it: flat values a database row can
 * hold (no object identity), an explicit {@link #version()} for optimistic concurrency, and the engine's
 * whole state ({@link #status()}, {@link #level()}, {@link #pass()}, {@link #nextDueAt()}) so a restarted
 * engine resumes from the store alone. The incident package's {@code Incident} is the typed view of it.
 *
 * <p>A new incident starts from {@link #opened(String, Origin, EscalationPolicy, Instant)}; every later state is
 * made by {@link #changes()}, which a store saves with {@link IncidentStore#save(Changes)}. The canonical
 * constructor is for stores reading a row back.
 *
 * <p>Repeat alerts are summarised: {@link #alertCount()} and {@link #lastSeenAt()} change, the timeline
 * holds one {@link EventKind#REPEAT_ALERTS} event (placed at the first repeat) whatever the count.
 *
 * <pre>{@code
 * IncidentRecord opened = IncidentRecord.opened("INC-1", origin, policy, now);
 * IncidentRecord saved = store.save(opened.changes()
 *         .position(1, 1).nextDueAt(now.plus(Duration.ofMinutes(15))));
 * }</pre>
 *
 * @param id the incident id
 * @param version 0 for a record never saved; the store sets 1 on the first save and adds 1 on each save
 * @param origin the alert that opened the incident: what never changes
 * @param policy the escalation policy the incident follows
 * @param status where the incident is in its lifecycle
 * @param level the current escalation level (1-based; 0 before the first page)
 * @param pass the current pass through the policy (1-based)
 * @param roundStartPass the pass at which the current round began (repeats are counted from it; an ack
 *        timeout or a reassignment starts a new round)
 * @param nextDueAt when the engine must act next (escalate, repeat, ack timeout), or null when nothing is due
 * @param triggeredAt when the first alert arrived
 * @param acknowledgedAt the first acknowledgement, if any
 * @param resolvedAt the resolution, if any
 * @param assignee the person the incident was reassigned to, if any
 * @param alertCount how many alerts were counted on the incident (1 + repeats)
 * @param lastSeenAt when the last alert arrived
 * @param timeline what happened, in order; it also holds the engine's page outbox ({@link EventKind#PAGE_PENDING}
 *        rows, one per claimed delivery attempt, and {@link EventKind#PAGE_UNSENT} rows withdrawing a claim its
 *        manager knows it never sent), which the incident package's {@code Incident} does not show
 */
public record IncidentRecord(String id, long version, Origin origin, EscalationPolicy policy, Status status,
        int level, int pass, int roundStartPass, @Nullable Instant nextDueAt, Instant triggeredAt,
        @Nullable Instant acknowledgedAt, @Nullable Instant resolvedAt, @Nullable String assignee,
        long alertCount, Instant lastSeenAt, List<Event> timeline) {

    /** Where an incident is in its lifecycle (the incident package's {@code IncidentStatus}, in the same order). */
    public enum Status {
        /** Open and escalating until someone acknowledges. */
        TRIGGERED,
        /** Open; someone is on it. */
        ACKNOWLEDGED,
        /** Closed; nothing more is paged. */
        RESOLVED;

        /** Whether an incident in this status is open. */
        public boolean isOpen() {
            return this != RESOLVED;
        }
    }

    /**
     * The kinds of timeline rows: every kind of the incident package's {@code TimelineEvent.Type} (same names),
     * plus the engine's outbox bookkeeping, which {@code Incident.timeline()} hides.
     */
    public enum EventKind {
        /** The first alert opened the incident. */
        TRIGGERED,
        /** Repeats of the alert, summarised in one row. */
        REPEAT_ALERTS,
        /** Bookkeeping: a page's delivery attempt was claimed, before the pager is called. */
        PAGE_PENDING,
        /** A page reached the pager. */
        PAGE_DELIVERED,
        /** A page attempt failed or timed out. */
        PAGE_FAILED,
        /** Bookkeeping: a claim withdrawn because its manager knows it never sent it. */
        PAGE_UNSENT,
        /** The engine moved to another level or pass. */
        ESCALATED,
        /** A level resolved to nobody and was skipped. */
        LEVEL_SKIPPED,
        /** Paging stopped: every pass went unacknowledged, or nobody could be paged. */
        ESCALATION_EXHAUSTED,
        /** Someone acknowledged. */
        ACKNOWLEDGED,
        /** An acknowledgement outlasted the policy's ack timeout. */
        ACK_TIMEOUT,
        /** A note. */
        NOTE,
        /** The incident was reassigned to a person or a level. */
        REASSIGNED,
        /** The incident was resolved. */
        RESOLVED,
        /** A step reported by a runner (runbook, chaos). */
        ACTION;

        /** Whether rows of this kind are the engine's outbox bookkeeping rather than something that happened. */
        public boolean isBookkeeping() {
            return this == PAGE_PENDING || this == PAGE_UNSENT;
        }

        /** Whether rows of this kind belong to a page's outbox entry (a claim, a withdrawn claim or an outcome). */
        public boolean isPageRow() {
            return this == PAGE_PENDING || this == PAGE_DELIVERED || this == PAGE_FAILED || this == PAGE_UNSENT;
        }
    }

    /**
     * The alert that opened an incident: the part of the record that never changes. Text in it comes from outside;
     * the engine makes it storable ({@code common.Text.storable}) before it reaches a store.
     *
     * @param dedupKey the alert's dedup key; unique among open incidents
     * @param service the alerting service
     * @param summary the alert's summary
     * @param severity the severity label, e.g. {@code SEV-2}
     * @param highUrgency whether the incident is high urgency (low-urgency incidents page level 1 only)
     * @param category the escalation-matrix category, if any
     * @param labels the alert's labels
     * @param annotations the alert's annotations ({@code runbook_url}, {@code dashboard}, {@code description}, ...)
     */
    public record Origin(String dedupKey, String service, String summary, String severity, boolean highUrgency,
            @Nullable String category, Map<String, String> labels, Map<String, String> annotations) {

        /** Checks the required parts and copies the maps. */
        public Origin {
            Objects.requireNonNull(dedupKey, "dedupKey");
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(summary, "summary");
            Objects.requireNonNull(severity, "severity");
            labels = Map.copyOf(labels);
            annotations = Map.copyOf(annotations);
        }

        /** An origin with only a key, service, summary and severity: high urgency, no category, labels or annotations. */
        public static Origin of(String dedupKey, String service, String summary, String severity) {
            return new Origin(dedupKey, service, summary, severity, true, null, Map.of(), Map.of());
        }
    }

    /** Copies the timeline and checks the required parts. */
    public IncidentRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(triggeredAt, "triggeredAt");
        Objects.requireNonNull(lastSeenAt, "lastSeenAt");
        timeline = Timeline.of(timeline);
    }

    /**
     * A newly opened incident, never saved (version 0): triggered at {@code at}, before any level was entered
     * (level 0, pass 1), one alert counted, and one {@link EventKind#TRIGGERED} row by the service saying the
     * severity and the summary.
     */
    public static IncidentRecord opened(String id, Origin origin, EscalationPolicy policy, Instant at) {
        return new IncidentRecord(id, 0, origin, policy, Status.TRIGGERED, 0, 1, 1, null, at, null, null, null, 1,
                at, List.of(Event.of(at, origin.service(), EventKind.TRIGGERED,
                        origin.severity() + " " + origin.summary())));
    }

    /**
     * One timeline row. Build rows with the factories: {@link #of}, {@link #note}, {@link #step}, {@link #page}.
     *
     * @param at when it happened
     * @param actor who acted: a person, the engine, {@code runbook}, {@code chaos}
     * @param kind what kind of row
     * @param recipient the person paged or assigned, for page and reassignment rows
     * @param level the escalation level concerned, 0 if none
     * @param pass the pass concerned, 0 if none
     * @param response the escalation-matrix response attached to a page, if any
     * @param detail free text: a note, an error, an action's evidence
     */
    public record Event(Instant at, String actor, EventKind kind, @Nullable String recipient, int level, int pass,
            @Nullable String response, @Nullable String detail) {
        /** Checks the required parts. */
        public Event {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(kind, "kind");
        }

        /** A row concerning no level or person (triggered, note, action, resolved...), with optional detail. */
        public static Event of(Instant at, String actor, EventKind kind, @Nullable String detail) {
            return new Event(at, actor, kind, null, 0, 0, null, detail);
        }

        /** A note by {@code actor}. */
        public static Event note(Instant at, String actor, String text) {
            return new Event(at, actor, EventKind.NOTE, null, 0, 0, null, text);
        }

        /** A step of the escalation at a level and pass (escalated, skipped, exhausted, acknowledged...). */
        public static Event step(Instant at, String actor, EventKind kind, int level, int pass,
                @Nullable String detail) {
            return new Event(at, actor, kind, null, level, pass, null, detail);
        }

        /** A row about one page: its claim, its outcome, or a reassignment to a person. */
        public static Event page(Instant at, String actor, EventKind kind, String recipient, int level, int pass,
                @Nullable String response, @Nullable String detail) {
            return new Event(at, actor, kind, Objects.requireNonNull(recipient, "recipient"), level, pass, response,
                    detail);
        }

        /** This row at another instant. */
        public Event at(Instant newAt) {
            return new Event(newAt, actor, kind, recipient, level, pass, response, detail);
        }
    }

    /** The dedup key ({@link Origin#dedupKey()}). */
    public String dedupKey() {
        return origin.dedupKey();
    }

    /** The alerting service ({@link Origin#service()}). */
    public String service() {
        return origin.service();
    }

    /** The alert's summary ({@link Origin#summary()}). */
    public String summary() {
        return origin.summary();
    }

    /** The severity label ({@link Origin#severity()}). */
    public String severity() {
        return origin.severity();
    }

    /** Whether the incident is high urgency ({@link Origin#highUrgency()}). */
    public boolean highUrgency() {
        return origin.highUrgency();
    }

    /** The escalation-matrix category, if any ({@link Origin#category()}). */
    public @Nullable String category() {
        return origin.category();
    }

    /** The alert's labels ({@link Origin#labels()}). */
    public Map<String, String> labels() {
        return origin.labels();
    }

    /** The alert's annotations ({@link Origin#annotations()}). */
    public Map<String, String> annotations() {
        return origin.annotations();
    }

    /** Whether the incident is still open (not resolved). */
    public boolean isOpen() {
        return status.isOpen();
    }

    /** This record with another version (used by stores when saving). */
    public IncidentRecord withVersion(long newVersion) {
        return copy(newVersion, alertCount, lastSeenAt, timeline);
    }

    /** This record with one more alert counted at {@code at}, with the given timeline. */
    public IncidentRecord withAlertSeen(Instant at, List<Event> newTimeline) {
        return copy(version, alertCount + 1, lastSeenAt.isAfter(at) ? lastSeenAt : at, newTimeline);
    }

    /**
     * What a store saves when it counts one more alert at {@code at} on this stored record: the same as
     * {@code withAlertSeen(at, timeline()).withVersion(version() + 1)}, built at once.
     */
    public IncidentRecord nextVersionWithAlertSeen(Instant at) {
        return copy(version + 1, alertCount + 1, lastSeenAt.isAfter(at) ? lastSeenAt : at, timeline);
    }

    /** This record with the fields a save or a repeat alert changes. */
    private IncidentRecord copy(long newVersion, long newAlertCount, Instant newLastSeenAt, List<Event> newTimeline) {
        return new IncidentRecord(id, newVersion, origin, policy, status, level, pass, roundStartPass, nextDueAt,
                triggeredAt, acknowledgedAt, resolvedAt, assignee, newAlertCount, newLastSeenAt, newTimeline);
    }

    /** The changes to make to this record: none yet. */
    public Changes changes() {
        return new Changes(this);
    }

    /**
     * A set of changes to one record ({@link #base()}), made by the engine's step and saved by
     * {@link IncidentStore#save(Changes)} with the base's version check. Not thread-safe; used once.
     */
    public static final class Changes {
        private final IncidentRecord base;
        private Status status;
        private int level;
        private int pass;
        private int roundStartPass;
        private @Nullable Instant nextDueAt;
        private @Nullable Instant acknowledgedAt;
        private @Nullable Instant resolvedAt;
        private @Nullable String assignee;
        /** Rows appended so far (the base timeline is copied once, when built). */
        private Event[] added = new Event[4];
        private int addedCount;

        private Changes(IncidentRecord r) {
            base = r;
            status = r.status;
            level = r.level;
            pass = r.pass;
            roundStartPass = r.roundStartPass;
            nextDueAt = r.nextDueAt;
            acknowledgedAt = r.acknowledgedAt;
            resolvedAt = r.resolvedAt;
            assignee = r.assignee;
        }

        /** The record these changes start from. */
        public IncidentRecord base() {
            return base;
        }

        /** The status as changed. */
        public Status status() {
            return status;
        }

        /** The level as changed. */
        public int level() {
            return level;
        }

        /** The pass as changed. */
        public int pass() {
            return pass;
        }

        /** The round start as changed. */
        public int roundStartPass() {
            return roundStartPass;
        }

        /** The next due instant as changed. */
        public @Nullable Instant nextDueAt() {
            return nextDueAt;
        }

        /** Sets the status. */
        public Changes status(Status s) {
            status = Objects.requireNonNull(s, "status");
            return this;
        }

        /** Sets the level and pass. */
        public Changes position(int newLevel, int newPass) {
            level = newLevel;
            pass = newPass;
            return this;
        }

        /** Starts a new round at {@code p}. */
        public Changes roundStartPass(int p) {
            roundStartPass = p;
            return this;
        }

        /** Sets the next due instant. */
        public Changes nextDueAt(@Nullable Instant at) {
            nextDueAt = at;
            return this;
        }

        /** Sets the acknowledgement instant. */
        public Changes acknowledgedAt(@Nullable Instant at) {
            acknowledgedAt = at;
            return this;
        }

        /** Sets the resolution instant. */
        public Changes resolvedAt(@Nullable Instant at) {
            resolvedAt = at;
            return this;
        }

        /** Sets the assignee. */
        public Changes assignee(@Nullable String person) {
            assignee = person;
            return this;
        }

        /**
         * Appends a timeline row; a row earlier than the last row is moved up to the last row's instant, so the
         * timeline stays ordered whatever clock the caller read.
         */
        public Changes append(Event e) {
            Objects.requireNonNull(e, "event");
            Instant last = lastEventAt();
            if (last != null && e.at().isBefore(last)) {
                e = e.at(last);
            }
            if (addedCount == added.length) {
                added = java.util.Arrays.copyOf(added, addedCount * 2);
            }
            added[addedCount++] = e;
            return this;
        }

        /** The instant of the last timeline row, if any. */
        public @Nullable Instant lastEventAt() {
            if (addedCount > 0) {
                return added[addedCount - 1].at();
            }
            return base.timeline.isEmpty() ? null : base.timeline.get(base.timeline.size() - 1).at();
        }

        /** The record with these changes (same version as the base: the store bumps it). */
        public IncidentRecord build() {
            return build(base.version);
        }

        /**
         * What a store saves for these changes: {@link #build()} with the base's version increased by one,
         * built at once (for {@link IncidentStore#save(Changes)}; a save is version-checked against {@link #base()}).
         */
        public IncidentRecord buildNextVersion() {
            return build(base.version + 1);
        }

        private IncidentRecord build(long version) {
            return new IncidentRecord(base.id, version, base.origin, base.policy, status, level, pass, roundStartPass,
                    nextDueAt, base.triggeredAt, acknowledgedAt, resolvedAt, assignee, base.alertCount,
                    base.lastSeenAt,
                    addedCount == 0 ? base.timeline : Timeline.concat(base.timeline, added, addedCount));
        }
    }
}
