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
 * <p>Repeat alerts are summarised: {@link #alertCount()} and {@link #lastSeenAt()} change, the timeline
 * holds one {@code REPEAT_ALERTS} event (placed at the first repeat) whatever the count.
 *
 * @param id the incident id
 * @param version 0 for a record never saved; the store sets 1 on the first save and adds 1 on each save
 * @param dedupKey the alert's dedup key; unique among open incidents
 * @param service the alerting service
 * @param summary the alert's summary
 * @param severity {@code SEV-1} .. {@code SEV-5}
 * @param highUrgency whether the incident is high urgency (low-urgency incidents page level 1 only)
 * @param category the escalation-matrix category, if any
 * @param labels the alert's labels
 * @param policy the escalation policy the incident follows
 * @param status {@code TRIGGERED}, {@code ACKNOWLEDGED} or {@code RESOLVED}
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
 * @param timeline what happened, in order; it also holds the engine's page outbox ({@code PAGE_PENDING} rows,
 *        one per claimed delivery attempt, and {@code PAGE_UNSENT} rows withdrawing a claim its manager knows
 *        it never sent), which the incident package's {@code Incident} does not show
 */
public record IncidentRecord(String id, long version, String dedupKey, String service, String summary,
        String severity, boolean highUrgency, @Nullable String category, Map<String, String> labels,
        EscalationPolicy policy, String status, int level, int pass, int roundStartPass,
        @Nullable Instant nextDueAt, Instant triggeredAt, @Nullable Instant acknowledgedAt,
        @Nullable Instant resolvedAt, @Nullable String assignee, long alertCount, Instant lastSeenAt,
        List<Event> timeline) {

    /** Status text of a resolved (closed) incident. */
    public static final String RESOLVED = "RESOLVED";

    /** Copies the collections and checks the required parts. */
    public IncidentRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(dedupKey, "dedupKey");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(triggeredAt, "triggeredAt");
        Objects.requireNonNull(lastSeenAt, "lastSeenAt");
        labels = Map.copyOf(labels);
        timeline = Timeline.of(timeline);
    }

    /**
     * One timeline row.
     *
     * @param at when it happened
     * @param actor who acted: a person, the engine, {@code runbook}, {@code chaos}
     * @param type the event type's name (the incident package's {@code TimelineEvent.Type}, or {@code PAGE_PENDING}
     *        or {@code PAGE_UNSENT})
     * @param recipient the person paged or assigned, for page and reassignment events
     * @param level the escalation level concerned, 0 if none
     * @param pass the pass concerned, 0 if none
     * @param response the escalation-matrix response attached to a page, if any
     * @param detail free text: a note, an error, an action's evidence
     */
    public record Event(Instant at, String actor, String type, @Nullable String recipient, int level, int pass,
            @Nullable String response, @Nullable String detail) {
        /** Checks the required parts. */
        public Event {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(type, "type");
        }
    }

    /** Whether the incident is still open (not resolved). */
    public boolean isOpen() {
        return !RESOLVED.equals(status);
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
        return new IncidentRecord(id, newVersion, dedupKey, service, summary, severity, highUrgency, category, labels,
                policy, status, level, pass, roundStartPass, nextDueAt, triggeredAt, acknowledgedAt, resolvedAt,
                assignee, newAlertCount, newLastSeenAt, newTimeline);
    }

    /** A builder holding this record's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Mutable copy of a record, for computing the next state. */
    public static final class Builder {
        private final IncidentRecord base;
        private String status;
        private int level;
        private int pass;
        private int roundStartPass;
        private @Nullable Instant nextDueAt;
        private @Nullable Instant acknowledgedAt;
        private @Nullable Instant resolvedAt;
        private @Nullable String assignee;
        /** Events appended so far (the base timeline is copied once, at {@link #build()}). */
        private Event[] added = new Event[4];
        private int addedCount;

        private Builder(IncidentRecord r) {
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

        /** The status being built. */
        public String status() {
            return status;
        }

        /** The level being built. */
        public int level() {
            return level;
        }

        /** The pass being built. */
        public int pass() {
            return pass;
        }

        /** The round start being built. */
        public int roundStartPass() {
            return roundStartPass;
        }

        /** The record this builder started from. */
        public IncidentRecord base() {
            return base;
        }

        /** Sets the status. */
        public Builder status(String s) {
            status = s;
            return this;
        }

        /** Sets the level and pass. */
        public Builder position(int newLevel, int newPass) {
            level = newLevel;
            pass = newPass;
            return this;
        }

        /** Starts a new round at {@code newPass}. */
        public Builder roundStartPass(int p) {
            roundStartPass = p;
            return this;
        }

        /** Sets the next due instant. */
        public Builder nextDueAt(@Nullable Instant at) {
            nextDueAt = at;
            return this;
        }

        /** Sets the acknowledgement instant. */
        public Builder acknowledgedAt(@Nullable Instant at) {
            acknowledgedAt = at;
            return this;
        }

        /** Sets the resolution instant. */
        public Builder resolvedAt(@Nullable Instant at) {
            resolvedAt = at;
            return this;
        }

        /** Sets the assignee. */
        public Builder assignee(@Nullable String person) {
            assignee = person;
            return this;
        }

        /** Appends a timeline event. */
        public Builder event(Event e) {
            Objects.requireNonNull(e, "event");
            if (addedCount == added.length) {
                added = java.util.Arrays.copyOf(added, addedCount * 2);
            }
            added[addedCount++] = e;
            return this;
        }

        /** The instant of the last timeline event, if any. */
        public @Nullable Instant lastEventAt() {
            if (addedCount > 0) {
                return added[addedCount - 1].at();
            }
            return base.timeline.isEmpty() ? null : base.timeline.get(base.timeline.size() - 1).at();
        }

        /** Builds the record (same version as the base: the store bumps it). */
        public IncidentRecord build() {
            return build(base.version);
        }

        /**
         * What a store saves for these changes: {@link #build()} with the base's version increased by one,
         * built at once (for {@link IncidentStore#save(Builder)}; a save is version-checked against {@link #base()}).
         */
        public IncidentRecord buildNextVersion() {
            return build(base.version + 1);
        }

        private IncidentRecord build(long version) {
            return new IncidentRecord(base.id, version, base.dedupKey, base.service, base.summary, base.severity,
                    base.highUrgency, base.category, base.labels, base.policy, status, level, pass, roundStartPass,
                    nextDueAt, base.triggeredAt, acknowledgedAt, resolvedAt, assignee, base.alertCount,
                    base.lastSeenAt,
                    addedCount == 0 ? base.timeline : Timeline.concat(base.timeline, added, addedCount));
        }
    }
}
