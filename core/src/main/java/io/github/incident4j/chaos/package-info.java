/**
 * Chaos experiments: Litmus-compatible experiments, the steady-state hypothesis, a guarded runner and
 * its verdicts.
 *
 * <p>Entry points: {@link io.github.incident4j.chaos.ChaosExperiment#named(String)} (the model and DSL, read and
 * written by {@code format.ChaosEngineYaml}), {@link io.github.incident4j.chaos.SteadyStateHypothesis} of
 * {@link io.github.incident4j.chaos.Tolerance}s, Litmus {@link io.github.incident4j.chaos.Probe}s,
 * {@link io.github.incident4j.chaos.ChaosLint} (a manifest as litmus-go will read it),
 * {@link io.github.incident4j.chaos.ChaosRunner#builder()} with its
 * {@link io.github.incident4j.chaos.BlastRadiusGuard}, the {@link io.github.incident4j.chaos.ExperimentResult} it
 * gives, and {@link io.github.incident4j.chaos.ChaosReport} for Markdown. Faults are injected through
 * {@code spi.FaultInjector}; {@link io.github.incident4j.chaos.PodDeleteInjector} implements pod-delete on
 * {@code spi.ClusterOperations}.
 */
@NullMarked
package io.github.incident4j.chaos;

import org.jspecify.annotations.NullMarked;
