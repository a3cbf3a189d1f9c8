package io.github.incident4j.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.common.Quantity;
import io.github.incident4j.sim.ScriptedMetrics;
import io.github.incident4j.sim.SimulatedCluster;
import io.github.incident4j.sim.SimulatedDependencies;
import io.github.incident4j.sim.VirtualTime;
import io.github.incident4j.spi.DependencyProbe;
import io.github.incident4j.spi.MetricsSource;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code runProperties.probeTimeout} enforced on probes whose SPI answers slowly. A slow answer is made as
 * {@link SimulatedCluster#delayOn} makes one: the SPI call sleeps through the virtual {@code Timers}, so the
 * clock has moved when it returns.
 */
@DisplayName("ChaosRunner holds every probe try to its probeTimeout")
class ChaosProbeTimeoutTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final VirtualTime time = VirtualTime.startingAt(T0);
    private final SimulatedCluster cluster = SimulatedCluster.builder(time.clock(), time)
            .podReplacementDelay(Duration.ofSeconds(1)).podStartupDelay(Duration.ofSeconds(2))
            .deployment("staging", "web", d -> d.replicas(3).image("web:1.0"))
            .build();
    /** How long each read of "p99 latency" takes, in order; the last one repeats. 0 when empty. */
    private final Deque<Duration> latencyDelays = new ArrayDeque<>();
    private final List<Instant> latencyAsked = new ArrayList<>();
    private final MetricsSource metrics = slowLatency(ScriptedMetrics.builder()
            .metric("p99 latency", t -> java.util.Optional.of(Quantity.millis(200))).build());

    private MetricsSource slowLatency(MetricsSource scripted) {
        return (metric, labels, at, window) -> {
            if (metric.equals("p99 latency")) {
                latencyAsked.add(time.now());
                Duration d = latencyDelays.size() > 1 ? latencyDelays.poll() : latencyDelays.peek();
                if (d != null && !d.isZero()) {
                    time.sleep(d);
                }
            }
            return scripted.read(metric, labels, at, window);
        };
    }

    private ChaosRunner.Builder runner() {
        time.advance(Duration.ofMinutes(1)); // let the pods start
        return ChaosRunner.builder().timers(time).cluster(cluster).metrics(metrics)
                .metricWindow(Duration.ofSeconds(1)).recoveryWindow(Duration.ofSeconds(20))
                .guard(BlastRadiusGuard.allowing("staging"));
    }

    private static ChaosExperiment experiment(Probe... probes) {
        Fault.Builder f = Fault.named("pod-delete").env("TOTAL_CHAOS_DURATION", "30").env("CHAOS_INTERVAL", "10");
        for (Probe p : probes) {
            f.probe(p);
        }
        return ChaosExperiment.named("timeouts").target("staging", "app=web").serviceAccount("sa").fault(f.build()).build();
    }

    /** p99 latency below 1s, which the scripted 200ms always is: only lateness can fail it. */
    private static Probe latency(ProbeMode mode, RunProperties run) {
        return Probe.of("latency", new ProbeInputs.Prom("http://prom:9090", "p99 latency",
                new ProbeInputs.Comparator("float", "<", "1")), mode, run);
    }

    private static RunProperties run(Duration timeout) {
        return new RunProperties(timeout, Duration.ofSeconds(10), 1, false);
    }

    private static List<ExperimentResult.Sample> samplesOf(ExperimentResult r, String check) {
        return r.samples().stream().filter(s -> s.check().equals(check)).toList();
    }

    @Test
    @DisplayName("a Continuous promProbe answering 'pass' 2s after its 5s probeTimeout is a failed probe, and the verdict is Fail")
    void lateContinuousProbeFails() {
        latencyDelays.add(Duration.ofSeconds(7));
        ExperimentResult r = runner().build().run(experiment(latency(ProbeMode.CONTINUOUS, run(TIMEOUT))));

        assertThat(r.verdict()).as(r.reason()).isEqualTo(ExperimentResult.Verdict.FAIL);
        assertThat(r.reason()).contains("latency");
        assertThat(samplesOf(r, "latency")).isNotEmpty().allSatisfy(s -> {
            assertThat(s.passed()).isFalse();
            assertThat(s.observed()).contains("'latency' answered after 7s, 2s past its probeTimeout of 5s",
                    "answered pass", "p99 latency = 200ms");
        });
        assertThat(r.checks()).filteredOn(c -> c.name().equals("latency")).singleElement()
                .satisfies(c -> assertThat(c.passed()).isZero());
    }

    @ParameterizedTest(name = "answering after {0}s")
    @ValueSource(ints = {0, 4})
    @DisplayName("a Continuous promProbe that answers within its 5s probeTimeout passes")
    void probeInTimePasses(int seconds) {
        latencyDelays.add(Duration.ofSeconds(seconds));
        ExperimentResult r = runner().build().run(experiment(latency(ProbeMode.CONTINUOUS, run(TIMEOUT))));

        assertThat(r.verdict()).as(r.reason()).isEqualTo(ExperimentResult.Verdict.PASS);
        assertThat(samplesOf(r, "latency")).hasSizeGreaterThanOrEqualTo(2).allSatisfy(s -> assertThat(s.passed()).isTrue());
        assertThat(r.timeline()).noneMatch(e -> e.detail().contains("probeTimeout"));
    }

    @Test
    @DisplayName("an answer exactly at the probeTimeout is a failed try: litmus-go's TryWithTimeout compares with >=")
    void answerAtTheTimeoutFails() {
        latencyDelays.add(TIMEOUT);
        ExperimentResult r = runner().build().run(experiment(latency(ProbeMode.CONTINUOUS, run(TIMEOUT))));

        assertThat(r.verdict()).isEqualTo(ExperimentResult.Verdict.FAIL);
        assertThat(samplesOf(r, "latency")).singleElement()
                .satisfies(s -> assertThat(s.observed()).contains("answered after 5s, at its probeTimeout of 5s"));
    }

    @Test
    @DisplayName("a late answer with stopOnFailure stops the experiment at once: Stopped")
    void lateProbeWithStopOnFailureAborts() {
        latencyDelays.add(Duration.ofSeconds(6));
        ExperimentResult r = runner().build().run(experiment(
                latency(ProbeMode.CONTINUOUS, run(TIMEOUT).withStopOnFailure(true).withInterval(Duration.ofSeconds(5)))));

        assertThat(r.verdict()).isEqualTo(ExperimentResult.Verdict.STOPPED);
        assertThat(r.reason()).contains("stopOnFailure", "latency");
        // the first evaluation (asked before the chaos, answered 6 s later) stops it: the strike at the start only
        assertThat(r.injections()).hasSize(1);
        assertThat(samplesOf(r, "latency")).singleElement()
                .satisfies(s -> assertThat(s.observed()).contains("1s past its probeTimeout of 5s"));
    }

    @Test
    @DisplayName("a late try is retried as Litmus retries: the next try, an interval later, answers in time and the probe passes")
    void lateTryThenInTime() {
        latencyDelays.addAll(List.of(Duration.ofSeconds(8), Duration.ZERO));
        RunProperties twoTries = run(TIMEOUT).withAttempt(2).withInterval(Duration.ofSeconds(3));
        ExperimentResult r = runner().build().run(experiment(latency(ProbeMode.EOT, twoTries)));

        assertThat(r.verdict()).as(r.reason()).isEqualTo(ExperimentResult.Verdict.PASS);
        assertThat(r.timeline()).filteredOn(e -> e.action().equals("sample retried")).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("'latency' try 1 of 2", "3s past its probeTimeout of 5s",
                        "next try in 3s"));
        assertThat(latencyAsked).hasSize(2);
        // the second try is asked 3s after the first one answered (8s after it was asked)
        assertThat(Duration.between(latencyAsked.get(0), latencyAsked.get(1))).isEqualTo(Duration.ofSeconds(11));
        assertThat(samplesOf(r, "latency")).singleElement().satisfies(s -> assertThat(s.passed()).isTrue());
    }

    @Test
    @DisplayName("every try late means a failed EOT probe after its last try, and the verdict is Fail")
    void everyTryLate() {
        latencyDelays.add(Duration.ofSeconds(6));
        ExperimentResult r = runner().build().run(experiment(latency(ProbeMode.EOT, run(TIMEOUT).withAttempt(3))));

        assertThat(r.verdict()).isEqualTo(ExperimentResult.Verdict.FAIL);
        assertThat(latencyAsked).hasSize(3);
        assertThat(r.timeline()).filteredOn(e -> e.action().equals("sample retried")).hasSize(2);
        assertThat(samplesOf(r, "latency")).singleElement().satisfies(s -> assertThat(s.passed()).isFalse());
    }

    @Test
    @DisplayName("an SOT probe answering late fails; without stopOnFailure the chaos still runs (Fail), with it nothing is"
            + " injected (Stopped)")
    void lateBeforeInjection() {
        latencyDelays.add(Duration.ofSeconds(6));
        ExperimentResult r = runner().build().run(experiment(latency(ProbeMode.SOT, run(TIMEOUT))));

        assertThat(r.verdict()).isEqualTo(ExperimentResult.Verdict.FAIL);
        assertThat(r.reason()).contains("latency");
        assertThat(r.injections()).isNotEmpty();

        ExperimentResult stopped = runner().build().run(experiment(latency(ProbeMode.SOT,
                run(TIMEOUT).withStopOnFailure(true))));
        assertThat(stopped.verdict()).isEqualTo(ExperimentResult.Verdict.STOPPED);
        assertThat(stopped.injections()).isEmpty();
    }

    @ParameterizedTest(name = "probeTimeout {0}s")
    @ValueSource(ints = {2, 4})
    @DisplayName("a k8sProbe on a cluster that takes 3s to list pods fails with a 2s probeTimeout and passes with 4s")
    void slowClusterK8sProbe(int timeoutSeconds) {
        cluster.delayOn(SimulatedCluster.Operation.PODS, Duration.ofSeconds(3));
        Probe pods = Probe.of("pods present", new ProbeInputs.K8s("", "v1", "pods", "", "", "app=web", "present"),
                ProbeMode.EOT, run(Duration.ofSeconds(timeoutSeconds)));
        ExperimentResult r = runner().build().run(experiment(pods));

        if (timeoutSeconds == 2) {
            assertThat(r.verdict()).isEqualTo(ExperimentResult.Verdict.FAIL);
            assertThat(samplesOf(r, "pods present")).singleElement().satisfies(s -> assertThat(s.observed())
                    .contains("'pods present' answered after 3s, 1s past its probeTimeout of 2s", "3 pods"));
        } else {
            assertThat(r.verdict()).as(r.reason()).isEqualTo(ExperimentResult.Verdict.PASS);
        }
    }

    @Test
    @DisplayName("an httpProbe hands its probeTimeout to the DependencyProbe, and an answer after it fails the probe")
    void httpProbeGetsItsTimeout() {
        List<Duration> timeoutsGiven = new ArrayList<>();
        DependencyProbe healthy = SimulatedDependencies.allHealthy();
        DependencyProbe slow = new DependencyProbe() {
            @Override
            public Result postgresReady(String host, int port, Duration timeout) {
                return healthy.postgresReady(host, port, timeout);
            }

            @Override
            public Result redisPing(String host, int port, Duration timeout) {
                return healthy.redisPing(host, port, timeout);
            }

            @Override
            public Result httpStatus(URI url, Duration timeout) {
                timeoutsGiven.add(timeout);
                time.sleep(Duration.ofMillis(2500)); // a probe that does not keep to the timeout it was given
                return healthy.httpStatus(url, timeout);
            }
        };
        Probe http = Probe.of("web up", new ProbeInputs.Http("http://web/health", "get", "==", "200"), ProbeMode.EOT,
                run(Duration.ofSeconds(2)));
        ExperimentResult r = runner().dependencyProbe(slow).build().run(experiment(http));

        assertThat(timeoutsGiven).containsExactly(Duration.ofSeconds(2));
        assertThat(r.verdict()).isEqualTo(ExperimentResult.Verdict.FAIL);
        assertThat(samplesOf(r, "web up")).singleElement().satisfies(s -> assertThat(s.observed())
                .contains("'web up' answered after 2s500ms, 500ms past its probeTimeout of 2s", "answered pass: 200"));
    }
}
