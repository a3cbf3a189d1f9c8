package io.github.incident4j.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incident4j.format.FormatException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Alertmanager (v4) and Grafana (v1) webhook payloads in. */
class AlertmanagerWebhookTest {

    @Test
    @DisplayName("an Alertmanager v4 payload gives its group fields and every alert with labels, annotations and times")
    void alertmanager() {
        WebhookPayload p = AlertmanagerWebhook.parse(Fixtures.bytes("alertmanager-v4.json"));

        assertThat(p.source()).isEqualTo(WebhookPayload.Source.ALERTMANAGER);
        assertThat(p.status()).isEqualTo(WebhookPayload.Status.FIRING);
        assertThat(p.receiver()).isEqualTo("incident4j");
        assertThat(p.groupKey()).isEqualTo("{}/{team=\"payments\"}:{service=\"payment-service\"}");
        assertThat(p.groupLabels()).containsEntry("service", "payment-service");
        assertThat(p.externalUrl()).isEqualTo("http://alertmanager:9093");
        assertThat(p.alerts()).hasSize(2);
        WebhookPayload.Alert firing = p.alerts().get(0);
        assertThat(firing.status()).isEqualTo(WebhookPayload.Status.FIRING);
        assertThat(firing.alertName()).isEqualTo("ServiceHighErrorRate");
        assertThat(firing.annotations()).containsEntry("runbook_url", "https://runbooks.example.com/payment-service");
        assertThat(firing.startsAt()).isEqualTo(Instant.parse("2026-03-02T09:00:00.123456789Z"));
        assertThat(firing.endsAt()).isEmpty();
        assertThat(firing.fingerprint()).isEqualTo("5f2a0c6e9d31b4a7");
        assertThat(firing.generatorUrl()).hasValueSatisfying(u -> assertThat(u).startsWith("http://prometheus:9090/graph"));
        WebhookPayload.Alert resolved = p.alerts().get(1);
        assertThat(resolved.status()).isEqualTo(WebhookPayload.Status.RESOLVED);
        assertThat(resolved.endsAt()).contains(Instant.parse("2026-03-02T07:58:30Z"));
        assertThat(resolved.generatorUrl()).isEmpty();
        assertThat(p.orgId()).isEmpty();
    }

    @Test
    @DisplayName("a Grafana payload is recognised by version 1 and orgId, with its own links and value string")
    void grafana() {
        WebhookPayload p = AlertmanagerWebhook.parse(Fixtures.text("grafana-webhook.json"));

        assertThat(p.source()).isEqualTo(WebhookPayload.Source.GRAFANA);
        assertThat(p.orgId()).hasValue(1);
        assertThat(p.title()).contains("[FIRING:1] Checkout queue depth (payments)");
        WebhookPayload.Alert a = p.alerts().get(0);
        assertThat(a.dashboardUrl()).contains("https://grafana.example.com/d/checkout");
        assertThat(a.panelUrl()).contains("https://grafana.example.com/d/checkout?viewPanel=4");
        assertThat(a.silenceUrl()).isPresent();
        assertThat(a.valueString()).contains("[ var='A' labels={} value=1312.5 ]");
        assertThat(a.startsAt()).isEqualTo(Instant.parse("2026-03-02T09:15:00Z"));
    }

    @Test
    @DisplayName("every problem of a bad payload is reported at once, each naming its field, line and column")
    void everyProblem() {
        String bad = """
                {
                  "version": "4",
                  "status": "burning",
                  "alerts": [
                    {"status": "firing", "labels": {"alertname": 7}, "startsAt": "yesterday"},
                    {"labels": {}, "startsAt": "2026-03-02T09:00:00Z", "endsAt": 5},
                    "not an alert"
                  ]
                }
                """;
        assertThatThrownBy(() -> AlertmanagerWebhook.parse(bad)).isInstanceOfSatisfying(FormatException.class, e -> {
            assertThat(e.problems()).extracting(FormatException.Problem::toString).containsExactly(
                    "line 3, column 13: status: expected 'firing' or 'resolved', but was 'burning'",
                    "line 5, column 50: alerts[0].labels.alertname: expected a string, but found the number 7",
                    "line 5, column 66: alerts[0].startsAt: expected an RFC 3339 time such as 2026-03-02T09:00:00Z, but was 'yesterday'",
                    "line 6, column 5: alerts[1].status: missing",
                    "line 6, column 66: alerts[1].endsAt: expected an RFC 3339 time, but found the number 5",
                    "line 7, column 5: alerts[2]: expected an object, but found the string 'not an alert'");
        });
    }

    @Test
    @DisplayName("a payload without version or alerts, or of an unknown version, is refused naming the field")
    void versionAndAlerts() {
        assertThatThrownBy(() -> AlertmanagerWebhook.parse("{\"status\":\"firing\"}"))
                .hasMessageContaining("version: missing").hasMessageContaining("alerts: missing");
        assertThatThrownBy(() -> AlertmanagerWebhook.parse("{\"version\":\"5\",\"status\":\"firing\",\"alerts\":[]}"))
                .hasMessageContaining("unsupported payload version '5'");
        assertThatThrownBy(() -> AlertmanagerWebhook.parse("[1,2]")).hasMessageContaining("expected a JSON object");
    }

    @Test
    @DisplayName("malformed JSON, duplicate names, bytes that are not UTF-8 and bodies over the cap are refused with a place")
    void malformed() {
        assertThatThrownBy(() -> AlertmanagerWebhook.parse("{\"version\": \"4\",\n \"status\": }"))
                .isInstanceOfSatisfying(FormatException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.getMessage()).contains("malformed JSON");
                });
        assertThatThrownBy(() -> AlertmanagerWebhook.parse("{\"status\":\"firing\",\"status\":\"resolved\"}"))
                .hasMessageContaining("duplicate name 'status'");
        assertThatThrownBy(() -> AlertmanagerWebhook.parse(new byte[] {'{', (byte) 0xC3, '}'}))
                .hasMessageContaining("not UTF-8");
        byte[] huge = new byte[AlertmanagerWebhook.MAX_BYTES + 1];
        assertThatThrownBy(() -> AlertmanagerWebhook.parse(huge)).hasMessageContaining("over the limit of 4194304");
    }

    @Test
    @DisplayName("a missing fingerprint is computed as Alertmanager computes it (FNV-1a over the sorted labels)")
    void fingerprint() {
        assertThat(AlertmanagerWebhook.fingerprint(Map.of())).isEqualTo("cbf29ce484222325");
        assertThat(AlertmanagerWebhook.fingerprint(Map.of("b", "2", "a", "1")))
                .isEqualTo(AlertmanagerWebhook.fingerprint(new java.util.LinkedHashMap<>(Map.of("a", "1", "b", "2"))))
                .isNotEqualTo(AlertmanagerWebhook.fingerprint(Map.of("a", "2", "b", "1")));
        WebhookPayload p = AlertmanagerWebhook.parse("{\"version\":\"4\",\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\","
                + "\"labels\":{\"alertname\":\"X\"},\"startsAt\":\"2026-03-02T09:00:00Z\"}]}");
        assertThat(p.alerts().get(0).fingerprint()).isEqualTo(AlertmanagerWebhook.fingerprint(Map.of("alertname", "X")))
                .hasSize(16);
    }

    @Test
    @DisplayName("a label value holding non-ASCII text is read as written")
    void unicode() {
        WebhookPayload p = AlertmanagerWebhook.parse(("{\"version\":\"4\",\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\","
                + "\"labels\":{\"alertname\":\"Zahlungsfehler \u00fcber 5% \uD83D\uDD25\"},\"startsAt\":\"2026-03-02T09:00:00Z\"}]}")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(p.alerts().get(0).alertName()).isEqualTo("Zahlungsfehler über 5% 🔥");
    }

    @Test
    @DisplayName("JSON nested deeper than 64 levels, or a huge number, is refused without a runtime exception leaking")
    void hostile() {
        assertThatThrownBy(() -> AlertmanagerWebhook.parse("[".repeat(5000) + "]".repeat(5000)))
                .isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> AlertmanagerWebhook.parse("{\"version\":\"4\",\"status\":\"firing\",\"truncatedAlerts\":1e999999999,"
                + "\"alerts\":[]}")).isInstanceOf(FormatException.class).hasMessageContaining("truncatedAlerts");
        assertThatThrownBy(() -> AlertmanagerWebhook.parse("{\"version\":\"4\",\"status\":\"firing\",\"alerts\":[],\"x\":"
                + "1" + "0".repeat(5000) + "}")).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> AlertmanagerWebhook.parse("{\"version\":\"1\",\"orgId\":1e999999999,\"status\":\"firing\","
                + "\"alerts\":[]}")).isInstanceOf(FormatException.class).hasMessageContaining("orgId: expected a whole number");
    }
}
