package io.github.incident4j.examples.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.incident4j.kubernetes.KubernetesClusterOperations;
import io.github.incident4j.spi.ClusterOperations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Wiring KubernetesClusterOperations from a kubeconfig (sample)")
class KubernetesWiringSampleTest {

    private final LoopbackServer apiServer = new LoopbackServer();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        apiServer.close();
    }

    @Test
    @DisplayName("the context named in the kubeconfig decides the server and the token the operations use")
    void fromKubeconfig() throws Exception {
        apiServer.answer(200, "application/json", """
                {"kind": "PodList", "apiVersion": "v1", "metadata": {}, "items": [
                  {"metadata": {"name": "web-7d4b9c-x2x4z", "namespace": "shop", "labels": {"app": "web"}},
                   "status": {"phase": "Running", "containerStatuses": [
                     {"name": "web", "ready": false, "restartCount": 7, "image": "web:2", "imageID": "",
                      "state": {"waiting": {"reason": "CrashLoopBackOff"}}}]}}]}
                """);
        Path kubeconfig = Files.writeString(dir.resolve("config"), """
                apiVersion: v1
                kind: Config
                current-context: elsewhere
                clusters:
                - name: staging
                  cluster:
                    server: %s
                - name: other
                  cluster:
                    server: http://127.0.0.1:9
                users:
                - name: ci-bot
                  user:
                    token: s3cr3t-token
                contexts:
                - name: staging
                  context: {cluster: staging, user: ci-bot, namespace: shop}
                - name: elsewhere
                  context: {cluster: other, user: ci-bot}
                """.formatted(apiServer.uri("")));

        List<ClusterOperations.Pod> pods;
        try (KubernetesClient client = KubernetesWiring.client(kubeconfig, "staging")) {
            ClusterOperations cluster = KubernetesClusterOperations.using(client,
                    Clock.fixed(Instant.parse("2026-03-03T10:00:00Z"), ZoneOffset.UTC));
            pods = cluster.pods("shop", Map.of("app", "web"));
        }
        LoopbackServer.Received request = apiServer.next();

        assertThat(pods).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("web-7d4b9c-x2x4z");
            assertThat(p.restarts()).isEqualTo(7);
            assertThat(p.waitingReason()).isEqualTo("CrashLoopBackOff");
        });
        assertThat(request.path()).isEqualTo("/api/v1/namespaces/shop/pods");
        assertThat(request.query()).contains("labelSelector=app%3Dweb");
        assertThat(request.headers().getFirst("Authorization")).isEqualTo("Bearer s3cr3t-token");
    }
}
