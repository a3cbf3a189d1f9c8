package io.github.incident4j.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.common.Quantity;
import io.github.incident4j.common.Severity;
import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.escalation.Target;
import io.github.incident4j.incident.Incident;
import io.github.incident4j.incident.IncidentManager;
import io.github.incident4j.incident.Roster;
import io.github.incident4j.incident.TimelineEvent;
import io.github.incident4j.sim.RecordingPager;
import io.github.incident4j.sim.ScriptedMetrics;
import io.github.incident4j.sim.SimulatedCluster;
import io.github.incident4j.sim.VirtualTime;
import io.github.incident4j.spi.ClusterOperations;
import io.github.incident4j.spi.DataIntegrityCheck;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The seed pod-delete experiment against the embedded simulation: pods deleted by the experiment come
 * back through their replica set after a delay, and the scripted latency and error rate follow the number
 * of ready pods, as they would for a service that shares its load over its replicas.
 */
@DisplayName("The seed chaos experiment on SimulatedCluster with ScriptedMetrics")
class ChaosOnSimulatedClusterTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final Map<String, String> APP = Map.of("app", "payment-service");

    private final VirtualTime time = VirtualTime.startingAt(T0);

    private SimulatedCluster cluster(int replicas, Duration startup) {
        return SimulatedCluster.builder(time.clock(), time)
                .podReplacementDelay(Duration.ofSeconds(1))
                .podStartupDelay(startup)
                .deployment("production", "payment-service", d -> d.replicas(replicas).image("payment:2.3.0"))
                .build();
    }

    /** Latency and error rate as functions of how many of the deployment's pods are ready right now. */
    private static ScriptedMetrics loadSharedOverReadyPods(ClusterOperations cluster, int replicas) {
        ScriptedMetrics.Series latency = t -> {
            long ready = ready(cluster);
            return Optional.of(Quantity.millis(ready == 0 ? 5000 : 200.0 * replicas / ready));
        };
        ScriptedMetrics.Series errors = t -> Optional.of(Quantity.percent(ready(cluster) == 0 ? 50 : 0.1));
        return ScriptedMetrics.builder()
                .metric("p99 latency", latency)
                .metric("error rate", errors)
                .build();
    }

    private static long ready(ClusterOperations cluster) {
        return cluster.pods("production", APP).stream().filter(ClusterOperations.Pod::ready).count();
    }

    private ChaosRunner.Builder runner(SimulatedCluster cluster, int replicas) {
        time.advance(Duration.ofMinutes(1)); // let the initial pods start
        return ChaosRunner.builder().timers(time)
                .cluster(cluster).metrics(loadSharedOverReadyPods(cluster, replicas))
                .metricWindow(Duration.ofSeconds(1)) // the series read live state, so one sample
                .integrityCheck(DataIntegrityCheck.fingerprint(t -> "1200 orders"))
                .guard(BlastRadiusGuard.allowing("production").allowProduction());
    }

    @Test
    @DisplayName("passes on a 3-replica deployment whose pods come back quickly")
    void passesOnThreeReplicas() throws IOException {
        SimulatedCluster cluster = cluster(3, Duration.ofSeconds(2));
        ExperimentResult r = runner(cluster, 3).build().run(ChaosRunnerTest.seed());

        assertThat(r.verdict()).isEqualTo(ExperimentResult.Verdict.PASS);
        assertThat(r.probeSuccessPercentage()).isEqualTo(100);
        // A strike, 10 s, the recovery wait (12 s for 3 ready pods), a second strike at 22 s; 44 s ends the loop.
        assertThat(r.injections()).extracting(ExperimentResult.Injection::at)
                .containsExactly(T0.plusSeconds(60), T0.plusSeconds(82));
        assertThat(r.injections()).allSatisfy(i -> assertThat(i.targets()).hasSize(1));
        assertThat(cluster.calls(SimulatedCluster.Operation.DELETE_PODS)).isEqualTo(2);
        assertThat(cluster.pods("production", APP)).hasSize(3).allMatch(ClusterOperations.Pod::ready);
    }

    @Test
    @DisplayName("fails on a 1-replica deployment whose latency rises while its only pod restarts")
    void failsOnOneReplica() throws IOException {
        SimulatedCluster cluster = cluster(1, Duration.ofSeconds(15));
        ExperimentResult r = runner(cluster, 1).build().run(ChaosRunnerTest.seed());

        assertThat(r.verdict()).isEqualTo(ExperimentResult.Verdict.FAIL);
        assertThat(r.probeSuccessPercentage()).isLessThan(100);
        assertThat(r.samples()).anySatisfy(s -> {
            assertThat(s.check()).isEqualTo("p99 latency stays below 500ms");
            assertThat(s.passed()).isFalse();
            assertThat(s.observed()).contains("5000");
        });
    }

    @Test
    @DisplayName("with stop-on-failure, the first violation stops the experiment at once, as Litmus's engine abort does")
    void abortsEarlyWithStopOnFailure() throws IOException {
        SimulatedCluster cluster = cluster(1, Duration.ofSeconds(15));
        ChaosExperiment seed = ChaosRunnerTest.seed();
        ChaosExperiment strict = seed.toBuilder().hypothesis(SteadyStateHypothesis.of(
                Tolerance.Metric.of("p99 latency stays below 500ms").stopOnFailure(true),
                Tolerance.parse("Error rate stays below 1%"),
                Tolerance.parse("No data loss or corruption"))).build();
        ExperimentResult r = runner(cluster, 1).build().run(strict);

        assertThat(r.verdict()).isEqualTo(ExperimentResult.Verdict.STOPPED);
        assertThat(r.reason()).contains("stopOnFailure");
        assertThat(r.injections()).hasSize(1);
        assertThat(r.samples()).filteredOn(s -> s.phase() == ExperimentResult.Phase.AFTER).isEmpty();
    }

    @Test
    @DisplayName("a failed experiment opens an incident that pages the on-call, with the run's evidence on its timeline")
    void failedExperimentOpensIncident() throws IOException {
        SimulatedCluster cluster = cluster(1, Duration.ofSeconds(15));
        RecordingPager pager = new RecordingPager();
        IncidentManager manager = IncidentManager.builder().timers(time).pager(pager)
                .roster(Roster.builder().role("sre", "Alice").build()).build();
        EscalationPolicy policy = EscalationPolicy.named("chaos").level(1, Target.role("sre")).build();
        AtomicInteger results = new AtomicInteger();

        ExperimentResult r = runner(cluster, 1)
                .onResult(ChaosIncidents.openOnFailure(manager, policy, "payment-service", Severity.SEV_3))
                .onResult(x -> results.incrementAndGet())
                .build().run(ChaosRunnerTest.seed());

        assertThat(r.verdict()).isEqualTo(ExperimentResult.Verdict.FAIL);
        List<Incident> incidents = manager.incidents();
        assertThat(incidents).hasSize(1);
        Incident incident = incidents.get(0);
        assertThat(incident.alert().summary()).contains("pod-delete-test").contains("Fail");
        assertThat(pager.recipients()).containsExactly("Alice");
        assertThat(incident.timeline()).filteredOn(e -> e.type() == TimelineEvent.Type.ACTION)
                .extracting(TimelineEvent::description)
                .anySatisfy(d -> assertThat(d).contains("injected"));
    }

    @Test
    @DisplayName("a passing experiment opens no incident")
    void passingExperimentOpensNothing() throws IOException {
        SimulatedCluster cluster = cluster(3, Duration.ofSeconds(2));
        IncidentManager manager = IncidentManager.builder().timers(time)
                .pager(new RecordingPager()).build();
        EscalationPolicy policy = EscalationPolicy.named("chaos").level(1, Target.person("Alice")).build();
        runner(cluster, 3).onResult(ChaosIncidents.openOnFailure(manager, policy, "payment-service", Severity.SEV_3))
                .build().run(ChaosRunnerTest.seed());
        assertThat(manager.incidents()).isEmpty();
    }
}
