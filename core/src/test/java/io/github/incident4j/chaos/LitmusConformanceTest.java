package io.github.incident4j.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.chaos.ExperimentResult.Injection;
import io.github.incident4j.chaos.ExperimentResult.ProbeVerdict;
import io.github.incident4j.chaos.ExperimentResult.Verdict;
import io.github.incident4j.common.Quantity;
import io.github.incident4j.format.ChaosEngineYaml;
import io.github.incident4j.format.ChaosResultYaml;
import io.github.incident4j.sim.SimulatedCluster;
import io.github.incident4j.sim.VirtualTime;
import io.github.incident4j.spi.ClusterOperations;
import io.github.incident4j.spi.MetricsSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What litmus-go 3.31 gives for a pod-delete ChaosEngine, scenario by scenario, on a {@link SimulatedCluster} in
 * virtual time, through {@link ChaosEngineYaml} and {@link ChaosRunner}. Every expectation names the litmus-go line
 * that decides it. The lines are those of the stored litmus-go sources read for this suite (core/docs/chaos.md lists
 * the commit of each file):
 * <ul>
 *   <li>{@code lib} = chaoslib/litmus/pod-delete/lib/pod-delete.go (0718d798),</li>
 *   <li>{@code experiment} = experiments/generic/pod-delete/experiment/pod-delete.go (b4b7ac17),</li>
 *   <li>{@code environment} = pkg/generic/pod-delete/environment/environment.go (3f54a6cd),</li>
 *   <li>{@code pods} = pkg/utils/common/pods.go (0a93bc9d), {@code common} = pkg/utils/common/common.go,</li>
 *   <li>{@code status} = pkg/status/application.go, {@code retry} = pkg/utils/retry/retry.go (0600a82f),
 *       {@code k8s} = pkg/clients/k8s.go (81df094a),</li>
 *   <li>{@code probe} = pkg/probe/probe.go (04c031a2), {@code promProbe} = pkg/probe/promProbe.go (b1c41620),</li>
 *   <li>{@code result} = pkg/result/chaosresult.go and {@code types} = pkg/types/types.go (3.x, as carried by the
 *       AgentCert/litmus-go fork, fcc29f1c / 0a9b1d0a),</li>
 *   <li>{@code runner} = chaos-runner pkg/utils/experimentHelper.go, {@code math} = pkg/math/math.go (674c7579).</li>
 * </ul>
 *
 * <p>The cluster: deployment {@code web} in {@code shop}, pods ready from the start; a deleted pod is replaced after
 * 1 s and ready 4 s later. The default status checks (2 s delay, 180 s timeout) make the recovery wait of a healthy
 * 3-pod workload 12 s: each pod is checked for ready containers, then for phase Running, and litmus-go waits the
 * delay after every try, a passing one included (retry:69-72; status:345-350).
 */
@DisplayName("ChaosRunner's pod-delete gives what litmus-go 3.31 gives")
class LitmusConformanceTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final String NS = "shop";
    private static final Map<String, String> APP = Map.of("app", "web");

    private final VirtualTime time = VirtualTime.startingAt(T0);
    /** Metric name → value as a function of time; read by promProbes (their query is the metric name). */
    private final Map<String, Function<Instant, Double>> series = new LinkedHashMap<>();
    /** Reads of each metric, in order. */
    private final List<Instant> reads = new ArrayList<>();
    private Duration readDelay = Duration.ZERO;
    private final MetricsSource metrics = (metric, labels, at, window) -> {
        reads.add(time.now());
        if (!readDelay.isZero()) {
            time.sleep(readDelay); // a slow Prometheus: the probe's try takes this long
        }
        Function<Instant, Double> f = series.get(metric);
        return f == null ? Optional.empty() : Optional.of(Quantity.count(f.apply(time.now())));
    };

    // ---------------------------------------------------------------------------------------------- fixtures

    private SimulatedCluster cluster(int replicas) {
        return cluster(replicas, b -> { }, d -> { });
    }

    private SimulatedCluster cluster(int replicas, Consumer<SimulatedCluster.Builder> more,
                                     Consumer<SimulatedCluster.DeploymentSpec> spec) {
        SimulatedCluster.Builder b = SimulatedCluster.builder(time.clock(), time)
                .podReplacementDelay(Duration.ofSeconds(1)).podStartupDelay(Duration.ofSeconds(4));
        more.accept(b);
        return b.deployment(NS, "web", d -> {
            d.replicas(replicas).image("web:1.0");
            spec.accept(d);
        }).build();
    }

    private ChaosRunner runner(ClusterOperations cluster, long seed) {
        return ChaosRunner.builder().timers(time).cluster(cluster).metrics(metrics)
                .metricWindow(Duration.ofSeconds(1)).guard(BlastRadiusGuard.allowing(NS)).seed(seed).build();
    }

    private ExperimentResult run(ClusterOperations cluster, Manifest m) {
        return runner(cluster, 0).run(m.parse());
    }

    private static Manifest manifest() {
        return new Manifest();
    }

    /** A ChaosEngine as a team writes it: appinfo, env, probes, and any other spec or components fields. */
    private static final class Manifest {
        final Map<String, String> env = new LinkedHashMap<>();
        final List<String> probes = new ArrayList<>();
        String applabel = "app=web";
        String appkind = "deployment";
        String specExtra = "";
        String componentsExtra = "";

        Manifest env(String key, String value) {
            env.put(key, value);
            return this;
        }

        Manifest probe(String yaml) {
            probes.add(yaml);
            return this;
        }

        Manifest applabel(String v) {
            applabel = v;
            return this;
        }

        Manifest appkind(String v) {
            appkind = v;
            return this;
        }

        String yaml() {
            StringBuilder b = new StringBuilder("""
                    apiVersion: litmuschaos.io/v1alpha1
                    kind: ChaosEngine
                    metadata:
                      name: web-chaos
                    spec:
                      appinfo:
                        appns: shop
                        applabel: '%s'
                        appkind: '%s'
                      chaosServiceAccount: litmus-admin
                    """.formatted(applabel, appkind));
            b.append(specExtra);
            b.append("""
                      experiments:
                        - name: pod-delete
                          spec:
                            components:
                    """);
            b.append(componentsExtra);
            b.append("          env:\n");
            env.forEach((k, v) -> b.append("            - name: ").append(k).append("\n              value: '")
                    .append(v).append("'\n"));
            if (env.isEmpty()) {
                b.append("            - name: TOTAL_CHAOS_DURATION\n              value: '30'\n");
            }
            if (!probes.isEmpty()) {
                b.append("        probe:\n");
                probes.forEach(p -> b.append(p.indent(10)));
            }
            return b.toString();
        }

        ChaosExperiment parse() {
            return ChaosEngineYaml.parse(yaml());
        }
    }

    /** A promProbe on {@code metric < limit} (the query is the metric name), with Litmus 3 run properties. */
    private static String prom(String name, String mode, String metric, double limit, String runProperties) {
        String props = (runProperties.contains("probeTimeout") ? "" : "probeTimeout: 5s, ") + "interval: 1s, retry: 1"
                + (runProperties.isEmpty() ? "" : ", " + runProperties);
        return """
                - name: %s
                  type: promProbe
                  promProbe/inputs:
                    endpoint: http://prometheus:9090
                    query: %s
                    comparator: {criteria: "<", value: "%s"}
                  mode: %s
                  runProperties: {%s}
                """.formatted(name, metric, limit, mode, props);
    }

    /** {@code errors} is {@code value} in [from, to) seconds after T0, else 0. */
    private void errorsBetween(long from, long to, double value) {
        series.put("errors", t -> {
            long s = Duration.between(T0, t).toSeconds();
            return s >= from && s < to ? value : 0.0;
        });
    }

    private static List<Instant> at(ExperimentResult r) {
        return r.injections().stream().map(Injection::at).toList();
    }

    private static Instant t(long seconds) {
        return T0.plusSeconds(seconds);
    }

    private static List<Instant> samplesOf(ExperimentResult r, String check) {
        return r.samples().stream().filter(s -> s.check().equals(check)).map(ExperimentResult.Sample::at).toList();
    }

    private static ExperimentResult.Check check(ExperimentResult r, String name) {
        return r.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static List<String> names(ClusterOperations c) {
        return c.pods(NS, APP).stream().map(ClusterOperations.Pod::name).toList();
    }

    // ---------------------------------------------------------------------------------------------- the loop

    @Test
    @DisplayName("1. parallel: one pod per iteration, the interval, then the recovery wait; the duration is checked only"
            + " at the top of an iteration")
    void parallelLoopWithRecoveryWait() {
        SimulatedCluster c = cluster(3);
        ExperimentResult r = run(c, manifest().env("TOTAL_CHAOS_DURATION", "30").env("CHAOS_INTERVAL", "10")
                .env("FORCE", "false"));

        assertThat(r.verdict()).as(r.reason()).isEqualTo(Verdict.PASS);
        // PODS_AFFECTED_PERC unset is 0 (environment:34): max(1, 0·3/100) = 1 pod (pods:353; math Adjustment).
        assertThat(r.injections()).allSatisfy(i -> assertThat(i.targets()).hasSize(1));
        // T0 delete; CHAOS_INTERVAL 10 s (lib:273); 3 pods × (ready + Running) × 2 s = 12 s (lib:286; status:345-350;
        // retry:69-72) → T22; 22 < 30 so a second iteration (lib:207); T22+10+12 = T44 ≥ 30: the loop ends (lib:292).
        assertThat(at(r)).containsExactly(t(0), t(22));
        assertThat(r.endedAt()).isEqualTo(t(44));
        // FORCE 'false' (environment:30): deleted with the pod's own grace period (lib:252).
        assertThat(r.injections()).allSatisfy(i -> assertThat(i.gracePeriod()).isEqualTo(Duration.ofSeconds(30)));
        assertThat(r.timeline()).filteredOn(e -> e.action().equals("recovery wait")).extracting(ExperimentResult.Event::at)
                .containsExactly(t(10), t(32));
        assertThat(r.timeline()).filteredOn(e -> e.action().equals("recovered")).extracting(ExperimentResult.Event::at)
                .containsExactly(t(22), t(44));
        // Pass is always 100 (result:186-187).
        assertThat(r.probeSuccessPercentage()).isEqualTo(100);
    }

    @Test
    @DisplayName("2. serial over 3 pods in 15 s deletes all 3: the list is finished before the duration is checked again")
    void serialFinishesTheList() {
        SimulatedCluster c = cluster(3);
        List<String> before = names(c);
        ExperimentResult r = run(c, manifest().env("TOTAL_CHAOS_DURATION", "15").env("SEQUENCE", "serial")
                .env("PODS_AFFECTED_PERC", "100"));

        assertThat(r.verdict()).as(r.reason()).isEqualTo(Verdict.PASS);
        // Each target: delete, CHAOS_INTERVAL (lib:160), recovery wait (lib:173), and only then the next one (lib:132);
        // the duration is read again after each pod (lib:180) but compared only at the loop's top (lib:95).
        assertThat(at(r)).containsExactly(t(0), t(22), t(44));
        assertThat(r.injections()).flatExtracting(Injection::targets).containsExactlyInAnyOrderElementsOf(before);
        assertThat(r.endedAt()).isEqualTo(t(66));
    }

    @Test
    @DisplayName("3. parallel with PODS_AFFECTED_PERC 100 deletes every pod at once, then waits for all of them")
    void parallelDeletesAllAtOnce() {
        SimulatedCluster c = cluster(3);
        ExperimentResult r = run(c, manifest().env("PODS_AFFECTED_PERC", "100"));

        // All targets deleted in one go (lib:245-257), then one interval and one recovery wait (lib:262-290).
        assertThat(at(r)).containsExactly(t(0), t(22));
        assertThat(r.injections()).allSatisfy(i -> assertThat(i.targets()).hasSize(3));
        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
    }

    // ---------------------------------------------------------------------------------------------- targets

    @Test
    @DisplayName("4. no pod matches the app label: Error, probeSuccessPercentage 0, even with a probe that passed")
    void noMatchingPodIsError() {
        SimulatedCluster c = cluster(3);
        ExperimentResult r = run(c, manifest().applabel("app=wbe").probe("""
                - name: web-present
                  type: k8sProbe
                  k8sProbe/inputs: {version: v1, resource: pods, labelSelector: app=web, operation: present}
                  mode: SOT
                  runProperties: {probeTimeout: 5s, interval: 1s, retry: 1}
                """));

        // "no target pods found" (pods:327) is not a probe failure: RecordAfterFailure writes Error (result:261-263),
        // and Error's percentage is 0 whatever passed (result:189-197).
        assertThat(r.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(r.reason()).contains("no target pods found");
        assertThat(r.probeSuccessPercentage()).isZero();
        assertThat(check(r, "web-present").verdict()).isEqualTo(ProbeVerdict.PASSED);
        assertThat(r.injections()).isEmpty();
        assertThat(names(c)).hasSize(3);
    }

    @Test
    @DisplayName("5. applabel without appkind targets nothing: Error, nothing deleted")
    void appkindMissingIsError() {
        SimulatedCluster c = cluster(3);
        // The manifest without appkind; this branch's reader still fills in 'deployment' for a missing appkind (the
        // reader's own work keeps it empty), so the experiment read is given the empty kind Litmus sees.
        ChaosExperiment read = manifest().parse();
        ExperimentResult r = runner(c, 0).run(read.toBuilder().target(NS, "app=web", "").build());

        // Only pods whose owner is of the appkind are targets (pods:343); none is of kind '' (pods:327).
        assertThat(r.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(r.reason()).contains("appkind");
        assertThat(r.probeSuccessPercentage()).isZero();
        assertThat(c.calls(SimulatedCluster.Operation.DELETE_PODS)).isZero();
    }

    @Test
    @DisplayName("6. TARGET_PODS: the named pod is deleted, then, gone, it is an Error after the 180 s status timeout")
    void targetPodsAndAGonePod() {
        SimulatedCluster c = cluster(3);
        String named = names(c).get(1);
        ExperimentResult r = run(c, manifest().env("TARGET_PODS", named));

        // Existence checked with GetPod(ns, name, 180, 2) (pods:201), then fetched with the status timings (pods:236);
        // each GetPod that finds the pod still waits its 2 s delay (k8s:26-29; retry:69-72): deleted at T4.
        assertThat(r.injections()).singleElement().satisfies(i -> {
            assertThat(i.at()).isEqualTo(t(4));
            assertThat(i.targets()).containsExactly(named);
        });
        // T4 + 10 s + 12 s = T26 < 30: the next iteration asks for the same name; GetPod retries 90 × 2 s and then
        // "pod doesn't exist set by TARGET_PODS ENV" (pods:154): Error at T26 + 180 s.
        assertThat(r.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(r.reason()).contains(named).contains("TARGET_PODS");
        assertThat(r.endedAt()).isEqualTo(t(206));
        assertThat(r.probeSuccessPercentage()).isZero();
    }

    @Test
    @DisplayName("7. NODE_LABEL: only the pods on the labelled nodes are targets")
    void nodeLabelChoosesPodsOnNodes() {
        SimulatedCluster c = cluster(4, b -> b.node("node-a", Map.of("zone", "a")).node("node-b", Map.of("zone", "b")),
                d -> { });
        Set<String> onB = new HashSet<>();
        c.podNodes(NS, APP).forEach((pod, node) -> {
            if (node.equals("node-b")) {
                onB.add(pod);
            }
        });
        assertThat(onB).hasSize(2);
        ExperimentResult r = run(c, manifest().env("NODE_LABEL", "zone=b").env("PODS_AFFECTED_PERC", "100")
                .env("TOTAL_CHAOS_DURATION", "1"));

        // ListNode (pods:525) waits its delay (retry:69-72); the app's pods (pods:538) on those nodes (pods:562)
        // by percentage (pods:565): both pods on node-b, deleted at T2.
        assertThat(r.injections()).singleElement().satisfies(i -> {
            assertThat(i.at()).isEqualTo(t(2));
            assertThat(i.targets()).containsExactlyInAnyOrderElementsOf(onB);
        });
        assertThat(r.verdict()).as(r.reason()).isEqualTo(Verdict.PASS);
    }

    @Test
    @DisplayName("8. NODE_LABEL matching no node: Error, nothing deleted")
    void nodeLabelWithoutNodesIsError() {
        SimulatedCluster c = cluster(3);
        ExperimentResult r = run(c, manifest().env("NODE_LABEL", "zone=c"));

        // "no nodes found with matching labels" (pods:529), after the ListNode try and its delay.
        assertThat(r.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(r.reason()).contains("no nodes found");
        assertThat(r.endedAt()).isEqualTo(t(2));
        assertThat(r.injections()).isEmpty();
    }

    @Test
    @DisplayName("9. TARGET_PODS overrides NODE_LABEL")
    void targetPodsWinOverNodeLabel() {
        SimulatedCluster c = cluster(2, b -> b.node("node-a", Map.of("zone", "a")).node("node-b", Map.of("zone", "b")),
                d -> { });
        String onA = c.podNodes(NS, APP).entrySet().stream().filter(e -> e.getValue().equals("node-a"))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        ExperimentResult r = run(c, manifest().env("TARGET_PODS", onA).env("NODE_LABEL", "zone=b")
                .env("TOTAL_CHAOS_DURATION", "1"));

        // NODE_LABEL is used only when TARGET_PODS is empty (pods:592); otherwise it is overridden (pods:599).
        assertThat(r.injections()).singleElement().satisfies(i -> assertThat(i.targets()).containsExactly(onA));
    }

    @Test
    @DisplayName("10. PODS_AFFECTED_PERC 50 of 4 pods: 2 neighbours from a random start, the same for the same seed")
    void percentageFromARandomStart() {
        Set<List<String>> seen = new HashSet<>();
        for (long seed = 0; seed < 12; seed++) {
            VirtualTime own = VirtualTime.startingAt(T0);
            SimulatedCluster c = SimulatedCluster.builder(own.clock(), own)
                    .deployment(NS, "web", d -> d.replicas(4).image("web:1.0")).build();
            List<String> sorted = names(c);
            ChaosRunner runner = ChaosRunner.builder().timers(own).cluster(c).metrics(metrics)
                    .guard(BlastRadiusGuard.allowing(NS)).seed(seed).build();
            ChaosExperiment e = manifest().env("PODS_AFFECTED_PERC", "50").env("TOTAL_CHAOS_DURATION", "1").parse();
            List<String> planned = runner.dryRun(e).strikes().get(0).targets();
            List<String> targets = runner.run(e).injections().get(0).targets();
            // max(1, min(50,100)·4/100) = 2 (pods:353); from a random index, the next ones round the list (pods:358-361).
            assertThat(targets).hasSize(2);
            int first = sorted.indexOf(targets.get(0));
            assertThat(targets.get(1)).isEqualTo(sorted.get((first + 1) % 4));
            assertThat(planned).as("a dry run draws the same start").isEqualTo(targets);
            seen.add(targets);
        }
        assertThat(seen).as("the random start moves with the seed").hasSizeGreaterThan(1);
    }

    // ---------------------------------------------------------------------------------------------- env values

    @Test
    @DisplayName("11. TOTAL_CHAOS_DURATION '1m' is 0 for litmus-go's Atoi: no chaos at all, and the run says why")
    void oneMinuteIsZero() {
        SimulatedCluster c = cluster(3);
        ExperimentResult r = run(c, manifest().env("TOTAL_CHAOS_DURATION", "1m"));

        // strconv.Atoi("1m") fails and the error is ignored: 0 (environment:19); 0 < 0 is false (lib:207).
        assertThat(r.injections()).isEmpty();
        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
        assertThat(r.timeline()).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("litmus reads");
            assertThat(e.detail()).contains("TOTAL_CHAOS_DURATION '1m'", "as 0", "'60'");
        });
    }

    @Test
    @DisplayName("12. CHAOS_INTERVAL '5-10' is a range only with RANDOMNESS=true; without it the wait is 0")
    void intervalRangeNeedsRandomness() {
        ExperimentResult plain = run(cluster(3), manifest().env("CHAOS_INTERVAL", "5-10").env("TOTAL_CHAOS_DURATION", "10"));
        // Without RANDOMNESS: Atoi("5-10") is 0 (lib:273): no wait; the replacement pod does not exist yet (it comes
        // after 1 s), so the recovery wait checks 2 pods: 8 s (status:326-336) → T8, then T16 ≥ 10.
        assertThat(at(plain)).containsExactly(t(0), t(8));

        List<Long> waits = new ArrayList<>();
        for (long seed = 0; seed < 8; seed++) {
            VirtualTime own = VirtualTime.startingAt(T0);
            SimulatedCluster c = SimulatedCluster.builder(own.clock(), own).podReplacementDelay(Duration.ofSeconds(1))
                    .podStartupDelay(Duration.ofSeconds(4)).deployment(NS, "web", d -> d.replicas(3).image("web:1.0"))
                    .build();
            ExperimentResult r = ChaosRunner.builder().timers(own).cluster(c).metrics(metrics)
                    .guard(BlastRadiusGuard.allowing(NS)).seed(seed).build()
                    .run(manifest().env("CHAOS_INTERVAL", "5-10").env("RANDOMNESS", "true").parse());
            // RANDOMNESS: lower + rand.Intn(upper - lower), in [5, 10) (common:92); then the 12 s recovery wait.
            long wait = Duration.between(r.injections().get(0).at(), r.injections().get(1).at()).toSeconds() - 12;
            assertThat(wait).isBetween(5L, 9L);
            waits.add(wait);
        }
        assertThat(new HashSet<>(waits)).hasSizeGreaterThan(1);
    }

    @Test
    @DisplayName("13. SEQUENCE random draws serial or parallel; an unknown SEQUENCE is an Error")
    void sequenceRandomAndUnsupported() {
        Set<String> drawn = new HashSet<>();
        for (long seed = 0; seed < 10; seed++) {
            VirtualTime own = VirtualTime.startingAt(T0);
            SimulatedCluster c = SimulatedCluster.builder(own.clock(), own)
                    .deployment(NS, "web", d -> d.replicas(3).image("web:1.0")).build();
            ExperimentResult r = ChaosRunner.builder().timers(own).cluster(c).metrics(metrics)
                    .guard(BlastRadiusGuard.allowing(NS)).seed(seed).build()
                    .run(manifest().env("SEQUENCE", "random").env("PODS_AFFECTED_PERC", "100")
                            .env("TOTAL_CHAOS_DURATION", "1").parse());
            // GetRandomSequence (common:228-231), applied once after the ramp (lib:40, lib:304).
            boolean serial = r.timeline().stream().anyMatch(e -> e.detail().equals("SEQUENCE random: serial"));
            assertThat(r.injections()).hasSize(serial ? 3 : 1);
            drawn.add(serial ? "serial" : "parallel");
        }
        assertThat(drawn).containsExactlyInAnyOrder("serial", "parallel");

        SimulatedCluster c = cluster(3);
        ExperimentResult r = run(c, manifest().env("SEQUENCE", "zigzag"));
        // "sequence '%s' is not supported" (lib:61) from PreparePodDelete: RecordAfterFailure, Error (result:261).
        assertThat(r.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(r.reason()).isEqualTo("sequence 'zigzag' is not supported");
        assertThat(c.calls(SimulatedCluster.Operation.DELETE_PODS)).isZero();
    }

    // ---------------------------------------------------------------------------------------------- recovery

    @Test
    @DisplayName("14. pods that do not come back: Error after the status timeout, probeSuccessPercentage 0")
    void podsThatDoNotComeBack() {
        SimulatedCluster c = cluster(1);
        c.holdPods(NS, "web"); // the replacement stays Pending
        ExperimentResult r = run(c, manifest());

        // The replacement is listed at T10 and its containers never get ready (status:171); 180/2 = 90 tries, each
        // followed by 2 s (retry:69-72): Error at T10 + 180 s (lib:286-289; result:261).
        assertThat(r.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(r.reason()).contains("did not recover").contains("Pending");
        assertThat(r.endedAt()).isEqualTo(t(190));
        assertThat(r.probeSuccessPercentage()).isZero();
        assertThat(at(r)).containsExactly(t(0));
    }

    @Test
    @DisplayName("15. a pod that comes back slowly is waited for: one deletion where a fixed clock would make three")
    void slowPodIsWaitedFor() {
        SimulatedCluster c = cluster(1, b -> { }, d -> d.startupDelay(Duration.ofSeconds(30)));
        ExperimentResult r = run(c, manifest());

        // Replacement created at T1, ready at T31: ready checks at T10, T12, …, T32 pass at T32 (+2 s), Running at
        // T34 (+2 s): T36 ≥ 30, so the loop ends after one deletion (lib:286, lib:292).
        assertThat(at(r)).containsExactly(t(0));
        assertThat(r.timeline()).filteredOn(e -> e.action().equals("recovered")).singleElement()
                .satisfies(e -> assertThat(e.at()).isEqualTo(t(36)));
        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    @DisplayName("16. statusCheckTimeouts set the recovery wait; STATUS_CHECK_* in the engine's env are overridden")
    void statusCheckTimeoutsOverrideTheEnv() {
        SimulatedCluster c = cluster(1);
        c.holdPods(NS, "web");
        Manifest m = manifest().env("STATUS_CHECK_TIMEOUT", "4").env("STATUS_CHECK_DELAY", "1");
        m.componentsExtra = "          statusCheckTimeouts: {delay: 5, timeout: 20}\n";
        ExperimentResult r = run(c, m);

        // The chaos-runner sets STATUS_CHECK_DELAY/TIMEOUT from statusCheckTimeouts, over the env (runner:136-150),
        // and litmus-go reads them (types:217-218): 20/5 = 4 tries of 5 s from T10: Error at T30.
        assertThat(r.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(r.endedAt()).isEqualTo(t(30));
    }

    @Test
    @DisplayName("17. defaultHealthCheck: true checks the app before the chaos; an unhealthy app is an Error, nothing"
            + " deleted")
    void defaultHealthCheck() {
        SimulatedCluster c = cluster(2);
        c.makeUnhealthy(NS, "web", "ERROR db unreachable");
        Manifest m = manifest();
        m.specExtra = "  defaultHealthCheck: true\n";
        ExperimentResult r = run(c, m);

        // The runner passes spec.defaultHealthCheck (false when not written) (runner:120); with it, the pre-chaos
        // AUT check (experiment:89-97): containers ready, 90 tries of 2 s (status:69, status:146).
        assertThat(r.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(r.reason()).contains("health check");
        assertThat(r.endedAt()).isEqualTo(t(180));
        assertThat(r.injections()).isEmpty();

        ExperimentResult without = run(cluster(2), manifest().env("TOTAL_CHAOS_DURATION", "1"));
        assertThat(without.timeline()).noneMatch(e -> e.action().equals("health check"));
    }

    // ---------------------------------------------------------------------------------------------- probes

    @Test
    @DisplayName("18. a Continuous probe starts before the ramp: a dip during the ramp fails the experiment")
    void continuousStartsBeforeTheRamp() {
        errorsBetween(3, 5, 5);
        SimulatedCluster c = cluster(3);
        ExperimentResult r = run(c, manifest().env("RAMP_TIME", "10")
                .probe(prom("errors low", "Continuous", "errors", 1, "probePollingInterval: 2s")));

        // Continuous probes start in the pre-chaos phase (probe:38; promProbe:90), before PreparePodDelete waits the
        // ramp (experiment:111 then 131; lib:34-36). Evaluations every probePollingInterval (promProbe:243): T0, T2,
        // T4 — which fails, and ends the probe (promProbe:238).
        assertThat(samplesOf(r, "errors low")).containsExactly(t(0), t(2), t(4));
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        // The chaos still runs after the ramp (no stopOnFailure): first deletion at T10.
        assertThat(at(r).get(0)).isEqualTo(t(10));
        // Fail: passed × 100 / probes = 0 (result:195).
        assertThat(r.probeSuccessPercentage()).isZero();
    }

    @Test
    @DisplayName("19. Continuous probes evaluate every probePollingInterval until the post-chaos checks")
    void continuousEveryPollingInterval() {
        errorsBetween(0, 0, 0);
        ExperimentResult r = run(cluster(3), manifest()
                .probe(prom("errors low", "Continuous", "errors", 1, "probePollingInterval: 5s")));

        // From T0 every 5 s (promProbe:243) until post-chaos at T44 (probe:61): T0 … T40.
        assertThat(samplesOf(r, "errors low")).containsExactly(t(0), t(5), t(10), t(15), t(20), t(25), t(30), t(35),
                t(40));
        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
        assertThat(check(r, "errors low").verdict()).isEqualTo(ProbeVerdict.PASSED);
    }

    @Test
    @DisplayName("20. a Continuous probe never evaluated (its initial delay outlasts the run) passed: Pass, 100")
    void continuousNeverSampledPassed() {
        errorsBetween(0, 0, 0);
        ExperimentResult r = run(cluster(3), manifest()
                .probe(prom("errors low", "Continuous", "errors", 1, "initialDelay: 120s")));

        // It waits its initial delay first (promProbe:221-223); at post-chaos it has recorded no error
        // (promProbe:131), so markedVerdictInEnd passes it and counts it (probe:195).
        assertThat(samplesOf(r, "errors low")).isEmpty();
        assertThat(check(r, "errors low").verdict()).isEqualTo(ProbeVerdict.PASSED);
        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
        assertThat(r.probeSuccessPercentage()).isEqualTo(100);
    }

    @Test
    @DisplayName("21. an OnChaos probe starts after the ramp and runs for TOTAL_CHAOS_DURATION")
    void onChaosAfterTheRamp() {
        errorsBetween(0, 0, 0);
        ExperimentResult r = run(cluster(3), manifest().env("RAMP_TIME", "5")
                .probe(prom("errors low", "OnChaos", "errors", 1, "probePollingInterval: 5s")));

        // OnChaos probes start with the chaos loop (lib:83; probe:47; promProbe:160), after the ramp (lib:34), and
        // stop after ChaosDuration (types:212; promProbe:256-279): T5 … T30.
        assertThat(samplesOf(r, "errors low")).containsExactly(t(5), t(10), t(15), t(20), t(25), t(30));
        assertThat(at(r)).containsExactly(t(5), t(27));
        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    @DisplayName("22. the first failed evaluation ends the probe: no evaluation after it, though the metric recovers")
    void firstFailureEndsTheProbe() {
        errorsBetween(6, 7, 5);
        ExperimentResult r = run(cluster(3), manifest()
                .probe(prom("errors low", "Continuous", "errors", 1, "probePollingInterval: 2s")));

        // The error is recorded and the loop left (promProbe:232-238).
        assertThat(samplesOf(r, "errors low")).containsExactly(t(0), t(2), t(4), t(6));
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(check(r, "errors low").verdict()).isEqualTo(ProbeVerdict.FAILED);
    }

    @Test
    @DisplayName("23. a probe runs on its own timers: a slow probe does not delay the deletions")
    void slowProbeDoesNotDelayTheChaos() {
        errorsBetween(0, 0, 0);
        readDelay = Duration.ofSeconds(4);
        ExperimentResult r = run(cluster(3), manifest()
                .probe(prom("errors low", "Continuous", "errors", 1, "probeTimeout: 10s, probePollingInterval: 1s")));

        // The probe runs in its own goroutine (promProbe:90) beside the loop: deletions at T0 and T22 as without it.
        assertThat(at(r)).containsExactly(t(0), t(22));
        assertThat(samplesOf(r, "errors low")).isNotEmpty();
        assertThat(r.verdict()).as(r.reason()).isEqualTo(Verdict.PASS);
    }

    @Test
    @DisplayName("24. stopOnFailure on a Continuous probe stops the engine at once: Stopped, no more deletions, EOT not run")
    void continuousStopOnFailureAborts() {
        errorsBetween(15, 1000, 5);
        ExperimentResult r = run(cluster(3), manifest()
                .probe(prom("errors before", "SOT", "errors", 1, ""))
                .probe(prom("errors low", "Continuous", "errors", 1, "probePollingInterval: 2s, stopOnFailure: true"))
                .probe(prom("errors after", "EOT", "errors", 1000, "")));

        // A failure with stopOnFailure patches the engine to stop (promProbe:248; probe:284), the probe marked
        // failed and stopped (probe:214); the abort writes Stopped (common:130) and the result stays Stopped
        // (result:172) with passed × 100 / probes = 1 × 100 / 3 (result:199-203).
        assertThat(r.verdict()).isEqualTo(Verdict.STOPPED);
        assertThat(r.endedAt()).isEqualTo(t(16));
        assertThat(at(r)).containsExactly(t(0));
        assertThat(check(r, "errors after").verdict()).isEqualTo(ProbeVerdict.NOT_EXECUTED);
        assertThat(check(r, "errors before").verdict()).isEqualTo(ProbeVerdict.PASSED);
        assertThat(r.probeSuccessPercentage()).isEqualTo(33);
    }

    @Test
    @DisplayName("25. without stopOnFailure a failed SOT probe is recorded and the chaos still runs: Fail, 50")
    void failedSotWithoutStopRuns() {
        errorsBetween(0, 1, 5);
        SimulatedCluster c = cluster(3);
        ExperimentResult r = run(c, manifest()
                .probe(prom("errors before", "SOT", "errors", 1, ""))
                .probe(prom("errors after", "EOT", "errors", 1, "")));

        // markedVerdictInEnd records the failure and returns nil (probe:219); the experiment goes on.
        assertThat(at(r)).containsExactly(t(0), t(22));
        // A failed probe makes Fail (result:169-170): 1 passed × 100 / 2 = 50 (result:195).
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.probeSuccessPercentage()).isEqualTo(50);
    }

    @Test
    @DisplayName("26. with stopOnFailure a failed SOT probe stops before the chaos: Stopped, nothing deleted, EOT N/A")
    void failedSotWithStopStops() {
        errorsBetween(0, 1, 5);
        SimulatedCluster c = cluster(3);
        ExperimentResult r = run(c, manifest()
                .probe(prom("errors before", "SOT", "errors", 1, "stopOnFailure: true"))
                .probe(prom("errors after", "EOT", "errors", 1, "")));

        // The error is returned (probe:214) and the experiment records it and returns (experiment:111-121): Completed,
        // Fail (result:263), turned Stopped by the probe's stopped flag (result:172); the EOT probe is N/A
        // (probe:118-119); percentage 0 × 100 / 2.
        assertThat(r.verdict()).isEqualTo(Verdict.STOPPED);
        assertThat(c.calls(SimulatedCluster.Operation.DELETE_PODS)).isZero();
        assertThat(check(r, "errors after").verdict()).isEqualTo(ProbeVerdict.NOT_EXECUTED);
        assertThat(r.probeSuccessPercentage()).isZero();
    }

    @Test
    @DisplayName("27. an Edge probe that fails before the chaos stays failed, though it passes after")
    void edgeFailedBeforeStaysFailed() {
        errorsBetween(0, 1, 5);
        ExperimentResult r = run(cluster(3), manifest().probe(prom("errors edge", "Edge", "errors", 1, "")));

        // In post-chaos a verdict already Failed is not overwritten (probe:90-93), nor counted (probe:190-192).
        assertThat(samplesOf(r, "errors edge")).containsExactly(t(0), t(44));
        assertThat(check(r, "errors edge").verdict()).isEqualTo(ProbeVerdict.FAILED);
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.probeSuccessPercentage()).isZero();
    }

    @Test
    @DisplayName("28. an EOT probe with stopOnFailure that fails: Stopped; the EOT probes after it are not run")
    void eotStopOnFailure() {
        errorsBetween(40, 1000, 5);
        ExperimentResult r = run(cluster(3), manifest()
                .probe(prom("eot strict", "EOT", "errors", 1, "stopOnFailure: true"))
                .probe(prom("eot lenient", "EOT", "errors", 1000, "")));

        // EOT probes run in order (probe:73-76); the failing one returns its error (probe:214): Stopped (result:172).
        assertThat(r.verdict()).isEqualTo(Verdict.STOPPED);
        assertThat(check(r, "eot lenient").verdict()).isEqualTo(ProbeVerdict.NOT_EXECUTED);
        assertThat(samplesOf(r, "eot lenient")).isEmpty();
        assertThat(r.probeSuccessPercentage()).isZero();
    }

    @Test
    @DisplayName("29. an Error with a probe already failed is a Fail, its percentage computed")
    void errorWithFailedProbeIsFail() {
        errorsBetween(0, 1, 5);
        ExperimentResult r = run(cluster(3), manifest().applabel("app=wbe")
                .probe(prom("errors before", "SOT", "errors", 1, ""))
                .probe(prom("errors fine", "SOT", "errors", 1000, "")));

        // Phase Error, but a Failed probe turns the verdict to Fail (result:168-170): 1 × 100 / 2.
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.probeSuccessPercentage()).isEqualTo(50);
        assertThat(r.reason()).contains("no target pods found");
    }

    @Test
    @DisplayName("30. engineState set to stop during the run aborts it: Stopped")
    void engineStopAborts() {
        SimulatedCluster c = cluster(3);
        List<EngineState> state = new ArrayList<>(List.of(EngineState.ACTIVE));
        ChaosRunner runner = ChaosRunner.builder().timers(time).cluster(c).metrics(metrics)
                .guard(BlastRadiusGuard.allowing(NS))
                .engineState(() -> time.now().isBefore(t(15)) ? state.get(0) : EngineState.STOP).build();
        ExperimentResult r = runner.run(manifest().parse());

        // The abort writes Stopped/Stopped (common:130); no probe: percentage 0 (result:199-205).
        assertThat(r.verdict()).isEqualTo(Verdict.STOPPED);
        assertThat(at(r)).containsExactly(t(0));
        assertThat(r.probeSuccessPercentage()).isZero();
    }

    @Test
    @DisplayName("31. a PODS_AFFECTED_PERC range is drawn once per run")
    void percentageRangeDrawnOnce() {
        SimulatedCluster c = cluster(4);
        ExperimentResult r = run(c, manifest().env("PODS_AFFECTED_PERC", "50-100").env("TOTAL_CHAOS_DURATION", "40"));

        // ValidateRange draws lb + rand.Intn(ub - lb + 1) (common:243-258) once, in SetChaosTunables (lib:40).
        assertThat(r.injections()).hasSizeGreaterThan(1);
        int size = r.injections().get(0).targets().size();
        assertThat(size).isBetween(2, 4);
        assertThat(r.injections()).allSatisfy(i -> assertThat(i.targets()).hasSize(size));
    }

    @Test
    @DisplayName("32. the ChaosResult written for a run carries Litmus's verdict, phase and probeSuccessPercentage")
    void chaosResultYaml() {
        errorsBetween(0, 1, 5);
        ExperimentResult r = run(cluster(3), manifest()
                .probe(prom("errors before", "SOT", "errors", 1, ""))
                .probe(prom("errors after", "EOT", "errors", 1, "")));
        String yaml = ChaosResultYaml.render(r, "pod-delete");

        assertThat(yaml).contains("verdict: \"Fail\"", "phase: \"Completed\"", "probeSuccessPercentage: \"50\"",
                "name: \"web-chaos-pod-delete\"");
        assertThat(yaml).contains("verdict: \"Failed\"").contains("verdict: \"Passed\"");

        ExperimentResult error = run(cluster(3), manifest().applabel("app=none"));
        assertThat(ChaosResultYaml.render(error, "pod-delete")).contains("verdict: \"Error\"", "phase: \"Error\"",
                "probeSuccessPercentage: \"0\"");
    }
}
