package io.github.incident4j.incident;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A person on call, with their own escalation delay if they have one: when they are paged through an on-call
 * target, the delay is the time spent on that level instead of the level's timeout.
 *
 * @param name the person
 * @param escalationDelay their escalation delay, if any
 */
public record OnCallPerson(String name, Optional<Duration> escalationDelay) {

    /** Checks the parts. */
    public OnCallPerson {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(escalationDelay, "escalationDelay");
        escalationDelay.ifPresent(d -> {
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException("escalation delay of " + name + " must be positive, but was " + d);
            }
        });
    }

    /** A person without an escalation delay. */
    public static OnCallPerson of(String name) {
        return new OnCallPerson(name, Optional.empty());
    }

    /** A person with an escalation delay. */
    public static OnCallPerson of(String name, Duration escalationDelay) {
        return new OnCallPerson(name, Optional.of(escalationDelay));
    }
}
