package io.github.incident4j.oncall;

import io.github.incident4j.ValidationException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Objects;

/**
 * A window of wall-clock time, in its layer's zone, during which a {@link Layer} is on duty. A layer with
 * restrictions covers only the union of its windows; outside them it leaves a gap that a later or earlier
 * layer may fill. Restrictions cut a layer's turns, they never pause them: the turn index keeps counting.
 * Windows may cross midnight ({@code 22:00-06:00}) or the end of the week ({@code Fri 17:00 to Mon 09:00}).
 *
 * <pre>{@code
 * Restriction.daily(LocalTime.of(9, 0), LocalTime.of(17, 0));
 * Restriction.weekly(DayOfWeek.MONDAY, LocalTime.of(9, 0), DayOfWeek.FRIDAY, LocalTime.of(17, 0));
 * }</pre>
 */
public sealed interface Restriction permits Restriction.Daily, Restriction.Weekly {

    /** Seconds from the start of the period (midnight, or Monday midnight) to the window's start. */
    long startOffsetSeconds();

    /** Seconds from the start of the period to the window's end; greater than the start. */
    long endOffsetSeconds();

    /** Length of the period the window repeats with: one day or one week, in seconds. */
    long periodSeconds();

    /**
     * Every day from {@code start} to {@code end}; when end is before start the window crosses midnight.
     *
     * @param start first instant of the window (wall clock)
     * @param end first instant after it (wall clock); must differ from start
     */
    record Daily(LocalTime start, LocalTime end) implements Restriction {
        /** Validates the window. */
        public Daily {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            checkWholeSeconds(start, end);
            if (start.equals(end)) {
                throw ValidationException.of("restriction", start + "-" + end,
                        "end must differ from start (a window of no time, or of all day, is ambiguous)");
            }
        }

        @java.lang.Override
        public long startOffsetSeconds() {
            return start.toSecondOfDay();
        }

        @java.lang.Override
        public long endOffsetSeconds() {
            long e = end.toSecondOfDay();
            return e > start.toSecondOfDay() ? e : e + 86_400;
        }

        @java.lang.Override
        public long periodSeconds() {
            return 86_400;
        }

        /** {@code 09:00-17:00}. */
        @java.lang.Override
        public String toString() {
            return start + "-" + end;
        }
    }

    /**
     * Every week from {@code startDay startTime} to {@code endDay endTime}; may cross the end of the week.
     *
     * @param startDay day the window opens
     * @param startTime time it opens (wall clock)
     * @param endDay day it closes
     * @param endTime time it closes (wall clock); day and time together must differ from the start
     */
    record Weekly(DayOfWeek startDay, LocalTime startTime, DayOfWeek endDay, LocalTime endTime) implements Restriction {
        /** Validates the window. */
        public Weekly {
            Objects.requireNonNull(startDay, "startDay");
            Objects.requireNonNull(startTime, "startTime");
            Objects.requireNonNull(endDay, "endDay");
            Objects.requireNonNull(endTime, "endTime");
            checkWholeSeconds(startTime, endTime);
            if (startDay == endDay && startTime.equals(endTime)) {
                throw ValidationException.of("restriction", startDay + " " + startTime + " to " + endDay + " " + endTime,
                        "end must differ from start (a window of no time, or of all week, is ambiguous)");
            }
        }

        @java.lang.Override
        public long startOffsetSeconds() {
            return (startDay.getValue() - 1) * 86_400L + startTime.toSecondOfDay();
        }

        @java.lang.Override
        public long endOffsetSeconds() {
            long e = (endDay.getValue() - 1) * 86_400L + endTime.toSecondOfDay();
            return e > startOffsetSeconds() ? e : e + 604_800;
        }

        @java.lang.Override
        public long periodSeconds() {
            return 604_800;
        }

        /** {@code Mon 09:00 to Fri 17:00}. */
        @java.lang.Override
        public String toString() {
            return shortName(startDay) + " " + startTime + " to " + shortName(endDay) + " " + endTime;
        }

        private static String shortName(DayOfWeek day) {
            return day.getDisplayName(TextStyle.SHORT, Locale.ROOT);
        }
    }

    /** A daily window. */
    static Restriction daily(LocalTime start, LocalTime end) {
        return new Daily(start, end);
    }

    /** A weekly window. */
    static Restriction weekly(DayOfWeek startDay, LocalTime startTime, DayOfWeek endDay, LocalTime endTime) {
        return new Weekly(startDay, startTime, endDay, endTime);
    }

    private static void checkWholeSeconds(LocalTime a, LocalTime b) {
        if (a.getNano() != 0 || b.getNano() != 0) {
            throw ValidationException.of("restriction", a + "-" + b, "times must be whole seconds");
        }
    }
}
