package io.github.incident4j.common;

import io.github.incident4j.ValidationException;
import java.time.Duration;
import java.util.Locale;

/**
 * The duration syntax of every incident4j document: a sequence of whole numbers with units, largest
 * first, such as {@code 30s}, {@code 15m}, {@code 1h30m}, {@code 2d} or {@code 250ms}. Units: {@code d},
 * {@code h}, {@code m}, {@code s}, {@code ms}. Durations are never negative.
 *
 * <pre>{@code
 * Duration d = Durations.parse("1h30m");   // PT1H30M
 * String s = Durations.format(d);          // "1h30m"
 * }</pre>
 */
public final class Durations {

    private Durations() {
    }

    /**
     * Parses a duration such as {@code "1h30m"}.
     *
     * @throws ValidationException naming the text and what is wrong with it (an unknown unit such as
     *     {@code 15x}, a sign, a missing number, units out of order)
     */
    public static Duration parse(String text) {
        String s = text.strip();
        if (s.isEmpty()) {
            throw ValidationException.of("duration", text, "must not be empty; write e.g. 30s, 15m, 1h30m or 2d");
        }
        if (s.startsWith("-")) {
            throw ValidationException.of("duration", text, "must not be negative");
        }
        Duration total = Duration.ZERO;
        int lastRank = Integer.MAX_VALUE;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
            if (i == start) {
                throw ValidationException.of("duration", text,
                        "expected a number at position " + (start + 1) + "; write e.g. 30s, 15m, 1h30m or 2d");
            }
            if (i - start > 9) {
                throw ValidationException.of("duration", text, "number too large");
            }
            long amount = Long.parseLong(s.substring(start, i));
            int unitStart = i;
            while (i < s.length() && Character.isLetter(s.charAt(i))) {
                i++;
            }
            String unit = s.substring(unitStart, i).toLowerCase(Locale.ROOT);
            int rank;
            Duration part;
            switch (unit) {
                case "d" -> { rank = 5; part = Duration.ofDays(amount); }
                case "h" -> { rank = 4; part = Duration.ofHours(amount); }
                case "m" -> { rank = 3; part = Duration.ofMinutes(amount); }
                case "s" -> { rank = 2; part = Duration.ofSeconds(amount); }
                case "ms" -> { rank = 1; part = Duration.ofMillis(amount); }
                case "" -> throw ValidationException.of("duration", text,
                        "missing unit after " + amount + "; use d, h, m, s or ms");
                default -> throw ValidationException.of("duration", text,
                        "unknown unit '" + unit + "'; use d, h, m, s or ms");
            }
            if (rank >= lastRank) {
                throw ValidationException.of("duration", text, "units must go from largest to smallest, each once");
            }
            lastRank = rank;
            total = total.plus(part);
        }
        return total;
    }

    /**
     * Parses a duration, also accepting a bare whole number as seconds ({@code "30"}), the form older Litmus
     * documents and environment variables such as {@code TOTAL_CHAOS_DURATION} use.
     *
     * @throws ValidationException as {@link #parse(String)} does
     */
    public static Duration parseOrSeconds(String text) {
        String s = text.strip();
        if (!s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            if (s.length() > 9) {
                throw ValidationException.of("duration", text, "number too large");
            }
            return Duration.ofSeconds(Long.parseLong(s));
        }
        return parse(text);
    }

    /** Formats a duration in the same syntax, largest units first ({@code 1h30m}); zero is {@code 0s}. */
    public static String format(Duration duration) {
        if (duration.isNegative()) {
            throw ValidationException.of("duration", duration, "must not be negative");
        }
        if (duration.isZero()) {
            return "0s";
        }
        StringBuilder b = new StringBuilder();
        long days = duration.toDays();
        int hours = duration.toHoursPart();
        int minutes = duration.toMinutesPart();
        int seconds = duration.toSecondsPart();
        int millis = duration.toMillisPart();
        if (days > 0) {
            b.append(days).append('d');
        }
        if (hours > 0) {
            b.append(hours).append('h');
        }
        if (minutes > 0) {
            b.append(minutes).append('m');
        }
        if (seconds > 0) {
            b.append(seconds).append('s');
        }
        if (millis > 0) {
            b.append(millis).append("ms");
        }
        if (duration.getNano() % 1_000_000 != 0) {
            throw ValidationException.of("duration", duration, "has sub-millisecond precision, which the syntax cannot write");
        }
        return b.toString();
    }
}
