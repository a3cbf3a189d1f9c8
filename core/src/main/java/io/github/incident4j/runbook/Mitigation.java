package io.github.incident4j.runbook;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A named mitigation procedure: {@code Scale up (if load-related)} and its commands.
 *
 * @param name the procedure's name, e.g. {@code Rollback deployment}
 * @param condition when it applies, from the heading's {@code (if ...)}, e.g. {@code load-related}
 * @param commands the command templates, run in order
 * @param notes any prose written with the procedure, verbatim (empty when none)
 */
public record Mitigation(String name, Optional<String> condition, List<String> commands, String notes) {

    /** Copies the commands. */
    public Mitigation {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(condition, "condition");
        commands = List.copyOf(commands);
        Objects.requireNonNull(notes, "notes");
    }

    /** A procedure that always applies. */
    public static Mitigation of(String name, String... commands) {
        return new Mitigation(name, Optional.empty(), List.of(commands), "");
    }

    /** A procedure that applies under a condition ({@code load-related}). */
    public static Mitigation when(String name, String condition, String... commands) {
        return new Mitigation(name, Optional.of(condition), List.of(commands), "");
    }
}
