package io.github.incident4j.spi;

import java.time.Instant;
import java.util.Map;
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
 * @param dedupKey the incident's dedup key (the alert's), which a provider such as PagerDuty can key its own
 *        incident on
 * @param service the alerting service
 * @param labels the alert's labels
 * @param annotations the alert's annotations ({@code runbook_url}, {@code dashboard}, {@code description}, ...)
 */
public record Page(String incidentId, String recipient, int level, int pass, boolean highUrgency, String severity,
        String summary, @Nullable String tier, @Nullable String response, Instant at, int attempt, String dedupKey,
        String service, Map<String, String> labels, Map<String, String> annotations) {

    /** Checks the required parts and copies the maps. */
    public Page {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(dedupKey, "dedupKey");
        Objects.requireNonNull(service, "service");
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }

    /**
     * A page with no incident context beyond its id (dedup key = incident id, no service, labels or annotations),
     * for tests and simple hosts.
     */
    public Page(String incidentId, String recipient, int level, int pass, boolean highUrgency, String severity,
            String summary, @Nullable String tier, @Nullable String response, Instant at, int attempt) {
        this(incidentId, recipient, level, pass, highUrgency, severity, summary, tier, response, at, attempt,
                incidentId, "", Map.of(), Map.of());
    }

    /** The key that identifies this escalation step: {@code incident/pass/level/recipient}. */
    public String idempotencyKey() {
        return incidentId + "/" + pass + "/" + level + "/" + recipient;
    }

    /** This page as the given retry attempt. */
    public Page withAttempt(int n) {
        return new Page(incidentId, recipient, level, pass, highUrgency, severity, summary, tier, response, at, n,
                dedupKey, service, labels, annotations);
    }
}
