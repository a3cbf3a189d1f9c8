package io.github.incident4j.runbook;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One diagnosis step: what to check, the command that checks it (a template with {@code ${variables}}),
 * and sub-steps such as the individual dependency checks.
 *
 * <pre>{@code
 * DiagnosisStep.of("Check dependencies",
 *         DiagnosisStep.of("Database", "pg_isready -h db-host"),
 *         DiagnosisStep.of("Redis", "redis-cli -h redis-host ping"));
 * }</pre>
 *
 * @param description what the step checks, e.g. {@code Check service health}
 * @param command the command template, if the step has one
 * @param substeps the sub-steps, in order
 */
public record DiagnosisStep(String description, Optional<String> command, List<DiagnosisStep> substeps) {

    /** Copies the sub-steps. */
    public DiagnosisStep {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(command, "command");
        substeps = List.copyOf(substeps);
    }

    /** A step with a command. */
    public static DiagnosisStep of(String description, String command) {
        return new DiagnosisStep(description, Optional.of(command), List.of());
    }

    /** A step with sub-steps and no command of its own. */
    public static DiagnosisStep of(String description, DiagnosisStep... substeps) {
        return new DiagnosisStep(description, Optional.empty(), Arrays.asList(substeps));
    }
}
