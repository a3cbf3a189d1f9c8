package io.github.incident4j.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.oncall.Schedule;
import io.github.incident4j.oncall.Shift;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The on-call benchmarks' ical4j baseline")
class OnCallBaselineTest {

    private static Schedule schedule;
    private static IcalSchedule ical;

    @BeforeAll
    static void build() {
        schedule = OnCallFixture.schedule();
        ical = OnCallFixture.ical();
    }

    @Test
    @DisplayName("the fixture has five layers and 1,000 overrides")
    void fixture() {
        assertThat(schedule.layers()).hasSize(5);
        assertThat(schedule.overrides()).hasSize(OnCallFixture.OVERRIDES);
    }

    @Test
    @DisplayName("answers who is on call as incident4j does at random instants within two years of the start")
    void sameAnswers() {
        Instant[] instants = OnCallFixture.queries(200, 77);
        int people = 0;
        for (Instant t : instants) {
            assertThat(ical.onCallAt(t)).as("on call at %s", t).isEqualTo(schedule.onCallAt(t));
            people += schedule.onCallAt(t).isPresent() ? 1 : 0;
        }
        assertThat(people).isGreaterThan(160);
    }

    @Test
    @DisplayName("answers alike at handoffs, window edges and override edges")
    void sameAnswersAtEdges() {
        List<Shift> shifts = schedule.shifts(Instant.parse("2024-03-20T00:00:00Z"), Instant.parse("2024-04-03T00:00:00Z"));
        assertThat(shifts).hasSizeGreaterThan(20);
        for (Shift s : shifts) {
            for (Instant t : List.of(s.start(), s.start().minusSeconds(1), s.end().minusSeconds(1))) {
                assertThat(ical.onCallAt(t)).as("on call at %s", t).isEqualTo(schedule.onCallAt(t));
            }
        }
    }

    @Test
    @DisplayName("computes the same final schedule over three months across a DST change")
    void sameShifts() {
        Instant from = Instant.parse("2024-02-15T00:00:00Z");
        Instant to = from.plus(Duration.ofDays(90));

        assertThat(ical.shifts(from, to)).isEqualTo(schedule.shifts(from, to));
    }
}
