package io.github.incident4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.format.RunbookMarkdown;
import io.github.incident4j.runbook.Mitigation;
import io.github.incident4j.runbook.Runbook;
import io.github.incident4j.runbook.RunbookPart;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * B7's rule for runbooks: only {@code \n} (and {@code \r\n}, {@code \r}) end a line, as in CommonMark. NEL (U+0085),
 * LS (U+2028) and PS (U+2029) are ordinary characters of the line they are on, in the reader and in the model.
 */
@DisplayName("RunbookMarkdown reads NEL, LS and PS as characters of their line")
class RunbookLineEndsTest {

    private static final String SEED = ReaderFuzzProperties.seed("runbook-template.md");
    private static final String[] SEPARATORS = {"\u0085", "\u2028", "\u2029"};

    /** Where the separator goes: just before the first occurrence of the anchor. */
    static Stream<Arguments> places() {
        String[][] anchors = {
            {"the title", " Name — Issue Type"},
            {"a step description", " health: `kubectl get pods"},
            {"a sub-step description", "base: `pg_isready"},
            {"a code block", " deployment/service-name -n production\nkubectl rollout status"},
            {"a mitigation heading", " up (if load-related)"},
            {"a mitigation condition", "-related)"},
            {"an alert condition", " > 5% for 5m"},
            {"the escalation path", "-call → engineering-lead"},
            {"a recovery criterion", " returns to baseline (< 0.1%)"},
            {"the start of a '## Detection' line", "## Detection"},
        };
        return Stream.of(SEPARATORS).flatMap(sep -> Stream.of(anchors).map(a -> Arguments.of(
                String.format("U+%04X", (int) sep.charAt(0)), a[0], insertBefore(a[1], sep))));
    }

    static String insertBefore(String anchor, String separator) {
        int at = SEED.indexOf(anchor);
        if (at < 0) {
            throw new AssertionError("anchor not in the seed: " + anchor);
        }
        return SEED.substring(0, at) + separator + SEED.substring(at);
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("places")
    @DisplayName("the seed with a NEL, LS or PS inserted reads to a runbook that writes back the same text")
    void roundTrip(String codePoint, String where, String text) {
        Runbook read = RunbookMarkdown.parse(text);

        assertThat(RunbookMarkdown.render(read)).isEqualTo(text);
        assertThat(RunbookMarkdown.parse(RunbookMarkdown.render(read))).isEqualTo(read);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("separators")
    @DisplayName("a separator inside a value stays in that value: the title, a step, a command, a mitigation's name")
    void staysInItsValue(String separator) {
        Runbook title = RunbookMarkdown.parse(insertBefore(" Name — Issue Type", separator));
        assertThat(title.title()).isEqualTo("Service" + separator + " Name");
        assertThat(title.issueType()).isEqualTo("Issue Type");

        Runbook step = RunbookMarkdown.parse(insertBefore(" health: `kubectl get pods", separator));
        assertThat(step.diagnosis().get(0).description()).isEqualTo("Check service" + separator + " health");
        assertThat(step.diagnosis().get(0).command()).hasValue("kubectl get pods -n production -l app=service-name");

        Runbook command = RunbookMarkdown.parse(insertBefore(" deployment/service-name -n production\nkubectl rollout status", separator));
        assertThat(command.mitigations().get(0).commands()).containsExactly(
                "kubectl rollout undo" + separator + " deployment/service-name -n production",
                "kubectl rollout status deployment/service-name -n production");

        Runbook mitigation = RunbookMarkdown.parse(insertBefore(" up (if load-related)", separator));
        assertThat(mitigation.mitigations()).extracting(Mitigation::name).contains("Scale" + separator + " up");
        assertThat(mitigation.mitigations().get(1).condition()).hasValue("load-related");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("separators")
    @DisplayName("a separator before '## Detection' makes that line text of the Overview, not a heading, as CommonMark reads it")
    void notAHeading(String separator) {
        Runbook read = RunbookMarkdown.parse(insertBefore("## Detection", separator));

        assertThat(read.has(RunbookPart.DETECTION)).isFalse();
        assertThat(read.alerts()).isEmpty();
        assertThat(read.notes(RunbookPart.OVERVIEW)).startsWith(separator + "## Detection\n- **Alert**: ");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("separators")
    @DisplayName("a separator before '### Scale up' makes that line prose of the mitigation above, whose code it then "
            + "shares; before '1.' it makes the numbered lines one paragraph, as CommonMark reads them; both write back unchanged")
    void proseNotStructure(String separator) {
        String text = insertBefore("### Scale up", separator);
        Runbook mitigation = RunbookMarkdown.parse(text);
        assertThat(mitigation.mitigations()).extracting(Mitigation::name)
                .containsExactly("Rollback deployment", "Restart pods");
        assertThat(mitigation.mitigations().get(0).notes()).isEqualTo(separator + "### Scale up (if load-related)");
        assertThat(mitigation.mitigations().get(0).commands()).hasSize(3);
        assertThat(RunbookMarkdown.render(mitigation)).isEqualTo(text);

        String steps = insertBefore("1. Check service health", separator);
        Runbook step = RunbookMarkdown.parse(steps);
        // "2." cannot interrupt a paragraph: the first three lines and "4. Check dependencies:" are one paragraph, a step
        // with the three commands in it; the bulleted sub-steps that follow are steps of their own
        assertThat(step.diagnosis()).hasSize(4);
        assertThat(step.diagnosis().get(0).description()).contains("1. Check service health", "2. Check recent deployments");
        assertThat(step.diagnosis().get(0).commands()).hasSize(3);
        assertThat(RunbookMarkdown.render(step)).isEqualTo(steps);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("separators")
    @DisplayName("a separator before an opening fence makes it text, so the fences after it pair up the other way, "
            + "as CommonMark reads them, and it all writes back unchanged")
    void notAFence(String separator) {
        String text = insertBefore("```bash\nkubectl scale", separator);

        Runbook read = RunbookMarkdown.parse(text);

        // the closing fence now opens an untagged block, which "```bash" cannot close: it runs to the next plain fence
        assertThat(read.mitigations()).extracting(Mitigation::name).containsExactly("Rollback deployment", "Scale up");
        assertThat(read.mitigations().get(1).commands()).isEmpty();
        assertThat(read.recovery()).hasSize(4);
        assertThat(RunbookMarkdown.render(read)).isEqualTo(text);
    }

    static Stream<String> separators() {
        return Stream.of(SEPARATORS);
    }
}
