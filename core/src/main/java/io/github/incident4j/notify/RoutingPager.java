package io.github.incident4j.notify;

import io.github.incident4j.Incident4jException;
import io.github.incident4j.common.Problems;
import io.github.incident4j.incident.ContactMethod;
import io.github.incident4j.incident.Contacts;
import io.github.incident4j.incident.NotificationRule;
import io.github.incident4j.incident.Roster;
import io.github.incident4j.incident.Urgency;
import io.github.incident4j.spi.Page;
import io.github.incident4j.spi.Pager;
import io.github.incident4j.spi.Timers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Pager} that reaches each person the way the {@link Roster} says: their {@link Contacts} (contact methods)
 * and {@link NotificationRule}s ("high urgency: Slack at once, PagerDuty after 2 minutes"). A page notifies, for each
 * rule of its urgency, every method of the rule's kind through the {@link ContactChannel} of that kind, at once or
 * after the rule's delay on the {@link Timers}.
 *
 * <pre>{@code
 * RoutingPager pager = RoutingPager.builder(roster).timers(timers)
 *         .channel(ContactMethod.Kind.PAGERDUTY, pagerDutyEvents)
 *         .channel(ContactMethod.Kind.SLACK, slackWebhook)
 *         .slackChannel("#payments-oncall", paymentsSlackWebhook)
 *         .channel(ContactMethod.Kind.EMAIL, hostMailChannel)
 *         .stillWanted(page -> manager.find(IncidentId.of(page.incidentId()))
 *                 .map(i -> i.status() == IncidentStatus.TRIGGERED).orElse(false))
 *         .build();
 * }</pre>
 *
 * <ul>
 *   <li>The stage returned to the engine completes when every notification due at once is delivered, and fails when
 *       one of them fails; the engine then retries the page, and this pager sends again only the notifications that
 *       failed (it remembers the delivered ones by the page's idempotency key), so a retry never posts twice to a
 *       channel that already has it.</li>
 *   <li>Delayed notifications are scheduled once per page; when one falls due, it is sent only if
 *       {@code stillWanted} says the incident still waits for an answer (acknowledged or resolved incidents stop the
 *       person's remaining rules, as PagerDuty does). A delayed notification that fails is logged at ERROR; the engine
 *       has already counted the page as delivered.</li>
 *   <li>A person without contacts gets the {@code fallback} method if one is set; else the page fails (ERROR log)
 *       and the engine retries it and records the failure on the timeline.</li>
 * </ul>
 */
public final class RoutingPager implements Pager {

    private static final Logger LOG = LoggerFactory.getLogger(RoutingPager.class);
    /** Pages whose delivered notifications are remembered (oldest forgotten first). */
    private static final int REMEMBERED_PAGES = 10_000;

    private final Roster roster;
    private final Timers timers;
    private final Map<ContactMethod.Kind, ContactChannel> channels;
    private final Map<String, ContactChannel> slackChannels;
    private final @Nullable ContactMethod fallback;
    private final Predicate<Page> stillWanted;
    /** For each page (idempotency key): the notifications delivered, and whether its delayed ones are scheduled. */
    private final Map<String, Progress> progress = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, false) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Progress> eldest) {
                    return size() > REMEMBERED_PAGES;
                }
            });

    private RoutingPager(Builder b) {
        this.roster = b.roster;
        this.timers = Objects.requireNonNull(b.timers);
        this.channels = Map.copyOf(b.channels);
        this.slackChannels = Map.copyOf(b.slackChannels);
        this.fallback = b.fallback;
        this.stillWanted = b.stillWanted;
    }

    /** Starts a routing pager over the roster's contacts. */
    public static Builder builder(Roster roster) {
        return new Builder(roster);
    }

    private static final class Progress {
        final Set<String> delivered = ConcurrentHashMap.newKeySet();
        boolean delayedScheduled;
    }

    /** One notification: a method, when, and its key within the page. */
    private record Notification(ContactMethod method, NotificationRule rule, String key) {
    }

    @Override
    public CompletionStage<Void> send(Page page) {
        List<Notification> notifications;
        try {
            notifications = plan(page);
        } catch (NoContactException e) {
            LOG.error(e.getMessage());
            return CompletableFuture.failedFuture(e);
        }
        Progress p = progress.computeIfAbsent(page.idempotencyKey(), k -> new Progress());
        List<CompletableFuture<Void>> now = new ArrayList<>();
        boolean scheduleDelayed;
        synchronized (p) {
            scheduleDelayed = !p.delayedScheduled;
            p.delayedScheduled = true;
        }
        Instant at = timers.clock().instant();
        for (Notification n : notifications) {
            if (n.rule().after().isZero()) {
                if (!p.delivered.contains(n.key())) {
                    now.add(deliver(page, n).thenRun(() -> p.delivered.add(n.key())));
                }
            } else if (scheduleDelayed) {
                timers.schedule(at.plus(n.rule().after()), () -> delayed(page, n));
            }
        }
        return CompletableFuture.allOf(now.toArray(CompletableFuture[]::new));
    }

    private void delayed(Page page, Notification n) {
        boolean wanted;
        try {
            wanted = stillWanted.test(page);
        } catch (RuntimeException e) {
            LOG.error("stillWanted failed for {}; sending the delayed notification anyway", page.idempotencyKey(), e);
            wanted = true;
        }
        if (!wanted) {
            LOG.info("{}: {} for {} skipped, the incident no longer waits for them", page.incidentId(), n.rule(),
                    page.recipient());
            return;
        }
        deliver(page, n).whenComplete((ok, error) -> {
            if (error != null) {
                LOG.error("{}: delayed notification of {} via {} failed", page.incidentId(), page.recipient(),
                        n.method().display(), error);
            }
        });
    }

    private CompletableFuture<Void> deliver(Page page, Notification n) {
        try {
            ContactChannel channel = channelFor(n.method());
            return channel.deliver(page, n.method()).toCompletableFuture();
        } catch (RuntimeException e) {
            LOG.error("{}: notifying {} via {} failed", page.incidentId(), page.recipient(), n.method().display(), e);
            return CompletableFuture.failedFuture(e);
        }
    }

    /** A Slack channel's own webhook (an incoming webhook posts to one channel only), else the kind's channel. */
    private ContactChannel channelFor(ContactMethod method) {
        if (method instanceof ContactMethod.Slack s && !s.isMember()) {
            return Objects.requireNonNull(slackChannels.get(s.target()), "no webhook for Slack channel " + s.target());
        }
        return Objects.requireNonNull(channels.get(method.kind()), "no channel for " + method.kind());
    }

    /** The notifications a page asks for, in rule order. */
    private List<Notification> plan(Page page) {
        Urgency urgency = page.highUrgency() ? Urgency.HIGH : Urgency.LOW;
        Contacts contacts = roster.contacts(page.recipient()).orElse(null);
        List<Notification> out = new ArrayList<>();
        if (contacts == null) {
            if (fallback == null) {
                throw new NoContactException(page.incidentId() + ": nobody knows how to reach '" + page.recipient()
                        + "': the roster has no contacts for them and no fallback is set");
            }
            out.add(new Notification(fallback, NotificationRule.always(java.time.Duration.ZERO, fallback.kind()),
                    "fallback"));
            return out;
        }
        List<NotificationRule> rules = contacts.rulesFor(urgency);
        for (int i = 0; i < rules.size(); i++) {
            NotificationRule rule = rules.get(i);
            List<ContactMethod> methods = contacts.methods(rule.via());
            for (int j = 0; j < methods.size(); j++) {
                out.add(new Notification(methods.get(j), rule, i + "/" + j));
            }
        }
        if (out.isEmpty()) {
            throw new NoContactException(page.incidentId() + ": no notification rule of '" + page.recipient()
                    + "' applies to a " + urgency.name().toLowerCase(java.util.Locale.ROOT) + "-urgency page");
        }
        return out;
    }

    /** Nobody knows how to reach the person paged. */
    public static final class NoContactException extends Incident4jException {
        private static final long serialVersionUID = 1L;

        NoContactException(String message) {
            super(message);
        }
    }

    /** Fluent builder; {@link #build()} checks that every contact method in the roster has a channel. */
    public static final class Builder {
        private final Roster roster;
        private @Nullable Timers timers;
        private final Map<ContactMethod.Kind, ContactChannel> channels = new EnumMap<>(ContactMethod.Kind.class);
        private final Map<String, ContactChannel> slackChannels = new LinkedHashMap<>();
        private @Nullable ContactMethod fallback;
        private Predicate<Page> stillWanted = page -> true;

        private Builder(Roster roster) {
            this.roster = Objects.requireNonNull(roster, "roster");
        }

        /** The timers delayed notifications wait on (required). */
        public Builder timers(Timers value) {
            this.timers = Objects.requireNonNull(value, "timers");
            return this;
        }

        /** The channel that serves a kind of contact method (for Slack: member ids, mentioned in its channel). */
        public Builder channel(ContactMethod.Kind kind, ContactChannel channel) {
            channels.put(Objects.requireNonNull(kind, "kind"), Objects.requireNonNull(channel, "channel"));
            return this;
        }

        /** The webhook of a Slack channel ({@code #payments-oncall} or a {@code C...} id) named by a contact method. */
        public Builder slackChannel(String channel, ContactChannel webhook) {
            slackChannels.put(Objects.requireNonNull(channel, "channel"), Objects.requireNonNull(webhook, "webhook"));
            return this;
        }

        /** How to reach people the roster has no contacts for (e.g. the team's Slack channel). */
        public Builder fallback(ContactMethod method) {
            this.fallback = Objects.requireNonNull(method, "method");
            return this;
        }

        /**
         * Whether a delayed notification is still wanted when it falls due (default: always). Typically: the incident
         * is still triggered.
         */
        public Builder stillWanted(Predicate<Page> value) {
            this.stillWanted = Objects.requireNonNull(value, "stillWanted");
            return this;
        }

        /**
         * Builds the pager.
         *
         * @throws io.github.incident4j.ValidationException naming every contact method no channel serves
         */
        public RoutingPager build() {
            Problems p = new Problems();
            p.check(timers != null, "timers", null, "is required");
            for (Contacts c : roster.contacts().values()) {
                for (ContactMethod m : c.methods()) {
                    served(p, "contacts." + c.person(), m);
                }
            }
            if (fallback != null) {
                served(p, "fallback", fallback);
            }
            p.throwIfAny("routing pager");
            return new RoutingPager(this);
        }

        /** A Slack channel needs its own webhook; a member id the SLACK channel; any other method its kind's. */
        private void served(Problems p, String field, ContactMethod m) {
            if (m instanceof ContactMethod.Slack s && !s.isMember()) {
                p.check(slackChannels.containsKey(s.target()), field, m.display(), "no webhook for this Slack channel "
                        + "(an incoming webhook posts to one channel): add slackChannel(\"" + s.target() + "\", ..)");
            } else {
                p.check(channels.containsKey(m.kind()), field, m.display(), "no channel serves "
                        + m.kind().name().toLowerCase(java.util.Locale.ROOT) + " contact methods: add channel("
                        + m.kind() + ", ..)");
            }
        }
    }
}
