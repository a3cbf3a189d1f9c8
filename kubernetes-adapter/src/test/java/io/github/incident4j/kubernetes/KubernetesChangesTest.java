package io.github.incident4j.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v1.ScaleBuilder;
import io.github.incident4j.spi.ClusterException.Reason;
import io.github.incident4j.spi.ClusterOperations.Pod;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("scale, rollout restart and pod deletion")
class KubernetesChangesTest extends KubernetesAdapterTestSupport {

    @Test
    @DisplayName("scale sends kubectl's one request: a JSON merge patch of the scale subresource, nothing read before")
    void scale() {
        cluster.deployment(ns, "web", "shop/web:v1", 3, 1);
        cluster.clearRequests();

        ops.scale(ns, "web", 6);

        assertThat(cluster.requests()).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("PATCH");
            assertThat(r.path()).isEqualTo("/apis/apps/v1/namespaces/" + ns + "/deployments/web/scale");
            assertThat(r.contentType()).startsWith("application/merge-patch+json");
            assertThat(json(r.body())).isEqualTo(json("{\"spec\":{\"replicas\":6}}"));
        });
        assertThat(cluster.get(ns, "web").getSpec().getReplicas()).isEqualTo(6);
        cluster.clearRequests();
        assertFailure(Reason.NOT_FOUND, () -> ops.scale(ns, "ghost", 2)).hasMessageContaining("scale of deployment "
                + ns + "/ghost");
        assertThat(cluster.requests()).extracting(KubernetesMockCluster.Request::method).containsExactly("PATCH");
    }

    @Test
    @DisplayName("scale accepts the Scale object a real API server answers with")
    void scaleAnswer() {
        cluster.server().expect().patch().withPath("/apis/apps/v1/namespaces/" + ns + "/deployments/api/scale")
                .andReturn(200, new ScaleBuilder().withNewMetadata().withName("api").withNamespace(ns).endMetadata()
                        .withNewSpec().withReplicas(4).endSpec().withNewStatus().withReplicas(3)
                        .withSelector("app=api").endStatus().build()).once();

        ops.scale(ns, "api", 4);

        assertThat(cluster.patches()).singleElement().extracting(KubernetesMockCluster.Request::path)
                .isEqualTo("/apis/apps/v1/namespaces/" + ns + "/deployments/api/scale");
    }

    @Test
    @DisplayName("rollout restart patches the restartedAt template annotation in RFC 3339 from the clock, as a strategic merge patch")
    void restart() {
        cluster.deployment(ns, "web", "shop/web:v1", 3, 1);
        cluster.clearRequests();

        ops.rolloutRestart(ns, "web");

        assertThat(cluster.patches()).hasSize(1);
        KubernetesMockCluster.Request patch = cluster.patches().get(0);
        assertThat(patch.contentType()).startsWith("application/strategic-merge-patch+json");
        assertThat(json(patch.body())).isEqualTo(json("{\"spec\":{\"template\":{\"metadata\":{\"annotations\":"
                + "{\"kubectl.kubernetes.io/restartedAt\":\"2026-03-02T09:15:30Z\"}}}}}"));
        assertThat(cluster.get(ns, "web").getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("kubectl.kubernetes.io/restartedAt", "2026-03-02T09:15:30Z");
    }

    @Test
    @DisplayName("rollout restart writes the clock's offset and refuses a second restart in the same second")
    void restartOffsetAndTwice() {
        cluster.deployment(ns, "web", "shop/web:v1", 3, 1);
        KubernetesClusterOperations berlin = KubernetesClusterOperations.using(cluster.client(),
                Clock.fixed(NOW.plusMillis(700), ZoneOffset.ofHours(1)));

        berlin.rolloutRestart(ns, "web");

        assertThat(cluster.get(ns, "web").getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("kubectl.kubernetes.io/restartedAt", "2026-03-02T10:15:30+01:00");
        assertFailure(Reason.CONFLICT, () -> berlin.rolloutRestart(ns, "web"))
                .hasMessageContaining("already been triggered within the past second");
    }

    @Test
    @DisplayName("rollout restart refuses a paused deployment")
    void restartPaused() {
        Deployment web = cluster.deployment(ns, "web", "shop/web:v1", 3, 1);
        web.getSpec().setPaused(true);
        cluster.update(web);
        cluster.clearRequests();

        assertFailure(Reason.CONFLICT, () -> ops.rolloutRestart(ns, "web"))
                .hasMessageContaining("can't restart paused deployment");
        assertThat(cluster.patches()).isEmpty();
    }

    @Test
    @DisplayName("deletes the named pods with kubectl's DeleteOptions (grace period, background propagation), skipping those already gone")
    void deleteNamed() {
        cluster.pod(ns, "web-a", Map.of("app", "web"), "Running", true, 0, "");
        cluster.pod(ns, "web-b", Map.of("app", "web"), "Running", true, 0, "");
        cluster.clearRequests();

        List<String> deleted = ops.deletePods(ns, List.of("web-a", "gone", "web-a"), Duration.ZERO);

        assertThat(deleted).containsExactly("web-a");
        assertThat(cluster.requests()).as("one DELETE per distinct name, nothing read first")
                .extracting(KubernetesMockCluster.Request::method, KubernetesMockCluster.Request::path)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("DELETE", "/api/v1/namespaces/" + ns + "/pods/web-a"),
                        org.assertj.core.groups.Tuple.tuple("DELETE", "/api/v1/namespaces/" + ns + "/pods/gone"));
        assertThat(cluster.requests()).first().satisfies(r -> {
            assertThat(json(r.body()).get("kind").asString()).isEqualTo("DeleteOptions");
            assertThat(json(r.body()).get("gracePeriodSeconds").asInt()).isZero();
            assertThat(json(r.body()).get("propagationPolicy").asString()).isEqualTo("Background");
        });
        assertThat(ops.pods(ns, Map.of("app", "web"))).extracting(Pod::name).containsExactly("web-b");
        cluster.clearRequests();

        ops.deletePods(ns, List.of("web-b"), Duration.ofMillis(29_500));

        assertThat(cluster.requests()).filteredOn(r -> r.method().equals("DELETE")).first()
                .satisfies(r -> assertThat(json(r.body()).get("gracePeriodSeconds").asInt()).isEqualTo(30));
    }

    @Test
    @DisplayName("deletes a percentage of the pods matching a selector, in name order")
    void deleteBySelection() {
        for (String name : List.of("web-d", "web-a", "web-c", "web-b")) {
            cluster.pod(ns, name, Map.of("app", "web"), "Running", true, 0, "");
        }
        cluster.pod(ns, "db-0", Map.of("app", "db"), "Running", true, 0, "");

        List<String> deleted = ops.deletePods(ns, Map.of("app", "web"), PodSelection.percent(50), Duration.ZERO);

        assertThat(deleted).containsExactly("web-a", "web-b");
        assertThat(ops.pods(ns, Map.of())).extracting(Pod::name).containsExactly("db-0", "web-c", "web-d");
    }
}
