package io.github.incident4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.github.incident4j.format.OnCallYaml;
import io.github.incident4j.oncall.Schedule;
import io.github.incident4j.oncall.Shift;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.Temporal;
import java.util.List;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DateProperty;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("incident4j oncall who | shifts | report")
class CliOnCallTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("who names the on-call person, the layer and the shift's start and end, at --at, --now or the clock")
    void who() {
        Path rotation = CliRun.seed(dir, "oncall-rotation.yaml");

        CliRun run = CliRun.of("oncall", "who", "--file", rotation.toString(), "--at", "2026-03-03T10:00:00Z");
        CliRun now = CliRun.of("oncall", "who", "--file", rotation.toString());
        CliRun later = CliRun.of("oncall", "who", "--file", rotation.toString(), "--now", "2026-05-01T00:00:00Z");

        assertThat(run.code()).isZero();
        // 2026-03-03 10:00 is in turn 113 since 2024-01-01 09:00; 113 mod 3 = 2: Carol.
        assertThat(run.out()).contains("on call: Carol", "from:    layer 1", "since:   Mon 2026-03-02 09:00",
                "until:   Mon 2026-03-09 09:00");
        assertThat(now.out()).contains("at 2026-03-02T09:00:00Z", "on call: Carol");
        assertThat(later.out()).contains("at 2026-05-01T00:00:00Z", "on call: Bob", "since:   Mon 2026-04-27 09:00");
    }

    @Test
    @DisplayName("who reports an override, and nobody in a gap")
    void whoOverrideAndGap() {
        Path rotation = CliRun.write(dir, "rotation.yaml", """
                schedule:
                  name: Day shift
                  participants:
                    - name: Alice
                    - name: Bob
                  overrides:
                    - who: Dave
                      replaces: Bob
                      from: 2026-03-03T09:00:00Z
                      until: 2026-03-04T09:00:00Z
                      reason: dentist
                  escalation_policy:
                    - level: 1
                      targets: [current_on_call]
                      timeout: 15m
                """);

        CliRun run = CliRun.of("oncall", "who", "--file", rotation.toString(), "--at", "2026-03-03T12:00:00Z");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("on call: Dave", "from:    override #1 (replaces Bob: dentist)",
                "until:   Wed 2026-03-04 09:00");
    }

    @Test
    @DisplayName("shifts prints the final schedule as a table in the schedule's zone")
    void shiftsTable() {
        Path rotation = CliRun.seed(dir, "oncall-rotation.yaml");

        CliRun run = CliRun.of("oncall", "shifts", "--file", rotation.toString(), "--from", "2026-03-02T09:00:00Z",
                "--to", "2026-03-23T09:00:00Z");

        assertThat(run.code()).isZero();
        assertThat(run.out().lines().toList()).containsExactly(
                "start (UTC)           end                   on call      from",
                "Mon 2026-03-02 09:00  Mon 2026-03-09 09:00  Carol        layer 1",
                "Mon 2026-03-09 09:00  Mon 2026-03-16 09:00  Alice        layer 1",
                "Mon 2026-03-16 09:00  Mon 2026-03-23 09:00  Bob          layer 1");
    }

    @Test
    @DisplayName("--ics writes RFC 5545 that ical4j reads back as exactly Schedule.shifts, with stable UIDs")
    void icsReadBackWithIcal4j() throws Exception {
        Path rotation = CliRun.seed(dir, "oncall-rotation.yaml");
        Schedule schedule = OnCallYaml.parse(Files.readString(rotation)).schedule();
        Instant from = Instant.parse("2026-03-02T09:00:00Z");
        Instant to = Instant.parse("2026-05-04T09:00:00Z");

        CliRun run = CliRun.of("oncall", "shifts", "--file", rotation.toString(), "--from", from.toString(),
                "--to", to.toString(), "--ics");
        Calendar calendar = new CalendarBuilder().build(new StringReader(run.out()));
        List<VEvent> events = calendar.<VEvent>getComponents().stream().filter(VEvent.class::isInstance).toList();

        assertThat(run.code()).isZero();
        // Each event is valid RFC 5545. (ical4j's whole-calendar validate() also applies RFC 5546 iTIP rules
        // because of METHOD:PUBLISH, which would want an ORGANIZER that an on-call calendar has no use for.)
        for (VEvent e : events) {
            assertThat(e.validate().hasErrors()).as(e.validate().toString()).isFalse();
        }
        List<Shift> expected = schedule.shifts(from, to);
        assertThat(events).extracting(e -> instant(e, "DTSTART"), e -> instant(e, "DTEND"), e -> text(e, "SUMMARY"))
                .containsExactlyElementsOf(expected.stream()
                        .map(s -> tuple(s.start(), s.end(), "On call: " + s.participant())).toList());
        assertThat(events).extracting(e -> text(e, "UID")).doesNotHaveDuplicates()
                .first().isEqualTo("backend-on-call-20260302T090000Z-carol@incident4j");
        assertThat(events).extracting(e -> text(e, "DTSTAMP")).containsOnly("20260302T090000Z");

        // Exported over a range that cuts the shift, the shift is whole and keeps its UID.
        CliRun cut = CliRun.of("oncall", "shifts", "--file", rotation.toString(), "--from", "2026-03-04",
                "--to", "2026-03-05", "--ics");
        VEvent only = new CalendarBuilder().build(new StringReader(cut.out())).<VEvent>getComponents().get(0);
        assertThat(text(only, "UID")).isEqualTo("backend-on-call-20260302T090000Z-carol@incident4j");
        assertThat(instant(only, "DTSTART")).isEqualTo(from);
    }

    @Test
    @DisplayName("--output writes the calendar to a file")
    void icsToFile() throws Exception {
        Path rotation = CliRun.seed(dir, "oncall-rotation.yaml");
        Path ics = dir.resolve("oncall.ics");

        CliRun run = CliRun.of("oncall", "shifts", "--file", rotation.toString(), "--from", "2026-03-02T09:00:00Z",
                "--to", "2026-03-16T09:00:00Z", "--ics", "-o", ics.toString());

        assertThat(run.out()).contains("wrote 2 shifts to " + ics);
        assertThat(Files.readString(ics)).startsWith("BEGIN:VCALENDAR\r\n").contains("SUMMARY:On call: Alice\r\n");
    }

    @Test
    @DisplayName("report shows hours per person, the balance score and who is above average")
    void report() {
        Path rotation = CliRun.seed(dir, "oncall-rotation.yaml");

        CliRun run = CliRun.of("oncall", "report", "--file", rotation.toString(), "--from", "2026-03-02T09:00:00Z",
                "--to", "2026-04-06T09:00:00Z");

        // Five weeks: Carol, Alice, Bob, Carol, Alice.
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("Alice                 336.0", "Bob                   168.0",
                "Carol                 336.0", "above average: Alice, 336.0 h (+20.0%)",
                "above average: Carol, 336.0 h (+20.0%)");
        assertThat(run.out()).containsPattern("balance score: \\d+\\.\\d / 100");
    }

    @Test
    @DisplayName("a broken rotation, a bad date or an empty range fail with a message and exit code 1")
    void failures() {
        Path broken = CliRun.write(dir, "broken.yaml", "schedule:\n  name: [\n");
        Path rotation = CliRun.seed(dir, "oncall-rotation.yaml");

        CliRun unreadable = CliRun.of("oncall", "who", "--file", broken.toString());
        CliRun badDate = CliRun.of("oncall", "shifts", "--file", rotation.toString(), "--from", "March", "--to",
                "2026-04-01");
        CliRun empty = CliRun.of("oncall", "report", "--file", rotation.toString(), "--from", "2026-04-01", "--to",
                "2026-03-01");

        assertThat(unreadable.code()).isEqualTo(1);
        assertThat(unreadable.err()).startsWith("incident4j: " + broken + ":");
        assertThat(badDate.code()).isEqualTo(1);
        assertThat(badDate.err()).contains("not an instant or a date: 'March'");
        assertThat(empty.code()).isEqualTo(1);
        assertThat(empty.err()).contains("must be after --from");
    }

    private static Instant instant(VEvent event, String name) {
        DateProperty<?> p = event.<DateProperty<?>>getProperty(name).orElseThrow();
        return Instant.from((Temporal) p.getDate());
    }

    private static String text(VEvent event, String name) {
        return event.<Property>getProperty(name).orElseThrow().getValue();
    }
}
