package io.github.incident4j.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The final schedule over a range longer than one sweep (a hundred years)")
class ScheduleLongRangeTest {

    private static final Instant START = Instant.parse("2000-01-03T09:00:00Z");

    @Test
    @DisplayName("still has one shift per weekly turn, none cut where the sweeps meet, and an override past them")
    void weeklyTurnsOverAHundredAndFiftyYears() {
        Instant overrideFrom = START.plus(Duration.ofDays(7 * 6000 + 1)).plusNanos(5);
        Instant overrideTo = overrideFrom.plus(Duration.ofHours(5));
        Schedule schedule = Schedule.named("Long").zone(ZoneId.of("UTC"))
                .layer(Layer.of("A", "B").weekly().rotationStart(LocalDateTime.of(2000, 1, 3, 9, 0)))
                .override(ScheduleOverride.of("C", overrideFrom, overrideTo))
                .build();
        Instant from = START.plusSeconds(1);
        Instant to = START.plus(Duration.ofDays(7 * 7826));

        List<Shift> shifts = schedule.shifts(from, to);

        // 7826 turns, the override splitting one of them into three stretches.
        assertThat(shifts).hasSize(7826 + 2);
        assertThat(shifts.get(0).start()).isEqualTo(from);
        assertThat(shifts.get(shifts.size() - 1).end()).isEqualTo(to);
        for (int i = 1; i < shifts.size(); i++) {
            assertThat(shifts.get(i).start()).isEqualTo(shifts.get(i - 1).end());
        }
        assertThat(shifts).filteredOn(s -> !s.source().isOverride())
                .filteredOn(s -> !s.start().equals(from) && !s.end().equals(overrideFrom) && !s.start().equals(overrideTo))
                .allSatisfy(s -> assertThat(s.duration()).isEqualTo(Duration.ofDays(7)));
        assertThat(shifts).filteredOn(s -> s.source().isOverride())
                .containsExactly(new Shift("C", overrideFrom, overrideTo, new Shift.FromOverride(0)));
        assertThat(schedule.gaps(from, to)).isEmpty();
    }
}
