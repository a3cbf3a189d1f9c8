package io.github.incident4j.chaos;

import java.util.Optional;

/** Litmus's {@code engineState}: {@code active} runs the experiment, {@code stop} halts it. */
public enum EngineState {
    /** Run (Litmus {@code active}). */
    ACTIVE,
    /** Halt (Litmus {@code stop}). */
    STOP;

    /** The word Litmus writes. */
    public String litmusName() {
        return LitmusNames.of(this);
    }

    /** The state for a Litmus word, if it is one. */
    public static Optional<EngineState> fromLitmus(String text) {
        return LitmusNames.parse(EngineState.class, text);
    }
}
