package io.github.incident4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Lint locations lead to source lines")
class CliSourceLocatorTest {

    private static String seed(String name) throws IOException {
        try (InputStream in = CliSourceLocatorTest.class.getResourceAsStream("/seed/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String lineAt(String text, OptionalInt line) {
        return text.lines().toList().get(line.orElseThrow() - 1);
    }

    @Test
    @DisplayName("postmortem tables, sections and header fields")
    void postmortem() throws IOException {
        String pm = seed("postmortem-template.md");

        assertThat(lineAt(pm, SourceLocator.locate(DocumentKind.POSTMORTEM, pm, "timeline[5]")))
                .startsWith("| 14:22 |");
        assertThat(lineAt(pm, SourceLocator.locate(DocumentKind.POSTMORTEM, pm, "timeline[0].time")))
                .startsWith("| 14:00 |");
        assertThat(lineAt(pm, SourceLocator.locate(DocumentKind.POSTMORTEM, pm, "actionItems[2]")))
                .contains("Align staging DB pool config");
        assertThat(lineAt(pm, SourceLocator.locate(DocumentKind.POSTMORTEM, pm, "rootCause"))).isEqualTo("## Root Cause");
        assertThat(lineAt(pm, SourceLocator.locate(DocumentKind.POSTMORTEM, pm, "impact"))).startsWith("**Impact**");
        assertThat(SourceLocator.locate(DocumentKind.POSTMORTEM, pm, "nothing[3]")).isEmpty();
    }

    @Test
    @DisplayName("runbook alerts, steps, sub-steps, mitigations and their commands")
    void runbook() throws IOException {
        String rb = seed("runbook-template.md");

        assertThat(lineAt(rb, SourceLocator.locate(DocumentKind.RUNBOOK, rb, "detection.alerts[0]")))
                .contains("ServiceHighErrorRate");
        assertThat(lineAt(rb, SourceLocator.locate(DocumentKind.RUNBOOK, rb, "diagnosis[1]")))
                .startsWith("2. Check recent deployments");
        assertThat(lineAt(rb, SourceLocator.locate(DocumentKind.RUNBOOK, rb, "diagnosis[3].substeps[1]")))
                .contains("Redis");
        assertThat(lineAt(rb, SourceLocator.locate(DocumentKind.RUNBOOK, rb, "mitigations[1]")))
                .startsWith("### Scale up");
        assertThat(lineAt(rb, SourceLocator.locate(DocumentKind.RUNBOOK, rb, "mitigations[0].commands[1]")))
                .startsWith("kubectl rollout status");
    }

    @Test
    @DisplayName("rotation keys and list items, with the implicit single layer of the seed layout")
    void rotation() throws IOException {
        String yaml = seed("oncall-rotation.yaml");
        String withOverrides = """
                schedule:
                  name: X
                  layers:
                    - participants: [A, B]
                    - name: second
                      participants:
                        - name: C
                        - name: D
                  overrides:
                  - who: E
                    from: 2026-03-02
                    until: 2026-03-01
                """;

        assertThat(lineAt(yaml, SourceLocator.locate(DocumentKind.ROTATION, yaml, "schedule.layers[0].participants[2]")))
                .contains("- name: Carol");
        assertThat(lineAt(yaml, SourceLocator.locate(DocumentKind.ROTATION, yaml, "schedule.layers[0].participants")))
                .contains("participants:");
        assertThat(lineAt(withOverrides, SourceLocator.locate(DocumentKind.ROTATION, withOverrides,
                "schedule.overrides[0]"))).contains("- who: E");
        assertThat(lineAt(withOverrides, SourceLocator.locate(DocumentKind.ROTATION, withOverrides,
                "schedule.layers[1].participants[1]"))).contains("- name: D");
    }
}
