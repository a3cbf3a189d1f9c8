package io.github.incident4j.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.github.incident4j.sim.VirtualTime;
import io.github.incident4j.spi.ClusterOperations;
import io.github.incident4j.spi.ClusterOperations.LogLine;
import io.github.incident4j.spi.ClusterOperations.Pod;
import io.github.incident4j.spi.ClusterOperations.Revision;
import io.github.incident4j.spi.ClusterOperations.UndoResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The seed runbook's kubectl commands (diagnosis, rollback, scale, restart) and the seed chaos experiment's
 * pod-delete step, issued through the {@link ClusterOperations} SPI against the mock API server, in the order an
 * on-call engineer would type them. The runbook runner itself is not in this module; this is the cluster half.
 */
@DisplayName("the seed runbook and chaos experiment through the adapter")
class KubernetesSeedScenarioTest extends KubernetesAdapterTestSupport {

    @Test
    @DisplayName("diagnose a bad release of payment-service, roll it back, watch the rollout, scale and restart")
    void runbook() {
        VirtualTime time = VirtualTime.startingAt(NOW);
        KubernetesClusterOperations adapter = KubernetesClusterOperations.using(cluster.client(), time.clock());
        ClusterOperations spi = adapter;
        Map<String, String> app = Map.of("app", "payment-service");
        Deployment deployment = cluster.deployment(ns, "payment-service", "pay:1.4.0", 3, 2);
        cluster.ownedReplicaSet(deployment, 1, "pay:1.3.9", "release 1.3.9");
        cluster.ownedReplicaSet(deployment, 2, "pay:1.4.0", "release 1.4.0");
        cluster.pod(ns, "payment-service-7d9-a", app, "Running", false, 5, "CrashLoopBackOff");
        cluster.pod(ns, "payment-service-7d9-b", app, "Running", true, 0, "");
        cluster.expectLog(ns, "payment-service-7d9-a", "app", 600,
                KubernetesClusterOperations.DEFAULT_LOG_LINES_PER_CONTAINER,
                KubernetesClusterOperations.DEFAULT_LOG_BYTES_PER_CONTAINER,
                "2026-03-02T09:10:00Z ERROR NullPointerException in CheckoutHandler\n2026-03-02T09:10:01Z INFO retry\n");
        cluster.expectLog(ns, "payment-service-7d9-b", "app", 600,
                KubernetesClusterOperations.DEFAULT_LOG_LINES_PER_CONTAINER,
                KubernetesClusterOperations.DEFAULT_LOG_BYTES_PER_CONTAINER, "");

        // kubectl get pods -n production -l app=service-name
        List<Pod> pods = spi.pods(ns, app);
        assertThat(pods).filteredOn(p -> p.waitingReason().equals("CrashLoopBackOff")).hasSize(1);
        // kubectl rollout history deployment/service-name
        List<Revision> history = spi.rolloutHistory(ns, "payment-service");
        assertThat(history).extracting(Revision::changeCause).containsExactly("release 1.3.9", "release 1.4.0");
        // kubectl logs -n production -l app=service-name --since=10m | grep ERROR
        List<LogLine> errors = spi.logs(ns, app, Duration.ofMinutes(10), "ERROR", 100);
        assertThat(errors).extracting(LogLine::text).containsExactly("ERROR NullPointerException in CheckoutHandler");
        // kubectl rollout undo deployment/service-name -n production
        UndoResult undo = spi.rolloutUndo(ns, "payment-service", OptionalLong.empty());
        assertThat(undo.toRevision()).isEqualTo(1);
        assertThat(cluster.get(ns, "payment-service").getSpec().getTemplate().getSpec().getContainers().get(0)
                .getImage()).isEqualTo("pay:1.3.9");
        // kubectl rollout status deployment/service-name -n production (the controller finishes after 20s)
        time.schedule(NOW.plusSeconds(20), () -> cluster.status(ns, "payment-service", -1, 3, 3, 3, ""));
        assertThat(adapter.awaitRollout(ns, "payment-service", Duration.ofMinutes(5), Duration.ofSeconds(5), time)
                .message()).isEqualTo("deployment \"payment-service\" successfully rolled out");
        // kubectl scale deployment/service-name --replicas=6 -n production
        spi.scale(ns, "payment-service", 6);
        // kubectl rollout restart deployment/service-name -n production
        spi.rolloutRestart(ns, "payment-service");

        Deployment after = cluster.get(ns, "payment-service");
        assertThat(after.getSpec().getReplicas()).isEqualTo(6);
        assertThat(after.getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("kubectl.kubernetes.io/restartedAt", "2026-03-02T09:15:50Z");
    }

    @Test
    @DisplayName("the seed chaos experiment's pod-delete step deletes one matching pod, not forced (FORCE=false)")
    void podDelete() {
        Map<String, String> app = Map.of("app", "payment-service");
        for (String name : List.of("payment-service-a", "payment-service-b", "payment-service-c")) {
            cluster.pod(ns, name, app, "Running", true, 0, "");
        }
        cluster.clearRequests();

        List<String> deleted = ops.deletePods(ns, app, PodSelection.count(1), Duration.ofSeconds(30));

        assertThat(deleted).containsExactly("payment-service-a");
        assertThat(cluster.requests()).filteredOn(r -> r.method().equals("DELETE")).singleElement()
                .satisfies(r -> assertThat(json(r.body()).get("gracePeriodSeconds").asInt()).isEqualTo(30));
        assertThat(ops.pods(ns, app)).extracting(Pod::name).containsExactly("payment-service-b", "payment-service-c");
    }
}
