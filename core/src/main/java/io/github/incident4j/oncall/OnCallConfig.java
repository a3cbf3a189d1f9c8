package io.github.incident4j.oncall;

import io.github.incident4j.escalation.EscalationPolicy;
import java.util.Objects;

/**
 * What an on-call file holds: a {@link Schedule} and the {@link EscalationPolicy} that pages it.
 * Read and written by {@code io.github.incident4j.format.OnCallYaml}.
 *
 * @param schedule who is on call when
 * @param escalationPolicy whom to page in which order
 */
public record OnCallConfig(Schedule schedule, EscalationPolicy escalationPolicy) {

    /** Validates the parts. */
    public OnCallConfig {
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(escalationPolicy, "escalationPolicy");
    }

    /** A config of a schedule and its policy. */
    public static OnCallConfig of(Schedule schedule, EscalationPolicy escalationPolicy) {
        return new OnCallConfig(schedule, escalationPolicy);
    }
}
