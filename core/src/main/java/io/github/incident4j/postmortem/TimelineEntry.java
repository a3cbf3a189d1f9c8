package io.github.incident4j.postmortem;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a postmortem's timeline: when, as written and as read, and what happened. Where the entry sits in
 * time is {@link Postmortem#resolvedTimeline()}: its own date, else the date heading above it or the postmortem's
 * date (a time earlier than the one before it is on the next day); its own zone, else the postmortem's.
 *
 * <pre>{@code
 * TimelineEntry.at("14:05", "Error rate alert fires");
 * TimelineEntry.on(LocalDate.of(2021, 6, 30), LocalTime.of(8, 32), "Upgrade started");   // "2021-06-30 08:32"
 * }</pre>
 *
 * @param timeText the time as written ({@code 14:05}, {@code 2021-06-30 08:32}, {@code 2020-02-03T11:21:00+01:00},
 *     {@code 2:05 PM}, the template's placeholder {@code HH:MM}, or text that is no time such as {@code ...});
 *     when blank it is written from the values (and stays blank when there are none)
 * @param date the date the entry itself gives (in its time text, or the date heading it is under), or {@code null}
 * @param time the time of day, whole seconds; {@code null} when the time text gives none
 * @param zone the zone or offset the entry itself gives ({@code 14:05 PST}, {@code +01:00}), or {@code null} for
 *     the postmortem's zone
 * @param event what happened (one line; stripped)
 * @param details the other columns of a timeline table, by column heading, in order (e.g. Atlassian's
 *     {@code Details} and {@code Impact}); empty for lists
 */
public record TimelineEntry(String timeText, @Nullable LocalDate date, @Nullable LocalTime time, @Nullable ZoneId zone,
        String event, Map<String, String> details) {

    /** The template's placeholder for a time not yet known. */
    public static final String TIME_PLACEHOLDER = "HH:MM";

    /** Normalises: time truncated to seconds, texts stripped, a blank time text written from the values. */
    public TimelineEntry {
        time = time == null ? null : time.truncatedTo(ChronoUnit.SECONDS);
        zone = zone == null ? null : zone.normalized();
        event = event.strip();
        timeText = timeText.strip();
        if (timeText.isEmpty()) {
            timeText = written(date, time, zone);
        }
        Map<String, String> copy = new LinkedHashMap<>();
        // a blank cell says nothing: it is not kept, so a row written with or without it reads the same
        details.forEach((k, v) -> {
            if (!v.isBlank()) {
                copy.put(k.strip(), v.strip());
            }
        });
        details = Collections.unmodifiableMap(copy);
    }

    /** An entry at a time of day (on the postmortem's date, in its zone), or without a time when {@code null}. */
    public TimelineEntry(@Nullable LocalTime time, String event) {
        this("", null, time, null, event, Map.of());
    }

    /** An entry at a time written {@code HH:MM} or {@code HH:MM:SS}. */
    public static TimelineEntry at(String time, String event) {
        return new TimelineEntry(LocalTime.parse(time), event);
    }

    /** An entry on a date at a time, written {@code YYYY-MM-DD HH:MM}. */
    public static TimelineEntry on(LocalDate date, LocalTime time, String event) {
        return new TimelineEntry("", date, time, null, event, Map.of());
    }

    /** A copy with another event text. */
    public TimelineEntry withEvent(String newEvent) {
        return new TimelineEntry(timeText, date, time, zone, newEvent, details);
    }

    /** A copy at another time of day, its time text written anew. */
    public TimelineEntry withTime(@Nullable LocalTime newTime) {
        return new TimelineEntry("", date, newTime, zone, event, details);
    }

    /** Whether the time text is the template's placeholder or empty: no time was written yet. */
    public boolean isPlaceholder() {
        return timeText.equals(TIME_PLACEHOLDER) || timeText.isEmpty();
    }

    /** {@code 14:05}, {@code 14:05:30}, {@code 2021-06-30 14:05}, {@code 14:05 UTC}, {@code 14:05 +01:00}. */
    static String written(@Nullable LocalDate date, @Nullable LocalTime time, @Nullable ZoneId zone) {
        if (date == null && time == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        if (date != null) {
            b.append(date);
        }
        if (time != null) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(clock(time));
        }
        if (zone != null) {
            b.append(' ').append(zoneLabel(zone));
        }
        return b.toString();
    }

    /** {@code HH:MM}, or {@code HH:MM:SS} when the seconds are not zero. */
    public static String clock(LocalTime t) {
        return t.format(DateTimeFormatter.ofPattern(t.getSecond() == 0 ? "HH:mm" : "HH:mm:ss", Locale.ROOT));
    }

    /** How a zone is written: {@code UTC}, an offset {@code +01:00}, or a region {@code Europe/Berlin}. */
    public static String zoneLabel(ZoneId zone) {
        ZoneId z = zone.normalized();
        return z.equals(ZoneOffset.UTC) ? "UTC" : z.getId();
    }
}
