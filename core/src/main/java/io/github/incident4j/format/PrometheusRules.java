package io.github.incident4j.format;

import io.github.incident4j.common.Condition;
import io.github.incident4j.common.Durations;
import io.github.incident4j.common.Problems;
import io.github.incident4j.common.Quantity;
import io.github.incident4j.format.internal.YamlWriters;
import io.github.incident4j.runbook.AlertRule;
import io.github.incident4j.runbook.Runbook;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Exports a runbook's detection alerts as a Prometheus alerting rule group, each rule carrying a
 * {@code runbook_url} annotation, {@code for:} from the condition's sustain and a {@code severity} label.
 *
 * <pre>{@code
 * String yaml = PrometheusRules.render(runbook, "https://runbooks.internal/payment-service",
 *         Map.of("error rate", "100 * sum(rate(http_requests_total{job=\"payment\",code=~\"5..\"}[5m]))"
 *                 + " / sum(rate(http_requests_total{job=\"payment\"}[5m]))"));
 * // groups:
 * // - name: payment-service-runbook
 * //   rules:
 * //   - alert: PaymentHighErrorRate
 * //     expr: (100 * sum(...) / sum(...)) > 5
 * //     for: 5m
 * //     labels: {severity: critical, service: payment-service}
 * //     annotations: {summary: ..., runbook_url: https://runbooks.internal/payment-service}
 * }</pre>
 *
 * <p>The PromQL for a metric must yield the condition's unit in its base: percent as 0 to 100, times in
 * seconds (Prometheus' convention), counts as they are; the threshold is written the same way
 * ({@code 500ms} becomes {@code 0.5}).
 */
public final class PrometheusRules {

    /** The severity label when none is given. */
    public static final String DEFAULT_SEVERITY = "critical";


    private PrometheusRules() {
    }

    /** The rule group with severity {@value #DEFAULT_SEVERITY}. */
    public static String render(Runbook runbook, String runbookUrl, Map<String, String> promqlByMetric) {
        return render(runbook, runbookUrl, promqlByMetric, DEFAULT_SEVERITY);
    }

    /**
     * The rule group.
     *
     * @param runbookUrl where the runbook is published (the {@code runbook_url} annotation)
     * @param promqlByMetric PromQL per condition metric key ({@code error rate})
     * @param severity the {@code severity} label
     * @throws io.github.incident4j.ValidationException naming every alert without a readable condition or a PromQL mapping
     */
    public static String render(Runbook runbook, String runbookUrl, Map<String, String> promqlByMetric, String severity) {
        Problems problems = new Problems();
        problems.check(!runbookUrl.isBlank(), "runbookUrl", runbookUrl, "must not be blank");
        problems.check(!severity.isBlank(), "severity", severity, "must not be blank");
        problems.check(!runbook.alerts().isEmpty(), "alerts", runbook.service(), "the runbook has no detection alerts to export");
        Map<String, String> promql = new LinkedHashMap<>();
        promqlByMetric.forEach((k, v) -> promql.put(Condition.canonicalMetric(k), v));
        List<Map<String, Object>> rules = new ArrayList<>();
        for (int i = 0; i < runbook.alerts().size(); i++) {
            AlertRule alert = runbook.alerts().get(i);
            Optional<Condition> condition = alert.condition();
            if (condition.isEmpty()) {
                problems.add("alerts[" + i + "].condition", alert.conditionText(), "alert '" + alert.name() + "' has no readable condition");
                continue;
            }
            Condition c = condition.get();
            String query = promql.get(c.metricKey());
            if (query == null || query.isBlank()) {
                problems.add("promqlByMetric", c.metricKey(), "no PromQL for the metric of alert '" + alert.name() + "'");
                continue;
            }
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("alert", alert.name());
            rule.put("expr", "(" + query.strip() + ") " + c.comparator().symbol() + " " + number(c.threshold()));
            c.sustain().ifPresent(d -> rule.put("for", Durations.format(d)));
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("severity", severity);
            labels.put("service", runbook.service());
            rule.put("labels", labels);
            Map<String, String> annotations = new LinkedHashMap<>();
            annotations.put("summary", runbook.title() + ": " + alert.name() + " fires when " + c);
            annotations.put("runbook_url", runbookUrl);
            rule.put("annotations", annotations);
            rules.add(rule);
        }
        problems.throwIfAny("Prometheus rules for '" + runbook.service() + "'");
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("name", runbook.service() + "-runbook");
        group.put("rules", rules);
        return YamlWriters.write(YamlWriters.Style.ONE_LINE_MINIMAL_QUOTES, Map.of("groups", List.of(group)));
    }

    private static String number(Quantity q) {
        return BigDecimal.valueOf(q.toBase()).stripTrailingZeros().toPlainString();
    }
}
