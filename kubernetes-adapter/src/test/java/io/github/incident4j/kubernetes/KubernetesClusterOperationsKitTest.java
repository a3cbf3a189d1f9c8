package io.github.incident4j.kubernetes;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.github.incident4j.spi.ClusterOperations;
import io.github.incident4j.spi.KubectlPodStatus;
import io.github.incident4j.spi.kit.ClusterOperationsCompatibilityKit;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;

/**
 * The {@link ClusterOperations} contract, unchanged from the one {@code SimulatedCluster} keeps, for
 * {@link KubernetesClusterOperations} against a fresh mock API server per test. The fixture hooks create what a
 * real cluster's controllers and kubelets would have (owned ReplicaSets, pods, deployment status, container logs);
 * see {@link KubernetesMockCluster} for the mock's gaps and how they are bridged.
 */
@DisplayName("KubernetesClusterOperations keeps the ClusterOperations contract on the mock API server")
class KubernetesClusterOperationsKitTest extends ClusterOperationsCompatibilityKit {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T09:15:30Z"), ZoneOffset.UTC);

    private KubernetesMockCluster mock;
    private KubernetesClusterOperations ops;

    @BeforeEach
    void freshCluster() {
        mock = KubernetesMockCluster.start();
        mock.serveLogs(CLOCK);
        ops = KubernetesClusterOperations.using(mock.client(), CLOCK);
    }

    @AfterEach
    void stopCluster() {
        mock.close();
    }

    @Override
    protected ClusterOperations cluster() {
        return ops;
    }

    @Override
    protected List<String> givenDeployment(String namespace, String name, Map<String, String> selector, int replicas,
                                           List<RevisionFixture> revisions) {
        return mock.rolledOut(namespace, name, selector, replicas, revisions.stream()
                .map(r -> new KubernetesMockCluster.Release(r.image(), r.changeCause())).toList());
    }

    @Override
    protected void givenPodStatus(String namespace, String pod, String phase, boolean ready, int restarts,
                                  String waitingReason) {
        mock.podStatus(namespace, pod, phase, ready, restarts, waitingReason);
    }

    @Override
    protected void givenPodFacts(String namespace, String pod, KubectlPodStatus.PodFacts facts) {
        mock.podFacts(namespace, pod, facts);
    }

    @Override
    protected void givenLogLines(String namespace, String pod, List<AgedLine> lines) {
        lines.forEach(l -> mock.appendLog(namespace, pod, "app", CLOCK.instant().minus(l.ago()), l.text()));
    }

    @Override
    protected void givenPaused(String namespace, String deployment) {
        mock.pause(namespace, deployment);
    }

    @Override
    protected TemplateView currentTemplate(String namespace, String deployment) {
        PodTemplateSpec template = mock.get(namespace, deployment).getSpec().getTemplate();
        Map<String, String> annotations = template.getMetadata() == null
                || template.getMetadata().getAnnotations() == null ? Map.of() : template.getMetadata().getAnnotations();
        return new TemplateView(template.getSpec().getContainers().get(0).getImage(), annotations);
    }

    // ------------------------------------------------------------------ kit hooks for the typed runbook operations

    private final Map<String, List<io.fabric8.kubernetes.api.model.Pod>> onNode = new java.util.HashMap<>();

    @Override
    protected void givenNode(String name) {
        mock.client().nodes().resource(new io.fabric8.kubernetes.api.model.NodeBuilder().withNewMetadata().withName(name)
                .endMetadata().withNewStatus().addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus()
                .build()).create();
    }

    @Override
    protected void givenPodOnNode(String namespace, String pod, String node, boolean daemon) {
        io.fabric8.kubernetes.api.model.Pod placed = mock.client().pods().inNamespace(namespace).withName(pod).edit(p -> {
            p.getSpec().setNodeName(node);
            // a pod a controller made says so in a controller reference, as the replica set and daemon set controllers write
            p.getMetadata().setOwnerReferences(List.of(new io.fabric8.kubernetes.api.model.OwnerReferenceBuilder()
                    .withApiVersion("apps/v1").withKind(daemon ? "DaemonSet" : "ReplicaSet").withName(daemon ? "agent" : "payment-rs")
                    .withUid(daemon ? "ds-1" : "rs-1").withController(true).build()));
            return p;
        });
        // the CRUD mock filters no pods by spec.nodeName and stores evictions instead of acting on them: answer both as
        // the API server does
        if (!onNode.containsKey(node)) {
            mock.podsOnNode(node, () -> List.copyOf(onNode.get(node)));
        }
        onNode.computeIfAbsent(node, k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(placed);
        mock.expectEviction(namespace, pod);
    }
}
