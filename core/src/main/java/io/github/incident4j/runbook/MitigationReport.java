package io.github.incident4j.runbook;

import io.github.incident4j.spi.Approver;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a mitigation did, or would do.
 *
 * <pre>{@code
 * MitigationReport report = runner.mitigate(runbook, "Rollback deployment", bindings);
 * if (report.status() == MitigationReport.Status.FAILED) {
 *     log.error("{} failed: {}; already done: {}", report.mitigation(), report.failure(), report.performed());
 * }
 * }</pre>
 *
 * @param mitigation the mitigation's name
 * @param status how it ended
 * @param decision the approver's answer (empty for a dry run, which asks nobody)
 * @param planned the exact operations, in order, as they run
 * @param performed what ran, in order, including the failed operation last when one failed. A rollback whose
 *     undo was applied but whose built-in wait then failed appears as two entries: the undo {@code DONE} and
 *     the wait, as {@code kubectl rollout status … --timeout=…} (not itself in {@code planned}), {@code FAILED}
 * @param startedAt when it was asked for
 * @param finishedAt when it ended
 */
public record MitigationReport(String mitigation, Status status, Optional<Approver.Decision> decision, List<Command> planned,
                               List<Operation> performed, Instant startedAt, Instant finishedAt) {

    /** Copies the lists. */
    public MitigationReport {
        Objects.requireNonNull(mitigation, "mitigation");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(decision, "decision");
        planned = List.copyOf(planned);
        performed = List.copyOf(performed);
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
    }

    /** How a mitigation ended. */
    public enum Status {
        /** The approver said no: nothing ran. */
        DENIED,
        /** Nothing ran: {@link #planned()} says what would. */
        DRY_RUN,
        /** Every operation succeeded (manual ones were handed to the operator). */
        COMPLETED,
        /** An operation failed; the ones after it did not run. */
        FAILED
    }

    /**
     * One operation that ran.
     *
     * @param command the operation
     * @param outcome how it ended
     * @param detail what it answered, e.g. {@code deployment.apps/x rolled back} or why it failed
     * @param at when it ended
     */
    public record Operation(Command command, Outcome outcome, String detail, Instant at) {
        /** Validates the parts. */
        public Operation {
            Objects.requireNonNull(command, "command");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(at, "at");
        }
    }

    /** How one operation ended. */
    public enum Outcome {
        /** It succeeded. */
        DONE,
        /** It failed. */
        FAILED,
        /** It is a manual step, handed to the operator. */
        MANUAL
    }

    /** The operation that failed, if one did. */
    public Optional<Operation> failure() {
        return performed.stream().filter(o -> o.outcome() == Outcome.FAILED).findFirst();
    }

    /** The operations that succeeded before the end. */
    public List<Operation> done() {
        return performed.stream().filter(o -> o.outcome() == Outcome.DONE).toList();
    }

    /** The planned operations written as command lines. */
    public List<String> plannedLines() {
        return planned.stream().map(Command::render).toList();
    }
}
