/**
 * Pages out, over {@code java.net.http} and no vendor SDK: {@link io.github.incident4j.notify.PagerDutyEvents}
 * (PagerDuty Events API v2: trigger, acknowledge, resolve), {@link io.github.incident4j.notify.SlackWebhook} (Slack
 * incoming webhooks), {@link io.github.incident4j.notify.SignedWebhook} (JSON with an HMAC-SHA256 signature), and
 * {@link io.github.incident4j.notify.RoutingPager}, which reaches each person of the roster through their contact
 * methods and notification rules. Every provider shares one delivery rule ({@link io.github.incident4j.notify.RetryPolicy}):
 * 2xx delivered, 429/408/5xx/timeouts retried with backoff and {@code Retry-After} honoured, other answers permanent
 * and logged at ERROR. See {@code core/docs/pagers.md}.
 */
@NullMarked
package io.github.incident4j.notify;

import org.jspecify.annotations.NullMarked;
