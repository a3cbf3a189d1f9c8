package io.github.incident4j.kubernetes;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.incident4j.spi.ClusterException.Reason;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.OptionalLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("failures become ClusterExceptions")
class KubernetesFailuresTest extends KubernetesAdapterTestSupport {

    @Test
    @DisplayName("a forbidden call is FORBIDDEN, naming the operation, the object and the server's message")
    void forbidden() {
        cluster.forbidGet("/apis/apps/v1/namespaces/" + ns + "/deployments/web");

        assertFailure(Reason.FORBIDDEN, () -> ops.rolloutStatus(ns, "web"))
                .hasMessageContaining("rollout status of deployment " + ns + "/web")
                .hasMessageContaining("HTTP 403").hasMessageContaining("cannot get resource");
    }

    @Test
    @DisplayName("a call that does not answer in time is TIMEOUT")
    void timeout() {
        Deployment web = cluster.deployment(ns, "web", "shop/web:v1", 3, 1);
        cluster.slowGet("/apis/apps/v1/namespaces/" + ns + "/deployments/slow", Duration.ofSeconds(5), web);
        try (KubernetesClient impatient = cluster.clientWith(c -> c.withRequestRetryBackoffLimit(0)
                .withRequestTimeout(500))) {
            KubernetesClusterOperations quick = KubernetesClusterOperations.using(impatient, Clock.fixed(NOW, ZoneOffset.UTC));

            assertFailure(Reason.TIMEOUT, () -> quick.rolloutStatus(ns, "slow"))
                    .hasMessageContaining("rollout status of deployment " + ns + "/slow");
        }
    }

    @Test
    @DisplayName("an API server that is down is UNAVAILABLE")
    void down() throws Exception {
        try (KubernetesClient nowhere = KubernetesMockCluster.clientForDownServer()) {
            KubernetesClusterOperations offline = KubernetesClusterOperations.using(nowhere, Clock.fixed(NOW, ZoneOffset.UTC));

            assertFailure(Reason.UNAVAILABLE, () -> offline.rolloutUndo("shop", "web", OptionalLong.empty()))
                    .hasMessageContaining("rollout undo of deployment shop/web");
        }
    }
}
