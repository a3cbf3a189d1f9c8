package io.github.incident4j.postmortem;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The impact line of a postmortem, kept as written, with the figures it gives read from it: the
 * percentage of users affected ({@code 12% of users}) and the number of failed requests
 * ({@code 3,400 requests failed}, {@code 1.2k failed requests}).
 *
 * <pre>{@code
 * Impact i = Impact.of("12% of users affected, 3,400 requests failed");
 * i.usersAffectedPercent();   // Optional[12]
 * i.failedRequests();         // OptionalLong[3400]
 * }</pre>
 *
 * @param text the impact as written (one line)
 */
public record Impact(String text) {

    private static final Pattern PERCENT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*%\\s*(?:of\\s+)?(?:all\\s+)?(?:users|customers|requests? from users)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern FAILED = Pattern.compile(
            "(\\d[\\d,_]*(?:\\.\\d+)?)\\s*([kKmM])?\\s+(?:(?:\\w+\\s+)?requests?\\s+(?:failed|errored)|failed\\s+requests?)",
            Pattern.CASE_INSENSITIVE);

    /** Strips the text. */
    public Impact {
        text = text.strip();
    }

    /** The impact as written. */
    public static Impact of(String text) {
        return new Impact(text);
    }

    /** The standard sentence {@code "12% of users affected, 3,400 requests failed"}. */
    public static Impact of(BigDecimal usersAffectedPercent, long failedRequests) {
        return new Impact(usersAffectedPercent.stripTrailingZeros().toPlainString() + "% of users affected, "
                + String.format(java.util.Locale.ROOT, "%,d", failedRequests) + " requests failed");
    }

    /** The percentage of users affected, when the text gives it. */
    public Optional<BigDecimal> usersAffectedPercent() {
        Matcher m = PERCENT.matcher(text);
        return m.find() ? Optional.of(new BigDecimal(m.group(1))) : Optional.empty();
    }

    /** The number of failed requests, when the text gives it. */
    public OptionalLong failedRequests() {
        Matcher m = FAILED.matcher(text);
        if (!m.find()) {
            return OptionalLong.empty();
        }
        BigDecimal n = new BigDecimal(m.group(1).replace(",", "").replace("_", ""));
        if (m.group(2) != null) {
            n = n.multiply(BigDecimal.valueOf(m.group(2).equalsIgnoreCase("k") ? 1_000 : 1_000_000));
        }
        return OptionalLong.of(n.longValue());
    }
}
