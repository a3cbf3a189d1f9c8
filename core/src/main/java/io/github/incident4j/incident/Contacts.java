package io.github.incident4j.incident;

import io.github.incident4j.ValidationException;
import io.github.incident4j.common.Problems;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How one person is reached: their contact methods and notification rules. Given to the {@link Roster}, read by a
 * routing pager ({@code notify.RoutingPager}).
 *
 * <pre>{@code
 * Contacts alice = Contacts.forPerson("Alice")
 *         .slack("U012AB3CD")
 *         .pagerDuty("R0UT1NGKEYR0UT1NGKEYR0UT1NGKEY12")
 *         .email("alice@example.com")
 *         .rule(Urgency.HIGH, Duration.ZERO, ContactMethod.Kind.SLACK)
 *         .rule(Urgency.HIGH, Duration.ofMinutes(2), ContactMethod.Kind.PAGERDUTY)
 *         .rule(Urgency.LOW, Duration.ZERO, ContactMethod.Kind.EMAIL)
 *         .build();
 * }</pre>
 *
 * <p>With no rules, a page notifies every contact method at once, whatever the urgency.
 *
 * @param person the person's name, as the roster and escalation targets write it
 * @param methods the contact methods
 * @param rules the notification rules
 */
public record Contacts(String person, List<ContactMethod> methods, List<NotificationRule> rules) {

    /** Checks every part at once: a rule must name a kind the person has a method of. */
    public Contacts {
        Objects.requireNonNull(person, "person");
        methods = List.copyOf(methods);
        rules = List.copyOf(rules);
        Problems p = new Problems();
        p.check(!person.isBlank(), "person", person, "must not be blank");
        p.check(!methods.isEmpty(), "methods", person, "a person with contacts needs at least one contact method");
        Set<ContactMethod.Kind> kinds = EnumSet.noneOf(ContactMethod.Kind.class);
        methods.forEach(m -> kinds.add(m.kind()));
        for (int i = 0; i < rules.size(); i++) {
            p.check(kinds.contains(rules.get(i).via()), "rules[" + i + "]", rules.get(i),
                    "names " + rules.get(i).via() + ", but " + person + " has no such contact method");
        }
        p.check(methods.stream().distinct().count() == methods.size(), "methods", methods, "holds a method twice");
        p.throwIfAny("contacts of '" + person + "'");
    }

    /** Starts the contacts of a person. */
    public static Builder forPerson(String person) {
        return new Builder(person);
    }

    /** The rules that apply to this urgency: the configured ones, or every method at once when there are none. */
    public List<NotificationRule> rulesFor(Urgency urgency) {
        if (rules.isEmpty()) {
            return methods.stream().map(ContactMethod::kind).distinct()
                    .map(k -> NotificationRule.always(Duration.ZERO, k)).toList();
        }
        return rules.stream().filter(r -> r.appliesTo(urgency)).toList();
    }

    /** The methods of a kind. */
    public List<ContactMethod> methods(ContactMethod.Kind kind) {
        return methods.stream().filter(m -> m.kind() == kind).toList();
    }

    /** Fluent builder; {@link #build()} reports every problem at once. */
    public static final class Builder {
        private final String person;
        private final List<ContactMethod> methods = new ArrayList<>();
        private final List<NotificationRule> rules = new ArrayList<>();
        private final Problems problems = new Problems();

        private Builder(String person) {
            this.person = Objects.requireNonNull(person, "person");
        }

        /** Adds a contact method. */
        public Builder method(ContactMethod method) {
            methods.add(Objects.requireNonNull(method, "method"));
            return this;
        }

        /** Adds a PagerDuty integration by its routing key. */
        public Builder pagerDuty(String routingKey) {
            return add("methods[" + methods.size() + "]", () -> new ContactMethod.PagerDutyService(routingKey));
        }

        /** Adds a PagerDuty user by id. */
        public Builder pagerDutyUser(String userId) {
            return add("methods[" + methods.size() + "]", () -> new ContactMethod.PagerDutyUser(userId));
        }

        /** Adds a Slack member id or channel. */
        public Builder slack(String memberOrChannel) {
            return add("methods[" + methods.size() + "]", () -> new ContactMethod.Slack(memberOrChannel));
        }

        /** Adds an e-mail address. */
        public Builder email(String address) {
            return add("methods[" + methods.size() + "]", () -> new ContactMethod.Email(address));
        }

        /** Adds a webhook URL. */
        public Builder webhook(URI url) {
            return add("methods[" + methods.size() + "]", () -> new ContactMethod.Webhook(url));
        }

        /** Adds a rule for one urgency. */
        public Builder rule(Urgency urgency, Duration after, ContactMethod.Kind via) {
            return addRule(() -> NotificationRule.of(urgency, after, via));
        }

        /** Adds a rule for both urgencies. */
        public Builder rule(Duration after, ContactMethod.Kind via) {
            return addRule(() -> NotificationRule.always(after, via));
        }

        private Builder add(String field, java.util.function.Supplier<ContactMethod> method) {
            try {
                methods.add(method.get());
            } catch (ValidationException e) {
                problems.addAll(field, e);
            }
            return this;
        }

        private Builder addRule(java.util.function.Supplier<NotificationRule> rule) {
            try {
                rules.add(rule.get());
            } catch (ValidationException e) {
                problems.addAll("rules[" + rules.size() + "]", e);
            }
            return this;
        }

        /**
         * Builds the contacts.
         *
         * @throws ValidationException listing every problem
         */
        public Contacts build() {
            Problems all = new Problems();
            problems.list().forEach(x -> all.add(x.field(), x.value(), x.message()));
            Contacts c = null;
            try {
                c = new Contacts(person, methods, rules);
            } catch (ValidationException e) {
                e.problems().forEach(x -> all.add(x.field(), x.value(), x.message()));
            }
            all.throwIfAny("contacts of '" + person + "'");
            return Objects.requireNonNull(c);
        }
    }
}
