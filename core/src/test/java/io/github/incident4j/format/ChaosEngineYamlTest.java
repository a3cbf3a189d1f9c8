package io.github.incident4j.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incident4j.chaos.ChaosExperiment;
import io.github.incident4j.chaos.CleanupPolicy;
import io.github.incident4j.chaos.EngineState;
import io.github.incident4j.chaos.Fault;
import io.github.incident4j.chaos.PodDeleteSettings;
import io.github.incident4j.chaos.Probe;
import io.github.incident4j.chaos.ProbeInputs;
import io.github.incident4j.chaos.ProbeMode;
import io.github.incident4j.chaos.Tolerance;
import io.github.incident4j.common.Condition;
import io.github.incident4j.common.Finding;
import io.github.incident4j.common.Quantity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ChaosEngineYaml reads and writes Litmus ChaosEngines")
class ChaosEngineYamlTest {

    static String seedText() throws IOException {
        try (InputStream in = ChaosEngineYamlTest.class.getResourceAsStream("/seed/chaos-pod-delete.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    @DisplayName("the seed is read field by field, with its commented hypothesis as tolerances")
    void seedFieldByField() throws IOException {
        ChaosExperiment e = ChaosEngineYaml.parse(seedText());

        assertThat(e.name()).isEqualTo("pod-delete-test");
        assertThat(e.app().namespace()).isEqualTo("production");
        assertThat(e.app().labelSelector()).isEqualTo("app=payment-service");
        assertThat(e.app().selector()).isEqualTo(Map.of("app", "payment-service"));
        assertThat(e.app().kind()).isEqualTo("deployment");
        assertThat(e.serviceAccount()).isEqualTo("litmus-admin");
        assertThat(e.engineState()).isEqualTo(EngineState.ACTIVE);
        assertThat(e.cleanupPolicy()).isEqualTo(CleanupPolicy.RETAIN);
        assertThat(e.extra()).isEmpty();
        assertThat(e.faults()).hasSize(1);
        Fault f = e.faults().get(0);
        assertThat(f.name()).isEqualTo("pod-delete");
        assertThat(f.env()).containsExactly(Map.entry("TOTAL_CHAOS_DURATION", "30"), Map.entry("CHAOS_INTERVAL", "10"),
                Map.entry("FORCE", "false"));
        assertThat(f.probes()).isEmpty();
        PodDeleteSettings s = f.podDelete();
        assertThat(s.totalChaosDuration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.chaosInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.force()).isFalse();
        assertThat(s.podsAffectedPercent()).isZero();
        assertThat(s.sequence()).isEqualTo(PodDeleteSettings.Sequence.PARALLEL);
        assertThat(s.rampTime()).isZero();

        assertThat(e.hypothesis().tolerances()).extracting(Tolerance::text).containsExactly(
                "p99 latency stays below 500ms", "Error rate stays below 1%", "No data loss or corruption");
        Tolerance.Metric latency = e.hypothesis().metrics().get(0);
        assertThat(latency.condition()).isEqualTo(Condition.of("p99 latency", Condition.Comparator.LESS, Quantity.millis(500)));
        assertThat(latency.mode()).isEqualTo(ProbeMode.CONTINUOUS);
        assertThat(e.hypothesis().metrics().get(1).condition().metricKey()).isEqualTo("error rate");
        assertThat(e.hypothesis().hostChecks()).extracting(Tolerance::text).containsExactly("No data loss or corruption");
    }

    @Test
    @DisplayName("render writes the hypothesis as promProbes and as the comment block, and reads back equal")
    void renderSeed() throws IOException {
        ChaosExperiment e = ChaosEngineYaml.parse(seedText());
        String yaml = ChaosEngineYaml.render(e);

        assertThat(yaml).contains("promProbe/inputs", "criteria: \"<\"", "value: \"500\"", "mode: \"Continuous\"",
                "stopOnFailure: false", "retry: 1", "# Steady-state hypothesis:\n# - p99 latency stays below 500ms\n");
        assertThat(ChaosEngineYaml.parse(yaml)).isEqualTo(e);
    }

    @Test
    @DisplayName("probes of every type are read with their mode and run properties")
    void probes() {
        String yaml = """
                apiVersion: litmuschaos.io/v1alpha1
                kind: ChaosEngine
                metadata:
                  name: e
                spec:
                  appinfo: {appns: staging, applabel: app=web}
                  chaosServiceAccount: sa
                  experiments:
                    - name: pod-delete
                      spec:
                        probe:
                          - name: p99 latency < 500ms
                            type: promProbe
                            promProbe/inputs:
                              endpoint: http://prom:9090
                              query: histogram_quantile(0.99, rate(x[1m]))
                              comparator: {criteria: "<", value: "0.5"}
                            mode: Edge
                            runProperties: {probeTimeout: 2s, interval: 1s, retry: 2, stopOnFailure: true}
                          - name: web-up
                            type: httpProbe
                            httpProbe/inputs:
                              url: http://web/health
                              method: {get: {criteria: "==", responseCode: "200"}}
                            mode: Continuous
                            runProperties: {probeTimeout: 5, interval: 5, retry: 1, attempt: 3}
                          - name: pods-present
                            type: k8sProbe
                            k8sProbe/inputs: {version: v1, resource: pods, labelSelector: app=web, operation: present}
                            mode: EOT
                          - name: cmd
                            type: cmdProbe
                            cmdProbe/inputs:
                              command: ls
                              comparator: {type: string, criteria: contains, value: x}
                            mode: OnChaos
                # Steady-state hypothesis:
                # - p99 latency < 500ms
                """;
        ChaosExperiment e = ChaosEngineYaml.parse(yaml);
        Tolerance.Metric bound = e.hypothesis().metrics().get(0);
        assertThat(bound.mode()).isEqualTo(ProbeMode.EDGE);
        assertThat(bound.runProperties().stopOnFailure()).isTrue();
        assertThat(bound.runProperties().retry()).isEqualTo(2);
        assertThat(bound.endpoint()).isEqualTo("http://prom:9090");
        assertThat(bound.query()).isEqualTo("histogram_quantile(0.99, rate(x[1m]))");
        assertThat(e.faults().get(0).probes()).extracting(Probe::name).containsExactly("web-up", "pods-present", "cmd");
        Probe http = e.faults().get(0).probes().get(0);
        assertThat(http.inputs()).isEqualTo(new ProbeInputs.Http("http://web/health", "get", "==", "200"));
        assertThat(http.runProperties().probeTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(http.runProperties().attempt()).isEqualTo(3);
        assertThat(http.runProperties().tries()).isEqualTo(3);
        assertThat(http.extra()).isEmpty();
        assertThat(bound.runProperties().attempt()).isZero();
        assertThat(ChaosEngineYaml.render(e)).contains("attempt: 3").containsOnlyOnce("attempt:");
        assertThat(e.faults().get(0).probes().get(2).mode()).isEqualTo(ProbeMode.ON_CHAOS);
        assertThat(ChaosEngineYaml.parse(ChaosEngineYaml.render(e))).isEqualTo(e);
    }

    @Test
    @DisplayName("unknown Litmus fields are kept on render; annotationCheck is accepted with a warning")
    void unknownFieldsAndAnnotationCheck() throws IOException {
        String yaml = seedText().replace("spec:\n  appinfo:", "spec:\n  annotationCheck: 'false'\n"
                + "  components:\n    runner:\n      image: litmuschaos/chaos-runner:3.0.0\n  appinfo:")
                .replace("metadata:\n  name: pod-delete-test", "metadata:\n  name: pod-delete-test\n  namespace: litmus");
        ChaosEngineYaml.Parsed p = ChaosEngineYaml.read(yaml);

        assertThat(p.warnings()).singleElement().satisfies(w -> {
            assertThat(w.level()).isEqualTo(Finding.Level.WARNING);
            assertThat(w.code()).isEqualTo("chaos.annotation-check-removed");
            assertThat(w.line()).isEqualTo(8); // after the added metadata.namespace line
        });
        assertThat(p.experiment().extra()).containsEntry("metadata.namespace", "litmus")
                .containsEntry("spec.annotationCheck", "false")
                .containsEntry("spec.components", Map.of("runner", Map.of("image", "litmuschaos/chaos-runner:3.0.0")));
        String rendered = ChaosEngineYaml.render(p.experiment());
        assertThat(rendered).contains("annotationCheck: \"false\"", "image: \"litmuschaos/chaos-runner:3.0.0\"",
                "namespace: \"litmus\"");
        assertThat(ChaosEngineYaml.parse(rendered)).isEqualTo(p.experiment());
    }

    @Test
    @DisplayName("SEQUENCE random is accepted as Litmus accepts it: the run draws serial or parallel")
    void randomSequence() throws IOException {
        String yaml = seedText().replace("              value: 'false'\n",
                "              value: 'false'\n            - name: SEQUENCE\n              value: random\n");
        assertThat(ChaosEngineYaml.parse(yaml).faults().get(0).podDelete().sequence())
                .isEqualTo(PodDeleteSettings.Sequence.RANDOM);
    }

    @Test
    @DisplayName("bad input is a FormatException with line and column, never a half-built experiment")
    void badInput() {
        assertThatThrownBy(() -> ChaosEngineYaml.parse("apiVersion: v1\nkind: Pod\n"))
                .isInstanceOf(FormatException.class).hasMessageContaining("litmuschaos.io/v1alpha1")
                .hasMessageContaining("missing 'metadata'");
        assertThatThrownBy(() -> ChaosEngineYaml.parse("kind: [unclosed\n")).isInstanceOf(FormatException.class)
                .satisfies(x -> assertThat(((FormatException) x).line()).isPositive());
        String badMode = oneProbeEngine("paused", "mode: Sometimes");
        assertThatThrownBy(() -> ChaosEngineYaml.parse(badMode)).isInstanceOf(FormatException.class)
                .satisfies(x -> assertThat(((FormatException) x).problems()).extracting(FormatException.Problem::line)
                        .containsExactly(7, 15));
    }

    @Test
    @DisplayName("an attempt that is not a whole number is refused at its line and column")
    void badAttempt() {
        String yaml = oneProbeEngine("active", """
                mode: SOT
                runProperties: {probeTimeout: 5s, interval: 5s, attempt: three}
                """);
        assertThatThrownBy(() -> ChaosEngineYaml.parse(yaml)).isInstanceOf(FormatException.class)
                .hasMessageContaining("attempt must be a whole number, but was 'three'")
                .satisfies(x -> assertThat(((FormatException) x).problems()).singleElement()
                        .satisfies(p -> assertThat(p.line()).isEqualTo(16)));
    }

    /** An engine in {@code engineState} with one promProbe named x, whose remaining lines are {@code probeTail}. */
    private static String oneProbeEngine(String engineState, String probeTail) {
        return """
                apiVersion: litmuschaos.io/v1alpha1
                kind: ChaosEngine
                metadata: {name: e}
                spec:
                  appinfo: {appns: staging, applabel: app=web}
                  chaosServiceAccount: sa
                  engineState: %s
                  experiments:
                    - name: pod-delete
                      spec:
                        probe:
                          - name: x
                            type: promProbe
                            promProbe/inputs: {endpoint: e, query: q, comparator: {criteria: "<", value: "1"}}
                """.formatted(engineState) + probeTail.indent(12);
    }

    @Test
    @DisplayName("an empty line in the commented hypothesis is refused at its line")
    void emptyTolerance() throws IOException {
        String yaml = seedText().replace("# - Error rate stays below 1%", "# - ");
        assertThatThrownBy(() -> ChaosEngineYaml.parse(yaml)).isInstanceOf(FormatException.class)
                .hasMessageContaining("empty tolerance")
                .satisfies(x -> assertThat(((FormatException) x).line()).isEqualTo(25));
    }

    @Test
    @DisplayName("PODS_AFFECTED_PERC targets max(1, floor(min(p,100)·N/100)) pods")
    void targetCount() {
        assertThat(PodDeleteSettings.of(Map.of("PODS_AFFECTED_PERC", "0")).targetCount(3)).isEqualTo(1);
        assertThat(PodDeleteSettings.of(Map.of("PODS_AFFECTED_PERC", "50")).targetCount(3)).isEqualTo(1);
        assertThat(PodDeleteSettings.of(Map.of("PODS_AFFECTED_PERC", "67")).targetCount(3)).isEqualTo(2);
        assertThat(PodDeleteSettings.of(Map.of("PODS_AFFECTED_PERC", "250")).targetCount(3)).isEqualTo(3);
        assertThat(PodDeleteSettings.of(Map.of()).targetCount(0)).isZero();
    }
}
