package io.github.incident4j.oncall;

import io.github.incident4j.common.Problems;
import io.github.incident4j.common.Text;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * A person in a {@link Layer}'s rotation. The escalation engine uses {@link #escalationDelay()} as the
 * time this person gets before the next level is paged; {@link #zone()} says where they live, which the
 * load report uses for working hours and the lint for time-zone spread.
 *
 * <pre>{@code
 * Participant alice = Participant.named("Alice").withEscalationDelay(Duration.ofMinutes(15));
 * }</pre>
 *
 * @param name the person's name as pages and reports show it
 * @param escalationDelay how long this person has to acknowledge, if it differs from the policy's
 * @param zone the person's own time zone, if known
 */
public record Participant(String name, Optional<Duration> escalationDelay, Optional<ZoneId> zone) {

    /** Validates the name and the delay. */
    public Participant {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(escalationDelay, "escalationDelay");
        Objects.requireNonNull(zone, "zone");
        Problems p = new Problems();
        p.check(!name.isBlank() && name.strip().equals(name), "name", Text.shown(name),
                "must not be blank nor start or end with spaces");
        p.identifier("name", name);
        escalationDelay.ifPresent(d -> p.check(!d.isNegative() && !d.isZero(), "escalationDelay", d,
                "must be greater than zero"));
        p.throwIfAny("participant '" + Text.shown(name) + "'");
    }

    /** A participant with only a name. */
    public static Participant named(String name) {
        return new Participant(name, Optional.empty(), Optional.empty());
    }

    /** A copy with the given escalation delay. */
    public Participant withEscalationDelay(Duration delay) {
        return new Participant(name, Optional.of(delay), zone);
    }

    /** A copy living in the given zone. */
    public Participant withZone(ZoneId ownZone) {
        return new Participant(name, escalationDelay, Optional.of(ownZone));
    }
}
