package io.github.incident4j.escalation;

import io.github.incident4j.common.Problems;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One level of an {@link EscalationPolicy}: whom to page and how long to wait for an acknowledgement
 * before paging the next level. On the last level the timeout is the wait before the policy repeats.
 *
 * @param number 1-based position in the policy
 * @param targets who is paged (at least one)
 * @param timeout time spent on this level, if any
 */
public record EscalationLevel(int number, List<Target> targets, Optional<Duration> timeout) {

    /** Validates the level: a positive number, at least one target, a positive timeout. */
    public EscalationLevel {
        Objects.requireNonNull(targets, "targets");
        Objects.requireNonNull(timeout, "timeout");
        targets = List.copyOf(targets);
        Problems problems = new Problems();
        problems.check(number >= 1, "number", number, "must be 1 or more");
        problems.check(!targets.isEmpty(), "targets", targets, "must name at least one target");
        timeout.ifPresent(t -> problems.check(!t.isZero() && !t.isNegative(), "timeout", t, "must be greater than zero"));
        problems.throwIfAny("escalation level " + number);
    }

    /** A level with a timeout. */
    public static EscalationLevel of(int number, Duration timeout, Target... targets) {
        return new EscalationLevel(number, List.of(targets), Optional.of(timeout));
    }

    /** A level without a timeout (typically the last). */
    public static EscalationLevel of(int number, Target... targets) {
        return new EscalationLevel(number, List.of(targets), Optional.empty());
    }
}
