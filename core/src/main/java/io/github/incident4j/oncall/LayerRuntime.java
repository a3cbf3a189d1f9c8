package io.github.incident4j.oncall;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Layer} compiled for resolution: who it has on call at an instant is index arithmetic on the
 * wall clock, with no expansion of past turns and no allocation on the common path.
 *
 * <p>Turn k starts at the instant of the wall-clock reading {@code rotationStart + k * turnLength}
 * ({@link ZoneClock#instant}); the turn at {@code t} is the largest k whose start is at or before t,
 * estimated by {@code floor((local(t) - rotationStart) / turnLength)} and corrected by at most a step
 * or two around DST changes. A restriction window occurrence likewise spans the instants of its wall-clock
 * edges, so {@link #at} and the walk of {@link #changes} agree exactly.
 */
final class LayerRuntime {

    /** Window occurrences further than this (in local seconds) from a reading cannot contain it. */
    private static final long SLACK = 2 * 86_400L;
    /** Monday 1970-01-05 00:00 in local seconds: weeks are counted from a Monday. */
    private static final long MONDAY = 4 * 86_400L;
    private static final long DAY = 86_400L;
    private static final long WEEK = 7 * DAY;

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
    /**
     * Every window edge of a week, daily windows repeated on each day: local seconds after Monday 00:00, in
     * {@code [0, WEEK)}, ascending; a window crossing the end of the week closes early in the next one.
     */
    private final long[] edgeOffsets;
    /** +1 where a window opens, -1 where one closes, for each of {@link #edgeOffsets}. */
    private final int[] edgeDeltas;
    /**
     * Windows open after the first {@code e} edges of a week, for each e from 0 to their number; at 0, those
     * crossing into the week from the one before.
     */
    private final int[] openBefore;

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
        // Edges as (offset << 1 | opens), sorted: the order of edges at one offset does not matter.
        List<Long> edges = new ArrayList<>();
        int crossing = 0;
        for (int i = 0; i < w; i++) {
            // A daily window is seven weekly ones; day boundaries fall alike from either base.
            int copies = windowPeriod[i] == DAY ? 7 : 1;
            for (int d = 0; d < copies; d++) {
                long opens = d * DAY + windowStart[i];
                long closes = d * DAY + windowEnd[i];
                if (closes >= WEEK) {
                    closes -= WEEK;
                    crossing++;
                }
                edges.add(opens << 1 | 1);
                edges.add(closes << 1);
            }
        }
        edges.sort(null);
        edgeOffsets = new long[edges.size()];
        edgeDeltas = new int[edges.size()];
        for (int i = 0; i < edgeOffsets.length; i++) {
            edgeOffsets[i] = edges.get(i) >> 1;
            edgeDeltas[i] = (edges.get(i) & 1) == 1 ? 1 : -1;
        }
        openBefore = new int[edgeOffsets.length + 1];
        openBefore[0] = crossing;
        for (int i = 0; i < edgeOffsets.length; i++) {
            openBefore[i + 1] = openBefore[i] + edgeDeltas[i];
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
     * A walk over this layer's changes within {@code range}: who it has on call at the range's start, then
     * each offset at which that changes.
     */
    Changes changes(SweepRange range) {
        return new Changes(range);
    }

    /**
     * Whom this layer has on call over one range, walked forward one change at a time: {@link #who()} holds
     * until {@link #next()}; {@link #advance()} steps past it and {@link #skipTo} jumps ahead.
     *
     * <p>It merges, in order, the instants of its handoffs and of its window edges (both wall-clock readings
     * mapped by {@link ZoneClock#instant}, which never decreases) and its own start and end, and keeps the
     * turn in progress and the number of windows open. All events at one instant are applied before who is on
     * call is read, so a reading in a DST gap (mapped to the transition) or a window that maps to no time at
     * all is handled like {@link #at} handles it; an instant where nothing visible changes (a handoff while
     * the layer is outside its windows) is skipped.
     */
    final class Changes {
        /** Below this distance (in nanos, two days) a skip walks through the changes; beyond, it seeks. */
        private static final long WALK_LIMIT = 2 * 86_400 * 1_000_000_000L;

        private final SweepRange range;
        private final long span;
        private final long startAt;
        private final long endAt;
        private final boolean restricted;
        private final ZoneClock.Reader reader;
        /** The turn in progress, its participant, and the offset at which the next turn starts. */
        private long turnIndex;
        private int slot;
        private long handoffAt;
        /** The next window edge: its week (counted from 1970-01-05) and index in the pattern, and its offset. */
        private long week;
        private int edge;
        private long edgeAt;
        /** Windows open after the events applied so far. */
        private int open;
        /** Offset of the last instant whose events were applied. */
        private long position;
        /** Index into the names of whom the layer has on call now (-1: nobody), until {@code next}. */
        private int current;
        private long next;
        private int after;

        private Changes(SweepRange range) {
            this.range = range;
            this.span = range.span();
            this.startAt = start == null ? -1 : range.clampedOffset(start);
            this.endAt = end == null ? Long.MAX_VALUE : range.clampedOffset(end);
            this.restricted = edgeOffsets.length > 0;
            this.reader = clock.new Reader();
            this.edgeAt = Long.MAX_VALUE;
            seek(0);
        }

        /** Whom the layer has on call from the last change (or the range's start) until {@link #next()}. */
        @Nullable String who() {
            return current < 0 ? null : names[current];
        }

        /** Offset of the next change, or {@code Long.MAX_VALUE} if there is none before the range's end. */
        long next() {
            return next;
        }

        /** Steps past the next change. */
        void advance() {
            current = after;
            findNext();
        }

        /** Moves to {@code target} (not before the last change): afterwards {@link #who()} holds at it. */
        void skipTo(long target) {
            if (next > target) {
                return;
            }
            if (target - position > WALK_LIMIT) {
                seek(target);
                return;
            }
            while (next <= target) {
                advance();
            }
        }

        /** Sets the state to that after every event at or before {@code target}, then finds the next change. */
        private void seek(long target) {
            long second = range.second(target);
            long local = clock.deepLocal(second);
            if (local != ZoneClock.NOT_DEEP) {
                // Far from DST changes, an event is at or before `second` exactly when its reading is at or
                // before `local` (the mapping is strictly increasing here and never decreases anywhere).
                turnIndex = Math.floorDiv(local - anchor, turn);
                if (restricted) {
                    week = Math.floorDiv(local - MONDAY, WEEK);
                    edge = upperBound(edgeOffsets, local - MONDAY - week * WEEK);
                    open = openBefore[edge];
                    if (edge == edgeOffsets.length) {
                        edge = 0;
                        week++;
                    }
                    edgeAt = edgeOffset();
                }
            } else {
                // Handoffs are whole seconds, so the turn in progress at `target` is that at its second.
                turnIndex = turnAt(second);
                if (restricted) {
                    // Two weeks back no window can still be open but those crossing into the week.
                    week = Math.floorDiv(clock.local(second) - MONDAY, WEEK) - 2;
                    edge = 0;
                    open = openBefore[0];
                    edgeAt = edgeOffset();
                    while (edgeAt <= target) {
                        stepEdge();
                    }
                }
            }
            slot = (int) Math.floorMod(turnIndex, (long) names.length);
            handoffAt = handoffOffset(turnIndex + 1);
            position = target;
            current = whoAt(target);
            findNext();
        }

        private void findNext() {
            while (true) {
                long at = Math.min(handoffAt, edgeAt);
                if (startAt > position) {
                    at = Math.min(at, startAt);
                } else if (endAt > position) {
                    at = Math.min(at, endAt);
                }
                if (at >= span) {
                    next = Long.MAX_VALUE;
                    return;
                }
                while (handoffAt == at) {
                    turnIndex++;
                    if (++slot == names.length) {
                        slot = 0;
                    }
                    handoffAt = handoffOffset(turnIndex + 1);
                }
                while (edgeAt == at) {
                    stepEdge();
                }
                position = at;
                int who = whoAt(at);
                if (who != current) {
                    next = at;
                    after = who;
                    return;
                }
            }
        }

        private int whoAt(long offset) {
            return offset < startAt || offset >= endAt || restricted && open <= 0 ? -1 : slot;
        }

        private long handoffOffset(long k) {
            return range.clampedOffset(reader.instant(anchor + k * turn), 0);
        }

        private void stepEdge() {
            open += edgeDeltas[edge];
            if (++edge == edgeOffsets.length) {
                edge = 0;
                week++;
            }
            edgeAt = edgeOffset();
        }

        private long edgeOffset() {
            return range.clampedOffset(reader.instant(MONDAY + week * WEEK + edgeOffsets[edge]), 0);
        }
    }

    /** Number of the ascending {@code values} that are at most {@code key}. */
    private static int upperBound(long[] values, long key) {
        int lo = 0;
        int hi = values.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (values[mid] <= key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
