package io.github.incident4j.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.chaos.ChaosExperiment;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("ChaosEngine manifests as Litmus's hub and docs write them")
class ChaosEngineFixturesTest {

    static java.util.List<String> fixtures() {
        return LitmusFixtures.names();
    }

    @Test
    @DisplayName("there are at least 40 fixtures")
    void enough() {
        assertThat(fixtures()).hasSizeGreaterThanOrEqualTo(40);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    @DisplayName("every fixture parses and renders back byte for byte")
    void roundTrip(String name) {
        String text = LitmusFixtures.text(name);
        ChaosExperiment e = ChaosEngineYaml.parse(text);
        assertThat(ChaosEngineYaml.render(e)).isEqualTo(text);
        assertThat(ChaosEngineYaml.render(e.toBuilder().build())).isEqualTo(text);
        assertThat(ChaosEngineYaml.parse(ChaosEngineYaml.render(e.withSource(null)))).as("canonical form of " + name)
                .isEqualTo(e);
    }
}
