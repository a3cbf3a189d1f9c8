package io.github.incident4j.spi;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One page the escalation engine asks a {@link Pager} to deliver. The {@link #idempotencyKey()} names the
 * escalation step (incident, pass, level, recipient): a retry of the same page carries the same key, so a
 * receiving service can drop duplicates.
 *
 * @param incidentId the incident's id
 * @param recipient the person paged
 * @param level the escalation level (1-based) that pages them
 * @param pass the pass through the policy (1-based; grows with repeats, ack timeouts and reassignments)
 * @param highUrgency whether the incident is high urgency
 * @param severity the incident's severity, e.g. {@code SEV-2}
 * @param summary the alert's summary
 * @param tier the escalation-matrix tier of the level, e.g. {@code L2 (Lead)}, if a matrix is configured
 * @param response the matrix response for the incident's category at that tier, e.g. {@code SecOps}
 * @param at when the engine decided to page
 * @param attempt 1 for the first delivery attempt, 2 for the first retry, and so on
 */
public record Page(String incidentId, String recipient, int level, int pass, boolean highUrgency, String severity,
        String summary, @Nullable String tier, @Nullable String response, Instant at, int attempt) {

    /** Checks the required parts. */
    public Page {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(at, "at");
    }

    /** The key that identifies this escalation step: {@code incident/pass/level/recipient}. */
    public String idempotencyKey() {
        return incidentId + "/" + pass + "/" + level + "/" + recipient;
    }

    /** This page as the given retry attempt. */
    public Page withAttempt(int n) {
        return new Page(incidentId, recipient, level, pass, highUrgency, severity, summary, tier, response, at, n);
    }
}
