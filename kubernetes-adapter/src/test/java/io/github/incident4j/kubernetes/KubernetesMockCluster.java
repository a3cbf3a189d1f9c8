package io.github.incident4j.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Test fixture: fabric8's {@link KubernetesMockServer} in CRUD mode (real HTTP on loopback) plus helpers that
 * create what the controllers of a real cluster would (ReplicaSets with owner references and revisions, pods
 * with statuses, deployment status), expectations for the log endpoint and for failures, and a record of every
 * request with its body. Meant to be reused by a {@code ClusterOperationsCompatibilityKit} subclass.
 *
 * <p>Mock gaps worked around here, never in the adapter: the CRUD mock answers 415 to strategic merge patches,
 * so the recording dispatcher hands such a patch to the CRUD layer as a JSON merge patch, which means the same
 * for patches without lists (the adapter's only strategic patch, the restart annotation, has none); the request
 * as sent stays recorded with its real content type. The mock ignores {@code in}/{@code notin} selector
 * requirements, which the adapter's ownership check makes harmless.
 */
final class KubernetesMockCluster implements AutoCloseable {

    /** One request as the adapter sent it. */
    record Request(String method, String path, String contentType, String body) {
    }

    private final KubernetesMockServer server;
    private final io.fabric8.kubernetes.client.Config baseConfig;
    private final KubernetesClient client;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private KubernetesMockCluster() {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        KubernetesMixedDispatcher crud = new KubernetesMixedDispatcher(responses);
        Dispatcher recording = new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                byte[] body = request.getBody().getBytes();
                String type = request.getHeader("Content-Type");
                requests.add(new Request(request.getMethod(), request.getPath(), type == null ? "" : type,
                        new String(body, StandardCharsets.UTF_8)));
                var headers = request.getHeaders();
                if (type != null && type.startsWith("application/strategic-merge-patch+json")) {
                    headers = headers.newBuilder().set("Content-Type", "application/merge-patch+json").build();
                }
                // A copy for the CRUD layer, which consumes the body: the server's own record keeps it.
                return crud.dispatch(new RecordedRequest(request.getHttpVersion(), request.method(),
                        request.getPath(), headers, new Buffer(body)));
            }

            @Override
            public void shutdown() {
                crud.shutdown();
            }
        };
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses, recording, false);
        server.init();
        try (KubernetesClient base = server.createClient()) {
            baseConfig = base.getConfiguration();
        }
        // No client-side retries: a failure must surface at once, as the adapter promises.
        client = clientWith(b -> b.withRequestRetryBackoffLimit(0));
    }

    /** Starts a mock API server. */
    static KubernetesMockCluster start() {
        return new KubernetesMockCluster();
    }

    KubernetesMockServer server() {
        return server;
    }

    KubernetesClient client() {
        return client;
    }

    /** Another client on this server, configured further (e.g. a short request timeout). */
    KubernetesClient clientWith(java.util.function.Consumer<ConfigBuilder> tweak) {
        ConfigBuilder config = new ConfigBuilder(baseConfig);
        tweak.accept(config);
        return new KubernetesClientBuilder().withConfig(config.build()).build();
    }

    /** A client for an API server that is not there (a loopback port nothing listens on). */
    static KubernetesClient clientForDownServer() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        return new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl("http://localhost:" + port)
                .withRequestRetryBackoffLimit(0).withConnectionTimeout(2_000).build()).build();
    }

    /** Every request received so far, in order. */
    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The PATCH requests received so far. */
    List<Request> patches() {
        return requests.stream().filter(r -> r.method().equals("PATCH")).toList();
    }

    /** Forgets the recorded requests. */
    void clearRequests() {
        requests.clear();
    }

    // ---- objects a real cluster's controllers would create ----

    /** A pod template labelled {@code app=<app>} with one container {@code app} running {@code image}. */
    static PodTemplateSpec template(String app, String image) {
        return new PodTemplateSpecBuilder().withNewMetadata().addToLabels("app", app).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage(image).endContainer().endSpec().build();
    }

    /** Creates a deployment selecting {@code app=<name>} whose template runs {@code image}, at {@code revision}. */
    Deployment deployment(String namespace, String name, String image, int replicas, long revision) {
        Deployment d = new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                .addToAnnotations("deployment.kubernetes.io/revision", Long.toString(revision)).endMetadata()
                .withNewSpec().withReplicas(replicas)
                .withSelector(new LabelSelectorBuilder().addToMatchLabels("app", name).build())
                .withTemplate(template(name, image)).endSpec().build();
        return client.apps().deployments().inNamespace(namespace).resource(d).create();
    }

    /** Replaces a deployment's spec or metadata (e.g. to pause it). */
    Deployment update(Deployment changed) {
        return client.apps().deployments().inNamespace(changed.getMetadata().getNamespace()).resource(changed)
                .update();
    }

    /** The deployment as stored now. */
    Deployment get(String namespace, String name) {
        return client.apps().deployments().inNamespace(namespace).withName(name).get();
    }

    /**
     * Creates a ReplicaSet the deployment controls, as the deployment controller would: owner reference with
     * {@code controller: true} and the deployment's uid, the revision annotation, the template with
     * {@code pod-template-hash}.
     */
    ReplicaSet ownedReplicaSet(Deployment owner, long revision, String image, String changeCause) {
        ReplicaSetBuilder rs = replicaSet(owner.getMetadata().getNamespace(), owner.getMetadata().getName(),
                revision, image, changeCause);
        rs.editMetadata().addNewOwnerReference().withApiVersion("apps/v1").withKind("Deployment")
                .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid()).withController(true)
                .withBlockOwnerDeletion(true).endOwnerReference().endMetadata();
        return create(rs.build());
    }

    /** Creates a ReplicaSet with the deployment's labels and a revision but no owner: it is not in the history. */
    ReplicaSet unownedReplicaSet(String namespace, String app, long revision, String image) {
        return create(replicaSet(namespace, app, revision, image, "").build());
    }

    private ReplicaSet create(ReplicaSet rs) {
        return client.apps().replicaSets().inNamespace(rs.getMetadata().getNamespace()).resource(rs).create();
    }

    private static ReplicaSetBuilder replicaSet(String namespace, String app, long revision, String image,
                                                String changeCause) {
        String hash = Integer.toHexString((image + revision).hashCode() & 0xfffffff);
        PodTemplateSpec template = template(app, image);
        template.getMetadata().getLabels().put("pod-template-hash", hash);
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("deployment.kubernetes.io/revision", Long.toString(revision));
        annotations.put("deployment.kubernetes.io/desired-replicas", "3");
        annotations.put("deployment.kubernetes.io/max-replicas", "4");
        if (!changeCause.isEmpty()) {
            annotations.put("kubernetes.io/change-cause", changeCause);
        }
        return new ReplicaSetBuilder().withNewMetadata().withName(app + "-" + hash).withNamespace(namespace)
                .addToLabels("app", app).addToLabels("pod-template-hash", hash).withAnnotations(annotations)
                .endMetadata().withNewSpec().withReplicas(0)
                .withSelector(new LabelSelectorBuilder().addToMatchLabels("app", app)
                        .addToMatchLabels("pod-template-hash", hash).build())
                .withTemplate(template).endSpec();
    }

    /**
     * Sets the deployment's status as its controller would.
     *
     * @param observedGeneration the generation the controller has seen ({@code -1}: the current one)
     * @param progressingReason the Progressing condition's reason, or empty for none
     */
    Deployment status(String namespace, String name, long observedGeneration, int replicas, int updated,
                      int available, String progressingReason) {
        Deployment d = get(namespace, name);
        List<DeploymentCondition> conditions = new ArrayList<>();
        if (!progressingReason.isEmpty()) {
            conditions.add(new DeploymentConditionBuilder().withType("Progressing")
                    .withStatus(progressingReason.equals("ProgressDeadlineExceeded") ? "False" : "True")
                    .withReason(progressingReason).build());
        }
        d.setStatus(new DeploymentStatusBuilder()
                .withObservedGeneration(observedGeneration < 0 ? d.getMetadata().getGeneration() : observedGeneration)
                .withReplicas(replicas).withUpdatedReplicas(updated).withAvailableReplicas(available)
                .withReadyReplicas(available).withConditions(conditions).build());
        return client.apps().deployments().inNamespace(namespace).resource(d).updateStatus();
    }

    /** Creates a pod with containers {@code app} (and {@code more}), each with the given readiness and restarts. */
    io.fabric8.kubernetes.api.model.Pod pod(String namespace, String name, Map<String, String> labels, String phase,
                                            boolean ready, int restarts, String waitingReason, String... more) {
        PodBuilder pod = new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                .withLabels(labels).endMetadata().withNewSpec().addNewContainer().withName("app").withImage("img")
                .endContainer().endSpec();
        List<ContainerStatus> statuses = new ArrayList<>();
        statuses.add(containerStatus("app", ready, restarts, waitingReason));
        for (String container : more) {
            pod.editSpec().addNewContainer().withName(container).withImage("img").endContainer().endSpec();
            statuses.add(containerStatus(container, true, 0, ""));
        }
        pod.withNewStatus().withPhase(phase).withStartTime("2026-03-02T08:00:00Z").withContainerStatuses(statuses)
                .endStatus();
        return client.pods().inNamespace(namespace).resource(pod.build()).create();
    }

    private static ContainerStatus containerStatus(String name, boolean ready, int restarts, String waitingReason) {
        ContainerStatusBuilder status = new ContainerStatusBuilder().withName(name).withReady(ready)
                .withRestartCount(restarts).withImage("img");
        if (waitingReason.isEmpty()) {
            status.withNewState().withNewRunning().withStartedAt("2026-03-02T08:00:05Z").endRunning().endState();
        } else {
            status.withNewState().withNewWaiting().withReason(waitingReason).endWaiting().endState();
        }
        return status.build();
    }

    // ---- expectations ----

    /** The log endpoint of one container answers {@code body}, for the query the adapter sends. */
    void expectLog(String namespace, String pod, String container, int sinceSeconds, int tailLines, int limitBytes,
                   String body) {
        server.expect().get().withPath(logPath(namespace, pod, container, sinceSeconds, tailLines, limitBytes))
                .andReturn(200, body).always();
    }

    /** The log endpoint of one container fails with {@code code}. */
    void expectLogFailure(String namespace, String pod, String container, int sinceSeconds, int tailLines,
                          int limitBytes, int code, String message) {
        server.expect().get().withPath(logPath(namespace, pod, container, sinceSeconds, tailLines, limitBytes))
                .andReturn(code, new StatusBuilder().withCode(code).withMessage(message).build()).always();
    }

    static String logPath(String namespace, String pod, String container, int sinceSeconds, int tailLines,
                          int limitBytes) {
        return "/api/v1/namespaces/" + namespace + "/pods/" + pod + "/log?pretty=false&container=" + container
                + "&sinceSeconds=" + sinceSeconds + "&tailLines=" + tailLines + "&limitBytes=" + limitBytes
                + "&timestamps=true";
    }

    /** GET on {@code path} is refused by RBAC. */
    void forbidGet(String path) {
        server.expect().get().withPath(path).andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden")
                .withMessage("deployments.apps is forbidden: User \"system:serviceaccount:ops:incident4j\" cannot"
                        + " get resource").build()).always();
    }

    /** GET on {@code path} answers only after {@code delay}. */
    void slowGet(String path, Duration delay, Object body) {
        server.expect().get().delay(delay.toMillis(), TimeUnit.MILLISECONDS).withPath(path).andReturn(200, body)
                .always();
    }

    /** Creates a Litmus ChaosResult with an experiment status. */
    GenericKubernetesResource chaosResult(String namespace, String name, String phase, String verdict,
                                          String probeSuccessPercentage) {
        GenericKubernetesResource result = client.getKubernetesSerialization().unmarshal(
                "apiVersion: litmuschaos.io/v1alpha1\nkind: ChaosResult\nmetadata:\n  name: " + name + "\n"
                        + "status:\n  experimentStatus:\n    phase: " + phase + "\n    verdict: " + verdict
                        + "\n    probeSuccessPercentage: \"" + probeSuccessPercentage + "\"\n",
                GenericKubernetesResource.class);
        return client.genericKubernetesResources(LitmusChaos.CHAOS_RESULT).inNamespace(namespace).resource(result)
                .create();
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
