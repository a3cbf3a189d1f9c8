package io.github.incident4j.examples.stack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.incident4j.format.FormatException;
import io.github.incident4j.format.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A PagerDuty-compatible receiver on loopback: it takes Events API v2 requests ({@code POST /v2/enqueue}), checks
 * the fields PagerDuty requires (routing key, action, dedup key up to 255 characters, and for a trigger a summary of
 * at most 1,024 characters, a source and a severity of critical/error/warning/info), answers 202 like PagerDuty or
 * 400 {@code invalid event}, and keeps the events it accepted, so a scenario can show what PagerDuty would have got.
 */
public final class PagerDutyInbox implements AutoCloseable {

    /**
     * An accepted event.
     *
     * @param action trigger, acknowledge or resolve
     * @param dedupKey the dedup key
     * @param summary the trigger's summary (empty for other actions)
     * @param severity the trigger's severity (empty for other actions)
     * @param recipient who incident4j paged ({@code custom_details.recipient}; empty for other actions)
     */
    public record Event(String action, String dedupKey, String summary, String severity, String recipient) {
    }

    private static final Set<String> ACTIONS = Set.of("trigger", "acknowledge", "resolve");
    private static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final List<Event> events = new ArrayList<>();
    private final List<String> refused = new ArrayList<>();

    private PagerDutyInbox() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v2/enqueue", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Starts the inbox on a free loopback port. */
    public static PagerDutyInbox start() {
        return new PagerDutyInbox();
    }

    /** The endpoint to give {@code PagerDutyEvents.endpoint(..)}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v2/enqueue");
    }

    /** The accepted events, in order. */
    public synchronized List<Event> events() {
        return List.copyOf(events);
    }

    /** Why requests were refused (none when incident4j speaks PagerDuty correctly). */
    public synchronized List<String> refused() {
        return List.copyOf(refused);
    }

    /** Waits until {@code n} events were accepted, or the timeout passes. */
    public synchronized boolean awaitEvents(int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (events.size() < n) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readNBytes(512 * 1024 + 1), StandardCharsets.UTF_8);
            String problem = null;
            Event event = null;
            try {
                Json.Obj o = Json.parse(body, 512 * 1024).object().orElseThrow(() -> new FormatException("not an object", 1, 1));
                String action = text(o, "event_action");
                String key = text(o, "dedup_key");
                Json.Obj payload = o.get("payload").flatMap(Json.Value::object).orElse(null);
                if (text(o, "routing_key").isBlank()) {
                    problem = "routing_key is required";
                } else if (!ACTIONS.contains(action)) {
                    problem = "event_action must be trigger, acknowledge or resolve";
                } else if (key.length() > 255 || !action.equals("trigger") && key.isEmpty()) {
                    problem = "dedup_key must be 1 to 255 characters";
                } else if (action.equals("trigger") && (payload == null || text(payload, "summary").isEmpty()
                        || text(payload, "summary").length() > 1024 || text(payload, "source").isBlank()
                        || !SEVERITIES.contains(text(payload, "severity")))) {
                    problem = "a trigger needs payload.summary (1..1024), payload.source and payload.severity";
                } else {
                    String recipient = payload == null ? "" : payload.get("custom_details").flatMap(Json.Value::object)
                            .map(d -> text(d, "recipient")).orElse("");
                    event = new Event(action, key, payload == null ? "" : text(payload, "summary"),
                            payload == null ? "" : text(payload, "severity"), recipient);
                }
            } catch (FormatException e) {
                problem = "invalid JSON: " + e.getMessage();
            }
            synchronized (this) {
                if (event != null) {
                    events.add(event);
                    notifyAll();
                } else {
                    refused.add(problem);
                }
            }
            String answer = event != null
                    ? "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":" + Json.write(event.dedupKey()) + "}"
                    : "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\",\"errors\":[" + Json.write(problem) + "]}";
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(event != null ? 202 : 400, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private static String text(Json.Obj o, String name) {
        return o.get(name).flatMap(Json.Value::string).orElse("");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
