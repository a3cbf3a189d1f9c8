package io.github.incident4j.incident;

import io.github.incident4j.common.Durations;
import io.github.incident4j.common.Problems;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * When a page reaches a person through which kind of contact method, as PagerDuty's notification rules say it:
 * "high urgency: Slack at once, PagerDuty after 2 minutes". A page to the person notifies every contact method of
 * the rule's kind {@link #after()} the page, unless the incident is no longer waiting for them by then.
 *
 * @param urgency the urgency the rule applies to, or empty for both
 * @param after the delay after the page
 * @param via the kind of contact method notified
 */
public record NotificationRule(Optional<Urgency> urgency, Duration after, ContactMethod.Kind via) {

    /** Checks the parts. */
    public NotificationRule {
        Objects.requireNonNull(urgency, "urgency");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(via, "via");
        Problems p = new Problems();
        p.check(!after.isNegative(), "after", after, "must not be negative");
        p.throwIfAny("notification rule");
    }

    /** A rule for one urgency. */
    public static NotificationRule of(Urgency urgency, Duration after, ContactMethod.Kind via) {
        return new NotificationRule(Optional.of(urgency), after, via);
    }

    /** A rule for both urgencies. */
    public static NotificationRule always(Duration after, ContactMethod.Kind via) {
        return new NotificationRule(Optional.empty(), after, via);
    }

    /** Whether the rule applies to a page of this urgency. */
    public boolean appliesTo(Urgency u) {
        return urgency.map(x -> x == u).orElse(true);
    }

    @Override
    public String toString() {
        return urgency.map(u -> u.name().toLowerCase(java.util.Locale.ROOT) + " urgency").orElse("any urgency")
                + ": " + via.name().toLowerCase(java.util.Locale.ROOT)
                + (after.isZero() ? " at once" : " after " + Durations.format(after));
    }
}
