package io.github.incident4j.chaos;

import io.github.incident4j.spi.ClusterOperations;
import io.github.incident4j.spi.FaultInjector;
import java.util.List;
import java.util.Objects;

/**
 * Litmus's pod-delete fault through {@link ClusterOperations}: {@link #inject} deletes the named pods, with grace
 * period 0 when {@code FORCE} is true. {@link ChaosRunner} chooses the targets itself, as litmus-go does
 * ({@code TARGET_PODS}, {@code NODE_LABEL}, {@code PODS_AFFECTED_PERC} from a random start) and deletes them one
 * call per pod through this injector. {@link #plan} is a simpler, deterministic choice for callers without the
 * runner: {@link PodDeleteSettings#targetCount} of the running pods in name order, at most the blast-radius cap.
 * Nothing is left to undo on stop: Kubernetes replaces deleted pods itself.
 *
 * <pre>{@code
 * FaultInjector podDelete = new PodDeleteInjector(cluster);
 * }</pre>
 */
public final class PodDeleteInjector implements FaultInjector {

    private final ClusterOperations cluster;

    /** An injector deleting pods through {@code cluster}. */
    public PodDeleteInjector(ClusterOperations cluster) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
    }

    @Override
    public boolean supports(String fault) {
        return Fault.POD_DELETE.equals(fault);
    }

    @Override
    public List<String> plan(Request request) {
        PodDeleteSettings settings = PodDeleteSettings.of(request.settings());
        List<ClusterOperations.Pod> pods = cluster.pods(request.namespace(), request.selector());
        int count = Math.min(settings.targetCount(pods.size()), request.maxAffected());
        return pods.stream()
                .filter(p -> "Running".equals(p.phase()))
                .map(ClusterOperations.Pod::name)
                .sorted()
                .limit(count)
                .toList();
    }

    @Override
    public Injected inject(Request request, List<String> targets) {
        PodDeleteSettings settings = PodDeleteSettings.of(request.settings());
        List<String> deleted = cluster.deletePods(request.namespace(), targets, settings.gracePeriod());
        return new Injected(deleted, settings.gracePeriod(), "deleted " + deleted + " in " + request.namespace()
                + (settings.force() ? " (forced, grace period 0)" : " (grace period " + settings.gracePeriod().toSeconds() + "s)"));
    }

    @Override
    public void stop(Request request) {
        // A deleted pod cannot be undeleted; its ReplicaSet brings a new one.
    }
}
