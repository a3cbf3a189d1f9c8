package io.github.incident4j.common;

import io.github.incident4j.ValidationException;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;

/**
 * A measured or threshold value with its unit: {@code 5%}, {@code 500ms}, {@code 30s}, {@code 3}.
 * Values of one dimension compare across units ({@code 1s} equals {@code 1000ms}).
 *
 * <pre>{@code
 * Quantity q = Quantity.parse("500ms");
 * q.toBase();                 // 0.5 (seconds)
 * }</pre>
 *
 * @param value the number as written
 * @param unit its unit
 */
public record Quantity(double value, Unit unit) implements Comparable<Quantity> {

    /** Units a quantity can carry. */
    public enum Unit {
        /** A percentage, 0 to 100 as written ({@code 5%}). */
        PERCENT("%"),
        /** Milliseconds. */
        MILLISECONDS("ms"),
        /** Seconds. */
        SECONDS("s"),
        /** A plain count or ratio, no unit. */
        COUNT("");

        private final String symbol;

        Unit(String symbol) {
            this.symbol = symbol;
        }

        /** The suffix written after the number. */
        public String symbol() {
            return symbol;
        }

        /** Whether two units measure the same thing (milliseconds and seconds do). */
        public boolean comparableWith(Unit other) {
            return this == other || (isTime() && other.isTime());
        }

        private boolean isTime() {
            return this == MILLISECONDS || this == SECONDS;
        }
    }

    /** Validates the value. */
    public Quantity {
        Objects.requireNonNull(unit, "unit");
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw ValidationException.of("quantity", value, "must be a finite number");
        }
    }

    /** A quantity of the given value and unit. */
    public static Quantity of(double value, Unit unit) {
        return new Quantity(value, unit);
    }

    /** A percentage. */
    public static Quantity percent(double value) {
        return new Quantity(value, Unit.PERCENT);
    }

    /** A duration in milliseconds. */
    public static Quantity millis(double value) {
        return new Quantity(value, Unit.MILLISECONDS);
    }

    /** A plain count. */
    public static Quantity count(double value) {
        return new Quantity(value, Unit.COUNT);
    }

    /**
     * Parses {@code 5%}, {@code 0.1 %}, {@code 500ms}, {@code 2s}, {@code 3}.
     *
     * @throws ValidationException for anything else
     */
    public static Quantity parse(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        Unit unit = Unit.COUNT;
        String number = s;
        if (s.endsWith("%")) {
            unit = Unit.PERCENT;
            number = s.substring(0, s.length() - 1);
        } else if (s.endsWith("ms")) {
            unit = Unit.MILLISECONDS;
            number = s.substring(0, s.length() - 2);
        } else if (s.endsWith("s")) {
            unit = Unit.SECONDS;
            number = s.substring(0, s.length() - 1);
        }
        number = number.strip();
        if (!number.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)")) {
            throw ValidationException.of("quantity", text, "expected a number with an optional unit (%, ms, s)");
        }
        return new Quantity(Double.parseDouble(number), unit);
    }

    /** The value in the base unit of its dimension: seconds for time, the number itself otherwise. */
    public double toBase() {
        return unit == Unit.MILLISECONDS ? value / 1000.0 : value;
    }

    /**
     * Compares two quantities of one dimension.
     *
     * @throws ValidationException when the units measure different things
     */
    @Override
    public int compareTo(Quantity other) {
        if (!unit.comparableWith(other.unit)) {
            throw ValidationException.of("quantity", other, "cannot compare " + unit + " with " + other.unit);
        }
        return Double.compare(toBase(), other.toBase());
    }

    /** Writes the quantity back in the syntax {@link #parse} reads, without a trailing {@code .0}. */
    @Override
    public String toString() {
        String n = BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        return n + unit.symbol();
    }
}
