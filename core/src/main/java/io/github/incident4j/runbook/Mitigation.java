package io.github.incident4j.runbook;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A mitigation procedure: {@code Scale up (if load-related)} and the code it runs, in order.
 *
 * @param name the procedure's name, e.g. {@code Rollback deployment}; for an unnamed one, the name the reader gave
 *     it (the section's heading, or its list item's text)
 * @param condition when it applies, from the heading's {@code (if ...)}, e.g. {@code load-related}
 * @param code its code blocks and inline commands, in order
 * @param notes any prose written with the procedure, verbatim (empty when none)
 * @param named whether it has a heading of its own ({@code ### Rollback deployment}); an unnamed one is code written
 *     directly under the Mitigation section, or one item of a bulleted list of alternatives there
 */
public record Mitigation(String name, Optional<String> condition, List<CodeBlock> code, String notes, boolean named) {

    /** Copies the code. */
    public Mitigation {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(condition, "condition");
        code = List.copyOf(code);
        Objects.requireNonNull(notes, "notes");
    }

    /** A named procedure whose commands are one {@code bash} block (none when {@code commands} is empty). */
    public Mitigation(String name, Optional<String> condition, List<String> commands, String notes) {
        this(name, condition, commands.isEmpty() ? List.of() : List.of(CodeBlock.shell(commands.toArray(String[]::new))),
                notes, true);
    }

    /** A procedure that always applies. */
    public static Mitigation of(String name, String... commands) {
        return new Mitigation(name, Optional.empty(), List.of(commands), "");
    }

    /** A procedure that applies under a condition ({@code load-related}). */
    public static Mitigation when(String name, String condition, String... commands) {
        return new Mitigation(name, Optional.of(condition), List.of(commands), "");
    }

    /** Every command template, in order. */
    public List<String> commands() {
        return CodeBlock.commandTemplates(code);
    }

    /** Every PromQL query, in order. */
    public List<String> queries() {
        return CodeBlock.queries(code);
    }

    /** A copy with another code list. */
    public Mitigation withCode(List<CodeBlock> code) {
        return new Mitigation(name, condition, code, notes, named);
    }
}
