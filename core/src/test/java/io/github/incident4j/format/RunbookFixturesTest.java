package io.github.incident4j.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.format.RunbookFixtures.Fixture;
import io.github.incident4j.runbook.Runbook;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("The runbook fixtures")
class RunbookFixturesTest {

    static Stream<Fixture> fixtures() {
        return RunbookFixtures.all().stream();
    }

    @Test
    @DisplayName("are at least 40, in every layout")
    void count() {
        assertThat(RunbookFixtures.all()).hasSizeGreaterThanOrEqualTo(40);
        assertThat(RunbookFixtures.all()).extracting(f -> f.name().substring(0, f.name().indexOf('/'))).contains(
                "template", "prometheus", "openshift", "kubevirt", "gitlab", "mixed");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    @DisplayName("each reads, with steps or mitigations, and renders back byte for byte")
    void roundTrip(Fixture f) {
        Runbook r = f.parse();
        assertThat(r.diagnosis().size() + r.mitigations().size()).as("steps and mitigations of %s", f).isPositive();
        assertThat(RunbookMarkdown.render(r)).isEqualTo(f.text());
    }
}
