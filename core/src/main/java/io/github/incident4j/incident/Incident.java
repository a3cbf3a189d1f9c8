package io.github.incident4j.incident;

import io.github.incident4j.common.Severity;
import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.spi.IncidentRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An incident as the engine last stored it: an immutable snapshot, typed view of the stored
 * {@link IncidentRecord}. Get a fresh one with {@link IncidentManager#find(IncidentId)}.
 *
 * <pre>{@code
 * Incident incident = manager.trigger(alert, policy);
 * incident.status();                                  // TRIGGERED
 * incident.timeline().get(0).description();           // "Triggered by alert: ..."
 * }</pre>
 */
public final class Incident {

    /** The view's kinds by the record's kinds (same names; the outbox's bookkeeping kinds have none). */
    private static final TimelineEvent.Type[] TYPES = new TimelineEvent.Type[IncidentRecord.EventKind.values().length];
    private static final IncidentStatus[] STATUSES = new IncidentStatus[IncidentRecord.Status.values().length];

    static {
        for (IncidentRecord.EventKind k : IncidentRecord.EventKind.values()) {
            if (!k.isBookkeeping()) {
                TYPES[k.ordinal()] = TimelineEvent.Type.valueOf(k.name());
            }
        }
        for (IncidentRecord.Status s : IncidentRecord.Status.values()) {
            STATUSES[s.ordinal()] = IncidentStatus.valueOf(s.name());
        }
    }

    private final IncidentRecord record;

    private Incident(IncidentRecord record) {
        this.record = record;
    }

    /** The typed view of a stored record. */
    public static Incident of(IncidentRecord record) {
        return new Incident(Objects.requireNonNull(record, "record"));
    }

    /** The stored record behind this view. */
    public IncidentRecord record() {
        return record;
    }

    /** The id. */
    public IncidentId id() {
        return IncidentId.of(record.id());
    }

    /** The stored version. */
    public long version() {
        return record.version();
    }

    /** The lifecycle status. */
    public IncidentStatus status() {
        return status(record.status());
    }

    /** The view's status of a stored status. */
    static IncidentStatus status(IncidentRecord.Status stored) {
        return STATUSES[stored.ordinal()];
    }

    /** The view's type of a stored row kind (not a bookkeeping kind). */
    static TimelineEvent.Type type(IncidentRecord.EventKind kind) {
        return java.util.Objects.requireNonNull(TYPES[kind.ordinal()], "a bookkeeping row has no view");
    }

    /** Whether the incident is still open. */
    public boolean isOpen() {
        return record.isOpen();
    }

    /** The alert that opened the incident, annotations included (as stored: see {@code common.Text.storable}). */
    public Alert alert() {
        return new Alert(record.dedupKey(), record.service(), record.summary(), severity(), urgency(),
                Optional.ofNullable(record.category()), record.labels(), record.annotations());
    }

    /** The alerting service. */
    public String service() {
        return record.service();
    }

    /** The alert's summary. */
    public String summary() {
        return record.summary();
    }

    /** The alert's annotations ({@link Alert#RUNBOOK_URL}, {@link Alert#DASHBOARD}, ...). */
    public Map<String, String> annotations() {
        return record.annotations();
    }

    /** The dedup key. */
    public String dedupKey() {
        return record.dedupKey();
    }

    /** The severity. */
    public Severity severity() {
        return Severity.parse(record.severity());
    }

    /** The urgency. */
    public Urgency urgency() {
        return record.highUrgency() ? Urgency.HIGH : Urgency.LOW;
    }

    /** The escalation-matrix category, if any. */
    public Optional<String> category() {
        return Optional.ofNullable(record.category());
    }

    /** The labels. */
    public Map<String, String> labels() {
        return record.labels();
    }

    /** The escalation policy followed. */
    public EscalationPolicy policy() {
        return record.policy();
    }

    /** The current escalation level (0 before anyone was paged). */
    public int level() {
        return record.level();
    }

    /** The current pass through the policy. */
    public int pass() {
        return record.pass();
    }

    /** When the engine acts next, if anything is due. */
    public Optional<Instant> nextDueAt() {
        return Optional.ofNullable(record.nextDueAt());
    }

    /** When the first alert arrived. */
    public Instant triggeredAt() {
        return record.triggeredAt();
    }

    /** The first acknowledgement, if any. */
    public Optional<Instant> acknowledgedAt() {
        return Optional.ofNullable(record.acknowledgedAt());
    }

    /** The resolution, if any. */
    public Optional<Instant> resolvedAt() {
        return Optional.ofNullable(record.resolvedAt());
    }

    /** The person the incident was reassigned to, if any. */
    public Optional<String> assignee() {
        return Optional.ofNullable(record.assignee());
    }

    /** How many alerts were counted (1 + repeats). */
    public long alertCount() {
        return record.alertCount();
    }

    /** When the last alert arrived. */
    public Instant lastSeenAt() {
        return record.lastSeenAt();
    }

    /** Everything that happened, in order. */
    public List<TimelineEvent> timeline() {
        List<IncidentRecord.Event> rows = record.timeline();
        List<TimelineEvent> events = new ArrayList<>(rows.size());
        for (IncidentRecord.Event e : rows) {
            if (e.kind().isBookkeeping()) {
                continue; // the engine's outbox, not something that happened to the incident
            }
            TimelineEvent.Type type = type(e.kind());
            boolean repeats = type == TimelineEvent.Type.REPEAT_ALERTS;
            events.add(new TimelineEvent(e.at(), e.actor(), type, e.recipient(), e.level(), e.pass(), e.response(),
                    e.detail(), repeats ? record.alertCount() - 1 : 0, repeats ? record.lastSeenAt() : null));
        }
        return Collections.unmodifiableList(events);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Incident other && other.record.equals(record);
    }

    @Override
    public int hashCode() {
        return record.hashCode();
    }

    @Override
    public String toString() {
        return "Incident[" + record.id() + " " + record.status() + " level " + record.level() + " pass "
                + record.pass() + " alerts " + record.alertCount() + "]";
    }
}
