package io.github.incident4j.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.incident4j.Incident4jException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The error messages quoted in core/docs/formats.md are what the readers and writers say today. */
@DisplayName("core/docs/formats.md quotes the real error messages")
class FormatsReferenceTest {

    private static String seed(String name) throws IOException {
        try (InputStream in = FormatsReferenceTest.class.getResourceAsStream("/seed/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String doc() throws IOException {
        return Files.readString(Path.of("docs/formats.md"), StandardCharsets.UTF_8);
    }

    private static void quoted(Executable badInput) throws IOException {
        Throwable t = catchThrowable(badInput::execute);
        assertThat(t).isInstanceOf(Incident4jException.class);
        assertThat(doc()).contains(t.getMessage());
    }

    @Test
    @DisplayName("runbook: a Litmus manifest given as a runbook")
    void runbook() throws IOException {
        String yaml = "# Litmus pod delete\napiVersion: litmuschaos.io/v1alpha1\nkind: ChaosEngine\nmetadata:\n  name: pod-delete\n";
        assertThat(doc()).contains(yaml);
        quoted(() -> RunbookMarkdown.parse(yaml));
    }

    @Test
    @DisplayName("postmortem: a date that does not exist, an unknown priority, a header it cannot read, a runbook, YAML")
    void postmortem() throws IOException {
        String pm = seed("postmortem-template.md");
        quoted(() -> PostmortemMarkdown.parse(pm.replace("YYYY-MM-DD", "2025-02-30")));
        quoted(() -> PostmortemMarkdown.parse(pm.replace("| P1 ", "| P7 ")));
        quoted(() -> PostmortemMarkdown.parse(pm.replace("| Priority | Action ", "| Prio     | Thing  ")));
        quoted(() -> PostmortemMarkdown.parse(seed("runbook-template.md")));
        quoted(() -> PostmortemMarkdown.parse(seed("chaos-pod-delete.yaml")));
    }

    @Test
    @DisplayName("on-call YAML: a bad duration, a mistyped field")
    void onCall() throws IOException {
        String oc = seed("oncall-rotation.yaml");
        quoted(() -> OnCallYaml.parse(oc.replaceFirst("15m", "15x")));
        quoted(() -> OnCallYaml.parse(oc.replace("overrides:", "overides:")));
    }

    @Test
    @DisplayName("ChaosEngine: a wrong kind, an unknown engine state")
    void chaos() throws IOException {
        String ch = seed("chaos-pod-delete.yaml");
        quoted(() -> ChaosEngineYaml.parse(ch.replace("kind: ChaosEngine", "kind: ChaosEngin")));
        quoted(() -> ChaosEngineYaml.parse(ch.replace("chaosServiceAccount: litmus-admin",
                "chaosServiceAccount: litmus-admin\n  engineState: paused")));
    }

    @Test
    @DisplayName("escalation matrix: a row with a missing cell, a duplicate category")
    void matrix() throws IOException {
        String mx = seed("escalation-matrix.txt");
        quoted(() -> EscalationMatrixText.parse(mx.replace("│ DBA          │", "│ DBA          ")));
        quoted(() -> EscalationMatrixText.parse(mx.replace("Security ", "Data issue")));
    }

    @Test
    @DisplayName("Prometheus rules: a metric without PromQL; iCalendar: an event ending before it starts")
    void writers() throws IOException {
        String rb = seed("runbook-template.md");
        quoted(() -> PrometheusRules.render(RunbookMarkdown.parse(rb), "https://runbooks.internal/x", Map.of()));
        quoted(() -> ICalendar.render("x", Instant.EPOCH, List.of(
                new ICalendar.Event("u", "s", Instant.EPOCH.plusSeconds(60), Instant.EPOCH, "d"))));
    }
}
