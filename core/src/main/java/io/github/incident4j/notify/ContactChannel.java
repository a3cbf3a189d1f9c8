package io.github.incident4j.notify;

import io.github.incident4j.incident.ContactMethod;
import io.github.incident4j.spi.Page;
import java.util.concurrent.CompletionStage;

/**
 * Delivers a page to one contact method of a person: the part of a provider a {@link RoutingPager} calls.
 * {@link PagerDutyEvents}, {@link SlackWebhook} and {@link SignedWebhook} are channels; e-mail is a channel the host
 * writes (the JDK has no mail client):
 *
 * <pre>{@code
 * ContactChannel email = (page, method) -> CompletableFuture.runAsync(() ->
 *         mailer.send(((ContactMethod.Email) method).address(), page.summary()));
 * }</pre>
 */
@FunctionalInterface
public interface ContactChannel {

    /**
     * Delivers the page to the method.
     *
     * @return a stage that completes when delivered, exceptionally when not
     */
    CompletionStage<Void> deliver(Page page, ContactMethod method);
}
