package io.github.incident4j.ingest;

import io.github.incident4j.common.Problems;
import io.github.incident4j.common.Text;
import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.format.FormatException;
import io.github.incident4j.incident.Alert;
import io.github.incident4j.incident.Heartbeat;
import io.github.incident4j.incident.Incident;
import io.github.incident4j.incident.IncidentContentionException;
import io.github.incident4j.incident.IncidentManager;
import io.github.incident4j.spi.StoreUnavailableException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alerts in: turns Alertmanager and Grafana webhook notifications into incidents through the routing table. The
 * logic of an HTTP receiver without the HTTP server, so any web framework can mount it: hand {@link #handle} the
 * request's body bytes and headers, answer with the {@link Response}'s status, headers and message.
 *
 * <pre>{@code
 * AlertIngest ingest = AlertIngest.builder()
 *         .manager(manager).routes(routes).policy(backendPolicy)
 *         .heartbeat(watchdogMonitor)
 *         .bearerToken(System.getenv("ALERTMANAGER_TOKEN"))
 *         .build();
 * AlertIngest.Response r = ingest.handle(bodyBytes, headers);   // r.status(): 200, 400, 401, 413, 415 or 503
 * }</pre>
 *
 * <p><b>Lifecycle.</b> Each alert is routed by its labels ({@link AlertRoutes}). A firing alert triggers an incident
 * on the route's policy; its dedup key is the alert's <em>fingerprint</em> (the hash of its label set), not the
 * group key: a group holds many alerts whose membership changes between notifications and whose key changes with
 * the sender's routing config, while the fingerprint names one alert for its whole life (and is the same from both
 * members of an Alertmanager HA pair), so each resolved alert resolves exactly its own incident. A repeat while the
 * incident is open is counted on it. A resolved alert resolves its incident when the route says
 * {@code autoResolve}; otherwise the resolution is noted on the timeline and a person resolves it. A firing alert on
 * a heartbeat route is a beat of that {@link Heartbeat.Monitor} and opens nothing. {@code summary} (else
 * {@code description}, else the {@code alertname}) becomes the incident's summary; all labels and annotations
 * travel with it ({@code runbook_url}, {@code dashboard}, ...; Grafana's {@code dashboardURL} becomes
 * {@code dashboard} and a {@code generatorURL} becomes {@code generator_url} when the alert has none of those).
 * Text from the payload is made storable ({@link Text#storable}) by the engine, once, before it reaches the store
 * ({@code IncidentManager} does it for every caller; escaping here too would escape it twice).
 *
 * <p><b>Statuses.</b> 200: applied. 400: the payload is not a valid webhook payload (nothing of it was applied).
 * 401: a credential is configured and the request lacks it. 413: the body is over the size limit. 415: a
 * {@code Content-Type} that is not JSON. 503: the incident store is unavailable (or every save conflicted), so the
 * sender retries; the alerts of the payload applied before the failure are applied again on the retry, which is
 * harmless: a repeat is counted on its open incident and resolving is idempotent. 500: an unexpected failure, logged
 * at ERROR. Alertmanager retries 5xx answers and drops 4xx ones, so only a store outage asks for a retry.
 */
public final class AlertIngest {

    /** The actor written on timelines for what the payloads do. */
    public static final String DEFAULT_ACTOR = "alertmanager";

    private static final Logger LOG = LoggerFactory.getLogger(AlertIngest.class);

    private final IncidentManager manager;
    private final AlertRoutes routes;
    private final Map<String, EscalationPolicy> policies;
    private final Map<String, Heartbeat.Monitor> heartbeats;
    private final @Nullable byte[] expectedAuthorization;
    private final String authScheme;
    private final int maxBytes;
    private final String actor;
    private final Consumer<Incident> onResolved;

    private AlertIngest(Builder b, @Nullable byte[] expectedAuthorization) {
        this.manager = Objects.requireNonNull(b.manager);
        this.routes = Objects.requireNonNull(b.routes);
        this.policies = Map.copyOf(b.policies);
        this.heartbeats = Map.copyOf(b.heartbeats);
        this.expectedAuthorization = expectedAuthorization;
        this.authScheme = b.basicUser != null ? "Basic" : "Bearer";
        this.maxBytes = b.maxBytes;
        this.actor = b.actor;
        this.onResolved = b.onResolved;
    }

    /** The largest body accepted, so a server can stop reading a longer one early. */
    public int maxBytes() {
        return maxBytes;
    }

    /** Starts a builder; manager, routes and the routes' policies are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * An answer to the sender.
     *
     * @param status the HTTP status
     * @param message a one-line text body saying what happened
     * @param headers headers to send ({@code WWW-Authenticate} on 401)
     * @param outcome what the payload did, when it was applied (also in part, on a 503)
     */
    public record Response(int status, String message, Map<String, String> headers, Optional<Outcome> outcome) {
        /** Copies the headers. */
        public Response {
            Objects.requireNonNull(message, "message");
            headers = Map.copyOf(headers);
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /**
     * What one payload did.
     *
     * @param triggered incidents opened
     * @param repeated alerts counted on an open incident
     * @param resolved incidents resolved by a resolved alert
     * @param noted resolved alerts noted on an incident that stays open (no auto-resolve)
     * @param unmatched resolved alerts with no open incident (already resolved, or never opened)
     * @param beats heartbeat beats
     */
    public record Outcome(int triggered, int repeated, int resolved, int noted, int unmatched, int beats) {
        @Override
        public String toString() {
            return triggered + " triggered, " + repeated + " repeated, " + resolved + " resolved, " + noted + " noted, "
                    + unmatched + " without an open incident, " + beats + " heartbeat beats";
        }
    }

    /**
     * Handles one webhook request: checks the credential, the size and the content type, reads the payload and
     * applies it.
     *
     * @param body the request body
     * @param headers the request headers (names in any case)
     */
    public Response handle(byte[] body, Map<String, List<String>> headers) {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(headers, "headers");
        if (expectedAuthorization != null) {
            String given = header(headers, "Authorization");
            if (given == null || !MessageDigest.isEqual(given.strip().getBytes(StandardCharsets.UTF_8), expectedAuthorization)) {
                LOG.warn("webhook request refused: {} Authorization header", given == null ? "no" : "a wrong");
                return new Response(401, "unauthorized: a valid " + authScheme + " Authorization header is required",
                        Map.of("WWW-Authenticate", authScheme + " realm=\"incident4j\""), Optional.empty());
            }
        }
        if (body.length > maxBytes) {
            return new Response(413, "payload of " + body.length + " bytes is over the limit of " + maxBytes,
                    Map.of(), Optional.empty());
        }
        String type = header(headers, "Content-Type");
        if (type != null && !type.strip().toLowerCase(Locale.ROOT).startsWith("application/json")) {
            return new Response(415, "unsupported Content-Type '" + type + "'; send application/json", Map.of(),
                    Optional.empty());
        }
        WebhookPayload payload;
        try {
            payload = AlertmanagerWebhook.parse(body);
        } catch (FormatException e) {
            LOG.warn("webhook payload refused: {}", e.getMessage());
            return new Response(400, "bad payload: " + e.getMessage().replace('\n', ' '), Map.of(), Optional.empty());
        }
        return apply(payload);
    }

    /**
     * Applies a payload already read (for hosts that read the request themselves).
     *
     * @return 200 with the outcome, 503 when the store is unavailable, 500 on an unexpected failure
     */
    public Response apply(WebhookPayload payload) {
        Counts counts = new Counts();
        try {
            for (WebhookPayload.Alert a : payload.alerts()) {
                applyOne(payload, a, counts);
            }
        } catch (StoreUnavailableException | IncidentContentionException e) {
            LOG.warn("webhook payload from '{}' not fully applied ({}); answering 503 so the sender retries",
                    payload.receiver(), counts.outcome(), e);
            return new Response(503, "incident store unavailable, retry later: " + e.getMessage(), Map.of("Retry-After", "10"),
                    Optional.of(counts.outcome()));
        } catch (RuntimeException e) {
            LOG.error("webhook payload from '{}' failed after {}", payload.receiver(), counts.outcome(), e);
            return new Response(500, "internal error: " + e.getClass().getSimpleName(), Map.of(),
                    Optional.of(counts.outcome()));
        }
        Outcome outcome = counts.outcome();
        LOG.debug("webhook payload from '{}' ({} alerts): {}", payload.receiver(), payload.alerts().size(), outcome);
        return new Response(200, "ok: " + outcome, Map.of(), Optional.of(outcome));
    }

    private void applyOne(WebhookPayload payload, WebhookPayload.Alert a, Counts counts) {
        AlertRoutes.Routing routing = routes.route(a.labels());
        String key = a.fingerprint();
        if (routing.heartbeat().isPresent()) {
            if (a.status() == WebhookPayload.Status.FIRING) {
                Heartbeat.Monitor monitor = heartbeats.get(routing.heartbeat().get());
                Objects.requireNonNull(monitor).beat();
                counts.beats++;
            }
            return;
        }
        if (a.status() == WebhookPayload.Status.FIRING) {
            EscalationPolicy policy = policies.get(routing.policy().orElseThrow());
            Incident incident = manager.trigger(alert(payload, a, routing, key), Objects.requireNonNull(policy));
            if (incident.alertCount() > 1) {
                counts.repeated++;
            } else {
                counts.triggered++;
            }
            return;
        }
        String when = a.endsAt().map(Object::toString).orElse("an unknown time");
        Optional<Incident> done;
        if (routing.autoResolve()) {
            done = manager.addNoteByKey(key, actor, "alert resolved at " + when + " (route '" + routing.route() + "')")
                    .flatMap(i -> manager.resolveByKey(key, actor));
            done.ifPresent(i -> {
                counts.resolved++;
                try {
                    onResolved.accept(i);
                } catch (RuntimeException e) {
                    LOG.error("onResolved callback failed for {}", i.id(), e);
                }
            });
        } else {
            done = manager.addNoteByKey(key, actor, "alert resolved at " + when + "; route '" + routing.route()
                    + "' does not auto-resolve, so the incident stays open until someone resolves it");
            done.ifPresent(i -> counts.noted++);
        }
        if (done.isEmpty()) {
            counts.unmatched++;
        }
    }

    /** The incident alert of a payload alert, as routed (package-private for tests). */
    static Alert alert(WebhookPayload payload, WebhookPayload.Alert a, AlertRoutes.Routing routing, String key) {
        Map<String, String> labels = a.labels();
        Map<String, String> annotations = new LinkedHashMap<>(a.annotations());
        a.dashboardUrl().ifPresent(u -> annotations.putIfAbsent(Alert.DASHBOARD, u));
        a.generatorUrl().ifPresent(u -> annotations.putIfAbsent("generator_url", u));
        a.panelUrl().ifPresent(u -> annotations.putIfAbsent("panel_url", u));
        a.silenceUrl().ifPresent(u -> annotations.putIfAbsent("silence_url", u));
        a.valueString().ifPresent(u -> annotations.putIfAbsent("value_string", u));
        Alert.Builder b = Alert.withKey(key)
                .service(routing.serviceOf(labels))
                .summary(summary(a))
                .severity(routing.severityOf(labels))
                .urgency(routing.urgency());
        routing.category().ifPresent(b::category);
        labels.forEach(b::label);
        annotations.forEach(b::annotation);
        if (payload.source() == WebhookPayload.Source.GRAFANA) {
            b.label("source", labels.getOrDefault("source", "grafana"));
        }
        return b.build();
    }

    private static String summary(WebhookPayload.Alert a) {
        String s = a.annotations().getOrDefault("summary", "").strip();
        if (s.isEmpty()) {
            s = a.annotations().getOrDefault(Alert.DESCRIPTION, "").strip().lines().findFirst().orElse("");
        }
        if (s.isEmpty()) {
            s = a.alertName().strip();
        }
        if (s.isEmpty()) {
            s = "alert " + a.fingerprint();
        }
        return s.length() <= 500 ? s : s.substring(0, 500) + "…";
    }

    private static @Nullable String header(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }

    private static final class Counts {
        int triggered;
        int repeated;
        int resolved;
        int noted;
        int unmatched;
        int beats;

        Outcome outcome() {
            return new Outcome(triggered, repeated, resolved, noted, unmatched, beats);
        }
    }

    /** Fluent builder; {@link #build()} reports every problem at once. */
    public static final class Builder {
        private @Nullable IncidentManager manager;
        private @Nullable AlertRoutes routes;
        private final Map<String, EscalationPolicy> policies = new LinkedHashMap<>();
        private final Map<String, Heartbeat.Monitor> heartbeats = new LinkedHashMap<>();
        private @Nullable String bearerToken;
        private @Nullable String basicUser;
        private @Nullable String basicPassword;
        private int maxBytes = AlertmanagerWebhook.MAX_BYTES;
        private String actor = DEFAULT_ACTOR;
        private Consumer<Incident> onResolved = i -> { };
        private final List<String> duplicates = new ArrayList<>();

        private Builder() {
        }

        /** The manager incidents open on (required). */
        public Builder manager(IncidentManager value) {
            this.manager = Objects.requireNonNull(value, "manager");
            return this;
        }

        /** The routing table (required). */
        public Builder routes(AlertRoutes value) {
            this.routes = Objects.requireNonNull(value, "routes");
            return this;
        }

        /** A policy the routes may name (by {@link EscalationPolicy#name()}). */
        public Builder policy(EscalationPolicy value) {
            Objects.requireNonNull(value, "policy");
            if (policies.put(value.name(), value) != null) {
                duplicates.add(value.name());
            }
            return this;
        }

        /** A heartbeat monitor a heartbeat route may name (by its heartbeat's name). */
        public Builder heartbeat(Heartbeat.Monitor monitor) {
            Objects.requireNonNull(monitor, "monitor");
            heartbeats.put(monitor.heartbeat().name(), monitor);
            return this;
        }

        /** Requires {@code Authorization: Bearer <token>} (Alertmanager's {@code http_config.authorization}). */
        public Builder bearerToken(String token) {
            this.bearerToken = Objects.requireNonNull(token, "token");
            return this;
        }

        /** Requires HTTP basic authentication with this user and password. */
        public Builder basicAuth(String user, String password) {
            this.basicUser = Objects.requireNonNull(user, "user");
            this.basicPassword = Objects.requireNonNull(password, "password");
            return this;
        }

        /** The largest body accepted (default and most {@link AlertmanagerWebhook#MAX_BYTES}). */
        public Builder maxBytes(int value) {
            this.maxBytes = value;
            return this;
        }

        /** The actor written on timelines (default {@value #DEFAULT_ACTOR}). */
        public Builder actor(String value) {
            this.actor = Objects.requireNonNull(value, "actor");
            return this;
        }

        /**
         * Called with each incident a resolved alert resolved (e.g. to send PagerDuty's resolve event); a throwing
         * callback is logged and ignored.
         */
        public Builder onResolved(Consumer<Incident> callback) {
            this.onResolved = Objects.requireNonNull(callback, "callback");
            return this;
        }

        /**
         * Builds the ingest: every policy and heartbeat the routes name must have been given.
         *
         * @throws io.github.incident4j.ValidationException listing every problem
         */
        public AlertIngest build() {
            Problems p = new Problems();
            p.check(manager != null, "manager", null, "is required");
            p.check(routes != null, "routes", null, "is required");
            duplicates.forEach(d -> p.add("policies", d, "two policies have this name"));
            if (routes != null) {
                for (String name : routes.policyNames()) {
                    p.check(policies.containsKey(name), "routes.policy", name, "names a policy that was not given "
                            + "(known: " + policies.keySet() + ")");
                }
                for (String name : routes.heartbeatNames()) {
                    p.check(heartbeats.containsKey(name), "routes.heartbeat", name, "names a heartbeat whose monitor "
                            + "was not given (known: " + heartbeats.keySet() + ")");
                }
            }
            p.check(bearerToken == null || basicUser == null, "auth", null, "give a bearer token or basic auth, not both");
            p.check(bearerToken == null || !bearerToken.isBlank(), "bearerToken", "", "must not be blank");
            p.check(basicUser == null || !basicUser.isBlank() && !basicUser.contains(":"), "basicAuth.user", basicUser,
                    "must not be blank nor hold ':'");
            p.check(maxBytes > 0 && maxBytes <= AlertmanagerWebhook.MAX_BYTES, "maxBytes", maxBytes,
                    "must be between 1 and " + AlertmanagerWebhook.MAX_BYTES);
            p.check(!actor.isBlank(), "actor", actor, "must not be blank");
            p.throwIfAny("alert ingest");
            byte[] expected = null;
            if (bearerToken != null) {
                expected = ("Bearer " + bearerToken).getBytes(StandardCharsets.UTF_8);
            } else if (basicUser != null) {
                expected = ("Basic " + Base64.getEncoder().encodeToString((basicUser + ":" + basicPassword)
                        .getBytes(StandardCharsets.UTF_8))).getBytes(StandardCharsets.UTF_8);
            }
            return new AlertIngest(this, expected);
        }
    }
}
