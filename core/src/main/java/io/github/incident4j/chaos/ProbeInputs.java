package io.github.incident4j.chaos;

import java.util.Objects;

/**
 * What a Litmus probe checks: the {@code <type>/inputs} of a probe entry. Fields are kept as Litmus writes
 * them (text), so any probe a team wrote survives a round trip.
 */
public sealed interface ProbeInputs
        permits ProbeInputs.Prom, ProbeInputs.Http, ProbeInputs.Cmd, ProbeInputs.K8s {

    /** The probe type Litmus writes: {@code promProbe}, {@code httpProbe}, {@code cmdProbe}, {@code k8sProbe}. */
    String type();

    /**
     * Litmus's {@code comparator}.
     *
     * @param type {@code int}, {@code float}, {@code string}, or empty when not written (promProbe)
     * @param criteria e.g. {@code <}, {@code ==}, {@code contains}
     * @param value the value compared with
     */
    record Comparator(String type, String criteria, String value) {
        /** Validates the parts. */
        public Comparator {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(criteria, "criteria");
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * {@code promProbe/inputs}: a PromQL query on a Prometheus endpoint. The runner reads the query through
     * the host's {@code MetricsSource} (the query text is the metric name).
     */
    record Prom(String endpoint, String query, Comparator comparator) implements ProbeInputs {
        /** Validates the parts. */
        public Prom {
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(query, "query");
            Objects.requireNonNull(comparator, "comparator");
        }

        @Override
        public String type() {
            return "promProbe";
        }
    }

    /**
     * {@code httpProbe/inputs}: {@code url} and {@code method: {get|post: {criteria, responseCode}}}.
     */
    record Http(String url, String method, String criteria, String responseCode) implements ProbeInputs {
        /** Validates the parts. */
        public Http {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(criteria, "criteria");
            Objects.requireNonNull(responseCode, "responseCode");
        }

        @Override
        public String type() {
            return "httpProbe";
        }
    }

    /** {@code cmdProbe/inputs}: a command and a comparator. incident4j never runs commands; kept for Litmus. */
    record Cmd(String command, Comparator comparator) implements ProbeInputs {
        /** Validates the parts. */
        public Cmd {
            Objects.requireNonNull(command, "command");
            Objects.requireNonNull(comparator, "comparator");
        }

        @Override
        public String type() {
            return "cmdProbe";
        }
    }

    /**
     * {@code k8sProbe/inputs}: a resource query and an operation ({@code present}, {@code absent}, {@code create},
     * {@code delete}). Empty text means not written.
     */
    record K8s(String group, String version, String resource, String namespace, String fieldSelector,
               String labelSelector, String operation) implements ProbeInputs {
        /** Validates the parts. */
        public K8s {
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(resource, "resource");
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(fieldSelector, "fieldSelector");
            Objects.requireNonNull(labelSelector, "labelSelector");
            Objects.requireNonNull(operation, "operation");
        }

        @Override
        public String type() {
            return "k8sProbe";
        }
    }
}
