package io.github.incident4j.notify;

import io.github.incident4j.ValidationException;
import io.github.incident4j.common.Problems;
import io.github.incident4j.format.Json;
import io.github.incident4j.incident.Alert;
import io.github.incident4j.incident.ContactMethod;
import io.github.incident4j.spi.Page;
import io.github.incident4j.spi.Pager;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Posts pages to a Slack incoming webhook (one channel per webhook URL) over {@code java.net.http}: a readable
 * message with the incident, severity, level, who is paged (mentioned when their member id is known), the
 * escalation matrix's response, and the runbook and dashboard links. Slack answers 200 {@code ok}; a 4xx
 * ({@code invalid_payload}, {@code channel_not_found}, {@code invalid_token}, ...) is permanent; 429 (with
 * {@code Retry-After}) and 5xx are retried per the {@link RetryPolicy}.
 *
 * <pre>{@code
 * SlackWebhook oncall = SlackWebhook.to(URI.create(webhookUrl)).timers(timers)
 *         .mention(person -> Optional.ofNullable(slackIds.get(person)))
 *         .build();
 * Pager pager = oncall.pager();
 * }</pre>
 *
 * <p>The message has a plain {@code text} (what notifications and old clients show) and Block Kit {@code blocks}: a
 * header, a section with the summary and facts, and a context line of links; each within Slack's limits (header
 * 150 characters, section text 3,000).
 */
public final class SlackWebhook implements ContactChannel {

    /** Slack's limit on a header block's text. */
    public static final int MAX_HEADER = 150;
    /** Slack's limit on a section block's text. */
    public static final int MAX_SECTION = 3000;

    private final URI url;
    private final Function<String, java.util.Optional<String>> mention;
    private final HttpDelivery delivery;

    private SlackWebhook(Builder b) {
        this.url = b.url;
        this.mention = b.mention;
        this.delivery = b.delivery("Slack");
    }

    /** Starts a webhook client posting to this incoming-webhook URL. */
    public static Builder to(URI url) {
        return new Builder(url);
    }

    /** Posts the page, mentioning the recipient when their member id is known. */
    public CompletionStage<Void> send(Page page) {
        return post(page, mention.apply(page.recipient()).orElse(null));
    }

    /** A {@link Pager} posting every page here. */
    public Pager pager() {
        return this::send;
    }

    /** Posts for a person's Slack method: a member id is mentioned; a channel is this webhook's channel. */
    @Override
    public CompletionStage<Void> deliver(Page page, ContactMethod method) {
        if (!(method instanceof ContactMethod.Slack s)) {
            throw ValidationException.of("method", method.display(), "is not a Slack contact method");
        }
        return post(page, s.isMember() ? s.target() : mention.apply(page.recipient()).orElse(null));
    }

    private CompletionStage<Void> post(Page page, @Nullable String memberId) {
        String body = Json.write(message(page, memberId));
        return delivery.send(() -> HttpRequest.newBuilder(url)
                        .header("Content-Type", "application/json; charset=utf-8")
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)),
                "message for " + page.incidentId() + " to " + page.recipient() + " (level " + page.level() + ")")
                .thenApply(r -> (Void) null);
    }

    /** The message of a page, as the map written as the request body. */
    static Map<String, Object> message(Page page, @Nullable String memberId) {
        String who = memberId == null ? escape(page.recipient()) : "<@" + memberId + "> (" + escape(page.recipient()) + ")";
        String urgency = page.highUrgency() ? "high urgency" : "low urgency";
        String header = page.severity() + " " + page.incidentId() + ": " + page.summary();
        StringBuilder facts = new StringBuilder();
        facts.append('*').append(escape(page.summary())).append("*\n");
        facts.append("*Severity:* ").append(page.severity()).append(" (").append(urgency).append(")\n");
        if (!page.service().isBlank()) {
            facts.append("*Service:* ").append(escape(page.service())).append('\n');
        }
        facts.append("*Paged:* ").append(who).append(" at level ").append(page.level());
        if (page.pass() > 1) {
            facts.append(" (pass ").append(page.pass()).append(')');
        }
        facts.append('\n');
        if (page.response() != null) {
            facts.append("*Matrix:* ").append(escape(page.tier() == null ? "" : page.tier() + " → "))
                    .append(escape(page.response())).append('\n');
        }
        String description = page.annotations().get(Alert.DESCRIPTION);
        if (description != null && !description.isBlank()) {
            facts.append(escape(description.strip())).append('\n');
        }
        List<String> links = new ArrayList<>();
        link(links, page.annotations().get(Alert.RUNBOOK_URL), "Runbook");
        link(links, page.annotations().get(Alert.DASHBOARD), "Dashboard");
        link(links, page.annotations().get("generator_url"), "Source");
        String text = page.severity() + " " + page.incidentId() + " " + page.summary() + " — paging " + page.recipient()
                + " (level " + page.level() + ")";
        List<Object> blocks = new ArrayList<>();
        blocks.add(Map.of("type", "header", "text", Map.of("type", "plain_text", "text", truncate(header, MAX_HEADER))));
        blocks.add(Map.of("type", "section", "text", Map.of("type", "mrkdwn",
                "text", truncate(facts.toString().strip(), MAX_SECTION))));
        if (!links.isEmpty()) {
            blocks.add(Map.of("type", "context", "elements", List.of(Map.of("type", "mrkdwn",
                    "text", truncate(String.join(" · ", links), MAX_SECTION)))));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", truncate(escape(text) + (memberId == null ? "" : " <@" + memberId + ">"), MAX_SECTION));
        body.put("blocks", blocks);
        return body;
    }

    private static void link(List<String> links, @Nullable String href, String text) {
        if (href != null && (href.startsWith("http://") || href.startsWith("https://")) && href.indexOf('>') < 0
                && href.indexOf('|') < 0) {
            links.add("<" + href + "|" + text + ">");
        }
    }

    /** Slack's mrkdwn escapes: {@code &}, {@code <} and {@code >} (so text never becomes a mention or link). */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /** Fluent builder; {@link #build()} reports every problem at once. */
    public static final class Builder extends ProviderBuilder<Builder> {
        private final URI url;
        private Function<String, java.util.Optional<String>> mention = person -> java.util.Optional.empty();

        private Builder(URI url) {
            this.url = Objects.requireNonNull(url, "url");
        }

        @Override
        Builder self() {
            return this;
        }

        /** The Slack member id of a person, to mention them (default: nobody is mentioned). */
        public Builder mention(Function<String, java.util.Optional<String>> memberIdOf) {
            this.mention = Objects.requireNonNull(memberIdOf, "memberIdOf");
            return this;
        }

        /**
         * Builds the client.
         *
         * @throws ValidationException listing every problem
         */
        public SlackWebhook build() {
            Problems p = new Problems();
            p.check(url.getScheme() != null && (url.getScheme().equals("https") || url.getScheme().equals("http")),
                    "url", url, "must be an http or https URL");
            check(p);
            p.throwIfAny("Slack webhook");
            return new SlackWebhook(this);
        }
    }
}
