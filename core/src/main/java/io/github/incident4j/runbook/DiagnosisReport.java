package io.github.incident4j.runbook;

import io.github.incident4j.spi.ClusterOperations.LogLine;
import io.github.incident4j.spi.ClusterOperations.Pod;
import io.github.incident4j.spi.ClusterOperations.Revision;
import io.github.incident4j.spi.DependencyProbe;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a diagnosis found, step by step, with the evidence.
 *
 * <pre>{@code
 * DiagnosisReport report = runner.diagnose(runbook, bindings);
 * report.problems().forEach(step -> log.warn("{} {}: {}", step.number(), step.description(), step.summary()));
 * }</pre>
 *
 * @param service the runbook's service
 * @param startedAt when the diagnosis started
 * @param finishedAt when it finished
 * @param steps the top-level steps, in order
 */
public record DiagnosisReport(String service, Instant startedAt, Instant finishedAt, List<Step> steps) {

    /** Copies the steps. */
    public DiagnosisReport {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        steps = List.copyOf(steps);
    }

    /** How a step came out. */
    public enum Outcome {
        /** The check passed. */
        OK,
        /** The check found something wrong (the evidence says what). */
        PROBLEM,
        /** The check could not be made (the SPI failed). */
        ERROR,
        /** A person must do it: the command is not one incident4j runs during diagnosis. */
        MANUAL
    }

    /**
     * One step's result.
     *
     * @param number the step's number ({@code 4}, or {@code 4.2} for a sub-step)
     * @param description the step's description with variables bound
     * @param command the typed command, if the step had one
     * @param outcome how it came out (for a step with sub-steps: the worst of them and its own)
     * @param summary one sentence saying what was found
     * @param evidence the details, one line each
     * @param pods pods seen (for {@code get pods})
     * @param revisions revisions seen, newest first (for {@code rollout history})
     * @param logLines matching log lines (for {@code logs})
     * @param probe how a dependency answered (for probes)
     * @param substeps the sub-steps' results
     */
    public record Step(String number, String description, Optional<Command> command, Outcome outcome, String summary,
                       List<String> evidence, List<Pod> pods, List<Revision> revisions, List<LogLine> logLines,
                       Optional<DependencyProbe.Result> probe, List<Step> substeps) {
        /** Copies the lists. */
        public Step {
            Objects.requireNonNull(number, "number");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(command, "command");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(summary, "summary");
            evidence = List.copyOf(evidence);
            pods = List.copyOf(pods);
            revisions = List.copyOf(revisions);
            logLines = List.copyOf(logLines);
            Objects.requireNonNull(probe, "probe");
            substeps = List.copyOf(substeps);
        }
    }

    /** Every step and sub-step, parents before their sub-steps. */
    public List<Step> allSteps() {
        List<Step> all = new ArrayList<>();
        for (Step s : steps) {
            all.add(s);
            all.addAll(s.substeps());
        }
        return all;
    }

    /** The steps without sub-steps of their own (sub-steps included) that found a problem, in order. */
    public List<Step> problems() {
        return allSteps().stream().filter(s -> s.outcome() == Outcome.PROBLEM && s.substeps().isEmpty()).toList();
    }

    /** The step with that number ({@code 3}, {@code 4.2}). */
    public Optional<Step> step(String number) {
        return allSteps().stream().filter(s -> s.number().equals(number)).findFirst();
    }

    /** Whether every step came out ok or manual. */
    public boolean healthy() {
        return allSteps().stream().noneMatch(s -> s.outcome() == Outcome.PROBLEM || s.outcome() == Outcome.ERROR);
    }
}
