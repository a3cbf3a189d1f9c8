package io.github.incident4j.notify;

import io.github.incident4j.ValidationException;
import io.github.incident4j.common.Problems;
import io.github.incident4j.format.Json;
import io.github.incident4j.incident.Alert;
import io.github.incident4j.incident.ContactMethod;
import io.github.incident4j.incident.Incident;
import io.github.incident4j.incident.IncidentListener;
import io.github.incident4j.spi.Page;
import io.github.incident4j.spi.Pager;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * A client of PagerDuty's Events API v2 ({@code POST /v2/enqueue}) over {@code java.net.http}: trigger, acknowledge
 * and resolve events with {@code routing_key} and {@code dedup_key}. A 202 is delivered; a 400 is permanent (not
 * retried, logged at ERROR); 429 and 5xx answers, timeouts and connection failures are retried per the
 * {@link RetryPolicy}, honouring {@code Retry-After}.
 *
 * <pre>{@code
 * PagerDutyEvents pd = PagerDutyEvents.withRoutingKey(integrationKey).timers(timers).build();
 * IncidentManager manager = IncidentManager.builder().pager(pd.pager())
 *         .listener(pd.listener())           // acknowledge and resolve reach PagerDuty too
 *         ...build();
 * }</pre>
 *
 * <p>A trigger carries: {@code dedup_key} = the page's dedup key (the incident's), so every level's page and the
 * later acknowledge and resolve events land on one PagerDuty alert; {@code payload.summary} = severity, incident and
 * summary (at most 1,024 characters); {@code payload.source} = the alert's {@code instance} label, else the service;
 * {@code payload.severity} = {@code critical} (SEV-1), {@code error} (SEV-2), {@code warning} (SEV-3), {@code info}
 * (SEV-4, SEV-5); {@code component} = the service; {@code group} = the {@code team} or {@code namespace} label;
 * {@code class} = the {@code alertname} label; {@code custom_details} = incident, recipient, level, pass, urgency,
 * matrix tier and response, labels and annotations; {@code links} = the runbook, dashboard and source URLs.
 * A dedup key longer than PagerDuty's 255 characters is shortened the same way for every event, so acknowledge and
 * resolve still find the alert.
 */
public final class PagerDutyEvents implements ContactChannel {

    /** PagerDuty's endpoint. */
    public static final URI DEFAULT_ENDPOINT = URI.create("https://events.pagerduty.com/v2/enqueue");
    /** PagerDuty's limit on {@code dedup_key}. */
    public static final int MAX_DEDUP_KEY = 255;
    /** PagerDuty's limit on {@code payload.summary}. */
    public static final int MAX_SUMMARY = 1024;

    private final String routingKey;
    private final URI endpoint;
    private final String clientName;
    private final @Nullable String clientUrl;
    private final HttpDelivery delivery;

    private PagerDutyEvents(Builder b) {
        this.routingKey = b.routingKey;
        this.endpoint = b.endpoint;
        this.clientName = b.clientName;
        this.clientUrl = b.clientUrl;
        this.delivery = b.delivery("PagerDuty");
    }

    /** Starts a client sending to the integration with this routing key (integration key). */
    public static Builder withRoutingKey(String routingKey) {
        return new Builder(routingKey);
    }

    /** Triggers (or re-triggers) the alert of this page on the default integration. */
    public CompletionStage<Void> trigger(Page page) {
        return trigger(routingKey, page, null);
    }

    /** Acknowledges the alert with this dedup key (the incident's) on the default integration. */
    public CompletionStage<Void> acknowledge(String dedupKey) {
        return event(routingKey, "acknowledge", dedupKey);
    }

    /** Resolves the alert with this dedup key (the incident's) on the default integration. */
    public CompletionStage<Void> resolve(String dedupKey) {
        return event(routingKey, "resolve", dedupKey);
    }

    /** Acknowledges on another integration (the one the trigger went to). */
    public CompletionStage<Void> acknowledge(String routingKey, String dedupKey) {
        return event(routingKey, "acknowledge", dedupKey);
    }

    /** Resolves on another integration (the one the trigger went to). */
    public CompletionStage<Void> resolve(String routingKey, String dedupKey) {
        return event(routingKey, "resolve", dedupKey);
    }

    /** A {@link Pager} that triggers every page on the default integration. */
    public Pager pager() {
        return this::trigger;
    }

    /**
     * An {@link IncidentListener} that tells PagerDuty what people do in incident4j: an acknowledgement sends
     * {@code acknowledge}, a resolution sends {@code resolve}, both for the incident's dedup key on the default
     * integration (the one {@link #pager()} triggers on), so PagerDuty stops notifying and closes its incident too.
     * Register it with {@code IncidentManager.builder().listener(pd.listener())}. Delivery is asynchronous and
     * retried like a trigger; one given up is an ERROR line of its own.
     */
    public IncidentListener listener() {
        return new IncidentListener() {
            @Override
            public void acknowledged(Incident incident, String who, Instant at) {
                acknowledge(incident.dedupKey());
            }

            @Override
            public void resolved(Incident incident, String who, Instant at) {
                resolve(incident.dedupKey());
            }
        };
    }

    /**
     * Triggers for a person's PagerDuty method: a {@link ContactMethod.PagerDutyService} sends with its routing key; a
     * {@link ContactMethod.PagerDutyUser} sends with the default key and the user as {@code custom_details.assignee}.
     */
    @Override
    public CompletionStage<Void> deliver(Page page, ContactMethod method) {
        if (method instanceof ContactMethod.PagerDutyService s) {
            return trigger(s.routingKey(), page, null);
        }
        if (method instanceof ContactMethod.PagerDutyUser u) {
            return trigger(routingKey, page, u.userId());
        }
        throw ValidationException.of("method", method.display(), "is not a PagerDuty contact method");
    }

    private CompletionStage<Void> trigger(String key, Page page, @Nullable String assignee) {
        String body = Json.write(triggerBody(key, page, assignee));
        return post(body, "trigger for " + page.incidentId() + " to " + page.recipient() + " (level " + page.level()
                + ", dedup " + dedupKey(page.dedupKey()) + ")");
    }

    private CompletionStage<Void> event(String key, String action, String dedupKey) {
        Objects.requireNonNull(dedupKey, "dedupKey");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("routing_key", key);
        body.put("event_action", action);
        body.put("dedup_key", dedupKey(dedupKey));
        return post(Json.write(body), action + " for dedup " + dedupKey(dedupKey));
    }

    private CompletionStage<Void> post(String body, String what) {
        return delivery.send(() -> HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)), what)
                .thenApply(r -> (Void) null);
    }

    /** The trigger event of a page, as the map {@code Json.write} turns into the request body. */
    Map<String, Object> triggerBody(String key, Page page, @Nullable String assignee) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("summary", truncate("[" + page.severity() + "] " + page.incidentId() + ": " + page.summary(), MAX_SUMMARY));
        payload.put("source", firstNonBlank(page.labels().get("instance"), page.service(), clientName));
        payload.put("severity", severity(page.severity()));
        payload.put("timestamp", page.at().toString());
        if (!page.service().isBlank()) {
            payload.put("component", page.service());
        }
        String group = firstNonBlank(page.labels().get("team"), page.labels().get("namespace"), "");
        if (!group.isEmpty()) {
            payload.put("group", group);
        }
        String alertName = page.labels().getOrDefault("alertname", "");
        if (!alertName.isBlank()) {
            payload.put("class", alertName);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("incident", page.incidentId());
        details.put("recipient", page.recipient());
        if (assignee != null) {
            details.put("assignee", assignee);
        }
        details.put("level", page.level());
        details.put("pass", page.pass());
        details.put("urgency", page.highUrgency() ? "high" : "low");
        if (page.tier() != null) {
            details.put("tier", page.tier());
        }
        if (page.response() != null) {
            details.put("response", page.response());
        }
        Optional.ofNullable(page.annotations().get(Alert.DESCRIPTION)).ifPresent(d -> details.put("description", d));
        if (!page.labels().isEmpty()) {
            details.put("labels", new java.util.TreeMap<>(page.labels()));
        }
        if (!page.annotations().isEmpty()) {
            details.put("annotations", new java.util.TreeMap<>(page.annotations()));
        }
        payload.put("custom_details", details);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("routing_key", key);
        body.put("event_action", "trigger");
        body.put("dedup_key", dedupKey(page.dedupKey()));
        body.put("payload", payload);
        List<Object> links = new ArrayList<>();
        link(links, page.annotations().get(Alert.RUNBOOK_URL), "Runbook");
        link(links, page.annotations().get(Alert.DASHBOARD), "Dashboard");
        link(links, page.annotations().get("generator_url"), "Source");
        if (!links.isEmpty()) {
            body.put("links", links);
        }
        body.put("client", clientName);
        if (clientUrl != null) {
            body.put("client_url", clientUrl);
        }
        return body;
    }

    private static void link(List<Object> links, @Nullable String href, String text) {
        if (href != null && (href.startsWith("http://") || href.startsWith("https://"))) {
            Map<String, String> l = new LinkedHashMap<>();
            l.put("href", href);
            l.put("text", text);
            links.add(l);
        }
    }

    /** PagerDuty's severity for ours. */
    static String severity(String ours) {
        return switch (ours) {
            case "SEV-1" -> "critical";
            case "SEV-2" -> "error";
            case "SEV-3" -> "warning";
            default -> "info";
        };
    }

    /**
     * The dedup key PagerDuty gets: the key itself when it fits in 255 characters, else its first 190 characters,
     * {@code ~} and the SHA-256 of the whole key in hex (still unique, and the same for every event).
     */
    public static String dedupKey(String key) {
        if (key.length() <= MAX_DEDUP_KEY) {
            return key;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return key.substring(0, 190) + "~" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static String firstNonBlank(@Nullable String a, @Nullable String b, String c) {
        if (a != null && !a.isBlank()) {
            return a;
        }
        return b != null && !b.isBlank() ? b : c;
    }

    /** Fluent builder; {@link #build()} reports every problem at once. */
    public static final class Builder extends ProviderBuilder<Builder> {
        private final String routingKey;
        private URI endpoint = DEFAULT_ENDPOINT;
        private String clientName = "incident4j";
        private @Nullable String clientUrl;

        private Builder(String routingKey) {
            this.routingKey = Objects.requireNonNull(routingKey, "routingKey");
        }

        /** Another endpoint (a proxy, or a test server). */
        public Builder endpoint(URI value) {
            this.endpoint = Objects.requireNonNull(value, "endpoint");
            return this;
        }

        @Override
        Builder self() {
            return this;
        }

        /** The {@code client} name shown in PagerDuty (default {@code incident4j}) and its URL. */
        public Builder client(String name, @Nullable String url) {
            this.clientName = Objects.requireNonNull(name, "name");
            this.clientUrl = url;
            return this;
        }

        /**
         * Builds the client.
         *
         * @throws ValidationException listing every problem
         */
        public PagerDutyEvents build() {
            Problems p = new Problems();
            p.check(!routingKey.isBlank(), "routingKey", routingKey, "must not be blank");
            check(p);
            p.check(endpoint.getScheme() != null && (endpoint.getScheme().equals("https") || endpoint.getScheme().equals("http")),
                    "endpoint", endpoint, "must be an http or https URL");
            p.check(!clientName.isBlank(), "client", clientName, "must not be blank");
            p.throwIfAny("PagerDuty events client");
            return new PagerDutyEvents(this);
        }
    }
}
