package io.github.incident4j.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.github.incident4j.spi.ClusterException.Reason;
import io.github.incident4j.spi.ClusterOperations.Revision;
import io.github.incident4j.spi.ClusterOperations.UndoResult;
import java.util.OptionalLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@DisplayName("rollout undo, the way kubectl does it")
class KubernetesRolloutUndoTest extends KubernetesAdapterTestSupport {

    @Test
    @DisplayName("restores the previous owned revision in ONE JSON patch: template without pod-template-hash, annotations as kubectl copies them")
    void undoToPrevious() {
        webWithThreeRevisions();
        cluster.unownedReplicaSet(ns, "web", 9, "evil/web:latest");
        cluster.clearRequests();

        UndoResult result = ops.rolloutUndo(ns, "web", OptionalLong.empty());

        assertThat(result).isEqualTo(new UndoResult(3, 2, false, "deployment.apps/web rolled back"));
        assertThat(cluster.patches()).hasSize(1);
        KubernetesMockCluster.Request patch = cluster.patches().get(0);
        assertThat(patch.path()).isEqualTo("/apis/apps/v1/namespaces/" + ns + "/deployments/web");
        assertThat(patch.contentType()).startsWith("application/json-patch+json");
        JsonNode ops = json(patch.body());
        assertThat(ops).hasSize(2);
        assertThat(ops.get(0).get("op").asString()).isEqualTo("replace");
        assertThat(ops.get(0).get("path").asString()).isEqualTo("/spec/template");
        JsonNode template = ops.get(0).get("value");
        assertThat(template.at("/spec/containers/0/image").asString()).isEqualTo("shop/web:v2");
        assertThat(template.at("/metadata/labels").has("pod-template-hash")).isFalse();
        assertThat(template.at("/metadata/labels/app").asString()).isEqualTo("web");
        assertThat(ops.get(1).get("op").asString()).isEqualTo("replace");
        assertThat(ops.get(1).get("path").asString()).isEqualTo("/metadata/annotations");
        JsonNode annotations = ops.get(1).get("value");
        // Kept from the deployment: the revision; copied from the ReplicaSet: the change cause; never the
        // ReplicaSet's replica bookkeeping.
        assertThat(annotations.get("deployment.kubernetes.io/revision").asString()).isEqualTo("3");
        assertThat(annotations.get("kubernetes.io/change-cause").asString())
                .isEqualTo("kubectl set image deployment/web web=shop/web:v2");
        assertThat(annotations.has("deployment.kubernetes.io/desired-replicas")).isFalse();
        assertThat(annotations.has("deployment.kubernetes.io/max-replicas")).isFalse();

        Deployment after = cluster.get(ns, "web");
        assertThat(after.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("shop/web:v2");
        assertThat(after.getSpec().getTemplate().getMetadata().getLabels()).doesNotContainKey("pod-template-hash");
    }

    @Test
    @DisplayName("restores a given revision")
    void undoToGiven() {
        webWithThreeRevisions();

        UndoResult result = ops.rolloutUndo(ns, "web", OptionalLong.of(1));

        assertThat(result.toRevision()).isEqualTo(1);
        assertThat(cluster.get(ns, "web").getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("shop/web:v1");
    }

    @Test
    @DisplayName("an unknown revision is NOT_FOUND with kubectl's message, and nothing is patched")
    void unknownRevision() {
        webWithThreeRevisions();
        // Revision 9 exists only on a ReplicaSet the deployment does not own.
        cluster.unownedReplicaSet(ns, "web", 9, "evil/web:latest");

        for (long revision : new long[] {5, 9, -1}) {
            assertFailure(Reason.NOT_FOUND, () -> ops.rolloutUndo(ns, "web", OptionalLong.of(revision)))
                    .hasMessageContaining("unable to find specified revision " + revision + " in history")
                    .hasMessageContaining(ns + "/web");
        }
        assertThat(cluster.patches()).isEmpty();
    }

    @Test
    @DisplayName("with a single ReplicaSet there is no history to go back to (NOT_FOUND), unlike fabric8's undo()")
    void singleReplicaSet() {
        Deployment web = cluster.deployment(ns, "web", "shop/web:v1", 3, 1);
        cluster.ownedReplicaSet(web, 1, "shop/web:v1", "");

        assertFailure(Reason.NOT_FOUND, () -> ops.rolloutUndo(ns, "web", OptionalLong.empty()))
                .hasMessage("no rollout history found for deployment \"web\"");
    }

    @Test
    @DisplayName("a plain undo whose previous revision is already the template is skipped, and says revision 0 like kubectl")
    void plainUndoAlreadyCurrent() {
        webWithThreeRevisions();
        // Without a deployment controller the ReplicaSets stay as they were: revision 2 is still the previous one.
        ops.rolloutUndo(ns, "web", OptionalLong.empty());
        cluster.clearRequests();

        UndoResult again = ops.rolloutUndo(ns, "web", OptionalLong.empty());

        assertThat(again).isEqualTo(new UndoResult(3, 2, true,
                "deployment.apps/web skipped rollback (current template already matches revision 0)"));
        assertThat(ops.rolloutUndo(ns, "web", OptionalLong.of(0)).message()).endsWith("matches revision 0)");
        assertThat(cluster.patches()).isEmpty();
    }

    @Test
    @DisplayName("a paused deployment is refused (CONFLICT) and not patched")
    void paused() {
        Deployment web = webWithThreeRevisions();
        Deployment stored = cluster.get(ns, "web");
        stored.getSpec().setPaused(true);
        cluster.update(stored);
        cluster.clearRequests();

        assertFailure(Reason.CONFLICT, () -> ops.rolloutUndo(ns, "web", OptionalLong.empty()))
                .hasMessage("you cannot rollback a paused deployment; resume it first with"
                        + " 'kubectl rollout resume deployment/web' and try again");
        assertThat(cluster.patches()).isEmpty();
        assertThat(web.getMetadata().getName()).isEqualTo("web");
    }

    @Test
    @DisplayName("is skipped when the template already matches the revision, ignoring pod-template-hash")
    void alreadyCurrent() {
        webWithThreeRevisions();

        UndoResult result = ops.rolloutUndo(ns, "web", OptionalLong.of(3));

        assertThat(result).isEqualTo(new UndoResult(3, 3, true,
                "deployment.apps/web skipped rollback (current template already matches revision 3)"));
        assertThat(cluster.patches()).isEmpty();
    }

    @Test
    @DisplayName("a missing deployment is NOT_FOUND")
    void missing() {
        assertFailure(Reason.NOT_FOUND, () -> ops.rolloutUndo(ns, "ghost", OptionalLong.empty()))
                .hasMessageContaining("rollout undo of deployment " + ns + "/ghost");
    }
}
