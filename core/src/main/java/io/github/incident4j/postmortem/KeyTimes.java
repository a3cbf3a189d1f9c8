package io.github.incident4j.postmortem;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The instants a postmortem measures an incident's response by, and the durations between them: time to
 * detect (change → alert), to acknowledge, to mitigate and to resolve (each from the alert). A
 * {@link PostmortemDrafter} computes them and writes them into the draft's {@code Key Times} section.
 *
 * @param changeAt the change or deployment that preceded the alert, if one is known
 * @param change what that change was, if one is known
 * @param triggeredAt when the alert opened the incident
 * @param acknowledgedAt the first acknowledgement, if any
 * @param acknowledgedBy who acknowledged first, if anyone
 * @param mitigatedAt when the first mitigation completed, if any
 * @param mitigation what that mitigation was, if any
 * @param resolvedAt when the incident was resolved
 */
public record KeyTimes(@Nullable Instant changeAt, @Nullable String change, Instant triggeredAt,
        @Nullable Instant acknowledgedAt, @Nullable String acknowledgedBy, @Nullable Instant mitigatedAt,
        @Nullable String mitigation, Instant resolvedAt) {

    /** Checks the required instants. */
    public KeyTimes {
        Objects.requireNonNull(triggeredAt, "triggeredAt");
        Objects.requireNonNull(resolvedAt, "resolvedAt");
    }

    /** From the preceding change to the alert, when a change is known. */
    public Optional<Duration> timeToDetect() {
        return between(changeAt, triggeredAt);
    }

    /** From the alert to the first acknowledgement, when someone acknowledged. */
    public Optional<Duration> timeToAcknowledge() {
        return between(triggeredAt, acknowledgedAt);
    }

    /** From the alert to the first completed mitigation, when one completed. */
    public Optional<Duration> timeToMitigate() {
        return between(triggeredAt, mitigatedAt);
    }

    /** From the alert to the resolution. */
    public Duration timeToResolve() {
        return Duration.between(triggeredAt, resolvedAt);
    }

    private static Optional<Duration> between(@Nullable Instant from, @Nullable Instant to) {
        return from == null || to == null ? Optional.empty() : Optional.of(Duration.between(from, to));
    }
}
