package io.github.incident4j.incident;

import io.github.incident4j.ValidationException;
import io.github.incident4j.common.Text;
import java.net.URI;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One way to reach a person: a PagerDuty integration (routing key) or user, a Slack member or channel, an e-mail
 * address, or a webhook. Part of a person's {@link Contacts}; a routing pager ({@code notify.RoutingPager}) delivers a
 * page through the channel that serves each kind.
 */
public sealed interface ContactMethod {

    /** The kinds of contact method, which {@link NotificationRule}s name. */
    enum Kind {
        /** PagerDuty: an Events API v2 routing key or a PagerDuty user. */
        PAGERDUTY,
        /** Slack: a member (mentioned) or a channel. */
        SLACK,
        /** E-mail. */
        EMAIL,
        /** A webhook URL. */
        WEBHOOK
    }

    /** The kind. */
    Kind kind();

    /** The address as a person would read it (never the secret part of a routing key). */
    String display();

    /**
     * A PagerDuty service integration: events are sent with its routing key (integration key, 32 characters).
     *
     * @param routingKey the integration's routing key
     */
    record PagerDutyService(String routingKey) implements ContactMethod {
        /** Checks the key. */
        public PagerDutyService {
            check("routingKey", routingKey);
        }

        @Override
        public Kind kind() {
            return Kind.PAGERDUTY;
        }

        @Override
        public String display() {
            return "PagerDuty integration …" + routingKey.substring(Math.max(0, routingKey.length() - 4));
        }
    }

    /**
     * A PagerDuty user (e.g. {@code PXPGF42}): events go to the pager's default integration with the user in
     * {@code custom_details.assignee}, for PagerDuty's event rules to route.
     *
     * @param userId the PagerDuty user id
     */
    record PagerDutyUser(String userId) implements ContactMethod {
        /** Checks the id. */
        public PagerDutyUser {
            check("userId", userId);
        }

        @Override
        public Kind kind() {
            return Kind.PAGERDUTY;
        }

        @Override
        public String display() {
            return "PagerDuty user " + userId;
        }
    }

    /**
     * A Slack target: a member id ({@code U012AB3CD} or {@code W...}: mentioned in the default channel) or a channel
     * ({@code #payments-oncall} or a {@code C...} id: posted to that channel's webhook).
     *
     * @param target the member id or channel
     */
    record Slack(String target) implements ContactMethod {
        private static final Pattern MEMBER = Pattern.compile("[UW][A-Z0-9]{2,}");

        /** Checks the target. */
        public Slack {
            check("target", target);
        }

        /** Whether the target is a member id (else a channel). */
        public boolean isMember() {
            return MEMBER.matcher(target).matches();
        }

        @Override
        public Kind kind() {
            return Kind.SLACK;
        }

        @Override
        public String display() {
            return "Slack " + target;
        }
    }

    /**
     * An e-mail address (delivered by a channel the host provides: the JDK has no mail client).
     *
     * @param address the address
     */
    record Email(String address) implements ContactMethod {
        /** Checks the address. */
        public Email {
            check("address", address);
            if (address.indexOf('@') < 1 || address.indexOf('@') == address.length() - 1) {
                throw ValidationException.of("address", address, "is not an e-mail address");
            }
        }

        @Override
        public Kind kind() {
            return Kind.EMAIL;
        }

        @Override
        public String display() {
            return address;
        }
    }

    /**
     * A webhook: the page is posted as signed JSON to the URL.
     *
     * @param url an http or https URL
     */
    record Webhook(URI url) implements ContactMethod {
        /** Checks the URL. */
        public Webhook {
            Objects.requireNonNull(url, "url");
            if (url.getScheme() == null || !(url.getScheme().equals("http") || url.getScheme().equals("https"))
                    || url.getHost() == null) {
                throw ValidationException.of("url", url, "must be an http or https URL with a host");
            }
        }

        @Override
        public Kind kind() {
            return Kind.WEBHOOK;
        }

        @Override
        public String display() {
            return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort()) + url.getPath();
        }
    }

    private static void check(String field, String value) {
        Objects.requireNonNull(value, field);
        if (value.isBlank()) {
            throw ValidationException.of(field, value, "must not be blank");
        }
        Text.identifierProblem(value).ifPresent(p -> {
            throw ValidationException.of(field, value, p);
        });
    }
}
