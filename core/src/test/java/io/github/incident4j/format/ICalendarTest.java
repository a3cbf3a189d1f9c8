package io.github.incident4j.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incident4j.ValidationException;
import java.io.StringReader;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ICalendarTest {

    private static final Instant STAMP = Instant.parse("2026-03-01T00:00:00Z");

    private static Calendar readBack(String ics) throws Exception {
        return new CalendarBuilder().build(new StringReader(ics));
    }

    private static Instant instant(VEvent e, String property) {
        Property p = e.getProperty(property).orElseThrow();
        Temporal t = ((net.fortuna.ical4j.model.property.DateProperty<?>) p).getDate();
        return t instanceof Instant i ? i : ZonedDateTime.from(t).toInstant();
    }

    @Test
    @DisplayName("a shift list reads back with an independent RFC 5545 parser, event by event")
    void readsBackWithIcal4j() throws Exception {
        Instant start = Instant.parse("2026-03-02T08:00:00Z");
        Instant end = Instant.parse("2026-03-09T08:00:00Z");
        String ics = ICalendar.render("Backend On-Call", STAMP, List.of(
                new ICalendar.Event("1@test", "On call: Alice", start, end, "layer primary; weekly, handoff Monday")));
        assertThat(ics).contains("\r\n").doesNotContain("\n\n");
        Calendar cal = readBack(ics);
        List<VEvent> events = cal.getComponents("VEVENT");
        assertThat(events).hasSize(1);
        VEvent e = events.get(0);
        assertThat(e.getProperty("SUMMARY").orElseThrow().getValue()).isEqualTo("On call: Alice");
        assertThat(e.getProperty("DESCRIPTION").orElseThrow().getValue()).isEqualTo("layer primary; weekly, handoff Monday");
        assertThat(instant(e, "DTSTART")).isEqualTo(start);
        assertThat(instant(e, "DTEND")).isEqualTo(end);
    }

    @Test
    @DisplayName("long lines are folded at 75 octets without splitting a character")
    void folds() {
        String summary = "On call: " + "Zoë Ångström ".repeat(20);
        String ics = ICalendar.render("x", STAMP, List.of(new ICalendar.Event("u", summary,
                STAMP, STAMP.plusSeconds(60), "")));
        for (String line : ics.split("\r\n")) {
            assertThat(line.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(75);
        }
        assertThat(ics.replace("\r\n ", "")).contains(summary.replace(",", "\\,"));
    }

    @Test
    @DisplayName("an event that ends before it starts is refused")
    void refusesBackwardsEvent() {
        assertThatThrownBy(() -> new ICalendar.Event("u", "s", STAMP, STAMP, ""))
                .isInstanceOf(ValidationException.class).hasMessageContaining("end");
    }

    @net.jqwik.api.Property(tries = 200)
    @Label("any text survives escaping, folding and an independent parser")
    void anyTextRoundTrips(@ForAll("texts") String summary, @ForAll("texts") String description) throws Exception {
        String ics = ICalendar.render("cal", STAMP, List.of(new ICalendar.Event("u@x", summary,
                STAMP, STAMP.plusSeconds(3600), description)));
        VEvent e = (VEvent) readBack(ics).getComponents("VEVENT").get(0);
        assertThat(e.getProperty("SUMMARY").orElseThrow().getValue()).isEqualTo(summary);
        List<String> descriptions = new ArrayList<>();
        e.getProperty("DESCRIPTION").ifPresent(p -> descriptions.add(p.getValue()));
        assertThat(descriptions).isEqualTo(description.isEmpty() ? List.of() : List.of(description));
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withChars("abcXYZ ,;:\\\n\"'é日本🙂").ofMaxLength(200)
                .filter(s -> !s.isBlank() || s.isEmpty())
                .filter(s -> s.equals(s.strip()))
                // ical4j 4.1 decodes "\\\n" (an escaped backslash before an escaped newline) wrongly;
                // our encoding of that sequence is pinned by escapesPerRfc5545 instead.
                .filter(s -> !s.contains("\\\n"));
    }

    @Test
    @DisplayName("text values escape backslash, semicolon, comma and newline as RFC 5545 section 3.3.11 says")
    void escapesPerRfc5545() {
        assertThat(ICalendar.text("a\\\nb;c,d\r\ne")).isEqualTo("a\\\\\\nb\\;c\\,d\\ne");
    }
}
