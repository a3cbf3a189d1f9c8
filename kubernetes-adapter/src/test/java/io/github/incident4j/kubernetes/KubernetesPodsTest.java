package io.github.incident4j.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.incident4j.spi.ClusterOperations.Pod;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("pods by selector")
class KubernetesPodsTest extends KubernetesAdapterTestSupport {

    @Test
    @DisplayName("lists the pods matching the selector, sorted by name, with phase, readiness, restarts and waiting reason")
    void podsWithStatus() {
        cluster.pod(ns, "web-b", Map.of("app", "web", "tier", "front"), "Running", false, 7, "CrashLoopBackOff");
        cluster.pod(ns, "web-a", Map.of("app", "web"), "Running", true, 1, "", "sidecar");
        cluster.pod(ns, "db-0", Map.of("app", "db"), "Running", true, 0, "");

        List<Pod> pods = ops.pods(ns, Map.of("app", "web"));

        assertThat(pods).extracting(Pod::name).containsExactly("web-a", "web-b");
        Pod healthy = pods.get(0);
        assertThat(healthy.phase()).isEqualTo("Running");
        assertThat(healthy.ready()).isTrue();
        assertThat(healthy.restarts()).isEqualTo(1);
        assertThat(healthy.waitingReason()).isEmpty();
        assertThat(healthy.status()).isEqualTo("Running");
        assertThat(healthy.startedAt()).contains(Instant.parse("2026-03-02T08:00:00Z"));
        Pod crashing = pods.get(1);
        assertThat(crashing.ready()).isFalse();
        assertThat(crashing.restarts()).isEqualTo(7);
        assertThat(crashing.waitingReason()).isEqualTo("CrashLoopBackOff");
        assertThat(crashing.status()).isEqualTo("CrashLoopBackOff");
        assertThat(crashing.labels()).containsEntry("tier", "front");
    }

    /** Stores a pod document as the API server holds it (metadata and spec, then status). */
    private void stored(String resource) throws IOException {
        String yaml;
        try (InputStream in = KubernetesPodsTest.class.getResourceAsStream("/pods/" + resource)) {
            yaml = new String(Objects.requireNonNull(in, resource).readAllBytes(), StandardCharsets.UTF_8);
        }
        io.fabric8.kubernetes.api.model.Pod pod = cluster.client().getKubernetesSerialization()
                .unmarshal(yaml, io.fabric8.kubernetes.api.model.Pod.class);
        io.fabric8.kubernetes.api.model.Pod created = cluster.client().pods().inNamespace(ns).resource(pod).create();
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            // The API server ignores a deletion timestamp on create; the mock keeps a marked pod only while a
            // finalizer holds it (a kubelet does on a real cluster).
            created.getMetadata().setDeletionTimestamp(pod.getMetadata().getDeletionTimestamp());
            created.getMetadata().setFinalizers(java.util.List.of(KubernetesMockCluster.HELD));
            created = cluster.client().pods().inNamespace(ns).resource(created).update();
        }
        created.setStatus(pod.getStatus());
        cluster.client().pods().inNamespace(ns).resource(created).updateStatus();
    }

    private Pod only() {
        return ops.pods(ns, Map.of("app", "payment")).get(0);
    }

    @Test
    @DisplayName("an init container crash-looping with 4 restarts reads Init:CrashLoopBackOff and 4 restarts, as kubectl prints it")
    void initContainerCrashLoop() throws IOException {
        stored("init-crashloop.yaml");

        Pod pod = only();

        assertThat(pod.status()).isEqualTo("Init:CrashLoopBackOff");
        assertThat(pod.restarts()).isEqualTo(4);
        assertThat(pod.waitingReason()).isEqualTo("CrashLoopBackOff");
        assertThat(pod.phase()).isEqualTo("Pending");
        assertThat(pod.ready()).isFalse();
        assertThat(pod.startedAt()).contains(Instant.parse("2026-03-02T09:00:00Z"));
    }

    @Test
    @DisplayName("a running, ready pod with a deletion timestamp reads Terminating")
    void terminating() throws IOException {
        stored("terminating.yaml");

        Pod pod = only();

        assertThat(pod.status()).isEqualTo("Terminating");
        assertThat(pod.phase()).isEqualTo("Running");
        assertThat(pod.ready()).isTrue();
    }

    @Test
    @DisplayName("a failed pod whose container terminated with Error reads Error")
    void failedWithError() throws IOException {
        stored("failed-job.yaml");

        Pod pod = only();

        assertThat(pod.status()).isEqualTo("Error");
        assertThat(pod.phase()).isEqualTo("Failed");
        assertThat(pod.waitingReason()).isEmpty();
    }

    @Test
    @DisplayName("sends the selector as an equality label selector")
    void selectorOnTheWire() {
        ops.pods(ns, Map.of("app", "web"));

        assertThat(cluster.requests()).anySatisfy(r -> assertThat(r.path())
                .isEqualTo("/api/v1/namespaces/" + ns + "/pods?labelSelector=app%3Dweb"));
    }

    @Test
    @DisplayName("a pod not yet seen by the API server is Pending, not ready, with no start time")
    void podWithoutStatus() {
        cluster.client().pods().inNamespace(ns).resource(new io.fabric8.kubernetes.api.model.PodBuilder()
                .withNewMetadata().withName("new").addToLabels("app", "web").endMetadata().withNewSpec()
                .addNewContainer().withName("app").withImage("i").endContainer().endSpec().build()).create();

        Pod pod = ops.pods(ns, Map.of("app", "web")).get(0);

        assertThat(pod.phase()).isEqualTo("Pending");
        assertThat(pod.status()).isEqualTo("Pending");
        assertThat(pod.ready()).isFalse();
        assertThat(pod.startedAt()).isEmpty();
    }

    @Test
    @DisplayName("fromDefaultKubeconfig uses fabric8's standard configuration (here the kubernetes.master system property)")
    void defaultConfiguration() {
        cluster.pod(ns, "web-a", Map.of("app", "web"), "Running", true, 0, "");
        Map<String, String> properties = Map.of("kubernetes.master", cluster.client().getMasterUrl().toString(),
                "kubernetes.auth.tryKubeConfig", "false", "kubernetes.auth.tryServiceAccount", "false",
                "kubernetes.request.retry.backoffLimit", "0");
        Map<String, String> previous = new java.util.HashMap<>();
        properties.forEach((k, v) -> previous.put(k, System.setProperty(k, v)));
        KubernetesClusterOperations fromConfig;
        try {
            fromConfig = KubernetesClusterOperations.fromDefaultKubeconfig(Clock.fixed(NOW, ZoneOffset.UTC));
        } finally {
            previous.forEach((k, v) -> {
                if (v == null) {
                    System.clearProperty(k);
                } else {
                    System.setProperty(k, v);
                }
            });
        }
        try (KubernetesClient client = fromConfig.client()) {
            assertThat(fromConfig.pods(ns, Map.of("app", "web"))).extracting(Pod::name).containsExactly("web-a");
            assertThat(client.getConfiguration().getMasterUrl()).isEqualTo(cluster.client().getMasterUrl().toString());
        }
    }
}
