package io.github.incident4j.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.sim.ScriptedMetrics;
import io.github.incident4j.sim.SimulatedCluster;
import io.github.incident4j.sim.VirtualTime;
import io.github.incident4j.spi.SystemTimers;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ChaosRunner on real timers, and its dry run's refusals")
class ChaosRunnerTimersTest {

    private static ChaosExperiment experiment(String applabel, Fault fault) {
        return ChaosExperiment.named("web-chaos").target("shop", applabel).serviceAccount("sa").fault(fault).build();
    }

    @Test
    @DisplayName("on SystemTimers the run waits in real time between its steps and reaches its verdict")
    void realTimers() {
        try (SystemTimers timers = SystemTimers.startDaemon()) {
            SimulatedCluster c = SimulatedCluster.builder(timers.clock(), timers)
                    .deployment("shop", "web", d -> d.replicas(1).image("web:1")).build();
            // One strike, a 1 s interval, and no status-check try (timeout below the delay): about a second.
            Fault f = Fault.named("pod-delete").env("TOTAL_CHAOS_DURATION", "1").env("CHAOS_INTERVAL", "1")
                    .extra("components.statusCheckTimeouts", Map.of("delay", "2", "timeout", "1")).build();
            ExperimentResult r = ChaosRunner.builder().timers(timers).cluster(c)
                    .metrics(ScriptedMetrics.builder().build()).guard(BlastRadiusGuard.allowing("shop")).build()
                    .run(experiment("app=web", f));

            assertThat(r.verdict()).as(r.reason()).isEqualTo(ExperimentResult.Verdict.PASS);
            assertThat(r.injections()).hasSize(1);
            assertThat(Duration.between(r.startedAt(), r.endedAt())).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        }
    }

    @Test
    @DisplayName("a dry run says why a run would end at once: no target, a missing TARGET_PODS pod, no node")
    void dryRunRefusals() {
        VirtualTime time = VirtualTime.startingAt(Instant.parse("2026-03-02T09:00:00Z"));
        SimulatedCluster c = SimulatedCluster.builder(time.clock(), time)
                .deployment("shop", "web", d -> d.replicas(2).image("web:1")).build();
        ChaosRunner runner = ChaosRunner.builder().timers(time).cluster(c).metrics(ScriptedMetrics.builder().build())
                .guard(BlastRadiusGuard.allowing("shop")).build();

        assertThat(runner.dryRun(experiment("app=none", Fault.named("pod-delete").build())).refusal())
                .hasValueSatisfying(v -> assertThat(v).contains("no target pods found"));
        assertThat(runner.dryRun(experiment("app=web", Fault.named("pod-delete").env("TARGET_PODS", "gone").build()))
                .refusal()).hasValueSatisfying(v -> assertThat(v).contains("gone", "TARGET_PODS"));
        assertThat(runner.dryRun(experiment("app=web", Fault.named("pod-delete").env("NODE_LABEL", "zone=x").build()))
                .refusal()).hasValueSatisfying(v -> assertThat(v).contains("NODE_LABEL"));
        assertThat(runner.dryRun(experiment("app=web", Fault.named("pod-delete").env("SEQUENCE", "zigzag").build()))
                .refusal()).contains("sequence 'zigzag' is not supported");
        assertThat(runner.dryRun(experiment("app=web", Fault.named("pod-delete").env("TOTAL_CHAOS_DURATION", "1m")
                .build())).strikes()).isEmpty();
    }
}
