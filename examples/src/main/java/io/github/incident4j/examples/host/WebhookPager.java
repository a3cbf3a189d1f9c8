package io.github.incident4j.examples.host;

import io.github.incident4j.Incident4jException;
import io.github.incident4j.spi.Page;
import io.github.incident4j.spi.Pager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@link Pager} that posts each page as JSON to an HTTP webhook (a paging provider, a chat bridge, the
 * host's own service) with the JDK's {@link HttpClient}. It returns at once; the stage completes when the
 * webhook answers 2xx and fails on any other status, a timeout or a connection error, and the engine then
 * records the failure and retries with the same {@value #IDEMPOTENCY_HEADER}, so the receiver can drop
 * duplicates.
 *
 * <pre>{@code
 * Pager pager = new WebhookPager(URI.create("https://paging.internal/hook"), HttpClient.newHttpClient(),
 *         Duration.ofSeconds(5));
 * IncidentManager manager = IncidentManager.builder().pager(pager)...build();
 * }</pre>
 *
 * <p>Body: {@code {"incident":"…","recipient":"Alice","level":1,"pass":1,"attempt":1,"urgency":"high",
 * "severity":"SEV-2","summary":"…","tier":"L1 (On-Call)","response":"Restart/rollback","at":"2026-…Z"}}
 * ({@code tier} and {@code response} only with an escalation matrix).
 */
public final class WebhookPager implements Pager {

    /** The header carrying {@link Page#idempotencyKey()}: the same for every retry of one escalation step. */
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI endpoint;
    private final HttpClient client;
    private final Duration timeout;

    /**
     * A pager posting to {@code endpoint}.
     *
     * @param client the host's client (shared, with its own proxy, TLS and connection pool)
     * @param timeout how long one request may take before the page counts as failed
     */
    public WebhookPager(URI endpoint, HttpClient client, Duration timeout) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.client = Objects.requireNonNull(client, "client");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public CompletionStage<Void> send(Page page) {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header(IDEMPOTENCY_HEADER, page.idempotencyKey())
                .POST(HttpRequest.BodyPublishers.ofString(body(page)))
                .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenAccept(response -> {
            if (response.statusCode() / 100 != 2) {
                throw new WebhookFailure("webhook " + endpoint + " answered " + response.statusCode()
                        + " to the page for " + page.recipient() + " (" + page.idempotencyKey() + "): "
                        + abbreviate(response.body()));
            }
        });
    }

    /** The JSON body of a page. */
    static String body(Page page) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("incident", page.incidentId());
        json.put("recipient", page.recipient());
        json.put("level", page.level());
        json.put("pass", page.pass());
        json.put("attempt", page.attempt());
        json.put("urgency", page.highUrgency() ? "high" : "low");
        json.put("severity", page.severity());
        json.put("summary", page.summary());
        if (page.tier() != null) {
            json.put("tier", page.tier());
        }
        if (page.response() != null) {
            json.put("response", page.response());
        }
        json.put("at", page.at().toString());
        return JSON.writeValueAsString(json);
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }

    /** The webhook did not accept a page. */
    public static final class WebhookFailure extends Incident4jException {
        private static final long serialVersionUID = 1L;

        WebhookFailure(String message) {
            super(message);
        }
    }
}
