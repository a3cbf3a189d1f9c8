package io.github.incident4j.common;

import io.github.incident4j.ValidationException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A threshold on a named metric, optionally sustained for a while: {@code error rate > 5% for 5m},
 * {@code p99 latency < 500ms}. Reads the symbols ({@code > >= < <= == !=}) and the English forms
 * teams write ({@code stays below}, {@code above}, {@code exceeds}, {@code under}, {@code at most}, …).
 *
 * <pre>{@code
 * Condition c = Condition.parse("error rate > 5% for 5m");
 * c.metric();                       // "error rate"
 * c.holdsFor(Quantity.percent(7));  // true
 * c.sustain();                      // Optional[PT5M]
 * }</pre>
 *
 * @param metric the metric as written, e.g. {@code error rate}
 * @param comparator how the observed value is compared with the threshold
 * @param threshold the threshold
 * @param sustain how long the comparison must hold before the condition counts, if at all
 */
public record Condition(String metric, Comparator comparator, Quantity threshold, Optional<Duration> sustain) {

    /** How an observed value is compared with the threshold. */
    public enum Comparator {
        /** {@code >}. */
        GREATER(">"),
        /** {@code >=}. */
        GREATER_OR_EQUAL(">="),
        /** {@code <}. */
        LESS("<"),
        /** {@code <=}. */
        LESS_OR_EQUAL("<="),
        /** {@code ==}. */
        EQUAL("=="),
        /** {@code !=}. */
        NOT_EQUAL("!=");

        private final String symbol;

        Comparator(String symbol) {
            this.symbol = symbol;
        }

        /** The symbol written between metric and threshold. */
        public String symbol() {
            return symbol;
        }

        /** Whether {@code observed} compared with {@code threshold} satisfies this comparator. */
        public boolean test(Quantity observed, Quantity threshold) {
            int c = observed.compareTo(threshold);
            return switch (this) {
                case GREATER -> c > 0;
                case GREATER_OR_EQUAL -> c >= 0;
                case LESS -> c < 0;
                case LESS_OR_EQUAL -> c <= 0;
                case EQUAL -> c == 0;
                case NOT_EQUAL -> c != 0;
            };
        }

        /** The comparator for a symbol or an English phrase, if it is one. */
        public static Optional<Comparator> fromText(String text) {
            String t = text.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
            if (t.startsWith("stays ") || t.startsWith("remains ") || t.startsWith("is ") || t.startsWith("returns ")) {
                t = t.substring(t.indexOf(' ') + 1);
            }
            return Optional.ofNullable(switch (t) {
                case ">", "above", "over", "exceeds", "greater than", "more than", "higher than" -> GREATER;
                case ">=", "at least" -> GREATER_OR_EQUAL;
                case "<", "below", "under", "less than", "lower than" -> LESS;
                case "<=", "at most" -> LESS_OR_EQUAL;
                case "==", "=", "equals", "equal to" -> EQUAL;
                case "!=", "not equal to" -> NOT_EQUAL;
                default -> null;
            });
        }
    }

    private static final String WORDS = "(?:(?:stays|remains|is|returns)\\s+)?"
            + "(?:above|over|exceeds|greater than|more than|higher than|at least|below|under|less than|lower than"
            + "|at most|equals|equal to|not equal to)";
    private static final Pattern FORM = Pattern.compile(
            "^\\s*(?<metric>[A-Za-z_][\\w .:/\\-]*?)\\s*(?<op>>=|<=|==|!=|>|<|=|\\b" + WORDS + "\\b)\\s*"
                    + "(?<value>[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)\\s*(?:%|ms|s)?)"
                    + "(?:\\s+for\\s+(?<for>\\S+))?\\s*$",
            Pattern.CASE_INSENSITIVE);

    /** Validates the parts. */
    public Condition {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(comparator, "comparator");
        Objects.requireNonNull(threshold, "threshold");
        Objects.requireNonNull(sustain, "sustain");
        Problems problems = new Problems();
        problems.check(!metric.isBlank(), "metric", metric, "must not be blank");
        sustain.ifPresent(d -> problems.check(!d.isNegative() && !d.isZero(), "sustain", d, "must be positive"));
        problems.throwIfAny("condition");
    }

    /** A condition that counts as soon as it holds. */
    public static Condition of(String metric, Comparator comparator, Quantity threshold) {
        return new Condition(metric, comparator, threshold, Optional.empty());
    }

    /** A copy that must hold for {@code duration} before it counts. */
    public Condition sustainedFor(Duration duration) {
        return new Condition(metric, comparator, threshold, Optional.of(duration));
    }

    /**
     * Parses {@code "error rate > 5% for 5m"}.
     *
     * @throws ValidationException when the text is not a condition
     */
    public static Condition parse(String text) {
        return tryParse(text).orElseThrow(() -> ValidationException.of("condition", text,
                "expected '<metric> <comparator> <value>[unit] [for <duration>]', e.g. 'error rate > 5% for 5m'"));
    }

    /** Parses a condition, or returns empty when the text is not one. */
    public static Optional<Condition> tryParse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        Optional<Comparator> op = Comparator.fromText(m.group("op"));
        if (op.isEmpty()) {
            return Optional.empty();
        }
        Duration sustain = null;
        @Nullable String forText = m.group("for");
        if (forText != null) {
            try {
                sustain = Durations.parse(forText);
            } catch (ValidationException e) {
                return Optional.empty();
            }
            if (sustain.isZero()) {
                return Optional.empty();
            }
        }
        Quantity threshold = Quantity.parse(m.group("value"));
        return Optional.of(new Condition(m.group("metric").strip(), op.get(), threshold, Optional.ofNullable(sustain)));
    }

    /**
     * The metric in canonical form: lower case, single spaces, a percentile first ({@code "Error  Rate"} becomes
     * {@code "error rate"}; {@code "Latency p99"} and {@code "p99 latency"} both become {@code "p99 latency"}).
     */
    public String metricKey() {
        return canonicalMetric(metric);
    }

    /**
     * The canonical form of a metric name, as {@link #metricKey()} gives it. Runbooks write "latency p99" where
     * chaos experiments write "p99 latency"; both name one metric, so a percentile token moves to the front.
     */
    public static String canonicalMetric(String name) {
        String key = name.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        String[] words = key.split(" ");
        for (int i = 1; i < words.length; i++) {
            if (words[i].matches("p\\d+(\\.\\d+)?")) {
                StringBuilder b = new StringBuilder(words[i]);
                for (int j = 0; j < words.length; j++) {
                    if (j != i) {
                        b.append(' ').append(words[j]);
                    }
                }
                return b.toString();
            }
        }
        return key;
    }

    /** Whether an observed value satisfies the comparison (ignoring {@link #sustain()}). */
    public boolean holdsFor(Quantity observed) {
        return comparator.test(observed, threshold);
    }

    /** Writes the condition in the form {@link #parse} reads: {@code error rate > 5% for 5m}. */
    @Override
    public String toString() {
        return metric + " " + comparator.symbol() + " " + threshold
                + sustain.map(d -> " for " + Durations.format(d)).orElse("");
    }
}
