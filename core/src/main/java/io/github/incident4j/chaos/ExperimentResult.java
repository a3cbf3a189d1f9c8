package io.github.incident4j.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a chaos run found, in Litmus's terms: a verdict, the probe success percentage, every strike, every
 * sample of every check and every decision on a timeline with instants. Verdict and percentage follow litmus-go's
 * result package: Pass is always 100, Error always 0, Fail and Stopped are the probes that passed × 100 / the
 * probes (integer division; 0 without probes).
 *
 * @param experiment the engine name
 * @param namespace the target namespace
 * @param verdict Pass, Fail, Stopped or Error
 * @param reason why, in a sentence (Litmus's fail step)
 * @param startedAt when the run started
 * @param endedAt when it ended
 * @param checks every tolerance and probe with its tally
 * @param injections every strike
 * @param samples every check sample
 * @param timeline every strike, sample and decision in order
 * @param probeSuccessPercentage Litmus's {@code probeSuccessPercentage} for this verdict
 */
public record ExperimentResult(String experiment, String namespace, Verdict verdict, String reason, Instant startedAt,
                               Instant endedAt, List<Check> checks, List<Injection> injections, List<Sample> samples,
                               List<Event> timeline, int probeSuccessPercentage) {

    /** Copies the lists. */
    public ExperimentResult {
        Objects.requireNonNull(experiment, "experiment");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(endedAt, "endedAt");
        checks = List.copyOf(checks);
        injections = List.copyOf(injections);
        samples = List.copyOf(samples);
        timeline = List.copyOf(timeline);
        if (probeSuccessPercentage < 0 || probeSuccessPercentage > 100) {
            throw new IllegalArgumentException("probeSuccessPercentage must be 0 to 100, but was " + probeSuccessPercentage);
        }
    }

    /** Litmus's verdicts. */
    public enum Verdict {
        /** Every check held. */
        PASS("Pass"),
        /** A check failed. */
        FAIL("Fail"),
        /** The run was stopped: refused, aborted (engineState stop), or a probe with stopOnFailure failed. */
        STOPPED("Stopped"),
        /** The run could not be carried out: no target, pods that did not recover, a failing cluster call. */
        ERROR("Error");

        private final String litmusName;

        Verdict(String litmusName) {
            this.litmusName = litmusName;
        }

        /** The word Litmus writes. */
        public String litmusName() {
            return litmusName;
        }
    }

    /** When a sample was taken. */
    public enum Phase {
        /** Before injecting (SOT, Edge, the hypothesis). */
        BEFORE,
        /** While the fault runs (Continuous, OnChaos). */
        DURING,
        /** After recovery (EOT, Edge, the hypothesis). */
        AFTER
    }

    /** A probe's verdict as Litmus writes it in {@code probeStatuses}. */
    public enum ProbeVerdict {
        /** It held (an Edge probe: before and after; Continuous/OnChaos: no evaluation failed). */
        PASSED("Passed"),
        /** An evaluation failed. */
        FAILED("Failed"),
        /** The run ended before it was evaluated ("Either probe is not executed or not evaluated"). */
        NOT_EXECUTED("N/A"),
        /** Not decided yet (only while running). */
        AWAITED("Awaited");

        private final String litmusName;

        ProbeVerdict(String litmusName) {
            this.litmusName = litmusName;
        }

        /** The word Litmus writes. */
        public String litmusName() {
            return litmusName;
        }
    }

    /**
     * A tolerance or probe with its tally and its Litmus verdict.
     *
     * @param name the tolerance text or probe name
     * @param type {@code promProbe}, {@code httpProbe}, ... or {@code hostCheck}
     * @param mode when it ran
     * @param passed evaluations that held
     * @param failed evaluations that did not
     * @param verdict its verdict as Litmus decides it
     */
    public record Check(String name, String type, ProbeMode mode, int passed, int failed, ProbeVerdict verdict) {
        /** Validates the parts. */
        public Check {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(verdict, "verdict");
        }

        /** Whether its verdict is Passed. */
        public boolean succeeded() {
            return verdict == ProbeVerdict.PASSED;
        }
    }

    /**
     * One strike.
     *
     * @param at when
     * @param fault the fault
     * @param targets what it hit
     * @param gracePeriod the grace period used
     */
    public record Injection(Instant at, String fault, List<String> targets, Duration gracePeriod) {
        /** Copies the targets. */
        public Injection {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(fault, "fault");
            targets = List.copyOf(targets);
            Objects.requireNonNull(gracePeriod, "gracePeriod");
        }
    }

    /**
     * One sample of a check.
     *
     * @param at when
     * @param check the tolerance text or probe name
     * @param phase before, during or after
     * @param passed whether it held
     * @param observed what was seen, e.g. {@code 612ms}, {@code no data}
     */
    public record Sample(Instant at, String check, Phase phase, boolean passed, String observed) {
        /** Validates the parts. */
        public Sample {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(check, "check");
            Objects.requireNonNull(phase, "phase");
            Objects.requireNonNull(observed, "observed");
        }
    }

    /**
     * One line of the timeline.
     *
     * @param at when
     * @param action a short verb phrase: {@code injected}, {@code sample failed}, {@code aborted}
     * @param detail the evidence
     */
    public record Event(Instant at, String action, String detail) {
        /** Validates the parts. */
        public Event {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** Litmus's phase for the verdict: {@code Completed} for Pass and Fail, else {@code Stopped} or {@code Error}. */
    public String phase() {
        return switch (verdict) {
            case PASS, FAIL -> "Completed";
            case STOPPED -> "Stopped";
            case ERROR -> "Error";
        };
    }

    /** Whether the verdict is Pass. */
    public boolean passed() {
        return verdict == Verdict.PASS;
    }
}
