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
     * Reads {@code P0}..{@code P4}, ignoring case.
     *
     * @throws ValidationException for anything else, such as {@code P7}
     */
    public static Priority parse(String text) {
        for (Priority p : values()) {
            if (p.name().equalsIgnoreCase(text.strip())) {
                return p;
            }
        }
        throw ValidationException.of("priority", text, "expected P0, P1, P2, P3 or P4");
    }

    /** Whether this is P0 or P1. */
    public boolean isHigh() {
        return this == P0 || this == P1;
    }
}
