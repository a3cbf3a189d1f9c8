package io.github.incident4j.common;

import java.util.Objects;

/**
 * One lint result: how serious, a stable code a tool can filter on, a sentence for a person, and where
 * in the document it applies.
 *
 * <pre>{@code
 * Finding f = Finding.warning("oncall.turn-too-long", "turns of 14 days exceed one week", "schedule.layers[0]");
 * }</pre>
 *
 * @param level how serious it is
 * @param code a stable identifier such as {@code oncall.too-few-participants}
 * @param message what is wrong and, where useful, what to do
 * @param location where: a config path such as {@code schedule.layers[0].participants[2]}, or a section
 * @param line the 1-based line in the source file, or -1 when the finding has no line
 */
public record Finding(Level level, String code, String message, String location, int line) {

    /** How serious a finding is. */
    public enum Level {
        /** Must be fixed: the document is wrong or unsafe. */
        ERROR,
        /** Should be fixed: against the practices the team agreed on. */
        WARNING,
        /** Worth knowing. */
        INFO
    }

    /** Validates the parts. */
    public Finding {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(location, "location");
        if (line < -1 || line == 0) {
            throw new IllegalArgumentException("line must be 1-based or -1, but was " + line);
        }
    }

    /** An error without a line. */
    public static Finding error(String code, String message, String location) {
        return new Finding(Level.ERROR, code, message, location, -1);
    }

    /** A warning without a line. */
    public static Finding warning(String code, String message, String location) {
        return new Finding(Level.WARNING, code, message, location, -1);
    }

    /** An informational finding without a line. */
    public static Finding info(String code, String message, String location) {
        return new Finding(Level.INFO, code, message, location, -1);
    }

    /** A copy placed at a 1-based source line. */
    public Finding atLine(int sourceLine) {
        return new Finding(level, code, message, location, sourceLine);
    }

    /** {@code WARNING oncall.turn-too-long at schedule.layers[0] (line 4): message}. */
    @Override
    public String toString() {
        return level + " " + code + " at " + location + (line > 0 ? " (line " + line + ")" : "") + ": " + message;
    }
}
