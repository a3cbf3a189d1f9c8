package io.github.incident4j.ingest;

import io.github.incident4j.ValidationException;
import io.github.incident4j.common.Problems;
import io.github.incident4j.common.Severity;
import io.github.incident4j.incident.Urgency;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The label routing table, in the spirit of Alertmanager's routes: routes are tried in order, the first whose
 * matchers all hold wins, and an alert no route matches takes the default route. A route's unset settings come
 * from the default route, so the default states the table's policy, severity words, urgency and auto-resolve once.
 *
 * <pre>{@code
 * AlertRoutes routes = AlertRoutes.builder()
 *         .route(AlertRoute.named("watchdog").matching("alertname=Watchdog").heartbeat("alertmanager"))
 *         .route(AlertRoute.named("payments").matching("team=payments").service("payment-service")
 *                 .category("App crash").autoResolve(true))
 *         .otherwise(AlertRoute.named("default").policy("Backend On-Call"))
 *         .build();
 * AlertRoutes.Routing r = routes.route(Map.of("alertname", "HighErrorRate", "team", "payments"));
 * r.route();     // "payments"
 * r.policy();    // "Backend On-Call" (from the default route)
 * }</pre>
 *
 * <p>Also read from and written to the rotation YAML file's {@code routes:} section by {@link AlertRoutesYaml}.
 */
public final class AlertRoutes {

    /** The label the severity is read from when no route names another. */
    public static final String DEFAULT_SEVERITY_LABEL = "severity";

    private final List<AlertRoute> routes;
    private final AlertRoute defaultRoute;

    private AlertRoutes(List<AlertRoute> routes, AlertRoute defaultRoute) {
        this.routes = List.copyOf(routes);
        this.defaultRoute = defaultRoute;
    }

    /** Starts an empty table; {@link Builder#otherwise} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The routes tried in order, without the default. */
    public List<AlertRoute> routes() {
        return routes;
    }

    /** The route taken when no other matches, whose settings the others inherit. */
    public AlertRoute defaultRoute() {
        return defaultRoute;
    }

    /** The names of every escalation policy the table refers to. */
    public Set<String> policyNames() {
        Set<String> names = new java.util.LinkedHashSet<>();
        defaultRoute.policy().ifPresent(names::add);
        routes.forEach(r -> r.policy().ifPresent(names::add));
        return names;
    }

    /** The names of every heartbeat the table feeds. */
    public Set<String> heartbeatNames() {
        Set<String> names = new java.util.LinkedHashSet<>();
        defaultRoute.heartbeat().ifPresent(names::add);
        routes.forEach(r -> r.heartbeat().ifPresent(names::add));
        return names;
    }

    /** The effective settings for an alert with these labels: the first matching route, else the default. */
    public Routing route(Map<String, String> labels) {
        Objects.requireNonNull(labels, "labels");
        for (AlertRoute r : routes) {
            if (r.matches(labels)) {
                return effective(r);
            }
        }
        return effective(defaultRoute);
    }

    private Routing effective(AlertRoute r) {
        AlertRoute d = defaultRoute;
        Map<String, Severity> words = new LinkedHashMap<>(d.severities());
        words.putAll(r.severities());
        Severity.Scale scale = Severity.Scale.DEFAULT;
        for (Map.Entry<String, Severity> e : words.entrySet()) {
            scale = scale.with(e.getKey(), e.getValue());
        }
        boolean heartbeatRoute = r.heartbeat().isPresent();
        return new Routing(r.name(), r.service().or(d::service),
                heartbeatRoute ? r.policy() : r.policy().or(d::policy),
                r.category().or(d::category),
                r.severityLabel().or(d::severityLabel).orElse(DEFAULT_SEVERITY_LABEL), scale,
                r.defaultSeverity().or(d::defaultSeverity).orElse(Severity.SEV_3),
                r.urgency().or(d::urgency).orElse(Urgency.HIGH),
                r.autoResolve().or(d::autoResolve).orElse(false),
                // a heartbeat is never inherited: the default route's beat would swallow every alert
                r.heartbeat());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AlertRoutes other && routes.equals(other.routes) && defaultRoute.equals(other.defaultRoute);
    }

    @Override
    public int hashCode() {
        return Objects.hash(routes, defaultRoute);
    }

    @Override
    public String toString() {
        return "AlertRoutes" + routes + " otherwise " + defaultRoute;
    }

    /**
     * The settings an alert is routed with.
     *
     * @param route the name of the route taken
     * @param service the fixed service, if the route sets one
     * @param policy the escalation policy's name (empty only on a heartbeat route)
     * @param category the escalation-matrix category, if any
     * @param severityLabel the label the severity is read from
     * @param scale the severity words
     * @param defaultSeverity the severity when the label is missing or not understood
     * @param urgency the urgency
     * @param autoResolve whether a resolved alert resolves the incident
     * @param heartbeat the heartbeat fed by this route, if any
     */
    public record Routing(String route, Optional<String> service, Optional<String> policy, Optional<String> category,
            String severityLabel, Severity.Scale scale, Severity defaultSeverity, Urgency urgency, boolean autoResolve,
            Optional<String> heartbeat) {

        /** Checks the parts. */
        public Routing {
            Objects.requireNonNull(route, "route");
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(category, "category");
            Objects.requireNonNull(severityLabel, "severityLabel");
            Objects.requireNonNull(scale, "scale");
            Objects.requireNonNull(defaultSeverity, "defaultSeverity");
            Objects.requireNonNull(urgency, "urgency");
            Objects.requireNonNull(heartbeat, "heartbeat");
        }

        /** The severity of an alert with these labels, or the default severity when its label is missing or unknown. */
        public Severity severityOf(Map<String, String> labels) {
            return severityWritten(labels).orElse(defaultSeverity);
        }

        /** The severity the alert's label names, if it has the label and the scale understands it. */
        public Optional<Severity> severityWritten(Map<String, String> labels) {
            String written = labels.get(severityLabel);
            if (written == null || written.isBlank()) {
                return Optional.empty();
            }
            try {
                return Optional.of(scale.parse(written));
            } catch (ValidationException e) {
                return Optional.empty();
            }
        }

        /** The service: the route's, else the {@code service} label, else the {@code job} label, else the route's name. */
        public String serviceOf(Map<String, String> labels) {
            return service.orElseGet(() -> nonBlank(labels.get("service"))
                    .or(() -> nonBlank(labels.get("job"))).orElse(route));
        }

        private static Optional<String> nonBlank(@Nullable String s) {
            return s == null || s.isBlank() ? Optional.empty() : Optional.of(s);
        }
    }

    /** Fluent builder; {@link #build()} reports every problem at once. */
    public static final class Builder {
        private final List<AlertRoute> routes = new ArrayList<>();
        private final Problems problems = new Problems();
        private @Nullable AlertRoute defaultRoute;

        private Builder() {
        }

        /** Adds a route, tried after those added before it. */
        public Builder route(AlertRoute route) {
            routes.add(Objects.requireNonNull(route, "route"));
            return this;
        }

        /** Adds a route from its builder. */
        public Builder route(AlertRoute.Builder route) {
            try {
                return route(route.build());
            } catch (ValidationException e) {
                problems.addAll("routes[" + routes.size() + "]", e);
                routes.add(placeholder(routes.size()));
                return this;
            }
        }

        private static AlertRoute placeholder(int index) {
            // keeps the indexes of later routes right in messages; never built into a table (problems are recorded)
            return AlertRoute.named("routes[" + index + "]").build();
        }

        /** The default route (required): taken when nothing else matches; the others inherit its settings. */
        public Builder otherwise(AlertRoute route) {
            this.defaultRoute = Objects.requireNonNull(route, "route");
            return this;
        }

        /** The default route from its builder. */
        public Builder otherwise(AlertRoute.Builder route) {
            try {
                return otherwise(route.build());
            } catch (ValidationException e) {
                problems.addAll("default", e);
                return this;
            }
        }

        /**
         * Builds the table: the default route must name a policy and have no matchers; route names are unique; a
         * route without matchers may only come last (it would hide every route after it).
         *
         * @throws ValidationException listing every problem
         */
        public AlertRoutes build() {
            Problems p = new Problems();
            problems.list().forEach(x -> p.add(x.field(), x.value(), x.message()));
            if (defaultRoute == null) {
                p.add("default", null, "a default route is required (otherwise(..)): it catches what no route matches");
            } else {
                p.check(defaultRoute.matchers().isEmpty(), "default.matchers", defaultRoute.matchers(),
                        "the default route matches every alert, so it takes no matchers");
                p.check(defaultRoute.policy().isPresent() || defaultRoute.heartbeat().isPresent(), "default.policy",
                        null, "the default route must name an escalation policy (the routes inherit it)");
            }
            Set<String> names = new HashSet<>();
            if (defaultRoute != null) {
                names.add(defaultRoute.name());
            }
            for (int i = 0; i < routes.size(); i++) {
                AlertRoute r = routes.get(i);
                p.check(names.add(r.name()), "routes[" + i + "].name", r.name(), "is used by an earlier route");
                if (r.matchers().isEmpty() && i < routes.size() - 1) {
                    p.add("routes[" + i + "].matchers", "[]", "a route without matchers catches every alert, so "
                            + "route '" + routes.get(i + 1).name() + "' and those after it would never match");
                }
            }
            p.throwIfAny("alert routes");
            return new AlertRoutes(routes, Objects.requireNonNull(defaultRoute));
        }
    }
}
