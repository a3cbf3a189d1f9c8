package io.github.incident4j.postmortem;

import io.github.incident4j.ValidationException;

/** The priority of an action item, {@code P0} (most urgent) to {@code P4}. */
public enum Priority {
    /** Drop everything. */
    P0,
    /** Next in line; usually due within weeks. */
    P1,
    /** Planned. */
    P2,
    /** When there is time. */
    P3,
    /** Nice to have. */
    P4;

    /**
     * Reads {@code P0}..{@code P4} (also {@code P-1}, {@code p1}), ignoring case, and the words teams use instead:
     * {@code critical}, {@code urgent}, {@code blocker} (P0), {@code high} (P1), {@code medium}, {@code normal} (P2),
     * {@code low} (P3), {@code lowest}, {@code trivial}, {@code nice to have} (P4).
     *
     * @throws ValidationException for anything else, such as {@code P7}
     */
    public static Priority parse(String text) {
        String t = text.strip().toLowerCase(java.util.Locale.ROOT).replace("-", "").replace(" ", "");
        for (Priority p : values()) {
            if (p.name().equalsIgnoreCase(t)) {
                return p;
            }
        }
        Priority word = switch (t) {
            case "critical", "urgent", "blocker", "highest" -> P0;
            case "high" -> P1;
            case "medium", "normal", "moderate" -> P2;
            case "low" -> P3;
            case "lowest", "trivial", "nicetohave" -> P4;
            default -> null;
        };
        if (word == null) {
            throw ValidationException.of("priority", text, "expected P0, P1, P2, P3 or P4 (or critical, high, medium, low)");
        }
        return word;
    }

    /** Whether this is P0 or P1. */
    public boolean isHigh() {
        return this == P0 || this == P1;
    }
}
