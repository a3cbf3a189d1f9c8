package io.github.incident4j.common;

import io.github.incident4j.ValidationException;
import java.util.Locale;
import java.util.Map;

/**
 * How bad an incident is, from {@code SEV-1} (worst) to {@code SEV-5}: the one scale incidents, alerts, pages and
 * postmortems share.
 *
 * <p>{@link #parse(String)} reads the ways teams write it: {@code SEV-2}, {@code sev2}, {@code SEV 2}, {@code SEV_2},
 * {@code 2}, a priority {@code P1}..{@code P5}, and the words alerting tools use ({@code critical}, {@code high},
 * {@code error}, {@code warning}, {@code info}, ...). The words map through a {@link Scale}; {@link Scale#DEFAULT}
 * is the mapping below, and a host with another convention builds its own:
 *
 * <pre>{@code
 * Severity.parse("P2");                                              // SEV_2
 * Severity.parse("warning");                                         // SEV_3 (default scale)
 * Severity.Scale.DEFAULT.with("page", Severity.SEV_1).parse("page"); // SEV_1
 * }</pre>
 *
 * <table>
 * <caption>Default words</caption>
 * <tr><th>word</th><th>severity</th></tr>
 * <tr><td>critical, fatal, emergency, disaster</td><td>SEV-1</td></tr>
 * <tr><td>high, major, error</td><td>SEV-2</td></tr>
 * <tr><td>warning, warn, medium, moderate, average</td><td>SEV-3</td></tr>
 * <tr><td>low, minor</td><td>SEV-4</td></tr>
 * <tr><td>info, informational, none, cosmetic</td><td>SEV-5</td></tr>
 * </table>
 */
public enum Severity {
    /** Critical: widespread customer impact. */
    SEV_1,
    /** Major: significant impact. */
    SEV_2,
    /** Moderate impact. */
    SEV_3,
    /** Minor impact. */
    SEV_4,
    /** Cosmetic or informational. */
    SEV_5;

    /** Made once: every incident and page carries it. */
    private final String label = "SEV-" + (ordinal() + 1);

    /** The 1-based rank: 1 for {@code SEV-1}. */
    public int rank() {
        return ordinal() + 1;
    }

    /** The written form, e.g. {@code SEV-2}. */
    public String label() {
        return label;
    }

    /** Whether this is at least as severe as {@code other} ({@code SEV-1} is more severe than {@code SEV-2}). */
    public boolean isAtLeast(Severity other) {
        return ordinal() <= other.ordinal();
    }

    /**
     * The severity of a rank.
     *
     * @throws ValidationException unless {@code rank} is 1 to 5
     */
    public static Severity of(int rank) {
        if (rank < 1 || rank > 5) {
            throw ValidationException.of("severity", rank, "must be between 1 (SEV-1) and 5 (SEV-5)");
        }
        return values()[rank - 1];
    }

    /**
     * Reads a severity with the {@linkplain Scale#DEFAULT default scale}.
     *
     * @throws ValidationException for anything else, naming what is accepted
     */
    public static Severity parse(String text) {
        return Scale.DEFAULT.parse(text);
    }

    @Override
    public String toString() {
        return label();
    }

    /**
     * Which words mean which severity, beside the fixed forms {@code SEV-n} and {@code Pn}. Immutable; {@link #with}
     * returns a changed copy.
     *
     * @param words lower-case words and their severity
     */
    public record Scale(Map<String, Severity> words) {

        /** The default words (see {@link Severity}). */
        public static final Scale DEFAULT = new Scale(Map.ofEntries(
                Map.entry("critical", SEV_1), Map.entry("fatal", SEV_1), Map.entry("emergency", SEV_1),
                Map.entry("disaster", SEV_1),
                Map.entry("high", SEV_2), Map.entry("major", SEV_2), Map.entry("error", SEV_2),
                Map.entry("warning", SEV_3), Map.entry("warn", SEV_3), Map.entry("medium", SEV_3),
                Map.entry("moderate", SEV_3), Map.entry("average", SEV_3),
                Map.entry("low", SEV_4), Map.entry("minor", SEV_4),
                Map.entry("info", SEV_5), Map.entry("informational", SEV_5), Map.entry("none", SEV_5),
                Map.entry("cosmetic", SEV_5)));

        /** Copies the map and lower-cases its words. */
        public Scale {
            java.util.HashMap<String, Severity> copy = new java.util.HashMap<>();
            words.forEach((w, s) -> copy.put(w.strip().toLowerCase(Locale.ROOT), java.util.Objects.requireNonNull(s)));
            words = Map.copyOf(copy);
        }

        /** A scale with no words: only {@code SEV-n}, {@code n} and {@code Pn} are read. */
        public static Scale none() {
            return new Scale(Map.of());
        }

        /** This scale with {@code word} (any case) meaning {@code severity}. */
        public Scale with(String word, Severity severity) {
            java.util.HashMap<String, Severity> copy = new java.util.HashMap<>(words);
            copy.put(word.strip().toLowerCase(Locale.ROOT), severity);
            return new Scale(copy);
        }

        /**
         * Reads {@code SEV-2}, {@code sev2}, {@code SEV 2}, {@code SEV_2}, {@code 2}, {@code P2}, or a word of this
         * scale (any case).
         *
         * @throws ValidationException for anything else
         */
        public Severity parse(String text) {
            String t = text.strip().toLowerCase(Locale.ROOT);
            Severity word = words.get(t);
            if (word != null) {
                return word;
            }
            String digits = t.startsWith("sev") ? t.substring(3) : t.startsWith("p") ? t.substring(1) : t;
            if (digits.length() == 2 && (digits.charAt(0) == '-' || digits.charAt(0) == '_' || digits.charAt(0) == ' ')) {
                digits = digits.substring(1);
            }
            if (digits.length() == 1 && digits.charAt(0) >= '1' && digits.charAt(0) <= '5'
                    && (t.startsWith("sev") || t.startsWith("p") || t.length() == 1)) {
                return values()[digits.charAt(0) - '1'];
            }
            throw ValidationException.of("severity", text, "expected SEV-1 .. SEV-5, P1 .. P5"
                    + (words.isEmpty() ? "" : " or one of " + new java.util.TreeSet<>(words.keySet())));
        }
    }
}
