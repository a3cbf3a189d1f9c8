package io.github.incident4j.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incident4j.format.Json;
import io.github.incident4j.incident.ContactMethod;
import io.github.incident4j.sim.VirtualTime;
import io.github.incident4j.spi.Page;
import io.github.incident4j.stack.Await;
import io.github.incident4j.stack.LogCapture;
import io.github.incident4j.stack.LoopbackHttpServer;
import io.github.incident4j.stack.SlackWebhookServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Slack incoming webhooks against a loopback server that checks Slack's documented payload. */
class SlackWebhookTest {

    private final VirtualTime time = VirtualTime.startingAt(Pages.AT);
    private final SlackWebhookServer slack = new SlackWebhookServer();

    @AfterEach
    void stop() {
        slack.close();
    }

    private SlackWebhook webhook(RetryPolicy retry) {
        return SlackWebhook.to(slack.url()).timers(time).retry(retry)
                .mention(person -> person.equals("Alice") ? Optional.of("U012AB3CD") : Optional.empty()).build();
    }

    private SlackWebhook webhook() {
        return webhook(RetryPolicy.DEFAULT.withTimeout(Duration.ofSeconds(5)));
    }

    private static String blockText(Json.Obj message, int block) {
        Json.Obj b = ((Json.Arr) message.get("blocks").orElseThrow()).items().get(block).object().orElseThrow();
        if (b.get("elements").isPresent()) {
            return ((Json.Arr) b.get("elements").orElseThrow()).items().get(0).object().orElseThrow()
                    .get("text").flatMap(Json.Value::string).orElseThrow();
        }
        return b.get("text").flatMap(Json.Value::object).orElseThrow().get("text").flatMap(Json.Value::string).orElseThrow();
    }

    @Test
    @DisplayName("a page becomes a readable message: incident, severity, level, who (mentioned), matrix response, links")
    void message() throws Exception {
        webhook().send(Pages.page()).toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(slack.schemaErrors()).isEmpty();
        Json.Obj m = slack.messages().get(0);
        assertThat(m.get("text").flatMap(Json.Value::string).orElseThrow())
                .contains("SEV-2", "INC-42", "paging Alice", "level 1", "<@U012AB3CD>");
        assertThat(blockText(m, 0)).isEqualTo("SEV-2 INC-42: Error rate above 5% on payment-service");
        assertThat(blockText(m, 1)).contains("*Severity:* SEV-2 (high urgency)", "*Service:* payment-service",
                "*Paged:* <@U012AB3CD> (Alice) at level 1", "*Matrix:* L1 (On-Call) → Restart/rollback",
                "5xx responses are above 5% of requests");
        assertThat(blockText(m, 2)).isEqualTo("<https://runbooks.example.com/payment-service|Runbook> · "
                + "<https://grafana.example.com/d/payments|Dashboard> · <http://prometheus:9090/graph?g0.expr=rate|Source>");
    }

    @Test
    @DisplayName("text from alerts is escaped, so it can never become a mention or a link, and long text stays in Slack's limits")
    void escapingAndLimits() throws Exception {
        Page p = Pages.page();
        Page hostile = new Page(p.incidentId(), "Bob", 2, 1, false, "SEV-4", "<!channel> & <https://evil|click> " + "x".repeat(400),
                null, null, p.at(), 1, p.dedupKey(), p.service(), Map.of(),
                Map.of("description", "d".repeat(5000), "runbook_url", "javascript:alert(1)"));
        webhook().send(hostile).toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(slack.schemaErrors()).isEmpty();
        Json.Obj m = slack.messages().get(0);
        assertThat(blockText(m, 0)).hasSize(SlackWebhook.MAX_HEADER);
        assertThat(blockText(m, 1)).contains("&lt;!channel&gt; &amp; &lt;https://evil|click&gt;").hasSize(SlackWebhook.MAX_SECTION)
                .doesNotContain("<!channel>");
        assertThat(((Json.Arr) m.get("blocks").orElseThrow()).items()).hasSize(2); // no link block for a javascript: URL
        assertThat(m.get("text").flatMap(Json.Value::string).orElseThrow()).doesNotContain("<!channel>").doesNotContain("<@");
    }

    @Test
    @DisplayName("a Slack channel contact posts without a mention; a member contact mentions the member")
    void contacts() throws Exception {
        SlackWebhook hook = webhook();
        hook.deliver(Pages.page("Bob", 1), new ContactMethod.Slack("#payments-oncall")).toCompletableFuture().get(10, TimeUnit.SECONDS);
        hook.deliver(Pages.page("Bob", 1), new ContactMethod.Slack("W0BOB1234")).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(blockText(slack.messages().get(0), 1)).contains("*Paged:* Bob at level 1");
        assertThat(blockText(slack.messages().get(1), 1)).contains("*Paged:* <@W0BOB1234> (Bob) at level 1");
    }

    @Test
    @DisplayName("Slack's 4xx errors (invalid_payload, channel_not_found) are permanent; 429 honours Retry-After; 500 is retried")
    void statuses() throws Exception {
        slack.then(LoopbackHttpServer.Answer.of(404, "channel_not_found"));
        try (LogCapture log = LogCapture.start()) {
            CompletableFuture<Void> notFound = webhook().send(Pages.page()).toCompletableFuture();
            assertThatThrownBy(() -> notFound.get(10, TimeUnit.SECONDS)).cause()
                    .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.permanent()).isTrue())
                    .hasMessageContaining("channel_not_found");
            assertThat(log.errors()).anySatisfy(l -> assertThat(l).contains("Slack refused message for INC-42"));
        }
        assertThat(time.pending()).isZero();

        slack.then(LoopbackHttpServer.Answer.of(429, "rate_limited").withHeader("Retry-After", "30"),
                LoopbackHttpServer.Answer.of(500, "rollup_error"));
        CompletableFuture<Void> f = webhook().send(Pages.page()).toCompletableFuture();
        Await.until("the 429 retry is scheduled", Duration.ofSeconds(10), () -> time.pending() > 0);
        assertThat(time.nextDue()).contains(Pages.AT.plusSeconds(30));
        time.advanceTo(time.nextDue().orElseThrow());
        Await.until("the 500 retry is scheduled", Duration.ofSeconds(10), () -> time.pending() > 0);
        assertThat(time.nextDue()).contains(Pages.AT.plusSeconds(32)); // 30s, then the backoff of a second attempt: 2s
        time.advanceTo(time.nextDue().orElseThrow());
        f.get(10, TimeUnit.SECONDS);
        assertThat(slack.requests()).hasSize(4);
    }

    @Test
    @DisplayName("a webhook that never answers fails the page after the timeout")
    void timeout() {
        slack.then(LoopbackHttpServer.Answer.of(200, "ok").held());
        CompletableFuture<Void> f = webhook(RetryPolicy.DEFAULT.withTimeout(Duration.ofMillis(200)).withMaxAttempts(1))
                .send(Pages.page()).toCompletableFuture();
        assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).cause().hasMessageContaining("no answer within 200ms");
    }

    @Test
    @DisplayName("the server's schema check refuses what Slack refuses (so the tests above prove conformance)")
    void schemaCheckBites() throws Exception {
        java.net.http.HttpClient c = java.net.http.HttpClient.newHttpClient();
        for (String bad : List.of("{}", "{\"blocks\":[{\"type\":\"header\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"x\"}}]}",
                "{\"blocks\":[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"" + "y".repeat(3001) + "\"}}]}")) {
            var r = c.send(java.net.http.HttpRequest.newBuilder(slack.url())
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(bad)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(400);
        }
        assertThat(slack.schemaErrors()).hasSize(3);
    }
}
