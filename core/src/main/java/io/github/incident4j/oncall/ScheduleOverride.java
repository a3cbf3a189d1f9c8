package io.github.incident4j.oncall;

import io.github.incident4j.common.Problems;
import io.github.incident4j.common.Text;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Someone takes the pager from {@link #from()} (inclusive) until {@link #until()} (exclusive), above every
 * layer. When {@link #replaces()} names a person, the override applies only while the layers would have
 * that person on call (a vacation swap); otherwise it applies throughout its window. Of several overrides
 * covering an instant, the one declared later wins. An override whose end is not after its start covers
 * nothing; {@link ScheduleLint} reports it.
 *
 * <pre>{@code
 * ScheduleOverride swap = ScheduleOverride.of("Dave", Instant.parse("2026-03-02T08:00:00Z"), Instant.parse("2026-03-09T08:00:00Z"))
 *         .replacing("Alice")
 *         .because("Alice on vacation");
 * }</pre>
 *
 * @param who who is on call during the override
 * @param from first instant covered
 * @param until first instant no longer covered
 * @param replaces the person replaced, if the override is limited to that person's time
 * @param reason why, for people reading the schedule
 */
public record ScheduleOverride(String who, Instant from, Instant until, Optional<String> replaces, Optional<String> reason) {

    /** Validates the names (identifiers under {@link Text the text rule}) and the reason (free text). */
    public ScheduleOverride {
        Objects.requireNonNull(who, "who");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(replaces, "replaces");
        Objects.requireNonNull(reason, "reason");
        Problems p = new Problems();
        p.check(!who.isBlank() && who.strip().equals(who), "who", Text.shown(who),
                "must not be blank nor start or end with spaces");
        p.identifier("who", who);
        replaces.ifPresent(r -> {
            p.check(!r.isBlank(), "replaces", r, "must not be blank");
            p.identifier("replaces", r);
        });
        reason.ifPresent(r -> {
            p.check(!r.isBlank(), "reason", r, "must not be blank");
            p.text("reason", r);
        });
        p.throwIfAny("override");
    }

    /** An override of every layer by {@code who} from {@code from} until {@code until}. */
    public static ScheduleOverride of(String who, Instant from, Instant until) {
        return new ScheduleOverride(who, from, until, Optional.empty(), Optional.empty());
    }

    /** A copy that applies only while {@code person} would be on call. */
    public ScheduleOverride replacing(String person) {
        return new ScheduleOverride(who, from, until, Optional.of(person), reason);
    }

    /** A copy with a reason. */
    public ScheduleOverride because(String why) {
        return new ScheduleOverride(who, from, until, replaces, Optional.of(why));
    }

    /** Whether the window contains {@code t} (half-open). */
    public boolean covers(Instant t) {
        return !t.isBefore(from) && t.isBefore(until);
    }
}
