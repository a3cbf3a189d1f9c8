package io.github.incident4j.format;

import io.github.incident4j.common.Problems;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;

/**
 * Writes events as an RFC 5545 iCalendar document, so a final on-call schedule can be subscribed to
 * from any calendar application. Times are written in UTC; lines end with CRLF and are folded at 75
 * octets; text values are escaped.
 *
 * <pre>{@code
 * String ics = ICalendar.render("Backend On-Call", Instant.parse("2026-03-01T00:00:00Z"), List.of(
 *         new ICalendar.Event("shift-1@incident4j", "On call: Alice", start, end, "from layer primary")));
 * }</pre>
 */
public final class ICalendar {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final int MAX_OCTETS = 75;

    private ICalendar() {
    }

    /**
     * One event.
     *
     * @param uid a globally unique, stable identifier (a calendar updates an event with the same uid)
     * @param summary the title
     * @param start inclusive start
     * @param end exclusive end, after start
     * @param description free text, may be empty
     */
    public record Event(String uid, String summary, Instant start, Instant end, String description) {
        /** Validates the event. */
        public Event {
            Objects.requireNonNull(uid, "uid");
            Objects.requireNonNull(summary, "summary");
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            Objects.requireNonNull(description, "description");
            Problems p = new Problems();
            p.check(!uid.isBlank(), "uid", uid, "must not be blank");
            p.check(end.isAfter(start), "end", end, "must be after start " + start);
            p.throwIfAny("calendar event");
        }
    }

    /**
     * Renders a calendar.
     *
     * @param name the calendar's display name ({@code X-WR-CALNAME})
     * @param stamp the {@code DTSTAMP} of every event: when the document was made (from the caller's clock)
     * @param events the events, written in the given order
     */
    public static String render(String name, Instant stamp, List<Event> events) {
        StringBuilder out = new StringBuilder();
        line(out, "BEGIN:VCALENDAR");
        line(out, "VERSION:2.0");
        line(out, "PRODID:-//incident4j//incident4j//EN");
        line(out, "CALSCALE:GREGORIAN");
        line(out, "X-WR-CALNAME:" + text(name));
        for (Event e : events) {
            line(out, "BEGIN:VEVENT");
            line(out, "UID:" + text(e.uid()));
            line(out, "DTSTAMP:" + UTC.format(stamp));
            line(out, "DTSTART:" + UTC.format(e.start()));
            line(out, "DTEND:" + UTC.format(e.end()));
            line(out, "SUMMARY:" + text(e.summary()));
            if (!e.description().isEmpty()) {
                line(out, "DESCRIPTION:" + text(e.description()));
            }
            line(out, "TRANSP:OPAQUE");
            line(out, "END:VEVENT");
        }
        line(out, "END:VCALENDAR");
        return out.toString();
    }

    /** Escapes a TEXT value (RFC 5545 section 3.3.11). */
    static String text(String value) {
        StringBuilder b = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case ';' -> b.append("\\;");
                case ',' -> b.append("\\,");
                case '\n' -> b.append("\\n");
                case '\r' -> { }
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Appends a content line folded at 75 octets without splitting a UTF-8 sequence (section 3.1). */
    private static void line(StringBuilder out, String content) {
        int octets = 0;
        int limit = MAX_OCTETS;
        for (int i = 0; i < content.length(); ) {
            int cp = content.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > limit) {
                out.append("\r\n ");
                octets = 0;
                limit = MAX_OCTETS - 1; // the leading space of a continuation line counts
            }
            out.appendCodePoint(cp);
            octets += size;
            i += Character.charCount(cp);
        }
        out.append("\r\n");
    }
}
