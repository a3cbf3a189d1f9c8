package io.github.incident4j.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.common.Condition;
import io.github.incident4j.common.Quantity;
import io.github.incident4j.runbook.AlertRule;
import io.github.incident4j.runbook.Bindings;
import io.github.incident4j.runbook.Command;
import io.github.incident4j.runbook.DiagnosisStep;
import io.github.incident4j.runbook.Mitigation;
import io.github.incident4j.runbook.RecoveryCriterion;
import io.github.incident4j.runbook.Runbook;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RunbookMarkdownSeedTest {

    static String seed() {
        try (InputStream in = RunbookMarkdownSeedTest.class.getResourceAsStream("/seed/runbook-template.md")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private final Runbook seed = RunbookMarkdown.parse(seed());

    @Test
    @DisplayName("the seed's title, service, owner and three-step escalation path are read")
    void overview() {
        assertThat(seed.title()).isEqualTo("Service Name");
        assertThat(seed.issueType()).isEqualTo("Issue Type");
        assertThat(seed.service()).isEqualTo("service-name");
        assertThat(seed.owner()).isEqualTo("team-name");
        assertThat(seed.escalationPath()).containsExactly("#incident-channel", "on-call", "engineering-lead");
        assertThat(seed.namespace()).isEmpty();
        assertThat(seed.defaultNamespace()).isEqualTo("production");
        assertThat(seed.notes()).isEmpty();
        assertThat(seed.extraSections()).isEmpty();
    }

    @Test
    @DisplayName("the seed's alert carries its parsed condition and the dashboard is kept")
    void detection() {
        assertThat(seed.alerts()).containsExactly(new AlertRule("ServiceHighErrorRate", "error rate > 5% for 5m"));
        Condition c = seed.alerts().get(0).condition().orElseThrow();
        assertThat(c.metricKey()).isEqualTo("error rate");
        assertThat(c.comparator()).isEqualTo(Condition.Comparator.GREATER);
        assertThat(c.threshold()).isEqualTo(Quantity.percent(5));
        assertThat(c.sustain()).contains(Duration.ofMinutes(5));
        assertThat(seed.dashboards()).containsExactly("https://grafana.internal/d/service-overview");
    }

    @Test
    @DisplayName("the seed's four diagnosis steps hold six commands, three of them dependency sub-steps")
    void diagnosis() {
        assertThat(seed.diagnosis()).containsExactly(
                DiagnosisStep.of("Check service health", "kubectl get pods -n production -l app=service-name"),
                DiagnosisStep.of("Check recent deployments", "kubectl rollout history deployment/service-name"),
                DiagnosisStep.of("Check error logs", "kubectl logs -n production -l app=service-name --since=10m | grep ERROR"),
                DiagnosisStep.of("Check dependencies",
                        DiagnosisStep.of("Database", "pg_isready -h db-host"),
                        DiagnosisStep.of("Redis", "redis-cli -h redis-host ping"),
                        DiagnosisStep.of("Upstream API", "curl -s -o /dev/null -w \"%{http_code}\" https://upstream/health")));
        String ns = seed.defaultNamespace();
        List<Command> commands = seed.commandTemplates().subList(0, 6).stream()
                .map(t -> Command.bind(t, Bindings.empty(), ns)).toList();
        assertThat(commands).containsExactly(
                new Command.ListPods("production", Map.of("app", "service-name")),
                new Command.RolloutHistory("production", "service-name"),
                new Command.Logs("production", Map.of("app", "service-name"), Optional.of(Duration.ofMinutes(10)), Optional.of("ERROR")),
                new Command.PostgresReady("db-host", 5432),
                new Command.RedisPing("redis-host", 6379),
                new Command.HttpStatus(URI.create("https://upstream/health")));
    }

    @Test
    @DisplayName("the seed's three mitigations keep their conditions and four commands")
    void mitigations() {
        assertThat(seed.mitigations()).containsExactly(
                Mitigation.of("Rollback deployment",
                        "kubectl rollout undo deployment/service-name -n production",
                        "kubectl rollout status deployment/service-name -n production"),
                Mitigation.when("Scale up", "load-related", "kubectl scale deployment/service-name --replicas=6 -n production"),
                Mitigation.when("Restart pods", "memory leak suspected", "kubectl rollout restart deployment/service-name -n production"));
        assertThat(seed.commandTemplates()).hasSize(10);
        List<Command> commands = seed.commandTemplates().subList(6, 10).stream()
                .map(t -> Command.bind(t, Bindings.empty(), "default")).toList();
        assertThat(commands).containsExactly(
                new Command.RolloutUndo("production", "service-name", OptionalLong.empty()),
                new Command.RolloutStatus("production", "service-name", Optional.empty()),
                new Command.Scale("production", "service-name", 6),
                new Command.RolloutRestart("production", "service-name"));
    }

    @Test
    @DisplayName("the seed's four recovery criteria are read, with two metric conditions, a log check and the 15-minute hold")
    void recovery() {
        assertThat(seed.recovery()).extracting(RecoveryCriterion::text).containsExactly(
                "Error rate returns to baseline (< 0.1%)",
                "Latency p99 returns to baseline (< 500ms)",
                "No new error log entries",
                "Confirm in dashboard for 15 minutes");
        assertThat(seed.recovery()).extracting(RecoveryCriterion::kind).containsExactly(
                RecoveryCriterion.Kind.METRIC, RecoveryCriterion.Kind.METRIC,
                RecoveryCriterion.Kind.NO_NEW_ERROR_LOGS, RecoveryCriterion.Kind.HOLD);
        assertThat(seed.recovery().get(0).condition()).contains(Condition.of("Error rate", Condition.Comparator.LESS, Quantity.percent(0.1)));
        assertThat(seed.recovery().get(1).condition()).contains(Condition.of("Latency p99", Condition.Comparator.LESS, Quantity.millis(500)));
        assertThat(seed.holdDuration()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    @DisplayName("rendering the parsed seed reproduces the seed text, and reading it again gives the same runbook")
    void rendersBack() {
        String rendered = RunbookMarkdown.render(seed);
        assertThat(stripTrailing(rendered)).isEqualTo(stripTrailing(seed()));
        assertThat(RunbookMarkdown.parse(rendered)).isEqualTo(seed);
    }

    static String stripTrailing(String text) {
        return text.lines().map(String::stripTrailing).reduce((a, b) -> a + "\n" + b).orElse("").stripTrailing();
    }
}
