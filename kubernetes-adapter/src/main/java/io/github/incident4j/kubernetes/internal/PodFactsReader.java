package io.github.incident4j.kubernetes.internal;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.github.incident4j.spi.KubectlPodStatus.ContainerFacts;
import io.github.incident4j.spi.KubectlPodStatus.ContainerState;
import io.github.incident4j.spi.KubectlPodStatus.PodFacts;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads the {@link PodFacts} kubectl's pod printer uses from a fabric8 {@link Pod}, field by field as the printer
 * does: {@code status.phase} and {@code status.reason}, {@code metadata.deletionTimestamp}, the Initialized, Ready
 * and PodScheduled conditions, the spec's init containers (a sidecar has {@code restartPolicy: Always}) and
 * containers, and the reported container statuses in their order.
 */
public final class PodFactsReader {

    private PodFactsReader() {
    }

    /** The facts of {@code pod}; a pod the API server has not given a phase yet reads Pending, as it will. */
    public static PodFacts read(Pod pod) {
        PodStatus status = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
        String phase = status.getPhase() == null || status.getPhase().isEmpty() ? "Pending" : status.getPhase();
        PodFacts.Builder facts = PodFacts.inPhase(phase).reason(orEmpty(status.getReason()))
                .deleting(pod.getMetadata() != null && pod.getMetadata().getDeletionTimestamp() != null);
        for (PodCondition c : orEmpty(status.getConditions())) {
            boolean isTrue = "True".equals(c.getStatus());
            switch (orEmpty(c.getType())) {
                case "Initialized" -> facts.initialized(isTrue);
                case "Ready" -> facts.readyCondition(isTrue);
                case "PodScheduled" -> facts.schedulingGated("SchedulingGated".equals(c.getReason()));
                default -> {
                    // other conditions do not change what kubectl prints
                }
            }
        }
        PodSpec spec = pod.getSpec() == null ? new PodSpec() : pod.getSpec();
        for (Container c : orEmpty(spec.getInitContainers())) {
            if ("Always".equals(c.getRestartPolicy())) {
                facts.sidecar(orEmpty(c.getName()));
            } else {
                facts.initContainer(orEmpty(c.getName()));
            }
        }
        orEmpty(spec.getContainers()).forEach(c -> facts.container(orEmpty(c.getName())));
        // kubectl tests an init container for termination first, a container for waiting first.
        orEmpty(status.getInitContainerStatuses()).forEach(c -> facts.initStatus(container(c, true)));
        orEmpty(status.getContainerStatuses()).forEach(c -> facts.status(container(c, false)));
        return facts.build();
    }

    private static ContainerFacts container(ContainerStatus c, boolean terminatedFirst) {
        int restarts = c.getRestartCount() == null ? 0 : Math.max(0, c.getRestartCount());
        return new ContainerFacts(orEmpty(c.getName()), state(c.getState(), terminatedFirst),
                Boolean.TRUE.equals(c.getReady()), Boolean.TRUE.equals(c.getStarted()), restarts);
    }

    private static ContainerState state(io.fabric8.kubernetes.api.model.@Nullable ContainerState s,
                                        boolean terminatedFirst) {
        if (s == null) {
            return ContainerState.waiting("");
        }
        ContainerStateTerminated terminated = s.getTerminated();
        if (terminated != null && (terminatedFirst || s.getWaiting() == null)) {
            int exitCode = terminated.getExitCode() == null ? 0 : terminated.getExitCode();
            int signal = terminated.getSignal() == null ? 0 : terminated.getSignal();
            return new ContainerState(ContainerState.Kind.TERMINATED, orEmpty(terminated.getReason()), exitCode, signal);
        }
        if (s.getWaiting() != null) {
            return ContainerState.waiting(orEmpty(s.getWaiting().getReason()));
        }
        return s.getRunning() != null ? ContainerState.running() : ContainerState.waiting("");
    }

    private static String orEmpty(@Nullable String text) {
        return text == null ? "" : text;
    }

    private static <T> List<T> orEmpty(@Nullable List<T> list) {
        return list == null ? List.of() : list;
    }
}
