package io.github.incident4j.stack;

import io.github.incident4j.format.FormatException;
import io.github.incident4j.format.Json;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * A loopback stand-in for a Slack incoming webhook that checks every message against Slack's documented payload:
 * a JSON object with {@code text} and/or {@code blocks}; at most 50 blocks; a {@code header}'s text is
 * {@code plain_text} of at most 150 characters; a {@code section}'s text is {@code mrkdwn} or {@code plain_text} of
 * at most 3,000; a {@code context} has 1 to 10 text elements; {@code text} at most 40,000 characters. A bad message
 * gets Slack's 400 {@code invalid_payload} / {@code no_text} / {@code invalid_blocks}; a good one the next scripted
 * answer or 200 {@code ok}.
 */
public final class SlackWebhookServer implements AutoCloseable {

    private static final Set<String> TEXT_TYPES = Set.of("mrkdwn", "plain_text");

    private final Deque<LoopbackHttpServer.Answer> script = new ConcurrentLinkedDeque<>();
    private final List<Json.Obj> messages = new ArrayList<>();
    private final List<List<String>> schemaErrors = new ArrayList<>();
    private final LoopbackHttpServer http;

    public SlackWebhookServer() {
        http = LoopbackHttpServer.start(this::answer);
    }

    /** The webhook URL. */
    public URI url() {
        return http.uri("/services/T000/B000/XXXXXXXX");
    }

    /** Answers the next valid messages with these, in order (then 200 ok). */
    public SlackWebhookServer then(LoopbackHttpServer.Answer... answers) {
        script.addAll(List.of(answers));
        return this;
    }

    /** The valid messages received. */
    public synchronized List<Json.Obj> messages() {
        return List.copyOf(messages);
    }

    /** The schema errors of refused messages. */
    public synchronized List<List<String>> schemaErrors() {
        return List.copyOf(schemaErrors);
    }

    /** Every request received. */
    public List<LoopbackHttpServer.Request> requests() {
        return http.requests();
    }

    /** Waits for {@code n} requests. */
    public List<LoopbackHttpServer.Request> awaitRequests(int n, Duration timeout) throws InterruptedException {
        return http.awaitRequests(n, timeout);
    }

    private LoopbackHttpServer.Answer answer(LoopbackHttpServer.Request request) {
        List<String> errors = new ArrayList<>();
        Json.Obj body = null;
        try {
            body = Json.parse(request.text(), 1 << 20).object().orElse(null);
        } catch (FormatException e) {
            errors.add("invalid_payload");
        }
        if (body == null && errors.isEmpty()) {
            errors.add("invalid_payload");
        }
        if (body != null) {
            validate(body, errors);
        }
        if (!errors.isEmpty()) {
            synchronized (this) {
                schemaErrors.add(errors);
            }
            return LoopbackHttpServer.Answer.of(400, errors.get(0).split(":")[0]);
        }
        LoopbackHttpServer.Answer a = script.poll();
        synchronized (this) {
            messages.add(body);
        }
        return a != null ? a : LoopbackHttpServer.Answer.of(200, "ok");
    }

    private static void validate(Json.Obj o, List<String> errors) {
        String text = o.get("text").flatMap(Json.Value::string).orElse(null);
        Json.Arr blocks = o.get("blocks").orElse(null) instanceof Json.Arr a ? a : null;
        if ((text == null || text.isBlank()) && (blocks == null || blocks.items().isEmpty())) {
            errors.add("no_text");
        }
        if (text != null && text.length() > 40_000) {
            errors.add("invalid_payload: text over 40000 characters");
        }
        if (blocks == null) {
            return;
        }
        if (blocks.items().size() > 50) {
            errors.add("invalid_blocks: more than 50 blocks");
        }
        for (Json.Value b : blocks.items()) {
            Json.Obj block = b.object().orElse(null);
            String type = block == null ? null : block.get("type").flatMap(Json.Value::string).orElse(null);
            if (type == null) {
                errors.add("invalid_blocks: a block without type");
                continue;
            }
            switch (type) {
                case "header" -> textObject(block, "plain_text", 150, errors);
                case "section" -> textObject(block, null, 3000, errors);
                case "context" -> {
                    Json.Arr elements = block.get("elements").orElse(null) instanceof Json.Arr e ? e : null;
                    if (elements == null || elements.items().isEmpty() || elements.items().size() > 10) {
                        errors.add("invalid_blocks: context needs 1 to 10 elements");
                    } else {
                        for (Json.Value e : elements.items()) {
                            Json.Obj eo = e.object().orElse(null);
                            String et = eo == null ? null : eo.get("type").flatMap(Json.Value::string).orElse(null);
                            String t = eo == null ? null : eo.get("text").flatMap(Json.Value::string).orElse(null);
                            if (et == null || !TEXT_TYPES.contains(et) || t == null || t.isEmpty() || t.length() > 3000) {
                                errors.add("invalid_blocks: bad context element");
                            }
                        }
                    }
                }
                case "divider" -> { }
                default -> errors.add("invalid_blocks: unexpected block type " + type);
            }
        }
    }

    private static void textObject(Json.Obj block, String requiredType, int max, List<String> errors) {
        Json.Obj t = block.get("text").flatMap(Json.Value::object).orElse(null);
        String type = t == null ? null : t.get("type").flatMap(Json.Value::string).orElse(null);
        String text = t == null ? null : t.get("text").flatMap(Json.Value::string).orElse(null);
        if (type == null || text == null || !TEXT_TYPES.contains(type) || requiredType != null && !requiredType.equals(type)) {
            errors.add("invalid_blocks: a text object needs type " + (requiredType == null ? "mrkdwn or plain_text" : requiredType)
                    + " and text");
        } else if (text.isEmpty() || text.length() > max) {
            errors.add("invalid_blocks: text must be 1 to " + max + " characters, was " + text.length());
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
