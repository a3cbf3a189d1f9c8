package io.github.incident4j.chaos;

import io.github.incident4j.common.Problems;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a Litmus probe checks: the {@code <type>/inputs} of a probe entry, with every input of the Litmus 2.x and
 * 3.x ChaosEngine CRD. Fields are kept as Litmus writes them (text; empty text means not written), so any probe a
 * team wrote survives a round trip; fields outside the CRD are kept in the probe's {@code extra}.
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
     * {@code promProbe/inputs}: a PromQL query (or a file holding one, {@code queryPath}) on a Prometheus endpoint.
     * The runner reads the query through the host's {@code MetricsSource}.
     *
     * @param endpoint the Prometheus URL
     * @param query the PromQL, or empty when {@code queryPath} is given
     * @param queryPath a file in the probe's pod holding the query, or empty
     * @param comparator how the result is compared
     */
    record Prom(String endpoint, String query, String queryPath, Comparator comparator) implements ProbeInputs {
        /** Validates the parts. */
        public Prom {
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(query, "query");
            Objects.requireNonNull(queryPath, "queryPath");
            Objects.requireNonNull(comparator, "comparator");
        }

        /** A probe with an inline query. */
        public Prom(String endpoint, String query, Comparator comparator) {
            this(endpoint, query, "", comparator);
        }

        @Override
        public String type() {
            return "promProbe";
        }
    }

    /**
     * {@code httpProbe/inputs}: {@code url}, {@code insecureSkipVerify}, {@code responseTimeout} (Litmus 2.x, in
     * milliseconds) and {@code method: {get|post: {...}}}; a post may carry {@code contentType} and a {@code body}
     * or a {@code bodyPath}.
     *
     * @param url the URL requested
     * @param method {@code get} or {@code post}
     * @param criteria how the response code is compared ({@code ==}, {@code !=}, {@code oneOf})
     * @param responseCode the expected code
     * @param body a post's body, or empty
     * @param bodyPath a file holding a post's body, or empty
     * @param contentType a post's content type, or empty
     * @param responseTimeout {@code responseTimeout} as written, or empty
     * @param insecureSkipVerify {@code insecureSkipVerify} as written ({@code true}, {@code False}...), or empty
     */
    record Http(String url, String method, String criteria, String responseCode, String body, String bodyPath,
                String contentType, String responseTimeout, String insecureSkipVerify) implements ProbeInputs {
        /** Validates the parts. */
        public Http {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(criteria, "criteria");
            Objects.requireNonNull(responseCode, "responseCode");
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(bodyPath, "bodyPath");
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(responseTimeout, "responseTimeout");
            Objects.requireNonNull(insecureSkipVerify, "insecureSkipVerify");
        }

        /** A get or post without body, timeout or TLS setting. */
        public Http(String url, String method, String criteria, String responseCode) {
            this(url, method, criteria, responseCode, "", "", "", "", "");
        }

        /** A post of {@code body} as {@code contentType}. */
        public static Http post(String url, String contentType, String body, String criteria, String responseCode) {
            return new Http(url, "post", criteria, responseCode, body, "", contentType, "", "");
        }

        @Override
        public String type() {
            return "httpProbe";
        }
    }

    /**
     * {@code cmdProbe/inputs}: a command and a comparator, run inline or, with {@code source}, in a pod of its
     * own ({@code image}, {@code hostNetwork}, {@code env}, ...). incident4j never runs commands; kept for Litmus.
     *
     * @param command the command
     * @param comparator how its output is compared
     * @param source the {@code source} mapping as written (text, lists and mappings), empty when inline
     */
    record Cmd(String command, Comparator comparator, Map<String, Object> source) implements ProbeInputs {
        /** Validates and copies the parts. */
        public Cmd {
            Objects.requireNonNull(command, "command");
            Objects.requireNonNull(comparator, "comparator");
            Problems problems = new Problems();
            Map<String, Object> copy = new LinkedHashMap<>();
            source.forEach((k, v) -> copy.put(k, LitmusFields.value(v, problems, "cmdProbe.source." + k)));
            problems.throwIfAny("cmdProbe/inputs");
            source = Collections.unmodifiableMap(copy);
        }

        /** An inline command. */
        public Cmd(String command, Comparator comparator) {
            this(command, comparator, Map.of());
        }

        @Override
        public String type() {
            return "cmdProbe";
        }
    }

    /**
     * {@code k8sProbe/inputs}: a resource query and an operation ({@code present}, {@code absent}, {@code create},
     * {@code delete}). Empty text means not written.
     *
     * @param resourceNames {@code resourceNames}: comma-separated names of the resources, or empty
     */
    record K8s(String group, String version, String resource, String namespace, String fieldSelector,
               String labelSelector, String operation, String resourceNames) implements ProbeInputs {
        /** Validates the parts. */
        public K8s {
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(resource, "resource");
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(fieldSelector, "fieldSelector");
            Objects.requireNonNull(labelSelector, "labelSelector");
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(resourceNames, "resourceNames");
        }

        /** A query without {@code resourceNames}. */
        public K8s(String group, String version, String resource, String namespace, String fieldSelector,
                   String labelSelector, String operation) {
            this(group, version, resource, namespace, fieldSelector, labelSelector, operation, "");
        }

        @Override
        public String type() {
            return "k8sProbe";
        }
    }
}
