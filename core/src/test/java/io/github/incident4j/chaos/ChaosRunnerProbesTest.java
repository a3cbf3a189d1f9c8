package io.github.incident4j.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incident4j.ValidationException;
import io.github.incident4j.sim.VirtualTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ChaosRunner runs Litmus probes by their mode")
class ChaosRunnerProbesTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private final VirtualTime time = VirtualTime.startingAt(T0);
    private final RunProperties every5s = new RunProperties(Duration.ofSeconds(2), Duration.ofSeconds(5), 0, false);

    private FakeDeployment deployment(int replicas, Duration restartDelay) {
        return new FakeDeployment(time.clock(), "staging", Map.of("app", "web"), replicas, restartDelay);
    }

    private ChaosRunner runner(FakeDeployment d) {
        return ChaosRunner.builder().timers(time).cluster(d).metrics(d)
                .guard(BlastRadiusGuard.allowing("staging")).recoveryWindow(Duration.ofSeconds(20)).build();
    }

    private static ChaosExperiment experiment(Probe... probes) {
        Fault.Builder f = Fault.named("pod-delete").env("TOTAL_CHAOS_DURATION", "20").env("CHAOS_INTERVAL", "10");
        for (Probe p : probes) {
            f.probe(p);
        }
        return ChaosExperiment.named("probes").target("staging", "app=web").serviceAccount("sa").fault(f.build()).build();
    }

    private Probe pods(String name, ProbeMode mode, String operation) {
        return Probe.of(name, new ProbeInputs.K8s("", "v1", "pods", "", "", "app=web", operation), mode, every5s);
    }

    private Probe latency(String name, ProbeMode mode, String criteria, String value) {
        return Probe.of(name, new ProbeInputs.Prom("http://prom:9090", "p99 latency",
                new ProbeInputs.Comparator("float", criteria, value)), mode, every5s);
    }

    @Test
    @DisplayName("Edge probes run before and after; an OnChaos probe without probePollingInterval is evaluated every"
            + " second (the runner's resolution) from the chaos start for TOTAL_CHAOS_DURATION")
    void modes() {
        ExperimentResult r = runner(deployment(2, Duration.ofSeconds(3))).run(experiment(
                pods("pods present", ProbeMode.EDGE, "present"),
                latency("latency during", ProbeMode.ON_CHAOS, "<", "1"),
                latency("latency eot", ProbeMode.EOT, "<=", "0.2")));

        assertThat(r.verdict()).isEqualTo(ExperimentResult.Verdict.PASS);
        assertThat(r.samples()).filteredOn(s -> s.check().equals("pods present"))
                .extracting(ExperimentResult.Sample::phase)
                .containsExactly(ExperimentResult.Phase.BEFORE, ExperimentResult.Phase.AFTER);
        assertThat(r.samples()).filteredOn(s -> s.check().equals("latency during"))
                .extracting(ExperimentResult.Sample::at)
                .hasSize(20).startsWith(T0, T0.plusSeconds(1)).endsWith(T0.plusSeconds(19));
        assertThat(r.samples()).filteredOn(s -> s.check().equals("latency eot"))
                .singleElement().satisfies(s -> assertThat(s.observed()).contains("200ms"));
    }

    @Test
    @DisplayName("an Edge probe that fails before is recorded; without stopOnFailure the chaos runs and the verdict is Fail")
    void edgeFailsBefore() {
        FakeDeployment d = deployment(2, Duration.ofSeconds(3));
        ExperimentResult r = runner(d).run(experiment(pods("no pods", ProbeMode.EDGE, "absent")));

        assertThat(r.verdict()).isEqualTo(ExperimentResult.Verdict.FAIL);
        assertThat(d.deleteCalls()).isNotEmpty();
        assertThat(r.probeSuccessPercentage()).isZero();

        ExperimentResult stopped = runner(deployment(2, Duration.ofSeconds(3))).run(experiment(
                Probe.of("no pods", new ProbeInputs.K8s("", "v1", "pods", "", "", "app=web", "absent"), ProbeMode.EDGE,
                        every5s.withStopOnFailure(true))));
        assertThat(stopped.verdict()).isEqualTo(ExperimentResult.Verdict.STOPPED);
        assertThat(stopped.injections()).isEmpty();
    }

    @Test
    @DisplayName("an EOT probe that fails after recovery fails the experiment")
    void eotFails() {
        ExperimentResult r = runner(deployment(2, Duration.ofSeconds(3))).run(experiment(
                latency("too strict", ProbeMode.EOT, "<", "0.1"), pods("pods present", ProbeMode.EDGE, "present")));

        assertThat(r.verdict()).isEqualTo(ExperimentResult.Verdict.FAIL);
        assertThat(r.reason()).contains("too strict");
        assertThat(r.probeSuccessPercentage()).isEqualTo(50);
    }

    @Test
    @DisplayName("cmdProbes are never run and count as failed; httpProbes need a DependencyProbe")
    void unsupportedProbes() {
        ExperimentResult r = runner(deployment(2, Duration.ofSeconds(3))).run(experiment(
                Probe.of("cmd", new ProbeInputs.Cmd("rm -rf /", new ProbeInputs.Comparator("string", "contains", "x")),
                        ProbeMode.EOT, every5s),
                Probe.of("http", new ProbeInputs.Http("http://web/health", "get", "==", "200"), ProbeMode.EOT, every5s)));

        assertThat(r.verdict()).isEqualTo(ExperimentResult.Verdict.FAIL);
        assertThat(r.samples()).extracting(ExperimentResult.Sample::observed)
                .anyMatch(o -> o.contains("never run")).anyMatch(o -> o.contains("DependencyProbe"));
    }

    @Test
    @DisplayName("a failing sample is tried as Litmus tries it: 'retry' times, an interval apart, before it counts")
    void retries() {
        RunProperties retry2 = new RunProperties(Duration.ofSeconds(2), Duration.ofSeconds(5), 2, false);
        ExperimentResult r = runner(deployment(2, Duration.ofSeconds(3))).run(experiment(never(ProbeMode.SOT, retry2)));

        assertThat(retry2.tries()).isEqualTo(2);
        assertThat(r.timeline()).filteredOn(e -> e.action().equals("sample retried")).singleElement()
                .satisfies(e -> assertThat(e.at()).isEqualTo(T0));
        assertThat(r.samples()).singleElement().satisfies(s -> {
            assertThat(s.passed()).isFalse();
            assertThat(s.at()).isEqualTo(T0.plusSeconds(5));
        });
    }

    @Test
    @DisplayName("'attempt' (Litmus 3) wins over 'retry'; with neither a check is tried once")
    void attemptWinsOverRetry() {
        RunProperties attempt3 = new RunProperties(Duration.ofSeconds(2), Duration.ofSeconds(5), 2, 3, false);
        ExperimentResult r = runner(deployment(2, Duration.ofSeconds(3))).run(experiment(never(ProbeMode.SOT, attempt3)));

        assertThat(r.timeline()).filteredOn(e -> e.action().equals("sample retried")).hasSize(2);
        assertThat(new RunProperties(Duration.ofSeconds(2), Duration.ofSeconds(5), 0, false).tries()).isEqualTo(1);
        assertThat(RunProperties.DEFAULT.tries()).isEqualTo(1);
    }

    private static Probe never(ProbeMode mode, RunProperties run) {
        return Probe.of("never", new ProbeInputs.Prom("p", "p99 latency", new ProbeInputs.Comparator("", ">", "9")), mode, run);
    }

    @Test
    @DisplayName("a cluster that fails while listing pods ends the run with verdict Error")
    void podsFailing() {
        FakeDeployment d = deployment(2, Duration.ofSeconds(3));
        d.failPods = true;
        ExperimentResult r = runner(d).run(experiment());
        ChaosRunner.DryRun plan = runner(d).dryRun(experiment());

        assertThat(r.verdict()).isEqualTo(ExperimentResult.Verdict.ERROR);
        assertThat(r.reason()).contains("unable to handle");
        assertThat(plan.refusal()).hasValueSatisfying(v -> assertThat(v).contains("cluster call failed"));
    }

    @Test
    @DisplayName("the builder names every missing part at once")
    void builderValidation() {
        assertThatThrownBy(() -> ChaosRunner.builder().build()).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).problems())
                        .extracting(ValidationException.Problem::field)
                        .containsExactly("timers", "cluster", "metrics"));
    }

    @Test
    @DisplayName("the experiment builder reports every problem with its field")
    void experimentValidation() {
        // Values litmus-go accepts are accepted (SEQUENCE random, a CHAOS_INTERVAL range): the run reads them as it does.
        assertThat(Fault.named("pod-delete").env("SEQUENCE", "random").env("CHAOS_INTERVAL", "5-10").build().podDelete()
                .sequence()).isEqualTo(PodDeleteSettings.Sequence.RANDOM);
        assertThatThrownBy(() -> ChaosExperiment.named("").target("", "app").serviceAccount("").build())
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).problems()).extracting(ValidationException.Problem::field)
                        .contains("spec.appinfo.appns", "spec.appinfo.applabel"));
        assertThat(List.of(ChaosExperiment.named("x").target("ns", "app=web").serviceAccount("sa")
                .fault(Fault.named("pod-delete").build()).tolerance("error rate < 1%").build().hypothesis().metrics()))
                .hasSize(1);
    }
}
