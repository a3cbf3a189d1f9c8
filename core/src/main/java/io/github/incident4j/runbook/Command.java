package io.github.incident4j.runbook;

import io.github.incident4j.ValidationException;
import io.github.incident4j.common.Durations;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A runbook command line as a typed operation: commands are data, never shell text. Each is run through
 * an SPI ({@link io.github.incident4j.spi.ClusterOperations}, {@link io.github.incident4j.spi.DependencyProbe})
 * or, when it is not understood, kept verbatim as {@link Manual} and shown to the operator.
 *
 * <pre>{@code
 * Command c = Command.bind("kubectl get pods -n ${ns} -l app=${service}",
 *         Bindings.of(Map.of("ns", "production", "service", "payment-service")), "default");
 * // c = ListPods[namespace=production, selector={app=payment-service}]
 * c.render();   // "kubectl get pods -n production -l app=payment-service"
 * }</pre>
 *
 * <p>Every value is checked against its grammar when the command is built (Kubernetes names and label
 * values, hosts, ports, URLs), so a bound variable carrying {@code ;}, {@code $(..)}, backticks, a newline,
 * a space or an extra selector term is refused with a {@link ValidationException} naming the variable and
 * its value before anything runs.
 */
public sealed interface Command {

    /** The command written back as a command line that {@link #parse} reads to an equal command. */
    String render();

    /** Whether the command changes the cluster (never run during diagnosis). */
    default boolean mutating() {
        return false;
    }

    /**
     * Reads a literal command line (no variables).
     *
     * @param defaultNamespace the namespace when the line names none
     * @throws ValidationException when a recognised command carries a value its grammar refuses
     */
    static Command parse(String line, String defaultNamespace) {
        return CommandParser.bind(line, Bindings.empty(), defaultNamespace);
    }

    /**
     * Binds the variables of a command template and reads the result. Values are checked before the
     * command exists: nothing unchecked can reach an SPI.
     *
     * @throws ValidationException naming each variable and value that is unbound or unsafe where it lands
     */
    static Command bind(String template, Bindings bindings, String defaultNamespace) {
        return CommandParser.bind(template, bindings, defaultNamespace);
    }

    /** {@code kubectl get pods -n NS -l SELECTOR}. */
    record ListPods(String namespace, Map<String, String> selector) implements Command {
        /** Validates the parts. */
        public ListPods {
            Values.checkNamespace(namespace);
            selector = Values.checkSelector(selector);
        }

        @Override
        public String render() {
            return "kubectl get pods -n " + namespace + Values.renderSelector(selector);
        }
    }

    /**
     * {@code kubectl rollout history KIND/NAME -n NS}.
     *
     * @param deployment the workload's name
     * @param kind {@code deployment}, {@code daemonset} or {@code statefulset}
     */
    record RolloutHistory(String namespace, String deployment, String kind) implements Command {
        /** Validates the parts. */
        public RolloutHistory {
            Values.checkNamespace(namespace);
            Values.checkName(kind, deployment);
            Values.checkWorkload(kind);
        }

        /** Of a deployment. */
        public RolloutHistory(String namespace, String deployment) {
            this(namespace, deployment, "deployment");
        }

        @Override
        public String render() {
            return "kubectl rollout history " + kind + "/" + deployment + " -n " + namespace;
        }
    }

    /**
     * {@code kubectl logs -n NS -l SELECTOR [-c CONTAINER] [--previous] [--tail=N] [--since=10m] | grep PATTERN}.
     *
     * @param since how far back, if limited
     * @param grep the plain-text line filter of a following {@code | grep PATTERN}, if any
     * @param container the container, if one is named
     * @param previous whether the previous (crashed) containers' logs are read
     * @param tail how many of the newest lines per pod, if limited
     */
    record Logs(String namespace, Map<String, String> selector, Optional<Duration> since, Optional<String> grep,
                Optional<String> container, boolean previous, OptionalInt tail) implements Command {
        /** Validates the parts. */
        public Logs {
            Values.checkNamespace(namespace);
            selector = Values.checkSelector(selector);
            Objects.requireNonNull(since, "since");
            Objects.requireNonNull(grep, "grep");
            grep.ifPresent(Values::checkGrepPattern);
            since.ifPresent(d -> {
                if (d.isNegative() || d.isZero()) {
                    throw ValidationException.of("since", d, "must be positive");
                }
            });
            Objects.requireNonNull(container, "container");
            container.ifPresent(c -> Values.checkName("container", c));
            Objects.requireNonNull(tail, "tail");
            Values.checkTail(tail);
        }

        /** Every container's current log. */
        public Logs(String namespace, Map<String, String> selector, Optional<Duration> since, Optional<String> grep) {
            this(namespace, selector, since, grep, Optional.empty(), false, OptionalInt.empty());
        }

        @Override
        public String render() {
            return "kubectl logs -n " + namespace + Values.renderSelector(selector)
                    + container.map(c -> " -c " + c).orElse("") + (previous ? " --previous" : "")
                    + (tail.isPresent() ? " --tail=" + tail.getAsInt() : "")
                    + since.map(d -> " --since=" + Durations.format(d)).orElse("")
                    + grep.map(p -> " | grep " + (p.startsWith("-") ? "-e " : "") + Values.quote(p)).orElse("");
        }
    }

    /** {@code kubectl rollout undo deployment/NAME -n NS [--to-revision=N]}. */
    record RolloutUndo(String namespace, String deployment, OptionalLong toRevision) implements Command {
        /** Validates the parts. */
        public RolloutUndo {
            Values.checkNamespace(namespace);
            Values.checkName("deployment", deployment);
            Objects.requireNonNull(toRevision, "toRevision");
            if (toRevision.isPresent() && toRevision.getAsLong() < 1) {
                throw ValidationException.of("toRevision", toRevision.getAsLong(), "must be at least 1");
            }
        }

        @Override
        public String render() {
            return "kubectl rollout undo deployment/" + deployment + " -n " + namespace
                    + (toRevision.isPresent() ? " --to-revision=" + toRevision.getAsLong() : "");
        }

        @Override
        public boolean mutating() {
            return true;
        }
    }

    /**
     * {@code kubectl rollout status KIND/NAME -n NS [--timeout=5m]}.
     *
     * @param deployment the workload's name
     * @param kind {@code deployment}, {@code daemonset} or {@code statefulset}
     */
    record RolloutStatus(String namespace, String deployment, Optional<Duration> timeout, String kind) implements Command {
        /** Validates the parts. */
        public RolloutStatus {
            Values.checkNamespace(namespace);
            Values.checkName(kind, deployment);
            Objects.requireNonNull(timeout, "timeout");
            Values.checkWorkload(kind);
        }

        /** Of a deployment. */
        public RolloutStatus(String namespace, String deployment, Optional<Duration> timeout) {
            this(namespace, deployment, timeout, "deployment");
        }

        @Override
        public String render() {
            return "kubectl rollout status " + kind + "/" + deployment + " -n " + namespace
                    + timeout.map(d -> " --timeout=" + Durations.format(d)).orElse("");
        }
    }

    /**
     * {@code kubectl scale KIND/NAME --replicas=N -n NS}.
     *
     * @param deployment the workload's name
     * @param kind {@code deployment}, {@code statefulset} or {@code replicaset}
     */
    record Scale(String namespace, String deployment, int replicas, String kind) implements Command {
        /** Validates the parts. */
        public Scale {
            Values.checkNamespace(namespace);
            Values.checkName(kind, deployment);
            if (replicas < 0 || replicas > Values.MAX_REPLICAS) {
                throw ValidationException.of("replicas", replicas, "must be between 0 and " + Values.MAX_REPLICAS);
            }
            if (!Set.of("deployment", "statefulset", "replicaset").contains(kind)) {
                throw ValidationException.of("kind", kind, "must be deployment, statefulset or replicaset");
            }
        }

        /** Of a deployment. */
        public Scale(String namespace, String deployment, int replicas) {
            this(namespace, deployment, replicas, "deployment");
        }

        @Override
        public String render() {
            return "kubectl scale " + kind + "/" + deployment + " --replicas=" + replicas + " -n " + namespace;
        }

        @Override
        public boolean mutating() {
            return true;
        }
    }

    /**
     * {@code kubectl rollout restart KIND/NAME -n NS}.
     *
     * @param deployment the workload's name
     * @param kind {@code deployment}, {@code daemonset} or {@code statefulset}
     */
    record RolloutRestart(String namespace, String deployment, String kind) implements Command {
        /** Validates the parts. */
        public RolloutRestart {
            Values.checkNamespace(namespace);
            Values.checkName(kind, deployment);
            Values.checkWorkload(kind);
        }

        /** Of a deployment. */
        public RolloutRestart(String namespace, String deployment) {
            this(namespace, deployment, "deployment");
        }

        @Override
        public String render() {
            return "kubectl rollout restart " + kind + "/" + deployment + " -n " + namespace;
        }

        @Override
        public boolean mutating() {
            return true;
        }
    }

    /**
     * {@code kubectl delete pods NAME... -n NS} or {@code kubectl delete pods -l SELECTOR -n NS}.
     *
     * @param names the pods named, or empty when a selector chooses them
     * @param selector the selector, or empty when pods are named
     * @param gracePeriod {@code --grace-period}, if given
     */
    record DeletePods(String namespace, List<String> names, Map<String, String> selector, Optional<Duration> gracePeriod)
            implements Command {
        /** Validates the parts. */
        public DeletePods {
            Values.checkNamespace(namespace);
            names = List.copyOf(names);
            names.forEach(n -> Values.checkName("pod", n));
            selector = Values.checkSelector(selector);
            Objects.requireNonNull(gracePeriod, "gracePeriod");
            if (names.isEmpty() == selector.isEmpty()) {
                throw ValidationException.of("delete pods", names + " " + selector, "name pods or give a selector, not both or neither");
            }
        }

        @Override
        public String render() {
            return "kubectl delete pods" + names.stream().map(n -> " " + n).collect(Collectors.joining())
                    + " -n " + namespace + Values.renderSelector(selector)
                    + gracePeriod.map(d -> " --grace-period=" + d.toSeconds()).orElse("");
        }

        @Override
        public boolean mutating() {
            return true;
        }
    }

    /** {@code pg_isready -h HOST -p PORT}. */
    record PostgresReady(String host, int port) implements Command {
        /** Validates the parts. */
        public PostgresReady {
            Values.checkHost(host);
            Values.checkPort(port);
        }

        @Override
        public String render() {
            return "pg_isready -h " + host + " -p " + port;
        }
    }

    /** {@code redis-cli -h HOST -p PORT ping}. */
    record RedisPing(String host, int port) implements Command {
        /** Validates the parts. */
        public RedisPing {
            Values.checkHost(host);
            Values.checkPort(port);
        }

        @Override
        public String render() {
            return "redis-cli -h " + host + " -p " + port + " ping";
        }
    }

    /** {@code curl -s -o /dev/null -w "%{http_code}" URL}: the HTTP status of a GET. */
    record HttpStatus(URI url) implements Command {
        /** Validates the URL: http or https, a valid host, no userinfo, no {@code ..} in the path. */
        public HttpStatus {
            Values.checkUrl(url.toString());
        }

        @Override
        public String render() {
            return "curl -s -o /dev/null -w \"%{http_code}\" " + url;
        }
    }

    /**
     * {@code kubectl get KIND [NAME] [-n NS | -A] [-l SELECTOR] [--field-selector F] [--sort-by=PATH] [-o wide|yaml|json|name]}
     * for any kind but the plain pod listing ({@link ListPods}).
     *
     * @param kind the canonical plural ({@code deployments}, {@code events}, {@code clusteroperators})
     * @param namespace the namespace; empty for every namespace ({@code -A}) or a cluster-scoped kind
     * @param name the object, when one is named
     * @param selector the label selector, if any
     * @param fieldSelector the field selector as written ({@code status.phase!=Running}), if any
     * @param sortBy the {@code --sort-by} JSONPath ({@code .lastTimestamp}), if any
     * @param output how kubectl would print it
     */
    record Get(String kind, Optional<String> namespace, Optional<String> name, Map<String, String> selector,
               Optional<String> fieldSelector, Optional<String> sortBy, Output output) implements Command {
        /** Validates the parts. */
        public Get {
            Values.checkKind(kind);
            Objects.requireNonNull(namespace, "namespace");
            namespace.ifPresent(Values::checkNamespace);
            Objects.requireNonNull(name, "name");
            name.ifPresent(n -> Values.checkName(kind, n));
            selector = Values.checkSelector(selector);
            Objects.requireNonNull(fieldSelector, "fieldSelector");
            fieldSelector.ifPresent(Values::checkFieldSelector);
            Objects.requireNonNull(sortBy, "sortBy");
            sortBy.ifPresent(Values::checkSortBy);
            Objects.requireNonNull(output, "output");
        }

        @Override
        public String render() {
            return "kubectl get " + kind + name.map(n -> " " + n).orElse("")
                    + namespace.map(ns -> " -n " + ns).orElse(Kinds.clusterScoped(kind) ? "" : " -A")
                    + Values.renderSelector(selector) + fieldSelector.map(f -> " --field-selector " + f).orElse("")
                    + sortBy.map(b -> " --sort-by=" + b).orElse("") + output.flag();
        }
    }

    /** How {@code kubectl get} prints. */
    enum Output {
        /** The default table. */
        DEFAULT(""),
        /** {@code -o wide}. */
        WIDE(" -o wide"),
        /** {@code -o yaml}. */
        YAML(" -o yaml"),
        /** {@code -o json}. */
        JSON(" -o json"),
        /** {@code -o name}. */
        NAME(" -o name");

        private final String flag;

        Output(String flag) {
            this.flag = flag;
        }

        /** The flag as written, with a leading space, or empty. */
        public String flag() {
            return flag;
        }
    }

    /**
     * {@code kubectl describe KIND [NAME] [-n NS | -A] [-l SELECTOR]}.
     *
     * @param kind the canonical plural
     * @param namespace the namespace; empty for every namespace or a cluster-scoped kind
     * @param name the object, when one is named
     * @param selector the label selector, if any
     */
    record Describe(String kind, Optional<String> namespace, Optional<String> name, Map<String, String> selector)
            implements Command {
        /** Validates the parts. */
        public Describe {
            Values.checkKind(kind);
            Objects.requireNonNull(namespace, "namespace");
            namespace.ifPresent(Values::checkNamespace);
            Objects.requireNonNull(name, "name");
            name.ifPresent(n -> Values.checkName(kind, n));
            selector = Values.checkSelector(selector);
        }

        @Override
        public String render() {
            return "kubectl describe " + kind + name.map(n -> " " + n).orElse("")
                    + namespace.map(ns -> " -n " + ns).orElse(Kinds.clusterScoped(kind) ? "" : " -A") + Values.renderSelector(selector);
        }
    }

    /**
     * {@code kubectl logs POD|KIND/NAME -n NS [-c CONTAINER] [--previous] [--tail=N] [--since=D] [| grep PATTERN]}: the log
     * of one pod, or of a pod of a workload ({@code deployment/x}, {@code job/x}).
     *
     * @param pod the pod's name, or {@code kind/name} of a workload
     */
    record PodLogs(String namespace, String pod, Optional<String> container, boolean previous, OptionalInt tail,
                   Optional<Duration> since, Optional<String> grep) implements Command {
        /** Validates the parts. */
        public PodLogs {
            Values.checkNamespace(namespace);
            Values.checkPodOrWorkload(pod);
            Objects.requireNonNull(container, "container");
            container.ifPresent(c -> Values.checkName("container", c));
            Objects.requireNonNull(tail, "tail");
            Values.checkTail(tail);
            Objects.requireNonNull(since, "since");
            since.ifPresent(d -> {
                if (d.isNegative() || d.isZero()) {
                    throw ValidationException.of("since", d, "must be positive");
                }
            });
            Objects.requireNonNull(grep, "grep");
            grep.ifPresent(Values::checkGrepPattern);
        }

        @Override
        public String render() {
            return "kubectl logs " + pod + " -n " + namespace + container.map(c -> " -c " + c).orElse("")
                    + (previous ? " --previous" : "") + (tail.isPresent() ? " --tail=" + tail.getAsInt() : "")
                    + since.map(d -> " --since=" + Durations.format(d)).orElse("")
                    + grep.map(p -> " | grep " + (p.startsWith("-") ? "-e " : "") + Values.quote(p)).orElse("");
        }
    }

    /**
     * {@code kubectl top pods [NAME] [-n NS | -A] [-l SELECTOR] [--containers]} or {@code kubectl top nodes [NAME]}.
     *
     * @param nodes whether nodes rather than pods
     * @param namespace the pods' namespace; empty for every namespace (and for nodes)
     * @param name one pod or node, if named
     * @param selector the label selector, if any
     * @param containers whether usage is shown per container
     */
    record Top(boolean nodes, Optional<String> namespace, Optional<String> name, Map<String, String> selector, boolean containers)
            implements Command {
        /** Validates the parts. */
        public Top {
            Objects.requireNonNull(namespace, "namespace");
            namespace.ifPresent(Values::checkNamespace);
            Objects.requireNonNull(name, "name");
            name.ifPresent(n -> Values.checkName(nodes ? "node" : "pod", n));
            selector = Values.checkSelector(selector);
        }

        @Override
        public String render() {
            return "kubectl top " + (nodes ? "nodes" : "pods") + name.map(n -> " " + n).orElse("")
                    + (nodes ? "" : namespace.map(ns -> " -n " + ns).orElse(" -A")) + Values.renderSelector(selector)
                    + (containers ? " --containers" : "");
        }
    }

    /** {@code kubectl cordon NODE}: marks a node unschedulable. */
    record Cordon(String node) implements Command {
        /** Validates the node's name. */
        public Cordon {
            Values.checkName("node", node);
        }

        @Override
        public String render() {
            return "kubectl cordon " + node;
        }

        @Override
        public boolean mutating() {
            return true;
        }
    }

    /** {@code kubectl uncordon NODE}: marks a node schedulable again. */
    record Uncordon(String node) implements Command {
        /** Validates the node's name. */
        public Uncordon {
            Values.checkName("node", node);
        }

        @Override
        public String render() {
            return "kubectl uncordon " + node;
        }

        @Override
        public boolean mutating() {
            return true;
        }
    }

    /**
     * {@code kubectl drain NODE [--ignore-daemonsets] [--delete-emptydir-data] [--force] [--grace-period=S] [--timeout=D]}:
     * cordons the node and evicts its pods.
     *
     * @param ignoreDaemonSets leave daemon set pods (else a node running them is not drained)
     * @param deleteEmptyDirData evict pods with emptyDir volumes, losing that data
     * @param force evict pods no controller manages
     * @param gracePeriod each pod's grace period, if given
     * @param timeout how long to wait for the evictions, if given
     */
    record Drain(String node, boolean ignoreDaemonSets, boolean deleteEmptyDirData, boolean force, Optional<Duration> gracePeriod,
                 Optional<Duration> timeout) implements Command {
        /** Validates the parts. */
        public Drain {
            Values.checkName("node", node);
            Objects.requireNonNull(gracePeriod, "gracePeriod");
            Objects.requireNonNull(timeout, "timeout");
        }

        @Override
        public String render() {
            return "kubectl drain " + node + (ignoreDaemonSets ? " --ignore-daemonsets" : "")
                    + (deleteEmptyDirData ? " --delete-emptydir-data" : "") + (force ? " --force" : "")
                    + gracePeriod.map(d -> " --grace-period=" + d.toSeconds()).orElse("")
                    + timeout.map(d -> " --timeout=" + Durations.format(d)).orElse("");
        }

        @Override
        public boolean mutating() {
            return true;
        }
    }

    /**
     * A PromQL query read from a runbook's {@code promql} block, asked of the
     * {@link io.github.incident4j.spi.MetricsSource} with the query as the metric name.
     *
     * @param promql the query, variables bound
     */
    record Query(String promql) implements Command {
        /** Validates the query's text. */
        public Query {
            if (promql.isBlank() || promql.length() > Values.MAX_QUERY_LENGTH) {
                throw ValidationException.of("promql", promql.length() > 80 ? promql.substring(0, 80) + "..." : promql,
                        "must be 1 to " + Values.MAX_QUERY_LENGTH + " characters");
            }
        }

        @Override
        public String render() {
            return promql;
        }
    }

    /**
     * A command incident4j does not run: kept verbatim for the operator.
     *
     * @param text the command line as written (with variables bound)
     * @param reason why it is not run, when there is more to say than that it is not understood ({@code -f} follows a
     *     log without end), else empty
     */
    record Manual(String text, String reason) implements Command {
        /** Validates the text. */
        public Manual {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(reason, "reason");
        }

        /** A command not understood. */
        public Manual(String text) {
            this(text, "");
        }

        @Override
        public String render() {
            return text;
        }
    }
}
