package io.github.incident4j.chaos;

import io.github.incident4j.common.Problems;
import java.time.Duration;
import java.util.Objects;

/**
 * Litmus's {@code runProperties} of a probe, enforced by {@link ChaosRunner} as Litmus does.
 *
 * <p>A check is tried {@link #tries()} times: {@code attempt} when written (Litmus 3), else {@code retry}
 * (which Litmus, despite the name, also reads as the number of tries), else once. A try that fails waits
 * {@code interval} before the next one. Each try may take at most {@code probeTimeout}: an answer that comes
 * later counts as a failed try, even when it says pass.</p>
 *
 * <pre>{@code
 * RunProperties run = new RunProperties(Duration.ofSeconds(2), Duration.ofSeconds(5), 0, 3, true); // 3 tries of 2s
 * }</pre>
 *
 * @param probeTimeout how long one try of the check may take
 * @param interval time between checks (Continuous and OnChaos modes) and between the tries of a failing check
 * @param retry Litmus's {@code retry}: the number of tries when {@code attempt} is not written (0 or 1: once)
 * @param attempt Litmus's {@code attempt}: the number of tries; 0 when not written
 * @param stopOnFailure whether a failed check aborts the experiment at once
 */
public record RunProperties(Duration probeTimeout, Duration interval, int retry, int attempt, boolean stopOnFailure) {

    /** 5s timeout, 5s interval, retry 1 (one try), no attempt written, no stop on failure. */
    public static final RunProperties DEFAULT = new RunProperties(Duration.ofSeconds(5), Duration.ofSeconds(5), 1, false);

    /** Validates every part at once. */
    public RunProperties {
        Objects.requireNonNull(probeTimeout, "probeTimeout");
        Objects.requireNonNull(interval, "interval");
        Problems problems = new Problems();
        problems.check(!probeTimeout.isNegative() && !probeTimeout.isZero(), "runProperties.probeTimeout", probeTimeout,
                "must be positive");
        problems.check(!interval.isNegative() && !interval.isZero(), "runProperties.interval", interval, "must be positive");
        problems.check(retry >= 0, "runProperties.retry", retry, "must not be negative");
        problems.check(attempt >= 0, "runProperties.attempt", attempt, "must not be negative");
        problems.throwIfAny("runProperties");
    }

    /** Run properties without {@code attempt} (as Litmus before 3.0 wrote them). */
    public RunProperties(Duration probeTimeout, Duration interval, int retry, boolean stopOnFailure) {
        this(probeTimeout, interval, retry, 0, stopOnFailure);
    }

    /** How many times a failing check is tried before it counts as failed: attempt, else retry, else 1. */
    public int tries() {
        if (attempt > 0) {
            return attempt;
        }
        return Math.max(retry, 1);
    }

    /** A copy that aborts (or not) on the first failed check. */
    public RunProperties withStopOnFailure(boolean stop) {
        return new RunProperties(probeTimeout, interval, retry, attempt, stop);
    }

    /** A copy with another interval. */
    public RunProperties withInterval(Duration every) {
        return new RunProperties(probeTimeout, every, retry, attempt, stopOnFailure);
    }

    /** A copy with another probe timeout. */
    public RunProperties withProbeTimeout(Duration timeout) {
        return new RunProperties(timeout, interval, retry, attempt, stopOnFailure);
    }

    /** A copy tried {@code tries} times (Litmus's {@code attempt}). */
    public RunProperties withAttempt(int tries) {
        return new RunProperties(probeTimeout, interval, retry, tries, stopOnFailure);
    }
}
