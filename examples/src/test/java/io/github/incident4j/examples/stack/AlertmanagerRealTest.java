package io.github.incident4j.examples.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.escalation.Target;
import io.github.incident4j.examples.host.AlertReceiver;
import io.github.incident4j.format.Json;
import io.github.incident4j.incident.Heartbeat;
import io.github.incident4j.incident.Incident;
import io.github.incident4j.incident.IncidentManager;
import io.github.incident4j.incident.IncidentStatus;
import io.github.incident4j.ingest.AlertIngest;
import io.github.incident4j.ingest.AlertRoutesYaml;
import io.github.incident4j.ingest.AlertmanagerWebhook;
import io.github.incident4j.notify.PagerDutyEvents;
import io.github.incident4j.notify.RetryPolicy;
import io.github.incident4j.spi.SystemTimers;
import io.github.incident4j.stack.Await;
import io.github.incident4j.stack.PagerDutyEventsServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The real Alertmanager 0.25 ({@code prometheus-alertmanager}, Debian package) posting to the receiver: incidents
 * open, dedup, escalate on short real timeouts, page a PagerDuty-compatible server that checks PagerDuty's schema,
 * and resolve when the alerts resolve; the always-firing Watchdog feeds a heartbeat that opens an incident when it
 * stops. Fails (never skips) when the binary is missing, naming the install command.
 */
class AlertmanagerRealTest {

    private static final String TOKEN = "am-t0k3n";
    private static final String KEY = "R0UT1NGKEYR0UT1NGKEYR0UT1NGKEY12";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ROUTES = """
            routes:
              - name: watchdog
                matchers: ['alertname="Watchdog"']
                heartbeat: alertmanager
              - name: payments
                matchers: [team=payments]
                service: payment-service
                category: App crash
                auto_resolve: true
              - name: default
                escalation_policy: Backend On-Call
            """;
    private static final EscalationPolicy BACKEND = EscalationPolicy.named("Backend On-Call")
            .level(1, Duration.ofSeconds(2), Target.person("Alice"))
            .level(2, Target.person("Bob"))
            .build();

    private static Optional<Incident> incident(IncidentManager manager, String key) {
        return manager.incidents().stream().filter(i -> i.dedupKey().equals(key)).findFirst();
    }

    private static String recipient(PagerDutyEventsServer.Event e) {
        return e.payload().get("custom_details").flatMap(Json.Value::object).orElseThrow()
                .get("recipient").flatMap(Json.Value::string).orElse("");
    }

    @Test
    @DisplayName("Alertmanager -> receiver -> incident (dedup by fingerprint) -> escalation -> PagerDuty -> resolved with the alert")
    void lifecycle() throws Exception {
        try (SystemTimers timers = SystemTimers.startDaemon(); PagerDutyEventsServer pd = new PagerDutyEventsServer()) {
            PagerDutyEvents events = PagerDutyEvents.withRoutingKey(KEY).endpoint(pd.endpoint()).timers(timers)
                    .retry(RetryPolicy.DEFAULT.withTimeout(Duration.ofSeconds(5))).build();
            IncidentManager manager = IncidentManager.builder().timers(timers).pager(events.pager()).build();
            Heartbeat.Monitor watchdog = Heartbeat.named("alertmanager").expectEvery(Duration.ofHours(1)).policy(BACKEND)
                    .build().watch(manager, timers);
            AlertIngest ingest = AlertIngest.builder().manager(manager).routes(AlertRoutesYaml.parse(ROUTES)).policy(BACKEND)
                    .heartbeat(watchdog).bearerToken(TOKEN).onResolved(i -> events.resolve(i.dedupKey())).build();
            try (AlertReceiver receiver = AlertReceiver.start(ingest, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                 LocalAlertmanager am = LocalAlertmanager.start(Path.of("target/stack/alertmanager-lifecycle"),
                         LocalAlertmanager.webhookConfig(receiver.url(), TOKEN))) {
                Map<String, String> a = Map.of("alertname", "ServiceHighErrorRate", "service", "payment-service",
                        "team", "payments", "severity", "critical", "instance", "pay-1");
                Map<String, String> b = Map.of("alertname", "ServiceHighErrorRate", "service", "payment-service",
                        "team", "payments", "severity", "critical", "instance", "pay-2");
                Map<String, String> notes = Map.of("summary", "Error rate above 5%",
                        "runbook_url", "https://runbooks.example.com/payment-service");
                String keyA = AlertmanagerWebhook.fingerprint(a);
                String keyB = AlertmanagerWebhook.fingerprint(b);
                Instant now = timers.clock().instant();

                am.post(a, notes, now, now.plus(Duration.ofHours(1)));
                Incident first = Await.value("Alertmanager's notification opened the incident keyed by its fingerprint", WAIT,
                        () -> incident(manager, keyA).orElse(null));
                assertThat(first.severity().label()).isEqualTo("SEV-1");
                assertThat(first.category()).contains("App crash");
                assertThat(first.labels()).containsEntry("instance", "pay-1");

                am.post(b, notes, now, now.plus(Duration.ofHours(1)));
                Await.until("the group's next notification opened B and counted A again", WAIT,
                        () -> incident(manager, keyB).isPresent() && incident(manager, keyA).orElseThrow().alertCount() >= 2);
                assertThat(manager.incidents()).hasSize(2);

                Await.until("A escalated to Bob after level 1's 2 seconds", WAIT,
                        () -> pd.events().stream().anyMatch(e -> e.dedupKey().equals(keyA) && recipient(e).equals("Bob")));

                Instant resolvedAt = timers.clock().instant();
                am.post(a, notes, now, resolvedAt);
                Await.until("the resolved notification resolved A and PagerDuty got the resolve event", WAIT,
                        () -> pd.events().stream().anyMatch(e -> e.action().equals("resolve") && e.dedupKey().equals(keyA)));

                assertThat(incident(manager, keyA).orElseThrow().status()).isEqualTo(IncidentStatus.RESOLVED);
                assertThat(incident(manager, keyB).orElseThrow().status()).isNotEqualTo(IncidentStatus.RESOLVED);
                assertThat(pd.schemaErrors()).isEmpty();
                assertThat(pd.events()).filteredOn(e -> e.dedupKey().equals(keyA))
                        .extracting(e -> e.action() + (e.action().equals("trigger") ? " " + recipient(e) : ""))
                        .containsExactly("trigger Alice", "trigger Bob", "resolve");
                assertThat(pd.events()).filteredOn(e -> e.action().equals("trigger")).first().satisfies(e -> {
                    assertThat(e.payloadString("severity")).isEqualTo("critical");
                    assertThat(e.payloadString("source")).isEqualTo("pay-1");
                });
                manager.close();
            }
        }
    }

    @Test
    @DisplayName("the always-firing Watchdog beats the heartbeat through Alertmanager's repeats; when it stops, an incident opens")
    void watchdogHeartbeat() throws Exception {
        try (SystemTimers timers = SystemTimers.startDaemon(); PagerDutyEventsServer pd = new PagerDutyEventsServer()) {
            PagerDutyEvents events = PagerDutyEvents.withRoutingKey(KEY).endpoint(pd.endpoint()).timers(timers).build();
            IncidentManager manager = IncidentManager.builder().timers(timers).pager(events.pager()).build();
            Heartbeat.Monitor watchdog = Heartbeat.named("alertmanager").expectEvery(Duration.ofSeconds(1))
                    .grace(Duration.ofSeconds(4)).policy(BACKEND).service("alertmanager").build().watch(manager, timers);
            AlertIngest ingest = AlertIngest.builder().manager(manager).routes(AlertRoutesYaml.parse(ROUTES)).policy(BACKEND)
                    .heartbeat(watchdog).bearerToken(TOKEN).build();
            try (AlertReceiver receiver = AlertReceiver.start(ingest, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                 LocalAlertmanager am = LocalAlertmanager.start(Path.of("target/stack/alertmanager-watchdog"),
                         LocalAlertmanager.webhookConfig(receiver.url(), TOKEN))) {
                Instant now = timers.clock().instant();
                am.post(Map.of("alertname", "Watchdog", "severity", "none"), Map.of("summary", "Always firing"), now,
                        now.plus(Duration.ofSeconds(8)));

                Await.until("Alertmanager repeated the Watchdog at least 3 times", WAIT, () -> watchdog.beats() >= 3);
                assertThat(manager.incidents()).isEmpty();

                Incident missing = Await.value("the heartbeat opened an incident after the Watchdog stopped", WAIT,
                        () -> incident(manager, "heartbeat/alertmanager").orElse(null));
                Instant lastBeat = watchdog.lastBeat().orElseThrow();
                assertThat(missing.triggeredAt()).isAfterOrEqualTo(lastBeat.plus(Duration.ofSeconds(5)));
                assertThat(missing.alert().summary()).startsWith("Heartbeat 'alertmanager' missing: last beat at " + lastBeat);
                Await.until("PagerDuty got the heartbeat's page", WAIT, () -> pd.events().stream()
                        .anyMatch(e -> e.dedupKey().equals("heartbeat/alertmanager")));
                assertThat(pd.schemaErrors()).isEmpty();
                manager.close();
            }
        }
    }
}
