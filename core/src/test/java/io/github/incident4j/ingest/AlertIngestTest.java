package io.github.incident4j.ingest;

import io.github.incident4j.stack.OutageStore;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.common.Severity;
import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.escalation.Target;
import io.github.incident4j.incident.Alert;
import io.github.incident4j.incident.Heartbeat;
import io.github.incident4j.incident.Incident;
import io.github.incident4j.incident.IncidentManager;
import io.github.incident4j.incident.IncidentStatus;
import io.github.incident4j.incident.TimelineEvent;
import io.github.incident4j.sim.RecordingPager;
import io.github.incident4j.sim.VirtualTime;
import io.github.incident4j.spi.Page;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Alerts in: webhook payloads through the routing table into the engine, with the receiver's statuses. */
class AlertIngestTest {

    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    static final EscalationPolicy BACKEND = EscalationPolicy.named("Backend On-Call")
            .level(1, Duration.ofMinutes(5), Target.person("Alice"))
            .level(2, Target.person("Bob"))
            .build();
    static final Map<String, List<String>> JSON = Map.of("Content-Type", List.of("application/json"),
            "Authorization", List.of("Bearer t0k3n"));

    private final VirtualTime time = VirtualTime.startingAt(T0);
    private final RecordingPager pager = new RecordingPager();
    private final OutageStore store = new OutageStore("connection refused");
    private final IncidentManager manager = IncidentManager.builder().timers(time).pager(pager).store(store).build();
    private final Heartbeat.Monitor watchdog = Heartbeat.named("alertmanager").expectEvery(Duration.ofMinutes(1))
            .grace(Duration.ofMinutes(1)).policy(BACKEND).build().watch(manager, time);
    private final List<Incident> resolvedCallbacks = new ArrayList<>();
    private final AlertIngest ingest = AlertIngest.builder().manager(manager)
            .routes(AlertRoutesYaml.parse(AlertRoutesYamlTest.ROUTES)).policy(BACKEND).heartbeat(watchdog)
            .bearerToken("t0k3n").onResolved(resolvedCallbacks::add).build();

    static String payload(String status, String alertStatus, String fingerprint, Map<String, String> labels,
            Map<String, String> annotations) {
        return io.github.incident4j.format.Json.write(Map.of("version", "4", "status", status, "receiver", "incident4j",
                "groupKey", "{}:{}", "alerts", List.of(Map.of("status", alertStatus, "labels", labels,
                        "annotations", annotations, "startsAt", "2026-03-02T08:55:00Z",
                        "endsAt", alertStatus.equals("resolved") ? "2026-03-02T09:20:00Z" : "0001-01-01T00:00:00Z",
                        "fingerprint", fingerprint))));
    }

    private AlertIngest.Response post(String body) {
        return ingest.handle(body.getBytes(StandardCharsets.UTF_8), JSON);
    }

    private Incident only(String key) {
        return manager.incidents().stream().filter(i -> i.dedupKey().equals(key)).findFirst().orElseThrow();
    }

    @Test
    @DisplayName("a firing alert opens an incident on its route's policy, keyed by fingerprint, with severity, service, "
            + "category, labels; the same alert again is a repeat")
    void firing() {
        AlertIngest.Response r = ingest.handle(Fixtures.bytes("alertmanager-v4.json"), JSON);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.outcome().orElseThrow()).isEqualTo(new AlertIngest.Outcome(1, 0, 0, 0, 1, 0));
        Incident i = only("5f2a0c6e9d31b4a7");
        assertThat(i.severity()).isEqualTo(Severity.SEV_1);
        assertThat(i.alert().service()).isEqualTo("payment-service");
        assertThat(i.alert().summary()).isEqualTo("Error rate above 5% on payment-service");
        assertThat(i.category()).contains("App crash");
        assertThat(i.labels()).containsEntry("team", "payments").containsEntry("instance", "payment-7d9f:8080");
        assertThat(i.policy().name()).isEqualTo("Backend On-Call");
        assertThat(pager.pages()).extracting(Page::recipient, Page::dedupKey, Page::service)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Alice", "5f2a0c6e9d31b4a7", "payment-service"));

        AlertIngest.Response again = ingest.handle(Fixtures.bytes("alertmanager-v4.json"), JSON);
        assertThat(again.outcome().orElseThrow().repeated()).isEqualTo(1);
        assertThat(manager.incidents()).hasSize(1);
        assertThat(only("5f2a0c6e9d31b4a7").alertCount()).isEqualTo(2);
    }

    @Test
    @DisplayName("the runbook, dashboard, description and source links of the alert travel with it to the incident's alert")
    void annotationsTravel() {
        WebhookPayload p = AlertmanagerWebhook.parse(Fixtures.bytes("alertmanager-v4.json"));
        Alert a = AlertIngest.alert(p, p.alerts().get(0), AlertRoutesYaml.parse(AlertRoutesYamlTest.ROUTES)
                .route(p.alerts().get(0).labels()), "5f2a0c6e9d31b4a7");
        assertThat(a.annotations()).containsEntry(Alert.RUNBOOK_URL, "https://runbooks.example.com/payment-service")
                .containsEntry(Alert.DASHBOARD, "https://grafana.example.com/d/payments")
                .containsEntry(Alert.DESCRIPTION, "5xx responses are above 5% of requests for 5 minutes.\nSee the runbook.")
                .containsEntry("generator_url", p.alerts().get(0).generatorUrl().orElseThrow());

        WebhookPayload g = AlertmanagerWebhook.parse(Fixtures.bytes("grafana-webhook.json"));
        Alert ga = AlertIngest.alert(g, g.alerts().get(0), AlertRoutesYaml.parse(AlertRoutesYamlTest.ROUTES)
                .route(g.alerts().get(0).labels()), "9e41c2a3b6d87f05");
        assertThat(ga.annotations()).containsEntry(Alert.DASHBOARD, "https://grafana.example.com/d/checkout")
                .containsEntry("panel_url", "https://grafana.example.com/d/checkout?viewPanel=4");
        assertThat(ga.summary()).isEqualTo("More than 1000 checkout jobs are waiting."); // description, no summary
        assertThat(ga.severity()).isEqualTo(Severity.SEV_2);                                // P2
        assertThat(ga.labels()).containsEntry("source", "grafana");
    }

    @Test
    @DisplayName("a resolved alert resolves its incident when the route auto-resolves (and tells onResolved)")
    void autoResolve() {
        Map<String, String> labels = Map.of("alertname", "ServiceHighErrorRate", "team", "payments", "severity", "critical");
        post(payload("firing", "firing", "fp-pay", labels, Map.of("summary", "errors")));
        time.advance(Duration.ofMinutes(2));
        AlertIngest.Response r = post(payload("resolved", "resolved", "fp-pay", labels, Map.of("summary", "errors")));

        assertThat(r.outcome().orElseThrow().resolved()).isEqualTo(1);
        Incident i = only("fp-pay");
        assertThat(i.status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(i.timeline()).extracting(TimelineEvent::type).contains(TimelineEvent.Type.NOTE, TimelineEvent.Type.RESOLVED);
        assertThat(i.timeline()).filteredOn(e -> e.type() == TimelineEvent.Type.RESOLVED).extracting(TimelineEvent::actor)
                .containsExactly("alertmanager");
        assertThat(resolvedCallbacks).extracting(Incident::dedupKey).containsExactly("fp-pay");
        time.advance(Duration.ofMinutes(10));
        assertThat(pager.pages()).filteredOn(p -> p.dedupKey().equals("fp-pay")).hasSize(1); // resolved: no level 2
    }

    @Test
    @DisplayName("without auto-resolve a resolved alert is noted on the timeline and the incident stays open")
    void noted() {
        Map<String, String> labels = Map.of("alertname", "DiskFull", "job", "node-exporter");
        post(payload("firing", "firing", "fp-disk", labels, Map.of()));
        AlertIngest.Response r = post(payload("resolved", "resolved", "fp-disk", labels, Map.of()));

        assertThat(r.outcome().orElseThrow().noted()).isEqualTo(1);
        Incident i = only("fp-disk");
        assertThat(i.status()).isEqualTo(IncidentStatus.TRIGGERED);
        assertThat(i.alert().service()).isEqualTo("node-exporter");
        assertThat(i.alert().summary()).isEqualTo("DiskFull");
        assertThat(i.timeline()).anySatisfy(e -> assertThat(e.description()).contains("alert resolved at 2026-03-02T09:20:00Z",
                "does not auto-resolve"));
        assertThat(resolvedCallbacks).isEmpty();
    }

    @Test
    @DisplayName("the Watchdog route feeds the heartbeat and opens nothing")
    void watchdog() {
        time.advance(Duration.ofSeconds(30));
        AlertIngest.Response r = post(payload("firing", "firing", "fp-wd", Map.of("alertname", "Watchdog"), Map.of()));
        assertThat(r.outcome().orElseThrow().beats()).isEqualTo(1);
        assertThat(watchdog.lastBeat()).contains(T0.plusSeconds(30));
        assertThat(manager.incidents()).isEmpty();
    }

    @Test
    @DisplayName("a missing or wrong bearer token is 401 with WWW-Authenticate; basic auth is checked the same way")
    void authentication() {
        String body = payload("firing", "firing", "fp", Map.of("alertname", "X"), Map.of());
        AlertIngest.Response none = ingest.handle(body.getBytes(StandardCharsets.UTF_8), Map.of());
        AlertIngest.Response wrong = ingest.handle(body.getBytes(StandardCharsets.UTF_8),
                Map.of("authorization", List.of("Bearer nope")));
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.headers()).containsEntry("WWW-Authenticate", "Bearer realm=\"incident4j\"");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(manager.incidents()).isEmpty();

        AlertIngest basic = AlertIngest.builder().manager(manager).routes(AlertRoutesYaml.parse(AlertRoutesYamlTest.ROUTES))
                .policy(BACKEND).heartbeat(watchdog).basicAuth("alertmanager", "pa55").build();
        String good = "Basic " + Base64.getEncoder().encodeToString("alertmanager:pa55".getBytes(StandardCharsets.UTF_8));
        assertThat(basic.handle(body.getBytes(StandardCharsets.UTF_8), Map.of("Authorization", List.of(good))).status()).isEqualTo(200);
        assertThat(basic.handle(body.getBytes(StandardCharsets.UTF_8), Map.of("Authorization", List.of(good + "x"))).status())
                .isEqualTo(401);
    }

    @Test
    @DisplayName("a bad payload is 400 naming the field, and none of it is applied; too large is 413; not JSON is 415")
    void clientErrors() {
        String good = "{\"status\":\"firing\",\"labels\":{\"alertname\":\"A\"},\"startsAt\":\"2026-03-02T09:00:00Z\"}";
        String bad = "{\"status\":\"firing\",\"labels\":{\"alertname\":\"B\"},\"startsAt\":\"soon\"}";
        AlertIngest.Response r = post("{\"version\":\"4\",\"status\":\"firing\",\"alerts\":[" + good + "," + bad + "]}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.message()).contains("alerts[1].startsAt", "'soon'");
        assertThat(manager.incidents()).isEmpty();

        AlertIngest small = AlertIngest.builder().manager(manager).routes(AlertRoutesYaml.parse(AlertRoutesYamlTest.ROUTES))
                .policy(BACKEND).heartbeat(watchdog).maxBytes(100).build();
        assertThat(small.handle(new byte[101], Map.of()).status()).isEqualTo(413);
        assertThat(ingest.handle("x".getBytes(StandardCharsets.UTF_8), Map.of("Authorization", List.of("Bearer t0k3n"),
                "content-type", List.of("text/plain"))).status()).isEqualTo(415);
    }

    @Test
    @DisplayName("a store outage is 503 with Retry-After, so Alertmanager retries; the retry applies the payload once more, harmlessly")
    void storeDown() {
        Map<String, String> labels = Map.of("alertname", "ServiceHighErrorRate", "team", "payments", "severity", "critical");
        store.down = true;
        AlertIngest.Response r = post(payload("firing", "firing", "fp-pay", labels, Map.of()));
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.headers()).containsKey("Retry-After");
        assertThat(r.message()).contains("incident store unavailable");
        store.down = false;
        assertThat(post(payload("firing", "firing", "fp-pay", labels, Map.of())).status()).isEqualTo(200);
        assertThat(post(payload("firing", "firing", "fp-pay", labels, Map.of())).outcome().orElseThrow().repeated()).isEqualTo(1);
        assertThat(manager.incidents()).hasSize(1);
    }

    @Test
    @DisplayName("building refuses routes that name policies or heartbeats it was not given")
    void unknownNames() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AlertIngest.builder().manager(manager)
                .routes(AlertRoutesYaml.parse(AlertRoutesYamlTest.ROUTES)).build())
                .hasMessageContaining("routes.policy").hasMessageContaining("Backend On-Call")
                .hasMessageContaining("routes.heartbeat").hasMessageContaining("alertmanager");
    }

    @Test
    @DisplayName("control characters in labels from outside are made storable, never dropped")
    void storable() {
        post(payload("firing", "firing", "fp-ctl", Map.of("alertname", "Bad\u0000Name", "job", "x\u0007y"), Map.of()));
        Incident i = only("fp-ctl");
        assertThat(i.labels()).containsEntry("alertname", "Bad\\u0000Name");
        assertThat(i.alert().service()).isEqualTo("x\\u0007y");
    }
}
