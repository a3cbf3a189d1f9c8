package io.github.incident4j.chaos;

import io.github.incident4j.ValidationException;
import io.github.incident4j.common.Problems;
import io.github.incident4j.common.Text;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One experiment (fault) of a ChaosEngine: its name, its env settings (kept exactly as written) and its probes.
 *
 * <pre>{@code
 * Fault f = Fault.named("pod-delete").env("TOTAL_CHAOS_DURATION", "30").env("FORCE", "true").build();
 * PodDeleteSettings s = f.podDelete();   // typed view, defaults applied
 * }</pre>
 *
 * @param name the Litmus experiment name, e.g. {@code pod-delete}
 * @param env {@code spec.components.env} in the order written, values as written (an env entry written with
 *     {@code valueFrom} is kept in {@code extra} as {@code env.NAME})
 * @param probes {@code spec.probe}
 * @param extra Litmus fields this model does not know ({@code experiment.x}, {@code spec.x}, {@code components.x},
 *     {@code env.NAME} for an env entry that is not a plain value)
 */
public record Fault(String name, Map<String, String> env, List<Probe> probes, Map<String, Object> extra) {

    /** The Litmus name of the pod-delete fault. */
    public static final String POD_DELETE = "pod-delete";

    /** Validates every part at once. */
    public Fault {
        Objects.requireNonNull(name, "name");
        Problems problems = new Problems();
        problems.check(!name.isBlank(), "name", name, "must not be blank");
        Text.identifierProblem(name).ifPresent(p -> problems.add("name", name, p));
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
        env.forEach((k, v) -> {
            problems.check(!k.isBlank(), "env", k, "names must not be blank");
            Text.identifierProblem(k).ifPresent(p -> problems.add("env", k, p));
            Text.textProblem(v).ifPresent(p -> problems.add("env." + k, v, p));
        });
        probes = List.copyOf(probes);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < probes.size(); i++) {
            problems.check(names.add(probes.get(i).name()), "probe[" + i + "].name", probes.get(i).name(), "is used twice");
        }
        extra = LitmusFields.copy(extra, problems, "extra");
        // Env values are kept as written, whatever they say: Litmus's CRD takes any string, and litmus-go reads
        // them its own way. ChaosLint says which ones litmus-go would misread; podDelete() reads them for the runner.
        problems.throwIfAny("fault " + name);
    }

    /** Starts a fault of the given Litmus name. */
    public static Builder named(String name) {
        return new Builder(name);
    }

    /** A builder holding this fault's values. */
    public Builder toBuilder() {
        Builder b = new Builder(name);
        b.env.putAll(env);
        b.probes.addAll(probes);
        b.extra.putAll(extra);
        return b;
    }

    /**
     * The pod-delete view of the env, defaults applied.
     *
     * @throws ValidationException when a setting is malformed
     */
    public PodDeleteSettings podDelete() {
        return PodDeleteSettings.of(env);
    }

    /** Builds a {@link Fault}. */
    public static final class Builder {
        private final String name;
        private final Map<String, String> env = new LinkedHashMap<>();
        private final List<Probe> probes = new ArrayList<>();
        private final Map<String, Object> extra = new LinkedHashMap<>();

        private Builder(String name) {
            this.name = name;
        }

        /** Sets an env value ({@code TOTAL_CHAOS_DURATION}, {@code FORCE}, ...). */
        public Builder env(String key, String value) {
            env.put(key, value);
            return this;
        }

        /** Adds a probe. */
        public Builder probe(Probe probe) {
            probes.add(probe);
            return this;
        }

        /** Keeps an unknown Litmus field, keyed {@code level.name}. */
        public Builder extra(String key, Object value) {
            extra.put(key, value);
            return this;
        }

        /** Validates and builds. */
        public Fault build() {
            return new Fault(name, env, probes, extra);
        }
    }
}
