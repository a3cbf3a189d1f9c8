package io.github.incident4j.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.format.ChaosEngineYaml;
import io.github.incident4j.format.ChaosResultYaml;
import io.github.incident4j.sim.VirtualTime;
import io.github.incident4j.spi.DataIntegrityCheck;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ChaosRunner runs the seed pod-delete experiment in virtual time")
class ChaosRunnerTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private final VirtualTime time = VirtualTime.startingAt(T0);
    private final List<String> sinkActions = new ArrayList<>();

    static ChaosExperiment seed() throws IOException {
        try (InputStream in = ChaosRunnerTest.class.getResourceAsStream("/seed/chaos-pod-delete.yaml")) {
            return ChaosEngineYaml.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private FakeDeployment deployment(int replicas, Duration restartDelay) {
        return new FakeDeployment(time.clock(), "production", Map.of("app", "payment-service"), replicas, restartDelay);
    }

    private ChaosRunner.Builder runner(FakeDeployment d, BlastRadiusGuard guard) {
        return ChaosRunner.builder().timers(time).cluster(d).metrics(d)
                .integrityCheck(DataIntegrityCheck.fingerprint(t -> "1200 records"))
                .guard(guard)
                .timeline((at, actor, action, detail) -> sinkActions.add(action));
    }

    private static BlastRadiusGuard productionOptIn() {
        return BlastRadiusGuard.allowing("production").allowProduction();
    }

    private static ChaosExperiment withStopOnFailure(ChaosExperiment e) {
        return e.toBuilder().hypothesis(SteadyStateHypothesis.of(
                Tolerance.Metric.of("p99 latency stays below 500ms").stopOnFailure(true),
                Tolerance.parse("Error rate stays below 1%"),
                Tolerance.parse("No data loss or corruption"))).build();
    }

    @Test
    @DisplayName("the seed experiment passes on a 3-replica deployment that recovers quickly")
    void passesOnThreeReplicas() throws IOException {
        FakeDeployment d = deployment(3, Duration.ofSeconds(5));
        ExperimentResult r = runner(d, productionOptIn()).build().run(seed());

        assertThat(r.verdict()).isEqualTo(ExperimentResult.Verdict.PASS);
        assertThat(r.probeSuccessPercentage()).isEqualTo(100);
        // TOTAL_CHAOS_DURATION 30s, CHAOS_INTERVAL 10s, PODS_AFFECTED_PERC unset (one pod): a strike, 10 s, the
        // recovery wait (3 pods × 2 checks × 2 s = 12 s), so strikes at 0 s and 22 s; 44 s ends the loop.
        assertThat(r.injections()).extracting(ExperimentResult.Injection::at)
                .containsExactly(T0, T0.plusSeconds(22));
        assertThat(r.injections()).allSatisfy(i -> assertThat(i.targets()).hasSize(1));
        assertThat(d.gracePeriods()).containsOnly(Duration.ofSeconds(30)); // FORCE false
        assertThat(r.samples()).filteredOn(s -> s.phase() == ExperimentResult.Phase.DURING).isNotEmpty()
                .allMatch(ExperimentResult.Sample::passed);
        // The metric tolerances are Continuous probes (judged on their samples); the host check is an Edge check.
        assertThat(r.samples()).filteredOn(s -> s.phase() == ExperimentResult.Phase.AFTER)
                .extracting(ExperimentResult.Sample::check).containsExactly("No data loss or corruption");
        assertThat(r.endedAt()).isEqualTo(T0.plusSeconds(44));
        assertThat(sinkActions).contains("injected", "recovery wait", "recovered", "sample passed", "verdict Pass");
    }

    @Test
    @DisplayName("the seed experiment fails on a 1-replica deployment whose latency rises while its pod restarts")
    void failsOnOneReplica() throws IOException {
        FakeDeployment d = deployment(1, Duration.ofSeconds(15));
        ExperimentResult r = runner(d, productionOptIn()).build().run(seed());

        assertThat(r.verdict()).isEqualTo(ExperimentResult.Verdict.FAIL);
        // The replacement is ready 15 s after the strike: the recovery wait ends at 20 s, the next strike follows.
        assertThat(r.injections()).extracting(ExperimentResult.Injection::at).containsExactly(T0, T0.plusSeconds(20));
        assertThat(r.timeline()).anyMatch(e -> e.action().equals("recovered") && e.at().equals(T0.plusSeconds(20)));
        assertThat(r.samples()).anySatisfy(s -> {
            assertThat(s.check()).isEqualTo("p99 latency stays below 500ms");
            assertThat(s.passed()).isFalse();
            assertThat(s.observed()).contains("5000ms");
        });
        // latency and error rate failed, the data check held: 1 × 100 / 3.
        assertThat(r.probeSuccessPercentage()).isEqualTo(33);
    }

    @Test
    @DisplayName("with stopOnFailure a violated tolerance stops the experiment at once: Stopped, no check after it")
    void abortsEarly() throws IOException {
        FakeDeployment d = deployment(1, Duration.ofSeconds(15));
        ExperimentResult r = runner(d, productionOptIn()).build().run(withStopOnFailure(seed()));

        assertThat(r.verdict()).isEqualTo(ExperimentResult.Verdict.STOPPED);
        assertThat(r.reason()).contains("stopOnFailure").contains("p99 latency stays below 500ms");
        assertThat(r.injections()).hasSize(1);
        // Sampled every second from the start: the first sample after the strike sees no ready pod.
        assertThat(r.timeline()).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("aborted");
            assertThat(e.at()).isEqualTo(T0.plusSeconds(1));
        });
        assertThat(r.samples()).filteredOn(s -> s.phase() == ExperimentResult.Phase.AFTER).isEmpty();
        assertThat(r.endedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(r.probeSuccessPercentage()).isZero();
    }

    @Test
    @DisplayName("a tolerance that does not hold from the start fails the experiment; without stopOnFailure the chaos"
            + " still runs, as in Litmus")
    void notSteady() throws IOException {
        FakeDeployment d = deployment(3, Duration.ofSeconds(5));
        d.baseLatencyMs = 800;
        ExperimentResult r = runner(d, productionOptIn()).build().run(seed());

        assertThat(r.verdict()).isEqualTo(ExperimentResult.Verdict.FAIL);
        assertThat(r.reason()).contains("p99 latency");
        assertThat(r.samples()).filteredOn(s -> s.check().equals("p99 latency stays below 500ms")).singleElement()
                .satisfies(s -> assertThat(s.at()).isEqualTo(T0));
        assertThat(d.deleteCalls()).hasSize(2);
    }

    @Test
    @DisplayName("the guard refuses production without an explicit opt-in, and namespaces off the allow-list")
    void guardRefuses() throws IOException {
        FakeDeployment d = deployment(3, Duration.ofSeconds(5));
        ExperimentResult noOptIn = runner(d, BlastRadiusGuard.allowing("production")).build().run(seed());
        ExperimentResult notListed = runner(d, BlastRadiusGuard.allowing("staging").allowProduction()).build().run(seed());

        assertThat(noOptIn.verdict()).isEqualTo(ExperimentResult.Verdict.STOPPED);
        assertThat(noOptIn.reason()).contains("production").contains("opted in");
        assertThat(notListed.verdict()).isEqualTo(ExperimentResult.Verdict.STOPPED);
        assertThat(notListed.reason()).contains("allow-list");
        assertThat(d.deleteCalls()).isEmpty();
    }

    @Test
    @DisplayName("the guard caps the pods one strike may delete")
    void guardCaps() throws IOException {
        FakeDeployment d = deployment(4, Duration.ofSeconds(1));
        ChaosExperiment all = seed().toBuilder().faults(List.of(seed().faults().get(0).toBuilder()
                .env("PODS_AFFECTED_PERC", "100").build())).build();
        ExperimentResult r = runner(d, productionOptIn().maxPodsAffected(2)).build().run(all);

        assertThat(r.injections()).isNotEmpty().allSatisfy(i -> assertThat(i.targets()).hasSize(2));
    }

    @Test
    @DisplayName("engineState stop halts a running experiment between strikes")
    void engineStopHalts() throws IOException {
        FakeDeployment d = deployment(3, Duration.ofSeconds(5));
        AtomicReference<EngineState> state = new AtomicReference<>(EngineState.ACTIVE);
        ExperimentResult r = runner(d, productionOptIn())
                .timeline((at, actor, action, detail) -> {
                    if (action.equals("injected")) {
                        state.set(EngineState.STOP);
                    }
                })
                .engineState(state::get).build().run(seed());

        assertThat(r.verdict()).isEqualTo(ExperimentResult.Verdict.STOPPED);
        assertThat(r.reason()).contains("stop");
        assertThat(r.injections()).hasSize(1);
    }

    @Test
    @DisplayName("an experiment whose engineState is stop is not run")
    void engineStateStopInDocument() throws IOException {
        FakeDeployment d = deployment(3, Duration.ofSeconds(5));
        ExperimentResult r = runner(d, productionOptIn()).build()
                .run(seed().toBuilder().engineState(EngineState.STOP).build());
        assertThat(r.verdict()).isEqualTo(ExperimentResult.Verdict.STOPPED);
        assertThat(d.deleteCalls()).isEmpty();
    }

    @Test
    @DisplayName("a failing cluster call ends the run with verdict Error and stops injecting")
    void clusterFailureIsError() throws IOException {
        FakeDeployment d = deployment(3, Duration.ofSeconds(5));
        d.failDeletes = true;
        List<ExperimentResult> seen = new ArrayList<>();
        ExperimentResult r = runner(d, productionOptIn()).onResult(seen::add).build().run(seed());

        assertThat(r.verdict()).isEqualTo(ExperimentResult.Verdict.ERROR);
        assertThat(r.reason()).contains("forbidden");
        assertThat(r.injections()).isEmpty();
        assertThat(r.endedAt()).isEqualTo(T0);
        assertThat(seen).containsExactly(r);
    }

    @Test
    @DisplayName("a dry run lists what would be deleted and when (each pod recovering at once), and deletes nothing")
    void dryRun() throws IOException {
        FakeDeployment d = deployment(3, Duration.ofSeconds(5));
        ChaosExperiment serial = seed().toBuilder().faults(List.of(seed().faults().get(0).toBuilder()
                .env("SEQUENCE", "serial").env("PODS_AFFECTED_PERC", "67").env("FORCE", "true").build())).build();
        ChaosRunner.DryRun plan = runner(d, productionOptIn()).build().dryRun(serial);

        assertThat(plan.refusal()).isEmpty();
        // 2 of 3 pods (max(1, 67·3/100)), one after the other: each strike, 10 s, 12 s of status checks.
        assertThat(plan.strikes()).extracting(ChaosRunner.PlannedStrike::at).containsExactly(T0, T0.plusSeconds(22));
        List<String> pods = List.of("web-0", "web-1", "web-2");
        String first = plan.strikes().get(0).targets().get(0);
        assertThat(plan.strikes()).extracting(ChaosRunner.PlannedStrike::targets)
                .containsExactly(List.of(first), List.of(pods.get((pods.indexOf(first) + 1) % 3)));
        assertThat(plan.strikes()).allMatch(s -> s.gracePeriod().isZero());
        assertThat(d.deleteCalls()).isEmpty();
        assertThat(time.now()).isEqualTo(T0);
    }

    @Test
    @DisplayName("serial sequence deletes the targets one by one, forced with grace period 0")
    void serialForced() throws IOException {
        FakeDeployment d = deployment(3, Duration.ofSeconds(2));
        ChaosExperiment serial = seed().toBuilder().faults(List.of(seed().faults().get(0).toBuilder()
                .env("SEQUENCE", "serial").env("PODS_AFFECTED_PERC", "67").env("FORCE", "true").build())).build();
        ExperimentResult r = runner(d, productionOptIn()).build().run(serial);

        assertThat(d.deleteCalls()).hasSize(2).allSatisfy(c -> assertThat(c).hasSize(1));
        assertThat(r.injections()).extracting(ExperimentResult.Injection::at).containsExactly(T0, T0.plusSeconds(22));
        assertThat(d.gracePeriods()).containsOnly(Duration.ZERO);
    }

    @Test
    @DisplayName("reports: Markdown with hypothesis, injections and verdict; a Litmus ChaosResult")
    void reports() throws IOException {
        FakeDeployment d = deployment(1, Duration.ofSeconds(15));
        ChaosExperiment e = seed();
        ExperimentResult r = runner(d, productionOptIn()).build().run(e);

        String md = ChaosReport.markdown(e, r);
        assertThat(md).contains("**Verdict: Fail**", "## Steady-state hypothesis", "- p99 latency stays below 500ms",
                "| pod-delete | web-0 |", "| p99 latency stays below 500ms | promProbe | Continuous |");
        String yaml = ChaosResultYaml.render(r, "pod-delete");
        assertThat(yaml).contains("kind: \"ChaosResult\"", "verdict: \"Fail\"", "probeSuccessPercentage: \"33\"",
                "name: \"pod-delete-test-pod-delete\"", "failedRuns: 1");
    }
}
