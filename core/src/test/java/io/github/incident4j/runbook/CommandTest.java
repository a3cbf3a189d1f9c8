package io.github.incident4j.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incident4j.ValidationException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandTest {

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(strings = {"0085", "2028", "2029"})
    @DisplayName("NEL, LS and PS do not separate words, as they do not in a shell: such a command is kept as manual")
    void lineSeparatorsInsideAWord(String codePoint) {
        String separator = Character.toString(Integer.parseInt(codePoint, 16));
        String text = "kubectl rollout" + separator + "undo deployment/x -n prod";

        assertThat(Command.parse(text, "default")).isEqualTo(new Command.Manual(text));
        assertThat(Command.parse("kubectl rollout undo deployment/x -n prod", "default"))
                .isEqualTo(new Command.RolloutUndo("prod", "x", OptionalLong.empty()));
    }

    @Test
    @DisplayName("every kubectl form the runbooks use is read into its typed operation")
    void kubectlForms() {
        assertThat(Command.parse("kubectl get pods --namespace=staging --selector app=x,tier=web", "default"))
                .isEqualTo(new Command.ListPods("staging", Map.of("app", "x", "tier", "web")));
        assertThat(Command.parse("kubectl get pods", "prod")).isEqualTo(new Command.ListPods("prod", Map.of()));
        assertThat(Command.parse("kubectl rollout history deploy/x", "prod")).isEqualTo(new Command.RolloutHistory("prod", "x"));
        assertThat(Command.parse("kubectl logs -l app=x --since 1h | grep 'payment failed'", "prod"))
                .isEqualTo(new Command.Logs("prod", Map.of("app", "x"), Optional.of(Duration.ofHours(1)), Optional.of("payment failed")));
        assertThat(Command.parse("kubectl rollout undo deployment x --to-revision=3 -n prod", "default"))
                .isEqualTo(new Command.RolloutUndo("prod", "x", OptionalLong.of(3)));
        assertThat(Command.parse("kubectl rollout status deployment/x -n prod --timeout=2m", "default"))
                .isEqualTo(new Command.RolloutStatus("prod", "x", Optional.of(Duration.ofMinutes(2))));
        assertThat(Command.parse("kubectl scale --replicas 4 deployment/x", "prod")).isEqualTo(new Command.Scale("prod", "x", 4));
        assertThat(Command.parse("kubectl rollout restart deployment/x -n prod", "d")).isEqualTo(new Command.RolloutRestart("prod", "x"));
        assertThat(Command.parse("kubectl delete pod x-1 x-2 -n prod", "d"))
                .isEqualTo(new Command.DeletePods("prod", List.of("x-1", "x-2"), Map.of(), Optional.empty()));
        assertThat(Command.parse("kubectl delete pods -l app=x --force -n prod", "d"))
                .isEqualTo(new Command.DeletePods("prod", List.of(), Map.of("app", "x"), Optional.of(Duration.ZERO)));
    }

    @Test
    @DisplayName("the probes are read with their default ports, and curl only when it asks for the status code")
    void probes() {
        assertThat(Command.parse("pg_isready -h db-host -p 6432", "d")).isEqualTo(new Command.PostgresReady("db-host", 6432));
        assertThat(Command.parse("redis-cli -h 10.0.0.7 PING", "d")).isEqualTo(new Command.RedisPing("10.0.0.7", 6379));
        assertThat(Command.parse("curl -sS --output /dev/null --write-out '%{http_code}' http://api:8080/health", "d"))
                .isEqualTo(new Command.HttpStatus(URI.create("http://api:8080/health")));
        assertThat(Command.parse("curl https://upstream/health", "d")).isEqualTo(new Command.Manual("curl https://upstream/health"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "kubectl exec -it pod -- sh",
        "kubectl get pods -n prod -o jsonpath='{.items[0].metadata.name}'",
        "kubectl get deployments --context prod",
        "kubectl rollout undo daemonset/x",
        "kubectl scale daemonset/x --replicas=2",
        "kubectl delete deployment x",
        "kubectl get pods,services",
        "kubectl get pods -n $(cat ns)",
        "kubectl get pods -n `cat ns`",
        "kubectl apply -f - <<EOF",
        "oc adm prune images --confirm",
        "kubectl logs -l app=x | grep ERROR | wc -l",
        "kubectl get pods -l app!=x",
        "redis-cli -h r flushall",
        "pg_isready -h db; rm -rf /",
        "kubectl get pods && reboot",
        "systemctl restart nginx",
        "echo 'unterminated",
    })
    @DisplayName("anything not fully understood is kept verbatim as a manual step")
    void manual(String line) {
        assertThat(Command.parse(line, "default")).isEqualTo(new Command.Manual(line));
    }

    @Test
    @DisplayName("a literal value that breaks its grammar is refused even without variables")
    void literalGrammar() {
        assertThatThrownBy(() -> Command.parse("kubectl get pods -n Production", "d"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("namespace").hasMessageContaining("Production");
        assertThatThrownBy(() -> Command.parse("curl -s -w \"%{http_code}\" http://h/a/../../etc/passwd", "d"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("path traversal");
        assertThatThrownBy(() -> Command.parse("redis-cli -h r -p 70000 ping", "d"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("port");
    }

    @Property
    @Label("every typed command renders to a line that reads back to an equal command")
    void renderRoundTrip(@ForAll("commands") Command command) {
        assertThat(Command.parse(command.render(), "elsewhere")).isEqualTo(command);
    }

    @Provide
    Arbitrary<Command> commands() {
        Arbitrary<String> name = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789").ofMinLength(1).ofMaxLength(12)
                .map(s -> "a" + s);
        Arbitrary<String> dotted = Combinators.combine(name, name).as((a, b) -> a + "." + b);
        Arbitrary<Map<String, String>> selector = Arbitraries.maps(name, name).ofMinSize(1).ofMaxSize(3);
        Arbitrary<Optional<Duration>> duration = Arbitraries.integers().between(1, 500).map(Duration::ofMinutes).optional();
        Arbitrary<String> grep = Arbitraries.strings().withChars("abcXYZ 019_-'\"[]*").ofMinLength(1).ofMaxLength(10);
        Arbitrary<String> host = Arbitraries.oneOf(name, dotted, Arbitraries.just("10.1.2.3"));
        Arbitrary<Integer> port = Arbitraries.integers().between(1, 65535);
        return Arbitraries.oneOf(
                Combinators.combine(name, selector).as(Command.ListPods::new),
                Combinators.combine(name, Arbitraries.oneOf(name, dotted)).as(Command.RolloutHistory::new),
                Combinators.combine(name, selector, duration, grep.optional()).as(Command.Logs::new),
                Combinators.combine(name, name, Arbitraries.longs().between(1, 99).optional())
                        .as((n, d, r) -> new Command.RolloutUndo(n, d, r.map(OptionalLong::of).orElse(OptionalLong.empty()))),
                Combinators.combine(name, name, duration).as(Command.RolloutStatus::new),
                Combinators.combine(name, name, Arbitraries.integers().between(0, 100)).as(Command.Scale::new),
                Combinators.combine(name, name).as(Command.RolloutRestart::new),
                Combinators.combine(name, name.list().ofMinSize(1).ofMaxSize(3))
                        .as((n, pods) -> new Command.DeletePods(n, pods, Map.of(), Optional.empty())),
                Combinators.combine(name, selector, Arbitraries.longs().between(0, 60).map(Duration::ofSeconds).optional())
                        .as((n, s, g) -> new Command.DeletePods(n, List.of(), s, g)),
                Combinators.combine(name, name, Arbitraries.of("deployment", "daemonset", "statefulset"))
                        .as(Command.RolloutRestart::new),
                Combinators.combine(name, name, duration, Arbitraries.of("deployment", "daemonset", "statefulset"))
                        .as(Command.RolloutStatus::new),
                Combinators.combine(name, name, Arbitraries.integers().between(0, 100), Arbitraries.of("deployment", "statefulset", "replicaset"))
                        .as(Command.Scale::new),
                Combinators.combine(Arbitraries.of("deployments", "nodes", "events", "clusteroperators", "pods", "orders.acme.cert-manager.io"),
                                name.optional(), name.optional(), selector.injectNull(0.5),
                                Arbitraries.of("status.phase!=Running", "reason=Evicted", "spec.nodeName=n1").optional(),
                                Arbitraries.of(".lastTimestamp", ".metadata.creationTimestamp").optional(),
                                Arbitraries.of(Command.Output.values()))
                        .as((k, ns, n, sel, f, sort, o) -> new Command.Get(k, io.github.incident4j.runbook.Kinds.clusterScoped(k) ? Optional.empty() : ns,
                                n, sel == null ? Map.of() : sel, f, sort, o))
                        .filter(g -> !(g.kind().equals("pods") && g.name().isEmpty() && g.namespace().isPresent()
                                && g.fieldSelector().isEmpty() && g.sortBy().isEmpty()
                                && (g.output() == Command.Output.DEFAULT || g.output() == Command.Output.WIDE))),
                Combinators.combine(Arbitraries.of("pods", "nodes", "virtualmachineinstances"), name.optional(), name.optional(),
                                selector.injectNull(0.5))
                        .as((k, ns, n, sel) -> new Command.Describe(k, io.github.incident4j.runbook.Kinds.clusterScoped(k) ? Optional.empty() : ns,
                                n, sel == null ? Map.of() : sel)),
                Combinators.combine(name, Arbitraries.oneOf(name, name.map(n -> "deployment/" + n), name.map(n -> "job/" + n)),
                                name.optional(), Arbitraries.of(true, false), Arbitraries.integers().between(0, 5000).optional(),
                                duration, grep.optional())
                        .as((ns, pod, c, prev, tail, since, g) -> new Command.PodLogs(ns, pod, c, prev,
                                tail.map(java.util.OptionalInt::of).orElse(java.util.OptionalInt.empty()), since, g)),
                Combinators.combine(name, selector, duration, grep.optional(), name.optional(), Arbitraries.of(true, false),
                                Arbitraries.integers().between(0, 5000).optional())
                        .as((ns, sel, since, g, c, prev, tail) -> new Command.Logs(ns, sel, since, g, c, prev,
                                tail.map(java.util.OptionalInt::of).orElse(java.util.OptionalInt.empty()))),
                Combinators.combine(Arbitraries.of(true, false), name.optional(), name.optional(), selector.injectNull(0.5),
                                Arbitraries.of(true, false))
                        .as((nodes, ns, n, sel, c) -> new Command.Top(nodes, nodes ? Optional.empty() : ns, n,
                                sel == null ? Map.of() : sel, c)),
                name.map(Command.Cordon::new),
                name.map(Command.Uncordon::new),
                Combinators.combine(name, Arbitraries.of(true, false), Arbitraries.of(true, false), Arbitraries.of(true, false),
                                Arbitraries.longs().between(0, 600).map(Duration::ofSeconds).optional(), duration)
                        .as(Command.Drain::new),
                Combinators.combine(host, port).as(Command.PostgresReady::new),
                Combinators.combine(host, port).as(Command.RedisPing::new),
                Combinators.combine(Arbitraries.of("http", "https"), host, name)
                        .as((s, h, p) -> new Command.HttpStatus(URI.create(s + "://" + h + "/" + p))));
    }
}
