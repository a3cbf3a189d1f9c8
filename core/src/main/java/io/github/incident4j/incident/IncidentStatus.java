package io.github.incident4j.incident;

/** Where an incident is in its lifecycle: triggered → acknowledged → resolved. */
public enum IncidentStatus {
    /** Open and escalating until someone acknowledges. */
    TRIGGERED,
    /** Someone is on it; escalation stopped (until an ack timeout, if the policy has one). */
    ACKNOWLEDGED,
    /** Over; nothing more is paged. */
    RESOLVED
}
