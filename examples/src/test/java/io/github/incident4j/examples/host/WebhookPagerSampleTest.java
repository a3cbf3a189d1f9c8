package io.github.incident4j.examples.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incident4j.incident.Alert;
import io.github.incident4j.incident.Incident;
import io.github.incident4j.spi.Page;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@DisplayName("A Pager that posts to an HTTP webhook (sample)")
class WebhookPagerSampleTest {

    private static final Page PAGE = new Page("inc-42", "Alice", 2, 1, true, "SEV-2", "Error rate above 5%",
            "L2 (Lead)", "Debug fix", Instant.parse("2026-03-03T10:15:00Z"), 3);

    private final LoopbackServer server = new LoopbackServer();
    private final HttpClient client = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    @DisplayName("a 2xx answer completes the stage; the request is a JSON POST carrying the idempotency key")
    void delivered() throws Exception {
        server.answer(202, "application/json", "{\"accepted\":true}");
        WebhookPager pager = new WebhookPager(server.uri("/hook"), client, Duration.ofSeconds(5));

        pager.send(PAGE).toCompletableFuture().get(5, TimeUnit.SECONDS);
        LoopbackServer.Received r = server.next();
        JsonNode json = JsonMapper.builder().build().readTree(r.body());

        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/hook");
        assertThat(r.headers().getFirst(WebhookPager.IDEMPOTENCY_HEADER)).isEqualTo("inc-42/1/2/Alice")
                .isEqualTo(PAGE.idempotencyKey());
        assertThat(r.headers().getFirst("Content-Type")).isEqualTo("application/json");
        assertThat(json.get("recipient").asString()).isEqualTo("Alice");
        assertThat(json.get("level").asInt()).isEqualTo(2);
        assertThat(json.get("attempt").asInt()).isEqualTo(3);
        assertThat(json.get("response").asString()).isEqualTo("Debug fix");
        assertThat(json.get("at").asString()).isEqualTo("2026-03-03T10:15:00Z");
    }

    @Test
    @DisplayName("a retry of the same step carries the same idempotency key")
    void retriesShareTheKey() throws Exception {
        WebhookPager pager = new WebhookPager(server.uri("/hook"), client, Duration.ofSeconds(5));

        pager.send(PAGE.withAttempt(1)).toCompletableFuture().get(5, TimeUnit.SECONDS);
        pager.send(PAGE.withAttempt(2)).toCompletableFuture().get(5, TimeUnit.SECONDS);

        assertThat(server.next().headers().getFirst(WebhookPager.IDEMPOTENCY_HEADER))
                .isEqualTo(server.next().headers().getFirst(WebhookPager.IDEMPOTENCY_HEADER));
    }

    @Test
    @DisplayName("a 500 answer fails the stage with the status and the body in the message")
    void serverErrorFails() {
        server.answer(500, "text/plain", "provider down");
        WebhookPager pager = new WebhookPager(server.uri("/hook"), client, Duration.ofSeconds(5));

        assertThatThrownBy(() -> pager.send(PAGE).toCompletableFuture().get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(WebhookPager.WebhookFailure.class)
                .hasMessageContaining("answered 500").hasMessageContaining("provider down")
                .hasMessageContaining("inc-42/1/2/Alice");
    }

    @Test
    @DisplayName("a webhook that does not answer within the timeout fails the stage")
    void timeoutFails() {
        server.hold();
        WebhookPager pager = new WebhookPager(server.uri("/hook"), client, Duration.ofMillis(300));

        assertThatThrownBy(() -> pager.send(PAGE).toCompletableFuture().get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(HttpTimeoutException.class);
    }

    @Test
    @DisplayName("wired into the engine on real time, level 1 of the policy reaches the webhook at once")
    void throughTheEngine() throws Exception {
        WebhookPager pager = new WebhookPager(server.uri("/pages"), client, Duration.ofSeconds(5));
        Incident incident;
        LoopbackServer.Received r;
        try (HostWiring wiring = HostWiring.start(pager)) {
            incident = wiring.trigger(Alert.withKey("payments/error-rate").service("payment-service")
                    .summary("Error rate above 5%").severity("SEV-2").build());
            r = server.next();
        }
        JsonNode json = JsonMapper.builder().build().readTree(r.body());
        Instant at = Instant.parse(json.get("at").asString());

        assertThat(json.get("incident").asString()).isEqualTo(incident.id().toString());
        assertThat(json.get("level").asInt()).isEqualTo(1);
        assertThat(json.get("recipient").asString()).isEqualTo(HostWiring.schedule().onCallAt(at).orElseThrow());
        assertThat(r.headers().getFirst(WebhookPager.IDEMPOTENCY_HEADER))
                .isEqualTo(incident.id() + "/1/1/" + json.get("recipient").asString());
    }
}
