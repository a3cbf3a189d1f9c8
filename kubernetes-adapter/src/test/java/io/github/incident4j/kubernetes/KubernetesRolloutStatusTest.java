package io.github.incident4j.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.sim.VirtualTime;
import io.github.incident4j.spi.ClusterException.Reason;
import io.github.incident4j.spi.ClusterOperations.RolloutStatus;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("rollout status, judged like kubectl")
class KubernetesRolloutStatusTest extends KubernetesAdapterTestSupport {

    private RolloutStatus statusWith(long observed, int replicas, int updated, int available, String reason) {
        cluster.deployment(ns, "web", "shop/web:v1", 3, 1);
        cluster.status(ns, "web", observed, replicas, updated, available, reason);
        return ops.rolloutStatus(ns, "web");
    }

    @Test
    @DisplayName("waits for the spec update to be observed when observedGeneration is behind")
    void notObserved() {
        RolloutStatus status = statusWith(0, 3, 3, 3, "");
        assertThat(status).isEqualTo(new RolloutStatus(false, false,
                "Waiting for deployment spec update to be observed...", 3, 3, 3));
    }

    @Test
    @DisplayName("counts updated replicas against desired ones")
    void updating() {
        assertThat(statusWith(-1, 3, 1, 1, "ReplicaSetUpdated").message()).isEqualTo(
                "Waiting for deployment \"web\" rollout to finish: 1 out of 3 new replicas have been updated...");
    }

    @Test
    @DisplayName("waits for old replicas to terminate")
    void oldReplicas() {
        assertThat(statusWith(-1, 5, 3, 3, "").message()).isEqualTo(
                "Waiting for deployment \"web\" rollout to finish: 2 old replicas are pending termination...");
    }

    @Test
    @DisplayName("waits for updated replicas to become available")
    void availability() {
        RolloutStatus status = statusWith(-1, 3, 3, 1, "");
        assertThat(status).isEqualTo(new RolloutStatus(false, false,
                "Waiting for deployment \"web\" rollout to finish: 1 of 3 updated replicas are available...",
                3, 3, 1));
    }

    @Test
    @DisplayName("is done when every desired replica is updated and available")
    void done() {
        RolloutStatus status = statusWith(-1, 3, 3, 3, "NewReplicaSetAvailable");
        assertThat(status).isEqualTo(new RolloutStatus(true, false,
                "deployment \"web\" successfully rolled out", 3, 3, 3));
    }

    @Test
    @DisplayName("fails when the Progressing condition says ProgressDeadlineExceeded")
    void deadline() {
        RolloutStatus status = statusWith(-1, 3, 1, 0, "ProgressDeadlineExceeded");
        assertThat(status.failed()).isTrue();
        assertThat(status.done()).isFalse();
        assertThat(status.message()).isEqualTo("deployment \"web\" exceeded its progress deadline");
    }

    @Test
    @DisplayName("awaitRollout polls through the Timers until the rollout is done")
    void awaitDone() {
        VirtualTime time = VirtualTime.startingAt(NOW);
        KubernetesClusterOperations timed = KubernetesClusterOperations.using(cluster.client(), time.clock());
        cluster.deployment(ns, "web", "shop/web:v1", 3, 1);
        cluster.status(ns, "web", -1, 3, 3, 1, "");
        time.schedule(NOW.plusSeconds(10), () -> cluster.status(ns, "web", -1, 3, 3, 3, ""));

        RolloutStatus status = timed.awaitRollout(ns, "web", Duration.ofMinutes(1), Duration.ofSeconds(4), time);

        assertThat(status.done()).isTrue();
        assertThat(time.now()).isEqualTo(NOW.plusSeconds(12));
    }

    @Test
    @DisplayName("awaitRollout gives up with TIMEOUT after its timeout, naming the last observation")
    void awaitTimeout() {
        VirtualTime time = VirtualTime.startingAt(NOW);
        KubernetesClusterOperations timed = KubernetesClusterOperations.using(cluster.client(), time.clock());
        cluster.deployment(ns, "web", "shop/web:v1", 3, 1);
        cluster.status(ns, "web", -1, 3, 3, 1, "");
        cluster.clearRequests();

        assertFailure(Reason.TIMEOUT, () -> timed.awaitRollout(ns, "web", Duration.ofSeconds(30), Duration.ofSeconds(10),
                time))
                .hasMessageContaining("1 of 3 updated replicas are available");
        assertThat(time.now()).isEqualTo(NOW.plusSeconds(30));
        assertThat(cluster.requests()).hasSize(4);
    }

    @Test
    @DisplayName("awaitRollout returns a failed rollout at once")
    void awaitFailed() {
        VirtualTime time = VirtualTime.startingAt(NOW);
        KubernetesClusterOperations timed = KubernetesClusterOperations.using(cluster.client(), time.clock());
        cluster.deployment(ns, "web", "shop/web:v1", 3, 1);
        cluster.status(ns, "web", -1, 3, 1, 0, "ProgressDeadlineExceeded");

        assertThat(timed.awaitRollout(ns, "web", Duration.ofMinutes(1), Duration.ofSeconds(5), time).failed())
                .isTrue();
        assertThat(time.now()).isEqualTo(NOW);
    }
}
