package io.github.incident4j.runbook;

import io.github.incident4j.common.Quantity;
import io.github.incident4j.common.TimelineSink;
import io.github.incident4j.spi.ClusterException;
import io.github.incident4j.spi.ClusterOperations;
import io.github.incident4j.spi.DependencyProbe;
import io.github.incident4j.spi.MetricsSource;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.BiFunction;

/** Small in-test SPI fakes that record every call, so tests can assert what reached an SPI (or that nothing did). */
final class Fakes {

    private Fakes() {
    }

    /** A cluster with scripted answers. */
    static final class Cluster implements ClusterOperations {
        final List<String> calls = new ArrayList<>();
        List<Pod> pods = List.of();
        List<Revision> revisions = List.of();
        List<LogLine> logLines = List.of();
        final Deque<RolloutStatus> statuses = new ArrayDeque<>();
        RolloutStatus lastStatus = new RolloutStatus(true, false, "deployment \"x\" successfully rolled out", 3, 3, 3);
        final Map<String, ClusterException> failing = new HashMap<>();
        /** Runs inside every rollout-status call, e.g. to let virtual time pass while the call hangs. */
        Runnable duringStatus = () -> { };
        Clock clock;

        Cluster(Clock clock) {
            this.clock = clock;
        }

        private void call(String name, Object... args) {
            calls.add(name + List.of(args));
            ClusterException e = failing.get(name);
            if (e != null) {
                throw e;
            }
        }

        @Override
        public List<Pod> pods(String namespace, Map<String, String> selector) {
            call("pods", namespace, selector);
            return pods;
        }

        @Override
        public List<Revision> rolloutHistory(String namespace, String deployment) {
            call("rolloutHistory", namespace, deployment);
            return revisions;
        }

        @Override
        public List<LogLine> logs(String namespace, Map<String, String> selector, Duration since, String contains, int limit) {
            call("logs", namespace, selector, since, contains);
            Instant from = clock.instant().minus(since);
            return logLines.stream().filter(l -> l.text().contains(contains) && !l.at().isBefore(from)
                    && !l.at().isAfter(clock.instant())).toList();
        }

        @Override
        public UndoResult rolloutUndo(String namespace, String deployment, OptionalLong toRevision) {
            call("rolloutUndo", namespace, deployment, toRevision);
            return new UndoResult(5, 4, false, "deployment.apps/" + deployment + " rolled back");
        }

        @Override
        public RolloutStatus rolloutStatus(String namespace, String deployment) {
            call("rolloutStatus", namespace, deployment);
            duringStatus.run();
            if (!statuses.isEmpty()) {
                lastStatus = statuses.poll();
            }
            return lastStatus;
        }

        @Override
        public void scale(String namespace, String deployment, int replicas) {
            call("scale", namespace, deployment, replicas);
        }

        @Override
        public void rolloutRestart(String namespace, String deployment) {
            call("rolloutRestart", namespace, deployment);
        }

        @Override
        public List<String> deletePods(String namespace, List<String> podNames, Duration gracePeriod) {
            call("deletePods", namespace, podNames, gracePeriod);
            return podNames;
        }
        // the typed runbook operations (issue 17)
        List<Resource> resources = List.of();
        List<Usage> usage = List.of();
        final List<String> cordoned = new ArrayList<>();

        @Override
        public List<Resource> resources(ResourceQuery query) {
            call("resources", query);
            return resources;
        }

        @Override
        public List<LogLine> podLogs(String namespace, String pod, LogOptions options) {
            call("podLogs", namespace, pod, options);
            return logLines.stream().filter(l -> l.text().contains(options.contains())).toList();
        }

        @Override
        public List<Usage> usage(UsageQuery query) {
            call("usage", query);
            return usage;
        }

        @Override
        public RolloutStatus rolloutStatus(String namespace, String kind, String name) {
            return kind.equals("deployment") ? rolloutStatus(namespace, name) : record("rolloutStatus", namespace, kind, name);
        }

        @Override
        public void rolloutRestart(String namespace, String kind, String name) {
            if (kind.equals("deployment")) {
                rolloutRestart(namespace, name);
            } else {
                call("rolloutRestart", namespace, kind, name);
            }
        }

        @Override
        public List<Revision> rolloutHistory(String namespace, String kind, String name) {
            return kind.equals("deployment") ? rolloutHistory(namespace, name) : record("rolloutHistory", namespace, kind, name);
        }

        @Override
        public void scale(String namespace, String kind, String name, int replicas) {
            if (kind.equals("deployment")) {
                scale(namespace, name, replicas);
            } else {
                call("scale", namespace, kind, name, replicas);
            }
        }

        @Override
        public void cordon(String node, boolean unschedulable) {
            call(unschedulable ? "cordon" : "uncordon", node);
            cordoned.add((unschedulable ? "cordon " : "uncordon ") + node);
        }

        @Override
        public DrainResult drain(String node, DrainOptions options) {
            call("drain", node, options);
            return new DrainResult(List.of(), "node/" + node + " drained");
        }

        @SuppressWarnings("unchecked")
        private <T> T record(String name, Object... args) {
            call(name, args);
            return (T) (name.equals("rolloutStatus") ? lastStatus : revisions);
        }
    }

    /** A probe answering per host. */
    static final class Probe implements DependencyProbe {
        final List<String> calls = new ArrayList<>();
        final Map<String, Result> answers = new HashMap<>();

        @Override
        public Result postgresReady(String host, int port, Duration timeout) {
            calls.add("postgres " + host + ":" + port);
            return answers.getOrDefault(host, Result.up("accepting connections"));
        }

        @Override
        public Result redisPing(String host, int port, Duration timeout) {
            calls.add("redis " + host + ":" + port);
            return answers.getOrDefault(host, Result.up("PONG"));
        }

        @Override
        public Result httpStatus(URI url, Duration timeout) {
            calls.add("http " + url);
            return answers.getOrDefault(url.getHost(), new Result(true, "200", OptionalInt.of(200)));
        }
    }

    /** Metrics as a function of metric key and instant. */
    static final class Metrics implements MetricsSource {
        final List<String> calls = new ArrayList<>();
        BiFunction<String, Instant, Optional<Quantity>> values = (m, t) -> Optional.empty();

        @Override
        public Optional<Quantity> read(String metric, Map<String, String> labels, Instant at, Duration window) {
            calls.add(metric + "@" + at + labels);
            return values.apply(metric, at);
        }
    }

    /** A timeline that keeps what it is told. */
    static final class Timeline implements TimelineSink {
        record Event(Instant at, String actor, String action, String detail) {
        }

        final List<Event> events = new ArrayList<>();

        @Override
        public void record(Instant at, String actor, String action, String detail) {
            events.add(new Event(at, actor, action, detail));
        }

        List<String> actions() {
            return events.stream().map(Event::action).toList();
        }
    }
}
