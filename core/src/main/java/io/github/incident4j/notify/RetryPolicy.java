package io.github.incident4j.notify;

import io.github.incident4j.common.Problems;
import java.time.Duration;
import java.util.Objects;

/**
 * How a notification is retried: each request may take {@link #timeout()}; a transient failure (429, 408, 5xx, a
 * timeout, a connection failure) is retried up to {@link #maxAttempts()} requests in all, waiting {@link #backoff()}
 * doubled after each failure up to {@link #maxBackoff()}, or as long as the provider's {@code Retry-After} asks when
 * that is at most {@link #maxRetryAfter()} (longer: the notification is given up at once).
 *
 * <p>Keep the whole retry budget under the engine's page deadline, or the engine will also resend the page; the
 * providers' dedup keys make that harmless, but it doubles the calls.
 *
 * @param timeout how long one request may take
 * @param maxAttempts requests in all (1: no retry)
 * @param backoff the first wait
 * @param maxBackoff the longest wait between attempts without {@code Retry-After}
 * @param maxRetryAfter the longest {@code Retry-After} honoured
 */
public record RetryPolicy(Duration timeout, int maxAttempts, Duration backoff, Duration maxBackoff,
        Duration maxRetryAfter) {

    /** 10 s per request, 4 attempts, 1 s backoff doubling to at most 30 s, {@code Retry-After} up to 2 min. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofSeconds(10), 4, Duration.ofSeconds(1),
            Duration.ofSeconds(30), Duration.ofMinutes(2));

    /** Checks every part at once. */
    public RetryPolicy {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        Problems p = new Problems();
        p.check(!timeout.isNegative() && !timeout.isZero(), "timeout", timeout, "must be positive");
        p.check(maxAttempts >= 1 && maxAttempts <= 100, "maxAttempts", maxAttempts, "must be between 1 and 100");
        p.check(!backoff.isNegative(), "backoff", backoff, "must not be negative");
        p.check(maxBackoff.compareTo(backoff) >= 0, "maxBackoff", maxBackoff, "must be at least the backoff");
        p.check(!maxRetryAfter.isNegative(), "maxRetryAfter", maxRetryAfter, "must not be negative");
        p.throwIfAny("retry policy");
    }

    /** This policy with another request timeout. */
    public RetryPolicy withTimeout(Duration value) {
        return new RetryPolicy(value, maxAttempts, backoff, maxBackoff, maxRetryAfter);
    }

    /** This policy with another number of attempts. */
    public RetryPolicy withMaxAttempts(int value) {
        return new RetryPolicy(timeout, value, backoff, maxBackoff, maxRetryAfter);
    }

    /** This policy with another backoff (and at least that as the longest wait). */
    public RetryPolicy withBackoff(Duration value) {
        return new RetryPolicy(timeout, maxAttempts, value, maxBackoff.compareTo(value) < 0 ? value : maxBackoff,
                maxRetryAfter);
    }

    /** This policy honouring a {@code Retry-After} up to {@code value}. */
    public RetryPolicy withMaxRetryAfter(Duration value) {
        return new RetryPolicy(timeout, maxAttempts, backoff, maxBackoff, value);
    }
}
