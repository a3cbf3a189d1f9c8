package io.github.incident4j.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incident4j.ValidationException;
import io.github.incident4j.format.internal.YamlNode;
import io.github.incident4j.format.internal.YamlTree;
import io.github.incident4j.runbook.Runbook;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PrometheusRulesTest {

    static final String ERROR_RATE = "100 * sum(rate(http_requests_total{job=\"svc\",code=~\"5..\"}[5m])) / sum(rate(http_requests_total{job=\"svc\"}[5m]))";

    static String text(YamlNode node, String... path) {
        YamlNode n = node;
        for (String p : path) {
            if (p.matches("\\d+")) {
                n = ((YamlNode.Sequence) n).items().get(Integer.parseInt(p));
            } else {
                n = ((YamlNode.Mapping) n).get(p).orElseThrow(() -> new AssertionError("no " + p));
            }
        }
        return ((YamlNode.Scalar) n).text();
    }

    @Test
    @DisplayName("the seed's alert becomes a rule with its PromQL, threshold, for, severity and runbook_url")
    void seedAlert() {
        Runbook seed = RunbookMarkdown.parse(RunbookMarkdownSeedTest.seed());
        String yaml = PrometheusRules.render(seed, "https://runbooks.internal/service-name", Map.of("Error Rate", ERROR_RATE));
        YamlNode root = YamlTree.parse(yaml);
        assertThat(text(root, "groups", "0", "name")).isEqualTo("service-name-runbook");
        assertThat(text(root, "groups", "0", "rules", "0", "alert")).isEqualTo("ServiceHighErrorRate");
        assertThat(text(root, "groups", "0", "rules", "0", "expr")).isEqualTo("(" + ERROR_RATE + ") > 5");
        assertThat(text(root, "groups", "0", "rules", "0", "for")).isEqualTo("5m");
        assertThat(text(root, "groups", "0", "rules", "0", "labels", "severity")).isEqualTo("critical");
        assertThat(text(root, "groups", "0", "rules", "0", "labels", "service")).isEqualTo("service-name");
        assertThat(text(root, "groups", "0", "rules", "0", "annotations", "runbook_url")).isEqualTo("https://runbooks.internal/service-name");
    }

    @Test
    @DisplayName("time thresholds are written in seconds and a condition without sustain has no for")
    void secondsAndNoFor() {
        Runbook r = Runbook.forService("svc").alert("SlowRequests", "latency p99 > 500ms").build();
        String yaml = PrometheusRules.render(r, "https://r/svc", Map.of("latency p99", "histogram_quantile(0.99, x)"), "page");
        YamlNode rule = ((YamlNode.Sequence) ((YamlNode.Mapping) ((YamlNode.Sequence) ((YamlNode.Mapping) YamlTree.parse(yaml))
                .get("groups").orElseThrow()).items().get(0)).get("rules").orElseThrow()).items().get(0);
        assertThat(text(rule, "expr")).isEqualTo("(histogram_quantile(0.99, x)) > 0.5");
        assertThat(((YamlNode.Mapping) rule).get("for")).isEmpty();
        assertThat(text(rule, "labels", "severity")).isEqualTo("page");
    }

    @Test
    @DisplayName("alerts without a condition or without PromQL are all named at once")
    void missing() {
        Runbook r = Runbook.forService("svc").alert("A", "things are bad").alert("B", "error rate > 1%").build();
        assertThatThrownBy(() -> PrometheusRules.render(r, "https://r/svc", Map.of()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems()).hasSize(2))
                .hasMessageContaining("alert 'A' has no readable condition").hasMessageContaining("no PromQL");
    }
}
