package io.github.incident4j.notify;

import io.github.incident4j.common.Durations;
import io.github.incident4j.spi.Timers;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP notification with the delivery rules every provider here shares: a 2xx answer is delivered; 429, 408, a
 * 5xx, a timeout or a connection failure is transient and retried with exponential backoff, waiting instead as long
 * as a {@code Retry-After} header asks (seconds or an HTTP date); any other answer is permanent and not retried.
 * Giving up and permanent refusals are logged at ERROR. Retries wait on the {@link Timers}, never on a thread.
 */
final class HttpDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(HttpDelivery.class);
    private static final int MAX_BODY_IN_MESSAGE = 300;

    private final String provider;
    private final HttpClient client;
    private final Timers timers;
    private final Clock clock;
    private final RetryPolicy retry;

    HttpDelivery(String provider, HttpClient client, Timers timers, RetryPolicy retry) {
        this.provider = provider;
        this.client = client;
        this.timers = timers;
        this.clock = timers.clock();
        this.retry = retry;
    }

    /**
     * Sends the request (built afresh for each attempt, so a signature can carry the attempt's own timestamp).
     *
     * @param what the notification, for messages ({@code trigger for INC-1 (dedup abc)})
     * @return a stage completed with the 2xx answer, or exceptionally with a {@link DeliveryException}
     */
    CompletableFuture<HttpResponse<String>> send(Supplier<HttpRequest.Builder> request, String what) {
        CompletableFuture<HttpResponse<String>> result = new CompletableFuture<>();
        attempt(request, what, 1, result);
        return result;
    }

    private void attempt(Supplier<HttpRequest.Builder> request, String what, int attempt,
            CompletableFuture<HttpResponse<String>> result) {
        HttpRequest r;
        try {
            r = request.get().timeout(retry.timeout()).build();
        } catch (RuntimeException e) {
            fail(result, new DeliveryException(provider + " " + what + " could not be built: " + e.getMessage(), null,
                    true, attempt - 1, e));
            return;
        }
        CompletableFuture<HttpResponse<String>> call;
        try {
            call = client.sendAsync(r, HttpResponse.BodyHandlers.ofString());
        } catch (RuntimeException e) {
            fail(result, new DeliveryException(provider + " " + what + " could not be sent: " + e.getMessage(), null,
                    true, attempt, e));
            return;
        }
        call.whenComplete((response, error) -> {
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                String why = cause instanceof HttpTimeoutException
                        ? "no answer within " + Durations.format(retry.timeout())
                        : cause instanceof IOException ? "connection failed: " + cause
                        : null;
                if (why == null) {
                    fail(result, new DeliveryException(provider + " " + what + " failed: " + cause, null, true, attempt, cause));
                } else {
                    transientFailure(request, what, attempt, result, null, why, Optional.empty(), cause);
                }
                return;
            }
            int status = response.statusCode();
            if (status / 100 == 2) {
                if (attempt > 1) {
                    LOG.info("{} {} delivered on attempt {}", provider, what, attempt);
                }
                result.complete(response);
            } else if (status == 429 || status == 408 || status / 100 == 5) {
                transientFailure(request, what, attempt, result, status, "answered " + status + " " + abbreviate(response.body()),
                        response.headers().firstValue("Retry-After"), null);
            } else {
                fail(result, new DeliveryException(provider + " refused " + what + " with " + status + ": "
                        + abbreviate(response.body()) + " (permanent: not retried)", status, true, attempt, null));
            }
        });
    }

    private void transientFailure(Supplier<HttpRequest.Builder> request, String what, int attempt,
            CompletableFuture<HttpResponse<String>> result, @Nullable Integer status, String why,
            Optional<String> retryAfter, @Nullable Throwable cause) {
        if (attempt >= retry.maxAttempts()) {
            fail(result, new DeliveryException(provider + " " + what + " gave up after " + attempt + " attempts; last: "
                    + why, status, false, attempt, cause));
            return;
        }
        Duration wait = backoff(attempt);
        if (retryAfter.isPresent()) {
            Optional<Duration> asked = retryAfter(retryAfter.get());
            if (asked.isPresent()) {
                if (asked.get().compareTo(retry.maxRetryAfter()) > 0) {
                    fail(result, new DeliveryException(provider + " " + what + " gave up after " + attempt + " attempts: "
                            + why + " and asked to retry after " + Durations.format(asked.get()) + ", longer than the "
                            + Durations.format(retry.maxRetryAfter()) + " allowed", status, false, attempt, cause));
                    return;
                }
                wait = asked.get();
            }
        }
        LOG.warn("{} {} attempt {} of {} failed ({}); retrying in {}", provider, what, attempt, retry.maxAttempts(), why,
                Durations.format(wait));
        timers.schedule(clock.instant().plus(wait), () -> attempt(request, what, attempt + 1, result));
    }

    private Duration backoff(int attempt) {
        Duration d = retry.backoff();
        for (int i = 1; i < attempt && d.compareTo(retry.maxBackoff()) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(retry.maxBackoff()) > 0 ? retry.maxBackoff() : d;
    }

    /** {@code Retry-After}: delay-seconds or an HTTP-date (RFC 9110), relative to the timers' clock. */
    private Optional<Duration> retryAfter(String value) {
        String v = value.strip();
        if (v.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration d = Duration.between(clock.instant(), at);
            return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (DateTimeException e) {
            LOG.warn("{} sent an unreadable Retry-After '{}'; using the backoff", provider, v);
            return Optional.empty();
        }
    }

    private static void fail(CompletableFuture<?> result, DeliveryException e) {
        LOG.error(e.getMessage(), e.getCause());
        result.completeExceptionally(e);
    }

    private static String abbreviate(@Nullable String body) {
        if (body == null || body.isBlank()) {
            return "(empty body)";
        }
        String s = body.strip().replaceAll("\\s+", " ");
        return s.length() <= MAX_BODY_IN_MESSAGE ? s : s.substring(0, MAX_BODY_IN_MESSAGE) + "…";
    }
}
