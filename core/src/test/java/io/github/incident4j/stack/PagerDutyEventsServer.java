package io.github.incident4j.stack;

import io.github.incident4j.format.FormatException;
import io.github.incident4j.format.Json;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * A loopback stand-in for PagerDuty's Events API v2 ({@code POST /v2/enqueue}) that checks every request against the
 * documented schema and limits: {@code routing_key} (32 characters), {@code event_action} (trigger, acknowledge,
 * resolve), {@code dedup_key} (at most 255 characters; required to acknowledge or resolve), and for a trigger
 * {@code payload} with {@code summary} (1 to 1,024 characters), {@code source}, {@code severity} (critical, error,
 * warning, info), an ISO 8601 {@code timestamp}, string {@code component}/{@code group}/{@code class}, an object
 * {@code custom_details}, {@code links} with {@code href}, {@code images} with an https {@code src}; at most 512 KB.
 * A request that breaks the schema gets PagerDuty's 400 ({@code invalid event}); a valid one gets the next scripted
 * answer, or 202 {@code Event processed}.
 */
public final class PagerDutyEventsServer implements AutoCloseable {

    /** A valid event as received, with the answer's status. */
    public record Event(Json.Obj body, int answered) {
        public String action() {
            return body.get("event_action").flatMap(Json.Value::string).orElse("");
        }

        public String dedupKey() {
            return body.get("dedup_key").flatMap(Json.Value::string).orElse("");
        }

        public String routingKey() {
            return body.get("routing_key").flatMap(Json.Value::string).orElse("");
        }

        public Json.Obj payload() {
            return body.get("payload").flatMap(Json.Value::object).orElseThrow();
        }

        public String payloadString(String name) {
            return payload().get(name).flatMap(Json.Value::string).orElse("");
        }
    }

    private static final Set<String> ACTIONS = Set.of("trigger", "acknowledge", "resolve");
    private static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");
    private static final Set<String> TOP = Set.of("routing_key", "event_action", "dedup_key", "payload", "images",
            "links", "client", "client_url");
    private static final Set<String> PAYLOAD = Set.of("summary", "source", "severity", "timestamp", "component", "group",
            "class", "custom_details");

    private final Deque<LoopbackHttpServer.Answer> script = new ConcurrentLinkedDeque<>();
    private final List<Event> events = new ArrayList<>();
    private final List<List<String>> schemaErrors = new ArrayList<>();
    private final LoopbackHttpServer http;

    public PagerDutyEventsServer() {
        http = LoopbackHttpServer.start(this::answer);
    }

    /** The endpoint to give {@code PagerDutyEvents.endpoint(..)}. */
    public URI endpoint() {
        return http.uri("/v2/enqueue");
    }

    /** Answers the next valid requests with these, in order (then 202). */
    public PagerDutyEventsServer then(LoopbackHttpServer.Answer... answers) {
        script.addAll(List.of(answers));
        return this;
    }

    /** PagerDuty's 202. */
    public static LoopbackHttpServer.Answer accepted(String dedupKey) {
        return LoopbackHttpServer.Answer.of(202, "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\""
                + dedupKey + "\"}");
    }

    /** PagerDuty's 429. */
    public static LoopbackHttpServer.Answer throttled() {
        return LoopbackHttpServer.Answer.of(429, "{\"status\":\"throttle exceeded\",\"message\":\"Requests for this service are arriving too quickly.  Please retry later.\"}");
    }

    /** A 5xx. */
    public static LoopbackHttpServer.Answer serverError(int status) {
        return LoopbackHttpServer.Answer.of(status, "{\"status\":\"error\",\"message\":\"internal error\"}");
    }

    /** The valid events received, in order. */
    public synchronized List<Event> events() {
        return List.copyOf(events);
    }

    /** The schema errors of refused requests, one list per request. */
    public synchronized List<List<String>> schemaErrors() {
        return List.copyOf(schemaErrors);
    }

    /** Every request received, valid or not. */
    public List<LoopbackHttpServer.Request> requests() {
        return http.requests();
    }

    /** Waits until {@code n} requests arrived. */
    public List<LoopbackHttpServer.Request> awaitRequests(int n, Duration timeout) throws InterruptedException {
        return http.awaitRequests(n, timeout);
    }

    /** Releases held answers. */
    public void release() {
        http.release();
    }

    private LoopbackHttpServer.Answer answer(LoopbackHttpServer.Request request) {
        List<String> errors = new ArrayList<>();
        Json.Obj body = null;
        if (!request.method().equals("POST") || !request.path().equals("/v2/enqueue")) {
            return LoopbackHttpServer.Answer.of(404, "{\"status\":\"not found\"}");
        }
        if (request.body().length > 512 * 1024) {
            errors.add("payload over 512 KB");
        }
        String type = request.header("Content-Type");
        if (type == null || !type.startsWith("application/json")) {
            errors.add("Content-Type must be application/json, was " + type);
        }
        try {
            body = Json.parse(request.text(), 1 << 20).object().orElse(null);
            if (body == null) {
                errors.add("body is not a JSON object");
            }
        } catch (FormatException e) {
            errors.add("invalid JSON: " + e.getMessage());
        }
        if (body != null) {
            validate(body, errors);
        }
        if (!errors.isEmpty()) {
            synchronized (this) {
                schemaErrors.add(errors);
            }
            return LoopbackHttpServer.Answer.of(400, "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\","
                    + "\"errors\":[" + String.join(",", errors.stream().map(e -> Json.write(e)).toList()) + "]}");
        }
        LoopbackHttpServer.Answer a = script.poll();
        String key = body.get("dedup_key").flatMap(Json.Value::string).orElse("generated");
        if (a == null) {
            a = accepted(key);
        }
        synchronized (this) {
            events.add(new Event(body, a.status()));
        }
        return a;
    }

    private static void validate(Json.Obj o, List<String> errors) {
        o.members().keySet().stream().filter(k -> !TOP.contains(k)).forEach(k -> errors.add("unknown field " + k));
        String key = string(o, "routing_key", errors, true);
        if (key != null && key.length() != 32) {
            errors.add("routing_key must be 32 characters, was " + key.length());
        }
        String action = string(o, "event_action", errors, true);
        if (action != null && !ACTIONS.contains(action)) {
            errors.add("event_action must be trigger, acknowledge or resolve, was " + action);
        }
        String dedup = string(o, "dedup_key", errors, false);
        if (dedup != null && dedup.length() > 255) {
            errors.add("dedup_key longer than 255 characters: " + dedup.length());
        }
        if (("acknowledge".equals(action) || "resolve".equals(action)) && dedup == null) {
            errors.add("dedup_key is required to " + action);
        }
        if ("trigger".equals(action)) {
            Json.Obj payload = o.get("payload").flatMap(Json.Value::object).orElse(null);
            if (payload == null) {
                errors.add("payload (an object) is required for a trigger");
            } else {
                payload.members().keySet().stream().filter(k -> !PAYLOAD.contains(k))
                        .forEach(k -> errors.add("unknown payload field " + k));
                String summary = string(payload, "summary", errors, true);
                if (summary != null && (summary.isEmpty() || summary.length() > 1024)) {
                    errors.add("payload.summary must be 1 to 1024 characters, was " + summary.length());
                }
                String source = string(payload, "source", errors, true);
                if (source != null && source.isBlank()) {
                    errors.add("payload.source must not be blank");
                }
                String severity = string(payload, "severity", errors, true);
                if (severity != null && !SEVERITIES.contains(severity)) {
                    errors.add("payload.severity must be critical, error, warning or info, was " + severity);
                }
                String timestamp = string(payload, "timestamp", errors, false);
                if (timestamp != null) {
                    try {
                        OffsetDateTime.parse(timestamp);
                    } catch (DateTimeParseException e) {
                        errors.add("payload.timestamp is not ISO 8601: " + timestamp);
                    }
                }
                string(payload, "component", errors, false);
                string(payload, "group", errors, false);
                string(payload, "class", errors, false);
                payload.get("custom_details").filter(v -> !(v instanceof Json.Obj))
                        .ifPresent(v -> errors.add("payload.custom_details must be an object"));
            }
            o.get("links").ifPresent(v -> {
                if (!(v instanceof Json.Arr arr)) {
                    errors.add("links must be an array");
                    return;
                }
                for (Json.Value l : arr.items()) {
                    Json.Obj lo = l.object().orElse(null);
                    if (lo == null || lo.get("href").flatMap(Json.Value::string).isEmpty()) {
                        errors.add("every link needs an href");
                    }
                }
            });
            o.get("images").ifPresent(v -> {
                if (!(v instanceof Json.Arr arr)) {
                    errors.add("images must be an array");
                    return;
                }
                for (Json.Value l : arr.items()) {
                    String src = l.object().flatMap(x -> x.get("src")).flatMap(Json.Value::string).orElse("");
                    if (!src.startsWith("https://")) {
                        errors.add("every image needs an https src");
                    }
                }
            });
        }
        string(o, "client", errors, false);
        string(o, "client_url", errors, false);
    }

    private static String string(Json.Obj o, String name, List<String> errors, boolean required) {
        var v = o.get(name);
        if (v.isEmpty()) {
            if (required) {
                errors.add(name + " is required");
            }
            return null;
        }
        if (!(v.get() instanceof Json.Str s)) {
            errors.add(name + " must be a string");
            return null;
        }
        return s.value();
    }

    @Override
    public void close() {
        http.close();
    }
}
