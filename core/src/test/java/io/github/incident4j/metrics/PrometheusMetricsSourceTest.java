package io.github.incident4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incident4j.common.Condition;
import io.github.incident4j.common.Quantity;
import io.github.incident4j.stack.LoopbackHttpServer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The HTTP side of PrometheusMetricsSource against a loopback server: what is sent (form, time, timeout, auth
 * headers), timeouts, unreachable servers, answers that are not Prometheus's JSON, and the builder's checks. The
 * answers from a real Prometheus are tested in the examples module ({@code PrometheusRealTest}).
 */
class PrometheusMetricsSourceTest {

    private static final Instant AT = Instant.parse("2026-03-02T09:25:00.250Z");
    private static final String ONE = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":"
            + "[{\"metric\":{},\"value\":[1772443500.25,\"0.05\"]}]}}";

    private static PrometheusMetricsSource.Builder source(LoopbackHttpServer server) {
        return PrometheusMetricsSource.at(server.uri("/prom"))
                .queries(Map.of("Error Rate", "100 * sum(rate(errors{service=\"${service}\"}[${window}]))"))
                .unitsFrom(List.of(Condition.parse("error rate < 0.1%")));
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    @DisplayName("a read posts the mapped PromQL with the labels and window filled, the time, the timeout and the auth header")
    void request() {
        try (LoopbackHttpServer server = LoopbackHttpServer.start(r -> LoopbackHttpServer.Answer.of(200, ONE))) {
            PrometheusMetricsSource s = source(server).bearerToken("tok").header("X-Scope-OrgID", "payments")
                    .timeout(Duration.ofMillis(2500)).build();
            assertThat(s.read("error rate", Map.of("service", "pay\"ment"), AT, Duration.ofSeconds(90)))
                    .contains(Quantity.percent(0.05));

            LoopbackHttpServer.Request r = server.requests().get(0);
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.path()).isEqualTo("/prom/api/v1/query");
            assertThat(r.header("Authorization")).isEqualTo("Bearer tok");
            assertThat(r.header("X-Scope-OrgID")).isEqualTo("payments");
            assertThat(form(r.text())).containsEntry("query", "100 * sum(rate(errors{service=\"pay\\\"ment\"}[90s]))")
                    .containsEntry("time", "1772443500.250").containsEntry("timeout", "2500ms");
        }
    }

    @Test
    @DisplayName("basic auth is sent as HTTP basic; range queries post start, end and step")
    void basicAndRange() {
        String matrix = "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{\"a\":\"b\"},"
                + "\"values\":[[1772443500,\"1\"],[1772443560,\"NaN\"],[1772443620,\"+Inf\"]]}]}}";
        try (LoopbackHttpServer server = LoopbackHttpServer.start(r -> LoopbackHttpServer.Answer.of(200, matrix))) {
            PrometheusMetricsSource s = source(server).basicAuth("grafana", "s3cret").build();
            List<PrometheusMetricsSource.Series> series = s.range("up", AT, AT.plusSeconds(120), Duration.ofMinutes(1));
            assertThat(series).singleElement().satisfies(x -> {
                assertThat(x.labels()).containsEntry("a", "b");
                assertThat(x.samples()).extracting(PrometheusMetricsSource.Sample::value)
                        .containsExactly(1.0, Double.NaN, Double.POSITIVE_INFINITY);
            });
            LoopbackHttpServer.Request r = server.requests().get(0);
            assertThat(r.header("Authorization")).isEqualTo("Basic Z3JhZmFuYTpzM2NyZXQ=");
            assertThat(r.path()).endsWith("/api/v1/query_range");
            assertThat(form(r.text())).containsEntry("step", "60s").containsKeys("start", "end");
        }
    }

    @Test
    @DisplayName("a Prometheus that does not answer within the timeout fails the read with a timeout")
    void timeout() {
        try (LoopbackHttpServer server = LoopbackHttpServer.start(r -> LoopbackHttpServer.Answer.of(200, ONE).held())) {
            PrometheusMetricsSource s = source(server).timeout(Duration.ofMillis(300)).build();
            assertThatThrownBy(() -> s.read("error rate", Map.of("service", "x"), AT, Duration.ofMinutes(1)))
                    .isInstanceOfSatisfying(PrometheusException.class, e -> {
                        assertThat(e.errorType()).contains("timeout");
                        assertThat(e.getMessage()).contains("did not answer within 300ms");
                    });
        }
    }

    @Test
    @DisplayName("an unreachable Prometheus, a proxy's HTML error page and an oversized answer are clear errors")
    void unreachableAndForeign() {
        int port;
        try (LoopbackHttpServer gone = LoopbackHttpServer.start(r -> LoopbackHttpServer.Answer.of(200, ONE))) {
            port = gone.port();
        }
        PrometheusMetricsSource dead = PrometheusMetricsSource.at(java.net.URI.create("http://127.0.0.1:" + port))
                .timeout(Duration.ofSeconds(2)).build();
        assertThatThrownBy(() -> dead.instant("up", AT)).isInstanceOf(PrometheusException.class)
                .hasMessageContaining("could not be reached");

        try (LoopbackHttpServer proxy = LoopbackHttpServer.start(r -> LoopbackHttpServer.Answer.of(502, "<html>Bad Gateway</html>"))) {
            assertThatThrownBy(() -> source(proxy).build().instant("up", AT)).isInstanceOfSatisfying(PrometheusException.class,
                    e -> {
                        assertThat(e.status()).hasValue(502);
                        assertThat(e.getMessage()).contains("not its JSON", "Bad Gateway");
                    });
        }
        try (LoopbackHttpServer big = LoopbackHttpServer.start(r -> LoopbackHttpServer.Answer.of(200, ONE + " ".repeat(500)))) {
            assertThatThrownBy(() -> source(big).maxResponseChars(200).build().instant("up", AT))
                    .hasMessageContaining("over the limit of 200");
        }
    }

    @Test
    @DisplayName("Prometheus's error answer is passed on with its type and text")
    void prometheusError() {
        String error = "{\"status\":\"error\",\"errorType\":\"execution\",\"error\":\"query processing would load too many samples\"}";
        try (LoopbackHttpServer server = LoopbackHttpServer.start(r -> LoopbackHttpServer.Answer.of(422, error))) {
            assertThatThrownBy(() -> source(server).build().instant("up", AT)).isInstanceOfSatisfying(PrometheusException.class,
                    e -> {
                        assertThat(e.status()).hasValue(422);
                        assertThat(e.errorType()).contains("execution");
                        assertThat(e.getMessage()).contains("query processing would load too many samples", "query: up");
                    });
        }
    }

    @Test
    @DisplayName("the builder wants a unit for every mapped metric and a usable URL, timeout and headers")
    void builder() {
        assertThatThrownBy(() -> PrometheusMetricsSource.at(java.net.URI.create("file:///x"))
                .queries(Map.of("error rate", "up", "p99 latency", " ")).timeout(Duration.ZERO).header("X", "a\nb").build())
                .hasMessageContaining("baseUrl").hasMessageContaining("timeout")
                .hasMessageContaining("no unit for 'error rate'").hasMessageContaining("queries.p99 latency")
                .hasMessageContaining("headers.X");
        assertThat(PrometheusMetricsSource.duration(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(PrometheusMetricsSource.duration(Duration.ofMinutes(5))).isEqualTo("300s");
    }
}
