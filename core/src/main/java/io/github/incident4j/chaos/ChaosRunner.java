package io.github.incident4j.chaos;

import io.github.incident4j.ValidationException;
import io.github.incident4j.common.TimelineSink;
import io.github.incident4j.spi.ClusterOperations;
import io.github.incident4j.spi.DataIntegrityCheck;
import io.github.incident4j.spi.DependencyProbe;
import io.github.incident4j.spi.FaultInjector;
import io.github.incident4j.spi.MetricsSource;
import io.github.incident4j.spi.Timers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link ChaosExperiment} as Litmus runs it: the pod-delete fault follows litmus-go 3.31 (the release this
 * project models; {@code core/docs/chaos.md} names the source files and lines each rule comes from), in the time of
 * the injected {@link Timers}, so a run over a {@code SimulatedCluster} in {@code VirtualTime} takes microseconds and
 * is deterministic.
 *
 * <ol>
 *   <li>Refuses (Stopped) a namespace the {@link BlastRadiusGuard} does not allow, or an engine in state stop.</li>
 *   <li>Reads the env as litmus-go does ({@link PodDeleteSettings}: {@code '1m'} is 0, as Go's {@code Atoi} makes it;
 *       each such value is logged and put on the timeline, and {@code incident4j lint} reports it as an error).</li>
 *   <li>Pre-chaos: with {@code spec.defaultHealthCheck: true}, every pod of the app label ready and Running. SOT and
 *       Edge probes are evaluated one after the other in the order written; Continuous probes start here, before
 *       the ramp, and evaluate every {@code probePollingInterval}.</li>
 *   <li>Chaos: {@code RAMP_TIME}, then {@code PODS_AFFECTED_PERC} and {@code SEQUENCE} ranges drawn once, OnChaos
 *       probes started for {@code TOTAL_CHAOS_DURATION}, and the loop: at the top of each iteration, while the whole
 *       seconds since the chaos started are below {@code TOTAL_CHAOS_DURATION}, the targets are listed again
 *       ({@code TARGET_PODS}, else {@code NODE_LABEL}'s nodes, else the app label and the percentage from a random
 *       start, made deterministic by {@link Builder#seed}); parallel deletes them all, then waits
 *       {@code CHAOS_INTERVAL} and the recovery (every pod of the workload ready, then Running, checked every
 *       {@code statusCheckTimeouts.delay} up to its {@code timeout}: 2 s and 180 s by default); serial does that for
 *       each target in turn. A pod that does not recover, a target that does not exist, or a failing cluster call
 *       ends the experiment in Error.</li>
 *   <li>Post-chaos: {@code RAMP_TIME}; Continuous and OnChaos probes are closed and judged on what they saw (a
 *       probe never evaluated passed); EOT and Edge probes are evaluated in order.</li>
 *   <li>Verdict and probeSuccessPercentage as litmus-go's result package gives them: a failed probe makes Fail
 *       (Stopped when it had {@code stopOnFailure}); Pass is 100, Error 0, Fail and Stopped the passed probes ×
 *       100 / the probes. A probe with {@code stopOnFailure} that fails stops the experiment: SOT/Edge before the
 *       chaos (nothing is deleted), Continuous/OnChaos at once through the engine (EOT is not run). Without it, a
 *       failure is recorded and the experiment goes on.</li>
 * </ol>
 *
 * <p>Probes evaluate through the SPIs: promProbes and metric tolerances through the {@link MetricsSource} (the query
 * text, or the tolerance's {@code metricKey()}, with the target's labels plus {@code namespace}); httpProbes through
 * the {@link DependencyProbe} (with {@code probeTimeout}); k8sProbes check pods present or absent; cmdProbes are never
 * run (commands are data, never passed to a shell) and fail. Each evaluation is tried {@link RunProperties#tries()}
 * times, {@code interval} apart after a failed try, and a try that takes {@code probeTimeout} or longer (read on the
 * injected clock) fails whatever it answered. Host checks ("No data loss or corruption") are incident4j's own: a
 * {@link DataIntegrityCheck} snapshot before and verification after, counted as an Edge probe. The engine state
 * supplier is polled at every step; {@link EngineState#STOP} aborts the run (Stopped).</p>
 *
 * <pre>{@code
 * ChaosRunner runner = ChaosRunner.builder()
 *         .timers(time)
 *         .cluster(cluster).metrics(metrics)
 *         .guard(BlastRadiusGuard.allowing("staging").maxPodsAffected(2))
 *         .integrityCheck(DataIntegrityCheck.fingerprint(t -> String.valueOf(orders.count())))
 *         .seed(42)                                  // which pods the random start picks
 *         .onResult(result -> { if (!result.passed()) openIncident(result); })
 *         .build();
 * ExperimentResult result = runner.run(ChaosEngineYaml.parse(yaml));
 * }</pre>
 */
public final class ChaosRunner {

    private final ChaosRun.Config config;
    private final List<Consumer<ExperimentResult>> listeners;

    private ChaosRunner(Builder b) {
        Timers timers = Objects.requireNonNull(b.timers);
        ClusterOperations cluster = Objects.requireNonNull(b.cluster);
        List<FaultInjector> all = new ArrayList<>(b.injectors);
        all.add(new PodDeleteInjector(cluster)); // the default comes last, so a host's own pod-delete wins
        this.config = new ChaosRun.Config(b.clock != null ? b.clock : timers.clock(), timers, cluster,
                Objects.requireNonNull(b.metrics), List.copyOf(all), b.integrityCheck, b.dependencyProbe, b.guard,
                b.timeline, b.engineState, b.recoveryWindow, b.metricWindow, b.seed, b.probeResolution);
        this.listeners = List.copyOf(b.listeners);
    }

    /** Starts a runner; timers, cluster and metrics are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * One strike a dry run would make.
     *
     * @param at when
     * @param fault the fault
     * @param namespace where
     * @param targets the pods it would delete (as the cluster looks now)
     * @param gracePeriod the grace period it would use
     */
    public record PlannedStrike(Instant at, String fault, String namespace, List<String> targets, Duration gracePeriod) {
        /** Copies the targets. */
        public PlannedStrike {
            targets = List.copyOf(targets);
        }
    }

    /**
     * What a run would do, changing nothing.
     *
     * @param strikes every strike in order
     * @param refusal why the run would be refused or end in Error at once, if it would
     */
    public record DryRun(List<PlannedStrike> strikes, Optional<String> refusal) {
        /** Copies the strikes. */
        public DryRun {
            strikes = List.copyOf(strikes);
            Objects.requireNonNull(refusal, "refusal");
        }
    }

    /**
     * Lists what {@link #run} would delete and when, from the pods as they are now; deletes nothing and lets no
     * time pass. It assumes every pod recovers at once (each status check passes at its first try, which still
     * takes the status-check delay) and that probes take no time; replacement pods get new names, so later
     * iterations list today's names. The random start is drawn as the run would draw it.
     */
    public DryRun dryRun(ChaosExperiment experiment) {
        return DryRunPlanner.plan(config, experiment);
    }

    /** Runs the experiment to its verdict, letting time pass through the {@link Timers}. */
    public ExperimentResult run(ChaosExperiment experiment) {
        ExperimentResult result = new ChaosRun(config, experiment).execute();
        for (Consumer<ExperimentResult> listener : listeners) {
            try {
                listener.accept(result);
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(ChaosRunner.class).warn("a chaos result listener failed for {}",
                        experiment.name(), e);
            }
        }
        return result;
    }

    /** Builds a {@link ChaosRunner}. */
    public static final class Builder {
        private @Nullable Clock clock;
        private @Nullable Timers timers;
        private @Nullable ClusterOperations cluster;
        private @Nullable MetricsSource metrics;
        private final List<FaultInjector> injectors = new ArrayList<>();
        private @Nullable DataIntegrityCheck integrityCheck;
        private @Nullable DependencyProbe dependencyProbe;
        private BlastRadiusGuard guard = BlastRadiusGuard.DENY_ALL;
        private TimelineSink timeline = TimelineSink.NOOP;
        private Supplier<EngineState> engineState = () -> EngineState.ACTIVE;
        private Duration recoveryWindow = Duration.ZERO;
        private Duration metricWindow = Duration.ofMinutes(1);
        private long seed;
        private Duration probeResolution = Duration.ofSeconds(1);
        private final List<Consumer<ExperimentResult>> listeners = new ArrayList<>();

        private Builder() {
        }

        /** The clock; default the {@linkplain Timers#clock() timers' clock}. */
        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        /** The timers through which time passes (required). */
        public Builder timers(Timers value) {
            this.timers = value;
            return this;
        }

        /** The cluster (required): pods for targets and k8sProbes, and the default pod-delete injector. */
        public Builder cluster(ClusterOperations value) {
            this.cluster = value;
            return this;
        }

        /** Where metric tolerances and promProbes are read (required). */
        public Builder metrics(MetricsSource value) {
            this.metrics = value;
            return this;
        }

        /** Adds a fault injector, asked before the default {@link PodDeleteInjector}. */
        public Builder injector(FaultInjector value) {
            injectors.add(Objects.requireNonNull(value, "injector"));
            return this;
        }

        /** Verifies host checks ("no data loss or corruption"); without one they fail. */
        public Builder integrityCheck(DataIntegrityCheck value) {
            this.integrityCheck = value;
            return this;
        }

        /** Runs httpProbes; without one they fail. */
        public Builder dependencyProbe(DependencyProbe value) {
            this.dependencyProbe = value;
            return this;
        }

        /** The blast-radius guard (default: allows nothing). */
        public Builder guard(BlastRadiusGuard value) {
            this.guard = Objects.requireNonNull(value, "guard");
            return this;
        }

        /** Where every strike, sample and decision is recorded as it happens. */
        public Builder timeline(TimelineSink value) {
            this.timeline = Objects.requireNonNull(value, "timeline");
            return this;
        }

        /** Polled at every step of the run; {@link EngineState#STOP} aborts it, as patching the engine aborts Litmus. */
        public Builder engineState(Supplier<EngineState> value) {
            this.engineState = Objects.requireNonNull(value, "engineState");
            return this;
        }

        /**
         * An extra wait after the chaos (and its ramp) before the post-chaos checks; default none, as in Litmus, whose
         * recovery wait is the status check after every strike. Not part of Litmus: set it only to give EOT probes
         * more time than Litmus would.
         */
        public Builder recoveryWindow(Duration value) {
            this.recoveryWindow = Objects.requireNonNull(value, "recoveryWindow");
            return this;
        }

        /**
         * The seed of the run's random choices (default 0): litmus-go's random start index when it picks
         * {@code PODS_AFFECTED_PERC} of the pods, a {@code PODS_AFFECTED_PERC} range, {@code SEQUENCE=random} and a
         * random {@code CHAOS_INTERVAL} with {@code RANDOMNESS=true}. The same seed on the same cluster gives the
         * same run.
         */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /**
         * How often a Continuous or OnChaos probe without {@code probePollingInterval} is evaluated (default 1 s).
         * litmus-go evaluates it again as soon as the last evaluation returns; a simulation needs a step.
         */
        public Builder probeResolution(Duration value) {
            this.probeResolution = Objects.requireNonNull(value, "probeResolution");
            return this;
        }

        /** The window metrics are read over (default 1m). */
        public Builder metricWindow(Duration value) {
            this.metricWindow = Objects.requireNonNull(value, "metricWindow");
            return this;
        }

        /** Called with every result, e.g. to open an incident for a failed experiment; failures are logged. */
        public Builder onResult(Consumer<ExperimentResult> listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws ValidationException naming every missing part
         */
        public ChaosRunner build() {
            io.github.incident4j.common.Problems problems = new io.github.incident4j.common.Problems();
            problems.check(timers != null, "timers", null, "is required");
            problems.check(cluster != null, "cluster", null, "is required");
            problems.check(metrics != null, "metrics", null, "is required");
            problems.check(!recoveryWindow.isNegative(), "recoveryWindow", recoveryWindow, "must not be negative");
            problems.check(!metricWindow.isNegative() && !metricWindow.isZero(), "metricWindow", metricWindow,
                    "must be positive");
            problems.check(!probeResolution.isNegative() && !probeResolution.isZero(), "probeResolution",
                    probeResolution, "must be positive");
            problems.throwIfAny("chaos runner");
            return new ChaosRunner(this);
        }
    }
}
