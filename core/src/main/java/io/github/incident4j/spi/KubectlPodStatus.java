package io.github.incident4j.spi;

import io.github.incident4j.ValidationException;
import io.github.incident4j.common.Problems;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A pod's STATUS, RESTARTS and READY columns as {@code kubectl get pods} prints them, computed from what the
 * kubelet and the API server report ({@link PodFacts}). Both {@link io.github.incident4j.sim.SimulatedCluster} and
 * the Kubernetes adapter compute {@link ClusterOperations.Pod#status()} here, and a host implementing
 * {@link ClusterOperations} on another client can too.
 *
 * <pre>{@code
 * PodFacts facts = PodFacts.inPhase("Pending").initContainer("migrate").container("app")
 *         .initStatus(ContainerFacts.named("migrate").waiting("CrashLoopBackOff").restarts(4))
 *         .status(ContainerFacts.named("app").waiting("PodInitializing"))
 *         .build();
 * KubectlPodStatus.of(facts);   // status Init:CrashLoopBackOff, 4 restarts, 0/1 ready
 * }</pre>
 *
 * <p>The rules are those of the API server's pod table printer, {@code printPod} in
 * {@code kubernetes/kubernetes pkg/printers/internalversion/printers.go}, read at a Kubernetes 1.32-era revision
 * (the one with sidecar, i.e. restartable init, containers and scheduling gates; no rule here is written from
 * memory of another version). kubectl prints the table the API server builds with it:
 * <ol>
 *   <li>The status starts as the pod's {@code status.reason} or else its phase; {@code SchedulingGated} when the
 *       PodScheduled condition says so.</li>
 *   <li>Init containers, in the order reported: one that exited 0 is done; a started sidecar is done (and counts
 *       as ready when ready); the first other one decides: terminated gives {@code Init:<reason>}, or
 *       {@code Init:Signal:N} / {@code Init:ExitCode:N} without a reason; waiting with a reason other than
 *       {@code PodInitializing} gives {@code Init:<reason>}; otherwise {@code Init:N/M} (N done of the M in the
 *       spec). Restarts are summed over the init containers.</li>
 *   <li>Unless an init container decided and the pod is not yet Initialized, restarts are counted again from the
 *       sidecars' plus the containers', and the containers are read from the last reported to the first (so the
 *       first one's reason wins): a waiting reason, a terminated reason, or {@code Signal:N} / {@code ExitCode:N};
 *       a ready, running container counts as ready. {@code Completed} with a container still running reads
 *       {@code Running} when the pod's Ready condition is true and {@code NotReady} otherwise.</li>
 *   <li>A pod being deleted (deletion timestamp set) reads {@code Unknown} when its reason is {@code NodeLost},
 *       otherwise {@code Terminating} unless its phase is Succeeded or Failed.</li>
 * </ol>
 * kubectl appends {@code (Xs ago)} to RESTARTS after a restart; that part depends on the reader's clock and is
 * left out: {@link #restarts()} is the number alone.
 *
 * @param status the STATUS column, e.g. {@code Running}, {@code Init:CrashLoopBackOff}, {@code Terminating}
 * @param restarts the RESTARTS column's number
 * @param readyContainers the ready containers counted in the READY column (n of {@code n/m})
 * @param totalContainers the containers the READY column counts (m of {@code n/m}): containers and sidecars
 * @param waitingReason why the container holding the pod back waits (the deciding init container's reason while
 *     it initialises, else the first reported container's with a waiting reason), or empty
 */
public record KubectlPodStatus(String status, int restarts, int readyContainers, int totalContainers,
                               String waitingReason) {

    /** The pod reason the node controller sets when it loses the pod's node. */
    public static final String NODE_LOST = "NodeLost";
    /** The waiting reason of containers while the pod's init containers run. */
    public static final String POD_INITIALIZING = "PodInitializing";

    /** Validates the parts. */
    public KubectlPodStatus {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(waitingReason, "waitingReason");
    }

    /** Whether every container the READY column counts is ready ({@code n/n}, n &gt; 0). */
    public boolean allReady() {
        return totalContainers > 0 && readyContainers == totalContainers;
    }

    /** The columns kubectl prints for a pod with these facts. */
    public static KubectlPodStatus of(PodFacts pod) {
        String status = pod.reason().isEmpty() ? pod.phase() : pod.reason();
        if (pod.schedulingGated()) {
            status = "SchedulingGated";
        }
        int restarts = 0;
        int sidecarRestarts = 0;
        int ready = 0;
        String waiting = "";
        boolean initializing = false;
        List<ContainerFacts> inits = pod.initStatuses();
        for (int i = 0; i < inits.size(); i++) {
            ContainerFacts c = inits.get(i);
            ContainerState state = c.state();
            boolean sidecar = pod.sidecars().contains(c.name());
            restarts += c.restarts();
            if (sidecar) {
                sidecarRestarts += c.restarts();
            }
            if (state.kind() == ContainerState.Kind.TERMINATED && state.exitCode() == 0) {
                continue;
            }
            if (sidecar && c.started()) {
                ready += c.ready() ? 1 : 0;
                continue;
            }
            initializing = true;
            if (state.kind() == ContainerState.Kind.TERMINATED) {
                status = "Init:" + (state.reason().isEmpty() ? exitText(state) : state.reason());
            } else if (state.kind() == ContainerState.Kind.WAITING && !state.reason().isEmpty()
                    && !state.reason().equals(POD_INITIALIZING)) {
                status = "Init:" + state.reason();
                waiting = state.reason();
            } else {
                status = "Init:" + i + "/" + pod.initContainers().size();
            }
            break;
        }
        if (!initializing || pod.initialized()) {
            restarts = sidecarRestarts;
            boolean running = false;
            List<ContainerFacts> containers = pod.statuses();
            for (int i = containers.size() - 1; i >= 0; i--) {
                ContainerFacts c = containers.get(i);
                ContainerState state = c.state();
                restarts += c.restarts();
                if (state.kind() == ContainerState.Kind.WAITING && !state.reason().isEmpty()) {
                    status = state.reason();
                } else if (state.kind() == ContainerState.Kind.TERMINATED) {
                    status = state.reason().isEmpty() ? exitText(state) : state.reason();
                } else if (state.kind() == ContainerState.Kind.RUNNING && c.ready()) {
                    running = true;
                    ready++;
                }
            }
            if (status.equals("Completed") && running) {
                status = pod.readyCondition() ? "Running" : "NotReady";
            }
        }
        if (waiting.isEmpty()) {
            waiting = pod.statuses().stream().map(ContainerFacts::state)
                    .filter(s -> s.kind() == ContainerState.Kind.WAITING && !s.reason().isEmpty())
                    .map(ContainerState::reason).findFirst().orElse("");
        }
        if (pod.deleting() && pod.reason().equals(NODE_LOST)) {
            status = "Unknown";
        } else if (pod.deleting() && !pod.phase().equals("Succeeded") && !pod.phase().equals("Failed")) {
            status = "Terminating";
        }
        return new KubectlPodStatus(status, restarts, ready, pod.containers().size() + pod.sidecars().size(),
                waiting);
    }

    private static String exitText(ContainerState state) {
        return state.signal() != 0 ? "Signal:" + state.signal() : "ExitCode:" + state.exitCode();
    }

    /**
     * The state of a container as its kubelet reports it: waiting (also a container not reported yet, with an
     * empty reason), running, or terminated.
     *
     * @param kind which of the three
     * @param reason the waiting or terminated reason, e.g. {@code CrashLoopBackOff}, {@code OOMKilled}, or empty
     * @param exitCode the exit code of a terminated container (0 otherwise)
     * @param signal the signal that ended a terminated container, or 0
     */
    public record ContainerState(Kind kind, String reason, int exitCode, int signal) {

        /** The three states of the Kubernetes API. */
        public enum Kind {
            /** Not running yet, or between restarts. */
            WAITING,
            /** Running. */
            RUNNING,
            /** Exited. */
            TERMINATED
        }

        /** Validates the parts. */
        public ContainerState {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(reason, "reason");
        }

        /** Waiting, e.g. {@code waiting("CrashLoopBackOff")}; an empty reason for a container not reported yet. */
        public static ContainerState waiting(String reason) {
            return new ContainerState(Kind.WAITING, reason, 0, 0);
        }

        /** Running. */
        public static ContainerState running() {
            return new ContainerState(Kind.RUNNING, "", 0, 0);
        }

        /** Terminated with a reason ({@code Completed}, {@code Error}, {@code OOMKilled}; may be empty) and code. */
        public static ContainerState terminated(String reason, int exitCode) {
            return new ContainerState(Kind.TERMINATED, reason, exitCode, 0);
        }

        /** Terminated by a signal, without a reason. */
        public static ContainerState killedBy(int signal, int exitCode) {
            return new ContainerState(Kind.TERMINATED, "", exitCode, signal);
        }
    }

    /**
     * One container's reported status (an entry of {@code status.containerStatuses} or
     * {@code status.initContainerStatuses}). Change it by copy: {@code named("app").waiting("X").restarts(4)}.
     *
     * @param name the container's name
     * @param state its current state
     * @param ready whether its readiness probe passes
     * @param started whether its startup probe passed (for sidecars, whether it counts as started)
     * @param restarts its restart count
     */
    public record ContainerFacts(String name, ContainerState state, boolean ready, boolean started, int restarts) {

        /** Validates the parts. */
        public ContainerFacts {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(state, "state");
            if (restarts < 0) {
                throw ValidationException.of("containers[" + name + "].restarts", restarts, "must not be negative");
            }
        }

        /** A container reported as waiting without a reason, not ready, not started, never restarted. */
        public static ContainerFacts named(String name) {
            return new ContainerFacts(name, ContainerState.waiting(""), false, false, 0);
        }

        /** A copy in {@code state}. */
        public ContainerFacts state(ContainerState state) {
            return new ContainerFacts(name, state, ready, started, restarts);
        }

        /** A copy waiting for {@code reason}. */
        public ContainerFacts waiting(String reason) {
            return state(ContainerState.waiting(reason));
        }

        /** A copy running, started and ready ({@code ready} as given). */
        public ContainerFacts running(boolean ready) {
            return new ContainerFacts(name, ContainerState.running(), ready, true, restarts);
        }

        /** A copy terminated with {@code reason} and {@code exitCode}, not ready. */
        public ContainerFacts terminated(String reason, int exitCode) {
            return new ContainerFacts(name, ContainerState.terminated(reason, exitCode), false, false, restarts);
        }

        /** A copy with {@code restarts} restarts. */
        public ContainerFacts restarts(int restarts) {
            return new ContainerFacts(name, state, ready, started, restarts);
        }
    }

    /**
     * What kubectl's printer reads from a pod: its phase and reason, whether it is being deleted, three conditions,
     * the containers of its spec and the statuses reported for them. Build with {@link #inPhase}.
     *
     * @param phase {@code status.phase}: Pending, Running, Succeeded, Failed or Unknown
     * @param reason {@code status.reason}, e.g. {@code Evicted}, {@code NodeLost}, or empty
     * @param deleting whether {@code metadata.deletionTimestamp} is set
     * @param initialized whether the Initialized condition is true
     * @param readyCondition whether the Ready condition is true
     * @param schedulingGated whether the PodScheduled condition's reason is {@code SchedulingGated}
     * @param initContainers the names of {@code spec.initContainers}, in order
     * @param sidecars those of them with {@code restartPolicy: Always} (restartable init containers)
     * @param containers the names of {@code spec.containers}, in order
     * @param initStatuses {@code status.initContainerStatuses}, in the order reported
     * @param statuses {@code status.containerStatuses}, in the order reported
     */
    public record PodFacts(String phase, String reason, boolean deleting, boolean initialized, boolean readyCondition,
                           boolean schedulingGated, List<String> initContainers, Set<String> sidecars,
                           List<String> containers, List<ContainerFacts> initStatuses, List<ContainerFacts> statuses) {

        /** Copies the collections and checks that every sidecar is an init container. */
        public PodFacts {
            Objects.requireNonNull(phase, "phase");
            Objects.requireNonNull(reason, "reason");
            initContainers = List.copyOf(initContainers);
            sidecars = Set.copyOf(sidecars);
            containers = List.copyOf(containers);
            initStatuses = List.copyOf(initStatuses);
            statuses = List.copyOf(statuses);
            Problems problems = new Problems();
            for (String sidecar : sidecars) {
                problems.check(initContainers.contains(sidecar), "sidecars", sidecar, "must be an init container");
            }
            problems.throwIfAny("pod facts");
        }

        /** Starts the facts of a pod in {@code phase}. */
        public static Builder inPhase(String phase) {
            return new Builder(phase);
        }

        /** A builder holding these facts, to change some. */
        public Builder toBuilder() {
            Builder b = new Builder(phase).reason(reason).deleting(deleting).initialized(initialized)
                    .readyCondition(readyCondition).schedulingGated(schedulingGated);
            b.initContainers.addAll(initContainers);
            b.sidecars.addAll(sidecars);
            b.containers.addAll(containers);
            b.initStatuses.addAll(initStatuses);
            b.statuses.addAll(statuses);
            return b;
        }

        /** Collects the facts of a pod; the spec's containers and the reported statuses are added in order. */
        public static final class Builder {
            private String phase;
            private String reason = "";
            private boolean deleting;
            private boolean initialized;
            private boolean readyCondition;
            private boolean schedulingGated;
            private final List<String> initContainers = new ArrayList<>();
            private final Set<String> sidecars = new LinkedHashSet<>();
            private final List<String> containers = new ArrayList<>();
            private final List<ContainerFacts> initStatuses = new ArrayList<>();
            private final List<ContainerFacts> statuses = new ArrayList<>();

            private Builder(String phase) {
                this.phase = Objects.requireNonNull(phase, "phase");
            }

            /** {@code status.phase}. */
            public Builder phase(String phase) {
                this.phase = Objects.requireNonNull(phase, "phase");
                return this;
            }

            /** {@code status.reason}, e.g. {@code Evicted} or {@code NodeLost}. */
            public Builder reason(String reason) {
                this.reason = Objects.requireNonNull(reason, "reason");
                return this;
            }

            /** Whether the pod has a deletion timestamp. */
            public Builder deleting(boolean deleting) {
                this.deleting = deleting;
                return this;
            }

            /** Whether the Initialized condition is true (false by default). */
            public Builder initialized(boolean initialized) {
                this.initialized = initialized;
                return this;
            }

            /** Whether the Ready condition is true (false by default). */
            public Builder readyCondition(boolean ready) {
                this.readyCondition = ready;
                return this;
            }

            /** Whether scheduling waits on scheduling gates. */
            public Builder schedulingGated(boolean gated) {
                this.schedulingGated = gated;
                return this;
            }

            /** Appends an init container to the spec. */
            public Builder initContainer(String name) {
                initContainers.add(Objects.requireNonNull(name, "name"));
                return this;
            }

            /** Appends a sidecar (an init container with {@code restartPolicy: Always}) to the spec. */
            public Builder sidecar(String name) {
                initContainer(name);
                sidecars.add(name);
                return this;
            }

            /** Appends a container to the spec. */
            public Builder container(String name) {
                containers.add(Objects.requireNonNull(name, "name"));
                return this;
            }

            /** Appends an init container's reported status. */
            public Builder initStatus(ContainerFacts status) {
                initStatuses.add(Objects.requireNonNull(status, "status"));
                return this;
            }

            /** Appends a container's reported status. */
            public Builder status(ContainerFacts status) {
                statuses.add(Objects.requireNonNull(status, "status"));
                return this;
            }

            /** The facts. */
            public PodFacts build() {
                return new PodFacts(phase, reason, deleting, initialized, readyCondition, schedulingGated,
                        initContainers, sidecars, containers, initStatuses, statuses);
            }
        }
    }
}
