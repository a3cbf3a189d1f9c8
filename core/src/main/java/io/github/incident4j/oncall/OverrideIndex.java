package io.github.incident4j.oncall;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;


/**
 * The overrides of a schedule cut into elementary segments between their edges, each segment listing the
 * overrides that cover it from the highest priority (declared last) down to the first one that applies
 * unconditionally: looking up an instant is one binary search.
 */
final class OverrideIndex {

    private static final int[] NONE = new int[0];

    private final Instant[] bounds;
    /** The bounds as epoch seconds and nanos, searched without touching the Instant objects. */
    private final long[] boundSeconds;
    private final int[] boundNanos;
    private final int[][] candidates;
    /**
     * For each segment, the override that decides it whoever is on call (its first candidate, when that one
     * applies unconditionally), or -1.
     */
    private final int[] deciders;

    OverrideIndex(List<ScheduleOverride> overrides) {
        TreeSet<Instant> edges = new TreeSet<>();
        for (ScheduleOverride o : overrides) {
            if (o.until().isAfter(o.from())) {
                edges.add(o.from());
                edges.add(o.until());
            }
        }
        bounds = edges.toArray(new Instant[0]);
        boundSeconds = new long[bounds.length];
        boundNanos = new int[bounds.length];
        for (int i = 0; i < bounds.length; i++) {
            boundSeconds[i] = bounds[i].getEpochSecond();
            boundNanos[i] = bounds[i].getNano();
        }
        candidates = new int[Math.max(0, bounds.length - 1)][];
        // Sweep from the last-declared override down, so each segment's list is in priority order.
        List<List<Integer>> lists = new ArrayList<>();
        boolean[] closed = new boolean[candidates.length];
        for (int i = 0; i < candidates.length; i++) {
            lists.add(new ArrayList<>(2));
        }
        for (int o = overrides.size() - 1; o >= 0; o--) {
            ScheduleOverride override = overrides.get(o);
            if (!override.until().isAfter(override.from())) {
                continue;
            }
            int first = Arrays.binarySearch(bounds, override.from());
            int last = Arrays.binarySearch(bounds, override.until());
            for (int seg = first; seg < last; seg++) {
                if (!closed[seg]) {
                    lists.get(seg).add(o);
                    // Nothing below an unconditional override can ever apply here.
                    closed[seg] = override.replaces().isEmpty();
                }
            }
        }
        deciders = new int[candidates.length];
        for (int i = 0; i < candidates.length; i++) {
            candidates[i] = lists.get(i).stream().mapToInt(Integer::intValue).toArray();
            deciders[i] = candidates[i].length > 0 && overrides.get(candidates[i][0]).replaces().isEmpty()
                    ? candidates[i][0] : -1;
        }
    }

    /** Overrides covering {@code t}, highest priority first (possibly empty). */
    int[] at(Instant t) {
        return candidates(segment(t.getEpochSecond(), t.getNano()));
    }

    /**
     * The elementary segment holding epoch second {@code s} plus {@code n}: the number of the last bound at
     * or before it, or -1 before the first bound.
     */
    int segment(long s, int n) {
        int lo = 0;
        int hi = boundSeconds.length - 1;
        int seg = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long ms = boundSeconds[mid];
            if (ms < s || ms == s && boundNanos[mid] <= n) {
                seg = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return seg;
    }

    /** Overrides covering segment {@code seg}, highest priority first (empty outside every override). */
    int[] candidates(int seg) {
        return seg < 0 || seg >= candidates.length ? NONE : candidates[seg];
    }

    /** The override deciding segment {@code seg} whoever is on call, or -1 (also outside every override). */
    int decider(int seg) {
        return seg < 0 || seg >= deciders.length ? -1 : deciders[seg];
    }

    /** Number of bounds; bound {@code k} starts segment {@code k}. */
    int boundCount() {
        return boundSeconds.length;
    }

    /** Epoch second of bound {@code k}. */
    long boundSecond(int k) {
        return boundSeconds[k];
    }

    /** Nano-of-second of bound {@code k}. */
    int boundNano(int k) {
        return boundNanos[k];
    }
}
