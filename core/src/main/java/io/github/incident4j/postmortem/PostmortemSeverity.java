package io.github.incident4j.postmortem;

import io.github.incident4j.ValidationException;
import java.util.Locale;

/**
 * The severity a postmortem records, {@code SEV-1} (worst) to {@code SEV-5}. Kept apart from the incident
 * engine's own severity type so the postmortem model stands alone; a drafter maps one to the other by level.
 *
 * <pre>{@code
 * PostmortemSeverity.parse("SEV-2").level();   // 2
 * PostmortemSeverity.of(1).label();            // "SEV-1"
 * }</pre>
 *
 * @param level 1 (worst) to 5
 */
public record PostmortemSeverity(int level) implements Comparable<PostmortemSeverity> {

    /** Checks the range. */
    public PostmortemSeverity {
        if (level < 1 || level > 5) {
            throw ValidationException.of("severity", level, "must be between 1 (SEV-1) and 5 (SEV-5)");
        }
    }

    /** The severity of a level 1..5. */
    public static PostmortemSeverity of(int level) {
        return new PostmortemSeverity(level);
    }

    /**
     * Reads {@code SEV-2}, also {@code sev2} or {@code SEV 2}.
     *
     * @throws ValidationException when the text is not a severity 1..5
     */
    public static PostmortemSeverity parse(String text) {
        String s = text.strip().toUpperCase(Locale.ROOT);
        if (s.matches("SEV[- ]?[1-5]")) {
            return new PostmortemSeverity(s.charAt(s.length() - 1) - '0');
        }
        throw ValidationException.of("severity", text, "expected SEV-1 to SEV-5");
    }

    /** {@code SEV-n}. */
    public String label() {
        return "SEV-" + level;
    }

    /** Whether this is at least as severe as {@code other} (SEV-1 is more severe than SEV-2). */
    public boolean isAtLeast(PostmortemSeverity other) {
        return level <= other.level;
    }

    @Override
    public int compareTo(PostmortemSeverity other) {
        return Integer.compare(level, other.level);
    }

    @Override
    public String toString() {
        return label();
    }
}
