package io.github.incident4j.incident;

import io.github.incident4j.ValidationException;
import java.util.Locale;

/** How bad an incident is, from {@code SEV-1} (worst) to {@code SEV-5}. */
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

    /**
     * Reads {@code SEV-2}, {@code sev2}, {@code SEV_2} or {@code 2}.
     *
     * @throws ValidationException for anything else
     */
    public static Severity parse(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT).replace("SEV", "").replace("-", "").replace("_", "").strip();
        if (t.length() == 1 && t.charAt(0) >= '1' && t.charAt(0) <= '5') {
            return values()[t.charAt(0) - '1'];
        }
        throw ValidationException.of("severity", text, "expected SEV-1 .. SEV-5");
    }

    @Override
    public String toString() {
        return label();
    }
}
