package io.github.incident4j.incident;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One thing that happened to an incident, with its instant and its actor. {@link #description()} says it in
 * plain language, e.g. {@code "Paged Bob at level 2 (pass 1): SecOps"}.
 *
 * @param at when it happened
 * @param actor who acted: a person, {@link IncidentManager#ENGINE}, {@code runbook}, {@code chaos}
 * @param type what kind of event
 * @param recipient the person paged (page events) or assigned (reassignment), else null
 * @param level the escalation level concerned, 0 if none
 * @param pass the pass through the policy concerned, 0 if none
 * @param response the escalation-matrix response attached to a page, if any
 * @param detail free text: the note, the error, the action's evidence, the reason for a skip
 * @param count for {@link Type#REPEAT_ALERTS}: how many repeats were counted; else 0
 * @param lastAt for {@link Type#REPEAT_ALERTS}: when the last repeat arrived; else null
 */
public record TimelineEvent(Instant at, String actor, Type type, @Nullable String recipient, int level, int pass,
        @Nullable String response, @Nullable String detail, long count, @Nullable Instant lastAt) {

    /** Kinds of timeline events. */
    public enum Type {
        /** The first alert opened the incident. */
        TRIGGERED,
        /** Repeats of the alert, summarised in one event with a count and the last-seen instant. */
        REPEAT_ALERTS,
        /** A page reached the pager. */
        PAGE_DELIVERED,
        /** A page attempt failed or timed out (and is retried while attempts remain). */
        PAGE_FAILED,
        /** The engine moved to another level or pass (a timeout passed, or someone escalated). */
        ESCALATED,
        /** A level resolved to nobody and was skipped at once. */
        LEVEL_SKIPPED,
        /**
         * Paging stopped: every pass of the policy went unacknowledged, or (its detail says so) nobody could be
         * paged because no page of the incident was ever delivered.
         */
        ESCALATION_EXHAUSTED,
        /** Someone acknowledged. */
        ACKNOWLEDGED,
        /** An acknowledgement outlasted the policy's ack timeout; back to level 1. */
        ACK_TIMEOUT,
        /** A note. */
        NOTE,
        /** The incident was reassigned to a person or a level. */
        REASSIGNED,
        /** The incident was resolved. */
        RESOLVED,
        /** A step reported by a runner (runbook diagnosis, mitigation, chaos experiment). */
        ACTION
    }

    /** Checks the required parts. */
    public TimelineEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(type, "type");
    }

    /** The event in plain language. */
    public String description() {
        String position = " at level " + level + " (pass " + pass + ")";
        String answer = response == null || response.isEmpty() ? "" : ": " + response;
        String more = detail == null || detail.isEmpty() ? "" : ": " + detail;
        return switch (type) {
            case TRIGGERED -> "Triggered by alert" + more;
            case REPEAT_ALERTS -> "Alert repeated " + count + (count == 1 ? " time" : " times") + ", last at " + lastAt;
            case PAGE_DELIVERED -> "Paged " + recipient + position + answer;
            case PAGE_FAILED -> "Paging " + recipient + position + " failed" + more;
            case ESCALATED -> "Escalated to level " + level + " (pass " + pass + ")" + more;
            case LEVEL_SKIPPED -> "Skipped level " + level + " (pass " + pass + "): nobody to page" + more;
            case ESCALATION_EXHAUSTED -> "Escalation stopped: "
                    + (detail == null || detail.isEmpty() ? "every pass went unacknowledged" : detail);
            case ACKNOWLEDGED -> "Acknowledged by " + actor;
            case ACK_TIMEOUT -> "Acknowledgement timed out; back to level 1 (pass " + pass + ")";
            case NOTE -> "Note by " + actor + more;
            case REASSIGNED -> "Reassigned by " + actor + (recipient != null ? " to " + recipient : " to level " + level)
                    + more;
            case RESOLVED -> "Resolved by " + actor;
            case ACTION -> (detail == null ? "Action by " + actor : actor + ": " + detail);
        };
    }

    @Override
    public String toString() {
        return at + " " + description();
    }
}
