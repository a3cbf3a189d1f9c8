package io.github.incident4j.oncall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The load report")
class LoadReportTest {

    private static final Instant MONDAY = Instant.parse("2026-01-05T09:00:00Z");

    private static Schedule weekly(String... names) {
        return Schedule.named("Load").zone(ZoneId.of("UTC"))
                .layer(Layer.of(names).weekly().rotationStart(LocalDateTime.of(2026, 1, 5, 9, 0)))
                .build();
    }

    @Test
    @DisplayName("counts hours on call, outside working hours, at the weekend, and shifts per participant")
    void perParticipant() {
        LoadReport r = weekly("A", "B").loadReport(MONDAY, MONDAY.plus(Duration.ofDays(14)));
        assertThat(r.participants()).extracting(LoadReport.ParticipantLoad::name).containsExactly("A", "B");
        LoadReport.ParticipantLoad a = r.participants().get(0);
        assertThat(a.onCall()).isEqualTo(Duration.ofHours(168));
        // Monday to Friday 09:00-18:00 is 45 hours of working time in a week.
        assertThat(a.outsideWorkingHours()).isEqualTo(Duration.ofHours(123));
        assertThat(a.weekend()).isEqualTo(Duration.ofHours(48));
        assertThat(a.shifts()).isEqualTo(1);
        assertThat(a.hoursOnCall()).isEqualTo(168.0);
        assertThat(r.balanceScore()).isEqualTo(100.0);
        assertThat(r.aboveAverage()).isEmpty();
    }

    @Test
    @DisplayName("scores balance as the mean pairwise min/max and lists who is above the average")
    void balance() {
        LoadReport r = weekly("A", "B").loadReport(MONDAY, MONDAY.plus(Duration.ofDays(21)));
        // A: 2 weeks (336 h), B: 1 week (168 h); min/max = 0.5; average 252 h.
        assertThat(r.balanceScore()).isCloseTo(50.0, within(1e-9));
        assertThat(r.aboveAverage()).singleElement().satisfies(e -> {
            assertThat(e.name()).isEqualTo("A");
            assertThat(e.hours()).isEqualTo(336.0);
            assertThat(e.excessPercent()).isCloseTo(100.0 / 3, within(1e-9));
        });
        LoadReport three = weekly("A", "B", "C").loadReport(MONDAY, MONDAY.plus(Duration.ofDays(7)));
        // Pairs (A,B)=0, (A,C)=0, (B,C)=1 (both idle).
        assertThat(three.balanceScore()).isCloseTo(100.0 / 3, within(1e-9));
    }

    @Test
    @DisplayName("reads working hours and weekends in the participant's own zone")
    void ownZone() {
        Schedule s = Schedule.named("Zoned").zone(ZoneId.of("UTC"))
                .layer(Layer.of(List.of(Participant.named("Kai").withZone(ZoneId.of("America/New_York")))))
                .build();
        // Saturday 00:00-12:00 UTC is Friday 19:00 to Saturday 07:00 in New York.
        LoadReport r = s.loadReport(Instant.parse("2026-01-10T00:00:00Z"), Instant.parse("2026-01-10T12:00:00Z"));
        LoadReport.ParticipantLoad kai = r.participants().get(0);
        assertThat(kai.onCall()).isEqualTo(Duration.ofHours(12));
        assertThat(kai.weekend()).isEqualTo(Duration.ofHours(7));
        assertThat(kai.outsideWorkingHours()).isEqualTo(Duration.ofHours(12));
    }

    @Test
    @DisplayName("counts each stretch cut by a restriction as a shift, and includes people on call by override")
    void shiftsAndOverrides() {
        Schedule s = Schedule.named("Office").zone(ZoneId.of("UTC"))
                .layer(Layer.of("A").restrictTo(Restriction.daily(LocalTime.of(9, 0), LocalTime.of(17, 0))))
                .override(ScheduleOverride.of("Sub", Instant.parse("2026-01-06T12:00:00Z"), Instant.parse("2026-01-06T14:00:00Z")))
                .build();
        LoadReport r = s.loadReport(Instant.parse("2026-01-05T00:00:00Z"), Instant.parse("2026-01-08T00:00:00Z"));
        assertThat(r.participants()).extracting(LoadReport.ParticipantLoad::name).containsExactly("A", "Sub");
        assertThat(r.participants().get(0).shifts()).isEqualTo(4);
        assertThat(r.participants().get(0).onCall()).isEqualTo(Duration.ofHours(22));
        assertThat(r.participants().get(0).outsideWorkingHours()).isZero();
        assertThat(r.participants().get(1).onCall()).isEqualTo(Duration.ofHours(2));
    }
}
