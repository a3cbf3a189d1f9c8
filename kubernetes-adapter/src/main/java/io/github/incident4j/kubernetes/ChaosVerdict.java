package io.github.incident4j.kubernetes;

import io.github.incident4j.chaos.ExperimentResult;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What a Litmus {@code ChaosResult} says about an experiment run: its {@code status.experimentStatus}.
 *
 * @param name the ChaosResult's name ({@code <engine>-<experiment>})
 * @param phase {@code Running}, {@code Completed}, {@code Stopped}… or empty
 * @param verdict {@code Awaited}, {@code Pass}, {@code Fail}, {@code Stopped}, or empty
 * @param probeSuccessPercentage as Litmus writes it ({@code "100"}, {@code "Awaited"}), or empty
 * @param failStep why it failed, or empty
 */
public record ChaosVerdict(String name, String phase, String verdict, String probeSuccessPercentage,
                           String failStep) {

    /** Validates the parts. */
    public ChaosVerdict {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(probeSuccessPercentage, "probeSuccessPercentage");
        Objects.requireNonNull(failStep, "failStep");
    }

    /** The experiment finished and passed. */
    public boolean passed() {
        return "Pass".equals(verdict);
    }

    /** The verdict is in (anything but {@code Awaited} or empty). */
    public boolean decided() {
        return !verdict.isEmpty() && !"Awaited".equals(verdict);
    }

    /** The probe success percentage as a number, if Litmus wrote one. */
    public OptionalDouble probeSuccess() {
        try {
            return OptionalDouble.of(Double.parseDouble(probeSuccessPercentage.trim()));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    /**
     * The verdict as {@code ChaosRunner} reports it ({@code Pass}, {@code Fail}, {@code Stopped}, {@code Error}),
     * empty while it is {@code Awaited} or unknown.
     */
    public Optional<ExperimentResult.Verdict> asVerdict() {
        for (ExperimentResult.Verdict v : ExperimentResult.Verdict.values()) {
            if (v.litmusName().equals(verdict)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
