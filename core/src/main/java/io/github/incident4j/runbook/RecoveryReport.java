package io.github.incident4j.runbook;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether recovery held over the hold window, criterion by criterion.
 *
 * <pre>{@code
 * RecoveryReport report = runner.verifyRecovery(runbook, bindings, rollbackFinishedAt);
 * report.failure().ifPresent(f -> log.warn("{} failed at {} with {}", f.criterion().text(), f.failedAt(), f.observed()));
 * }</pre>
 *
 * @param verified true only when every checkable criterion held at every sample of the whole window
 * @param from the window's start
 * @param until the window's end (or the instant verification stopped at a failure)
 * @param hold the hold duration
 * @param criteria each criterion's result, in the runbook's order
 */
public record RecoveryReport(boolean verified, Instant from, Instant until, Duration hold, List<CriterionResult> criteria) {

    /** Copies the criteria. */
    public RecoveryReport {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(hold, "hold");
        criteria = List.copyOf(criteria);
    }

    /** How a criterion came out. */
    public enum Status {
        /** It held at every sample of the window. */
        HELD,
        /** It failed at {@link CriterionResult#failedAt()}. */
        FAILED,
        /** Verification stopped (another criterion failed) before the window ended; it held until then. */
        INTERRUPTED,
        /** The runner cannot check it (a person must), or it only states the hold. */
        NOT_CHECKED
    }

    /**
     * One criterion's result.
     *
     * @param criterion the criterion
     * @param status how it came out
     * @param samples how many samples were taken for it
     * @param failedAt when it failed
     * @param observed the value that failed it: a metric value, {@code no data}, or the log line
     * @param detail one sentence
     */
    public record CriterionResult(RecoveryCriterion criterion, Status status, int samples, Optional<Instant> failedAt,
                                  Optional<String> observed, String detail) {
        /** Validates the parts. */
        public CriterionResult {
            Objects.requireNonNull(criterion, "criterion");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(failedAt, "failedAt");
            Objects.requireNonNull(observed, "observed");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** The criterion that failed, if one did. */
    public Optional<CriterionResult> failure() {
        return criteria.stream().filter(c -> c.status() == Status.FAILED).findFirst();
    }
}
