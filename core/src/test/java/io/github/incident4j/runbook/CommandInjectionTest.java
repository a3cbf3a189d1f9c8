package io.github.incident4j.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incident4j.ValidationException;
import io.github.incident4j.sim.VirtualTime;
import io.github.incident4j.spi.Approver;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bound values that try to smuggle shell syntax, selector terms, flags or paths are refused before any SPI is called. */
class CommandInjectionTest {

    final VirtualTime time = VirtualTime.startingAt(Instant.parse("2026-03-02T09:00:00Z"));
    final Fakes.Cluster cluster = new Fakes.Cluster(time.clock());
    final Fakes.Probe probe = new Fakes.Probe();
    final Fakes.Metrics metrics = new Fakes.Metrics();
    final Fakes.Timeline timeline = new Fakes.Timeline();
    final RunbookRunner runner = RunbookRunner.builder().timers(time).cluster(cluster).probe(probe)
            .metrics(metrics).approver(Approver.ALLOW_ALL).timeline(timeline).build();

    final Runbook runbook = Runbook.forService("payment-service")
            .diagnose("Pods", "kubectl get pods -n ${ns} -l app=${app}")
            .diagnose("Logs", "kubectl logs -n ${ns} -l app=${app} --since=10m | grep ERROR")
            .diagnose("Redis", "redis-cli -h ${redis} ping")
            .diagnose("Upstream", "curl -s -o /dev/null -w \"%{http_code}\" ${upstream}")
            .mitigation("Rollback", "kubectl rollout undo deployment/${app} -n ${ns}")
            .recovery("Error rate returns to baseline (< 0.1%)")
            .build();

    static Map<String, String> good() {
        return new java.util.HashMap<>(Map.of("ns", "production", "app", "payment-service", "redis", "redis-host",
                "upstream", "https://upstream.internal/health"));
    }

    void assertRefusedEverywhere(String variable, String value, String expectedReason) {
        Map<String, String> values = good();
        values.put(variable, value);
        Bindings bindings = Bindings.of(values);
        assertThatThrownBy(() -> runner.diagnose(runbook, bindings))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems()).anySatisfy(p -> {
                    assertThat(p.field()).contains("${" + variable + "}");
                    assertThat(p.value()).isEqualTo(value.length() > 80 ? p.value() : value);
                    assertThat(p.message()).contains(expectedReason);
                }));
        if (variable.equals("ns") || variable.equals("app")) {
            assertThatThrownBy(() -> runner.mitigate(runbook, "Rollback", bindings)).isInstanceOf(ValidationException.class);
            assertThatThrownBy(() -> runner.dryRun(runbook, "Rollback", bindings)).isInstanceOf(ValidationException.class);
        }
        assertThat(cluster.calls).isEmpty();
        assertThat(probe.calls).isEmpty();
        assertThat(metrics.calls).isEmpty();
        assertThat(timeline.events).isEmpty();
    }

    @ParameterizedTest(name = "namespace {0}")
    @ValueSource(strings = {"prod;rm -rf /", "prod$(reboot)", "prod`id`", "prod\nkubectl delete ns prod", "prod && id", "prod|sh"})
    @DisplayName("shell metacharacters, command substitution, backticks and newlines are refused")
    void shellMetacharacters(String value) {
        assertRefusedEverywhere("ns", value, "contains");
    }

    @Test
    @DisplayName("an extra selector term smuggled through a label value is refused")
    void selectorSmuggling() {
        assertRefusedEverywhere("app", "payment-service,tier!=x", "extra selector term");
    }

    @Test
    @DisplayName("a space that would split a value into another argument is refused")
    void spaces() {
        assertRefusedEverywhere("app", "payment-service --all-namespaces", "whitespace");
    }

    @Test
    @DisplayName("a value that would become an option is refused")
    void leadingDash() {
        assertRefusedEverywhere("redis", "--help", "option");
    }

    @Test
    @DisplayName("a value that breaks the Kubernetes name grammar is refused naming the variable")
    void grammar() {
        assertRefusedEverywhere("ns", "Production_1", "DNS label");
        assertRefusedEverywhere("app", "a".repeat(64), "at most 63");
    }

    @Test
    @DisplayName("path traversal and user information in URLs are refused")
    void urls() {
        assertRefusedEverywhere("upstream", "https://upstream.internal/health/../../admin", "path traversal");
        assertRefusedEverywhere("upstream", "https://upstream.internal/%2e%2e/admin", "path traversal");
        assertRefusedEverywhere("upstream", "https://admin:secret@upstream.internal/health", "user information");
        assertRefusedEverywhere("upstream", "file:///etc/passwd", "http or https");
    }

    @Test
    @DisplayName("an overlong value is refused")
    void overlong() {
        assertRefusedEverywhere("redis", "r".repeat(5000), "longer than");
        assertRefusedEverywhere("redis", ("a".repeat(60) + ".").repeat(5) + "a", "host");
    }

    @Test
    @DisplayName("an unbound variable is named, and nothing runs")
    void unbound() {
        Map<String, String> values = good();
        values.remove("redis");
        assertThatThrownBy(() -> runner.diagnose(runbook, Bindings.of(values)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("${redis}").hasMessageContaining("has no value");
        assertThat(cluster.calls).isEmpty();
        assertThat(probe.calls).isEmpty();
    }

    @Test
    @DisplayName("good values bind and run")
    void goodValuesRun() {
        runner.diagnose(runbook, Bindings.of(good()));
        assertThat(cluster.calls).hasSize(2);
        assertThat(probe.calls).containsExactly("redis redis-host:6379", "http https://upstream.internal/health");
        assertThat(List.copyOf(timeline.actions())).isNotEmpty();
    }
}
