package io.github.incident4j.spi;

import java.time.Duration;
import java.time.Instant;
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
     * {@code contains} as plain text (empty: every line), at most {@code limit} lines (the newest kept).
     */
    List<LogLine> logs(String namespace, Map<String, String> selector, Duration since, String contains, int limit);

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
     * A pod as {@code kubectl get pods} shows it.
     *
     * @param name pod name
     * @param phase Pending, Running, Succeeded, Failed or Unknown
     * @param ready whether every container is ready
     * @param restarts total container restarts
     * @param waitingReason the reason a container waits, e.g. {@code CrashLoopBackOff}, or empty
     * @param labels the pod's labels
     * @param startedAt when the pod started, if it has
     */
    record Pod(String name, String phase, boolean ready, int restarts, String waitingReason,
               Map<String, String> labels, java.util.Optional<Instant> startedAt) {
        /** Copies the labels. */
        public Pod {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(phase, "phase");
            Objects.requireNonNull(waitingReason, "waitingReason");
            labels = Map.copyOf(labels);
            Objects.requireNonNull(startedAt, "startedAt");
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
        /** Validates the parts. */
        public LogLine {
            Objects.requireNonNull(pod, "pod");
            Objects.requireNonNull(container, "container");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(text, "text");
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
}
