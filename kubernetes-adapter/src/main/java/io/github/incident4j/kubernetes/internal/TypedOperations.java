package io.github.incident4j.kubernetes.internal;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.ContainerMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.NodeMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.github.incident4j.spi.ClusterException;
import io.github.incident4j.spi.ClusterException.Reason;
import io.github.incident4j.spi.ClusterOperations;
import io.github.incident4j.spi.ClusterOperations.DrainOptions;
import io.github.incident4j.spi.ClusterOperations.DrainResult;
import io.github.incident4j.spi.ClusterOperations.LogLine;
import io.github.incident4j.spi.ClusterOperations.LogOptions;
import io.github.incident4j.spi.ClusterOperations.ResourceQuery;
import io.github.incident4j.spi.ClusterOperations.Revision;
import io.github.incident4j.spi.ClusterOperations.RolloutStatus;
import io.github.incident4j.spi.ClusterOperations.Usage;
import io.github.incident4j.spi.ClusterOperations.UsageQuery;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The typed operations runbooks run most (get and describe of any kind, one pod's log, top, rollouts of daemon sets and
 * stateful sets, cordon, uncordon, drain) on the fabric8 client, with kubectl's meaning. {@code
 * KubernetesClusterOperations} delegates its {@link ClusterOperations} methods for them here.
 */
public final class TypedOperations {

    private static final Logger LOG = LoggerFactory.getLogger(TypedOperations.class);
    private static final DateTimeFormatter RFC_3339 = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");
    private static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";

    /** apiVersion and kind of the kinds read with the generic client, by canonical plural. */
    private static final Map<String, String[]> GENERIC = new LinkedHashMap<>();

    static {
        generic("services", "v1", "Service");
        generic("endpoints", "v1", "Endpoints");
        generic("configmaps", "v1", "ConfigMap");
        generic("secrets", "v1", "Secret");
        generic("namespaces", "v1", "Namespace");
        generic("persistentvolumeclaims", "v1", "PersistentVolumeClaim");
        generic("persistentvolumes", "v1", "PersistentVolume");
        generic("serviceaccounts", "v1", "ServiceAccount");
        generic("replicasets", "apps/v1", "ReplicaSet");
        generic("daemonsets", "apps/v1", "DaemonSet");
        generic("statefulsets", "apps/v1", "StatefulSet");
        generic("jobs", "batch/v1", "Job");
        generic("cronjobs", "batch/v1", "CronJob");
        generic("ingresses", "networking.k8s.io/v1", "Ingress");
        generic("networkpolicies", "networking.k8s.io/v1", "NetworkPolicy");
        generic("horizontalpodautoscalers", "autoscaling/v2", "HorizontalPodAutoscaler");
        generic("poddisruptionbudgets", "policy/v1", "PodDisruptionBudget");
        generic("storageclasses", "storage.k8s.io/v1", "StorageClass");
        generic("customresourcedefinitions", "apiextensions.k8s.io/v1", "CustomResourceDefinition");
        generic("clusteroperators", "config.openshift.io/v1", "ClusterOperator");
        generic("clusterversions", "config.openshift.io/v1", "ClusterVersion");
        generic("machines", "machine.openshift.io/v1beta1", "Machine");
        generic("machinesets", "machine.openshift.io/v1beta1", "MachineSet");
        generic("machineconfigpools", "machineconfiguration.openshift.io/v1", "MachineConfigPool");
        generic("routes", "route.openshift.io/v1", "Route");
        generic("ingresscontrollers", "operator.openshift.io/v1", "IngressController");
        generic("virtualmachineinstances", "kubevirt.io/v1", "VirtualMachineInstance");
        generic("virtualmachines", "kubevirt.io/v1", "VirtualMachine");
        generic("datavolumes", "cdi.kubevirt.io/v1beta1", "DataVolume");
    }

    private static void generic(String plural, String apiVersion, String kind) {
        GENERIC.put(plural, new String[] {apiVersion, kind});
    }

    private final KubernetesClient client;
    private final Clock clock;
    private final int logBytes;
    private final int logLines;

    /** Operations on a client, with the log budget per container. */
    public TypedOperations(KubernetesClient client, Clock clock, int logBytes, int logLines) {
        this.client = client;
        this.clock = clock;
        this.logBytes = logBytes;
        this.logLines = logLines;
    }

    // ---- get and describe ----------------------------------------------------------------------

    /** {@link ClusterOperations#resources}. */
    public List<ClusterOperations.Resource> resources(ResourceQuery q) {
        String object = q.kind() + q.name().map(n -> " " + n).orElse("") + q.namespace().map(ns -> " in " + ns).orElse("");
        List<ClusterOperations.Resource> out = KubeErrors.call("get", object, () -> switch (q.kind()) {
            case "pods" -> list(q, client.pods(), this::pod);
            case "deployments" -> list(q, client.apps().deployments(), TypedOperations::deployment);
            case "nodes" -> list(q, client.nodes(), this::node);
            case "events" -> list(q, client.v1().events(), TypedOperations::event);
            default -> {
                String[] type = GENERIC.get(q.kind());
                if (type == null) {
                    throw new ClusterException(Reason.NOT_FOUND, "the adapter does not know the resource type \""
                            + q.kind() + "\"; run the command by hand");
                }
                yield this.<GenericKubernetesResource>list(q, client.genericKubernetesResources(type[0], type[1]),
                        r -> generic(q.kind(), r));
            }
        });
        Comparator<ClusterOperations.Resource> order = q.sortBy().isPresent() || q.kind().equals("events")
                ? Comparator.comparing((ClusterOperations.Resource r) -> r.time().orElse(Instant.EPOCH)).thenComparing(r -> r.name())
                : Comparator.comparing((ClusterOperations.Resource r) -> r.namespace()).thenComparing(r -> r.name());
        return out.stream().sorted(order).toList();
    }

    /** Lists (or gets by name) with the query's namespace, labels and field selector, as kubectl asks the server. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private <T extends HasMetadata> List<ClusterOperations.Resource> list(ResourceQuery q, Object operation,
                                                                         Function<T, ClusterOperations.Resource> view) {
        io.fabric8.kubernetes.client.dsl.MixedOperation op = (io.fabric8.kubernetes.client.dsl.MixedOperation) operation;
        Object scoped;
        if (op instanceof io.fabric8.kubernetes.client.dsl.NonNamespaceOperation && !(op instanceof io.fabric8.kubernetes.client.dsl.MixedOperation)) {
            scoped = op;
        } else {
            scoped = q.namespace().isPresent() ? op.inNamespace(q.namespace().get()) : op.inAnyNamespace();
        }
        if (q.name().isPresent() && q.namespace().isPresent()) {
            T one = (T) ((Resource) ((io.fabric8.kubernetes.client.dsl.NonNamespaceOperation) scoped).withName(q.name().get())).get();
            return one == null ? List.of() : List.of(view.apply(one));
        }
        FilterWatchListDeletable list = (FilterWatchListDeletable) scoped;
        if (!q.selector().isEmpty()) {
            list = (FilterWatchListDeletable) list.withLabels(q.selector());
        }
        if (q.fieldSelector().isPresent()) {
            for (String term : q.fieldSelector().get().split(",", -1)) {
                boolean not = term.contains("!=");
                String[] kv = term.split("!=|==|=", 2);
                list = (FilterWatchListDeletable) (not ? list.withoutField(kv[0], kv[1]) : list.withField(kv[0], kv[1]));
            }
        }
        List<T> items = ((io.fabric8.kubernetes.api.model.KubernetesResourceList<T>) list.list()).getItems();
        List<ClusterOperations.Resource> out = new ArrayList<>();
        for (T t : items) {
            if (q.name().isEmpty() || q.name().get().equals(t.getMetadata().getName())) {
                out.add(view.apply(t));
            }
        }
        return out;
    }

    private static Map<String, String> labels(ObjectMeta m) {
        return m == null || m.getLabels() == null ? Map.of() : m.getLabels();
    }

    private static Optional<Instant> created(ObjectMeta m) {
        return m == null || m.getCreationTimestamp() == null ? Optional.empty() : Optional.ofNullable(time(m.getCreationTimestamp()));
    }

    private static @Nullable Instant time(@Nullable String text) {
        return text == null ? null : LogLines.instant(text);
    }

    private static String ns(ObjectMeta m) {
        return m.getNamespace() == null ? "" : m.getNamespace();
    }

    /** A pod as kubectl's STATUS, READY and RESTARTS columns say it, with its containers' states as details. */
    private ClusterOperations.Resource pod(Pod p) {
        List<ContainerStatus> statuses = p.getStatus() == null || p.getStatus().getContainerStatuses() == null ? List.of()
                : p.getStatus().getContainerStatuses();
        long ready = statuses.stream().filter(s -> Boolean.TRUE.equals(s.getReady())).count();
        int total = p.getSpec() == null || p.getSpec().getContainers() == null ? statuses.size() : p.getSpec().getContainers().size();
        int restarts = statuses.stream().mapToInt(s -> s.getRestartCount() == null ? 0 : s.getRestartCount()).sum();
        String reason = statuses.stream().map(s -> s.getState() == null ? null : s.getState().getWaiting() != null
                        ? s.getState().getWaiting().getReason() : s.getState().getTerminated() != null ? s.getState().getTerminated().getReason() : null)
                .filter(r -> r != null && !r.isEmpty()).findFirst().orElse("");
        String phase = p.getStatus() == null || p.getStatus().getPhase() == null ? "Unknown" : p.getStatus().getPhase();
        if (p.getMetadata().getDeletionTimestamp() != null) {
            phase = "Terminating";
        }
        List<String> details = new ArrayList<>();
        details.add("Node: " + (p.getSpec() == null || p.getSpec().getNodeName() == null ? "<none>" : p.getSpec().getNodeName()));
        for (ContainerStatus s : statuses) {
            details.add("Container " + s.getName() + ": image " + s.getImage() + ", " + (Boolean.TRUE.equals(s.getReady()) ? "ready" : "not ready")
                    + ", " + (s.getRestartCount() == null ? 0 : s.getRestartCount()) + " restarts");
        }
        return new ClusterOperations.Resource("pods", ns(p.getMetadata()), p.getMetadata().getName(), labels(p.getMetadata()),
                phase + ", " + ready + "/" + total + " ready, " + restarts + " restarts" + (reason.isEmpty() ? "" : ", " + reason),
                created(p.getMetadata()), details);
    }

    private static ClusterOperations.Resource deployment(Deployment d) {
        int desired = d.getSpec() == null || d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        int available = d.getStatus() == null || d.getStatus().getAvailableReplicas() == null ? 0 : d.getStatus().getAvailableReplicas();
        boolean paused = d.getSpec() != null && Boolean.TRUE.equals(d.getSpec().getPaused());
        List<String> details = d.getStatus() == null || d.getStatus().getConditions() == null ? List.of()
                : d.getStatus().getConditions().stream().map(c -> "Condition " + c.getType() + "=" + c.getStatus()
                + (c.getMessage() == null ? "" : ": " + c.getMessage())).toList();
        return new ClusterOperations.Resource("deployments", ns(d.getMetadata()), d.getMetadata().getName(), labels(d.getMetadata()),
                available + "/" + desired + " available" + (paused ? ", paused" : ""), created(d.getMetadata()), details);
    }

    private ClusterOperations.Resource node(Node n) {
        List<NodeCondition> conditions = n.getStatus() == null || n.getStatus().getConditions() == null ? List.of()
                : n.getStatus().getConditions();
        String ready = conditions.stream().filter(c -> "Ready".equals(c.getType())).findFirst()
                .map(c -> "True".equals(c.getStatus()) ? "Ready" : "NotReady").orElse("Unknown");
        boolean cordoned = n.getSpec() != null && Boolean.TRUE.equals(n.getSpec().getUnschedulable());
        List<String> details = conditions.stream().map(c -> "Condition " + c.getType() + "=" + c.getStatus()
                + (c.getMessage() == null ? "" : ": " + c.getMessage())).toList();
        return new ClusterOperations.Resource("nodes", "", n.getMetadata().getName(), labels(n.getMetadata()),
                ready + (cordoned ? ",SchedulingDisabled" : ""), created(n.getMetadata()), details);
    }

    private static ClusterOperations.Resource event(Event e) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("reason", e.getReason() == null ? "" : e.getReason());
        fields.put("type", e.getType() == null ? "" : e.getType());
        if (e.getInvolvedObject() != null) {
            fields.put("involvedObject.kind", e.getInvolvedObject().getKind() == null ? "" : e.getInvolvedObject().getKind());
            fields.put("involvedObject.name", e.getInvolvedObject().getName() == null ? "" : e.getInvolvedObject().getName());
        }
        Instant at = time(e.getLastTimestamp());
        if (at == null && e.getEventTime() != null) {
            at = time(e.getEventTime().getTime());
        }
        Optional<Instant> when = at == null ? created(e.getMetadata()) : Optional.of(at);
        int count = e.getCount() == null ? 1 : e.getCount();
        return new ClusterOperations.Resource("events", ns(e.getMetadata()), e.getMetadata().getName(), fields,
                fields.get("type") + " " + fields.get("reason") + ": " + (e.getMessage() == null ? "" : e.getMessage().strip())
                        + (count > 1 ? " (x" + count + ")" : ""), when, List.of());
    }

    /** Any other kind: its status conditions say how it is, as {@code kubectl get} and {@code describe} would. */
    @SuppressWarnings("unchecked")
    private static ClusterOperations.Resource generic(String kind, GenericKubernetesResource r) {
        Object status = r.getAdditionalProperties() == null ? null : r.getAdditionalProperties().get("status");
        List<String> conditions = new ArrayList<>();
        String phase = "";
        if (status instanceof Map<?, ?> s) {
            Object c = s.get("conditions");
            if (c instanceof List<?> list) {
                for (Object o : list) {
                    if (o instanceof Map<?, ?> m && "True".equals(String.valueOf(m.get("status")))) {
                        conditions.add(String.valueOf(m.get("type")) + (m.get("message") == null ? "" : ": " + m.get("message")));
                    }
                }
            }
            phase = s.get("phase") == null ? "" : String.valueOf(s.get("phase"));
        }
        String summary = !phase.isEmpty() ? phase
                : conditions.stream().map(x -> x.split(":", 2)[0]).reduce((a, b) -> a + "," + b).orElse("");
        return new ClusterOperations.Resource(kind, ns(r.getMetadata()), r.getMetadata().getName(), labels(r.getMetadata()),
                summary, created(r.getMetadata()), conditions.stream().map(x -> "Condition " + x).toList());
    }

    // ---- one pod's log ---------------------------------------------------------------------------

    /** {@link ClusterOperations#podLogs}. */
    public List<LogLine> podLogs(String namespace, String target, LogOptions o) {
        Pod pod = resolvePod(namespace, target);
        String name = pod.getMetadata().getName();
        List<Container> containers = pod.getSpec() == null || pod.getSpec().getContainers() == null ? List.of() : pod.getSpec().getContainers();
        String container = o.container().orElseGet(() -> containers.isEmpty() ? "" : containers.get(0).getName());
        if (containers.stream().noneMatch(c -> c.getName().equals(container))) {
            throw new ClusterException(Reason.NOT_FOUND, "container " + container + " is not valid for pod " + namespace + "/" + name);
        }
        int sinceSeconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, o.since().plusNanos(999_999_999).getSeconds()));
        int tail = Math.min(o.tail().orElse(logLines), logLines);
        String object = "pod " + namespace + "/" + name + " container " + container;
        String text = KubeErrors.call("logs", object, () -> {
            var c = client.pods().inNamespace(namespace).withName(name).inContainer(container).usingTimestamps();
            // the previous container's log has no byte limit in fabric8's API; its tail bounds it
            var log = o.previous() ? c.terminated() : c.limitBytes(logBytes);
            String s = log.sinceSeconds(sinceSeconds).tailingLines(tail).getLog();
            return s == null ? "" : s;
        });
        LogLines.Parsed parsed = LogLines.parse(name, container, text, clock.instant().minus(o.since()), o.contains());
        return LogLines.newest(parsed.lines(), o.limit());
    }

    /** A pod by name, or the first pod (by name) of {@code deployment/x}, {@code statefulset/x}, {@code job/x}... */
    private Pod resolvePod(String namespace, String target) {
        int slash = target.indexOf('/');
        String kind = slash < 0 ? "pod" : target.substring(0, slash).toLowerCase(java.util.Locale.ROOT);
        String name = target.substring(slash + 1);
        if (kind.startsWith("po")) {
            Pod p = KubeErrors.call("logs", "pod " + namespace + "/" + name, () -> client.pods().inNamespace(namespace).withName(name).get());
            if (p == null) {
                throw new ClusterException(Reason.NOT_FOUND, "pods \"" + name + "\" not found in namespace \"" + namespace + "\"");
            }
            return p;
        }
        Map<String, String> selector = KubeErrors.call("logs", kind + " " + namespace + "/" + name, () -> {
            if (kind.startsWith("deploy")) {
                Deployment d = client.apps().deployments().inNamespace(namespace).withName(name).get();
                return d == null || d.getSpec().getSelector() == null ? null : d.getSpec().getSelector().getMatchLabels();
            }
            if (kind.startsWith("statefulset") || kind.equals("sts")) {
                StatefulSet s = client.apps().statefulSets().inNamespace(namespace).withName(name).get();
                return s == null || s.getSpec().getSelector() == null ? null : s.getSpec().getSelector().getMatchLabels();
            }
            if (kind.startsWith("daemonset") || kind.equals("ds")) {
                DaemonSet s = client.apps().daemonSets().inNamespace(namespace).withName(name).get();
                return s == null || s.getSpec().getSelector() == null ? null : s.getSpec().getSelector().getMatchLabels();
            }
            if (kind.startsWith("job")) {
                return Map.of("job-name", name);
            }
            return null;
        });
        if (selector == null || selector.isEmpty()) {
            throw new ClusterException(Reason.NOT_FOUND, kind + " \"" + name + "\" not found in namespace \"" + namespace + "\"");
        }
        List<Pod> pods = KubeErrors.call("logs", "pods of " + target, () -> client.pods().inNamespace(namespace).withLabels(selector).list().getItems());
        return pods.stream().min(Comparator.comparing(p -> p.getMetadata().getName()))
                .orElseThrow(() -> new ClusterException(Reason.NOT_FOUND, target + " in " + namespace + " has no pods"));
    }

    // ---- top -------------------------------------------------------------------------------------

    /** {@link ClusterOperations#usage}, from the metrics API (metrics-server). */
    public List<Usage> usage(UsageQuery q) {
        if (q.nodes()) {
            List<NodeMetrics> nodes = KubeErrors.call("top", "nodes", () -> {
                var op = q.selector().isEmpty() ? client.top().nodes() : client.top().nodes().withLabels(q.selector());
                return q.name().isPresent() ? List.of(op.metrics(q.name().get())) : op.metrics().getItems();
            });
            return nodes.stream().map(n -> new Usage("", n.getMetadata().getName(), "", millicores(n.getUsage().get("cpu")),
                    bytes(n.getUsage().get("memory")))).sorted(Comparator.comparing(Usage::name)).toList();
        }
        List<PodMetrics> pods = KubeErrors.call("top", "pods", () -> {
            var op = q.selector().isEmpty() ? client.top().pods() : client.top().pods().withLabels(q.selector());
            if (q.namespace().isPresent() && q.name().isPresent()) {
                return List.of(op.metrics(q.namespace().get(), q.name().get()));
            }
            return q.namespace().isPresent() ? op.metrics(q.namespace().get()).getItems() : op.metrics().getItems();
        });
        List<Usage> out = new ArrayList<>();
        for (PodMetrics p : pods) {
            if (q.name().isPresent() && !q.name().get().equals(p.getMetadata().getName())) {
                continue;
            }
            long cpu = 0;
            long memory = 0;
            for (ContainerMetrics c : p.getContainers()) {
                if (q.containers()) {
                    out.add(new Usage(ns(p.getMetadata()), p.getMetadata().getName(), c.getName(), millicores(c.getUsage().get("cpu")),
                            bytes(c.getUsage().get("memory"))));
                }
                cpu += millicores(c.getUsage().get("cpu"));
                memory += bytes(c.getUsage().get("memory"));
            }
            if (!q.containers()) {
                out.add(new Usage(ns(p.getMetadata()), p.getMetadata().getName(), "", cpu, memory));
            }
        }
        out.sort(Comparator.comparing(Usage::namespace).thenComparing(Usage::name).thenComparing(Usage::container));
        return out;
    }

    private static long millicores(@Nullable Quantity q) {
        return q == null ? 0 : q.getNumericalAmount().multiply(BigDecimal.valueOf(1000)).longValue();
    }

    private static long bytes(@Nullable Quantity q) {
        return q == null ? 0 : q.getNumericalAmount().longValue();
    }

    // ---- rollouts of daemon sets and stateful sets ---------------------------------------------

    /** The restart annotation's value now, as kubectl writes it. */
    private String restartedAt() {
        return OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.SECONDS), clock.getZone()).format(RFC_3339);
    }

    /** {@link ClusterOperations#rolloutRestart(String, String, String)} of a daemon set or stateful set. */
    public void rolloutRestart(String namespace, String kind, String name) {
        Map<String, Object> patch = Map.of("spec", Map.of("template", Map.of("metadata",
                Map.of("annotations", Map.of(RESTARTED_AT, restartedAt())))));
        String body = client.getKubernetesSerialization().asJson(patch);
        KubeErrors.call("rollout restart", kind + " " + namespace + "/" + name, () -> switch (kind) {
            case "daemonset" -> require(client.apps().daemonSets().inNamespace(namespace).withName(name), kind, namespace, name)
                    .patch(PatchContext.of(PatchType.STRATEGIC_MERGE), body);
            case "statefulset" -> require(client.apps().statefulSets().inNamespace(namespace).withName(name), kind, namespace, name)
                    .patch(PatchContext.of(PatchType.STRATEGIC_MERGE), body);
            default -> throw new ClusterException(Reason.OTHER, "rollout restart of a " + kind + " is not supported");
        });
        LOG.info("restarted {} {}/{}", kind, namespace, name);
    }

    private static <T extends HasMetadata, R extends Resource<T>> R require(R resource, String kind, String namespace, String name) {
        if (resource.get() == null) {
            throw new ClusterException(Reason.NOT_FOUND, kind + "s.apps \"" + name + "\" not found in namespace \"" + namespace + "\"");
        }
        return resource;
    }

    /** {@link ClusterOperations#rolloutStatus(String, String, String)} of a daemon set or stateful set, judged like kubectl. */
    public RolloutStatus rolloutStatus(String namespace, String kind, String name) {
        String quoted = "\"" + name + "\"";
        if (kind.equals("daemonset")) {
            DaemonSet d = KubeErrors.call("rollout status", kind + " " + namespace + "/" + name,
                    () -> client.apps().daemonSets().inNamespace(namespace).withName(name).get());
            if (d == null) {
                throw new ClusterException(Reason.NOT_FOUND, "daemonsets.apps " + quoted + " not found in namespace \"" + namespace + "\"");
            }
            var s = d.getStatus();
            int desired = s == null || s.getDesiredNumberScheduled() == null ? 0 : s.getDesiredNumberScheduled();
            int updated = s == null || s.getUpdatedNumberScheduled() == null ? 0 : s.getUpdatedNumberScheduled();
            int available = s == null || s.getNumberAvailable() == null ? 0 : s.getNumberAvailable();
            boolean done = updated >= desired && available >= desired;
            return new RolloutStatus(done, false, done ? "daemon set " + quoted + " successfully rolled out"
                    : "Waiting for daemon set " + quoted + " rollout to finish: " + updated + " out of " + desired
                    + " new pods have been updated...", desired, updated, available);
        }
        if (kind.equals("statefulset")) {
            StatefulSet d = KubeErrors.call("rollout status", kind + " " + namespace + "/" + name,
                    () -> client.apps().statefulSets().inNamespace(namespace).withName(name).get());
            if (d == null) {
                throw new ClusterException(Reason.NOT_FOUND, "statefulsets.apps " + quoted + " not found in namespace \"" + namespace + "\"");
            }
            var s = d.getStatus();
            int desired = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
            int updated = s == null || s.getUpdatedReplicas() == null ? 0 : s.getUpdatedReplicas();
            int ready = s == null || s.getReadyReplicas() == null ? 0 : s.getReadyReplicas();
            boolean done = ready >= desired && updated >= desired;
            return new RolloutStatus(done, false, done ? "partitioned roll out complete: " + updated + " new pods have been updated..."
                    : "Waiting for " + (desired - ready) + " pods to be ready...", desired, updated, ready);
        }
        throw new ClusterException(Reason.OTHER, "rollout status of a " + kind + " is not supported");
    }

    /** {@link ClusterOperations#rolloutHistory(String, String, String)}: the controller revisions a set owns. */
    public List<Revision> rolloutHistory(String namespace, String kind, String name) {
        String owner = kind.equals("daemonset") ? "DaemonSet" : "StatefulSet";
        var revisions = KubeErrors.call("rollout history", kind + " " + namespace + "/" + name,
                () -> client.apps().controllerRevisions().inNamespace(namespace).list().getItems());
        List<Revision> out = new ArrayList<>();
        for (var r : revisions) {
            List<OwnerReference> refs = r.getMetadata().getOwnerReferences() == null ? List.of() : r.getMetadata().getOwnerReferences();
            if (refs.stream().anyMatch(o -> owner.equals(o.getKind()) && name.equals(o.getName()))) {
                String cause = r.getMetadata().getAnnotations() == null ? "" : r.getMetadata().getAnnotations().getOrDefault("kubernetes.io/change-cause", "");
                out.add(new Revision(r.getRevision() == null ? 0 : r.getRevision(), cause, "",
                        created(r.getMetadata()).orElse(Instant.EPOCH)));
            }
        }
        out.sort(Comparator.comparingLong(Revision::number));
        return out;
    }

    /** {@link ClusterOperations#scale(String, String, String, int)} of a stateful set or replica set. */
    public void scale(String namespace, String kind, String name, int replicas) {
        KubeErrors.call("scale", kind + " " + namespace + "/" + name, () -> switch (kind) {
            case "statefulset" -> require(client.apps().statefulSets().inNamespace(namespace).withName(name), kind, namespace, name).scale(replicas);
            case "replicaset" -> require(client.apps().replicaSets().inNamespace(namespace).withName(name), kind, namespace, name).scale(replicas);
            default -> throw new ClusterException(Reason.OTHER, "scale of a " + kind + " is not supported");
        });
    }

    // ---- nodes -----------------------------------------------------------------------------------

    /** {@link ClusterOperations#cordon}. */
    public void cordon(String node, boolean unschedulable) {
        KubeErrors.call(unschedulable ? "cordon" : "uncordon", "node " + node, () -> {
            if (client.nodes().withName(node).get() == null) {
                throw new ClusterException(Reason.NOT_FOUND, "nodes \"" + node + "\" not found");
            }
            String body = "{\"spec\":{\"unschedulable\":" + unschedulable + "}}";
            return client.nodes().withName(node).patch(PatchContext.of(PatchType.JSON_MERGE), body);
        });
        LOG.info("{} node {}", unschedulable ? "cordoned" : "uncordoned", node);
    }

    /** {@link ClusterOperations#drain}: cordons, then evicts (or, without the eviction API, deletes) the node's pods. */
    public DrainResult drain(String node, DrainOptions o) {
        cordon(node, true);
        List<Pod> pods = KubeErrors.call("drain", "pods on node " + node,
                () -> client.pods().inAnyNamespace().withField("spec.nodeName", node).list().getItems());
        List<String> refused = new ArrayList<>();
        List<Pod> evict = new ArrayList<>();
        for (Pod p : pods) {
            if (!node.equals(p.getSpec() == null ? null : p.getSpec().getNodeName())) {
                continue;
            }
            ObjectMeta m = p.getMetadata();
            List<OwnerReference> owners = m.getOwnerReferences() == null ? List.of() : m.getOwnerReferences();
            boolean mirror = m.getAnnotations() != null && m.getAnnotations().containsKey("kubernetes.io/config.mirror");
            boolean daemon = owners.stream().anyMatch(r -> "DaemonSet".equals(r.getKind()));
            boolean managed = owners.stream().anyMatch(r -> Boolean.TRUE.equals(r.getController()));
            List<Volume> volumes = p.getSpec().getVolumes() == null ? List.of() : p.getSpec().getVolumes();
            boolean emptyDir = volumes.stream().anyMatch(v -> v.getEmptyDir() != null);
            String id = ns(m) + "/" + m.getName();
            if (mirror) {
                continue;
            }
            if (daemon) {
                if (!o.ignoreDaemonSets()) {
                    refused.add(id + " (a daemon set pod: use --ignore-daemonsets)");
                }
                continue;
            }
            if (!managed && !o.force()) {
                refused.add(id + " (managed by no controller: use --force)");
            } else if (emptyDir && !o.deleteEmptyDirData()) {
                refused.add(id + " (has emptyDir data: use --delete-emptydir-data)");
            } else {
                evict.add(p);
            }
        }
        if (!refused.isEmpty()) {
            throw new ClusterException(Reason.CONFLICT, "cannot drain node " + node + ": " + String.join("; ", refused));
        }
        List<String> evicted = new ArrayList<>();
        long grace = o.gracePeriod().plusNanos(999_999_999).getSeconds();
        for (Pod p : evict) {
            String namespace = ns(p.getMetadata());
            String name = p.getMetadata().getName();
            KubeErrors.call("drain", "pod " + namespace + "/" + name, () -> {
                var pod = client.pods().inNamespace(namespace).withName(name);
                try {
                    if (!pod.evict()) {
                        throw new ClusterException(Reason.CONFLICT, "eviction of " + namespace + "/" + name
                                + " refused (a pod disruption budget)");
                    }
                } catch (KubernetesClientException e) {
                    if (e.getCode() != 404 && e.getCode() != 405 && e.getCode() != 501) {
                        throw e;
                    }
                    // no eviction API (an old or mock API server): delete with the grace period, as drain --disable-eviction
                    pod.withGracePeriod(grace).delete();
                }
                return null;
            });
            evicted.add(namespace + "/" + name);
        }
        LOG.info("drained node {}: evicted {}", node, evicted);
        return new DrainResult(evicted, "node/" + node + " drained");
    }
}
