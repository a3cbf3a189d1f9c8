package io.github.incident4j.oncall;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A stretch of the final schedule: {@link #participant()} is on call from {@link #start()} (inclusive)
 * to {@link #end()} (exclusive), because of {@link #source()}.
 *
 * @param participant who is on call
 * @param start first instant
 * @param end first instant after
 * @param source the layer or override that put them there
 */
public record Shift(String participant, Instant start, Instant end, Source source) {

    /** Validates the interval. */
    public Shift {
        Objects.requireNonNull(participant, "participant");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(source, "source");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("a shift must end after it starts: " + start + " .. " + end);
        }
    }

    /** Length of the shift. */
    public Duration duration() {
        return Duration.between(start, end);
    }

    /** Whether the shift contains {@code t} (half-open). */
    public boolean contains(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }

    /** Where a shift comes from. */
    public sealed interface Source permits FromLayer, FromOverride {
        /** Whether an override (rather than a layer) decided this shift. */
        default boolean isOverride() {
            return this instanceof FromOverride;
        }
    }

    /**
     * The shift comes from a layer's rotation.
     *
     * @param index 0-based position of the layer in {@link Schedule#layers()}
     * @param name the layer's label ({@link Layer#label(int)})
     */
    public record FromLayer(int index, String name) implements Source {
        /** Validates the parts. */
        public FromLayer {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * The shift comes from an override.
     *
     * @param index 0-based position of the override in {@link Schedule#overrides()}
     */
    public record FromOverride(int index) implements Source {
    }
}
