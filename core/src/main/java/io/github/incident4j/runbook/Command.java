package io.github.incident4j.runbook;

import io.github.incident4j.ValidationException;
import io.github.incident4j.common.Durations;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
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

    /** {@code kubectl rollout history deployment/NAME -n NS}. */
    record RolloutHistory(String namespace, String deployment) implements Command {
        /** Validates the parts. */
        public RolloutHistory {
            Values.checkNamespace(namespace);
            Values.checkName("deployment", deployment);
        }

        @Override
        public String render() {
            return "kubectl rollout history deployment/" + deployment + " -n " + namespace;
        }
    }

    /**
     * {@code kubectl logs -n NS -l SELECTOR --since=10m | grep PATTERN}.
     *
     * @param since how far back, if limited
     * @param grep the plain-text line filter of a following {@code | grep PATTERN}, if any
     */
    record Logs(String namespace, Map<String, String> selector, Optional<Duration> since, Optional<String> grep)
            implements Command {
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
        }

        @Override
        public String render() {
            return "kubectl logs -n " + namespace + Values.renderSelector(selector)
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

    /** {@code kubectl rollout status deployment/NAME -n NS [--timeout=5m]}. */
    record RolloutStatus(String namespace, String deployment, Optional<Duration> timeout) implements Command {
        /** Validates the parts. */
        public RolloutStatus {
            Values.checkNamespace(namespace);
            Values.checkName("deployment", deployment);
            Objects.requireNonNull(timeout, "timeout");
        }

        @Override
        public String render() {
            return "kubectl rollout status deployment/" + deployment + " -n " + namespace
                    + timeout.map(d -> " --timeout=" + Durations.format(d)).orElse("");
        }
    }

    /** {@code kubectl scale deployment/NAME --replicas=N -n NS}. */
    record Scale(String namespace, String deployment, int replicas) implements Command {
        /** Validates the parts. */
        public Scale {
            Values.checkNamespace(namespace);
            Values.checkName("deployment", deployment);
            if (replicas < 0 || replicas > Values.MAX_REPLICAS) {
                throw ValidationException.of("replicas", replicas, "must be between 0 and " + Values.MAX_REPLICAS);
            }
        }

        @Override
        public String render() {
            return "kubectl scale deployment/" + deployment + " --replicas=" + replicas + " -n " + namespace;
        }

        @Override
        public boolean mutating() {
            return true;
        }
    }

    /** {@code kubectl rollout restart deployment/NAME -n NS}. */
    record RolloutRestart(String namespace, String deployment) implements Command {
        /** Validates the parts. */
        public RolloutRestart {
            Values.checkNamespace(namespace);
            Values.checkName("deployment", deployment);
        }

        @Override
        public String render() {
            return "kubectl rollout restart deployment/" + deployment + " -n " + namespace;
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
     * A command incident4j does not run: kept verbatim for the operator.
     *
     * @param text the command line as written (with variables bound)
     */
    record Manual(String text) implements Command {
        /** Validates the text. */
        public Manual {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public String render() {
            return text;
        }
    }
}
