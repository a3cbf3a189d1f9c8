package io.github.incident4j.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.incident4j.sim.VirtualTime;
import io.github.incident4j.spi.ClusterException;
import io.github.incident4j.spi.ClusterException.Reason;
import io.github.incident4j.spi.ClusterOperations.LogLine;
import io.github.incident4j.spi.ClusterOperations.Pod;
import io.github.incident4j.spi.ClusterOperations.Revision;
import io.github.incident4j.spi.ClusterOperations.RolloutStatus;
import io.github.incident4j.spi.ClusterOperations.UndoResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

@DisplayName("failures become ClusterExceptions")
class KubernetesFailuresTest extends KubernetesAdapterTestSupport {

    @Test
    @DisplayName("a forbidden call is FORBIDDEN, naming the operation, the object and the server's message")
    void forbidden() {
        cluster.forbidGet("/apis/apps/v1/namespaces/" + ns + "/deployments/web");

        assertThatThrownBy(() -> ops.rolloutStatus(ns, "web"))
                .isInstanceOfSatisfying(ClusterException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.FORBIDDEN))
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
            KubernetesClusterOperations quick = KubernetesClusterOperations.using(impatient, Clock.systemUTC());

            assertThatThrownBy(() -> quick.rolloutStatus(ns, "slow"))
                    .isInstanceOfSatisfying(ClusterException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT))
                    .hasMessageContaining("rollout status of deployment " + ns + "/slow");
        }
    }

    @Test
    @DisplayName("an API server that is down is UNAVAILABLE")
    void down() throws Exception {
        try (KubernetesClient nowhere = KubernetesMockCluster.clientForDownServer()) {
            KubernetesClusterOperations offline = KubernetesClusterOperations.using(nowhere, Clock.systemUTC());

            assertThatThrownBy(() -> offline.rolloutUndo("shop", "web", OptionalLong.empty()))
                    .isInstanceOfSatisfying(ClusterException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE))
                    .hasMessageContaining("rollout undo of deployment shop/web");
        }
    }
}
