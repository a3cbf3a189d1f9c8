package io.github.incident4j.runbook;

import io.github.incident4j.common.Condition;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One recovery criterion as written, with what it means read from its text:
 * <ul>
 *   <li>{@code Error rate returns to baseline (< 0.1%)}: a {@link Kind#METRIC} criterion, the condition
 *       {@code Error rate < 0.1%} (the metric is the text before the parenthesis);</li>
 *   <li>{@code No new error log entries}: {@link Kind#NO_NEW_ERROR_LOGS}, checked against cluster logs;</li>
 *   <li>{@code Confirm in dashboard for 15 minutes}: {@link Kind#HOLD}, how long the others must hold;</li>
 *   <li>anything else: {@link Kind#MANUAL}, for a person to confirm.</li>
 * </ul>
 *
 * @param text the criterion as written
 */
public record RecoveryCriterion(String text) {

    /** What a criterion asks for. */
    public enum Kind {
        /** A metric condition that must hold over the whole window. */
        METRIC,
        /** No new error lines in the service's logs during the window. */
        NO_NEW_ERROR_LOGS,
        /** How long the window lasts. */
        HOLD,
        /** Nothing the runner can check. */
        MANUAL
    }

    // (?d): U+0085, U+2028, U+2029 are ordinary characters of the one-line text, as in the reader (B7's rule)
    private static final Pattern PARENTHESISED = Pattern.compile("(?d)^(?<before>.*?)\\s*\\((?<inner>[^()]*)\\)\\s*\\.?$");
    private static final Pattern BASELINE_WORDS = Pattern.compile(
            "(?id)\\s+(returns?|goes|comes|is|stays|remains|gets)(\\s+back)?(\\s+(to|at|within|below|under))?(\\s+(the\\s+)?(baseline|normal))?\\s*$");
    private static final Pattern HOLD = Pattern.compile(
            "(?i)\\bfor\\s+(?:at\\s+least\\s+)?(\\d{1,6})\\s*(seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h)\\b");
    private static final Pattern LOGS = Pattern.compile(
            "(?id)^\\s*no\\s+(new\\s+)?(error\\s+log\\s+(entries|lines|messages)|errors?\\s+in\\s+(the\\s+)?logs?|error\\s+logs?)\\b.*");

    /** Validates the text (the runbook checks its grammar). */
    public RecoveryCriterion {
        Objects.requireNonNull(text, "text");
    }

    /** The criterion for a text. */
    public static RecoveryCriterion of(String text) {
        return new RecoveryCriterion(text);
    }

    /** The metric condition the text states, if it states one. */
    public Optional<Condition> condition() {
        Matcher m = PARENTHESISED.matcher(text);
        if (m.matches()) {
            String metric = BASELINE_WORDS.matcher(m.group("before")).replaceFirst("").strip();
            if (!metric.isEmpty()) {
                Optional<Condition> c = Condition.tryParse(metric + " " + m.group("inner").strip());
                if (c.isPresent()) {
                    return c;
                }
            }
        }
        return Condition.tryParse(text);
    }

    /** What the criterion asks for. */
    public Kind kind() {
        if (condition().isPresent()) {
            return Kind.METRIC;
        }
        if (LOGS.matcher(text).matches()) {
            return Kind.NO_NEW_ERROR_LOGS;
        }
        if (HOLD.matcher(text).find()) {
            return Kind.HOLD;
        }
        return Kind.MANUAL;
    }

    /** The hold duration a {@link Kind#HOLD} criterion states ({@code for 15 minutes}), or a metric condition's sustain. */
    public Optional<Duration> hold() {
        if (kind() == Kind.METRIC) {
            return condition().flatMap(Condition::sustain);
        }
        if (kind() != Kind.HOLD) {
            return Optional.empty();
        }
        Matcher m = HOLD.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        char unit = Character.toLowerCase(m.group(2).charAt(0));
        return Optional.of(switch (unit) {
            case 's' -> Duration.ofSeconds(n);
            case 'h' -> Duration.ofHours(n);
            default -> Duration.ofMinutes(n);
        });
    }
}
