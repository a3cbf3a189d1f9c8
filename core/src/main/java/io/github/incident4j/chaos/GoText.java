package io.github.incident4j.chaos;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Text read the way litmus-go's Go code reads it: {@code strconv.Atoi} and {@code strconv.ParseBool} with the
 * error ignored (what the experiment then uses), and {@code time.ParseDuration}. Kept exact because the difference
 * is the point: {@code '1m'} is a valid incident4j duration but litmus-go's {@code Atoi} makes it 0.
 */
final class GoText {

    private GoText() {
    }

    /**
     * {@code strconv.Atoi(text)} as litmus-go uses it, the error ignored: the whole number for {@code [+-]?[0-9]+},
     * clamped to the long range on overflow (Go returns the clamped value with its range error), else 0.
     */
    static long atoi(String text) {
        return parse(text).orElse(0);
    }

    /** Whether {@code strconv.Atoi} accepts the text without error (no blanks, no unit, no range). */
    static boolean isAtoi(String text) {
        return parse(text).isPresent() && !overflows(text);
    }

    private static OptionalLong parse(String text) {
        int i = 0;
        boolean negative = false;
        if (!text.isEmpty() && (text.charAt(0) == '+' || text.charAt(0) == '-')) {
            negative = text.charAt(0) == '-';
            i = 1;
        }
        if (i == text.length()) {
            return OptionalLong.empty();
        }
        long value = 0;
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return OptionalLong.empty();
            }
            if (value > (Long.MAX_VALUE - (c - '0')) / 10) {
                return OptionalLong.of(negative ? Long.MIN_VALUE : Long.MAX_VALUE);
            }
            value = value * 10 + (c - '0');
        }
        return OptionalLong.of(negative ? -value : value);
    }

    private static boolean overflows(String text) {
        long v = parse(text).orElse(0);
        return v == Long.MAX_VALUE || v == Long.MIN_VALUE;
    }

    /** {@code strconv.ParseBool(text)} with the error ignored: true only for 1, t, T, TRUE, true, True. */
    static boolean parseBool(String text) {
        return switch (text) {
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            default -> false;
        };
    }

    /** Whether {@code strconv.ParseBool} accepts the text. */
    static boolean isBool(String text) {
        return switch (text) {
            case "1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false", "False" -> true;
            default -> false;
        };
    }

    /**
     * Go's {@code time.ParseDuration}: a sequence of decimal numbers each with a unit ({@code ns us µs ms s m h}),
     * an optional sign, or a bare {@code 0}; empty when the text is not one.
     */
    static Optional<Duration> parseDuration(String text) {
        String s = text;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Optional.of(Duration.ZERO);
        }
        if (s.isEmpty()) {
            return Optional.empty();
        }
        long nanos = 0;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            String number = s.substring(start, i);
            if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
                return Optional.empty();
            }
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            long unit = switch (s.substring(unitStart, i)) {
                case "ns" -> 1L;
                case "us", "µs", "μs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                default -> -1L;
            };
            if (unit < 0) {
                return Optional.empty();
            }
            nanos += new java.math.BigDecimal(number).multiply(java.math.BigDecimal.valueOf(unit)).longValue();
        }
        return Optional.of(Duration.ofNanos(negative ? -nanos : nanos));
    }
}
