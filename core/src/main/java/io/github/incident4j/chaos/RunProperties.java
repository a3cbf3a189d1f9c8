package io.github.incident4j.chaos;

import io.github.incident4j.common.Problems;
import java.time.Duration;
import java.util.Objects;

/**
 * Litmus's {@code runProperties} of a probe.
 *
 * @param probeTimeout how long one check may take
 * @param interval time between checks (Continuous and OnChaos modes)
 * @param retry how many times a failing check is tried again before it counts as failed
 * @param stopOnFailure whether a failed check aborts the experiment at once
 */
public record RunProperties(Duration probeTimeout, Duration interval, int retry, boolean stopOnFailure) {

    /** 5s timeout, 5s interval, 1 retry, no stop on failure. */
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
        problems.throwIfAny("runProperties");
    }

    /** A copy that aborts (or not) on the first failed check. */
    public RunProperties withStopOnFailure(boolean stop) {
        return new RunProperties(probeTimeout, interval, retry, stop);
    }

    /** A copy with another interval. */
    public RunProperties withInterval(Duration every) {
        return new RunProperties(probeTimeout, every, retry, stopOnFailure);
    }
}
