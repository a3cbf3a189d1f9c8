package io.github.incident4j.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetricsBuilder;
import io.github.incident4j.spi.ClusterException.Reason;
import io.github.incident4j.spi.ClusterOperations.DrainOptions;
import io.github.incident4j.spi.ClusterOperations.LogOptions;
import io.github.incident4j.spi.ClusterOperations.Resource;
import io.github.incident4j.spi.ClusterOperations.ResourceQuery;
import io.github.incident4j.spi.ClusterOperations.UsageQuery;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the typed runbook operations on the fabric8 mock server")
class KubernetesTypedOperationsTest extends KubernetesAdapterTestSupport {

    ResourceQuery query(String kind, Optional<String> namespace) {
        return new ResourceQuery(kind, namespace, Optional.empty(), Map.of(), Optional.empty(), Optional.empty());
    }

    @Test
    @DisplayName("get pods says STATUS, READY and RESTARTS as kubectl does; a field selector is sent to the server")
    void getPods() {
        cluster.pod(ns, "web-b", Map.of("app", "web"), "Running", false, 7, "CrashLoopBackOff");
        cluster.pod(ns, "web-a", Map.of("app", "web"), "Running", true, 0, "");

        List<Resource> pods = ops.resources(query("pods", Optional.of(ns)));

        assertThat(pods).extracting(Resource::name).containsExactly("web-a", "web-b");
        assertThat(pods.get(0).status()).isEqualTo("Running, 1/1 ready, 0 restarts");
        assertThat(pods.get(1).status()).isEqualTo("Running, 0/1 ready, 7 restarts, CrashLoopBackOff");
        cluster.clearRequests();
        ops.resources(new ResourceQuery("pods", Optional.of(ns), Optional.empty(), Map.of("app", "web"),
                Optional.of("status.phase!=Running"), Optional.empty()));
        assertThat(cluster.requests()).anySatisfy(r -> assertThat(r.path()).contains("fieldSelector=status.phase%21%3DRunning")
                .contains("labelSelector=app%3Dweb"));
    }

    @Test
    @DisplayName("get of a named object, of deployments, of events sorted by time, of a generic kind; an unknown kind is NOT_FOUND")
    void getKinds() {
        var web = cluster.deployment(ns, "web", "shop/web:v3", 3, 2);
        cluster.client().apps().deployments().inNamespace(ns).withName("web").editStatus(d -> {
            d.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder().withReplicas(3).withAvailableReplicas(2).build());
            return d;
        });
        assertThat(web).isNotNull();
        cluster.client().v1().events().inNamespace(ns).resource(new EventBuilder().withNewMetadata().withName("e2").endMetadata()
                .withType("Warning").withReason("BackOff").withMessage("Back-off restarting failed container").withCount(5)
                .withLastTimestamp("2026-03-02T09:10:00Z").withInvolvedObject(new ObjectReferenceBuilder().withKind("Pod")
                        .withName("web-a").build()).build()).create();
        cluster.client().v1().events().inNamespace(ns).resource(new EventBuilder().withNewMetadata().withName("e1").endMetadata()
                .withType("Normal").withReason("Pulled").withMessage("Pulled image").withLastTimestamp("2026-03-02T09:00:00Z")
                .build()).create();

        assertThat(ops.resources(new ResourceQuery("deployments", Optional.of(ns), Optional.of("web"), Map.of(), Optional.empty(),
                Optional.empty()))).singleElement().satisfies(d -> assertThat(d.status()).isEqualTo("2/3 available"));
        assertThat(ops.resources(new ResourceQuery("deployments", Optional.of(ns), Optional.of("gone"), Map.of(), Optional.empty(),
                Optional.empty()))).isEmpty();
        List<Resource> events = ops.resources(new ResourceQuery("events", Optional.of(ns), Optional.empty(), Map.of(),
                Optional.empty(), Optional.of(".lastTimestamp")));
        assertThat(events).extracting(Resource::status).containsExactly("Normal Pulled: Pulled image",
                "Warning BackOff: Back-off restarting failed container (x5)");
        assertThat(ops.resources(query("configmaps", Optional.of(ns)))).isEmpty();
        assertFailure(Reason.NOT_FOUND, () -> ops.resources(query("frobnicators", Optional.of(ns))));
    }

    @Test
    @DisplayName("logs of one pod, of its container, tail and since read from the kubelet's endpoint; a wrong container is NOT_FOUND")
    void podLogs() {
        cluster.serveLogs(Clock.fixed(NOW, ZoneOffset.UTC));
        cluster.pod(ns, "web-a", Map.of("app", "web"), "Running", true, 0, "");
        cluster.appendLog(ns, "web-a", "app", NOW.minusSeconds(120), "ERROR timeout calling payments");
        cluster.appendLog(ns, "web-a", "app", NOW.minusSeconds(60), "INFO ok");
        cluster.appendLog(ns, "web-a", "app", NOW.minusSeconds(30), "ERROR timeout calling payments");

        assertThat(ops.podLogs(ns, "web-a", new LogOptions(Optional.empty(), false, OptionalInt.empty(), Duration.ofMinutes(10),
                "ERROR", 50))).hasSize(2);
        assertThat(ops.podLogs(ns, "web-a", new LogOptions(Optional.of("app"), false, OptionalInt.of(1), Duration.ofMinutes(10),
                "", 50))).extracting(l -> l.text()).containsExactly("ERROR timeout calling payments");
        assertFailure(Reason.NOT_FOUND, () -> ops.podLogs(ns, "web-a", new LogOptions(Optional.of("sidecar"), false,
                OptionalInt.empty(), Duration.ofMinutes(10), "", 50)));
        assertFailure(Reason.NOT_FOUND, () -> ops.podLogs(ns, "nobody", new LogOptions(Optional.empty(), false,
                OptionalInt.empty(), Duration.ofMinutes(10), "", 50)));
    }

    @Test
    @DisplayName("top pods reads the metrics API, per pod or per container, in millicores and bytes")
    void top() {
        cluster.client().resource(new PodMetricsBuilder().withNewMetadata().withName("web-a").withNamespace(ns).endMetadata()
                .addNewContainer().withName("app").withUsage(Map.of("cpu", new Quantity("250m"), "memory", new Quantity("128Mi")))
                .endContainer().addNewContainer().withName("proxy").withUsage(Map.of("cpu", new Quantity("50m"),
                        "memory", new Quantity("32Mi"))).endContainer().build()).create();

        assertThat(ops.usage(new UsageQuery(false, Optional.of(ns), Optional.empty(), Map.of(), false)))
                .singleElement().satisfies(u -> {
                    assertThat(u.cpuMillicores()).isEqualTo(300);
                    assertThat(u.memoryBytes()).isEqualTo(160L << 20);
                });
        assertThat(ops.usage(new UsageQuery(false, Optional.of(ns), Optional.empty(), Map.of(), true)))
                .extracting(u -> u.container()).containsExactly("app", "proxy");
    }

    @Test
    @DisplayName("cordon and uncordon patch spec.unschedulable; drain cordons and moves the node's pods, leaving daemon set pods "
            + "when told, refusing otherwise")
    void nodes() {
        String node = "worker-" + ns;
        cluster.client().nodes().resource(new NodeBuilder().withNewMetadata().withName(node).endMetadata().build()).create();
        var web = cluster.pod(ns, "web-a", Map.of("app", "web"), "Running", true, 0, "");
        cluster.client().pods().inNamespace(ns).withName("web-a").edit(p -> {
            p.getSpec().setNodeName(node);
            p.getMetadata().setOwnerReferences(List.of(new io.fabric8.kubernetes.api.model.OwnerReferenceBuilder().withKind("ReplicaSet")
                    .withName("web-1").withApiVersion("apps/v1").withUid("u1").withController(true).build()));
            return p;
        });
        cluster.pod(ns, "agent-x", Map.of("app", "agent"), "Running", true, 0, "");
        cluster.client().pods().inNamespace(ns).withName("agent-x").edit(p -> {
            p.getSpec().setNodeName(node);
            p.getMetadata().setOwnerReferences(List.of(new io.fabric8.kubernetes.api.model.OwnerReferenceBuilder().withKind("DaemonSet")
                    .withName("agent").withApiVersion("apps/v1").withUid("u2").withController(true).build()));
            return p;
        });

        ops.cordon(node, true);
        assertThat(cluster.client().nodes().withName(node).get().getSpec().getUnschedulable()).isTrue();
        assertThat(ops.resources(new ResourceQuery("nodes", Optional.empty(), Optional.of(node), Map.of(), Optional.empty(),
                Optional.empty()))).singleElement().satisfies(n -> assertThat(n.status()).endsWith(",SchedulingDisabled"));
        ops.cordon(node, false);
        assertThat(cluster.client().nodes().withName(node).get().getSpec().getUnschedulable()).isFalse();

        // the CRUD mock does not filter on spec.nodeName; the API server does: answer the drain's query as it would
        cluster.slowGet("/api/v1/pods?fieldSelector=spec.nodeName%3D" + node, Duration.ZERO, new io.fabric8.kubernetes.api.model.PodListBuilder()
                .addToItems(cluster.client().pods().inNamespace(ns).withName("web-a").get(),
                        cluster.client().pods().inNamespace(ns).withName("agent-x").get()).build());
        assertFailure(Reason.CONFLICT, () -> ops.drain(node, new DrainOptions(false, false, false, Duration.ZERO, Duration.ofMinutes(1))));
        cluster.clearRequests();
        cluster.expectEviction(ns, "web-a");
        var result = ops.drain(node, new DrainOptions(true, false, false, Duration.ZERO, Duration.ofMinutes(1)));
        assertThat(result.evicted()).containsExactly(ns + "/web-a");
        assertThat(result.message()).isEqualTo("node/" + node + " drained");
        // the eviction API was asked for the replica set's pod only; the daemon set's pod stays
        assertThat(cluster.requests()).filteredOn(r -> r.method().equals("POST")).extracting(r -> r.path())
                .containsExactly("/api/v1/namespaces/" + ns + "/pods/web-a/eviction");
        assertThat(web).isNotNull();
    }

    @Test
    @DisplayName("a daemon set is restarted with kubectl's annotation, and its rollout judged from its status")
    void daemonSets() {
        cluster.client().apps().daemonSets().inNamespace(ns).resource(new DaemonSetBuilder().withNewMetadata().withName("agent")
                .endMetadata().withNewSpec().withNewSelector().addToMatchLabels("app", "agent").endSelector().withNewTemplate()
                .withNewMetadata().addToLabels("app", "agent").endMetadata().withNewSpec().addNewContainer().withName("a")
                .withImage("agent:1").endContainer().endSpec().endTemplate().endSpec().withNewStatus().withDesiredNumberScheduled(3)
                .withUpdatedNumberScheduled(2).withNumberAvailable(2).endStatus().build()).create();

        assertThat(ops.rolloutStatus(ns, "daemonset", "agent").done()).isFalse();
        ops.rolloutRestart(ns, "daemonset", "agent");
        assertThat(cluster.client().apps().daemonSets().inNamespace(ns).withName("agent").get().getSpec().getTemplate()
                .getMetadata().getAnnotations()).containsKey("kubectl.kubernetes.io/restartedAt");
        assertFailure(Reason.NOT_FOUND, () -> ops.rolloutRestart(ns, "statefulset", "nothing"));
    }
}
