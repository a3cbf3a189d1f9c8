package io.github.incident4j.chaos;

import java.util.Locale;
import java.util.Optional;

/** Litmus's {@code engineState}: {@code active} runs the experiment, {@code stop} halts it. */
public enum EngineState {
    /** Run (Litmus {@code active}). */
    ACTIVE,
    /** Halt (Litmus {@code stop}). */
    STOP;

    /** The word Litmus writes. */
    public String litmusName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state for a Litmus word, if it is one. */
    public static Optional<EngineState> fromLitmus(String text) {
        for (EngineState s : values()) {
            if (s.litmusName().equals(text.strip())) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
