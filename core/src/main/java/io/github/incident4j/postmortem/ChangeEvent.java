package io.github.incident4j.postmortem;

import io.github.incident4j.common.Problems;
import java.time.Instant;
import java.util.Objects;

/**
 * A change a host knows of (a deployment, a config push, a feature flag), given to
 * {@link PostmortemDrafter#draft(io.github.incident4j.incident.Incident, java.util.List)} so the draft can
 * start at the change that preceded the alert and report the time to detect.
 *
 * <pre>{@code
 * ChangeEvent.of(Instant.parse("2026-03-02T09:30:00Z"), "Deployment v2.3.1 of payment-service rolled out");
 * }</pre>
 *
 * @param at when the change took effect
 * @param description what changed, in plain language (one line); it becomes the draft's first timeline row
 */
public record ChangeEvent(Instant at, String description) {

    /** Validates: one non-blank line. */
    public ChangeEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(description, "description");
        description = description.strip();
        Problems p = new Problems();
        p.check(!description.isEmpty(), "description", description, "must not be blank");
        p.check(description.indexOf('\n') < 0 && description.indexOf('\r') < 0, "description", description,
                "must be one line");
        p.throwIfAny("change event");
    }

    /** A change at an instant. */
    public static ChangeEvent of(Instant at, String description) {
        return new ChangeEvent(at, description);
    }
}
