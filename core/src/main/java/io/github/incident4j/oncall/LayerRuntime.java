package io.github.incident4j.oncall;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Layer} compiled for resolution: who it has on call at an instant is index arithmetic on the
 * wall clock, with no expansion of past turns and no allocation on the common path.
 *
 * <p>Turn k starts at the instant of the wall-clock reading {@code rotationStart + k * turnLength}
 * ({@link ZoneClock#instant}); the turn at {@code t} is the largest k whose start is at or before t,
 * estimated by {@code floor((local(t) - rotationStart) / turnLength)} and corrected by at most a step
 * or two around DST changes. A restriction window occurrence likewise spans the instants of its wall-clock
 * edges, so {@link #at} and {@link #breakpoints} agree exactly.
 */
final class LayerRuntime {

    /** Window occurrences further than this (in local seconds) from a reading cannot contain it. */
    private static final long SLACK = 2 * 86_400L;
    /** Monday 1970-01-05 00:00 in local seconds: weeks are counted from a Monday. */
    private static final long MONDAY = 4 * 86_400L;

    private final int index;
    private final ZoneClock clock;
    private final long anchor;
    private final long turn;
    private final String[] names;
    private final @Nullable Instant start;
    private final @Nullable Instant end;
    /** The bounds as epoch second and nano; Long.MIN_VALUE / Long.MAX_VALUE when unbounded. */
    private final long startSecond;
    private final int startNano;
    private final long endSecond;
    private final int endNano;
    private final long[] windowStart;
    private final long[] windowEnd;
    private final long[] windowPeriod;
    private final long[] windowBase;

    LayerRuntime(int index, Layer layer, ZoneId scheduleZone) {
        this.index = index;
        this.clock = ZoneClock.of(layer.effectiveZone(scheduleZone));
        this.anchor = layer.rotationStart().toEpochSecond(ZoneOffset.UTC);
        this.turn = layer.turnLength().getSeconds();
        this.names = layer.participants().stream().map(Participant::name).toArray(String[]::new);
        this.start = layer.start().orElse(null);
        this.end = layer.end().orElse(null);
        this.startSecond = start == null ? Long.MIN_VALUE : start.getEpochSecond();
        this.startNano = start == null ? 0 : start.getNano();
        this.endSecond = end == null ? Long.MAX_VALUE : end.getEpochSecond();
        this.endNano = end == null ? 0 : end.getNano();
        int w = layer.restrictions().size();
        windowStart = new long[w];
        windowEnd = new long[w];
        windowPeriod = new long[w];
        windowBase = new long[w];
        for (int i = 0; i < w; i++) {
            Restriction r = layer.restrictions().get(i);
            windowStart[i] = r.startOffsetSeconds();
            windowEnd[i] = r.endOffsetSeconds();
            windowPeriod[i] = r.periodSeconds();
            windowBase[i] = r instanceof Restriction.Weekly ? MONDAY : 0;
        }
    }

    int index() {
        return index;
    }

    /** Who this layer has on call at {@code t}, or null outside its bounds and windows. */
    @Nullable String at(Instant t) {
        return at(t.getEpochSecond(), t.getNano());
    }

    /** Who this layer has on call at epoch second {@code s} plus {@code nano}, as {@link #at(Instant)}. */
    @Nullable String at(long s, int nano) {
        if (s < startSecond || s == startSecond && nano < startNano
                || s > endSecond || s == endSecond && nano >= endNano) {
            return null;
        }
        long local = clock.deepLocal(s);
        long k;
        if (local != ZoneClock.NOT_DEEP) {
            // Far from any DST change, wall-clock order is instant order: pure arithmetic.
            if (windowStart.length > 0 && !inWindowLocal(local)) {
                return null;
            }
            k = Math.floorDiv(local - anchor, turn);
        } else {
            if (windowStart.length > 0 && !inWindow(s)) {
                return null;
            }
            k = turnAt(s);
        }
        return names[(int) Math.floorMod(k, (long) names.length)];
    }

    private boolean inWindowLocal(long local) {
        for (int w = 0; w < windowStart.length; w++) {
            long period = windowPeriod[w];
            long p = Math.floorDiv(local - windowBase[w], period);
            // The occurrence starting in this period or the one before (windows are shorter than a period).
            long offset = local - windowBase[w] - p * period;
            if (offset >= windowStart[w] && offset < windowEnd[w]
                    || offset + period >= windowStart[w] && offset + period < windowEnd[w]) {
                return true;
            }
        }
        return false;
    }

    /** Number of the turn in progress at epoch second {@code s} (may be negative before the anchor). */
    long turnAt(long s) {
        long k = Math.floorDiv(clock.local(s) - anchor, turn);
        while (handoff(k) > s) {
            k--;
        }
        while (handoff(k + 1) <= s) {
            k++;
        }
        return k;
    }

    /** Epoch second at which turn {@code k} starts. */
    long handoff(long k) {
        return clock.instant(anchor + k * turn);
    }

    private boolean inWindow(long s) {
        long local = clock.local(s);
        for (int w = 0; w < windowStart.length; w++) {
            long period = windowPeriod[w];
            long p = Math.floorDiv(local - windowBase[w], period);
            for (long q = p - 1; q <= p + 1; q++) {
                long from = windowBase[w] + q * period + windowStart[w];
                long until = windowBase[w] + q * period + windowEnd[w];
                if (local < from - SLACK || local >= until + SLACK) {
                    continue;
                }
                if (clock.instant(from) <= s && s < clock.instant(until)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Adds every instant strictly inside the range of {@code out} at which this layer may change who it has
     * on call: handoffs, window edges, its own start and end.
     */
    void breakpoints(Instant from, Instant to, TimePoints out) {
        out.add(start);
        out.add(end);
        long toSecond = to.getEpochSecond() + 1;
        for (long k = turnAt(from.getEpochSecond()) + 1; ; k++) {
            long h = handoff(k);
            if (h >= toSecond) {
                break;
            }
            out.addSecond(h);
        }
        long localFrom = clock.local(from.getEpochSecond());
        long localTo = clock.local(to.getEpochSecond());
        for (int w = 0; w < windowStart.length; w++) {
            long period = windowPeriod[w];
            long first = Math.floorDiv(localFrom - windowBase[w], period) - 3;
            long last = Math.floorDiv(localTo - windowBase[w], period) + 1;
            for (long q = first; q <= last; q++) {
                long base = windowBase[w] + q * period;
                out.addSecond(clock.instant(base + windowStart[w]));
                out.addSecond(clock.instant(base + windowEnd[w]));
            }
        }
    }
}
