package io.github.incident4j.chaos;

import io.github.incident4j.common.Problems;
import java.util.Map;
import java.util.Objects;

/**
 * A Litmus probe on an experiment ({@code spec.experiments[].spec.probe[]}).
 *
 * <pre>{@code
 * Probe p = Probe.of("orders-up", new ProbeInputs.Http("http://orders/health", "get", "==", "200"),
 *         ProbeMode.CONTINUOUS, RunProperties.DEFAULT.withStopOnFailure(true));
 * }</pre>
 *
 * @param name the probe's name (unique in an experiment)
 * @param inputs what it checks; its type is {@code inputs.type()}
 * @param mode when it runs
 * @param runProperties timeout, interval, retry, stop on failure
 * @param extra Litmus fields this model does not know, kept for render ({@code probe.x}, {@code inputs.x},
 *     {@code runProperties.x})
 */
public record Probe(String name, ProbeInputs inputs, ProbeMode mode, RunProperties runProperties, Map<String, Object> extra) {

    /** Validates and copies. */
    public Probe {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(runProperties, "runProperties");
        Problems problems = new Problems();
        problems.check(!name.isBlank(), "probe.name", name, "must not be blank");
        extra = LitmusFields.copy(extra, problems, "probe.extra");
        problems.throwIfAny("probe");
    }

    /** A probe without unknown fields. */
    public static Probe of(String name, ProbeInputs inputs, ProbeMode mode, RunProperties runProperties) {
        return new Probe(name, inputs, mode, runProperties, Map.of());
    }

    /** {@code promProbe}, {@code httpProbe}, {@code cmdProbe} or {@code k8sProbe}. */
    public String type() {
        return inputs.type();
    }
}
