package io.github.incident4j.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.github.incident4j.chaos.BlastRadiusGuard;
import io.github.incident4j.chaos.ChaosExperiment;
import io.github.incident4j.chaos.ChaosRunner;
import io.github.incident4j.chaos.ExperimentResult;
import io.github.incident4j.chaos.PodDeleteInjector;
import io.github.incident4j.common.Quantity;
import io.github.incident4j.format.ChaosEngineYaml;
import io.github.incident4j.sim.ScriptedMetrics;
import io.github.incident4j.sim.VirtualTime;
import io.github.incident4j.spi.ClusterException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The runner and Litmus give a host the same verdict for the same manifest on a healthy application. The runner runs
 * the seed engine on the adapter against the mock API server; on the Litmus side, no operator runs on the mock, so a
 * stand-in writes the ChaosResult litmus-go writes for a healthy application (Pass, probeSuccessPercentage 100:
 * pkg/result/chaosresult.go, the "pass" case) when the engine is applied, and the host reads it through
 * {@link LitmusChaos#awaitVerdict}.
 */
@DisplayName("LitmusChaos and ChaosRunner give the same verdict for the same manifest")
class KubernetesChaosParityTest extends KubernetesAdapterTestSupport {

    private static final Map<String, String> APP = Map.of("app", "payment-service");

    private static String seed() throws IOException {
        try (InputStream in = KubernetesChaosParityTest.class.getResourceAsStream("/seed/chaos-pod-delete.yaml")) {
            assertThat(in).as("seed from core's test-jar").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    @DisplayName("on a healthy application both say Pass, 100 %, for the seed engine")
    void sameVerdictOnAHealthyApp() throws IOException {
        VirtualTime time = VirtualTime.startingAt(NOW);
        KubernetesClusterOperations ops = KubernetesClusterOperations.using(cluster.client(), time.clock());
        String manifest = seed().replace("production", ns);
        cluster.rolledOut(ns, "payment-service", APP, 3,
                List.of(new KubernetesMockCluster.Release("payment:2.3.0", "")));
        cluster.replaceDeletedPods(time, time.clock(), Duration.ofSeconds(1));
        ChaosExperiment experiment = ChaosEngineYaml.parse(manifest);

        ExperimentResult runner = ChaosRunner.builder().timers(time).cluster(ops).injector(new PodDeleteInjector(ops))
                .metrics(ScriptedMetrics.builder().constant("p99 latency", Map.of(), Quantity.millis(180))
                        .constant("error rate", Map.of(), Quantity.percent(0.1)).build())
                .integrityCheck(io.github.incident4j.spi.DataIntegrityCheck.fingerprint(t -> "1200 orders"))
                .guard(BlastRadiusGuard.allowing(ns)).build().run(experiment);

        // Litmus's side: the engine is applied; the stand-in operator writes the result 44 s later, as long as the
        // seed takes (two strikes, each followed by the interval and the recovery wait).
        ops.chaos().applyEngine(ns, manifest);
        time.schedule(time.now().plusSeconds(44),
                () -> cluster.chaosResult(ns, "pod-delete-test-pod-delete", "Completed", "Pass", "100"));
        ChaosVerdict litmus = ops.chaos().awaitVerdict(ns, "pod-delete-test", "pod-delete", time, Duration.ofSeconds(5),
                Duration.ofMinutes(5));

        assertThat(runner.verdict()).as(runner.reason()).isEqualTo(ExperimentResult.Verdict.PASS);
        assertThat(litmus.asVerdict()).contains(runner.verdict());
        assertThat(litmus.probeSuccess()).hasValue((double) runner.probeSuccessPercentage());
    }

    @Test
    @DisplayName("waiting for a verdict that never comes ends in a TIMEOUT ClusterException, in the timers' time")
    void awaitTimesOut() {
        VirtualTime time = VirtualTime.startingAt(NOW);
        assertThatThrownBy(() -> ops.chaos().awaitVerdict(ns, "none", "pod-delete", time, Duration.ofSeconds(5),
                Duration.ofSeconds(30)))
                .isInstanceOfSatisfying(ClusterException.class,
                        e -> assertThat(e.reason()).isEqualTo(ClusterException.Reason.TIMEOUT))
                .hasMessageContaining("not created");
        assertThat(time.now()).isEqualTo(NOW.plusSeconds(30));
    }

    @Test
    @DisplayName("nodes are listed by label and pods mapped to their node, for NODE_LABEL")
    void nodesAndPodNodes() {
        cluster.client().nodes().resource(new NodeBuilder().withNewMetadata().withName("n-b")
                .withLabels(Map.of("zone", "b")).endMetadata().build()).create();
        cluster.client().nodes().resource(new NodeBuilder().withNewMetadata().withName("n-a")
                .withLabels(Map.of("zone", "a")).endMetadata().build()).create();
        cluster.client().pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata().withName("web-1")
                .withLabels(APP).endMetadata().withNewSpec().withNodeName("n-b").endSpec().build()).create();
        cluster.client().pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata().withName("web-2")
                .withLabels(APP).endMetadata().build()).create();

        assertThat(ops.nodes(Map.of("zone", "b"))).containsExactly("n-b");
        assertThat(ops.nodes(Map.of())).containsExactly("n-a", "n-b");
        assertThat(ops.podNodes(ns, APP)).containsExactly(Map.entry("web-1", "n-b"));
    }
}
