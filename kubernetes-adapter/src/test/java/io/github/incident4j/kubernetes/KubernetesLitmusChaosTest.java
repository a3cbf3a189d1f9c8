package io.github.incident4j.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incident4j.spi.ClusterOperations.Pod;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Litmus ChaosEngine and ChaosResult")
class KubernetesLitmusChaosTest extends KubernetesAdapterTestSupport {

    @Test
    @DisplayName("applies the seed ChaosEngine YAML as a litmuschaos.io/v1alpha1 resource, twice without error")
    void applyEngine() throws Exception {
        String yaml;
        try (var in = getClass().getResourceAsStream("/seed/chaos-pod-delete.yaml")) {
            assertThat(in).as("seed from core's test-jar").isNotNull();
            yaml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }

        ops.chaos().applyEngine(ns, yaml);
        ops.chaos().applyEngine(ns, yaml.replace("'30'", "'60'"));

        var stored = cluster.client().genericKubernetesResources(LitmusChaos.CHAOS_ENGINE).inNamespace(ns)
                .withName("pod-delete-test").get();
        assertThat(stored.getKind()).isEqualTo("ChaosEngine");
        assertThat(cluster.client().getKubernetesSerialization().asJson(stored.getAdditionalProperties()))
                .contains("\"appns\":\"production\"").contains("\"value\":\"60\"");
        assertThat(cluster.requests()).anySatisfy(r -> assertThat(r.path())
                .startsWith("/apis/litmuschaos.io/v1alpha1/namespaces/" + ns + "/chaosengines"));
    }

    @Test
    @DisplayName("refuses a document that is not a ChaosEngine")
    void notAnEngine() {
        assertThatThrownBy(() -> ops.chaos().applyEngine(ns, "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ChaosEngine");
    }

    @Test
    @DisplayName("reads a ChaosResult's verdict and probe success percentage; none before Litmus writes it")
    void verdict() {
        assertThat(ops.chaos().result(ns, "pod-delete-test", "pod-delete")).isEmpty();

        cluster.chaosResult(ns, "pod-delete-test-pod-delete", "Completed", "Pass", "100");

        Optional<ChaosVerdict> verdict = ops.chaos().result(ns, "pod-delete-test", "pod-delete");
        assertThat(verdict).contains(new ChaosVerdict("pod-delete-test-pod-delete", "Completed", "Pass", "100", ""));
        assertThat(verdict.get().passed()).isTrue();
        assertThat(verdict.get().decided()).isTrue();
        assertThat(verdict.get().probeSuccess()).hasValue(100.0);
    }
}
