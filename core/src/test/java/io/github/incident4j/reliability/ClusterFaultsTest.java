package io.github.incident4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.chaos.BlastRadiusGuard;
import io.github.incident4j.chaos.ChaosRunner;
import io.github.incident4j.spi.DataIntegrityCheck;
import io.github.incident4j.chaos.ExperimentResult;
import io.github.incident4j.common.Quantity;
import io.github.incident4j.format.ChaosEngineYaml;
import io.github.incident4j.format.RunbookMarkdown;
import io.github.incident4j.runbook.Bindings;
import io.github.incident4j.runbook.MitigationReport;
import io.github.incident4j.runbook.Runbook;
import io.github.incident4j.runbook.RunbookRunner;
import io.github.incident4j.sim.ScriptedMetrics;
import io.github.incident4j.sim.SimulatedCluster;
import io.github.incident4j.sim.SimulatedDependencies;
import io.github.incident4j.sim.VirtualTime;
import io.github.incident4j.spi.Approver;
import io.github.incident4j.spi.ClusterException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("A cluster that fails or hangs mid-mitigation or mid-experiment")
class ClusterFaultsTest {

    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    static final String NS = "production";

    @Nested
    @DisplayName("the seed runbook's rollback")
    class Mitigation {
        final VirtualTime time = VirtualTime.startingAt(T0);
        final SimulatedCluster cluster = SimulatedCluster.builder(time.clock(), time)
                .deployment(NS, "service-name", d -> d.replicas(3).history("service:2.2.0", "deploy v2.2.0")
                        .image("service:2.3.0").changeCause("deploy v2.3.0"))
                .build();
        final List<String> timeline = new ArrayList<>();

        MitigationReport rollback() {
            time.advance(Duration.ofMinutes(30));
            cluster.deployBadRevision(NS, "service-name", "service:2.3.1", "deploy v2.3.1", "ERROR leak");
            time.advance(Duration.ofMinutes(5));
            Runbook runbook = RunbookMarkdown.parse(ReaderFuzzProperties.seed("runbook-template.md"));
            return RunbookRunner.builder().timers(time).cluster(cluster)
                    .probe(SimulatedDependencies.allHealthy()).metrics(ScriptedMetrics.builder().build())
                    .approver(r -> Approver.Decision.approve("Alice", "test"))
                    .timeline((at, actor, action, detail) -> timeline.add(action + ": " + detail))
                    .build().mitigate(runbook, "Rollback deployment", Bindings.empty());
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = ClusterException.Reason.class, names = {"FORBIDDEN", "CONFLICT", "TIMEOUT", "UNAVAILABLE"})
        @DisplayName("the undo fails: the run stops, names the failed operation, changed nothing and says so")
        void undoFails(ClusterException.Reason reason) {
            cluster.failOn(SimulatedCluster.Operation.ROLLOUT_UNDO, reason);
            MitigationReport report = rollback();
            assertThat(report.status()).isEqualTo(MitigationReport.Status.FAILED);
            assertThat(report.failure()).hasValueSatisfying(f -> {
                assertThat(f.command().render()).contains("rollout undo");
                assertThat(f.detail()).isNotBlank();
            });
            assertThat(report.performed()).last().satisfies(o -> assertThat(o.outcome())
                    .isEqualTo(MitigationReport.Outcome.FAILED));
            assertThat(report.done()).isEmpty();
            assertThat(cluster.calls(SimulatedCluster.Operation.ROLLOUT_STATUS)).isZero();
            assertThat(cluster.template(NS, "service-name").image()).isEqualTo("service:2.3.1");
            assertThat(timeline).anySatisfy(e -> assertThat(e).containsIgnoringCase("rollout undo"));
        }

        @Test
        @DisplayName("the undo succeeds but the status check fails: the report says the undo was done and the "
                + "status check failed, so nobody believes nothing changed")
        void statusFailsAfterUndo() {
            cluster.failOn(SimulatedCluster.Operation.ROLLOUT_STATUS, ClusterException.Reason.UNAVAILABLE);
            MitigationReport report = rollback();
            assertThat(report.status()).as(report.toString()).isEqualTo(MitigationReport.Status.FAILED);
            assertThat(report.done()).as(report + "\n" + timeline).extracting(o -> o.command().render()).anySatisfy(c -> assertThat(c)
                    .contains("rollout undo"));
            assertThat(report.failure()).hasValueSatisfying(f -> assertThat(f.command().render())
                    .contains("rollout status"));
            assertThat(cluster.template(NS, "service-name").image()).isEqualTo("service:2.3.0");
            assertThat(timeline).anySatisfy(e -> assertThat(e).startsWith("operation done: kubectl rollout undo"))
                    .anySatisfy(e -> assertThat(e).startsWith("operation failed: kubectl rollout status").contains("UNAVAILABLE"))
                    .anySatisfy(e -> assertThat(e).startsWith("mitigation failed").contains("after 1 operation(s) done"));
        }

        @Test
        @DisplayName("the status check hangs: the run gives up at its rollout timeout, in bounded virtual time")
        void statusHangs() {
            cluster.delayOn(SimulatedCluster.Operation.ROLLOUT_STATUS, Duration.ofHours(2));
            Instant before = T0.plus(Duration.ofMinutes(35));
            MitigationReport report = rollback();
            assertThat(report.status()).as(report + "\n" + timeline).isEqualTo(MitigationReport.Status.FAILED);
            assertThat(report.failure()).hasValueSatisfying(f -> assertThat(f.detail())
                    .contains("did not finish within 5m", "after the deadline", "successfully rolled out"));
            assertThat(report.done()).extracting(o -> o.command().render()).anySatisfy(c -> assertThat(c).contains("rollout undo"));
            assertThat(Duration.between(before, time.now())).isLessThan(Duration.ofHours(3));
        }
    }

    @Nested
    @DisplayName("the seed pod-delete experiment")
    class Chaos {
        final VirtualTime time = VirtualTime.startingAt(T0);
        final SimulatedCluster cluster = SimulatedCluster.builder(time.clock(), time)
                .podReplacementDelay(Duration.ofSeconds(1)).podStartupDelay(Duration.ofSeconds(2))
                .deployment(NS, "payment-service", d -> d.replicas(3).image("payment:2.3.0"))
                .build();

        ExperimentResult run() {
            return runWith(t -> Optional.of(Quantity.millis(200)));
        }

        /** The seed experiment with a steady error rate and the given latency series. */
        ExperimentResult runWith(ScriptedMetrics.Series latency) {
            time.advance(Duration.ofMinutes(1));
            ScriptedMetrics metrics = ScriptedMetrics.builder()
                    .metric("p99 latency", latency)
                    .metric("error rate", t -> Optional.of(Quantity.percent(0.1)))
                    .build();
            return ChaosRunner.builder().timers(time).cluster(cluster).metrics(metrics)
                    .metricWindow(Duration.ofSeconds(1))
                    .integrityCheck(DataIntegrityCheck.fingerprint(t -> "1200 orders"))
                    .guard(BlastRadiusGuard.allowing(NS).allowProduction())
                    .build().run(ChaosEngineYaml.parse(ReaderFuzzProperties.seed("chaos-pod-delete.yaml")));
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = ClusterException.Reason.class, names = {"FORBIDDEN", "TIMEOUT", "UNAVAILABLE"})
        @DisplayName("the pod deletion fails: verdict Error and no further injection")
        void deletionFails(ClusterException.Reason reason) {
            cluster.failOn(SimulatedCluster.Operation.DELETE_PODS, reason);
            ExperimentResult result = run();
            assertThat(result.verdict()).isEqualTo(ExperimentResult.Verdict.ERROR);
            assertThat(result.reason()).isNotBlank();
            assertThat(cluster.calls(SimulatedCluster.Operation.DELETE_PODS)).isEqualTo(1);
            assertThat(result.injections()).isEmpty();
            assertThat(cluster.pods(NS, Map.of("app", "payment-service"))).hasSize(3);
        }

        @Test
        @DisplayName("the second pod deletion fails: verdict Error after exactly one injection")
        void secondDeletionFails() {
            // the metrics series switches the fault on once the first deletion went through
            ExperimentResult first = runFailingAfterFirst();
            assertThat(first.verdict()).isEqualTo(ExperimentResult.Verdict.ERROR);
            assertThat(first.injections()).hasSize(1);
            assertThat(cluster.calls(SimulatedCluster.Operation.DELETE_PODS)).isEqualTo(2);
        }

        private ExperimentResult runFailingAfterFirst() {
            return runWith(t -> {
                if (cluster.calls(SimulatedCluster.Operation.DELETE_PODS) >= 1) {
                    cluster.failOn(SimulatedCluster.Operation.DELETE_PODS, ClusterException.Reason.UNAVAILABLE);
                }
                return Optional.of(Quantity.millis(200));
            });
        }
    }
}
