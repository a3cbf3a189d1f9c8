package io.github.incident4j.oncall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incident4j.ValidationException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("A schedule resolves who is on call")
class ScheduleResolutionTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static Instant at(String isoInstant) {
        return Instant.parse(isoInstant);
    }

    private static Schedule weeklyBerlin() {
        return Schedule.named("Backend On-Call").zone(BERLIN)
                .layer(Layer.of("Alice", "Bob", "Carol").weekly().rotationStart(LocalDateTime.of(2026, 1, 5, 9, 0)))
                .build();
    }

    @Nested
    @DisplayName("across daylight saving time")
    class AcrossDst {

        @Test
        @DisplayName("a weekly Monday 09:00 Europe/Berlin handoff stays at 09:00 local across the March 2026 change")
        void berlinSpring() {
            Schedule s = weeklyBerlin();
            // 2026-03-23 09:00 CET is 08:00Z; 2026-03-30 09:00 CEST is 07:00Z (DST began 2026-03-29).
            // 2026-03-23 is 11 weeks after the anchor: turn 11, 11 mod 3 = 2 (Carol).
            assertThat(s.onCallAt(at("2026-03-23T07:59:59Z"))).contains("Bob");
            assertThat(s.onCallAt(at("2026-03-23T08:00:00Z"))).contains("Carol");
            assertThat(s.onCallAt(at("2026-03-30T06:59:59Z"))).contains("Carol");
            assertThat(s.onCallAt(at("2026-03-30T07:00:00Z"))).contains("Alice");
            assertThat(s.shifts(at("2026-03-23T00:00:00Z"), at("2026-04-01T00:00:00Z")))
                    .extracting(Shift::start)
                    .containsExactly(at("2026-03-23T00:00:00Z"), at("2026-03-23T08:00:00Z"), at("2026-03-30T07:00:00Z"));
        }

        @Test
        @DisplayName("a weekly Monday 09:00 Europe/Berlin handoff stays at 09:00 local across the October 2026 change")
        void berlinAutumn() {
            Schedule s = weeklyBerlin();
            // 2026-10-19 09:00 CEST is 07:00Z; 2026-10-26 09:00 CET is 08:00Z (DST ended 2026-10-25).
            List<Shift> shifts = s.shifts(at("2026-10-18T00:00:00Z"), at("2026-10-28T00:00:00Z"));
            assertThat(shifts).extracting(Shift::start)
                    .containsExactly(at("2026-10-18T00:00:00Z"), at("2026-10-19T07:00:00Z"), at("2026-10-26T08:00:00Z"));
            assertThat(shifts.get(1).end()).isEqualTo(at("2026-10-26T08:00:00Z"));
            assertThat(Duration.between(shifts.get(1).start(), shifts.get(1).end())).isEqualTo(Duration.ofHours(7 * 24 + 1));
        }

        @Test
        @DisplayName("a daily 09:00 America/New_York handoff stays at 09:00 local across both 2026 changes")
        void newYorkDaily() {
            Schedule s = Schedule.named("NY").zone(NEW_YORK)
                    .layer(Layer.of("Ann", "Ben").daily().rotationStart(LocalDateTime.of(2026, 1, 1, 9, 0)))
                    .build();
            // DST began 2026-03-08 and ended 2026-11-01.
            assertThat(s.shifts(at("2026-03-07T12:00:00Z"), at("2026-03-09T15:00:00Z"))).extracting(Shift::start)
                    .containsExactly(at("2026-03-07T12:00:00Z"), at("2026-03-07T14:00:00Z"),
                            at("2026-03-08T13:00:00Z"), at("2026-03-09T13:00:00Z"));
            assertThat(s.shifts(at("2026-10-31T12:00:00Z"), at("2026-11-02T15:00:00Z"))).extracting(Shift::start)
                    .containsExactly(at("2026-10-31T12:00:00Z"), at("2026-10-31T13:00:00Z"),
                            at("2026-11-01T14:00:00Z"), at("2026-11-02T14:00:00Z"));
            // 2026-01-01 is turn 0 (Ann); 2026-03-08 is day 66, an even turn: Ann.
            assertThat(s.onCallAt(at("2026-03-08T13:00:00Z"))).contains("Ann");
            assertThat(s.onCallAt(at("2026-03-08T12:59:59Z"))).contains("Ben");
        }

        @Test
        @DisplayName("a handoff whose wall-clock time does not exist happens when the clock jumps past it")
        void handoffInsideTheSpringGap() {
            Schedule s = Schedule.named("Night").zone(BERLIN)
                    .layer(Layer.of("A", "B").daily().rotationStart(LocalDateTime.of(2026, 3, 1, 2, 30)))
                    .build();
            // 2026-03-29 02:30 Berlin does not exist: clocks go from 02:00 CET (01:00Z) to 03:00 CEST.
            assertThat(s.shifts(at("2026-03-28T12:00:00Z"), at("2026-03-30T12:00:00Z"))).extracting(Shift::start)
                    .containsExactly(at("2026-03-28T12:00:00Z"), at("2026-03-29T01:00:00Z"), at("2026-03-30T00:30:00Z"));
        }

        @Test
        @DisplayName("a handoff whose wall-clock time happens twice takes the first")
        void handoffInsideTheAutumnOverlap() {
            Schedule s = Schedule.named("Night").zone(BERLIN)
                    .layer(Layer.of("A", "B").daily().rotationStart(LocalDateTime.of(2026, 10, 1, 2, 30)))
                    .build();
            // 2026-10-25 02:30 Berlin happens at 00:30Z (CEST) and 01:30Z (CET).
            assertThat(s.shifts(at("2026-10-24T12:00:00Z"), at("2026-10-25T12:00:00Z"))).extracting(Shift::start)
                    .containsExactly(at("2026-10-24T12:00:00Z"), at("2026-10-25T00:30:00Z"));
            assertThat(s.onCallAt(at("2026-10-25T01:45:00Z"))).isEqualTo(s.onCallAt(at("2026-10-25T00:30:00Z")));
        }
    }

    @Nested
    @DisplayName("turns")
    class Turns {

        @Test
        @DisplayName("intervals are half-open: the incoming person owns the handoff instant")
        void halfOpen() {
            Schedule s = weeklyBerlin();
            Instant handoff = at("2026-01-12T08:00:00Z");
            assertThat(s.onCallAt(handoff.minusNanos(1))).contains("Alice");
            assertThat(s.onCallAt(handoff)).contains("Bob");
        }

        @Test
        @DisplayName("the turn index is the whole turns since the rotation start, modulo the participants, also before it")
        void indexArithmetic() {
            Schedule s = weeklyBerlin();
            assertThat(s.onCallAt(at("2026-01-12T08:00:00Z"))).contains("Bob");
            assertThat(s.onCallAt(at("2026-01-19T08:00:00Z"))).contains("Carol");
            assertThat(s.onCallAt(at("2026-01-26T08:00:00Z"))).contains("Alice");
            // Turn -1 (the week before the anchor) is the last participant's.
            assertThat(s.onCallAt(at("2026-01-01T12:00:00Z"))).contains("Carol");
            // Far from the anchor: 2030-01-07 09:00 CET is 209 weeks later, 209 mod 3 = 2.
            assertThat(s.onCallAt(at("2030-01-07T08:00:00Z"))).contains("Carol");
        }

        @Test
        @DisplayName("a custom turn length of 12 hours hands off at the anchor's time and twelve hours later")
        void twelveHours() {
            Schedule s = Schedule.named("Split").zone(NEW_YORK)
                    .layer(Layer.of("Day", "Night").turnLength(Duration.ofHours(12)).rotationStart(LocalDateTime.of(2026, 1, 1, 8, 0)))
                    .build();
            assertThat(s.onCallAt(at("2026-07-01T12:00:00Z"))).contains("Day");    // 08:00 EDT
            assertThat(s.onCallAt(at("2026-07-02T00:00:00Z"))).contains("Night");  // 20:00 EDT
            assertThat(s.onCallAt(at("2026-07-01T11:59:59Z"))).contains("Night");
        }

        @Test
        @DisplayName("a layer may join its rotation part-way: the anchor fixes turn 0 even before the layer starts")
        void anchorBeforeLayerStart() {
            Schedule s = Schedule.named("Late").zone(ZoneId.of("UTC"))
                    .layer(Layer.of("A", "B", "C").daily().rotationStart(LocalDateTime.of(2026, 1, 1, 9, 0))
                            .startingAt(at("2026-01-03T09:00:00Z")).endingAt(at("2026-01-05T09:00:00Z")))
                    .build();
            assertThat(s.onCallAt(at("2026-01-02T10:00:00Z"))).isEmpty();
            assertThat(s.onCallAt(at("2026-01-03T09:00:00Z"))).contains("C");
            assertThat(s.onCallAt(at("2026-01-04T09:00:00Z"))).contains("A");
            assertThat(s.onCallAt(at("2026-01-05T09:00:00Z"))).isEmpty();
        }
    }

    @Nested
    @DisplayName("restrictions")
    class Restrictions {

        @Test
        @DisplayName("cut gaps into a layer without pausing its turns")
        void cutWithoutPausing() {
            Schedule s = Schedule.named("Office").zone(ZoneId.of("UTC"))
                    .layer(Layer.of("A", "B", "C").daily().rotationStart(LocalDateTime.of(2026, 1, 5, 0, 0))
                            .restrictTo(Restriction.daily(LocalTime.of(9, 0), LocalTime.of(17, 0))))
                    .build();
            assertThat(s.onCallAt(at("2026-01-05T08:59:59Z"))).isEmpty();
            assertThat(s.onCallAt(at("2026-01-05T09:00:00Z"))).contains("A");
            assertThat(s.onCallAt(at("2026-01-05T17:00:00Z"))).isEmpty();
            assertThat(s.onCallAt(at("2026-01-06T12:00:00Z"))).contains("B");
            assertThat(s.gaps(at("2026-01-05T00:00:00Z"), at("2026-01-06T00:00:00Z")))
                    .containsExactly(new Gap(at("2026-01-05T00:00:00Z"), at("2026-01-05T09:00:00Z")),
                            new Gap(at("2026-01-05T17:00:00Z"), at("2026-01-06T00:00:00Z")));
        }

        @Test
        @DisplayName("a daily window may cross midnight")
        void dailyAcrossMidnight() {
            Schedule s = Schedule.named("Nights").zone(BERLIN)
                    .layer(Layer.of("Owl").rotationStart(LocalDateTime.of(2026, 1, 5, 9, 0))
                            .restrictTo(Restriction.daily(LocalTime.of(22, 0), LocalTime.of(6, 0))))
                    .layer(Layer.of("Lark"))
                    .build();
            Schedule nightOnly = s.toBuilder().layers(List.of(s.layers().get(0))).build();
            assertThat(nightOnly.onCallAt(at("2026-01-06T21:30:00Z"))).contains("Owl");   // 22:30 CET
            assertThat(nightOnly.onCallAt(at("2026-01-07T04:59:59Z"))).contains("Owl");   // 05:59 CET
            assertThat(nightOnly.onCallAt(at("2026-01-07T05:00:00Z"))).isEmpty();
            assertThat(nightOnly.onCallAt(at("2026-01-07T12:00:00Z"))).isEmpty();
        }

        @Test
        @DisplayName("a weekly window may cross the end of the week")
        void weeklyAcrossWeekend() {
            Schedule s = Schedule.named("Weekend").zone(ZoneId.of("UTC"))
                    .layer(Layer.of("W").restrictTo(Restriction.weekly(DayOfWeek.FRIDAY, LocalTime.of(17, 0),
                            DayOfWeek.MONDAY, LocalTime.of(9, 0))))
                    .build();
            assertThat(s.onCallAt(at("2026-01-09T16:59:59Z"))).isEmpty();   // Friday
            assertThat(s.onCallAt(at("2026-01-09T17:00:00Z"))).contains("W");
            assertThat(s.onCallAt(at("2026-01-11T12:00:00Z"))).contains("W"); // Sunday
            assertThat(s.onCallAt(at("2026-01-12T09:00:00Z"))).isEmpty();   // Monday 09:00
            assertThat(s.onCallAt(at("2026-01-14T12:00:00Z"))).isEmpty();
        }

        @Test
        @DisplayName("a restriction whose end equals its start is refused")
        void emptyWindowRefused() {
            assertThatThrownBy(() -> Restriction.daily(LocalTime.of(9, 0), LocalTime.of(9, 0)))
                    .isInstanceOf(ValidationException.class).hasMessageContaining("end must differ from start");
        }
    }

    @Nested
    @DisplayName("layers and overrides")
    class Priorities {

        private final Schedule base = Schedule.named("Layered").zone(ZoneId.of("UTC"))
                .layer(Layer.of("A", "B").weekly().rotationStart(LocalDateTime.of(2026, 1, 5, 9, 0)))
                .layer(Layer.of("Office").restrictTo(Restriction.daily(LocalTime.of(9, 0), LocalTime.of(17, 0))))
                .build();

        @Test
        @DisplayName("a later layer wins over an earlier one, and the earlier one fills its gaps")
        void laterLayerWins() {
            assertThat(base.onCallAt(at("2026-01-06T10:00:00Z"))).contains("Office");
            assertThat(base.onCallAt(at("2026-01-06T20:00:00Z"))).contains("A");
            Shift office = base.shifts(at("2026-01-06T10:00:00Z"), at("2026-01-06T11:00:00Z")).get(0);
            assertThat(office.source()).isEqualTo(new Shift.FromLayer(1, "layer 2"));
        }

        @Test
        @DisplayName("overrides win over layers, and a later override over an earlier one")
        void overridesWin() {
            Schedule s = base.toBuilder()
                    .override(ScheduleOverride.of("X", at("2026-01-06T00:00:00Z"), at("2026-01-08T00:00:00Z")))
                    .override(ScheduleOverride.of("Y", at("2026-01-07T00:00:00Z"), at("2026-01-07T12:00:00Z")))
                    .build();
            assertThat(s.onCallAt(at("2026-01-06T10:00:00Z"))).contains("X");
            assertThat(s.onCallAt(at("2026-01-07T06:00:00Z"))).contains("Y");
            assertThat(s.onCallAt(at("2026-01-07T12:00:00Z"))).contains("X");
            assertThat(s.onCallAt(at("2026-01-08T00:00:00Z"))).contains("A");
            assertThat(s.shifts(at("2026-01-06T00:00:00Z"), at("2026-01-08T00:00:00Z")))
                    .extracting(Shift::participant, Shift::source)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("X", new Shift.FromOverride(0)),
                            org.assertj.core.groups.Tuple.tuple("Y", new Shift.FromOverride(1)),
                            org.assertj.core.groups.Tuple.tuple("X", new Shift.FromOverride(0)));
        }

        @Test
        @DisplayName("an override naming whom it replaces applies only while that person would be on call")
        void replacingOverride() {
            Schedule s = base.toBuilder()
                    .override(ScheduleOverride.of("Dave", at("2026-01-05T00:00:00Z"), at("2026-01-20T00:00:00Z"))
                            .replacing("A").because("A on vacation"))
                    .build();
            assertThat(s.onCallAt(at("2026-01-06T20:00:00Z"))).contains("Dave");    // A's week, outside office
            assertThat(s.onCallAt(at("2026-01-06T10:00:00Z"))).contains("Office");  // Office, not A
            assertThat(s.onCallAt(at("2026-01-13T20:00:00Z"))).contains("B");       // B's week
            assertThat(s.onCallAt(at("2026-01-05T08:00:00Z"))).contains("B");       // before A's handoff
        }

        @Test
        @DisplayName("nobody is on call where no layer and no override covers")
        void gap() {
            Schedule s = Schedule.named("Gappy").layer(Layer.of("A").startingAt(at("2026-01-01T00:00:00Z"))).build();
            assertThat(s.onCallAt(at("2025-12-31T23:59:59Z"))).isEmpty();
            assertThat(s.gaps(at("2025-12-31T00:00:00Z"), at("2026-01-02T00:00:00Z")))
                    .containsExactly(new Gap(at("2025-12-31T00:00:00Z"), at("2026-01-01T00:00:00Z")));
        }
    }

    @Nested
    @DisplayName("the final schedule")
    class FinalSchedule {

        @Test
        @DisplayName("is clipped to the range and merges adjacent stretches of one person from one source")
        void clippedAndMerged() {
            Schedule s = Schedule.named("Solo").zone(ZoneId.of("UTC"))
                    .layer(Layer.of("A", "A").daily().rotationStart(LocalDateTime.of(2026, 1, 1, 9, 0)))
                    .build();
            assertThat(s.shifts(at("2026-01-02T00:00:00Z"), at("2026-01-05T00:00:00Z")))
                    .containsExactly(new Shift("A", at("2026-01-02T00:00:00Z"), at("2026-01-05T00:00:00Z"),
                            new Shift.FromLayer(0, "layer 1")));
            assertThat(s.shifts(at("2026-01-05T00:00:00Z"), at("2026-01-05T00:00:00Z"))).isEmpty();
        }

        @Test
        @DisplayName("names the layer a shift comes from")
        void namedLayer() {
            Schedule s = Schedule.named("Named").layer(Layer.of("A", "B").name("Primary")).build();
            assertThat(s.shifts(at("2026-01-02T00:00:00Z"), at("2026-01-03T00:00:00Z")).get(0).source())
                    .isEqualTo(new Shift.FromLayer(0, "Primary"));
        }

        @Test
        @DisplayName("finds a participant's settings in any layer")
        void participantLookup() {
            Schedule s = Schedule.named("Two")
                    .layer(Layer.of("A"))
                    .layer(Layer.of(List.of(Participant.named("B").withEscalationDelay(Duration.ofMinutes(5)))))
                    .build();
            assertThat(s.participant("B")).map(Participant::escalationDelay).contains(Optional.of(Duration.ofMinutes(5)));
            assertThat(s.participant("Z")).isEmpty();
        }
    }

    @Nested
    @DisplayName("building")
    class Building {

        @Test
        @DisplayName("reports every problem of a layer at once")
        void allProblems() {
            assertThatThrownBy(() -> Layer.of().turnLength(Duration.ofSeconds(5)).build())
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                            .extracting(ValidationException.Problem::field)
                            .containsExactly("participants", "turnLength"));
        }

        @Test
        @DisplayName("refuses a schedule without layers or name")
        void noLayers() {
            assertThatThrownBy(() -> Schedule.named(" ").build())
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems()).hasSize(2));
        }

        @Test
        @DisplayName("toBuilder gives an equal schedule")
        void toBuilderRoundTrip() {
            Schedule s = weeklyBerlin();
            assertThat(s.toBuilder().build()).isEqualTo(s).hasSameHashCodeAs(s);
        }
    }
}
