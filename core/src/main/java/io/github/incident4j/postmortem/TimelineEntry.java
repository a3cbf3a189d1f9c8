package io.github.incident4j.postmortem;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/**
 * One row of a postmortem's timeline: a UTC wall-clock time on the postmortem's date (or the day after,
 * see {@link Postmortem#resolvedTimeline()}) and what happened.
 *
 * @param time UTC time, whole seconds; {@code null} for the template placeholder {@code HH:MM}
 * @param event what happened (one line; stripped)
 */
public record TimelineEntry(@Nullable LocalTime time, String event) {

    /** Normalises: time truncated to seconds, event stripped. */
    public TimelineEntry {
        time = time == null ? null : time.truncatedTo(ChronoUnit.SECONDS);
        event = event.strip();
    }

    /** An entry at a time written {@code HH:MM} or {@code HH:MM:SS}. */
    public static TimelineEntry at(String time, String event) {
        return new TimelineEntry(LocalTime.parse(time), event);
    }
}
