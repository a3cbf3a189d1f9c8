package io.github.incident4j.chaos;

import io.github.incident4j.ValidationException;
import io.github.incident4j.common.Problems;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * @param name {@code metadata.name}
 * @param app {@code spec.appinfo}
 * @param serviceAccount {@code spec.chaosServiceAccount}
 * @param engineState {@code spec.engineState} (default active)
 * @param cleanupPolicy {@code spec.jobCleanUpPolicy} (default retain)
 * @param faults {@code spec.experiments}, at least one
 * @param hypothesis the steady-state hypothesis
 * @param extra Litmus fields this model does not know, keyed {@code root.x}, {@code metadata.x}, {@code spec.x},
 *     {@code appinfo.x}
 */
public record ChaosExperiment(String name, AppInfo app, String serviceAccount, EngineState engineState,
                              CleanupPolicy cleanupPolicy, List<Fault> faults, SteadyStateHypothesis hypothesis,
                              Map<String, Object> extra) {

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
        problems.check(!name.isBlank(), "metadata.name", name, "must not be blank");
        problems.check(!serviceAccount.isBlank(), "spec.chaosServiceAccount", serviceAccount, "must not be blank");
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
        return b;
    }

    /** Builds a {@link ChaosExperiment}; {@link #build()} reports every problem at once. */
    public static final class Builder {
        private final String name;
        private @Nullable AppInfo app;
        private String namespace = "";
        private String labelSelector = "";
        private String kind = AppInfo.DEFAULT_KIND;
        private String serviceAccount = "";
        private EngineState engineState = EngineState.ACTIVE;
        private CleanupPolicy cleanupPolicy = CleanupPolicy.RETAIN;
        private final List<Fault> faults = new ArrayList<>();
        /** Tolerances as given: text to read at build, or a {@link Tolerance}. */
        private final List<Object> tolerances = new ArrayList<>();
        private final Map<String, Object> extra = new LinkedHashMap<>();

        private Builder(String name) {
            this.name = name;
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
                    cleanupPolicy, faults, hypothesis, extra);
        }
    }
}
