package io.github.incident4j.sim;

import io.github.incident4j.ValidationException;
import io.github.incident4j.common.Problems;
import io.github.incident4j.spi.ClusterException;
import io.github.incident4j.spi.ClusterOperations;
import io.github.incident4j.spi.KubectlPodStatus;
import io.github.incident4j.spi.Timers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An in-memory cluster that behaves like Kubernetes for the operations of {@link ClusterOperations}:
 * deployments with a pod template (image, env, annotations), a revision history kept in replica sets, and
 * pods that start, become ready, crash-loop, get deleted and come back, all in the time of the injected
 * {@link Clock} and {@link Timers} (use {@link VirtualTime} for both).
 *
 * <pre>{@code
 * VirtualTime time = VirtualTime.startingAt(Instant.parse("2026-03-02T09:00:00Z"));
 * SimulatedCluster cluster = SimulatedCluster.builder(time.clock(), time)
 *     .deployment("production", "payment-service", d -> d
 *         .replicas(3)
 *         .history("payment:2.2.0", "deploy 2.2.0")
 *         .image("payment:2.3.0").changeCause("deploy 2.3.0")
 *         .env("DB_HOST", "payment-db"))
 *     .build();
 * cluster.deployBadRevision("production", "payment-service", "payment:2.4.0", "deploy 2.4.0",
 *     "ERROR connection pool exhausted");
 * time.advance(Duration.ofMinutes(5));      // three pods in CrashLoopBackOff, restarts climbing
 * cluster.rolloutUndo("production", "payment-service", OptionalLong.empty());   // 2.3.0 is revision 4 now
 * time.advance(Duration.ofSeconds(10));     // rolled out
 * }</pre>
 *
 * <h2>How it behaves</h2>
 * <ul>
 *   <li>Each revision is a replica set named {@code <deployment>-<hash>}, the hash derived from the pod
 *       template; its pods are {@code <deployment>-<hash>-<suffix>} and carry the deployment's selector
 *       labels plus {@code pod-template-hash}. A template equal to an older replica set's reuses it: that
 *       revision number disappears from the history and becomes the newest (what {@code rollout undo}
 *       shows). At most 10 old revisions are kept ({@code revisionHistoryLimit}).</li>
 *   <li>A new revision rolls out like strategy {@code Recreate}: the old pods go at once, the new ones
 *       start. A pod starts Running and not ready; after the {@linkplain Builder#podStartupDelay startup
 *       delay} (10s by default) it is ready, unless it is unhealthy: then it crashes, logs its error line,
 *       counts a restart and waits in {@code CrashLoopBackOff} for kubelet's back-off (10s, doubling, at most
 *       5m) before it runs again. A pod is unhealthy while its image was deployed with
 *       {@link #deployBadRevision} or its deployment is {@link #makeUnhealthy made unhealthy}.</li>
 *   <li>Deleted pods are gone at once (grace periods are not simulated); the replica set creates
 *       replacements after the {@linkplain Builder#podReplacementDelay replacement delay} (2s by default).
 *       Scaling creates or removes pods at once (not-ready and newest pods are removed first).</li>
 *   <li>{@link #pods} shows each pod as {@code kubectl get pods} does ({@link KubectlPodStatus}): Running, or
 *       CrashLoopBackOff while it waits for its next restart. {@link #setPodStatus(String, String,
 *       KubectlPodStatus.PodFacts)} makes a pod report any state (init containers, sidecars, terminated containers,
 *       a deletion timestamp) for fixtures; the pod's own life replaces it again.</li>
 *   <li>{@link #rolloutStatus} judges like {@code kubectl rollout status} with kubectl's messages, and
 *       reports failed when a rollout has not completed within the
 *       {@linkplain Builder#progressDeadline progress deadline} (10m by default) of its last progress.</li>
 *   <li>Failure hooks for tests of failure handling: {@link #failOn}, {@link #failNext} make an operation
 *       throw a {@link ClusterException}; {@link #delayOn} makes it hang for a while through
 *       {@link Timers#sleep} before it answers. {@link #calls} counts the calls per operation.</li>
 * </ul>
 *
 * <p>Thread-safe: every operation and timer task locks the cluster. Unhealthy pods keep timers pending
 * (their next restart), as a crash loop never ends on its own.
 */
public final class SimulatedCluster implements ClusterOperations {

    /** The annotation {@code kubectl rollout restart} stamps on the pod template. */
    public static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";
    /** The label that ties pods to their replica set. */
    public static final String POD_TEMPLATE_HASH = "pod-template-hash";

    private static final int REVISION_HISTORY_LIMIT = 10;
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(10);
    private static final String SAFE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private static final Pattern DNS_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    /** The operations of {@link ClusterOperations}, for the failure hooks and call counts. */
    public enum Operation {
        /** {@link ClusterOperations#pods}. */
        PODS,
        /** {@link ClusterOperations#rolloutHistory}. */
        ROLLOUT_HISTORY,
        /** {@link ClusterOperations#logs}. */
        LOGS,
        /** {@link ClusterOperations#rolloutUndo}. */
        ROLLOUT_UNDO,
        /** {@link ClusterOperations#rolloutStatus}. */
        ROLLOUT_STATUS,
        /** {@link ClusterOperations#scale}. */
        SCALE,
        /** {@link ClusterOperations#rolloutRestart}. */
        ROLLOUT_RESTART,
        /** {@link ClusterOperations#deletePods}. */
        DELETE_PODS
    }

    /**
     * A pod template: what a revision runs.
     *
     * @param image the container image
     * @param env the container's environment
     * @param annotations the template's annotations (e.g. {@link #RESTARTED_AT})
     */
    public record Template(String image, Map<String, String> env, Map<String, String> annotations) {
        /** Copies the maps. */
        public Template {
            Objects.requireNonNull(image, "image");
            env = Map.copyOf(env);
            annotations = Map.copyOf(annotations);
        }
    }

    private final Object lock = new Object();
    private final Clock clock;
    private final Timers timers;
    private final Duration startupDelay;
    private final Duration replacementDelay;
    private final Duration progressDeadline;
    /** Nodes by name; pods are placed on the schedulable ones in turn. */
    private final Map<String, SimNode> nodes = new TreeMap<>();
    /** Whether the only node is the default {@code node-1}, which the first {@link #addNode} replaces. */
    private boolean defaultNode;
    private final Map<String, Deployment> deployments = new TreeMap<>();
    private final Map<String, String> badImages = new LinkedHashMap<>();
    private final Map<Operation, Deque<ClusterException.Reason>> failNext = new EnumMap<>(Operation.class);
    private final Map<Operation, ClusterException.Reason> failAlways = new EnumMap<>(Operation.class);
    private final Map<Operation, Duration> delays = new EnumMap<>(Operation.class);
    private final Map<Operation, Integer> calls = new EnumMap<>(Operation.class);
    private long podCounter;

    private SimulatedCluster(Builder b) {
        this.clock = b.clock;
        this.timers = b.timers;
        this.startupDelay = b.startupDelay;
        this.replacementDelay = b.replacementDelay;
        this.progressDeadline = b.progressDeadline;
        this.defaultNode = b.nodes.isEmpty();
        (defaultNode ? Map.of("node-1", Map.of("kubernetes.io/hostname", "node-1")) : b.nodes)
                .forEach((name, labels) -> nodes.put(name, new SimNode(name, labels)));
    }

    /** Starts a cluster that reads time from {@code clock} and schedules on {@code timers}. */
    public static Builder builder(Clock clock, Timers timers) {
        return new Builder(clock, timers);
    }

    // ---------------------------------------------------------------- ClusterOperations

    @Override
    public List<Pod> pods(String namespace, Map<String, String> selector) {
        enter(Operation.PODS);
        synchronized (lock) {
            return podsIn(namespace).stream()
                    .filter(p -> p.labels.entrySet().containsAll(selector.entrySet()))
                    .map(SimPod::view)
                    .sorted(Comparator.comparing(Pod::name))
                    .toList();
        }
    }

    @Override
    public List<Revision> rolloutHistory(String namespace, String deployment) {
        enter(Operation.ROLLOUT_HISTORY);
        synchronized (lock) {
            Deployment d = require(namespace, deployment, "rollout history");
            return d.replicaSets.stream()
                    .sorted(Comparator.comparingLong(rs -> rs.revision))
                    .map(rs -> new Revision(rs.revision, rs.changeCause, rs.template.image(), rs.createdAt))
                    .toList();
        }
    }

    @Override
    public List<LogLine> logs(String namespace, Map<String, String> selector, Duration since, String contains, int limit) {
        return logs(namespace, selector, since, contains, ALL_LINES, limit);
    }

    /** Reads each pod's (single container's) log like the kubelet: its last {@code tail} lines, then the window. */
    @Override
    public List<LogLine> logs(String namespace, Map<String, String> selector, Duration since, String contains,
                              int tail, int limit) {
        enter(Operation.LOGS);
        if (limit < 0 || since.isNegative() || tail < ALL_LINES) {
            throw ValidationException.of("logs", "since=" + since + ", tail=" + tail + ", limit=" + limit,
                    "must not be negative (tail: -1 for all lines)");
        }
        synchronized (lock) {
            Instant after = clock.instant().minus(since);
            List<LogLine> window = podsIn(namespace).stream()
                    .filter(p -> p.labels.entrySet().containsAll(selector.entrySet()))
                    .flatMap(p -> p.logs.stream())
                    .filter(line -> line.at().isAfter(after))
                    .toList();
            return LogLine.tailThenFilter(window, tail, contains, limit);
        }
    }

    @Override
    public UndoResult rolloutUndo(String namespace, String deployment, OptionalLong toRevision) {
        enter(Operation.ROLLOUT_UNDO);
        synchronized (lock) {
            Deployment d = require(namespace, deployment, "rollout undo");
            ReplicaSet current = d.current();
            ReplicaSet target;
            if (toRevision.isPresent() && toRevision.getAsLong() != 0) {
                long wanted = toRevision.getAsLong();
                target = d.replicaSets.stream().filter(rs -> rs.revision == wanted).findFirst()
                        .orElseThrow(() -> new ClusterException(ClusterException.Reason.NOT_FOUND,
                                "deployment.apps/" + deployment + ": unable to find specified revision " + wanted
                                        + " in history"));
            } else {
                target = d.replicaSets.stream().filter(rs -> rs != current)
                        .max(Comparator.comparingLong(rs -> rs.revision))
                        .orElseThrow(() -> new ClusterException(ClusterException.Reason.NOT_FOUND,
                                "no rollout history found for deployment \"" + deployment + "\""));
            }
            // kubectl looks the revision up before it checks for a pause, and names the revision it was given.
            if (d.paused) {
                throw new ClusterException(ClusterException.Reason.CONFLICT, "you cannot rollback a paused deployment;"
                        + " resume it first with 'kubectl rollout resume deployment/" + deployment + "' and try again");
            }
            long from = current.revision;
            long to = target.revision;
            if (target.template.equals(d.template)) {
                return new UndoResult(from, to, true, "deployment.apps/" + deployment
                        + " skipped rollback (current template already matches revision " + toRevision.orElse(0) + ")");
            }
            rollOut(d, target.template, target.changeCause);
            return new UndoResult(from, to, false, "deployment.apps/" + deployment + " rolled back");
        }
    }

    @Override
    public RolloutStatus rolloutStatus(String namespace, String deployment) {
        enter(Operation.ROLLOUT_STATUS);
        synchronized (lock) {
            Deployment d = require(namespace, deployment, "rollout status");
            ReplicaSet current = d.current();
            int desired = d.replicas;
            int updated = current.pods.size();
            int total = d.replicaSets.stream().mapToInt(rs -> rs.pods.size()).sum();
            int available = (int) current.pods.stream().filter(p -> p.ready).count();
            String quoted = "\"" + deployment + "\"";
            String waiting = "Waiting for deployment " + quoted + " rollout to finish: ";
            if (isComplete(d)) {
                d.completed = true;
                return new RolloutStatus(true, false, "deployment " + quoted + " successfully rolled out",
                        desired, updated, available);
            }
            boolean failed = !d.completed && !clock.instant().isBefore(d.lastProgress.plus(progressDeadline));
            String message;
            if (failed) {
                message = "deployment " + quoted + " exceeded its progress deadline";
            } else if (updated < desired) {
                message = waiting + updated + " out of " + desired + " new replicas have been updated...";
            } else if (total > updated) {
                message = waiting + (total - updated) + " old replicas are pending termination...";
            } else {
                message = waiting + available + " of " + updated + " updated replicas are available...";
            }
            return new RolloutStatus(false, failed, message, desired, updated, available);
        }
    }

    @Override
    public void scale(String namespace, String deployment, int replicas) {
        enter(Operation.SCALE);
        if (replicas < 0) {
            throw ValidationException.of("replicas", replicas, "must not be negative");
        }
        synchronized (lock) {
            Deployment d = require(namespace, deployment, "scale");
            if (d.replicas != replicas) {
                d.replicas = replicas;
                d.progressed(clock.instant());
                reconcile(d);
            }
        }
    }

    @Override
    public void rolloutRestart(String namespace, String deployment) {
        enter(Operation.ROLLOUT_RESTART);
        synchronized (lock) {
            Deployment d = require(namespace, deployment, "rollout restart");
            if (d.paused) {
                throw new ClusterException(ClusterException.Reason.CONFLICT, "deployments.apps \"" + deployment
                        + "\" can't restart paused deployment (run rollout resume first)");
            }
            Map<String, String> annotations = new TreeMap<>(d.template.annotations());
            annotations.put(RESTARTED_AT, clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
            rollOut(d, new Template(d.template.image(), d.template.env(), annotations), d.changeCause);
        }
    }

    @Override
    public List<String> deletePods(String namespace, List<String> podNames, Duration gracePeriod) {
        enter(Operation.DELETE_PODS);
        if (gracePeriod.isNegative()) {
            throw ValidationException.of("gracePeriod", gracePeriod, "must not be negative");
        }
        synchronized (lock) {
            List<String> deleted = new ArrayList<>();
            for (String name : podNames) {
                for (Deployment d : deployments.values()) {
                    if (d.namespace.equals(namespace) && d.removePod(name)) {
                        deleted.add(name);
                        timers.schedule(clock.instant().plus(replacementDelay), () -> {
                            synchronized (lock) {
                                reconcile(d);
                            }
                        });
                    }
                }
            }
            return List.copyOf(deleted);
        }
    }

    // ---------------------------------------------------------------- simulation controls

    /** Adds a deployment to the running cluster; its pods are ready at once (unless unhealthy). */
    public void createDeployment(String namespace, String name, Consumer<DeploymentSpec> spec) {
        DeploymentSpec s = new DeploymentSpec(namespace, name);
        spec.accept(s);
        Problems problems = new Problems();
        s.validate(problems);
        synchronized (lock) {
            problems.check(!deployments.containsKey(key(namespace, name)), "deployment", namespace + "/" + name,
                    "already exists");
            problems.throwIfAny("deployment " + namespace + "/" + name);
            install(s);
        }
    }

    /** Rolls out a new, healthy revision with {@code image}, like {@code kubectl set image} with a change-cause. */
    public void deploy(String namespace, String deployment, String image, String changeCause) {
        synchronized (lock) {
            Deployment d = require(namespace, deployment, "deploy");
            badImages.remove(image);
            rollOut(d, new Template(image, d.template.env(), d.template.annotations()), changeCause);
        }
    }

    /**
     * Rolls out a new revision with {@code image} whose pods crash-loop, each crash logging {@code errorLine}.
     * The image stays bad: a later rollout of it (e.g. an undo back to it) crash-loops again.
     */
    public void deployBadRevision(String namespace, String deployment, String image, String changeCause,
                                  String errorLine) {
        synchronized (lock) {
            Deployment d = require(namespace, deployment, "deploy");
            badImages.put(image, errorLine);
            rollOut(d, new Template(image, d.template.env(), d.template.annotations()), changeCause);
        }
    }

    /** {@link #deployBadRevision(String, String, String, String, String)} with a generic error line. */
    public void deployBadRevision(String namespace, String deployment, String image, String changeCause) {
        deployBadRevision(namespace, deployment, image, changeCause,
                "ERROR " + deployment + " failed to start: java.lang.IllegalStateException: startup check failed");
    }

    /**
     * Makes every pod of the deployment crash-loop from now on, whatever its revision (a dependency went
     * away, a bad config map): ready pods crash at once, each crash logging {@code errorLine}.
     */
    public void makeUnhealthy(String namespace, String deployment, String errorLine) {
        synchronized (lock) {
            Deployment d = require(namespace, deployment, "make unhealthy");
            d.unhealthyLine = errorLine;
            for (ReplicaSet rs : d.replicaSets) {
                for (SimPod p : List.copyOf(rs.pods)) {
                    if (p.ready) {
                        crash(d, p);
                    }
                }
            }
        }
    }

    /** Ends {@link #makeUnhealthy}: crash-looping pods recover on their next restart. */
    public void makeHealthy(String namespace, String deployment) {
        synchronized (lock) {
            require(namespace, deployment, "make healthy").unhealthyLine = null;
        }
    }

    /** Pauses the deployment: undo and restart are refused, like on a paused Kubernetes deployment. */
    public void pause(String namespace, String deployment) {
        synchronized (lock) {
            require(namespace, deployment, "pause").paused = true;
        }
    }

    /** Resumes a paused deployment. */
    public void resume(String namespace, String deployment) {
        synchronized (lock) {
            require(namespace, deployment, "resume").paused = false;
        }
    }

    /** The deployment's current pod template. */
    public Template template(String namespace, String deployment) {
        synchronized (lock) {
            return require(namespace, deployment, "template").template;
        }
    }

    /** The deployment's desired replica count. */
    public int replicas(String namespace, String deployment) {
        synchronized (lock) {
            return require(namespace, deployment, "replicas").replicas;
        }
    }

    /** Appends a line to a pod's log at the current instant. */
    public void appendLog(String namespace, String pod, String text) {
        appendLog(namespace, pod, clock.instant(), text);
    }

    /** Appends a line to a pod's log at {@code at} (lines are kept in time order). */
    public void appendLog(String namespace, String pod, Instant at, String text) {
        synchronized (lock) {
            SimPod p = requirePod(namespace, pod);
            p.logs.add(new LogLine(p.name, p.container, at, text));
            p.logs.sort(Comparator.comparing(LogLine::at));
        }
    }

    /**
     * Overwrites a pod's observed status, for fixtures that need an exact state. The pod's own life
     * (readiness after startup, crashes) may change it again later.
     */
    public void setPodStatus(String namespace, String pod, String phase, boolean ready, int restarts,
                             String waitingReason) {
        synchronized (lock) {
            SimPod p = requirePod(namespace, pod);
            p.reported = null;
            p.phase = Objects.requireNonNull(phase, "phase");
            p.ready = ready;
            p.restarts = restarts;
            p.waitingReason = Objects.requireNonNull(waitingReason, "waitingReason");
        }
    }

    /**
     * Overwrites everything a pod reports (init containers and sidecars, container states, conditions, reason,
     * deletion), for fixtures that need a state this simulation does not reach on its own, such as an init
     * container in {@code CrashLoopBackOff} or a terminating pod. {@link #pods} then shows what kubectl would
     * ({@link KubectlPodStatus}). The pod's own life (readiness after startup, crashes) replaces it again later.
     */
    public void setPodStatus(String namespace, String pod, KubectlPodStatus.PodFacts facts) {
        Objects.requireNonNull(facts, "facts");
        synchronized (lock) {
            requirePod(namespace, pod).reported = facts;
        }
    }

    /** Makes every call of {@code operation} fail with {@code reason} until {@link #clearFaults()}. */
    public void failOn(Operation operation, ClusterException.Reason reason) {
        synchronized (lock) {
            failAlways.put(operation, reason);
        }
    }

    /** Makes the next {@code times} calls of {@code operation} fail with {@code reason}. */
    public void failNext(Operation operation, int times, ClusterException.Reason reason) {
        synchronized (lock) {
            Deque<ClusterException.Reason> queue = failNext.computeIfAbsent(operation, o -> new ArrayDeque<>());
            for (int i = 0; i < times; i++) {
                queue.add(reason);
            }
        }
    }

    /**
     * Makes every call of {@code operation} hang for {@code delay} (through {@link Timers#sleep}, so in
     * virtual time the clock moves and due tasks run) before it answers or fails.
     */
    public void delayOn(Operation operation, Duration delay) {
        if (delay.isNegative()) {
            throw ValidationException.of("delay", delay, "must not be negative");
        }
        synchronized (lock) {
            delays.put(operation, delay);
        }
    }

    /** Removes every failure and delay set by {@link #failOn}, {@link #failNext} and {@link #delayOn}. */
    public void clearFaults() {
        synchronized (lock) {
            failAlways.clear();
            failNext.clear();
            delays.clear();
        }
    }

    /** How many times {@code operation} was called (failed calls included). */
    public int calls(Operation operation) {
        synchronized (lock) {
            return calls.getOrDefault(operation, 0);
        }
    }

    /** The cluster's nodes whose labels include the selector's, sorted by name. */
    @Override
    public List<String> nodes(Map<String, String> labelSelector) {
        synchronized (lock) {
            return nodes.values().stream().filter(n -> n.labels.entrySet().containsAll(labelSelector.entrySet()))
                    .map(n -> n.name).toList();
        }
    }

    /** The node of each pod matching the selector (every simulated pod is placed when it is created). */
    @Override
    public Map<String, String> podNodes(String namespace, Map<String, String> selector) {
        enter(Operation.PODS);
        synchronized (lock) {
            Map<String, String> out = new TreeMap<>();
            podsIn(namespace).stream().filter(p -> p.labels.entrySet().containsAll(selector.entrySet()))
                    .forEach(p -> {
                        String node = place(p);
                        if (node != null) {
                            out.put(p.name, node);
                        }
                    });
            return out;
        }
    }

    /**
     * From now on the deployment's new pods stay Pending (no node takes them: as when the cluster is out of room)
     * until {@link #releasePods}; the pods it has keep running. A chaos experiment that deletes its pods then waits
     * for pods that do not come back.
     */
    public void holdPods(String namespace, String deployment) {
        synchronized (lock) {
            require(namespace, deployment, "hold pods").held = true;
        }
    }

    /** Ends {@link #holdPods}: the Pending pods start now and become ready after their startup delay. */
    public void releasePods(String namespace, String deployment) {
        synchronized (lock) {
            Deployment d = require(namespace, deployment, "release pods");
            d.held = false;
            List<SimPod> waiting = List.copyOf(d.heldPods);
            d.heldPods.clear();
            for (SimPod p : waiting) {
                if (p.alive) {
                    p.phase = "Running";
                    scheduleStartupCheck(d, p);
                }
            }
        }
    }

    // ---------------------------------------------------------------- machinery

    private void enter(Operation operation) {
        Duration delay;
        synchronized (lock) {
            calls.merge(operation, 1, Integer::sum);
            delay = delays.get(operation);
        }
        if (delay != null && !delay.isZero()) {
            timers.sleep(delay);
        }
        synchronized (lock) {
            ClusterException.Reason reason = failAlways.get(operation);
            Deque<ClusterException.Reason> queue = failNext.get(operation);
            if (queue != null && !queue.isEmpty()) {
                reason = queue.poll();
            }
            if (reason != null) {
                throw new ClusterException(reason, "simulated " + reason + " failure of " + operation);
            }
        }
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }

    private Deployment require(String namespace, String name, String what) {
        Deployment d = deployments.get(key(namespace, name));
        if (d == null) {
            throw new ClusterException(ClusterException.Reason.NOT_FOUND, what + ": deployments.apps \"" + name
                    + "\" not found in namespace \"" + namespace + "\"");
        }
        return d;
    }

    private SimPod requirePod(String namespace, String pod) {
        return podsIn(namespace).stream().filter(p -> p.name.equals(pod)).findFirst()
                .orElseThrow(() -> new ClusterException(ClusterException.Reason.NOT_FOUND,
                        "pods \"" + pod + "\" not found in namespace \"" + namespace + "\""));
    }

    /** Every live pod in the namespace, of every deployment and replica set. */
    private List<SimPod> podsIn(String namespace) {
        List<SimPod> pods = new ArrayList<>();
        for (Deployment d : deployments.values()) {
            if (d.namespace.equals(namespace)) {
                d.replicaSets.forEach(rs -> pods.addAll(rs.pods));
            }
        }
        return pods;
    }

    private void install(DeploymentSpec s) {
        Instant now = clock.instant();
        Deployment d = new Deployment(s.namespace, s.name, s.selector(), s.container == null ? s.name : s.container,
                s.replicas, now);
        d.paused = s.paused;
        d.unhealthyLine = s.unhealthyLine;
        d.startupDelay = s.startupDelay;
        long revision = 1;
        for (String[] old : s.history) {
            Template t = new Template(old[0], s.env, s.annotations);
            if (d.replicaSets.stream().noneMatch(rs -> rs.template.equals(t))) {
                d.replicaSets.add(new ReplicaSet(hash(s.name, t), t, revision++, old[1], now));
            }
        }
        Template current = new Template(s.image, s.env, s.annotations);
        d.replicaSets.removeIf(rs -> rs.template.equals(current));
        ReplicaSet rs = new ReplicaSet(hash(s.name, current), current, revision, s.changeCause, now);
        d.replicaSets.add(rs);
        d.template = current;
        d.changeCause = s.changeCause;
        d.completed = true;
        deployments.put(key(s.namespace, s.name), d);
        for (int i = 0; i < s.replicas; i++) {
            SimPod p = newPod(d, rs);
            if (unhealthyLine(d, p) != null) {
                crash(d, p);
            } else {
                p.ready = true;
            }
        }
    }

    /** Makes {@code template} the deployment's newest revision and replaces the pods (Recreate). */
    private void rollOut(Deployment d, Template template, String changeCause) {
        Instant now = clock.instant();
        if (template.equals(d.template)) {
            d.changeCause = changeCause;
            d.current().changeCause = changeCause;
            return;
        }
        long next = d.replicaSets.stream().mapToLong(rs -> rs.revision).max().orElse(0) + 1;
        ReplicaSet target = d.replicaSets.stream().filter(rs -> rs.template.equals(template)).findFirst().orElse(null);
        if (target == null) {
            target = new ReplicaSet(hash(d.name, template), template, next, changeCause, now);
            d.replicaSets.add(target);
        } else {
            target.revision = next;
            target.changeCause = changeCause;
        }
        d.template = template;
        d.changeCause = changeCause;
        d.completed = false;
        d.progressed(now);
        for (ReplicaSet rs : d.replicaSets) {
            if (rs != target) {
                rs.pods.forEach(p -> p.alive = false);
                rs.pods.clear();
            }
        }
        List<ReplicaSet> old = d.replicaSets.stream().filter(rs -> rs != d.current())
                .sorted(Comparator.comparingLong(rs -> rs.revision)).toList();
        for (int i = 0; i < old.size() - REVISION_HISTORY_LIMIT; i++) {
            d.replicaSets.remove(old.get(i));
        }
        reconcile(d);
    }

    /** The replica set controller: brings the current replica set to the desired count. */
    private void reconcile(Deployment d) {
        if (deployments.get(key(d.namespace, d.name)) != d) {
            return;
        }
        ReplicaSet rs = d.current();
        while (rs.pods.size() < d.replicas) {
            SimPod p = newPod(d, rs);
            scheduleStartupCheck(d, p);
        }
        while (rs.pods.size() > d.replicas) {
            SimPod victim = rs.pods.stream()
                    .max(Comparator.comparing((SimPod p) -> !p.ready).thenComparing(p -> p.createdAt)
                            .thenComparing(p -> p.name))
                    .orElseThrow();
            victim.alive = false;
            rs.pods.remove(victim);
        }
    }

    private SimPod newPod(Deployment d, ReplicaSet rs) {
        Instant now = clock.instant();
        Map<String, String> labels = new TreeMap<>(d.selector);
        labels.put(POD_TEMPLATE_HASH, rs.hash);
        SimPod p = new SimPod(d.name + "-" + rs.hash + "-" + suffix(), d.container, labels, now, rs.template.image());
        List<String> schedulable = schedulableNodes();
        p.node = schedulable.isEmpty() ? null : schedulable.get((int) ((podCounter - 1) % schedulable.size()));
        p.logs.add(new LogLine(p.name, p.container, now, "INFO starting " + rs.template.image()));
        rs.pods.add(p);
        return p;
    }

    private void scheduleStartupCheck(Deployment d, SimPod p) {
        if (d.held) {
            p.phase = "Pending"; // not scheduled: no node takes it until the deployment is released
            d.heldPods.add(p);
            return;
        }
        timers.schedule(clock.instant().plus(d.startupDelay != null ? d.startupDelay : startupDelay), () -> {
            synchronized (lock) {
                if (!p.alive) {
                    return;
                }
                if (unhealthyLine(d, p) != null) {
                    crash(d, p);
                } else {
                    p.reported = null;
                    p.ready = true;
                    p.waitingReason = "";
                    p.logs.add(new LogLine(p.name, p.container, clock.instant(), "INFO ready"));
                    d.progressed(clock.instant());
                    d.completed |= isComplete(d);
                }
            }
        });
    }

    private static boolean isComplete(Deployment d) {
        ReplicaSet current = d.current();
        int total = d.replicaSets.stream().mapToInt(rs -> rs.pods.size()).sum();
        return current.pods.size() == d.replicas && total == d.replicas && current.pods.stream().allMatch(p -> p.ready);
    }

    private @Nullable String unhealthyLine(Deployment d, SimPod p) {
        return d.unhealthyLine != null ? d.unhealthyLine : badImages.get(p.image);
    }

    /** The container exits: a restart is counted and kubelet backs off before running it again. */
    private void crash(Deployment d, SimPod p) {
        Instant now = clock.instant();
        String line = unhealthyLine(d, p);
        p.reported = null;
        p.ready = false;
        p.restarts++;
        p.waitingReason = "CrashLoopBackOff";
        p.logs.add(new LogLine(p.name, p.container, now, line == null ? "ERROR container exited" : line));
        Duration backoff = FIRST_BACKOFF.multipliedBy(1L << Math.min(p.restarts - 1, 10));
        if (backoff.compareTo(MAX_BACKOFF) > 0) {
            backoff = MAX_BACKOFF;
        }
        timers.schedule(now.plus(backoff), () -> {
            synchronized (lock) {
                if (p.alive) {
                    p.reported = null;
                    p.waitingReason = "";
                    p.logs.add(new LogLine(p.name, p.container, clock.instant(), "INFO starting " + p.image));
                    scheduleStartupCheck(d, p);
                }
            }
        });
    }

    private String suffix() {
        return encode(mix(++podCounter), 5);
    }

    private static String hash(String deployment, Template t) {
        return encode(mix((deployment + "|" + new TreeMap<>(t.env()) + "|" + new TreeMap<>(t.annotations()) + "|"
                + t.image()).hashCode()), 10);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L + 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static String encode(long value, int length) {
        StringBuilder b = new StringBuilder();
        long v = value & Long.MAX_VALUE;
        for (int i = 0; i < length; i++) {
            b.append(SAFE_ALPHABET.charAt((int) (v % SAFE_ALPHABET.length())));
            v /= SAFE_ALPHABET.length();
        }
        return b.toString();
    }

    private static final class Deployment {
        final String namespace;
        final String name;
        final Map<String, String> selector;
        final String container;
        final List<ReplicaSet> replicaSets = new ArrayList<>();
        int replicas;
        boolean paused;
        @Nullable String unhealthyLine;
        Template template = new Template("", Map.of(), Map.of());
        String changeCause = "";
        @Nullable Duration startupDelay;
        boolean held;
        final List<SimPod> heldPods = new ArrayList<>();
        boolean completed;
        Instant lastProgress;

        Deployment(String namespace, String name, Map<String, String> selector, String container, int replicas,
                   Instant now) {
            this.namespace = namespace;
            this.name = name;
            this.selector = Map.copyOf(selector);
            this.container = container;
            this.replicas = replicas;
            this.lastProgress = now;
        }

        ReplicaSet current() {
            return replicaSets.stream().max(Comparator.comparingLong(rs -> rs.revision)).orElseThrow();
        }

        void progressed(Instant now) {
            lastProgress = now;
        }

        boolean removePod(String podName) {
            for (ReplicaSet rs : replicaSets) {
                for (SimPod p : rs.pods) {
                    if (p.name.equals(podName)) {
                        p.alive = false;
                        rs.pods.remove(p);
                        return true;
                    }
                }
            }
            return false;
        }
    }

    private static final class ReplicaSet {
        final String hash;
        final Template template;
        final Instant createdAt;
        final List<SimPod> pods = new ArrayList<>();
        long revision;
        String changeCause;

        ReplicaSet(String hash, Template template, long revision, String changeCause, Instant createdAt) {
            this.hash = hash;
            this.template = template;
            this.revision = revision;
            this.changeCause = changeCause;
            this.createdAt = createdAt;
        }
    }

    private static final class SimPod {
        final String name;
        final String container;
        final Map<String, String> labels;
        final Instant createdAt;
        final String image;
        final List<LogLine> logs = new ArrayList<>();
        String phase = "Running";
        boolean ready;
        int restarts;
        String waitingReason = "";
        boolean alive = true;
        /** What the pod reports instead of its simulated life, set by a fixture. */
        KubectlPodStatus.@Nullable PodFacts reported;
        @Nullable String node;

        SimPod(String name, String container, Map<String, String> labels, Instant createdAt, String image) {
            this.name = name;
            this.container = container;
            this.labels = Map.copyOf(labels);
            this.createdAt = createdAt;
            this.image = image;
        }

        /** One container: waiting while it crash-loops, running otherwise (ready once started). */
        KubectlPodStatus.PodFacts facts() {
            if (reported != null) {
                return reported;
            }
            KubectlPodStatus.ContainerFacts c = KubectlPodStatus.ContainerFacts.named(container).restarts(restarts);
            c = waitingReason.isEmpty() ? c.running(ready) : c.waiting(waitingReason);
            return KubectlPodStatus.PodFacts.inPhase(phase).initialized(true).readyCondition(ready)
                    .container(container).status(c).build();
        }

        Pod view() {
            KubectlPodStatus.PodFacts facts = facts();
            KubectlPodStatus shown = KubectlPodStatus.of(facts);
            return new Pod(name, facts.phase(), shown.status(), shown.allReady(), shown.restarts(),
                    shown.waitingReason(), labels, Optional.of(createdAt));
        }
    }

    /** Describes a deployment for {@link Builder#deployment} and {@link #createDeployment}. */
    public static final class DeploymentSpec {
        private final String namespace;
        private final String name;
        private final List<String[]> history = new ArrayList<>();
        private final Map<String, String> env = new TreeMap<>();
        private final Map<String, String> annotations = new TreeMap<>();
        private final Map<String, String> selector = new TreeMap<>();
        private int replicas = 1;
        private String image = "";
        private String changeCause = "";
        private @Nullable String container;
        private boolean paused;
        private @Nullable String unhealthyLine;
        private @Nullable Duration startupDelay;

        private DeploymentSpec(String namespace, String name) {
            this.namespace = namespace;
            this.name = name;
        }

        /** Desired pods (1 by default). */
        public DeploymentSpec replicas(int replicas) {
            this.replicas = replicas;
            return this;
        }

        /** The current revision's image (required). */
        public DeploymentSpec image(String image) {
            this.image = image;
            return this;
        }

        /** The current revision's change-cause. */
        public DeploymentSpec changeCause(String changeCause) {
            this.changeCause = changeCause;
            return this;
        }

        /** An earlier revision, oldest first; the current one ({@link #image}) comes after all of them. */
        public DeploymentSpec history(String image, String changeCause) {
            history.add(new String[] {image, changeCause});
            return this;
        }

        /** An environment variable of the container. */
        public DeploymentSpec env(String name, String value) {
            env.put(name, value);
            return this;
        }

        /** An annotation of the pod template. */
        public DeploymentSpec annotation(String name, String value) {
            annotations.put(name, value);
            return this;
        }

        /** A selector label (default: {@code app=<deployment>}); pods carry every selector label. */
        public DeploymentSpec label(String name, String value) {
            selector.put(name, value);
            return this;
        }

        /** The container name (default: the deployment's name). */
        public DeploymentSpec container(String container) {
            this.container = container;
            return this;
        }

        /** Starts paused. */
        public DeploymentSpec paused(boolean paused) {
            this.paused = paused;
            return this;
        }

        /** Starts unhealthy, as after {@link SimulatedCluster#makeUnhealthy}. */
        public DeploymentSpec unhealthy(String errorLine) {
            this.unhealthyLine = errorLine;
            return this;
        }

        /** How long this deployment's new pods take to become ready, instead of the cluster's startup delay. */
        public DeploymentSpec startupDelay(Duration delay) {
            this.startupDelay = Objects.requireNonNull(delay, "startupDelay");
            return this;
        }

        Map<String, String> selector() {
            return selector.isEmpty() ? Map.of("app", name) : selector;
        }

        void validate(Problems problems) {
            String at = "deployments[" + namespace + "/" + name + "]";
            problems.check(namespace != null && DNS_NAME.matcher(namespace).matches(), at + ".namespace", namespace,
                    "must be a DNS label");
            problems.check(name != null && DNS_NAME.matcher(name).matches(), at + ".name", name,
                    "must be a DNS name of lower-case letters, digits and '-'");
            problems.check(replicas >= 0, at + ".replicas", replicas, "must not be negative");
            problems.check(image != null && !image.isBlank(), at + ".image", image, "must not be blank");
            problems.check(startupDelay == null || !startupDelay.isNegative(), at + ".startupDelay", startupDelay,
                    "must not be negative");
            for (int i = 0; i < history.size(); i++) {
                problems.check(!history.get(i)[0].isBlank(), at + ".history[" + i + "].image", history.get(i)[0],
                        "must not be blank");
            }
        }
    }

    /** Collects the cluster's settings and initial deployments. */
    public static final class Builder {
        private final Clock clock;
        private final Timers timers;
        private final List<DeploymentSpec> specs = new ArrayList<>();
        private Duration startupDelay = Duration.ofSeconds(10);
        private Duration replacementDelay = Duration.ofSeconds(2);
        private Duration progressDeadline = Duration.ofMinutes(10);
        private final Map<String, Map<String, String>> nodes = new LinkedHashMap<>();
        private final Problems problems = new Problems();

        private Builder(Clock clock, Timers timers) {
            this.clock = Objects.requireNonNull(clock, "clock");
            this.timers = Objects.requireNonNull(timers, "timers");
        }

        /** How long a new pod takes to become ready (or to crash, when unhealthy); 10s by default. */
        public Builder podStartupDelay(Duration delay) {
            startupDelay = checked("podStartupDelay", delay, startupDelay);
            return this;
        }

        /** How long a replica set takes to replace a deleted pod; 2s by default. */
        public Builder podReplacementDelay(Duration delay) {
            replacementDelay = checked("podReplacementDelay", delay, replacementDelay);
            return this;
        }

        /** How long a rollout may go without progress before it is failed; 10m by default. */
        public Builder progressDeadline(Duration deadline) {
            progressDeadline = checked("progressDeadline", deadline, progressDeadline);
            return this;
        }

        /**
         * Adds a node with its labels (name order places pods on nodes in turn). Without any, the cluster has one
         * node, {@code node-1}, labelled {@code kubernetes.io/hostname=node-1}.
         */
        public Builder node(String name, Map<String, String> labels) {
            problems.check(name != null && DNS_NAME.matcher(name).matches(), "nodes[" + name + "]", name,
                    "must be a DNS name of lower-case letters, digits and '-'");
            problems.check(!nodes.containsKey(name), "nodes[" + name + "]", name, "is declared twice");
            nodes.put(name, Map.copyOf(labels));
            return this;
        }

        /** Adds a deployment, described by {@code spec}. */
        public Builder deployment(String namespace, String name, Consumer<DeploymentSpec> spec) {
            DeploymentSpec s = new DeploymentSpec(namespace, name);
            spec.accept(s);
            s.validate(problems);
            problems.check(specs.stream().noneMatch(o -> o.namespace.equals(namespace) && o.name.equals(name)),
                    "deployments[" + namespace + "/" + name + "]", name, "is declared twice");
            specs.add(s);
            return this;
        }

        private Duration checked(String field, @Nullable Duration value, Duration fallback) {
            return problems.check(value != null && !value.isNegative(), field, value, "must not be negative")
                    ? value : fallback;
        }

        /**
         * The cluster, its deployments running and ready (unhealthy ones crash-looping).
         *
         * @throws ValidationException listing every problem found while building
         */
        public SimulatedCluster build() {
            problems.throwIfAny("simulated cluster");
            SimulatedCluster cluster = new SimulatedCluster(this);
            synchronized (cluster.lock) {
                specs.forEach(cluster::install);
            }
            return cluster;
        }
    }

    // ---------------------------------------------------------------- typed runbook operations (issue 17)

    private final List<SimEvent> events = new ArrayList<>();
    private final Map<String, long[]> usageOverrides = new java.util.HashMap<>();

    /** A node of the simulation. */
    private static final class SimNode {
        final String name;
        final Map<String, String> labels;
        boolean unschedulable;
        boolean ready = true;

        SimNode(String name, Map<String, String> labels) {
            this.name = name;
            this.labels = Map.copyOf(labels);
        }
    }

    /** An event, as {@code kubectl get events} lists it. */
    private record SimEvent(String namespace, String type, String reason, String kind, String name, String message, Instant at) {
    }

    /** Adds a node; pods are spread over the schedulable nodes, each pod placed once, by its name. */
    public void addNode(String name, Map<String, String> labels) {
        synchronized (lock) {
            if (defaultNode) {
                nodes.clear(); // pods on the default node are placed again on the nodes the test declares
                defaultNode = false;
            }
            nodes.put(name, new SimNode(name, labels));
        }
    }

    /** Sets a node's Ready condition. */
    public void setNodeReady(String name, boolean ready) {
        synchronized (lock) {
            requireNode(name).ready = ready;
        }
    }

    /** Whether a node is cordoned. */
    public boolean unschedulable(String node) {
        synchronized (lock) {
            return requireNode(node).unschedulable;
        }
    }

    /** The node a pod runs on, empty when the cluster has no schedulable node. */
    public Optional<String> nodeOf(String namespace, String pod) {
        synchronized (lock) {
            return Optional.ofNullable(place(requirePod(namespace, pod)));
        }
    }

    /** Records an event, as the cluster's components would ({@code Warning}, {@code BackOff}, a pod, a message). */
    public void recordEvent(String namespace, String type, String reason, String involvedKind, String involvedName, String message) {
        synchronized (lock) {
            events.add(new SimEvent(namespace, type, reason, involvedKind, involvedName, message, clock.instant()));
        }
    }

    /** Sets what {@code kubectl top} shows for a pod. */
    public void setUsage(String namespace, String pod, long cpuMillicores, long memoryBytes) {
        synchronized (lock) {
            usageOverrides.put(key(namespace, pod), new long[] {cpuMillicores, memoryBytes});
        }
    }

    private SimNode requireNode(String name) {
        SimNode n = nodes.get(name);
        if (n == null) {
            throw new ClusterException(ClusterException.Reason.NOT_FOUND, "nodes \"" + name + "\" not found");
        }
        return n;
    }

    /** The pod's node; a pod whose node is gone (or that found none) is placed again, by its name. */
    private @Nullable String place(SimPod p) {
        if (p.node != null && nodes.containsKey(p.node)) {
            return p.node;
        }
        List<String> schedulable = schedulableNodes();
        p.node = schedulable.isEmpty() ? null : schedulable.get(Math.floorMod(p.name.hashCode(), schedulable.size()));
        return p.node;
    }

    private List<String> schedulableNodes() {
        return nodes.values().stream().filter(n -> !n.unschedulable).map(n -> n.name).toList();
    }

    private List<String> namespaces() {
        return deployments.values().stream().map(d -> d.namespace).distinct().sorted().toList();
    }

    @Override
    public List<Resource> resources(ResourceQuery q) {
        synchronized (lock) {
            List<String> spaces = q.namespace().map(List::of).orElseGet(this::namespaces);
            List<Resource> out = new ArrayList<>();
            switch (q.kind()) {
                case "pods" -> {
                    for (String ns : spaces) {
                        for (SimPod p : podsIn(ns)) {
                            out.add(podResource(ns, p));
                        }
                    }
                }
                case "deployments" -> {
                    for (Deployment d : deployments.values()) {
                        if (spaces.contains(d.namespace)) {
                            long available = d.replicaSets.stream().flatMap(rs -> rs.pods.stream()).filter(p -> p.ready).count();
                            ReplicaSet current = d.current();
                            out.add(new Resource("deployments", d.namespace, d.name, d.selector, available + "/" + d.replicas
                                    + " available" + (d.paused ? ", paused" : ""), Optional.of(d.replicaSets.get(0).createdAt),
                                    List.of("Image: " + d.template.image(), "Revision: " + current.revision,
                                            "Replicas: " + d.replicas + " desired, " + current.pods.size() + " updated")));
                        }
                    }
                }
                case "replicasets" -> {
                    for (Deployment d : deployments.values()) {
                        if (spaces.contains(d.namespace)) {
                            for (ReplicaSet rs : d.replicaSets) {
                                out.add(new Resource("replicasets", d.namespace, d.name + "-" + rs.hash, d.selector,
                                        rs.pods.size() + " pods, revision " + rs.revision, Optional.of(rs.createdAt), List.of()));
                            }
                        }
                    }
                }
                case "nodes" -> {
                    for (SimNode n : nodes.values()) {
                        out.add(new Resource("nodes", "", n.name, n.labels, (n.ready ? "Ready" : "NotReady")
                                + (n.unschedulable ? ",SchedulingDisabled" : ""), Optional.empty(), eventsFor("Node", n.name)));
                    }
                }
                case "events" -> {
                    for (SimEvent e : events) {
                        if (q.namespace().isEmpty() || e.namespace.equals(q.namespace().get())) {
                            out.add(new Resource("events", e.namespace, e.kind.toLowerCase(java.util.Locale.ROOT) + "." + e.name
                                    + "." + e.at.toEpochMilli(), Map.of("reason", e.reason, "type", e.type, "involvedObject.kind",
                                    e.kind, "involvedObject.name", e.name), e.type + " " + e.reason + ": " + e.message,
                                    Optional.of(e.at), List.of()));
                        }
                    }
                }
                case "namespaces" -> namespaces().forEach(ns -> out.add(new Resource("namespaces", "", ns, Map.of(),
                        "Active", Optional.empty(), List.of())));
                default -> throw new ClusterException(ClusterException.Reason.NOT_FOUND,
                        "the server doesn't have a resource type \"" + q.kind() + "\"");
            }
            List<Resource> matching = out.stream()
                    .filter(r -> q.name().map(r.name()::equals).orElse(true))
                    .filter(r -> q.kind().equals("events") || r.labels().entrySet().containsAll(q.selector().entrySet()))
                    .filter(r -> q.fieldSelector().map(f -> fieldsMatch(r, f)).orElse(true))
                    .sorted(q.sortBy().isPresent() || q.kind().equals("events")
                            ? Comparator.comparing((Resource r) -> r.time().orElse(Instant.EPOCH)).thenComparing(Resource::name)
                            : Comparator.comparing(Resource::namespace).thenComparing(Resource::name))
                    .toList();
            return List.copyOf(matching);
        }
    }

    private Resource podResource(String ns, SimPod p) {
        String node = place(p);
        List<String> details = new ArrayList<>();
        details.add("Node: " + (node == null ? "<none>" : node));
        details.add("Container " + p.container + ": image " + p.image + ", " + (p.ready ? "ready" : "not ready") + ", "
                + p.restarts + " restarts" + (p.waitingReason.isEmpty() ? "" : ", waiting: " + p.waitingReason));
        details.addAll(eventsFor("Pod", p.name));
        return new Resource("pods", ns, p.name, p.labels, p.phase + ", " + (p.ready ? "1/1" : "0/1") + " ready, " + p.restarts
                + " restarts" + (p.waitingReason.isEmpty() ? "" : ", " + p.waitingReason), Optional.of(p.createdAt), details);
    }

    private List<String> eventsFor(String kind, String name) {
        return events.stream().filter(e -> e.kind.equals(kind) && e.name.equals(name))
                .map(e -> "Event: " + e.type + " " + e.reason + " at " + e.at + ": " + e.message).toList();
    }

    /** Field selectors as the API server reads them, for the fields runbooks use. */
    private boolean fieldsMatch(Resource r, String selector) {
        for (String term : selector.split(",", -1)) {
            boolean negate = term.contains("!=");
            String[] kv = term.split("!=|==|=", 2);
            if (kv.length != 2) {
                throw new ClusterException(ClusterException.Reason.OTHER, "invalid field selector \"" + selector + "\"");
            }
            String actual = switch (kv[0]) {
                case "metadata.name" -> r.name();
                case "metadata.namespace" -> r.namespace();
                case "status.phase" -> r.status().split(",", 2)[0];
                case "spec.nodeName" -> r.details().stream().filter(d -> d.startsWith("Node: ")).findFirst()
                        .map(d -> d.substring(6)).orElse("");
                case "reason", "type", "involvedObject.kind", "involvedObject.name" -> r.labels().getOrDefault(kv[0], "");
                default -> throw new ClusterException(ClusterException.Reason.OTHER,
                        "field label not supported: " + kv[0]);
            };
            if (actual.equals(kv[1]) == negate) {
                return false;
            }
        }
        return true;
    }

    @Override
    public List<LogLine> podLogs(String namespace, String pod, LogOptions options) {
        synchronized (lock) {
            SimPod p = resolvePod(namespace, pod);
            if (options.container().isPresent() && !options.container().get().equals(p.container)) {
                throw new ClusterException(ClusterException.Reason.NOT_FOUND, "container " + options.container().get()
                        + " is not valid for pod " + p.name);
            }
            if (options.previous() && p.restarts == 0) {
                throw new ClusterException(ClusterException.Reason.NOT_FOUND, "previous terminated container \""
                        + p.container + "\" in pod \"" + p.name + "\" not found");
            }
            Instant after = clock.instant().minus(options.since());
            List<LogLine> lines = p.logs.stream().filter(l -> l.at().isAfter(after)).sorted(Comparator.comparing(LogLine::at)).toList();
            if (options.tail().isPresent()) {
                lines = lines.subList(Math.max(0, lines.size() - options.tail().getAsInt()), lines.size());
            }
            lines = lines.stream().filter(l -> l.text().contains(options.contains())).toList();
            return List.copyOf(lines.subList(Math.max(0, lines.size() - options.limit()), lines.size()));
        }
    }

    /** A pod by name, or the first pod (by name) of {@code deployment/NAME}. */
    private SimPod resolvePod(String namespace, String pod) {
        int slash = pod.indexOf('/');
        if (slash < 0 || pod.startsWith("pod/") || pod.startsWith("pods/") || pod.startsWith("po/")) {
            return requirePod(namespace, pod.substring(slash + 1));
        }
        String kind = pod.substring(0, slash);
        if (!kind.startsWith("deploy")) {
            throw new ClusterException(ClusterException.Reason.NOT_FOUND, "no " + kind + " \"" + pod.substring(slash + 1)
                    + "\" in the simulation (it runs deployments only)");
        }
        Deployment d = require(namespace, pod.substring(slash + 1), "logs");
        return d.current().pods.stream().min(Comparator.comparing(sp -> sp.name))
                .orElseThrow(() -> new ClusterException(ClusterException.Reason.NOT_FOUND, "deployment " + d.name + " has no pods"));
    }

    @Override
    public List<Usage> usage(UsageQuery q) {
        synchronized (lock) {
            List<Usage> pods = new ArrayList<>();
            for (String ns : q.nodes() || q.namespace().isEmpty() ? namespaces() : List.of(q.namespace().get())) {
                for (SimPod p : podsIn(ns)) {
                    if (!q.nodes() && (!p.labels.entrySet().containsAll(q.selector().entrySet())
                            || q.name().isPresent() && !q.name().get().equals(p.name))) {
                        continue;
                    }
                    long[] u = usageOverrides.getOrDefault(key(ns, p.name), new long[] {
                        20 + Math.floorMod(p.name.hashCode(), 180), (64L + Math.floorMod(p.name.hashCode(), 192)) << 20});
                    pods.add(new Usage(ns, p.name, q.containers() ? p.container : "", u[0], u[1]));
                }
            }
            if (!q.nodes()) {
                return pods.stream().sorted(Comparator.comparing(Usage::namespace).thenComparing(Usage::name)).toList();
            }
            List<Usage> out = new ArrayList<>();
            for (SimNode n : nodes.values()) {
                if (q.name().isPresent() && !q.name().get().equals(n.name) || !n.labels.entrySet().containsAll(q.selector().entrySet())) {
                    continue;
                }
                long cpu = 200;
                long memory = 1L << 30;
                for (Usage u : pods) {
                    if (n.name.equals(place(requirePod(u.namespace(), u.name())))) {
                        cpu += u.cpuMillicores();
                        memory += u.memoryBytes();
                    }
                }
                out.add(new Usage("", n.name, "", cpu, memory));
            }
            return out;
        }
    }

    @Override
    public RolloutStatus rolloutStatus(String namespace, String kind, String name) {
        requireDeploymentKind(kind, namespace, name);
        return rolloutStatus(namespace, name);
    }

    @Override
    public void rolloutRestart(String namespace, String kind, String name) {
        requireDeploymentKind(kind, namespace, name);
        rolloutRestart(namespace, name);
    }

    @Override
    public List<Revision> rolloutHistory(String namespace, String kind, String name) {
        requireDeploymentKind(kind, namespace, name);
        return rolloutHistory(namespace, name);
    }

    @Override
    public void scale(String namespace, String kind, String name, int replicas) {
        requireDeploymentKind(kind, namespace, name);
        scale(namespace, name, replicas);
    }

    /** The simulation runs deployments only: another workload kind does not exist in it. */
    private static void requireDeploymentKind(String kind, String namespace, String name) {
        if (!kind.equals("deployment")) {
            throw new ClusterException(ClusterException.Reason.NOT_FOUND, kind + "s.apps \"" + name
                    + "\" not found in namespace \"" + namespace + "\"");
        }
    }

    @Override
    public void cordon(String node, boolean unschedulable) {
        synchronized (lock) {
            SimNode n = requireNode(node);
            n.unschedulable = unschedulable;
            events.add(new SimEvent("default", "Normal", unschedulable ? "NodeNotSchedulable" : "NodeSchedulable", "Node", node,
                    "Node " + node + " status is now: " + (unschedulable ? "NodeNotSchedulable" : "NodeSchedulable"), clock.instant()));
        }
    }

    @Override
    public DrainResult drain(String node, DrainOptions options) {
        Map<String, List<String>> byNamespace = new TreeMap<>();
        synchronized (lock) {
            requireNode(node);
            List<String> daemons = new ArrayList<>();
            for (String ns : namespaces()) {
                for (SimPod p : podsIn(ns)) {
                    if (!node.equals(place(p))) {
                        continue;
                    }
                    if (daemonPods.contains(key(ns, p.name))) {
                        daemons.add(ns + "/" + p.name);
                    } else {
                        byNamespace.computeIfAbsent(ns, k -> new ArrayList<>()).add(p.name);
                    }
                }
            }
            if (!daemons.isEmpty() && !options.ignoreDaemonSets()) {
                throw new ClusterException(ClusterException.Reason.CONFLICT, "cannot drain node " + node + ": " + daemons
                        + " (daemon set pods: use --ignore-daemonsets)");
            }
        }
        cordon(node, true);
        List<String> evicted = new ArrayList<>();
        byNamespace.forEach((ns, pods) -> deletePods(ns, pods, options.gracePeriod()).forEach(p -> evicted.add(ns + "/" + p)));
        return new DrainResult(evicted, "node/" + node + " drained");
    }

    private final java.util.Set<String> daemonPods = new java.util.HashSet<>();

    /** Places a pod on a node (as the scheduler would); {@code daemon} makes it a daemon set's pod, which drain leaves. */
    public void placePod(String namespace, String pod, String node, boolean daemon) {
        synchronized (lock) {
            requireNode(node);
            requirePod(namespace, pod);
            requirePod(namespace, pod).node = node;
            if (daemon) {
                daemonPods.add(key(namespace, pod));
            }
        }
    }
}
