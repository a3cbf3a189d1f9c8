package io.github.incident4j.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incident4j.format.Json;
import io.github.incident4j.incident.ContactMethod;
import io.github.incident4j.sim.VirtualTime;
import io.github.incident4j.stack.Await;
import io.github.incident4j.stack.LoopbackHttpServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The generic JSON webhook with an HMAC-SHA256 signature, against a loopback receiver that verifies it. */
class SignedWebhookTest {

    private static final byte[] SECRET = "s3cr3t-s3cr3t-s3cr3t".getBytes(StandardCharsets.UTF_8);

    private final VirtualTime time = VirtualTime.startingAt(Pages.AT);
    private final Deque<LoopbackHttpServer.Answer> script = new ArrayDeque<>();
    private final List<Boolean> verified = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final LoopbackHttpServer receiver = LoopbackHttpServer.start(r -> {
        verified.add(SignedWebhook.verify(SECRET, r.header(SignedWebhook.TIMESTAMP_HEADER), r.body(),
                r.header(SignedWebhook.SIGNATURE_HEADER), Duration.ofMinutes(5), time.clock()));
        LoopbackHttpServer.Answer a;
        synchronized (script) {
            a = script.poll();
        }
        return a != null ? a : LoopbackHttpServer.Answer.of(204, "");
    });

    @AfterEach
    void stop() {
        receiver.close();
    }

    private SignedWebhook hooks() {
        return SignedWebhook.signingWith(SECRET).timers(time).retry(RetryPolicy.DEFAULT.withTimeout(Duration.ofSeconds(5))).build();
    }

    @Test
    @DisplayName("the body is the page as JSON, signed over timestamp.body, with the idempotency key; the receiver verifies it")
    void signed() throws Exception {
        hooks().pager(receiver.uri("/hook")).send(Pages.page()).toCompletableFuture().get(10, TimeUnit.SECONDS);

        LoopbackHttpServer.Request r = receiver.requests().get(0);
        assertThat(verified).containsExactly(true);
        assertThat(r.header(SignedWebhook.TIMESTAMP_HEADER)).isEqualTo(String.valueOf(Pages.AT.getEpochSecond()));
        assertThat(r.header(SignedWebhook.SIGNATURE_HEADER)).startsWith("v1=").hasSize(3 + 64);
        assertThat(r.header(SignedWebhook.IDEMPOTENCY_HEADER)).isEqualTo("INC-42/1/1/Alice");
        Json.Obj body = Json.parse(r.text(), 1 << 20).object().orElseThrow();
        assertThat(body.get("recipient").flatMap(Json.Value::string)).contains("Alice");
        assertThat(body.get("dedup_key").flatMap(Json.Value::string)).contains("a1b2c3d4e5f60718");
        assertThat(body.get("annotations").flatMap(Json.Value::object).orElseThrow().get("runbook_url")
                .flatMap(Json.Value::string)).contains("https://runbooks.example.com/payment-service");
    }

    @Test
    @DisplayName("verify refuses a changed body, a wrong secret, a missing header and a timestamp outside the tolerance")
    void verifyRefuses() {
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        String ts = String.valueOf(Pages.AT.getEpochSecond());
        String sig = SignedWebhook.signature(SECRET, ts, body);
        assertThat(SignedWebhook.verify(SECRET, ts, body, sig, Duration.ofMinutes(5), time.clock())).isTrue();
        assertThat(SignedWebhook.verify(SECRET, ts, "{\"a\":2}".getBytes(StandardCharsets.UTF_8), sig, Duration.ofMinutes(5), time.clock())).isFalse();
        assertThat(SignedWebhook.verify("another-secret-xx".getBytes(StandardCharsets.UTF_8), ts, body, sig, Duration.ofMinutes(5), time.clock())).isFalse();
        assertThat(SignedWebhook.verify(SECRET, null, body, sig, Duration.ofMinutes(5), time.clock())).isFalse();
        time.advance(Duration.ofMinutes(6));
        assertThat(SignedWebhook.verify(SECRET, ts, body, sig, Duration.ofMinutes(5), time.clock())).isFalse();
    }

    @Test
    @DisplayName("each retry is signed afresh with its own timestamp; 503 is retried, 403 is permanent")
    void retriesAndPermanent() throws Exception {
        synchronized (script) {
            script.add(LoopbackHttpServer.Answer.of(503, "busy"));
        }
        CompletableFuture<Void> f = hooks().deliver(Pages.page(), new ContactMethod.Webhook(receiver.uri("/hook"))).toCompletableFuture();
        Await.until("a retry is scheduled", Duration.ofSeconds(10), () -> time.pending() > 0);
        time.advance(Duration.ofSeconds(1));
        f.get(10, TimeUnit.SECONDS);
        assertThat(verified).containsExactly(true, true);
        assertThat(receiver.requests()).extracting(r -> r.header(SignedWebhook.TIMESTAMP_HEADER))
                .containsExactly(String.valueOf(Pages.AT.getEpochSecond()), String.valueOf(Pages.AT.getEpochSecond() + 1));

        synchronized (script) {
            script.add(LoopbackHttpServer.Answer.of(403, "bad signature"));
        }
        CompletableFuture<Void> refused = hooks().pager(receiver.uri("/hook")).send(Pages.page()).toCompletableFuture();
        assertThatThrownBy(() -> refused.get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.permanent()).isTrue());
    }

    @Test
    @DisplayName("a secret shorter than 16 bytes is refused")
    void shortSecret() {
        assertThatThrownBy(() -> SignedWebhook.signingWith(new byte[8]).timers(time).build()).hasMessageContaining("16 bytes");
    }
}
