package io.github.incident4j.chaos;

import java.util.Optional;

/** Litmus's {@code jobCleanUpPolicy}: keep the chaos job's pods after the run, or delete them. */
public enum CleanupPolicy {
    /** Keep them (Litmus's default). */
    RETAIN,
    /** Delete them. */
    DELETE;

    /** The word Litmus writes. */
    public String litmusName() {
        return LitmusNames.of(this);
    }

    /** The policy for a Litmus word, if it is one. */
    public static Optional<CleanupPolicy> fromLitmus(String text) {
        return LitmusNames.parse(CleanupPolicy.class, text);
    }
}
