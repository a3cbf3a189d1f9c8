package io.github.incident4j.chaos;

import io.github.incident4j.common.Quantity;
import io.github.incident4j.spi.ClusterException;
import io.github.incident4j.spi.ClusterOperations;
import io.github.incident4j.spi.MetricsSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A deployment for tests: {@code replicas} pods; a deleted pod is replaced at once by a new Pending pod
 * that becomes Running and ready {@code restartDelay} later. Its metrics follow the ready pods:
 * p99 latency = base × replicas / ready (5000ms with none), error rate 0.1% when any pod is ready, else 50%.
 * Only {@code pods} and {@code deletePods} are modelled (what the chaos runner uses).
 */
final class FakeDeployment implements ClusterOperations, MetricsSource {

    private record FakePod(String name, Instant readyAt) {
    }

    private final Clock clock;
    private final String namespace;
    private final Map<String, String> labels;
    private final int replicas;
    private final Duration restartDelay;
    private final List<FakePod> pods = new ArrayList<>();
    private final List<List<String>> deleteCalls = new ArrayList<>();
    private final List<Duration> gracePeriods = new ArrayList<>();
    private int created;
    double baseLatencyMs = 200;
    boolean failDeletes;
    boolean failPods;

    FakeDeployment(Clock clock, String namespace, Map<String, String> labels, int replicas, Duration restartDelay) {
        this.clock = clock;
        this.namespace = namespace;
        this.labels = Map.copyOf(labels);
        this.replicas = replicas;
        this.restartDelay = restartDelay;
        for (int i = 0; i < replicas; i++) {
            pods.add(new FakePod("web-" + created++, clock.instant().minusSeconds(3600)));
        }
    }

    List<List<String>> deleteCalls() {
        return deleteCalls;
    }

    List<Duration> gracePeriods() {
        return gracePeriods;
    }

    int ready() {
        Instant now = clock.instant();
        return (int) pods.stream().filter(p -> !p.readyAt().isAfter(now)).count();
    }

    @Override
    public List<Pod> pods(String ns, Map<String, String> selector) {
        if (failPods) {
            throw new ClusterException(ClusterException.Reason.UNAVAILABLE, "the server is currently unable to handle the request");
        }
        if (!ns.equals(namespace) || !labels.entrySet().containsAll(selector.entrySet())) {
            return List.of();
        }
        Instant now = clock.instant();
        return pods.stream().sorted(java.util.Comparator.comparing(FakePod::name)).map(p -> {
            boolean ready = !p.readyAt().isAfter(now);
            return new Pod(p.name(), ready ? "Running" : "Pending", ready, 0, ready ? "" : "ContainerCreating", labels,
                    ready ? Optional.of(p.readyAt()) : Optional.empty());
        }).toList();
    }

    @Override
    public List<String> deletePods(String ns, List<String> podNames, Duration gracePeriod) {
        if (failDeletes) {
            throw new ClusterException(ClusterException.Reason.FORBIDDEN, "pods is forbidden: cannot delete in " + ns);
        }
        deleteCalls.add(List.copyOf(podNames));
        gracePeriods.add(gracePeriod);
        List<String> deleted = new ArrayList<>();
        for (String name : podNames) {
            if (pods.removeIf(p -> p.name().equals(name))) {
                deleted.add(name);
                pods.add(new FakePod("web-" + created++, clock.instant().plus(restartDelay)));
            }
        }
        return deleted;
    }

    @Override
    public Optional<Quantity> read(String metric, Map<String, String> selector, Instant at, Duration window) {
        int ready = ready();
        return switch (metric) {
            case "p99 latency" -> Optional.of(Quantity.millis(ready == 0 ? 5000 : baseLatencyMs * replicas / ready));
            case "error rate" -> Optional.of(Quantity.percent(ready == 0 ? 50 : 0.1));
            default -> Optional.empty();
        };
    }

    @Override
    public List<Revision> rolloutHistory(String ns, String deployment) {
        throw new UnsupportedOperationException("not modelled");
    }

    @Override
    public List<LogLine> logs(String ns, Map<String, String> selector, Duration since, String contains, int limit) {
        throw new UnsupportedOperationException("not modelled");
    }

    @Override
    public UndoResult rolloutUndo(String ns, String deployment, OptionalLong toRevision) {
        throw new UnsupportedOperationException("not modelled");
    }

    @Override
    public RolloutStatus rolloutStatus(String ns, String deployment) {
        throw new UnsupportedOperationException("not modelled");
    }

    @Override
    public void scale(String ns, String deployment, int count) {
        throw new UnsupportedOperationException("not modelled");
    }

    @Override
    public void rolloutRestart(String ns, String deployment) {
        throw new UnsupportedOperationException("not modelled");
    }

    // the typed runbook operations (issue 17) are not used by chaos runs

    @Override
    public List<Resource> resources(ResourceQuery query) {
        throw new UnsupportedOperationException("not modelled");
    }

    @Override
    public List<LogLine> podLogs(String ns, String pod, LogOptions options) {
        throw new UnsupportedOperationException("not modelled");
    }

    @Override
    public List<Usage> usage(UsageQuery query) {
        throw new UnsupportedOperationException("not modelled");
    }

    @Override
    public RolloutStatus rolloutStatus(String ns, String kind, String name) {
        throw new UnsupportedOperationException("not modelled");
    }

    @Override
    public void rolloutRestart(String ns, String kind, String name) {
        throw new UnsupportedOperationException("not modelled");
    }

    @Override
    public List<Revision> rolloutHistory(String ns, String kind, String name) {
        throw new UnsupportedOperationException("not modelled");
    }

    @Override
    public void scale(String ns, String kind, String name, int count) {
        throw new UnsupportedOperationException("not modelled");
    }

    @Override
    public void cordon(String node, boolean unschedulable) {
        throw new UnsupportedOperationException("not modelled");
    }

    @Override
    public DrainResult drain(String node, DrainOptions options) {
        throw new UnsupportedOperationException("not modelled");
    }
}
