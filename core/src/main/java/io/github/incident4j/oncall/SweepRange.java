package io.github.incident4j.oncall;

import java.time.Instant;

/**
 * The range {@code [from, to)} of one sweep, with instants in it written as nanoseconds after {@code from}
 * in a long: a sweep compares and steps through such offsets instead of {@code Instant} objects. The range
 * may span at most {@link #MAX_SPAN_SECONDS}, so that every offset inside it fits in a long.
 */
final class SweepRange {

    /** The longest range one instance covers: a hundred years, far below the 292 years a long of nanos holds. */
    static final long MAX_SPAN_SECONDS = 100L * 366 * 86_400;
    private static final long NANOS = 1_000_000_000L;

    private final long baseSecond;
    private final int baseNano;
    /** Offset of {@code to}. */
    private final long span;

    SweepRange(Instant from, Instant to) {
        if (to.getEpochSecond() - from.getEpochSecond() > MAX_SPAN_SECONDS) {
            throw new IllegalArgumentException("range longer than " + MAX_SPAN_SECONDS + " s: " + from + " .. " + to);
        }
        this.baseSecond = from.getEpochSecond();
        this.baseNano = from.getNano();
        this.span = offset(to.getEpochSecond(), to.getNano());
    }

    /** Offset in nanoseconds after {@code from} of an instant within the range or near it. */
    long offset(long epochSecond, int nano) {
        return (epochSecond - baseSecond) * NANOS + (nano - baseNano);
    }

    /**
     * Offset of an instant after {@code from}, {@link #span()} if it lies at or after {@code to}, or -1 if it
     * lies more than a year before {@code from}: safe for any instant, however far outside the range.
     */
    long clampedOffset(long epochSecond, int nano) {
        // Compared in seconds first: an instant far from the range must not overflow the offset.
        long seconds = epochSecond - baseSecond;
        if (seconds > MAX_SPAN_SECONDS + 1) {
            return span;
        }
        if (seconds < -366L * 86_400) {
            return -1;
        }
        return Math.min(span, offset(epochSecond, nano));
    }

    /** {@link #clampedOffset(long, int)} of an instant. */
    long clampedOffset(Instant t) {
        return clampedOffset(t.getEpochSecond(), t.getNano());
    }

    /** Offset of {@code to}, the end of the range. */
    long span() {
        return span;
    }

    /** Epoch second of the instant at {@code offset}. */
    long second(long offset) {
        return baseSecond + Math.floorDiv(baseNano + offset, NANOS);
    }

    /** The instant at {@code offset}. */
    Instant instant(long offset) {
        return Instant.ofEpochSecond(baseSecond, baseNano + offset);
    }
}
