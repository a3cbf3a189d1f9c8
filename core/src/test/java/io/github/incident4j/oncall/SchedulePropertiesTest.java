package io.github.incident4j.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

@Label("Schedule invariants")
class SchedulePropertiesTest {

    private record Interval(Instant start, Instant end, boolean gap) {
    }

    @Provide
    Arbitrary<Schedule> schedules() {
        return ScheduleArbitraries.schedules();
    }

    @Provide
    Arbitrary<Instant> instants() {
        return ScheduleArbitraries.instants();
    }

    @Provide
    Arbitrary<Duration> spans() {
        return ScheduleArbitraries.spans();
    }

    @Property(tries = 300)
    @Label("shifts and gaps tile any range, in order, with no overlap and no hole")
    void shiftsTileTheRange(@ForAll("schedules") Schedule schedule, @ForAll("instants") Instant from,
                            @ForAll("spans") Duration span) {
        Instant to = from.plus(span);
        List<Interval> all = new ArrayList<>();
        schedule.shifts(from, to).forEach(s -> all.add(new Interval(s.start(), s.end(), false)));
        schedule.gaps(from, to).forEach(g -> all.add(new Interval(g.start(), g.end(), true)));
        all.sort(Comparator.comparing(Interval::start));
        Instant cursor = from;
        for (Interval i : all) {
            assertThat(i.start()).as("no hole and no overlap").isEqualTo(cursor);
            assertThat(i.end()).isAfter(i.start());
            cursor = i.end();
        }
        assertThat(cursor).isEqualTo(to);
        List<Shift> shifts = schedule.shifts(from, to);
        for (int i = 1; i < shifts.size(); i++) {
            Shift a = shifts.get(i - 1);
            Shift b = shifts.get(i);
            assertThat(a.end().equals(b.start()) && a.participant().equals(b.participant()) && a.source().equals(b.source()))
                    .as("adjacent shifts of one person from one source are merged").isFalse();
        }
        List<Gap> gaps = schedule.gaps(from, to);
        for (int i = 1; i < gaps.size(); i++) {
            assertThat(gaps.get(i).start()).as("gaps are merged").isAfter(gaps.get(i - 1).end());
        }
    }

    @Property(tries = 300)
    @Label("onCallAt agrees with shifts at every instant: at each edge, just before it, and anywhere inside")
    void onCallAtAgreesWithShifts(@ForAll("schedules") Schedule schedule, @ForAll("instants") Instant from,
                                  @ForAll("spans") Duration span, @ForAll @IntRange(min = 0, max = 1000) int permille) {
        Instant to = from.plus(span);
        List<Shift> shifts = schedule.shifts(from, to);
        for (Shift s : shifts) {
            assertThat(schedule.onCallAt(s.start())).contains(s.participant());
            assertThat(schedule.onCallAt(s.end().minusNanos(1))).contains(s.participant());
        }
        for (Gap g : schedule.gaps(from, to)) {
            assertThat(schedule.onCallAt(g.start())).isEmpty();
            assertThat(schedule.onCallAt(g.end().minusNanos(1))).isEmpty();
        }
        Instant t = from.plusMillis(span.toMillis() * permille / 1000);
        if (t.isBefore(to)) {
            Optional<String> expected = shifts.stream().filter(s -> s.contains(t)).map(Shift::participant).findFirst();
            assertThat(schedule.onCallAt(t)).isEqualTo(expected);
        }
    }

    @Property(tries = 200)
    @Label("over n consecutive whole turns of an unrestricted layer each of its n participants holds exactly one turn")
    void eachParticipantHoldsOneTurn(@ForAll("zones") ZoneId zone, @ForAll @IntRange(min = 1, max = 6) int n,
                                     @ForAll("turns") Duration turn, @ForAll @IntRange(min = -500, max = 500) int firstTurn) {
        List<String> names = ScheduleArbitraries.NAMES.subList(0, n);
        // 09:00 / 21:00 wall-clock handoffs never fall in a DST change in these zones.
        LocalDateTime anchor = LocalDateTime.of(2026, 1, 5, 9, 0);
        Schedule s = Schedule.named("Rotation").zone(zone)
                .layer(Layer.of(names.toArray(String[]::new)).turnLength(turn).rotationStart(anchor))
                .build();
        Instant from = anchor.plus(turn.multipliedBy(firstTurn)).atZone(zone).toInstant();
        Instant to = anchor.plus(turn.multipliedBy(firstTurn + n)).atZone(zone).toInstant();
        List<Shift> shifts = s.shifts(from, to);
        assertThat(shifts).hasSize(n);
        assertThat(shifts).extracting(Shift::participant).containsExactlyInAnyOrderElementsOf(names);
    }

    @Provide
    Arbitrary<ZoneId> zones() {
        return Arbitraries.of(ZoneId.of("UTC"), ZoneId.of("Europe/Berlin"), ZoneId.of("America/New_York"),
                ZoneId.of("Asia/Tokyo"));
    }

    @Provide
    Arbitrary<Duration> turns() {
        return Arbitraries.of(Duration.ofDays(1), Duration.ofDays(7), Duration.ofHours(12), Duration.ofDays(14));
    }

    @Property(tries = 300)
    @Label("an override changes only its own window")
    void overrideChangesOnlyItsWindow(@ForAll("schedules") Schedule schedule,
                                      @ForAll("overrides") ScheduleOverride override, @ForAll("instants") Instant probe) {
        Schedule with = schedule.toBuilder().override(override).build();
        if (!override.covers(probe)) {
            assertThat(with.onCallAt(probe)).isEqualTo(schedule.onCallAt(probe));
        }
        Instant before = override.from().minus(Duration.ofDays(3));
        Instant after = override.until().plus(Duration.ofDays(3));
        assertThat(with.shifts(before, override.from())).isEqualTo(schedule.shifts(before, override.from()));
        assertThat(with.shifts(override.until(), after)).isEqualTo(schedule.shifts(override.until(), after));
        if (override.replaces().isEmpty()) {
            assertThat(with.shifts(override.from(), override.until())).extracting(Shift::participant)
                    .containsOnly(override.who());
        }
    }

    @Provide
    Arbitrary<ScheduleOverride> overrides() {
        return ScheduleArbitraries.overrides();
    }
}
