package io.github.incident4j.notify;

import io.github.incident4j.incident.Alert;
import io.github.incident4j.incident.Incident;
import io.github.incident4j.incident.IncidentManager;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incident4j.format.Json;
import io.github.incident4j.incident.ContactMethod;
import io.github.incident4j.sim.VirtualTime;
import io.github.incident4j.spi.Page;
import io.github.incident4j.stack.Await;
import io.github.incident4j.stack.LogCapture;
import io.github.incident4j.stack.LoopbackHttpServer;
import io.github.incident4j.stack.PagerDutyEventsServer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** PagerDuty Events API v2 against a loopback server that checks PagerDuty's documented schema. */
class PagerDutyEventsTest {

    static final String KEY = "R0UT1NGKEYR0UT1NGKEYR0UT1NGKEY12";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final VirtualTime time = VirtualTime.startingAt(Pages.AT);
    private final PagerDutyEventsServer server = new PagerDutyEventsServer();

    @AfterEach
    void stop() {
        server.close();
    }

    private PagerDutyEvents events(RetryPolicy retry) {
        return PagerDutyEvents.withRoutingKey(KEY).endpoint(server.endpoint()).timers(time).retry(retry).build();
    }

    private PagerDutyEvents events() {
        return events(RetryPolicy.DEFAULT.withTimeout(Duration.ofSeconds(5)));
    }

    private static void done(java.util.concurrent.CompletionStage<Void> stage) throws Exception {
        stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Waits for the retry the client scheduled after a failed answer, and lets virtual time reach it. */
    private Instant awaitRetry() {
        Await.until("a retry is scheduled", WAIT, () -> time.pending() > 0);
        Instant due = time.nextDue().orElseThrow();
        time.advanceTo(due);
        return due;
    }

    @Test
    @DisplayName("a trigger carries routing key, dedup key, PD-CEF payload, custom details and links, and 202 delivers it")
    void trigger() throws Exception {
        done(events().trigger(Pages.page()));

        assertThat(server.schemaErrors()).isEmpty();
        PagerDutyEventsServer.Event e = server.events().get(0);
        assertThat(e.action()).isEqualTo("trigger");
        assertThat(e.routingKey()).isEqualTo(KEY);
        assertThat(e.dedupKey()).isEqualTo("a1b2c3d4e5f60718");
        assertThat(e.payloadString("summary")).isEqualTo("[SEV-2] INC-42: Error rate above 5% on payment-service");
        assertThat(e.payloadString("severity")).isEqualTo("error");
        assertThat(e.payloadString("source")).isEqualTo("payment-7d9f:8080");
        assertThat(e.payloadString("component")).isEqualTo("payment-service");
        assertThat(e.payloadString("group")).isEqualTo("payments");
        assertThat(e.payloadString("class")).isEqualTo("ServiceHighErrorRate");
        assertThat(e.payloadString("timestamp")).isEqualTo("2026-03-02T09:05:00Z");
        Json.Obj details = e.payload().get("custom_details").flatMap(Json.Value::object).orElseThrow();
        assertThat(details.get("recipient").flatMap(Json.Value::string)).contains("Alice");
        assertThat(details.get("response").flatMap(Json.Value::string)).contains("Restart/rollback");
        assertThat(details.get("description").flatMap(Json.Value::string)).contains("5xx responses are above 5% of requests for 5 minutes.");
        Json.Arr links = (Json.Arr) e.body().get("links").orElseThrow();
        assertThat(links.items()).extracting(l -> l.object().orElseThrow().get("text").flatMap(Json.Value::string).orElseThrow())
                .containsExactly("Runbook", "Dashboard", "Source");
        assertThat(links.items().get(0).object().orElseThrow().get("href").flatMap(Json.Value::string))
                .contains("https://runbooks.example.com/payment-service");
    }

    @Test
    @DisplayName("SEV-1..SEV-5 map to critical, error, warning, info, info")
    void severities() {
        assertThat(List.of("SEV-1", "SEV-2", "SEV-3", "SEV-4", "SEV-5")).extracting(PagerDutyEvents::severity)
                .containsExactly("critical", "error", "warning", "info", "info");
    }

    @Test
    @DisplayName("as the engine's pager and listener: each level's trigger, then acknowledge and resolve, on one dedup key, with the runbook link")
    void throughTheEngine() throws Exception {
        PagerDutyEvents pd = events();
        java.util.concurrent.atomic.AtomicInteger delivered = new java.util.concurrent.atomic.AtomicInteger();
        IncidentManager manager = IncidentManager.builder().timers(time).pager(pd.pager()).listener(pd.listener())
                .listener(new io.github.incident4j.incident.IncidentListener() {
                    @Override
                    public void paged(Incident incident, Page page, Instant at, boolean first) {
                        delivered.incrementAndGet();
                    }
                }).build();
        Incident incident = manager.trigger(Alert.withKey("fp-7f3a").service("payment-service")
                .summary("Error rate above 5%").annotation(Alert.RUNBOOK_URL, "https://runbooks.example.com/errors")
                .build(), io.github.incident4j.escalation.EscalationPolicy.named("p")
                .level(1, Duration.ofMinutes(15), io.github.incident4j.escalation.Target.person("Alice"))
                .level(2, io.github.incident4j.escalation.Target.person("Bob")).build());
        server.awaitRequests(1, WAIT);
        // the page counts as delivered only once PagerDuty's 202 is recorded; moving virtual time past the
        // request timeout before that would (rightly) time the attempt out and send it again
        Await.until("level 1's page is recorded as delivered", WAIT, () -> delivered.get() == 1);
        time.advance(Duration.ofMinutes(15));
        server.awaitRequests(2, WAIT);
        Await.until("level 2's page is recorded as delivered", WAIT, () -> delivered.get() == 2);
        manager.acknowledge(incident.id(), "Bob");
        server.awaitRequests(3, WAIT);
        manager.resolve(incident.id(), "Bob");
        server.awaitRequests(4, WAIT);

        assertThat(server.schemaErrors()).isEmpty();
        assertThat(server.events()).extracting(PagerDutyEventsServer.Event::action)
                .containsExactly("trigger", "trigger", "acknowledge", "resolve");
        assertThat(server.events()).extracting(PagerDutyEventsServer.Event::dedupKey).containsOnly("fp-7f3a");
        assertThat(server.events().get(0).body().toString()).contains("https://runbooks.example.com/errors");
    }

    @Test
    @DisplayName("acknowledge and resolve send the dedup key on the routing key, and the schema accepts them")
    void acknowledgeAndResolve() throws Exception {
        PagerDutyEvents pd = events();
        done(pd.acknowledge("a1b2c3d4e5f60718"));
        done(pd.resolve("a1b2c3d4e5f60718"));

        assertThat(server.schemaErrors()).isEmpty();
        assertThat(server.events()).extracting(PagerDutyEventsServer.Event::action).containsExactly("acknowledge", "resolve");
        assertThat(server.events()).extracting(PagerDutyEventsServer.Event::dedupKey).containsOnly("a1b2c3d4e5f60718");
        assertThat(server.events().get(1).body().members().keySet()).containsExactly("routing_key", "event_action", "dedup_key");
    }

    @Test
    @DisplayName("a dedup key over 255 characters is shortened the same way for trigger, acknowledge and resolve")
    void longDedupKey() throws Exception {
        String key = "alertname=ServiceHighErrorRate,".repeat(12);
        Page p = Pages.page();
        Page longKey = new Page(p.incidentId(), p.recipient(), 1, 1, true, "SEV-1", p.summary(), null, null, p.at(), 1, key,
                p.service(), p.labels(), p.annotations());
        PagerDutyEvents pd = events();
        done(pd.trigger(longKey));
        done(pd.acknowledge(key));
        done(pd.resolve(key));

        assertThat(server.schemaErrors()).isEmpty();
        assertThat(server.events()).extracting(PagerDutyEventsServer.Event::dedupKey).allSatisfy(k -> {
            assertThat(k).hasSize(255).startsWith(key.substring(0, 190));
        }).containsOnly(PagerDutyEvents.dedupKey(key));
    }

    @Test
    @DisplayName("400 is permanent: one request, no retry, an ERROR log line, and a permanent DeliveryException")
    void badRequestIsPermanent() {
        PagerDutyEvents wrongKey = PagerDutyEvents.withRoutingKey("too-short").endpoint(server.endpoint()).timers(time).build();
        try (LogCapture log = LogCapture.start()) {
            CompletableFuture<Void> f = wrongKey.trigger(Pages.page()).toCompletableFuture();
            assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOfSatisfying(DeliveryException.class, e -> {
                        assertThat(e.permanent()).isTrue();
                        assertThat(e.status()).hasValue(400);
                        assertThat(e.attempts()).isEqualTo(1);
                        assertThat(e.getMessage()).contains("refused", "400", "routing_key must be 32 characters");
                    });
            assertThat(log.errors()).anySatisfy(l -> assertThat(l).contains("PagerDuty refused trigger for INC-42"));
        }
        assertThat(time.pending()).isZero();
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    @DisplayName("429 is retried after exactly the Retry-After seconds, then 202 delivers")
    void throttledHonoursRetryAfter() throws Exception {
        server.then(PagerDutyEventsServer.throttled().withHeader("Retry-After", "120"));
        CompletableFuture<Void> f = events().trigger(Pages.page()).toCompletableFuture();

        Instant retriedAt = awaitRetry();
        f.get(10, TimeUnit.SECONDS);

        assertThat(retriedAt).isEqualTo(Pages.AT.plusSeconds(120));
        assertThat(server.events()).extracting(PagerDutyEventsServer.Event::answered).containsExactly(429, 202);
    }

    @Test
    @DisplayName("a Retry-After given as an HTTP date is honoured against the injected clock")
    void retryAfterDate() throws Exception {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(Pages.AT.plusSeconds(45).atOffset(ZoneOffset.UTC));
        server.then(PagerDutyEventsServer.throttled().withHeader("Retry-After", date));
        CompletableFuture<Void> f = events().trigger(Pages.page()).toCompletableFuture();

        assertThat(awaitRetry()).isEqualTo(Pages.AT.plusSeconds(45));
        f.get(10, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("5xx answers are retried with doubling backoff (1s, 2s) until 202")
    void serverErrorsRetried() throws Exception {
        server.then(PagerDutyEventsServer.serverError(500), PagerDutyEventsServer.serverError(503));
        CompletableFuture<Void> f = events().trigger(Pages.page()).toCompletableFuture();

        Instant first = awaitRetry();
        Instant second = awaitRetry();
        f.get(10, TimeUnit.SECONDS);

        assertThat(first).isEqualTo(Pages.AT.plusSeconds(1));
        assertThat(second).isEqualTo(first.plusSeconds(2));
        assertThat(server.events()).extracting(PagerDutyEventsServer.Event::answered).containsExactly(500, 503, 202);
    }

    @Test
    @DisplayName("5xx until the attempts run out gives up with a transient DeliveryException and an ERROR line")
    void givesUp() throws Exception {
        server.then(PagerDutyEventsServer.serverError(502), PagerDutyEventsServer.serverError(502),
                PagerDutyEventsServer.serverError(502));
        try (LogCapture log = LogCapture.start()) {
            CompletableFuture<Void> f = events(RetryPolicy.DEFAULT.withMaxAttempts(3)).resolve("k").toCompletableFuture();
            awaitRetry();
            awaitRetry();
            assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).cause().isInstanceOfSatisfying(DeliveryException.class, e -> {
                assertThat(e.permanent()).isFalse();
                assertThat(e.attempts()).isEqualTo(3);
                assertThat(e.status()).hasValue(502);
                assertThat(e.getMessage()).contains("gave up after 3 attempts");
            });
            assertThat(log.errors()).anySatisfy(l -> assertThat(l).contains("gave up after 3 attempts"));
        }
        assertThat(server.requests()).hasSize(3);
    }

    @Test
    @DisplayName("a Retry-After longer than allowed gives up at once instead of retrying early")
    void retryAfterTooLong() {
        server.then(PagerDutyEventsServer.throttled().withHeader("Retry-After", "3600"));
        CompletableFuture<Void> f = events().trigger(Pages.page()).toCompletableFuture();
        assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).cause().hasMessageContaining("asked to retry after 1h");
        assertThat(time.pending()).isZero();
    }

    @Test
    @DisplayName("a server that does not answer times out after the request timeout and is retried, then given up")
    void slowServerTimesOut() {
        server.then(PagerDutyEventsServer.accepted("x").held(), PagerDutyEventsServer.accepted("x").held());
        PagerDutyEvents pd = events(RetryPolicy.DEFAULT.withTimeout(Duration.ofMillis(300)).withMaxAttempts(2));
        CompletableFuture<Void> f = pd.trigger(Pages.page()).toCompletableFuture();
        awaitRetry();
        assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).cause().isInstanceOfSatisfying(DeliveryException.class, e -> {
            assertThat(e.getMessage()).contains("no answer within 300ms");
            assertThat(e.status()).isEmpty();
            assertThat(e.permanent()).isFalse();
        });
    }

    @Test
    @DisplayName("a PagerDuty user contact triggers on the default integration with the user as assignee")
    void userContact() throws Exception {
        done(events().deliver(Pages.page(), new ContactMethod.PagerDutyUser("PXPGF42")));
        Json.Obj details = server.events().get(0).payload().get("custom_details").flatMap(Json.Value::object).orElseThrow();
        assertThat(details.get("assignee").flatMap(Json.Value::string)).contains("PXPGF42");
        assertThat(server.schemaErrors()).isEmpty();
    }

    @Test
    @DisplayName("a 1,100-character summary is cut to PagerDuty's 1,024")
    void summaryLimit() throws Exception {
        Page p = Pages.page();
        Page longSummary = new Page(p.incidentId(), p.recipient(), 1, 1, true, "SEV-3", "x".repeat(1100), null, null, p.at(), 1,
                p.dedupKey(), p.service(), Map.of(), Map.of());
        done(events().trigger(longSummary));
        assertThat(server.schemaErrors()).isEmpty();
        assertThat(server.events().get(0).payloadString("summary")).hasSize(1024).endsWith("…");
        assertThat(server.events().get(0).payloadString("source")).isEqualTo("payment-service");
    }

    @Test
    @DisplayName("the builder reports every problem at once")
    void builderProblems() {
        assertThatThrownBy(() -> PagerDutyEvents.withRoutingKey(" ").endpoint(java.net.URI.create("ftp://x")).build())
                .hasMessageContaining("routingKey").hasMessageContaining("timers").hasMessageContaining("endpoint");
    }

    static LoopbackHttpServer.Answer ok() {
        return PagerDutyEventsServer.accepted("x");
    }
}
