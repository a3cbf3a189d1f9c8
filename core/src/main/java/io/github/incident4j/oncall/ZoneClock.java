package io.github.incident4j.oncall;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Converts between instants and wall-clock readings of one zone, in epoch seconds, without allocating on
 * the common path. "Local seconds" are a local date-time written as if it were UTC.
 *
 * <p>A local date-time maps to an instant as a rotation needs it: normally the one valid instant; in a DST
 * overlap the earlier one; in a DST gap the instant of the transition (the first moment the wall clock
 * reads that time or later). This mapping never decreases, so handoffs and window edges stay in order.
 * Transitions between 1970 and 2200 are kept in a sorted table; outside it, or within two days of a
 * transition, the exact (allocating) {@link ZoneRules} path is taken.
 */
final class ZoneClock {

    private static final long TABLE_FROM = LocalDateTime.of(1970, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
    private static final long TABLE_TO = LocalDateTime.of(2200, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
    private static final long MARGIN = 2 * 86_400L;
    /** Buckets of about 24 days: finding the segment of an instant is a lookup and a step or two. */
    private static final int BUCKET_BITS = 21;
    /** Returned by {@link #deepLocal} for an instant near a transition. */
    static final long NOT_DEEP = Long.MIN_VALUE;
    private static final Map<ZoneId, ZoneClock> CACHE = new ConcurrentHashMap<>();

    private final ZoneRules rules;
    private final int fixedOffset;
    private final boolean fixed;
    /** Instants (epoch seconds) of the transitions inside the table's range, ascending. */
    private final long[] transitions;
    /** Offset in force from transitions[i] on; offsets[0] is the one before the first transition. */
    private final int[] offsets;
    /** For each bucket of 2^BUCKET_BITS seconds from TABLE_FROM: how many transitions come before it. */
    private final int[] bucketStart;

    private ZoneClock(ZoneId zone) {
        this.rules = zone.getRules();
        this.fixed = rules.isFixedOffset();
        this.fixedOffset = fixed ? rules.getOffset(Instant.EPOCH).getTotalSeconds() : 0;
        List<ZoneOffsetTransition> found = new ArrayList<>();
        if (!fixed) {
            ZoneOffsetTransition t = rules.nextTransition(Instant.ofEpochSecond(TABLE_FROM));
            while (t != null && t.toEpochSecond() < TABLE_TO) {
                found.add(t);
                t = rules.nextTransition(t.getInstant());
            }
        }
        transitions = new long[found.size()];
        offsets = new int[found.size() + 1];
        offsets[0] = rules.getOffset(Instant.ofEpochSecond(TABLE_FROM)).getTotalSeconds();
        for (int i = 0; i < found.size(); i++) {
            transitions[i] = found.get(i).toEpochSecond();
            offsets[i + 1] = found.get(i).getOffsetAfter().getTotalSeconds();
        }
        bucketStart = new int[(int) ((TABLE_TO - TABLE_FROM) >> BUCKET_BITS) + 2];
        int before = 0;
        for (int b = 0; b < bucketStart.length; b++) {
            long bucketFrom = TABLE_FROM + ((long) b << BUCKET_BITS);
            while (before < transitions.length && transitions[before] < bucketFrom) {
                before++;
            }
            bucketStart[b] = before;
        }
    }

    /** The (shared, immutable) clock of a zone. */
    static ZoneClock of(ZoneId zone) {
        return CACHE.computeIfAbsent(zone, ZoneClock::new);
    }

    /** Offset in seconds at the instant {@code epochSecond}. */
    int offsetAt(long epochSecond) {
        if (fixed) {
            return fixedOffset;
        }
        if (epochSecond < TABLE_FROM || epochSecond >= TABLE_TO) {
            return rules.getOffset(Instant.ofEpochSecond(epochSecond)).getTotalSeconds();
        }
        return offsets[segment(epochSecond)];
    }

    /**
     * The wall-clock reading at {@code epochSecond} if that instant lies at least two days from any
     * transition, else {@link #NOT_DEEP}. Around such an instant the mapping between readings and instants
     * is a plain shift, so turns and windows can be compared on the wall clock alone.
     */
    long deepLocal(long epochSecond) {
        if (fixed) {
            return epochSecond + fixedOffset;
        }
        if (epochSecond < TABLE_FROM + MARGIN || epochSecond >= TABLE_TO - MARGIN) {
            return NOT_DEEP;
        }
        int next = segment(epochSecond);
        if (next > 0 && epochSecond - transitions[next - 1] < MARGIN
                || next < transitions.length && transitions[next] - epochSecond < MARGIN) {
            return NOT_DEEP;
        }
        return epochSecond + offsets[next];
    }

    /** Wall-clock reading (local seconds) at the instant {@code epochSecond}. */
    long local(long epochSecond) {
        return epochSecond + offsetAt(epochSecond);
    }

    /** The instant (epoch seconds) a wall-clock reading stands for; see the class comment. */
    long instant(long localSeconds) {
        if (fixed) {
            return localSeconds - fixedOffset;
        }
        long candidate = localSeconds - offsetAt(localSeconds - offsetAt(localSeconds));
        if (deepLocal(candidate) == localSeconds) {
            // Valid, and any other reading of it would lie within two days, in the same segment: unique.
            return candidate;
        }
        return exact(localSeconds);
    }

    private long exact(long localSeconds) {
        LocalDateTime ldt = LocalDateTime.ofEpochSecond(localSeconds, 0, ZoneOffset.UTC);
        ZoneOffsetTransition transition = rules.getTransition(ldt);
        if (transition == null) {
            return localSeconds - rules.getOffset(ldt).getTotalSeconds();
        }
        if (transition.isGap()) {
            return transition.toEpochSecond();
        }
        return localSeconds - transition.getOffsetBefore().getTotalSeconds();
    }

    /**
     * Maps readings to instants as {@link ZoneClock#instant} does, remembering the stretch of readings around
     * the last one that map by one plain shift, at least two days from any transition: a walk through nearby
     * readings then mostly costs a comparison each. Mutable, for one thread.
     */
    final class Reader {
        /** The remembered stretch of readings {@code [lo, hi)} (empty at first) and its offset. */
        private long lo = 1;
        private long hi = 0;
        private int shift;

        /** The instant (epoch seconds) the reading stands for. */
        long instant(long localSeconds) {
            if (localSeconds >= lo && localSeconds < hi) {
                return localSeconds - shift;
            }
            long s = ZoneClock.this.instant(localSeconds);
            remember(s);
            return s;
        }

        private void remember(long epochSecond) {
            if (fixed) {
                lo = Long.MIN_VALUE;
                hi = Long.MAX_VALUE;
                shift = fixedOffset;
            } else if (deepLocal(epochSecond) != NOT_DEEP) {
                int i = segment(epochSecond);
                shift = offsets[i];
                lo = (i > 0 ? transitions[i - 1] : TABLE_FROM) + MARGIN + shift;
                hi = (i < transitions.length ? transitions[i] : TABLE_TO) - MARGIN + shift;
            }
        }
    }

    /** Number of transitions at or before {@code epochSecond} (which must lie in the table's range). */
    private int segment(long epochSecond) {
        int i = bucketStart[(int) ((epochSecond - TABLE_FROM) >> BUCKET_BITS)];
        while (i < transitions.length && transitions[i] <= epochSecond) {
            i++;
        }
        return i;
    }
}
