package io.github.incident4j.incident;

import java.time.Instant;
import java.util.Optional;

/**
 * Who a schedule has on call at an instant, as the escalation engine needs it. A host adapts its schedule
 * (incident4j's {@code oncall.Schedule} or its own) with a lambda.
 *
 * <pre>{@code
 * OnCallLookup backend = at -> Optional.of(new OnCallPerson("Alice", Optional.of(Duration.ofMinutes(15))));
 * }</pre>
 */
@FunctionalInterface
public interface OnCallLookup {

    /** The person on call at {@code at}, or empty when nobody is (a coverage gap). */
    Optional<OnCallPerson> onCallAt(Instant at);
}
