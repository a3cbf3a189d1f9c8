package io.github.incident4j.oncall;

import java.time.Instant;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Instants strictly inside a range {@code (from, to)}, held as nanoseconds after {@code from} in a growable
 * {@code long[]}, then sorted and de-duplicated in place: the change points of a final schedule without a
 * tree or an {@code Instant} per point. The range may span at most {@link #MAX_SPAN_SECONDS}, so that every
 * offset fits in a long.
 */
final class TimePoints {

    /** The longest range one instance covers: a hundred years, far below the 292 years a long of nanos holds. */
    static final long MAX_SPAN_SECONDS = 100L * 366 * 86_400;
    private static final long NANOS = 1_000_000_000L;
    /** Above this many ascending runs the points are sorted as a whole instead of merged. */
    private static final int MAX_RUNS = 16;

    private final Instant from;
    private final Instant to;
    private final long baseSecond;
    private final int baseNano;
    /** Offset of {@code to}. */
    private final long span;
    private long[] values = new long[64];
    private int size;

    TimePoints(Instant from, Instant to) {
        if (to.getEpochSecond() - from.getEpochSecond() > MAX_SPAN_SECONDS) {
            throw new IllegalArgumentException("range longer than " + MAX_SPAN_SECONDS + " s: " + from + " .. " + to);
        }
        this.from = from;
        this.to = to;
        this.baseSecond = from.getEpochSecond();
        this.baseNano = from.getNano();
        this.span = offset(to.getEpochSecond(), to.getNano());
    }

    /** Offset in nanoseconds after {@code from} of an instant within the range or near it. */
    long offset(long epochSecond, int nano) {
        return (epochSecond - baseSecond) * NANOS + (nano - baseNano);
    }

    /** Offset of an instant after {@code from}, or {@link #span()} if it lies at or after {@code to}. */
    long offsetUpToEnd(long epochSecond, int nano) {
        // Compared in seconds first: an instant far after the range must not overflow the offset.
        return epochSecond - baseSecond > MAX_SPAN_SECONDS + 1 ? span : Math.min(span, offset(epochSecond, nano));
    }

    /** Offset of {@code to}, the end of the range. */
    long span() {
        return span;
    }

    /** Epoch second of the instant at {@code offset}. */
    long second(long offset) {
        return baseSecond + Math.floorDiv(baseNano + offset, NANOS);
    }

    /** Nano-of-second of the instant at {@code offset}. */
    int nano(long offset) {
        return (int) Math.floorMod(baseNano + offset, NANOS);
    }

    /** The instant at {@code offset}. */
    Instant instant(long offset) {
        return Instant.ofEpochSecond(baseSecond, baseNano + offset);
    }

    /** Adds the whole second {@code epochSecond} if it lies strictly inside the range. */
    void addSecond(long epochSecond) {
        long seconds = epochSecond - baseSecond;
        // Checked in seconds first: a point far outside the range must not overflow the offset.
        if (seconds >= 0 && seconds <= MAX_SPAN_SECONDS + 1) {
            push(offset(epochSecond, 0));
        }
    }

    /** Adds {@code t} if it is given and lies strictly inside the range. */
    void add(@Nullable Instant t) {
        if (t != null && t.isAfter(from) && t.isBefore(to)) {
            push(offset(t.getEpochSecond(), t.getNano()));
        }
    }

    private void push(long offset) {
        if (offset <= 0 || offset >= span) {
            return;
        }
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = offset;
    }

    /** Sorts the points and drops duplicates; returns how many distinct points remain. */
    int sortDistinct() {
        if (!mergeRuns()) {
            Arrays.sort(values, 0, size);
        }
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (kept == 0 || values[i] != values[kept - 1]) {
                values[kept++] = values[i];
            }
        }
        size = kept;
        return size;
    }

    /**
     * Sorts by merging the ascending runs the points were added in (a layer adds its handoffs, then each
     * window's edges, each in order), which is linear per pass; false, leaving the points as they are, when
     * there are more than {@link #MAX_RUNS} runs.
     */
    private boolean mergeRuns() {
        int[] starts = new int[MAX_RUNS + 1];
        int runs = size > 0 ? 1 : 0;
        for (int i = 1; i < size; i++) {
            if (values[i] < values[i - 1]) {
                if (runs == MAX_RUNS) {
                    return false;
                }
                starts[runs++] = i;
            }
        }
        if (runs <= 1) {
            return true;
        }
        starts[runs] = size;
        long[] source = values;
        long[] target = new long[values.length];
        while (runs > 1) {
            int merged = 0;
            for (int r = 0; r < runs; r += 2) {
                merge(source, starts[r], starts[Math.min(r + 1, runs)], starts[Math.min(r + 2, runs)], target);
                // Only entries at r or later are read after this write.
                starts[merged++] = starts[r];
            }
            starts[merged] = size;
            runs = merged;
            long[] swap = source;
            source = target;
            target = swap;
        }
        values = source;
        return true;
    }

    /** Merges the ascending {@code source[lo, mid)} and {@code source[mid, hi)} into {@code target[lo, hi)}. */
    private static void merge(long[] source, int lo, int mid, int hi, long[] target) {
        int a = lo;
        int b = mid;
        for (int k = lo; k < hi; k++) {
            if (b >= hi || a < mid && source[a] <= source[b]) {
                target[k] = source[a++];
            } else {
                target[k] = source[b++];
            }
        }
    }

    /** The {@code i}-th point (sorted only after {@link #sortDistinct()}). */
    long get(int i) {
        return values[i];
    }

    /** Number of points held. */
    int size() {
        return size;
    }
}
