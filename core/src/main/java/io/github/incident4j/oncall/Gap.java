package io.github.incident4j.oncall;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An interval of a schedule with nobody on call, from {@link #start()} (inclusive) to {@link #end()}
 * (exclusive).
 *
 * @param start first uncovered instant
 * @param end first covered instant after it (or the end of the range asked about)
 */
public record Gap(Instant start, Instant end) {

    /** Validates the interval. */
    public Gap {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("a gap must end after it starts: " + start + " .. " + end);
        }
    }

    /** Length of the gap. */
    public Duration duration() {
        return Duration.between(start, end);
    }
}
