package io.github.incident4j.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.github.incident4j.spi.ClusterException;
import io.github.incident4j.spi.ClusterException.Reason;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Shared set-up of the adapter tests: one mock API server per test class ({@link KubernetesMockCluster}), a fresh
 * namespace per test, the adapter on a fixed clock.
 */
abstract class KubernetesAdapterTestSupport {

    static final Instant NOW = Instant.parse("2026-03-02T09:15:30Z");
    private static final AtomicInteger NAMESPACES = new AtomicInteger();
    static final ObjectMapper JSON = new ObjectMapper();

    static KubernetesMockCluster cluster;

    String ns;
    KubernetesClusterOperations ops;

    @BeforeAll
    static void startServer() {
        cluster = KubernetesMockCluster.start();
    }

    @AfterAll
    static void stopServer() {
        cluster.close();
    }

    @BeforeEach
    void freshNamespace() {
        // One server for the class; every test works in its own namespace.
        ns = "t" + NAMESPACES.incrementAndGet();
        ops = KubernetesClusterOperations.using(cluster.client(), Clock.fixed(NOW, ZoneOffset.UTC));
        cluster.clearRequests();
    }

    /** A deployment "web" at revision 3 (image v3) owning ReplicaSets for revisions 1, 2 and 3. */
    Deployment webWithThreeRevisions() {
        Deployment web = cluster.deployment(ns, "web", "shop/web:v3", 3, 3);
        cluster.ownedReplicaSet(web, 1, "shop/web:v1", "initial release");
        cluster.ownedReplicaSet(web, 2, "shop/web:v2", "kubectl set image deployment/web web=shop/web:v2");
        cluster.ownedReplicaSet(web, 3, "shop/web:v3", "");
        return web;
    }

    /** Asserts that the call fails with a {@link ClusterException} of {@code reason}; continue on its message. */
    static AbstractThrowableAssert<?, ? extends Throwable> assertFailure(Reason reason, ThrowingCallable call) {
        return assertThatThrownBy(call).isInstanceOfSatisfying(ClusterException.class,
                e -> assertThat(e.reason()).isEqualTo(reason));
    }

    static JsonNode json(String text) {
        return JSON.readTree(text);
    }
}
