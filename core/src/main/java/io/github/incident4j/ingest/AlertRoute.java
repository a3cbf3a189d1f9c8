package io.github.incident4j.ingest;

import io.github.incident4j.ValidationException;
import io.github.incident4j.common.Problems;
import io.github.incident4j.common.Severity;
import io.github.incident4j.common.Text;
import io.github.incident4j.incident.Urgency;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One entry of an {@link AlertRoutes} table: label matchers (all must hold) and what an alert they match becomes.
 * Every setting is optional on an ordinary route; what a route leaves out is taken from the table's default route.
 *
 * <pre>{@code
 * AlertRoute payments = AlertRoute.named("payments")
 *         .matching("team=payments", "severity=~\"critical|page\"")
 *         .service("payment-service")
 *         .policy("Backend On-Call")
 *         .category("App crash")
 *         .autoResolve(true)
 *         .build();
 * }</pre>
 *
 * @param name the route's name, used on timelines and in errors
 * @param matchers the matchers; all must hold (none: the route matches every alert)
 * @param service the incident's service; when empty, the alert's {@code service} label, else its {@code job} label,
 *     else the route's name
 * @param policy the name of the escalation policy that pages for it
 * @param category the escalation-matrix category
 * @param severityLabel the label the severity is read from ({@code severity} by default)
 * @param severities extra words for the severity scale (over {@link Severity.Scale#DEFAULT}), e.g. {@code page -> SEV-1}
 * @param defaultSeverity the severity when the label is missing or not understood
 * @param urgency the incident's urgency
 * @param autoResolve whether a resolved alert resolves its incident (otherwise it is noted on the timeline)
 * @param heartbeat when set, a firing alert on this route is a beat of the {@code incident.Heartbeat} of that name
 *     (the always-firing {@code Watchdog}) and opens no incident
 */
public record AlertRoute(String name, List<LabelMatcher> matchers, Optional<String> service, Optional<String> policy,
        Optional<String> category, Optional<String> severityLabel, Map<String, Severity> severities,
        Optional<Severity> defaultSeverity, Optional<Urgency> urgency, Optional<Boolean> autoResolve,
        Optional<String> heartbeat) {

    /** Checks every part at once. */
    public AlertRoute {
        Objects.requireNonNull(name, "name");
        matchers = List.copyOf(matchers);
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(severityLabel, "severityLabel");
        severities = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(severities));
        Objects.requireNonNull(defaultSeverity, "defaultSeverity");
        Objects.requireNonNull(urgency, "urgency");
        Objects.requireNonNull(autoResolve, "autoResolve");
        Objects.requireNonNull(heartbeat, "heartbeat");
        Problems p = new Problems();
        identifier(p, "name", name);
        service.ifPresent(v -> identifier(p, "service", v));
        policy.ifPresent(v -> identifier(p, "policy", v));
        category.ifPresent(v -> identifier(p, "category", v));
        severityLabel.ifPresent(v -> identifier(p, "severityLabel", v));
        heartbeat.ifPresent(v -> identifier(p, "heartbeat", v));
        severities.forEach((word, sev) -> {
            identifier(p, "severities", word);
            Objects.requireNonNull(sev, "severity of " + word);
        });
        p.throwIfAny("alert route '" + name + "'");
    }

    private static void identifier(Problems p, String field, String value) {
        if (value.isBlank()) {
            p.add(field, value, "must not be blank");
        } else {
            Text.identifierProblem(value).ifPresent(problem -> p.add(field, value, problem));
        }
    }

    /** Starts a route with its name. */
    public static Builder named(String name) {
        return new Builder(name);
    }

    /** Whether every matcher holds for these labels. */
    public boolean matches(Map<String, String> labels) {
        for (LabelMatcher m : matchers) {
            if (!m.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    /** A builder holding this route's values. */
    public Builder toBuilder() {
        Builder b = new Builder(name);
        b.matchers.addAll(matchers);
        b.service = service.orElse(null);
        b.policy = policy.orElse(null);
        b.category = category.orElse(null);
        b.severityLabel = severityLabel.orElse(null);
        b.severities.putAll(severities);
        b.defaultSeverity = defaultSeverity.orElse(null);
        b.urgency = urgency.orElse(null);
        b.autoResolve = autoResolve.orElse(null);
        b.heartbeat = heartbeat.orElse(null);
        return b;
    }

    /** Fluent builder; {@link #build()} reports every problem at once. */
    public static final class Builder {
        private final String name;
        private final List<LabelMatcher> matchers = new ArrayList<>();
        private final Problems problems = new Problems();
        private @Nullable String service;
        private @Nullable String policy;
        private @Nullable String category;
        private @Nullable String severityLabel;
        private final Map<String, Severity> severities = new LinkedHashMap<>();
        private @Nullable Severity defaultSeverity;
        private @Nullable Urgency urgency;
        private @Nullable Boolean autoResolve;
        private @Nullable String heartbeat;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** Adds matchers in Alertmanager's syntax ({@code team=payments}, {@code severity=~"critical|page"}). */
        public Builder matching(String... matchers) {
            for (String m : matchers) {
                try {
                    this.matchers.add(LabelMatcher.parse(m));
                } catch (ValidationException e) {
                    problems.addAll("matchers[" + this.matchers.size() + "]", e);
                }
            }
            return this;
        }

        /** Adds a matcher. */
        public Builder matching(LabelMatcher matcher) {
            matchers.add(Objects.requireNonNull(matcher, "matcher"));
            return this;
        }

        /** The incident's service. */
        public Builder service(String value) {
            this.service = Objects.requireNonNull(value, "service");
            return this;
        }

        /** The name of the escalation policy. */
        public Builder policy(String name) {
            this.policy = Objects.requireNonNull(name, "policy");
            return this;
        }

        /** The escalation-matrix category. */
        public Builder category(String value) {
            this.category = Objects.requireNonNull(value, "category");
            return this;
        }

        /** The label the severity is read from (default {@code severity}). */
        public Builder severityLabel(String label) {
            this.severityLabel = Objects.requireNonNull(label, "severityLabel");
            return this;
        }

        /** A word of the severity label meaning {@code severity} (added to the default words). */
        public Builder severity(String word, Severity severity) {
            severities.put(Objects.requireNonNull(word, "word"), Objects.requireNonNull(severity, "severity"));
            return this;
        }

        /** The severity when the label is missing or not understood (default SEV-3). */
        public Builder defaultSeverity(Severity value) {
            this.defaultSeverity = Objects.requireNonNull(value, "defaultSeverity");
            return this;
        }

        /** The incident's urgency (default high). */
        public Builder urgency(Urgency value) {
            this.urgency = Objects.requireNonNull(value, "urgency");
            return this;
        }

        /** Whether a resolved alert resolves its incident (default false: it is noted on the timeline). */
        public Builder autoResolve(boolean value) {
            this.autoResolve = value;
            return this;
        }

        /** Makes the route feed the heartbeat of this name instead of opening incidents. */
        public Builder heartbeat(String name) {
            this.heartbeat = Objects.requireNonNull(name, "heartbeat");
            return this;
        }

        /**
         * Builds the route.
         *
         * @throws ValidationException listing every problem
         */
        public AlertRoute build() {
            Problems all = new Problems();
            problems.list().forEach(p -> all.add(p.field(), p.value(), p.message()));
            AlertRoute route = null;
            try {
                route = new AlertRoute(name, matchers, Optional.ofNullable(service), Optional.ofNullable(policy),
                        Optional.ofNullable(category), Optional.ofNullable(severityLabel), severities,
                        Optional.ofNullable(defaultSeverity), Optional.ofNullable(urgency), Optional.ofNullable(autoResolve),
                        Optional.ofNullable(heartbeat));
            } catch (ValidationException e) {
                e.problems().forEach(p -> all.add(p.field(), p.value(), p.message()));
            }
            all.throwIfAny("alert route '" + name + "'");
            return Objects.requireNonNull(route);
        }
    }
}
