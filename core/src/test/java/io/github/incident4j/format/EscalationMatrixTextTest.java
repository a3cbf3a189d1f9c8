package io.github.incident4j.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incident4j.escalation.EscalationMatrix;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EscalationMatrixTextTest {

    static String seed() throws IOException {
        try (InputStream in = EscalationMatrixTextTest.class.getResourceAsStream("/seed/escalation-matrix.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest(name = "{0} at {1} is \"{2}\"")
    @CsvSource(delimiter = ';', value = {
            "App crash;L1;Restart/rollback", "App crash;L2;Debug fix", "App crash;L3;Arch",
            "Data issue;L1;Read replica", "Data issue;L2;DBA", "Data issue;L3;CTO",
            "Security;L1;Isolate", "Security;L2;SecOps", "Security;L3;CISO",
            "Infra/Cloud;L1;Failover", "Infra/Cloud;L2;Platform", "Infra/Cloud;L3;VP",
            "Third-party;L1;Monitor", "Third-party;L2;Contact vendor", "Third-party;L3;Exec"})
    @DisplayName("the seed matrix is read cell by cell, the ragged last row included")
    void seedCells(String category, String tier, String response) throws IOException {
        assertThat(EscalationMatrixText.parse(seed()).response(category, tier)).isEqualTo(response);
    }

    @Test
    @DisplayName("the seed's tiers and categories keep their full headings and order")
    void seedShape() throws IOException {
        EscalationMatrix m = EscalationMatrixText.parse(seed());
        assertThat(m.tiers()).containsExactly("L1 (On-Call)", "L2 (Lead)", "L3");
        assertThat(m.categories()).containsExactly("App crash", "Data issue", "Security", "Infra/Cloud", "Third-party");
    }

    @Test
    @DisplayName("the rendered box is aligned and reads back equal, in both forms")
    void renderSeed() throws IOException {
        EscalationMatrix m = EscalationMatrixText.parse(seed());
        String box = EscalationMatrixText.render(m);
        assertThat(box.lines().map(l -> l.codePointCount(0, l.length())).distinct()).hasSize(1);
        assertThat(box).contains("│ Third-party │ Monitor          │ Contact vendor │ Exec │");
        assertThat(EscalationMatrixText.parse(box)).isEqualTo(m);
        String md = EscalationMatrixText.renderMarkdown(m);
        assertThat(md).startsWith("| Category    | L1 (On-Call)     | L2 (Lead)      | L3   |\n"
                + "|-------------|------------------|----------------|------|\n");
        assertThat(EscalationMatrixText.parse(md)).isEqualTo(m);
    }

    @Test
    @DisplayName("a GitHub table without outer pipes and with escaped pipes is read")
    void markdownVariants() {
        EscalationMatrix m = EscalationMatrixText.parse("""
                Category | L1 | L2
                :--- | :-: | ---:
                Security | Isolate \\| notify | `a\\|b`
                """);
        assertThat(m.response("Security", "L1")).isEqualTo("Isolate | notify");
        assertThat(m.response("Security", "L2")).isEqualTo("`a|b`");
    }

    @Test
    @DisplayName("text without a table header is refused at line 1")
    void noHeader() {
        assertFormat(() -> EscalationMatrixText.parse("Category L1 L2\n"), 1, 1, "no header");
        assertFormat(() -> EscalationMatrixText.parse("\n\n"), 1, 1, "no header");
        assertFormat(() -> EscalationMatrixText.parse("| Category | L1 |\n| Security | Isolate |\n"), 2, 3, "no header");
    }

    @Test
    @DisplayName("a row with the wrong number of cells is refused with its line and column")
    void wrongCellCount() {
        assertFormat(() -> EscalationMatrixText.parse("""
                │ Category │ L1 │ L2 │
                │ Security │ Isolate │
                """), 2, 23, "2 cells but the header has 3");
        assertFormat(() -> EscalationMatrixText.parse("""
                | Category | L1 |
                |---|---|
                | Security | Isolate | extra |
                """), 3, 24, "3 cells but the header has 2");
    }

    @Test
    @DisplayName("empty and duplicate categories are refused where they are")
    void badCategories() {
        assertFormat(() -> EscalationMatrixText.parse("""
                │ Category │ L1 │
                │          │ x  │
                """), 2, 2, "empty category");
        assertFormat(() -> EscalationMatrixText.parse("""
                | Category | L1 |
                |---|---|
                | Security | a |
                | security | b |
                """), 4, 3, "duplicate category 'security'");
    }

    @Test
    @DisplayName("an unknown character in the frame is refused at its column")
    void unknownFrameCharacter() {
        assertFormat(() -> EscalationMatrixText.parse("""
                ┌──────x───┐
                │ Category │ L1 │
                """), 1, 8, "unknown character 'x'");
        assertFormat(() -> EscalationMatrixText.parse("""
                ┌──────────┐
                + Category │ L1 │
                """), 2, 1, "unknown character '+'");
        assertFormat(() -> EscalationMatrixText.parse("""
                ┌──────────┐
                │ Category │ L1 │ x
                """), 2, 20, "does not end with │");
    }

    @Test
    @DisplayName("every problem of a document is reported at once")
    void allProblems() {
        assertThatThrownBy(() -> EscalationMatrixText.parse("""
                │ Category │ L1 │
                │          │ x  │
                │ A        │ x  │
                │ A        │ x  │
                """)).isInstanceOfSatisfying(FormatException.class, e -> assertThat(e.problems()).hasSize(2));
    }

    static void assertFormat(ThrowingCallable call, int line, int column, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(FormatException.class, e -> {
            assertThat(e.getMessage()).contains(message);
            assertThat(e.line()).isEqualTo(line);
            assertThat(e.column()).isEqualTo(column);
        });
    }
}
