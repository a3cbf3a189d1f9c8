package io.github.incident4j.chaos;

import io.github.incident4j.ValidationException;
import io.github.incident4j.common.MetricQueries;
import io.github.incident4j.common.Problems;
import io.github.incident4j.common.Text;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A chaos experiment as a LitmusChaos {@code ChaosEngine} describes it, with its steady-state hypothesis.
 *
 * <pre>{@code
 * ChaosExperiment e = ChaosExperiment.named("pod-delete-test")
 *         .target("staging", "app=payment-service")
 *         .serviceAccount("litmus-admin")
 *         .fault(Fault.named("pod-delete").env("TOTAL_CHAOS_DURATION", "30").env("CHAOS_INTERVAL", "10").build())
 *         .tolerance("p99 latency stays below 500ms")
 *         .tolerance("Error rate stays below 1%")
 *         .tolerance("No data loss or corruption")      // a host check
 *         .build();
 * }</pre>
 *
 * <p>A manifest read by {@code format.ChaosEngineYaml} keeps its {@link #source()}, so that rendering it gives
 * back the author's bytes, with only the changed fields rewritten. The source takes no part in equality.</p>
 *
 * @param name {@code metadata.name}; for a manifest with only {@code metadata.generateName}, that prefix (also kept
 *     in {@code extra} as {@code metadata.generateName})
 * @param app {@code spec.appinfo}, {@link AppInfo#NONE} when not written (infra faults)
 * @param serviceAccount {@code spec.chaosServiceAccount}, empty when not written
 * @param engineState {@code spec.engineState} (default active)
 * @param cleanupPolicy {@code spec.jobCleanUpPolicy} (default retain)
 * @param faults {@code spec.experiments}, at least one
 * @param hypothesis the steady-state hypothesis
 * @param extra Litmus fields this model does not know, keyed {@code root.x}, {@code metadata.x}, {@code spec.x},
 *     {@code appinfo.x}
 * @param source the manifest this experiment was read from, or null for one built in code
 */
public record ChaosExperiment(String name, AppInfo app, String serviceAccount, EngineState engineState,
                              CleanupPolicy cleanupPolicy, List<Fault> faults, SteadyStateHypothesis hypothesis,
                              Map<String, Object> extra, @Nullable ManifestSource source) {

    /** An experiment built in code, without a source manifest. */
    public ChaosExperiment(String name, AppInfo app, String serviceAccount, EngineState engineState,
                           CleanupPolicy cleanupPolicy, List<Fault> faults, SteadyStateHypothesis hypothesis,
                           Map<String, Object> extra) {
        this(name, app, serviceAccount, engineState, cleanupPolicy, faults, hypothesis, extra, null);
    }

    /** Validates every part at once. */
    public ChaosExperiment {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(serviceAccount, "serviceAccount");
        Objects.requireNonNull(engineState, "engineState");
        Objects.requireNonNull(cleanupPolicy, "cleanupPolicy");
        Objects.requireNonNull(hypothesis, "hypothesis");
        faults = List.copyOf(faults);
        Problems problems = new Problems();
        problems.check(!name.isBlank(), "metadata.name", name, "must not be blank (or give metadata.generateName)");
        Text.identifierProblem(name).ifPresent(p -> problems.add("metadata.name", name, p));
        Text.identifierProblem(serviceAccount).ifPresent(p -> problems.add("spec.chaosServiceAccount", serviceAccount, p));
        problems.check(!faults.isEmpty(), "spec.experiments", "[]", "must name at least one experiment");
        for (int i = 0; i < faults.size(); i++) {
            for (Probe p : faults.get(i).probes()) {
                final String probeName = p.name();
                problems.check(hypothesis.tolerances().stream().noneMatch(t -> t.text().equals(probeName)),
                        "spec.experiments[" + i + "].probe", probeName,
                        "has the name of a tolerance of the hypothesis; rename the probe");
            }
        }
        extra = LitmusFields.copy(extra, problems, "extra");
        problems.throwIfAny("chaos experiment " + name);
    }

    /** The application targeted, when {@code appinfo} says anything (infra faults have none). */
    public Optional<AppInfo> appInfo() {
        return app.isEmpty() ? Optional.empty() : Optional.of(app);
    }

    /** A copy read from {@code manifest} (readers attach the text they read; null detaches it). */
    public ChaosExperiment withSource(@Nullable ManifestSource manifest) {
        return new ChaosExperiment(name, app, serviceAccount, engineState, cleanupPolicy, faults, hypothesis, extra,
                manifest);
    }

    /**
     * A copy whose metric tolerances carry the PromQL the host gives per metric name, so a rendered manifest gets
     * promProbes with real queries (see {@link SteadyStateHypothesis#withPromQl}). The source is kept: rendering a
     * read manifest then adds the probes and leaves the rest as written.
     *
     * <pre>{@code
     * String yaml = ChaosEngineYaml.render(ChaosEngineYaml.parse(seed).withPromQl(Map.of(
     *         "p99 latency", "histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))",
     *         "error rate", "100 * sum(rate(http_requests_total{code=~\"5..\"}[5m])) / sum(rate(http_requests_total[5m]))")));
     * }</pre>
     *
     * @throws io.github.incident4j.ValidationException for a query that is not PromQL or a metric tolerance left
     *     without one
     */
    public ChaosExperiment withPromQl(Map<String, String> promqlByMetric) {
        return new ChaosExperiment(name, app, serviceAccount, engineState, cleanupPolicy, faults,
                hypothesis.withPromQl(MetricQueries.of(promqlByMetric)), extra, source);
    }

    /** Equal when every part but the {@link #source()} is. */
    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof ChaosExperiment e && name.equals(e.name) && app.equals(e.app)
                && serviceAccount.equals(e.serviceAccount) && engineState == e.engineState
                && cleanupPolicy == e.cleanupPolicy && faults.equals(e.faults) && hypothesis.equals(e.hypothesis)
                && extra.equals(e.extra);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, app, serviceAccount, engineState, cleanupPolicy, faults, hypothesis, extra);
    }

    @Override
    public String toString() {
        return "ChaosExperiment[name=" + name + ", app=" + app + ", serviceAccount=" + serviceAccount + ", engineState="
                + engineState + ", cleanupPolicy=" + cleanupPolicy + ", faults=" + faults + ", hypothesis=" + hypothesis
                + ", extra=" + extra + (source == null ? "" : ", read from a manifest of " + source.text().length()
                + " characters") + "]";
    }

    /** Starts an experiment named {@code name} ({@code metadata.name}). */
    public static Builder named(String name) {
        return new Builder(name);
    }

    /** A builder holding this experiment's values. */
    public Builder toBuilder() {
        Builder b = new Builder(name);
        b.app = app;
        b.serviceAccount = serviceAccount;
        b.engineState = engineState;
        b.cleanupPolicy = cleanupPolicy;
        b.faults.addAll(faults);
        b.tolerances.addAll(hypothesis.tolerances());
        b.extra.putAll(extra);
        b.source = source;
        return b;
    }

    /** Builds a {@link ChaosExperiment}; {@link #build()} reports every problem at once. */
    public static final class Builder {
        private final String name;
        private @Nullable AppInfo app;
        private String namespace = "";
        private String labelSelector = "";
        private String kind = "";
        private String serviceAccount = "";
        private EngineState engineState = EngineState.ACTIVE;
        private CleanupPolicy cleanupPolicy = CleanupPolicy.RETAIN;
        private final List<Fault> faults = new ArrayList<>();
        /** Tolerances as given: text to read at build, or a {@link Tolerance}. */
        private final List<Object> tolerances = new ArrayList<>();
        private final Map<String, Object> extra = new LinkedHashMap<>();
        private @Nullable ManifestSource source;

        private Builder(String name) {
            this.name = name;
        }

        /** Targets nothing ({@code appinfo} left out), as infra faults do. */
        public Builder noTarget() {
            this.app = AppInfo.NONE;
            return this;
        }

        /** Targets the given application. */
        public Builder target(AppInfo target) {
            this.app = Objects.requireNonNull(target, "target");
            return this;
        }

        /** Targets a deployment in {@code namespace} selected by {@code labelSelector} ({@code app=web}). */
        public Builder target(String namespace, String labelSelector) {
            return target(namespace, labelSelector, AppInfo.DEFAULT_KIND);
        }

        /** Targets a workload of the given kind. */
        public Builder target(String namespace, String labelSelector, String kind) {
            this.app = null;
            this.namespace = namespace;
            this.labelSelector = labelSelector;
            this.kind = kind;
            return this;
        }

        /** Sets the chaos service account. */
        public Builder serviceAccount(String account) {
            this.serviceAccount = account;
            return this;
        }

        /** Sets the engine state. */
        public Builder engineState(EngineState state) {
            this.engineState = state;
            return this;
        }

        /** Sets the job clean-up policy. */
        public Builder cleanupPolicy(CleanupPolicy policy) {
            this.cleanupPolicy = policy;
            return this;
        }

        /** Adds a fault. */
        public Builder fault(Fault fault) {
            faults.add(fault);
            return this;
        }

        /** Replaces the faults. */
        public Builder faults(List<Fault> replacement) {
            faults.clear();
            faults.addAll(replacement);
            return this;
        }

        /** Adds a tolerance as written: a condition becomes a metric tolerance, anything else a host check. */
        public Builder tolerance(String text) {
            tolerances.add(Objects.requireNonNull(text, "tolerance"));
            return this;
        }

        /** Adds a tolerance with its settings. */
        public Builder tolerance(Tolerance tolerance) {
            tolerances.add(Objects.requireNonNull(tolerance, "tolerance"));
            return this;
        }

        /** Replaces the hypothesis. */
        public Builder hypothesis(SteadyStateHypothesis hypothesis) {
            tolerances.clear();
            hypothesis.tolerances().forEach(this::tolerance);
            return this;
        }

        /** Keeps an unknown Litmus field, keyed {@code level.name} ({@code metadata.labels}). */
        public Builder extra(String key, Object value) {
            extra.put(key, value);
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws ValidationException listing every problem with its field path
         */
        public ChaosExperiment build() {
            Problems problems = new Problems();
            AppInfo target = app;
            if (target == null) {
                try {
                    target = new AppInfo(namespace, labelSelector, kind);
                } catch (ValidationException e) {
                    problems.addAll("spec", e);
                }
            }
            List<Tolerance> resolved = new ArrayList<>();
            for (int i = 0; i < tolerances.size(); i++) {
                Object given = tolerances.get(i);
                if (given instanceof Tolerance t) {
                    resolved.add(t);
                    continue;
                }
                try {
                    resolved.add(Tolerance.parse((String) given));
                } catch (ValidationException e) {
                    problems.addAll("hypothesis[" + i + "]", e);
                }
            }
            SteadyStateHypothesis hypothesis = SteadyStateHypothesis.NONE;
            try {
                hypothesis = new SteadyStateHypothesis(resolved);
            } catch (ValidationException e) {
                problems.addAll("spec", e);
            }
            problems.throwIfAny("chaos experiment " + name);
            return new ChaosExperiment(name, Objects.requireNonNull(target), serviceAccount, engineState,
                    cleanupPolicy, faults, hypothesis, extra, source);
        }
    }
}
