package io.github.incident4j.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.common.Finding;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("ChaosEngineYaml.lint reads a manifest as Litmus and litmus-go will")
class ChaosEngineLintTest {

    private static List<Finding> errors(String yaml) {
        return ChaosEngineYaml.lint(yaml).stream().filter(f -> f.level() == Finding.Level.ERROR).toList();
    }

    private static String seed() throws IOException {
        return ChaosEngineYamlTest.seedText();
    }

    private static Finding only(List<Finding> findings, String code) {
        List<Finding> matching = findings.stream().filter(f -> f.code().equals(code)).toList();
        assertThat(matching).as("findings %s", findings).hasSize(1);
        return matching.get(0);
    }

    @Test
    @DisplayName("the seed as shipped lints without errors; before it had appkind the operator refused it")
    void seedAndAppkind() throws IOException {
        assertThat(errors(seed())).isEmpty();
        String withoutKind = seed().replace("    appkind: deployment\n", "");
        Finding f = only(errors(withoutKind), "chaos.appkind-missing");
        assertThat(f.message()).contains("applabel 'app=payment-service' without appkind", "operator refuses it",
                "add appkind: deployment");
        assertThat(f.line()).isEqualTo(7);
    }

    @Test
    @DisplayName("TOTAL_CHAOS_DURATION '15m' is an error at its line, with the value litmus-go needs")
    void durationWithUnit() throws IOException {
        String yaml = seed().replace("value: '30'", "value: '15m'");
        Finding f = only(errors(yaml), "chaos.env-not-an-integer");
        assertThat(f.message()).contains("TOTAL_CHAOS_DURATION: '15m' is not a whole number", "strconv.Atoi",
                "and the chaos lasts 0 s", "(pkg/generic/pod-delete/environment/environment.go)",
                "write '900'");
        assertThat(f.line()).isEqualTo(18);
        assertThat(only(errors(seed().replace("value: '10'", "value: '1m30s'")), "chaos.env-not-an-integer").message())
                .contains("CHAOS_INTERVAL", "write '90'");
        assertThat(only(errors(seed().replace("value: '30'", "value: ' 30'")), "chaos.env-not-an-integer").message())
                .contains("write '30' without blanks");
    }

    @Test
    @DisplayName("a CHAOS_INTERVAL range needs RANDOMNESS, and lower below upper")
    void ranges() throws IOException {
        String fixture = LitmusFixtures.text("pod-delete-random-interval.yaml");
        assertThat(errors(fixture)).isEmpty();
        Finding f = only(errors(fixture.replace("value: \"true\"", "value: \"false\"")),
                "chaos.env-range-without-randomness");
        assertThat(f.message()).contains("only with RANDOMNESS: 'true'", "interval is 0 s", "write one number such as '10'");
        assertThat(f.line()).isEqualTo(21);
        assertThat(only(errors(fixture.replace("5-10", "10-5")), "chaos.env-range-empty").message())
                .contains("lower bound below its upper bound");
        String otherFault = LitmusFixtures.text("container-kill.yaml").replace("value: '10'", "value: '5-10'");
        assertThat(only(errors(otherFault), "chaos.env-not-an-integer").message()).contains("CHAOS_INTERVAL: '5-10'");
    }

    @Test
    @DisplayName("flags and SEQUENCE are read as litmus-go reads them")
    void flagsAndSequence() throws IOException {
        assertThat(only(errors(seed().replace("value: 'false'", "value: 'no'")), "chaos.env-not-a-flag").message())
                .contains("FORCE: 'no'", "strconv.ParseBool");
        assertThat(errors(seed().replace("value: 'false'", "value: 'True'"))).isEmpty();
        String sequence = seed().replace("              value: 'false'\n",
                "              value: 'false'\n            - name: SEQUENCE\n              value: sideways\n");
        Finding f = only(errors(sequence), "chaos.env-sequence");
        assertThat(f.line()).isEqualTo(24);
        assertThat(errors(sequence.replace("sideways", "random"))).isEmpty();
    }

    @Test
    @DisplayName("a promProbe query that is not PromQL is an error with the problem's column")
    void promQl() {
        String yaml = LitmusFixtures.text("prom-probe-hypothesis.yaml").replace(
                "query: histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{app=\"checkout\"}[1m])))",
                "query: p99 latency");
        Finding f = only(errors(yaml), "chaos.probe-query-not-promql");
        assertThat(f.message()).contains("tolerance 'p99 latency stays below 400ms'", "query 'p99 latency' is not PromQL",
                "column 5");
        assertThat(f.line()).isEqualTo(27);
        String v3 = LitmusFixtures.text("pod-delete-probes-v3.yaml").replace("sum(rate(", "sum(rate((");
        Finding g = only(errors(v3), "chaos.probe-query-not-promql");
        assertThat(g.message()).startsWith("promProbe 'cart-error-ratio'");
        assertThat(g.line()).isEqualTo(46);
    }

    @Test
    @DisplayName("tolerances without PromQL are reported as unchecked on a Litmus cluster, not as errors")
    void tolerancesWithoutPromQl() throws IOException {
        List<Finding> findings = ChaosEngineYaml.lint(seed());
        assertThat(findings).filteredOn(f -> f.code().equals("chaos.tolerance-without-promql"))
                .extracting(Finding::line).containsExactly(25, 26);
    }

    @Test
    @DisplayName("run properties typed for the other Litmus version than the rest of the manifest are errors")
    void versions() {
        String v3 = LitmusFixtures.text("pod-delete-probes-v3.yaml");
        assertThat(errors(v3)).isEmpty();
        Finding f = only(errors(v3.replace("              interval: 2s\n", "              interval: 2\n")),
                "chaos.litmus-version-mixed");
        assertThat(f.message()).contains("interval: 2 is typed for Litmus 2.x (an integer)", "written for Litmus 3.x",
                "write 2s");
        assertThat(f.line()).isEqualTo(53);
        String v2 = LitmusFixtures.text("pod-delete-probes-v2.yaml");
        assertThat(errors(v2)).isEmpty();
        Finding g = only(errors(v2.replace("              probeTimeout: 5\n", "              probeTimeout: 5s\n")),
                "chaos.litmus-version-mixed");
        assertThat(g.message()).contains("Litmus 3.x (a duration string)", "write 5");
        assertThat(only(errors(v2.replace("              retry: 3\n", "")), "chaos.run-property-missing").message())
                .contains("orders-pods-back", "retry", "Litmus 2.x");
    }

    @Test
    @DisplayName("env values written as YAML numbers or booleans are errors: Kubernetes takes strings")
    void envTypes() throws IOException {
        Finding f = only(errors(seed().replace("value: '30'", "value: 30")), "chaos.env-not-a-string");
        assertThat(f.message()).contains("value 30 is read as a YAML number", "write '30'");
        assertThat(f.line()).isEqualTo(18);
        assertThat(only(errors(seed().replace("value: 'false'", "value: false")), "chaos.env-not-a-string").message())
                .contains("boolean");
    }

    static List<String> fixtures() {
        return LitmusFixtures.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    @DisplayName("every fixture lints, and every finding has a line")
    void fixturesLint(String name) {
        List<Finding> findings = ChaosEngineYaml.lint(LitmusFixtures.text(name));
        assertThat(findings).allSatisfy(f -> assertThat(f.line()).as(f.toString()).isPositive());
    }
}
