package io.github.incident4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.format.OnCallYaml;
import io.github.incident4j.oncall.Schedule;
import io.github.incident4j.oncall.Shift;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.Temporal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DateProperty;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Invariants of the iCalendar export over generated ranges of a rotation with an override. */
class CliShiftsProperties {

    private static final Instant ORIGIN = Instant.parse("2026-01-05T00:00:00Z");
    private static final Schedule SCHEDULE = schedule();

    private static Schedule schedule() {
        try (InputStream in = CliShiftsProperties.class.getResourceAsStream("/seed/oncall-rotation.yaml")) {
            String seed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return OnCallYaml.parse(seed.replace("  overrides: [] # Vacation swaps", """
                      overrides:
                        - who: Dave
                          replaces: Alice
                          from: 2026-02-10T12:00:00Z
                          until: 2026-02-12T08:30:00Z
                    """.stripTrailing())).schedule();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Property(tries = 60)
    @Label("the calendar ical4j reads back holds exactly the shifts overlapping the range, each whole, with unique UIDs")
    void calendarHoldsTheWholeShifts(@ForAll @IntRange(min = 0, max = 24 * 70) int startHours,
                                     @ForAll @IntRange(min = 1, max = 24 * 30) int lengthHours) throws Exception {
        Instant from = ORIGIN.plus(Duration.ofHours(startHours));
        Instant to = from.plus(Duration.ofHours(lengthHours));

        List<VEvent> events = read(OnCallCommand.calendar(SCHEDULE, OnCallCommand.wholeShifts(SCHEDULE, from, to), ORIGIN));
        List<Shift> clipped = SCHEDULE.shifts(from, to);

        assertThat(events).hasSameSizeAs(clipped);
        for (int i = 0; i < events.size(); i++) {
            VEvent e = events.get(i);
            Shift s = clipped.get(i);
            assertThat(text(e, "SUMMARY")).isEqualTo("On call: " + s.participant());
            // Whole: the event covers the clipped shift and only reaches past the range where the shift does.
            assertThat(instant(e, "DTSTART")).isBeforeOrEqualTo(s.start());
            assertThat(instant(e, "DTEND")).isAfterOrEqualTo(s.end());
            if (!instant(e, "DTSTART").equals(s.start())) {
                assertThat(s.start()).isEqualTo(from);
            }
            if (!instant(e, "DTEND").equals(s.end())) {
                assertThat(s.end()).isEqualTo(to);
            }
        }
        assertThat(events).extracting(e -> text(e, "UID")).doesNotHaveDuplicates();
    }

    @Property(tries = 40)
    @Label("a shift keeps its UID, start and end whatever range it is exported in")
    void uidsAreStableAcrossRanges(@ForAll @IntRange(min = 0, max = 24 * 60) int aStart,
                                   @ForAll @IntRange(min = 1, max = 24 * 20) int aLength,
                                   @ForAll @IntRange(min = 0, max = 24 * 60) int bStart,
                                   @ForAll @IntRange(min = 1, max = 24 * 20) int bLength) throws Exception {
        Map<String, List<Instant>> a = byUid(aStart, aLength);
        Map<String, List<Instant>> b = byUid(bStart, bLength);

        a.forEach((uid, times) -> {
            if (b.containsKey(uid)) {
                assertThat(b.get(uid)).isEqualTo(times);
            }
        });
    }

    private static Map<String, List<Instant>> byUid(int startHours, int lengthHours) throws Exception {
        Instant from = ORIGIN.plus(Duration.ofHours(startHours));
        List<VEvent> events = read(OnCallCommand.calendar(SCHEDULE,
                OnCallCommand.wholeShifts(SCHEDULE, from, from.plus(Duration.ofHours(lengthHours))), ORIGIN));
        Map<String, List<Instant>> out = new HashMap<>();
        for (VEvent e : events) {
            out.put(text(e, "UID"), List.of(instant(e, "DTSTART"), instant(e, "DTEND")));
        }
        return out;
    }

    private static List<VEvent> read(String ics) throws IOException, ParserException {
        return new CalendarBuilder().build(new StringReader(ics)).<VEvent>getComponents().stream()
                .filter(VEvent.class::isInstance).toList();
    }

    private static Instant instant(VEvent event, String name) {
        DateProperty<?> p = event.<DateProperty<?>>getProperty(name).orElseThrow();
        return Instant.from((Temporal) p.getDate());
    }

    private static String text(VEvent event, String name) {
        return event.<net.fortuna.ical4j.model.Property>getProperty(name).orElseThrow().getValue();
    }
}
