package io.github.incident4j.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.github.incident4j.spi.ClusterException.Reason;
import io.github.incident4j.spi.ClusterOperations.Revision;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("rollout history")
class KubernetesRolloutHistoryTest extends KubernetesAdapterTestSupport {

    @Test
    @DisplayName("lists the revisions of the ReplicaSets the deployment owns, ascending, with change cause and image")
    void ownedOnly() {
        Deployment web = webWithThreeRevisions();
        cluster.unownedReplicaSet(ns, "web", 9, "evil/web:latest");
        Deployment other = cluster.deployment(ns, "web-canary", "shop/web:canary", 1, 1);
        // Labelled app=web-canary: ownership, not labels, decides; give it web's labels to make the point.
        var foreign = cluster.ownedReplicaSet(other, 7, "shop/web:canary", "");
        foreign.getMetadata().getLabels().put("app", "web");
        cluster.client().apps().replicaSets().inNamespace(ns).resource(foreign).update();

        List<Revision> history = ops.rolloutHistory(ns, "web");

        assertThat(history).extracting(Revision::number).containsExactly(1L, 2L, 3L);
        assertThat(history).extracting(Revision::image)
                .containsExactly("shop/web:v1", "shop/web:v2", "shop/web:v3");
        assertThat(history).extracting(Revision::changeCause).containsExactly("initial release",
                "kubectl set image deployment/web web=shop/web:v2", "");
        assertThat(history).allSatisfy(r -> assertThat(r.createdAt()).isAfter(Instant.EPOCH));
        assertThat(web.getMetadata().getUid()).isNotBlank();
    }

    @Test
    @DisplayName("a missing deployment is NOT_FOUND, naming the operation and the deployment")
    void missing() {
        assertFailure(Reason.NOT_FOUND, () -> ops.rolloutHistory(ns, "ghost"))
                .hasMessageContaining("rollout history").hasMessageContaining(ns + "/ghost");
    }
}
