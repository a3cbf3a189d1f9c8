package io.github.incident4j.notify;

import io.github.incident4j.ValidationException;
import io.github.incident4j.common.Problems;
import io.github.incident4j.format.Json;
import io.github.incident4j.incident.ContactMethod;
import io.github.incident4j.spi.Page;
import io.github.incident4j.spi.Pager;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Posts pages as JSON to any HTTP endpoint, signed with HMAC-SHA256 so the receiver can check they come from us and
 * were not replayed. Each request carries:
 * <ul>
 *   <li>{@value #TIMESTAMP_HEADER}: the Unix time in seconds when this attempt was sent;</li>
 *   <li>{@value #SIGNATURE_HEADER}: {@code v1=} and the hex HMAC-SHA256, keyed with the shared secret, of the
 *       timestamp, a {@code .} and the exact body bytes;</li>
 *   <li>{@value #IDEMPOTENCY_HEADER}: the page's idempotency key, the same for every retry of one escalation step.</li>
 * </ul>
 * A receiver recomputes the signature with {@link #verify} (constant-time) and refuses timestamps older than a few
 * minutes. A 2xx is delivered; 408, 429 and 5xx are retried per the {@link RetryPolicy}; other answers are permanent.
 *
 * <pre>{@code
 * SignedWebhook hooks = SignedWebhook.signingWith(secret).timers(timers).build();
 * Pager pager = hooks.pager(URI.create("https://ops.example.com/incident4j"));
 * // receiver side:
 * boolean ok = SignedWebhook.verify(secret, timestampHeader, bodyBytes, signatureHeader, Duration.ofMinutes(5), clock);
 * }</pre>
 *
 * <p>Body: {@code {"incident", "recipient", "level", "pass", "attempt", "urgency", "severity", "summary", "tier",
 * "response", "at", "dedup_key", "service", "labels", "annotations", "idempotency_key"}} ({@code tier} and
 * {@code response} only with an escalation matrix).
 */
public final class SignedWebhook implements ContactChannel {

    /** The header with the signature. */
    public static final String SIGNATURE_HEADER = "X-Incident4j-Signature";
    /** The header with the signed timestamp. */
    public static final String TIMESTAMP_HEADER = "X-Incident4j-Timestamp";
    /** The header with the page's idempotency key. */
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

    private final byte[] secret;
    private final Clock clock;
    private final HttpDelivery delivery;

    private SignedWebhook(Builder b) {
        this.secret = b.secret.clone();
        this.clock = b.timers().clock();
        this.delivery = b.delivery("webhook");
    }

    /** Starts a webhook client signing with this shared secret (at least 16 bytes). */
    public static Builder signingWith(byte[] secret) {
        return new Builder(secret);
    }

    /** Posts the page to the URL. */
    public CompletionStage<Void> send(URI url, Page page) {
        Objects.requireNonNull(url, "url");
        byte[] body = Json.write(body(page)).getBytes(StandardCharsets.UTF_8);
        return delivery.send(() -> {
            String timestamp = Long.toString(clock.instant().getEpochSecond());
            return HttpRequest.newBuilder(url)
                    .header("Content-Type", "application/json")
                    .header(TIMESTAMP_HEADER, timestamp)
                    .header(SIGNATURE_HEADER, signature(secret, timestamp, body))
                    .header(IDEMPOTENCY_HEADER, page.idempotencyKey())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        }, "page " + page.idempotencyKey() + " to " + url.getHost()).thenApply(r -> (Void) null);
    }

    /** A {@link Pager} posting every page to one URL. */
    public Pager pager(URI url) {
        return page -> send(url, page);
    }

    /** Posts to a person's {@link ContactMethod.Webhook}. */
    @Override
    public CompletionStage<Void> deliver(Page page, ContactMethod method) {
        if (!(method instanceof ContactMethod.Webhook w)) {
            throw ValidationException.of("method", method.display(), "is not a webhook contact method");
        }
        return send(w.url(), page);
    }

    /** The JSON body of a page. */
    static Map<String, Object> body(Page page) {
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
        json.put("dedup_key", page.dedupKey());
        json.put("service", page.service());
        json.put("labels", new TreeMap<>(page.labels()));
        json.put("annotations", new TreeMap<>(page.annotations()));
        json.put("idempotency_key", page.idempotencyKey());
        return json;
    }

    /** The signature header's value for a timestamp and body: {@code v1=<hex HMAC-SHA256(secret, timestamp.body)>}. */
    public static String signature(byte[] secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '.');
            return "v1=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
        }
    }

    /**
     * Checks a received request: the signature matches (compared in constant time) and the timestamp is within
     * {@code tolerance} of the clock.
     */
    public static boolean verify(byte[] secret, @Nullable String timestamp, byte[] body, @Nullable String signature,
            Duration tolerance, Clock clock) {
        if (timestamp == null || signature == null || !timestamp.matches("\\d{1,12}")) {
            return false;
        }
        Instant sent = Instant.ofEpochSecond(Long.parseLong(timestamp));
        if (Duration.between(sent, clock.instant()).abs().compareTo(tolerance) > 0) {
            return false;
        }
        return MessageDigest.isEqual(signature(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }

    /** Fluent builder; {@link #build()} reports every problem at once. */
    public static final class Builder extends ProviderBuilder<Builder> {
        private final byte[] secret;

        private Builder(byte[] secret) {
            this.secret = Objects.requireNonNull(secret, "secret").clone();
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * Builds the client.
         *
         * @throws ValidationException listing every problem
         */
        public SignedWebhook build() {
            Problems p = new Problems();
            p.check(secret.length >= 16, "secret", secret.length + " bytes", "must be at least 16 bytes");
            check(p);
            p.throwIfAny("signed webhook");
            return new SignedWebhook(this);
        }
    }
}
