package io.github.incident4j.spi;

import io.github.incident4j.common.Problems;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The cluster operations a runbook or chaos experiment performs, with kubectl's meaning. Implemented by
 * {@link io.github.incident4j.sim.SimulatedCluster} and by the Kubernetes adapter; both pass the
 * compatibility kit in the core test-jar.
 *
 * <p>Selectors are equality label selectors ({@code app=payment-service}) given as a map; every value has
 * been validated by the caller. Operations on a deployment that does not exist throw
 * {@link ClusterException}. Calls are synchronous; waiting (for rollout status) is the caller's, with
 * its {@link Timers}.
 */
public interface ClusterOperations {

    /** Pods matching the selector in the namespace, sorted by name. */
    List<Pod> pods(String namespace, Map<String, String> selector);

    /** The deployment's revisions in ascending order, like {@code kubectl rollout history}. */
    List<Revision> rolloutHistory(String namespace, String deployment);

    /**
     * Log lines of the pods matching the selector, newer than {@code since} before now, that contain
     * {@code contains} as plain text (empty: every line), at most {@code limit} lines (the newest kept), oldest
     * first. Same as {@link #logs(String, Map, Duration, String, int, int)} with {@link #ALL_LINES}.
     */
    List<LogLine> logs(String namespace, Map<String, String> selector, Duration since, String contains, int limit);

    /** {@code kubectl logs --tail=-1}: every line of each container's log. */
    int ALL_LINES = -1;

    /** kubectl's {@code --tail} when a selector is given and no tail is: the last 10 lines of each pod. */
    int SELECTOR_DEFAULT_TAIL = 10;

    /**
     * Log lines as {@code kubectl logs --tail=N --since=D | grep -F TEXT} reads them: of each container of each
     * pod matching the selector, its last {@code tail} lines ({@link #ALL_LINES} for all; kubectl's default with a
     * selector is {@link #SELECTOR_DEFAULT_TAIL}), of those the lines newer than {@code since} before now that
     * contain {@code contains} (empty: every line); of all of those, the newest {@code limit} lines, oldest first.
     * The tail comes before the filter, as with kubectl and grep: a matching line older than a container's last
     * {@code tail} lines is not returned.
     *
     * <p>The default implementation derives this from
     * {@link #logs(String, Map, Duration, String, int)} (reading the whole window); implementations that can ask
     * their server for the tail override it.
     *
     * @throws io.github.incident4j.ValidationException when {@code since} or {@code limit} is negative, or
     *     {@code tail} is below {@link #ALL_LINES}
     */
    default List<LogLine> logs(String namespace, Map<String, String> selector, Duration since, String contains,
                               int tail, int limit) {
        LogLine.checkBounds(since, tail, limit);
        if (tail == ALL_LINES) {
            return logs(namespace, selector, since, contains, limit);
        }
        // A container's log is in time order, so its last `tail` lines within the window are the last `tail`
        // lines of the whole log that fall in the window.
        List<LogLine> window = logs(namespace, selector, since, "", Integer.MAX_VALUE);
        return LogLine.tailThenFilter(window, tail, contains, limit);
    }

    /**
     * Rolls the deployment back like {@code kubectl rollout undo}: to the previous revision, or to
     * {@code toRevision} when given.
     *
     * @throws ClusterException when the revision does not exist or the deployment is paused
     */
    UndoResult rolloutUndo(String namespace, String deployment, OptionalLong toRevision);

    /** One observation of the rollout, judged like {@code kubectl rollout status}. */
    RolloutStatus rolloutStatus(String namespace, String deployment);

    /** Sets the deployment's replica count. */
    void scale(String namespace, String deployment, int replicas);

    /** Restarts the deployment's pods like {@code kubectl rollout restart}. */
    void rolloutRestart(String namespace, String deployment);

    /**
     * Deletes the named pods with a grace period ({@link Duration#ZERO} forces). Returns the names
     * actually deleted (pods already gone are skipped).
     */
    List<String> deletePods(String namespace, List<String> podNames, Duration gracePeriod);

    /**
     * The names of the nodes whose labels include every entry of {@code labelSelector}, sorted, like
     * {@code kubectl get nodes -l}. Chaos experiments use it for Litmus's {@code NODE_LABEL}. The default refuses:
     * an implementation that cannot list nodes says so.
     *
     * @throws ClusterException when the nodes cannot be listed
     */
    default List<String> nodes(Map<String, String> labelSelector) {
        throw new ClusterException(ClusterException.Reason.FORBIDDEN, "this cluster implementation ("
                + getClass().getSimpleName() + ") cannot list nodes");
    }

    /**
     * The node each pod matching the selector is scheduled on, by pod name (pods not scheduled yet are absent), like
     * the NODE column of {@code kubectl get pods -o wide}. The default refuses, as {@link #nodes} does.
     *
     * @throws ClusterException when the pods cannot be listed
     */
    default Map<String, String> podNodes(String namespace, Map<String, String> selector) {
        throw new ClusterException(ClusterException.Reason.FORBIDDEN, "this cluster implementation ("
                + getClass().getSimpleName() + ") cannot tell which node a pod runs on");
    }

    /**
     * A pod as {@code kubectl get pods} shows it: {@link #status} is its STATUS column, {@link #restarts} its
     * RESTARTS column (without kubectl's "(Xs ago)"), {@link #ready} whether its READY column reads n/n; all
     * computed by {@link KubectlPodStatus}.
     *
     * @param name pod name
     * @param phase Pending, Running, Succeeded, Failed or Unknown
     * @param status kubectl's STATUS, e.g. {@code Running}, {@code CrashLoopBackOff}, {@code Init:CrashLoopBackOff},
     *     {@code Init:1/2}, {@code Completed}, {@code Error}, {@code OOMKilled}, {@code Terminating}
     * @param ready whether every container is ready
     * @param restarts container restarts, summed as kubectl does (init containers' while the pod initialises)
     * @param waitingReason the reason the container holding the pod back waits, e.g. {@code CrashLoopBackOff}
     *     (also for an init container), or empty
     * @param labels the pod's labels
     * @param startedAt when the pod started, if it has
     */
    record Pod(String name, String phase, String status, boolean ready, int restarts, String waitingReason,
               Map<String, String> labels, java.util.Optional<Instant> startedAt) {
        /** Copies the labels. */
        public Pod {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(phase, "phase");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(waitingReason, "waitingReason");
            labels = Map.copyOf(labels);
            Objects.requireNonNull(startedAt, "startedAt");
        }

        /**
         * A pod of one container without init containers, as before {@link #status} existed: the status is the
         * waiting reason, or else the phase (what kubectl shows for such a pod unless its container terminated).
         */
        public Pod(String name, String phase, boolean ready, int restarts, String waitingReason,
                   Map<String, String> labels, java.util.Optional<Instant> startedAt) {
            this(name, phase, waitingReason.isEmpty() ? phase : waitingReason, ready, restarts, waitingReason, labels,
                    startedAt);
        }
    }

    /**
     * One revision of a deployment.
     *
     * @param number the revision number
     * @param changeCause the {@code kubernetes.io/change-cause} annotation, or empty
     * @param image the first container's image, for evidence
     * @param createdAt when the revision was created
     */
    record Revision(long number, String changeCause, String image, Instant createdAt) {
        /** Validates the parts. */
        public Revision {
            Objects.requireNonNull(changeCause, "changeCause");
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(createdAt, "createdAt");
        }
    }

    /**
     * One log line.
     *
     * @param pod the pod it came from
     * @param container the container it came from
     * @param at its timestamp
     * @param text the line
     */
    record LogLine(String pod, String container, Instant at, String text) {
        /** Oldest first; ties keep pod, then container order. */
        public static final Comparator<LogLine> CHRONOLOGICAL = Comparator.comparing(LogLine::at)
                .thenComparing(LogLine::pod).thenComparing(LogLine::container);

        /** Validates the parts. */
        public LogLine {
            Objects.requireNonNull(pod, "pod");
            Objects.requireNonNull(container, "container");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(text, "text");
        }

        /**
         * Of {@code lines} (each container's in time order), the last {@code tail} of each pod's container
         * ({@link ClusterOperations#ALL_LINES}: all), those containing {@code contains}, then the newest
         * {@code limit} of all, oldest first: {@code kubectl logs --tail} then {@code grep}, then the bound.
         */
        public static List<LogLine> tailThenFilter(List<LogLine> lines, int tail, String contains, int limit) {
            Map<List<String>, ArrayDeque<LogLine>> last = new LinkedHashMap<>();
            for (LogLine line : lines) {
                ArrayDeque<LogLine> kept = last.computeIfAbsent(List.of(line.pod(), line.container()),
                        k -> new ArrayDeque<>());
                kept.addLast(line);
                if (tail != ALL_LINES && kept.size() > tail) {
                    kept.removeFirst();
                }
            }
            List<LogLine> matching = new ArrayList<>();
            last.values().forEach(kept -> kept.stream().filter(l -> l.text().contains(contains)).forEach(matching::add));
            matching.sort(CHRONOLOGICAL);
            return List.copyOf(matching.subList(Math.max(0, matching.size() - limit), matching.size()));
        }

        /** Refuses a negative window or limit and a tail below {@link ClusterOperations#ALL_LINES}. */
        static void checkBounds(Duration since, int tail, int limit) {
            Problems problems = new Problems();
            problems.check(!since.isNegative(), "since", since, "must not be negative");
            problems.check(tail >= ALL_LINES, "tail", tail, "must be -1 (all lines) or more");
            problems.check(limit >= 0, "limit", limit, "must not be negative");
            problems.throwIfAny("logs");
        }
    }

    /**
     * What an undo did.
     *
     * @param fromRevision the revision that was current
     * @param toRevision the revision whose template was restored
     * @param skipped true when the template was already current and nothing changed
     * @param message kubectl's message, e.g. {@code deployment.apps/x rolled back}
     */
    record UndoResult(long fromRevision, long toRevision, boolean skipped, String message) {
        /** Validates the parts. */
        public UndoResult {
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * A rollout observation.
     *
     * @param done the rollout finished successfully
     * @param failed the rollout exceeded its progress deadline
     * @param message kubectl's message, e.g. {@code Waiting for deployment "x" rollout to finish: 1 of 3
     *     updated replicas are available...}
     * @param desired desired replicas
     * @param updated updated replicas
     * @param available available replicas
     */
    record RolloutStatus(boolean done, boolean failed, String message, int desired, int updated, int available) {
        /** Validates the parts. */
        public RolloutStatus {
            Objects.requireNonNull(message, "message");
        }
    }

    // ---- added for the typed operations runbooks run most (issue 17): any resource, one pod's log, usage, rollouts
    // of daemon sets and stateful sets, node maintenance. Every implementation in this project overrides these; the
    // defaults only keep a host's own implementation compiling, and say what it lacks.

    /**
     * The objects of a kind, like {@code kubectl get}: in a namespace, or every namespace when the query names none (and
     * for cluster-scoped kinds), narrowed by name, label selector and field selector, sorted by namespace and name, or by
     * time when {@link ResourceQuery#sortBy()} is given (events by their last occurrence). An unknown kind gives
     * {@link ClusterException.Reason#NOT_FOUND}; a kind with no objects an empty list. Each object's
     * {@link Resource#details()} says what {@code kubectl describe} would (conditions, recent events).
     */
    default List<Resource> resources(ResourceQuery query) {
        throw unsupported("resources (kubectl get and describe)");
    }

    /**
     * Log lines of one pod, or of the first pod of a workload written {@code kind/name} ({@code deployment/x},
     * {@code job/x}), like {@code kubectl logs}: of one container when named, of the previous (crashed) container when
     * asked, newer than {@link LogOptions#since()}, containing {@link LogOptions#contains()}, the newest
     * {@link LogOptions#limit()} kept.
     */
    default List<LogLine> podLogs(String namespace, String pod, LogOptions options) {
        throw unsupported("podLogs (kubectl logs POD)");
    }

    /** Current CPU and memory use of pods (per container when asked) or nodes, like {@code kubectl top}. */
    default List<Usage> usage(UsageQuery query) {
        throw unsupported("usage (kubectl top)");
    }

    /** {@link #rolloutStatus(String, String)} of a {@code deployment}, {@code daemonset} or {@code statefulset}. */
    default RolloutStatus rolloutStatus(String namespace, String kind, String name) {
        if (kind.equals("deployment")) {
            return rolloutStatus(namespace, name);
        }
        throw unsupported("rollout status of a " + kind);
    }

    /** {@link #rolloutRestart(String, String)} of a {@code deployment}, {@code daemonset} or {@code statefulset}. */
    default void rolloutRestart(String namespace, String kind, String name) {
        if (kind.equals("deployment")) {
            rolloutRestart(namespace, name);
            return;
        }
        throw unsupported("rollout restart of a " + kind);
    }

    /** {@link #rolloutHistory(String, String)} of a {@code deployment}, {@code daemonset} or {@code statefulset}. */
    default List<Revision> rolloutHistory(String namespace, String kind, String name) {
        if (kind.equals("deployment")) {
            return rolloutHistory(namespace, name);
        }
        throw unsupported("rollout history of a " + kind);
    }

    /** {@link #scale(String, String, int)} of a {@code deployment}, {@code statefulset} or {@code replicaset}. */
    default void scale(String namespace, String kind, String name, int replicas) {
        if (kind.equals("deployment")) {
            scale(namespace, name, replicas);
            return;
        }
        throw unsupported("scale of a " + kind);
    }

    /** Marks a node unschedulable ({@code kubectl cordon}), or schedulable again ({@code kubectl uncordon}). */
    default void cordon(String node, boolean unschedulable) {
        throw unsupported(unschedulable ? "cordon" : "uncordon");
    }

    /**
     * Cordons a node and evicts its pods like {@code kubectl drain}: daemon set pods are left when
     * {@link DrainOptions#ignoreDaemonSets()} (else the drain is refused with {@link ClusterException.Reason#CONFLICT}
     * while any run there), pods with emptyDir data only when {@link DrainOptions#deleteEmptyDirData()}, pods no
     * controller manages only when {@link DrainOptions#force()}.
     */
    default DrainResult drain(String node, DrainOptions options) {
        throw unsupported("drain");
    }

    private UnsupportedOperationException unsupported(String what) {
        return new UnsupportedOperationException(getClass().getName() + " does not implement " + what
                + "; override it to run runbooks that use it (see ClusterOperations' compatibility kit)");
    }

    /**
     * What {@link #resources} lists.
     *
     * @param kind the canonical plural ({@code pods}, {@code deployments}, {@code events}, {@code nodes}, a custom
     *     resource's plural such as {@code clusteroperators})
     * @param namespace the namespace; empty for every namespace, or a cluster-scoped kind
     * @param name one object, when named
     * @param selector an equality label selector, or empty
     * @param fieldSelector a field selector as kubectl writes it ({@code status.phase!=Running}), if any
     * @param sortBy kubectl's {@code --sort-by} path ({@code .lastTimestamp}), if any: the result is sorted by time
     */
    record ResourceQuery(String kind, java.util.Optional<String> namespace, java.util.Optional<String> name,
                         Map<String, String> selector, java.util.Optional<String> fieldSelector,
                         java.util.Optional<String> sortBy) {
        /** Copies the selector. */
        public ResourceQuery {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(name, "name");
            selector = Map.copyOf(selector);
            Objects.requireNonNull(fieldSelector, "fieldSelector");
            Objects.requireNonNull(sortBy, "sortBy");
        }

        /** Every object of a kind in a namespace. */
        public static ResourceQuery of(String kind, String namespace) {
            return new ResourceQuery(kind, java.util.Optional.of(namespace), java.util.Optional.empty(), Map.of(),
                    java.util.Optional.empty(), java.util.Optional.empty());
        }
    }

    /**
     * An object as {@code kubectl get} shows it, with what {@code kubectl describe} adds.
     *
     * @param kind its canonical plural
     * @param namespace its namespace, empty for a cluster-scoped object
     * @param name its name
     * @param labels its labels
     * @param status one line in kubectl's words: {@code Running, 1/1 ready, 0 restarts}, {@code 3/3 available},
     *     {@code Ready}, {@code Ready,SchedulingDisabled}, {@code Warning BackOff: Back-off restarting failed container (x5)}
     * @param time when it was created, or for an event when it last occurred, if known
     * @param details further lines a describe shows (conditions, container states, recent events), may be empty
     */
    record Resource(String kind, String namespace, String name, Map<String, String> labels, String status,
                    java.util.Optional<Instant> time, List<String> details) {
        /** Copies the parts. */
        public Resource {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(name, "name");
            labels = Map.copyOf(labels);
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(time, "time");
            details = List.copyOf(details);
        }
    }

    /**
     * How {@link #podLogs} reads.
     *
     * @param container the container, or empty for the pod's only (or first) container
     * @param previous the previous, terminated container's log
     * @param tail the newest lines to read per container, if limited
     * @param since how far back
     * @param contains plain text a line must contain (empty: every line)
     * @param limit most lines returned, the newest kept
     */
    record LogOptions(java.util.Optional<String> container, boolean previous, java.util.OptionalInt tail, Duration since,
                      String contains, int limit) {
        /** Validates the parts. */
        public LogOptions {
            Objects.requireNonNull(container, "container");
            Objects.requireNonNull(tail, "tail");
            Objects.requireNonNull(since, "since");
            Objects.requireNonNull(contains, "contains");
        }
    }

    /**
     * What {@link #usage} measures.
     *
     * @param nodes nodes rather than pods
     * @param namespace the pods' namespace, empty for every namespace (ignored for nodes)
     * @param name one pod or node, if named
     * @param selector an equality label selector, or empty
     * @param containers one row per container rather than per pod
     */
    record UsageQuery(boolean nodes, java.util.Optional<String> namespace, java.util.Optional<String> name,
                      Map<String, String> selector, boolean containers) {
        /** Copies the selector. */
        public UsageQuery {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(name, "name");
            selector = Map.copyOf(selector);
        }
    }

    /**
     * One row of {@code kubectl top}.
     *
     * @param namespace the pod's namespace, empty for a node
     * @param name the pod or node
     * @param container the container, or empty for a whole pod or node
     * @param cpuMillicores CPU in millicores
     * @param memoryBytes memory working set in bytes
     */
    record Usage(String namespace, String name, String container, long cpuMillicores, long memoryBytes) {
        /** Validates the parts. */
        public Usage {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(container, "container");
        }
    }

    /**
     * How {@link #drain} evicts.
     *
     * @param ignoreDaemonSets leave daemon set pods in place
     * @param deleteEmptyDirData evict pods with emptyDir volumes (their data is lost)
     * @param force evict pods no controller manages
     * @param gracePeriod each pod's termination grace period
     * @param timeout how long to wait for the evictions
     */
    record DrainOptions(boolean ignoreDaemonSets, boolean deleteEmptyDirData, boolean force, Duration gracePeriod,
                        Duration timeout) {
        /** Validates the parts. */
        public DrainOptions {
            Objects.requireNonNull(gracePeriod, "gracePeriod");
            Objects.requireNonNull(timeout, "timeout");
        }
    }

    /**
     * What a drain did.
     *
     * @param evicted the pods evicted, {@code namespace/name}
     * @param message kubectl's summary, e.g. {@code node/worker-3 drained}
     */
    record DrainResult(List<String> evicted, String message) {
        /** Copies the list. */
        public DrainResult {
            evicted = List.copyOf(evicted);
            Objects.requireNonNull(message, "message");
        }
    }
}
