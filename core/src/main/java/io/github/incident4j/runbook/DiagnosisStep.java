package io.github.incident4j.runbook;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One diagnosis step: what to check, the code that checks it (inline commands, command blocks with their expected
 * output, PromQL queries, data such as manifests), and sub-steps such as the individual dependency checks.
 *
 * <pre>{@code
 * DiagnosisStep.of("Check dependencies",
 *         DiagnosisStep.of("Database", "pg_isready -h db-host"),
 *         DiagnosisStep.of("Redis", "redis-cli -h redis-host ping"));
 * }</pre>
 *
 * @param description what the step checks, as written (inline Markdown, lines joined), e.g. {@code Check service
 *     health}; empty for a step that is only a code block
 * @param code the step's code, in order
 * @param substeps the sub-steps, in order
 */
public record DiagnosisStep(String description, List<CodeBlock> code, List<DiagnosisStep> substeps) {

    /** Copies the lists. */
    public DiagnosisStep {
        Objects.requireNonNull(description, "description");
        code = List.copyOf(code);
        substeps = List.copyOf(substeps);
    }

    /** A step with at most one inline command (the template layout's {@code Description: `command`}). */
    public DiagnosisStep(String description, Optional<String> command, List<DiagnosisStep> substeps) {
        this(description, command.map(CodeBlock::inline).stream().toList(), substeps);
    }

    /** A step with a command. */
    public static DiagnosisStep of(String description, String command) {
        return new DiagnosisStep(description, List.of(CodeBlock.inline(command)), List.of());
    }

    /** A step with sub-steps and no command of its own. */
    public static DiagnosisStep of(String description, DiagnosisStep... substeps) {
        return new DiagnosisStep(description, List.of(), Arrays.asList(substeps));
    }

    /** The step's first command template, if it has one (sub-steps not counted). */
    public Optional<String> command() {
        return commands().stream().findFirst();
    }

    /** Every command template of the step's own code, in order (sub-steps not counted). */
    public List<String> commands() {
        return CodeBlock.commandTemplates(code);
    }

    /** Every PromQL query of the step's own code, in order. */
    public List<String> queries() {
        return CodeBlock.queries(code);
    }

    /** A copy with another description. */
    public DiagnosisStep withDescription(String description) {
        return new DiagnosisStep(description, code, substeps);
    }

    /** A copy with another code list. */
    public DiagnosisStep withCode(List<CodeBlock> code) {
        return new DiagnosisStep(description, code, substeps);
    }

    /** A copy with other sub-steps. */
    public DiagnosisStep withSubsteps(List<DiagnosisStep> substeps) {
        return new DiagnosisStep(description, code, substeps);
    }
}
