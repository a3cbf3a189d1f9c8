package io.github.incident4j.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
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
import io.github.incident4j.spi.KubectlPodStatus;
import io.github.incident4j.spi.Timers;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

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
 * requirements, which the adapter's ownership check makes harmless. The mock deletes an object marked for deletion
 * at once unless a finalizer holds it, so a terminating pod carries the finalizer {@link #HELD} (a kubelet holds it
 * on a real cluster). The mock runs no kubelet and no
 * controllers: {@link #serveLogs} answers the log endpoint from lines the test wrote, {@link #replaceDeletedPods}
 * and {@link #completeRollouts} react to the adapter's requests on virtual time as the ReplicaSet and deployment
 * controllers would, and {@link #rolledOut} creates the state those controllers leave behind.
 */
final class KubernetesMockCluster implements AutoCloseable {

    // Spelled out here rather than taken from the adapter, so that a wrong constant there cannot hide.
    private static final String REVISION = "deployment.kubernetes.io/revision";
    private static final String CHANGE_CAUSE = "kubernetes.io/change-cause";
    private static final String POD_TEMPLATE_HASH = "pod-template-hash";
    /** The finalizer that keeps a pod marked for deletion on the mock, as a kubelet would on a real cluster. */
    static final String HELD = "incident4j.test/held-like-by-a-kubelet";

    /** One request as the adapter sent it. */
    record Request(String method, String path, String contentType, String body) {
    }

    private final KubernetesMockServer server;
    private final io.fabric8.kubernetes.client.Config baseConfig;
    private final KubernetesClient client;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Consumer<Request>> reactions = new CopyOnWriteArrayList<>();
    private final Map<String, List<LoggedLine>> containerLogs = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> podLabels = new ConcurrentHashMap<>();
    private final AtomicInteger podNames = new AtomicInteger();
    private volatile @Nullable Clock kubeletClock;

    private KubernetesMockCluster() {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        KubernetesMixedDispatcher crud = new KubernetesMixedDispatcher(responses);
        Dispatcher recording = new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                byte[] body = request.getBody().getBytes();
                String type = request.getHeader("Content-Type");
                Request recorded = new Request(request.getMethod(), request.getPath(), type == null ? "" : type,
                        new String(body, StandardCharsets.UTF_8));
                requests.add(recorded);
                MockResponse log = kubeletLog(recorded);
                if (log != null) {
                    return log;
                }
                var headers = request.getHeaders();
                if (type != null && type.startsWith("application/strategic-merge-patch+json")) {
                    headers = headers.newBuilder().set("Content-Type", "application/merge-patch+json").build();
                }
                // A copy for the CRUD layer, which consumes the body: the server's own record keeps it.
                MockResponse response = crud.dispatch(new RecordedRequest(request.getHttpVersion(), request.method(),
                        request.getPath(), headers, new Buffer(body)));
                if (response.code() < 300) {
                    reactions.forEach(r -> r.accept(recorded));
                }
                return response;
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
        return template(Map.of("app", app), image);
    }

    /** A pod template with these labels and one container {@code app} running {@code image}. */
    static PodTemplateSpec template(Map<String, String> labels, String image) {
        return new PodTemplateSpecBuilder().withNewMetadata().withLabels(new LinkedHashMap<>(labels)).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage(image).endContainer().endSpec().build();
    }

    /** Creates a deployment selecting {@code app=<name>} whose template runs {@code image}, at {@code revision}. */
    Deployment deployment(String namespace, String name, String image, int replicas, long revision) {
        Deployment d = new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                .addToAnnotations(REVISION, Long.toString(revision)).endMetadata()
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
        return ownedReplicaSet(owner, revision, image, changeCause, 0);
    }

    private ReplicaSet ownedReplicaSet(Deployment owner, long revision, String image, String changeCause,
                                       int replicas) {
        ReplicaSetBuilder rs = replicaSet(owner.getMetadata().getNamespace(), owner.getMetadata().getName(),
                owner.getSpec().getSelector().getMatchLabels(), revision, image, changeCause, replicas);
        rs.editMetadata().addNewOwnerReference().withApiVersion("apps/v1").withKind("Deployment")
                .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid()).withController(true)
                .withBlockOwnerDeletion(true).endOwnerReference().endMetadata();
        return create(rs.build());
    }

    /** Creates a ReplicaSet with the deployment's labels and a revision but no owner: it is not in the history. */
    ReplicaSet unownedReplicaSet(String namespace, String app, long revision, String image) {
        return create(replicaSet(namespace, app, Map.of("app", app), revision, image, "", 0).build());
    }

    private ReplicaSet create(ReplicaSet rs) {
        return client.apps().replicaSets().inNamespace(rs.getMetadata().getNamespace()).resource(rs).create();
    }

    private static ReplicaSetBuilder replicaSet(String namespace, String deployment, Map<String, String> selector,
                                                long revision, String image, String changeCause, int replicas) {
        String hash = Integer.toHexString((image + revision).hashCode() & 0xfffffff);
        Map<String, String> labels = new LinkedHashMap<>(selector);
        labels.put(POD_TEMPLATE_HASH, hash);
        PodTemplateSpec template = template(labels, image);
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(REVISION, Long.toString(revision));
        annotations.put("deployment.kubernetes.io/desired-replicas", "3");
        annotations.put("deployment.kubernetes.io/max-replicas", "4");
        if (!changeCause.isEmpty()) {
            annotations.put(CHANGE_CAUSE, changeCause);
        }
        return new ReplicaSetBuilder().withNewMetadata().withName(deployment + "-" + hash).withNamespace(namespace)
                .withLabels(labels).withAnnotations(annotations)
                .endMetadata().withNewSpec().withReplicas(replicas)
                .withSelector(new LabelSelectorBuilder().withMatchLabels(labels).build())
                .withTemplate(template).endSpec();
    }

    /** One revision of a deployment built by {@link #rolledOut}. */
    record Release(String image, String changeCause) {
    }

    /**
     * What a cluster holds after {@code releases} were rolled out one after another (oldest first, revisions 1,
     * 2, ...) and the controllers finished: the deployment selecting {@code selector} at the last release, an owned
     * ReplicaSet per release (only the last one scaled up), {@code replicas} Running and ready pods of the last
     * one named {@code <name>-<hash>-<suffix>}, and a deployment status saying the rollout is complete.
     *
     * @return the names of the pods, sorted
     */
    List<String> rolledOut(String namespace, String name, Map<String, String> selector, int replicas,
                           List<Release> releases) {
        Release current = releases.get(releases.size() - 1);
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(REVISION, Integer.toString(releases.size()));
        if (!current.changeCause().isEmpty()) {
            annotations.put(CHANGE_CAUSE, current.changeCause());
        }
        Deployment d = client.apps().deployments().inNamespace(namespace).resource(new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).withLabels(new LinkedHashMap<>(selector))
                .withAnnotations(annotations).endMetadata()
                .withNewSpec().withReplicas(replicas)
                .withSelector(new LabelSelectorBuilder().withMatchLabels(new LinkedHashMap<>(selector)).build())
                .withTemplate(template(selector, current.image())).endSpec().build()).create();
        ReplicaSet newest = null;
        for (int i = 0; i < releases.size(); i++) {
            Release r = releases.get(i);
            newest = ownedReplicaSet(d, i + 1, r.image(), r.changeCause(), i == releases.size() - 1 ? replicas : 0);
        }
        Map<String, String> labels = newest.getSpec().getTemplate().getMetadata().getLabels();
        List<String> pods = new ArrayList<>();
        for (int i = 0; i < replicas; i++) {
            String pod = newest.getMetadata().getName() + "-" + podSuffix();
            pod(namespace, pod, labels, "Running", true, 0, "");
            pods.add(pod);
        }
        status(namespace, name, -1, replicas, replicas, replicas, "NewReplicaSetAvailable");
        return pods.stream().sorted().toList();
    }

    private String podSuffix() {
        // Like the ReplicaSet controller's random suffix, but reproducible.
        return Integer.toString(1_679_616 + podNames.getAndIncrement() * 7_919 % 58_000_000, 36);
    }

    /** Pauses a deployment ({@code spec.paused: true}). */
    Deployment pause(String namespace, String name) {
        Deployment d = get(namespace, name);
        d.getSpec().setPaused(true);
        return update(d);
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
        io.fabric8.kubernetes.api.model.Pod created = client.pods().inNamespace(namespace).resource(pod.build())
                .create();
        podLabels.put(namespace + "/" + name, Map.copyOf(labels));
        return created;
    }

    /** Sets the observed status of an existing pod's container {@code app}, as its kubelet would report it. */
    io.fabric8.kubernetes.api.model.Pod podStatus(String namespace, String name, String phase, boolean ready,
                                                  int restarts, String waitingReason) {
        io.fabric8.kubernetes.api.model.Pod pod = client.pods().inNamespace(namespace).withName(name).get();
        List<ContainerStatus> statuses = new ArrayList<>(pod.getStatus().getContainerStatuses());
        statuses.replaceAll(c -> c.getName().equals("app") ? containerStatus("app", ready, restarts, waitingReason) : c);
        pod.getStatus().setContainerStatuses(statuses);
        pod.getStatus().setPhase(phase);
        return client.pods().inNamespace(namespace).resource(pod).updateStatus();
    }

    /**
     * Makes an existing pod report exactly {@code facts}, written as the API server would hold them: the spec's
     * init containers (sidecars with {@code restartPolicy: Always}) and containers, the status's phase, reason,
     * conditions and container statuses, and {@code metadata.deletionTimestamp} while it is being deleted.
     */
    io.fabric8.kubernetes.api.model.Pod podFacts(String namespace, String name, KubectlPodStatus.PodFacts facts) {
        io.fabric8.kubernetes.api.model.Pod pod = client.pods().inNamespace(namespace).withName(name).get();
        PodBuilder changed = new PodBuilder(pod);
        // The mock removes an object marked for deletion at once unless a finalizer holds it; on a real cluster
        // the kubelet holds a pod until its containers stopped.
        changed.editMetadata().withDeletionTimestamp(facts.deleting() ? "2026-03-02T09:15:00Z" : null)
                .withDeletionGracePeriodSeconds(facts.deleting() ? 30L : null)
                .withFinalizers(facts.deleting() ? List.of(HELD) : List.of()).endMetadata();
        changed.editSpec().withInitContainers(facts.initContainers().stream().map(c -> new ContainerBuilder()
                        .withName(c).withImage("img").withRestartPolicy(facts.sidecars().contains(c) ? "Always" : null)
                        .build()).toList())
                .withContainers(facts.containers().stream().map(c -> new ContainerBuilder().withName(c)
                        .withImage("img").build()).toList()).endSpec();
        List<PodCondition> conditions = new ArrayList<>();
        conditions.add(condition("Initialized", facts.initialized(), ""));
        conditions.add(condition("Ready", facts.readyCondition(), ""));
        conditions.add(condition("PodScheduled", !facts.schedulingGated(),
                facts.schedulingGated() ? "SchedulingGated" : ""));
        changed.withNewStatus().withPhase(facts.phase()).withReason(facts.reason().isEmpty() ? null : facts.reason())
                .withConditions(conditions)
                .withInitContainerStatuses(facts.initStatuses().stream().map(KubernetesMockCluster::reported).toList())
                .withContainerStatuses(facts.statuses().stream().map(KubernetesMockCluster::reported).toList())
                .endStatus();
        io.fabric8.kubernetes.api.model.Pod updated = client.pods().inNamespace(namespace).resource(changed.build())
                .update();
        updated.setStatus(changed.buildStatus());
        return client.pods().inNamespace(namespace).resource(updated).updateStatus();
    }

    private static PodCondition condition(String type, boolean status, String reason) {
        return new PodConditionBuilder().withType(type).withStatus(status ? "True" : "False")
                .withReason(reason.isEmpty() ? null : reason).build();
    }

    /** A container status as the kubelet writes it. */
    private static ContainerStatus reported(KubectlPodStatus.ContainerFacts c) {
        ContainerStatusBuilder status = new ContainerStatusBuilder().withName(c.name()).withReady(c.ready())
                .withStarted(c.started()).withRestartCount(c.restarts()).withImage("img");
        KubectlPodStatus.ContainerState state = c.state();
        switch (state.kind()) {
            case WAITING -> status.withNewState().withNewWaiting()
                    .withReason(state.reason().isEmpty() ? null : state.reason()).endWaiting().endState();
            case RUNNING -> status.withNewState().withNewRunning().withStartedAt("2026-03-02T08:00:05Z").endRunning()
                    .endState();
            case TERMINATED -> status.withNewState().withNewTerminated()
                    .withReason(state.reason().isEmpty() ? null : state.reason()).withExitCode(state.exitCode())
                    .withSignal(state.signal() == 0 ? null : state.signal()).withFinishedAt("2026-03-02T08:01:00Z")
                    .endTerminated().endState();
        }
        return status.build();
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

    // ---- what kubelets and controllers do on a real cluster ----

    /** A line a container wrote. */
    private record LoggedLine(Instant at, String text) {
    }

    /**
     * From now on this server answers the pod log endpoint like a kubelet, from the lines given to
     * {@link #appendLog} (none for a container without any): {@code tailLines} of the container's log, then those
     * written at or after {@code clock}'s now minus {@code sinceSeconds}, each prefixed with its RFC 3339 timestamp
     * when {@code timestamps=true}, cut at {@code limitBytes}. Expectations set with {@link #expectLog} no longer
     * apply.
     */
    void serveLogs(Clock clock) {
        kubeletClock = clock;
    }

    /** Appends a line written at {@code at} to a container's log (kept in time order, as a log file is). */
    void appendLog(String namespace, String pod, String container, Instant at, String text) {
        List<LoggedLine> lines = containerLogs.computeIfAbsent(namespace + "/" + pod + "/" + container,
                k -> new CopyOnWriteArrayList<>());
        synchronized (lines) {
            List<LoggedLine> sorted = new ArrayList<>(lines);
            sorted.add(new LoggedLine(at, text));
            sorted.sort(Comparator.comparing(LoggedLine::at));
            lines.clear();
            lines.addAll(sorted);
        }
    }

    private @Nullable MockResponse kubeletLog(Request request) {
        Clock clock = kubeletClock;
        Matcher m = LOG_PATH.matcher(request.path());
        if (clock == null || !request.method().equals("GET") || !m.matches()) {
            return null;
        }
        Map<String, String> query = new HashMap<>();
        for (String pair : (m.group(3) == null ? "" : m.group(3)).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        List<LoggedLine> all = containerLogs.getOrDefault(m.group(1) + "/" + m.group(2) + "/"
                + query.getOrDefault("container", ""), List.of());
        int tail = Integer.parseInt(query.getOrDefault("tailLines", "-1"));
        List<LoggedLine> lines = tail < 0 ? all : all.subList(Math.max(0, all.size() - tail), all.size());
        Instant since = query.containsKey("sinceSeconds")
                ? clock.instant().minusSeconds(Long.parseLong(query.get("sinceSeconds"))) : Instant.MIN;
        boolean timestamps = Boolean.parseBoolean(query.getOrDefault("timestamps", "false"));
        StringBuilder out = new StringBuilder();
        lines.stream().filter(l -> !l.at().isBefore(since))
                .forEach(l -> out.append(timestamps ? l.at() + " " : "").append(l.text()).append('\n'));
        byte[] body = out.toString().getBytes(StandardCharsets.UTF_8);
        int limit = Integer.parseInt(query.getOrDefault("limitBytes", String.valueOf(body.length)));
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", "text/plain")
                .setBody(Arrays.copyOf(body, Math.min(limit, body.length)));
    }

    /**
     * Acts as the ReplicaSet controller for pods created through this fixture: {@code delay} after a pod is
     * deleted, a Running, ready replacement with the same labels and a new name suffix is created, on
     * {@code timers}.
     */
    void replaceDeletedPods(Timers timers, Clock clock, Duration delay) {
        reactions.add(request -> {
            Matcher m = POD_PATH.matcher(request.path());
            if (!request.method().equals("DELETE") || !m.matches()) {
                return;
            }
            String namespace = m.group(1);
            String deleted = m.group(2);
            Map<String, String> labels = podLabels.remove(namespace + "/" + deleted);
            if (labels != null) {
                String replacement = deleted.substring(0, deleted.lastIndexOf('-') + 1) + podSuffix();
                timers.schedule(clock.instant().plus(delay),
                        () -> pod(namespace, replacement, labels, "Running", true, 0, ""));
            }
        });
    }

    /**
     * Acts as the deployment controller for template changes: {@code delay} after a PATCH of a deployment's spec,
     * its status says that its current generation is rolled out with all {@code spec.replicas} updated and
     * available, on {@code timers}.
     */
    void completeRollouts(Timers timers, Clock clock, Duration delay) {
        reactions.add(request -> {
            Matcher m = DEPLOYMENT_PATH.matcher(request.path());
            if (!request.method().equals("PATCH") || !m.matches()) {
                return;
            }
            timers.schedule(clock.instant().plus(delay), () -> {
                int replicas = get(m.group(1), m.group(2)).getSpec().getReplicas();
                status(m.group(1), m.group(2), -1, replicas, replicas, replicas, "NewReplicaSetAvailable");
            });
        });
    }

    private static final Pattern LOG_PATH = Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/?]+)/log(?:\\?(.*))?");
    private static final Pattern POD_PATH = Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/?]+)(?:\\?.*)?");
    private static final Pattern DEPLOYMENT_PATH =
            Pattern.compile("/apis/apps/v1/namespaces/([^/]+)/deployments/([^/?]+)(?:\\?.*)?");

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

    /**
     * Answers the eviction of a pod as the API server does when no disruption budget forbids it (201). The CRUD mock
     * would store the Eviction as an object named like the pod and refuse it as a duplicate; it does not delete the pod.
     */
    void expectEviction(String namespace, String pod) {
        server.expect().post().withPath("/api/v1/namespaces/" + namespace + "/pods/" + pod + "/eviction")
                .andReturn(201, new io.fabric8.kubernetes.api.model.StatusBuilder().withStatus("Success").build()).always();
    }

    /**
     * Answers the list of the pods on a node ({@code fieldSelector=spec.nodeName=NODE}, as drain asks it) with what
     * {@code pods} gives at the time of the request: the CRUD mock does not filter on {@code spec.nodeName}.
     */
    void podsOnNode(String node, java.util.function.Supplier<List<io.fabric8.kubernetes.api.model.Pod>> pods) {
        server.expect().get().withPath("/api/v1/pods?fieldSelector=spec.nodeName%3D" + node)
                .andReply(200, request -> new io.fabric8.kubernetes.api.model.PodListBuilder().withItems(pods.get()).build()).always();
    }
}
