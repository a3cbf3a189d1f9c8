/**
 * Chaos experiments: Litmus-compatible experiments, the steady-state hypothesis, a guarded runner and
 * its verdicts.
 *
 * <p>Entry points: {@link io.github.incident4j.chaos.ChaosExperiment#named(String)} (the model and DSL, read and
 * written by {@code format.ChaosEngineYaml}), {@link io.github.incident4j.chaos.SteadyStateHypothesis} of
 * {@link io.github.incident4j.chaos.Tolerance}s, Litmus {@link io.github.incident4j.chaos.Probe}s,
 * {@link io.github.incident4j.chaos.ChaosRunner#builder()} (pod-delete as litmus-go 3.31 runs it, with
 * {@link io.github.incident4j.chaos.PodDeleteSettings} read as litmus-go reads the env) with its
 * {@link io.github.incident4j.chaos.BlastRadiusGuard}, the {@link io.github.incident4j.chaos.ExperimentResult} it
 * gives (Litmus's verdict and probeSuccessPercentage), and {@link io.github.incident4j.chaos.ChaosReport} for Markdown. Faults are injected through
 * {@code spi.FaultInjector}; {@link io.github.incident4j.chaos.PodDeleteInjector} implements pod-delete on
 * {@code spi.ClusterOperations}.
 */
@NullMarked
package io.github.incident4j.chaos;

import org.jspecify.annotations.NullMarked;
