package io.github.incident4j.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.github.incident4j.kubernetes.internal.KubeErrors;
import io.github.incident4j.kubernetes.internal.LogLines;
import io.github.incident4j.kubernetes.internal.PodFactsReader;
import io.github.incident4j.kubernetes.internal.Rollouts;
import io.github.incident4j.spi.ClusterException;
import io.github.incident4j.spi.ClusterException.Reason;
import io.github.incident4j.spi.ClusterOperations;
import io.github.incident4j.spi.KubectlPodStatus;
import io.github.incident4j.spi.Timers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ClusterOperations} on a Kubernetes cluster through the fabric8 client, with kubectl's semantics: pods with
 * kubectl's STATUS and RESTARTS ({@link io.github.incident4j.spi.KubectlPodStatus}), history from the ReplicaSets
 * the deployment owns, undo as kubectl's one JSON patch, status with kubectl's logic and messages, scale as
 * kubectl's one merge patch of the {@code scale} subresource, restart as kubectl's strategic merge patch of the
 * {@code kubectl.kubernetes.io/restartedAt} annotation, deletion with kubectl's DeleteOptions, logs with kubectl's
 * per-container {@code --tail}. The RBAC Roles these requests need are in {@code kubernetes-adapter/docs/rbac.md}.
 *
 * <pre>{@code
 * KubernetesClusterOperations cluster = KubernetesClusterOperations.using(client, clock);
 * List<Pod> crashing = cluster.pods("shop", Map.of("app", "web"));
 * UndoResult undo = cluster.rolloutUndo("shop", "web", OptionalLong.empty());
 * RolloutStatus done = cluster.awaitRollout("shop", "web", Duration.ofMinutes(5), Duration.ofSeconds(2), timers);
 * }</pre>
 *
 * <p>The host keeps its credentials: it passes its own {@link KubernetesClient}, or uses
 * {@link #fromDefaultKubeconfig(Clock)}, which reads nothing beyond fabric8's standard configuration (kubeconfig,
 * in-cluster service account, {@code KUBERNETES_*} variables). The adapter never closes a host's client and
 * never retries on its own; every failure is a {@link ClusterException} whose message names the operation and
 * the object. Time comes from the injected clock only (the restart annotation, the log window).
 */
public final class KubernetesClusterOperations implements ClusterOperations {

    /** Default bound on the bytes read from one container's log. */
    public static final int DEFAULT_LOG_BYTES_PER_CONTAINER = 1 << 20;
    /** Default bound on the lines read from one container's log when filtering. */
    public static final int DEFAULT_LOG_LINES_PER_CONTAINER = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(KubernetesClusterOperations.class);
    private static final DateTimeFormatter RFC_3339 = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    private final KubernetesClient client;
    private final Clock clock;
    private final int logBytesPerContainer;
    private final int logLinesPerContainer;

    private KubernetesClusterOperations(KubernetesClient client, Clock clock, int logBytes, int logLines) {
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.logBytesPerContainer = logBytes;
        this.logLinesPerContainer = logLines;
    }

    /** Operations through the host's client; time (restart annotation, log window) from {@code clock}. */
    public static KubernetesClusterOperations using(KubernetesClient client, Clock clock) {
        return new KubernetesClusterOperations(client, clock, DEFAULT_LOG_BYTES_PER_CONTAINER,
                DEFAULT_LOG_LINES_PER_CONTAINER);
    }

    /**
     * Operations through a client built from fabric8's standard configuration (kubeconfig or in-cluster). The
     * caller owns the client: close it with {@link #client()} when done.
     */
    public static KubernetesClusterOperations fromDefaultKubeconfig(Clock clock) {
        return using(new KubernetesClientBuilder().build(), clock);
    }

    /**
     * A copy reading at most {@code bytes} and {@code lines} from each container's log ({@code limitBytes} and
     * {@code tailLines} of the log request).
     */
    public KubernetesClusterOperations withLogBudget(int bytes, int lines) {
        if (bytes < 1 || lines < 1) {
            throw new IllegalArgumentException("log budget must be positive, but was " + bytes + " bytes, "
                    + lines + " lines");
        }
        return new KubernetesClusterOperations(client, clock, bytes, lines);
    }

    /** The client this adapter calls. */
    public KubernetesClient client() {
        return client;
    }

    /** The Litmus custom resources on the same client. */
    public LitmusChaos chaos() {
        return LitmusChaos.on(client);
    }

    @Override
    public List<Pod> pods(String namespace, Map<String, String> selector) {
        List<io.fabric8.kubernetes.api.model.Pod> items = listPods(namespace, selector, "list pods");
        List<Pod> pods = new ArrayList<>();
        for (io.fabric8.kubernetes.api.model.Pod pod : items) {
            pods.add(toPod(pod));
        }
        pods.sort(Comparator.comparing(Pod::name));
        return List.copyOf(pods);
    }

    private List<io.fabric8.kubernetes.api.model.Pod> listPods(String namespace, Map<String, String> selector,
                                                               String operation) {
        return KubeErrors.call(operation, "pods " + namespace + "/" + selectorText(selector),
                () -> client.pods().inNamespace(namespace).withLabels(selector).list().getItems());
    }

    /** The pod with kubectl's STATUS, RESTARTS and READY ({@link KubectlPodStatus}). */
    private static Pod toPod(io.fabric8.kubernetes.api.model.Pod pod) {
        // The API server sets Pending on creation; an object without status has not been seen by it yet.
        KubectlPodStatus.PodFacts facts = PodFactsReader.read(pod);
        KubectlPodStatus shown = KubectlPodStatus.of(facts);
        Map<String, String> labels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
        String startTime = pod.getStatus() == null ? null : pod.getStatus().getStartTime();
        return new Pod(pod.getMetadata().getName(), facts.phase(), shown.status(), shown.allReady(), shown.restarts(),
                shown.waitingReason(), labels, Optional.ofNullable(timestamp(startTime)));
    }

    @Override
    public List<Revision> rolloutHistory(String namespace, String deployment) {
        Deployment d = requireDeployment(namespace, deployment, "rollout history");
        TreeMap<Long, Revision> byNumber = new TreeMap<>();
        for (ReplicaSet rs : ownedReplicaSets(d, "rollout history")) {
            OptionalLong number = Rollouts.revisionOf(rs);
            if (number.isEmpty()) {
                continue;
            }
            Instant created = timestamp(rs.getMetadata().getCreationTimestamp());
            byNumber.put(number.getAsLong(), new Revision(number.getAsLong(), Rollouts.changeCause(rs),
                    Rollouts.firstImage(rs.getSpec() == null ? null : rs.getSpec().getTemplate()),
                    // The API server always sets creationTimestamp; EPOCH marks an object that never went through it.
                    created == null ? Instant.EPOCH : created));
        }
        return List.copyOf(byNumber.values());
    }

    @Override
    public List<LogLine> logs(String namespace, Map<String, String> selector, Duration since, String contains,
                              int limit) {
        return logs(namespace, selector, since, contains, ALL_LINES, limit);
    }

    /**
     * Reads each container's log with {@code tailLines} (the smaller of {@code tail} and the log budget; without a
     * filter also at most {@code limit}), {@code sinceSeconds}, {@code limitBytes} and {@code timestamps}, like
     * {@code kubectl logs --all-containers --tail --since --timestamps}, then filters and bounds here.
     */
    @Override
    public List<LogLine> logs(String namespace, Map<String, String> selector, Duration since, String contains,
                              int tail, int limit) {
        if (limit < 0 || since.isNegative() || tail < ALL_LINES) {
            throw new IllegalArgumentException("logs need a non-negative limit and window and a tail of -1 or more,"
                    + " but were " + limit + ", " + since + " and " + tail);
        }
        if (limit == 0 || tail == 0) {
            return List.of();
        }
        Instant notBefore = clock.instant().minus(since);
        int sinceSeconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, since.plusNanos(999_999_999).getSeconds()));
        // The server keeps each container's last lines: kubectl's tail, bounded by the budget; without a filter
        // no container needs more than the limit either. With a filter and no tail, filtering happens here.
        int perContainer = tail == ALL_LINES ? logLinesPerContainer : Math.min(tail, logLinesPerContainer);
        int tailLines = contains.isEmpty() ? Math.min(limit, perContainer) : perContainer;
        List<io.fabric8.kubernetes.api.model.Pod> pods = new ArrayList<>(listPods(namespace, selector, "logs"));
        pods.sort(Comparator.comparing(p -> p.getMetadata().getName()));
        List<LogLine> lines = new ArrayList<>();
        for (io.fabric8.kubernetes.api.model.Pod pod : pods) {
            String podName = pod.getMetadata().getName();
            List<Container> containers = pod.getSpec() == null || pod.getSpec().getContainers() == null ? List.of()
                    : pod.getSpec().getContainers();
            for (Container container : containers) {
                String text = containerLog(namespace, podName, container.getName(), sinceSeconds, tailLines);
                LogLines.Parsed parsed = LogLines.parse(podName, container.getName(), text, notBefore, contains);
                if (parsed.unparseable() > 0) {
                    LOG.debug("skipped {} log lines without a timestamp from {}/{} container {}",
                            parsed.unparseable(), namespace, podName, container.getName());
                }
                lines.addAll(parsed.lines());
            }
        }
        return LogLines.newest(lines, limit);
    }

    private String containerLog(String namespace, String pod, String container, int sinceSeconds, int tail) {
        String object = "pod " + namespace + "/" + pod + " container " + container;
        try {
            String log = client.pods().inNamespace(namespace).withName(pod).inContainer(container).usingTimestamps()
                    .limitBytes(logBytesPerContainer).sinceSeconds(sinceSeconds).tailingLines(tail).getLog();
            return log == null ? "" : log;
        } catch (KubernetesClientException e) {
            // A container that has not started (400) or a pod deleted meanwhile (404) has no log to read;
            // kubectl would stop here, a diagnosis reads the other pods.
            if (e.getCode() == 400 || e.getCode() == 404) {
                LOG.debug("no log for {}: {}", object, e.getMessage());
                return "";
            }
            throw KubeErrors.translate("logs", object, e);
        }
    }

    @Override
    public UndoResult rolloutUndo(String namespace, String deployment, OptionalLong toRevision) {
        Deployment d = requireDeployment(namespace, deployment, "rollout undo");
        long target = toRevision.orElse(0);
        List<ReplicaSet> owned = target < 0 ? List.of() : ownedReplicaSets(d, "rollout undo");
        ReplicaSet restore;
        restore = Rollouts.revisionToRestore(namespace, deployment, owned, target);
        long restoredRevision = Rollouts.revisionOf(restore).orElse(0);
        long current = currentRevision(d, owned);
        if (d.getSpec() != null && Boolean.TRUE.equals(d.getSpec().getPaused())) {
            throw new ClusterException(Reason.CONFLICT, "you cannot rollback a paused deployment; resume it first with"
                    + " 'kubectl rollout resume deployment/" + deployment + "' and try again");
        }
        KubernetesSerialization json = client.getKubernetesSerialization();
        PodTemplateSpec template = restore.getSpec() == null ? null : restore.getSpec().getTemplate();
        if (template == null) {
            throw new ClusterException(Reason.OTHER, "rollout undo of deployment " + namespace + "/" + deployment
                    + ": ReplicaSet " + restore.getMetadata().getName() + " has no pod template");
        }
        if (d.getSpec() != null && d.getSpec().getTemplate() != null
                && Rollouts.equalIgnoringHash(template, d.getSpec().getTemplate(), json)) {
            // kubectl prints the --to-revision it was given: 0 for a plain undo.
            return new UndoResult(current, restoredRevision, true, "deployment.apps/" + deployment
                    + " skipped rollback (current template already matches revision " + target + ")");
        }
        String patch = Rollouts.undoPatch(d, Rollouts.withoutHash(template, json),
                Rollouts.annotationsAfterUndo(d, restore), json);
        KubeErrors.call("rollout undo", "deployment " + namespace + "/" + deployment,
                () -> client.apps().deployments().inNamespace(namespace).withName(deployment)
                        .patch(PatchContext.of(PatchType.JSON), patch));
        LOG.info("rolled back deployment {}/{} from revision {} to revision {}", namespace, deployment, current,
                restoredRevision);
        return new UndoResult(current, restoredRevision, false, "deployment.apps/" + deployment + " rolled back");
    }

    private static long currentRevision(Deployment d, List<ReplicaSet> owned) {
        if (Rollouts.annotations(d).containsKey(Rollouts.REVISION)) {
            OptionalLong own = Rollouts.revisionOf(d);
            if (own.isPresent()) {
                return own.getAsLong();
            }
        }
        return owned.stream().map(Rollouts::revisionOf).filter(OptionalLong::isPresent)
                .mapToLong(OptionalLong::getAsLong).max().orElse(0);
    }

    @Override
    public RolloutStatus rolloutStatus(String namespace, String deployment) {
        return Rollouts.status(requireDeployment(namespace, deployment, "rollout status"));
    }

    /**
     * Polls {@link #rolloutStatus} like {@code kubectl rollout status --timeout}: returns the first observation
     * that is done or failed (progress deadline exceeded), sleeping {@code pollInterval} through {@code timers}
     * in between.
     *
     * @throws ClusterException TIMEOUT when {@code timeout} passes first (by the timers' sleeps or the clock),
     *     with the last observation in the message
     */
    public RolloutStatus awaitRollout(String namespace, String deployment, Duration timeout, Duration pollInterval,
                                      Timers timers) {
        if (timeout.isNegative() || pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("awaitRollout needs a non-negative timeout and a positive poll"
                    + " interval, but were " + timeout + " and " + pollInterval);
        }
        Instant deadline = clock.instant().plus(timeout);
        Duration waited = Duration.ZERO;
        while (true) {
            RolloutStatus status = rolloutStatus(namespace, deployment);
            if (status.done() || status.failed()) {
                return status;
            }
            Duration left = timeout.minus(waited);
            if (left.isNegative() || left.isZero() || !clock.instant().isBefore(deadline)) {
                throw new ClusterException(Reason.TIMEOUT, "rollout status of deployment " + namespace + "/"
                        + deployment + " timed out after " + timeout + ": " + status.message());
            }
            Duration nap = pollInterval.compareTo(left) < 0 ? pollInterval : left;
            timers.sleep(nap);
            waited = waited.plus(nap);
        }
    }

    /**
     * Sets the replicas like {@code kubectl scale}: one JSON merge patch {@code {"spec":{"replicas":N}}} of the
     * deployment's {@code scale} subresource, so it needs only {@code patch} on {@code deployments/scale} (not
     * {@code get} and {@code update}, as a read-modify-write of the Scale object would).
     *
     * @throws ClusterException NOT_FOUND when the deployment does not exist
     */
    @Override
    public void scale(String namespace, String deployment, int replicas) {
        if (replicas < 0) {
            throw new IllegalArgumentException("replicas must not be negative, but was " + replicas);
        }
        // A reference, not a fetched object: fabric8 then sends the patch alone, without a GET before it.
        Deployment reference = new DeploymentBuilder().withNewMetadata().withName(deployment)
                .withNamespace(namespace).endMetadata().build();
        String patch = client.getKubernetesSerialization().asJson(Map.of("spec", Map.of("replicas", replicas)));
        KubeErrors.call("scale", "deployment " + namespace + "/" + deployment,
                () -> client.apps().deployments().inNamespace(namespace).resource(reference).subresource("scale")
                        .patch(PatchContext.of(PatchType.JSON_MERGE), patch));
        LOG.info("scaled deployment {}/{} to {} replicas", namespace, deployment, replicas);
    }

    /**
     * Sets the {@code kubectl.kubernetes.io/restartedAt} pod-template annotation to the clock's time in RFC 3339
     * (seconds, the clock's offset), with kubectl's strategic merge patch.
     *
     * @throws ClusterException CONFLICT for a paused deployment, or when a restart was already requested in
     *     the same second (kubectl's empty patch)
     */
    @Override
    public void rolloutRestart(String namespace, String deployment) {
        Deployment d = requireDeployment(namespace, deployment, "rollout restart");
        if (d.getSpec() != null && Boolean.TRUE.equals(d.getSpec().getPaused())) {
            throw new ClusterException(Reason.CONFLICT, "rollout restart of deployment " + namespace + "/"
                    + deployment + ": can't restart paused deployment (run rollout resume first)");
        }
        String now = restartedAt();
        PodTemplateSpec template = d.getSpec() == null ? null : d.getSpec().getTemplate();
        if (template != null && template.getMetadata() != null && template.getMetadata().getAnnotations() != null
                && now.equals(template.getMetadata().getAnnotations().get(Rollouts.RESTARTED_AT))) {
            throw new ClusterException(Reason.CONFLICT, "rollout restart of deployment " + namespace + "/"
                    + deployment + ": if restart has already been triggered within the past second, please wait"
                    + " before attempting to trigger another");
        }
        Map<String, Object> patch = Map.of("spec", Map.of("template", Map.of("metadata",
                Map.of("annotations", Map.of(Rollouts.RESTARTED_AT, now)))));
        String body = client.getKubernetesSerialization().asJson(patch);
        KubeErrors.call("rollout restart", "deployment " + namespace + "/" + deployment,
                () -> client.apps().deployments().inNamespace(namespace).withName(deployment)
                        .patch(PatchContext.of(PatchType.STRATEGIC_MERGE), body));
        LOG.info("restarted deployment {}/{} at {}", namespace, deployment, now);
    }

    private String restartedAt() {
        return OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.SECONDS), clock.getZone())
                .format(RFC_3339);
    }

    @Override
    public List<String> deletePods(String namespace, List<String> podNames, Duration gracePeriod) {
        if (gracePeriod.isNegative()) {
            throw new IllegalArgumentException("grace period must not be negative, but was " + gracePeriod);
        }
        long seconds = gracePeriod.plusNanos(999_999_999).getSeconds();
        List<String> deleted = new ArrayList<>();
        for (String name : new LinkedHashSet<>(podNames)) {
            boolean gone = KubeErrors.call("delete", "pod " + namespace + "/" + name,
                    () -> client.pods().inNamespace(namespace).withName(name).withGracePeriod(seconds).delete())
                    .isEmpty();
            if (!gone) {
                deleted.add(name);
            }
        }
        LOG.info("deleted pods {} in {} with grace period {}s", deleted, namespace, seconds);
        return List.copyOf(deleted);
    }

    /**
     * Deletes the pods a selection takes from those matching the selector, in name order (deterministic, so a
     * run can be repeated). Returns the names deleted.
     */
    public List<String> deletePods(String namespace, Map<String, String> selector, PodSelection selection,
                                   Duration gracePeriod) {
        List<String> names = pods(namespace, selector).stream().map(Pod::name).toList();
        return deletePods(namespace, selection.pick(names), gracePeriod);
    }

    /** The nodes whose labels include the selector's, sorted by name ({@code kubectl get nodes -l}). */
    @Override
    public List<String> nodes(Map<String, String> labelSelector) {
        return KubeErrors.call("list nodes", "nodes " + selectorText(labelSelector),
                () -> client.nodes().withLabels(labelSelector).list().getItems()).stream()
                .map(n -> n.getMetadata().getName()).sorted().toList();
    }

    /** The node of each pod matching the selector, by pod name; pods not scheduled yet ({@code spec.nodeName} unset) are absent. */
    @Override
    public Map<String, String> podNodes(String namespace, Map<String, String> selector) {
        Map<String, String> out = new java.util.TreeMap<>();
        for (io.fabric8.kubernetes.api.model.Pod pod : listPods(namespace, selector, "list pods")) {
            String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
            if (node != null && !node.isEmpty()) {
                out.put(pod.getMetadata().getName(), node);
            }
        }
        return out;
    }

    private Deployment requireDeployment(String namespace, String name, String operation) {
        Deployment d = KubeErrors.call(operation, "deployment " + namespace + "/" + name,
                () -> client.apps().deployments().inNamespace(namespace).withName(name).get());
        if (d == null) {
            throw new ClusterException(Reason.NOT_FOUND, operation + " of deployment " + namespace + "/" + name
                    + " failed: deployment not found");
        }
        return d;
    }

    private List<ReplicaSet> ownedReplicaSets(Deployment d, String operation) {
        String object = "replicasets of deployment " + d.getMetadata().getNamespace() + "/" + d.getMetadata().getName();
        // kubectl lists by the deployment's selector, then keeps what the deployment controls.
        List<ReplicaSet> candidates = KubeErrors.call(operation, object, () -> {
            var rs = client.apps().replicaSets().inNamespace(d.getMetadata().getNamespace());
            return d.getSpec() != null && d.getSpec().getSelector() != null
                    ? rs.withLabelSelector(d.getSpec().getSelector()).list().getItems()
                    : rs.list().getItems();
        });
        return Rollouts.ownedBy(d, candidates);
    }

    private static @Nullable Instant timestamp(@Nullable String text) {
        return text == null ? null : LogLines.instant(text);
    }

    private static String selectorText(Map<String, String> selector) {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(selector).forEach((k, v) -> out.append(out.length() == 0 ? "" : ",").append(k).append('=')
                .append(v));
        return out.length() == 0 ? "*" : out.toString();
    }

    // ---- the typed operations runbooks run most (issue 17), in kubernetes.internal.TypedOperations

    private io.github.incident4j.kubernetes.internal.TypedOperations typed() {
        return new io.github.incident4j.kubernetes.internal.TypedOperations(client, clock, logBytesPerContainer, logLinesPerContainer);
    }

    @Override
    public List<Resource> resources(ResourceQuery query) {
        return typed().resources(query);
    }

    @Override
    public List<LogLine> podLogs(String namespace, String pod, LogOptions options) {
        return typed().podLogs(namespace, pod, options);
    }

    @Override
    public List<Usage> usage(UsageQuery query) {
        return typed().usage(query);
    }

    @Override
    public RolloutStatus rolloutStatus(String namespace, String kind, String name) {
        return kind.equals("deployment") ? rolloutStatus(namespace, name) : typed().rolloutStatus(namespace, kind, name);
    }

    @Override
    public void rolloutRestart(String namespace, String kind, String name) {
        if (kind.equals("deployment")) {
            rolloutRestart(namespace, name);
        } else {
            typed().rolloutRestart(namespace, kind, name);
        }
    }

    @Override
    public List<Revision> rolloutHistory(String namespace, String kind, String name) {
        return kind.equals("deployment") ? rolloutHistory(namespace, name) : typed().rolloutHistory(namespace, kind, name);
    }

    @Override
    public void scale(String namespace, String kind, String name, int replicas) {
        if (kind.equals("deployment")) {
            scale(namespace, name, replicas);
        } else {
            typed().scale(namespace, kind, name, replicas);
        }
    }

    @Override
    public void cordon(String node, boolean unschedulable) {
        typed().cordon(node, unschedulable);
    }

    @Override
    public DrainResult drain(String node, DrainOptions options) {
        return typed().drain(node, options);
    }
}
