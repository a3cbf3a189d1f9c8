package io.github.incident4j.ingest;

import io.github.incident4j.format.FormatException;
import io.github.incident4j.format.Json;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Reads the webhook payloads of Prometheus Alertmanager (version 4) and of Grafana-managed alerting (version 1, the
 * same shape plus {@code orgId}, {@code title}, {@code message} and per-alert {@code silenceURL},
 * {@code dashboardURL}, {@code panelURL}, {@code valueString}, {@code values}).
 *
 * <pre>{@code
 * WebhookPayload payload = AlertmanagerWebhook.parse(requestBodyBytes);
 * for (WebhookPayload.Alert a : payload.alerts()) {
 *     a.status();         // FIRING or RESOLVED
 *     a.fingerprint();    // "c6eadffa33fcdf37"
 * }
 * }</pre>
 *
 * <p>Every problem of a payload is reported at once, each naming its field ({@code alerts[2].startsAt}) with the
 * line and column, in one {@link FormatException}; nothing is returned half read. Fields the reader does not know
 * are allowed and ignored (senders add fields across versions). The input is capped at {@link #MAX_BYTES}, refused
 * by its length before anything is parsed; reading is linear in the payload's size.
 */
public final class AlertmanagerWebhook {

    /** The largest payload read: 4 MiB (Alertmanager sends a whole alert group in one request). */
    public static final int MAX_BYTES = 4 * 1024 * 1024;

    /** Alertmanager's "no end time yet". */
    private static final Instant ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

    private final List<FormatException.Problem> problems = new ArrayList<>();

    private AlertmanagerWebhook() {
    }

    /**
     * Reads a payload from the request body (UTF-8).
     *
     * @throws FormatException for a body over {@link #MAX_BYTES}, bytes that are not UTF-8, malformed JSON, or a
     *     payload whose fields are missing or wrong (every problem, each with its field, line and column)
     */
    public static WebhookPayload parse(byte[] body) {
        if (body.length > MAX_BYTES) {
            throw new FormatException("payload of " + body.length + " bytes is over the limit of " + MAX_BYTES, 1, 1);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new FormatException("the payload is not UTF-8 text", 1, 1, e);
        }
        return parse(text);
    }

    /**
     * Reads a payload.
     *
     * @throws FormatException as {@link #parse(byte[])}
     */
    public static WebhookPayload parse(String json) {
        return new AlertmanagerWebhook().read(Json.parse(json, MAX_BYTES));
    }

    private WebhookPayload read(Json.Value root) {
        if (!(root instanceof Json.Obj o)) {
            throw new FormatException("expected a JSON object (a webhook payload), but found " + root.kind(),
                    root.line(), root.column());
        }
        String version = requiredString(o, "version", "version");
        WebhookPayload.Source source = null;
        if (version != null) {
            if (version.equals("4")) {
                source = WebhookPayload.Source.ALERTMANAGER;
            } else if (version.equals("1") && o.get("orgId").isPresent()) {
                source = WebhookPayload.Source.GRAFANA;
            } else {
                error(o.get("version").orElseThrow(), "version: unsupported payload version '" + version
                        + "'; expected 4 (Alertmanager) or 1 with orgId (Grafana)");
            }
        }
        WebhookPayload.Status status = status(o, "status");
        String receiver = optionalString(o, "receiver", "receiver").orElse("");
        String groupKey = optionalString(o, "groupKey", "groupKey").orElse("");
        int truncated = o.get("truncatedAlerts").map(v -> count(v, "truncatedAlerts")).orElse(0);
        Map<String, String> groupLabels = stringMap(o, "groupLabels", "groupLabels");
        Map<String, String> commonLabels = stringMap(o, "commonLabels", "commonLabels");
        Map<String, String> commonAnnotations = stringMap(o, "commonAnnotations", "commonAnnotations");
        String externalUrl = optionalString(o, "externalURL", "externalURL").orElse("");
        OptionalLong orgId = OptionalLong.empty();
        Optional<Json.Value> org = o.get("orgId");
        if (org.isPresent()) {
            if (org.get() instanceof Json.Num n && n.value().stripTrailingZeros().scale() <= 0
                    && n.value().abs().compareTo(java.math.BigDecimal.valueOf(Long.MAX_VALUE)) <= 0) {
                orgId = OptionalLong.of(n.value().longValue());
            } else {
                error(org.get(), "orgId: expected a whole number, but found " + describe(org.get()));
            }
        }
        Optional<String> title = optionalString(o, "title", "title");
        Optional<String> message = optionalString(o, "message", "message");
        List<WebhookPayload.Alert> alerts = new ArrayList<>();
        Optional<Json.Value> alertsNode = o.get("alerts");
        if (alertsNode.isEmpty()) {
            error(o, "alerts: missing; a webhook payload carries a list of alerts");
        } else if (!(alertsNode.get() instanceof Json.Arr arr)) {
            error(alertsNode.get(), "alerts: expected an array, but found " + describe(alertsNode.get()));
        } else {
            for (int i = 0; i < arr.items().size(); i++) {
                WebhookPayload.Alert a = alert(arr.items().get(i), "alerts[" + i + "]");
                if (a != null) {
                    alerts.add(a);
                }
            }
        }
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparingInt(FormatException.Problem::line)
                    .thenComparingInt(FormatException.Problem::column));
            throw new FormatException(problems);
        }
        return new WebhookPayload(java.util.Objects.requireNonNull(source), version, java.util.Objects.requireNonNull(status),
                receiver, groupKey, truncated, groupLabels, commonLabels, commonAnnotations, externalUrl, alerts, orgId,
                title, message);
    }

    private WebhookPayload.@Nullable Alert alert(Json.Value v, String path) {
        if (!(v instanceof Json.Obj o)) {
            error(v, path + ": expected an object, but found " + describe(v));
            return null;
        }
        int before = problems.size();
        WebhookPayload.Status status = status(o, path + ".status");
        Map<String, String> labels = stringMap(o, "labels", path + ".labels");
        if (o.get("labels").isEmpty()) {
            error(o, path + ".labels: missing; an alert is identified by its labels");
        }
        Map<String, String> annotations = stringMap(o, "annotations", path + ".annotations");
        Instant startsAt = time(o, "startsAt", path, true);
        Instant endsAt = time(o, "endsAt", path, false);
        Optional<String> generator = optionalString(o, "generatorURL", path + ".generatorURL").filter(s -> !s.isEmpty());
        Optional<String> fingerprint = optionalString(o, "fingerprint", path + ".fingerprint").filter(s -> !s.isEmpty());
        Optional<String> silence = optionalString(o, "silenceURL", path + ".silenceURL").filter(s -> !s.isEmpty());
        Optional<String> dashboard = optionalString(o, "dashboardURL", path + ".dashboardURL").filter(s -> !s.isEmpty());
        Optional<String> panel = optionalString(o, "panelURL", path + ".panelURL").filter(s -> !s.isEmpty());
        Optional<String> valueString = optionalString(o, "valueString", path + ".valueString").filter(s -> !s.isEmpty());
        if (problems.size() > before || status == null || startsAt == null) {
            return null;
        }
        return new WebhookPayload.Alert(status, labels, annotations, startsAt,
                Optional.ofNullable(endsAt).filter(t -> t.isAfter(ZERO_TIME)), generator,
                fingerprint.orElseGet(() -> fingerprint(labels)), silence, dashboard, panel, valueString);
    }

    /**
     * The fingerprint Alertmanager gives a label set: FNV-1a (64 bit) over the labels sorted by name, each name and
     * value followed by the byte 0xFF, written as 16 hex digits. Used when a sender gives no fingerprint, so the
     * dedup key is the one Alertmanager would have sent.
     */
    public static String fingerprint(Map<String, String> labels) {
        long hash = 0xcbf29ce484222325L;
        for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
            hash = fnv(hash, e.getKey());
            hash = fnvByte(hash, 0xFF);
            hash = fnv(hash, e.getValue());
            hash = fnvByte(hash, 0xFF);
        }
        return String.format(Locale.ROOT, "%016x", hash);
    }

    private static long fnv(long hash, String s) {
        long h = hash;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h = fnvByte(h, b & 0xFF);
        }
        return h;
    }

    private static long fnvByte(long hash, int b) {
        return (hash ^ b) * 0x100000001b3L;
    }

    private WebhookPayload.@Nullable Status status(Json.Obj o, String path) {
        String name = path.substring(path.lastIndexOf('.') + 1);
        String s = requiredString(o, name, path);
        if (s == null) {
            return null;
        }
        return switch (s) {
            case "firing" -> WebhookPayload.Status.FIRING;
            case "resolved" -> WebhookPayload.Status.RESOLVED;
            default -> {
                error(o.get(name).orElseThrow(), path + ": expected 'firing' or 'resolved', but was '" + s + "'");
                yield null;
            }
        };
    }

    private @Nullable Instant time(Json.Obj o, String name, String path, boolean required) {
        Optional<Json.Value> v = o.get(name);
        if (v.isEmpty()) {
            if (required) {
                error(o, path + "." + name + ": missing; expected an RFC 3339 time such as 2026-03-02T09:00:00Z");
            }
            return null;
        }
        if (!(v.get() instanceof Json.Str s)) {
            error(v.get(), path + "." + name + ": expected an RFC 3339 time, but found " + describe(v.get()));
            return null;
        }
        try {
            return OffsetDateTime.parse(s.value()).toInstant();
        } catch (DateTimeException e) {
            error(v.get(), path + "." + name + ": expected an RFC 3339 time such as 2026-03-02T09:00:00Z, but was '"
                    + abbreviate(s.value()) + "'");
            return null;
        }
    }

    private Map<String, String> stringMap(Json.Obj o, String name, String path) {
        Optional<Json.Value> v = o.get(name);
        Map<String, String> out = new LinkedHashMap<>();
        if (v.isEmpty() || v.get() instanceof Json.Null) {
            return out;
        }
        if (!(v.get() instanceof Json.Obj m)) {
            error(v.get(), path + ": expected an object of strings, but found " + describe(v.get()));
            return out;
        }
        for (Json.Member member : m.members().values()) {
            if (member.value() instanceof Json.Str s) {
                out.put(member.name(), s.value());
            } else {
                error(member.value(), path + "." + member.name() + ": expected a string, but found "
                        + describe(member.value()));
            }
        }
        return out;
    }

    private @Nullable String requiredString(Json.Obj o, String name, String path) {
        Optional<Json.Value> v = o.get(name);
        if (v.isEmpty()) {
            error(o, path + ": missing");
            return null;
        }
        return string(v.get(), path);
    }

    private Optional<String> optionalString(Json.Obj o, String name, String path) {
        Optional<Json.Value> v = o.get(name);
        if (v.isEmpty() || v.get() instanceof Json.Null) {
            return Optional.empty();
        }
        return Optional.ofNullable(string(v.get(), path));
    }

    private @Nullable String string(Json.Value v, String path) {
        if (v instanceof Json.Str s) {
            return s.value();
        }
        error(v, path + ": expected a string, but found " + describe(v));
        return null;
    }

    private int count(Json.Value v, String path) {
        if (v instanceof Json.Num n && n.value().signum() >= 0 && n.value().stripTrailingZeros().scale() <= 0
                && n.value().compareTo(java.math.BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0) {
            return n.value().intValue();
        }
        error(v, path + ": expected a whole number of 0 or more, but found " + describe(v));
        return 0;
    }

    private static String describe(Json.Value v) {
        if (v instanceof Json.Str s) {
            return "the string '" + abbreviate(s.value()) + "'";
        }
        if (v instanceof Json.Num n) {
            return "the number " + abbreviate(n.value().toString());
        }
        if (v instanceof Json.Bool b) {
            return String.valueOf(b.value());
        }
        return v.kind();
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }

    private void error(Json.Value at, String message) {
        problems.add(new FormatException.Problem(at.line(), at.column(), message));
    }
}
