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
 * <p><b>Delivery contract: at least once, with an identical key.</b> The engine saves every page it decides
 * in the store (its outbox) together with the step that decided it, before calling the pager, and settles it
 * when the call succeeds. A page whose outcome was never recorded (the engine died during the call, or the
 * call outlasted the page deadline) is sent again, by that engine's successor or by another engine on the
 * same store, with the same {@link Page#idempotencyKey()} and a higher {@link Page#attempt()}. So a receiver
 * may see a page more than once and must drop repeats of a key it has already delivered (PagerDuty's
 * {@code dedup_key} and Opsgenie's {@code alias} do exactly that). Attempts per page are bounded by the
 * engine's {@code maxPageAttempts}; two engines never send the same attempt.
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
     * Delivers a page. Pages with the same {@link Page#idempotencyKey()} are the same step retried or resent;
     * deliver such a page once (see the delivery contract above).
     *
     * @return a stage that completes normally once delivered, exceptionally when delivery failed
     */
    CompletionStage<Void> send(Page page);

    /** A completed stage, for pagers that deliver synchronously. */
    static CompletionStage<Void> delivered() {
        return CompletableFuture.completedFuture(null);
    }
}
