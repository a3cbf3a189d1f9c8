package io.github.incident4j.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.jspecify.annotations.Nullable;

/**
 * The sweep of {@link Schedule#shifts} and {@link Schedule#gaps} against a slow, plain reference: every
 * instant where anything might change (each layer's handoffs and window edges mapped from the wall clock,
 * its bounds, the override bounds) collected in a sorted set, who is on call and why decided from scratch
 * at each of them with {@link LayerRuntime#at}, and equal neighbours merged.
 */
@Label("The final schedule equals a point-by-point reference")
class ScheduleReferenceTest {

    private static final long MONDAY = 4 * 86_400L;

    @Provide
    Arbitrary<Schedule> schedules() {
        return ScheduleArbitraries.schedules();
    }

    /** Half the time up to ten days before a DST change of one of the zones in 2026, else anywhere near 2026. */
    @Provide
    Arbitrary<Instant> froms() {
        Arbitrary<Instant> beforeChange = Arbitraries.of("2026-03-08T00:00:00Z", "2026-03-29T00:00:00Z",
                        "2026-04-05T00:00:00Z", "2026-09-06T00:00:00Z", "2026-10-04T00:00:00Z",
                        "2026-10-25T00:00:00Z", "2026-11-01T00:00:00Z")
                .map(Instant::parse)
                .flatMap(change -> Arbitraries.oneOf(Arbitraries.longs().between(0, 10L * 86_400),
                                // On a quarter hour, where handoffs and window edges may fall too.
                                Arbitraries.longs().between(0, 10L * 96).map(q -> q * 900))
                        .map(change::minusSeconds));
        return Arbitraries.oneOf(beforeChange, ScheduleArbitraries.instants());
    }

    @Provide
    Arbitrary<Duration> spans() {
        return ScheduleArbitraries.spans();
    }

    @Property(tries = 1000)
    @Label("shifts and gaps are those of the reference, over any range, nanoseconds included")
    void sweepEqualsReference(@ForAll("schedules") Schedule schedule, @ForAll("froms") Instant from,
                              @ForAll("spans") Duration span, @ForAll @IntRange(max = 999_999_999) int nanos) {
        Instant start = nanos % 3 == 0 ? from : from.plusNanos(nanos);
        Instant end = nanos % 5 == 0 ? start.plus(span) : start.plus(span).plusNanos(nanos / 7);
        List<Shift> expectedShifts = new ArrayList<>();
        List<Gap> expectedGaps = new ArrayList<>();
        reference(schedule, start, end, expectedShifts, expectedGaps);
        assertThat(schedule.shifts(start, end)).containsExactlyElementsOf(expectedShifts);
        assertThat(schedule.gaps(start, end)).containsExactlyElementsOf(expectedGaps);
    }

    /**
     * An override to place in a range: where it starts (on a quarter hour, where handoffs and window edges may
     * fall, or not), how long it lasts, who, and whether it replaces someone.
     */
    private record Spot(int permille, boolean onQuarter, long minutes, int who, boolean replacing) {
    }

    @Provide
    Arbitrary<List<Spot>> spots() {
        // Starting from a tenth of the range before it to its end, a minute to twenty days long.
        return Combinators.combine(Arbitraries.integers().between(-100, 1000), Arbitraries.of(false, true),
                        Arbitraries.longs().between(1, 20L * 1440),
                        Arbitraries.integers().between(0, ScheduleArbitraries.NAMES.size() - 1),
                        Arbitraries.of(false, false, false, true))
                .as(Spot::new).list().ofMaxSize(12);
    }

    @Property(tries = 500)
    @Label("are those of the reference where overrides of a minute to weeks cover much of the range")
    void sweepEqualsReferenceUnderOverrides(@ForAll("schedules") Schedule schedule, @ForAll("froms") Instant from,
                                            @ForAll("spans") Duration span, @ForAll("spots") List<Spot> spots) {
        Schedule.Builder b = schedule.toBuilder();
        for (Spot spot : spots) {
            Instant start = from.plusSeconds(span.getSeconds() * spot.permille() / 1000);
            if (spot.onQuarter()) {
                start = Instant.ofEpochSecond(start.getEpochSecond() - Math.floorMod(start.getEpochSecond(), 900));
            }
            ScheduleOverride o = ScheduleOverride.of(ScheduleArbitraries.NAMES.get(spot.who()), start, start.plusSeconds(60 * spot.minutes()));
            b.override(spot.replacing() ? o.replacing(ScheduleArbitraries.NAMES.get(spot.who() / 2)) : o);
        }
        Schedule covered = b.build();
        Instant to = from.plus(span);
        List<Shift> expectedShifts = new ArrayList<>();
        List<Gap> expectedGaps = new ArrayList<>();
        reference(covered, from, to, expectedShifts, expectedGaps);
        assertThat(covered.shifts(from, to)).containsExactlyElementsOf(expectedShifts);
        assertThat(covered.gaps(from, to)).containsExactlyElementsOf(expectedGaps);
    }

    /** Who is on call over [from, to), the slow way. */
    private static void reference(Schedule schedule, Instant from, Instant to, List<Shift> shifts, List<Gap> gaps) {
        List<Layer> layers = schedule.layers();
        LayerRuntime[] runtimes = new LayerRuntime[layers.size()];
        TreeSet<Instant> points = new TreeSet<>();
        points.add(from);
        for (int i = 0; i < runtimes.length; i++) {
            Layer layer = layers.get(i);
            runtimes[i] = new LayerRuntime(i, layer, schedule.zone());
            addLayerPoints(layer, runtimes[i], ZoneClock.of(layer.effectiveZone(schedule.zone())), from, to, points);
        }
        for (ScheduleOverride o : schedule.overrides()) {
            addInside(o.from(), from, to, points);
            addInside(o.until(), from, to, points);
        }
        points.add(to);
        @Nullable String openWho = null;
        Shift.@Nullable Source openSource = null;
        Instant openStart = from;
        for (Instant t : points) {
            if (t.equals(to)) {
                // `to` only closes the last stretch.
                break;
            }
            @Nullable String who = null;
            Shift.@Nullable Source source = null;
            int top = -1;
            for (int i = runtimes.length - 1; i >= 0 && top < 0; i--) {
                if (runtimes[i].at(t) != null) {
                    top = i;
                }
            }
            @Nullable String base = top < 0 ? null : runtimes[top].at(t);
            List<ScheduleOverride> overrides = schedule.overrides();
            for (int c = overrides.size() - 1; c >= 0 && source == null; c--) {
                ScheduleOverride o = overrides.get(c);
                if (o.covers(t) && (o.replaces().isEmpty() || o.replaces().get().equals(base))) {
                    who = o.who();
                    source = new Shift.FromOverride(c);
                }
            }
            if (source == null && top >= 0) {
                who = base;
                source = new Shift.FromLayer(top, layers.get(top).label(top));
            }
            if (!t.equals(from) && (!Objects.equals(who, openWho) || !Objects.equals(source, openSource))) {
                emit(openWho, openSource, openStart, t, shifts, gaps);
                openStart = t;
            }
            openWho = who;
            openSource = source;
        }
        emit(openWho, openSource, openStart, to, shifts, gaps);
    }

    private static void emit(@Nullable String who, Shift.@Nullable Source source, Instant start, Instant end,
                             List<Shift> shifts, List<Gap> gaps) {
        if (who == null || source == null) {
            gaps.add(new Gap(start, end));
        } else {
            shifts.add(new Shift(who, start, end, source));
        }
    }

    /** Every handoff and window edge of the layer around [from, to), and its bounds. */
    private static void addLayerPoints(Layer layer, LayerRuntime runtime, ZoneClock clock, Instant from, Instant to,
                                       TreeSet<Instant> points) {
        layer.start().ifPresent(s -> addInside(s, from, to, points));
        layer.end().ifPresent(e -> addInside(e, from, to, points));
        for (long k = runtime.turnAt(from.getEpochSecond()); runtime.handoff(k) <= to.getEpochSecond(); k++) {
            addInside(Instant.ofEpochSecond(runtime.handoff(k)), from, to, points);
        }
        long localFrom = clock.local(from.getEpochSecond());
        long localTo = clock.local(to.getEpochSecond());
        for (Restriction r : layer.restrictions()) {
            long base = r instanceof Restriction.Weekly ? MONDAY : 0;
            long period = r.periodSeconds();
            for (long q = Math.floorDiv(localFrom - base, period) - 3; q <= Math.floorDiv(localTo - base, period) + 1; q++) {
                addInside(Instant.ofEpochSecond(clock.instant(base + q * period + r.startOffsetSeconds())), from, to, points);
                addInside(Instant.ofEpochSecond(clock.instant(base + q * period + r.endOffsetSeconds())), from, to, points);
            }
        }
    }

    private static void addInside(Instant t, Instant from, Instant to, TreeSet<Instant> points) {
        if (t.isAfter(from) && t.isBefore(to)) {
            points.add(t);
        }
    }
}
