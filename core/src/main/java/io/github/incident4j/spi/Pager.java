package io.github.incident4j.spi;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Delivers pages (SMS, phone, push, a PagerDuty or Opsgenie call) on behalf of the escalation engine.
 *
 * <p>The engine guards every call: an exception, a failed stage, or a stage that does not complete within the
 * engine's page deadline is recorded on the incident's timeline and retried later with backoff; it never stops
 * the engine. A pager that does I/O should return at once and complete the stage when the call is done (or the
 * host gives the engine a pager executor), so a slow provider never holds up other incidents.
 *
 * <pre>{@code
 * Pager pager = page -> {
 *     sms.send(phoneBook.get(page.recipient()), page.summary());   // quick, synchronous
 *     return Pager.delivered();
 * };
 * }</pre>
 */
@FunctionalInterface
public interface Pager {

    /** A pager that accepts every page and delivers nothing. */
    Pager NOOP = page -> delivered();

    /**
     * Delivers a page. Pages with the same {@link Page#idempotencyKey()} are the same step retried.
     *
     * @return a stage that completes normally once delivered, exceptionally when delivery failed
     */
    CompletionStage<Void> send(Page page);

    /** A completed stage, for pagers that deliver synchronously. */
    static CompletionStage<Void> delivered() {
        return CompletableFuture.completedFuture(null);
    }
}
