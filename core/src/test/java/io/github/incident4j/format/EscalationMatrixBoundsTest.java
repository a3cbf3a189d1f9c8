package io.github.incident4j.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incident4j.ValidationException;
import io.github.incident4j.escalation.EscalationMatrix;
import io.github.incident4j.spi.kit.HostileStrings;
import io.github.incident4j.spi.kit.HostileStrings.Sample;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 22 item 6 and the text rule at the matrix reader: the input cap, identifiers refused where they are, the
 * duplicate check, and writers whose output is a small multiple of the matrix (the seed rendered as before).
 */
@DisplayName("The escalation matrix: cap, text rule and bounded writers")
class EscalationMatrixBoundsTest {

    /** The matrix's text: every tier, category and cell, plus one per name or cell (its separator). */
    static long size(EscalationMatrix m) {
        long n = 0;
        for (String s : m.tiers()) {
            n += s.length() + 1;
        }
        for (String s : m.categories()) {
            n += s.length() + 1;
        }
        for (List<String> row : m.cells()) {
            for (String s : row) {
                n += s.length() + 1;
            }
        }
        return n;
    }

    /** What both writers promise: at most this many characters for a matrix of {@code size} (see the class doc). */
    static long bound(long size) {
        return 20 * size + 64;
    }

    static String resource(String path) {
        try (InputStream in = EscalationMatrixBoundsTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @DisplayName("the seed renders byte for byte as before, in both forms, and reads back equal")
    void seedRendersAsBefore() {
        EscalationMatrix seed = EscalationMatrixText.parse(resource("/seed/escalation-matrix.txt"));
        String box = EscalationMatrixText.render(seed);
        String md = EscalationMatrixText.renderMarkdown(seed);
        assertThat(box).isEqualTo(resource("/format/escalation-matrix.rendered.txt"));
        assertThat(md).isEqualTo(resource("/format/escalation-matrix.rendered.md"));
        assertThat(EscalationMatrixText.parse(box)).isEqualTo(seed);
        assertThat(EscalationMatrixText.parse(md)).isEqualTo(seed);
        assertThat(EscalationMatrixText.render(EscalationMatrixText.parse(box))).isEqualTo(box);
    }

    @Test
    @DisplayName("one long cell no longer pads every row: 2,000 rows and a 20,000-character cell stay a few times the input")
    void oneLongCell() {
        EscalationMatrix.Builder b = EscalationMatrix.builder().tiers("L1 (On-Call)", "L2 (Lead)");
        b.category("Security", "Isolate", "x".repeat(20_000));
        for (int i = 0; i < 2_000; i++) {
            b.category("Category " + i, "Restart", "Debug");
        }
        EscalationMatrix m = b.build();
        for (String out : List.of(EscalationMatrixText.render(m), EscalationMatrixText.renderMarkdown(m))) {
            assertThat((long) out.length()).isLessThanOrEqualTo(bound(size(m)));
            assertThat(EscalationMatrixText.parse(out)).isEqualTo(m);
        }
        assertThat(EscalationMatrixText.render(m).lines().filter(l -> l.startsWith("│ Category 7 ")))
                .as("rows are aligned on their usual widths; only the long cell overflows its column")
                .containsExactly("│ Category 7    │ Restart      │ Debug     │");
    }

    @Test
    @DisplayName("a matrix of exactly the cap is read; one character more is refused at line 1 before any parsing")
    void inputCap() {
        String seed = resource("/seed/escalation-matrix.txt");
        String atCap = seed + "\n".repeat(EscalationMatrixText.MAX_CHARS - seed.length());
        assertThat(EscalationMatrixText.parse(atCap).categories()).hasSize(5);
        // the text over the cap has no header: only its length may be reported
        assertThatThrownBy(() -> EscalationMatrixText.parse("no header" + atCap))
                .isInstanceOfSatisfying(FormatException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> {
                            assertThat(p.line()).isEqualTo(1);
                            assertThat(p.column()).isEqualTo(1);
                            assertThat(p.message()).contains((EscalationMatrixText.MAX_CHARS + 9)
                                    + " characters is over the limit of " + EscalationMatrixText.MAX_CHARS);
                        }));
    }

    static Stream<Arguments> hostileCells() {
        List<Sample> samples = new ArrayList<>(HostileStrings.refusedAsText());
        samples.add(new Sample("tab", "Alice\tBob"));
        return samples.stream().flatMap(s -> Stream.of("tier", "category", "response").map(w -> Arguments.of(w, s)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("hostileCells")
    @DisplayName("a cell holding a control character or an unpaired surrogate is refused at its line and column, in both forms")
    void hostileCellsRefused(String where, Sample sample) {
        String v = sample.value();
        String tier = where.equals("tier") ? v : "L2";
        String category = where.equals("category") ? v : "Security";
        String response = where.equals("response") ? v : "SecOps";
        String box = "┌──┐\n│ Category │ L1 │ " + tier + " │\n├──┤\n│ App crash │ Restart │ Debug │\n│ " + category
                + " │ Isolate │ " + response + " │\n└──┘\n";
        String md = "| Category | L1 | " + tier + " |\n|---|---|---|\n| App crash | Restart | Debug |\n| " + category
                + " | Isolate | " + response + " |\n";
        for (String text : List.of(box, md)) {
            String[] lines = text.split("\n", -1);
            int line = 0;
            while (!lines[line].contains(v)) {
                line++;
            }
            int column = lines[line].indexOf(v) + 1;
            int expectedLine = line + 1;
            assertThatThrownBy(() -> EscalationMatrixText.parse(text))
                    .isInstanceOfSatisfying(FormatException.class, e -> assertThat(e.problems()).anySatisfy(p -> {
                        assertThat(p.line()).isEqualTo(expectedLine);
                        assertThat(p.column()).isEqualTo(column);
                        assertThat(p.message()).contains("the " + where, "control character");
                    }));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.incident4j.spi.kit.HostileStrings#acceptedAsIdentifier")
    @DisplayName("a response the rule allows is read exactly and written back, in both forms")
    void allowedResponsesKept(Sample sample) {
        EscalationMatrix m = EscalationMatrix.builder().tiers("L1", "L2").category("Security", "Isolate", sample.value())
                .build();
        assertThat(EscalationMatrixText.parse(EscalationMatrixText.render(m))).isEqualTo(m);
        assertThat(EscalationMatrixText.parse(EscalationMatrixText.renderMarkdown(m))).isEqualTo(m);
        assertThat(m.response("Security", "L2")).isEqualTo(sample.value());
    }

    @Test
    @DisplayName("20,000 categories are checked once each; two that differ only in case are refused with the first's place")
    void duplicates() {
        List<String> categories = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            categories.add("Category " + i);
        }
        List<List<String>> cells = Collections.nCopies(categories.size(), List.of("Restart"));
        assertThat(new EscalationMatrix(List.of("L1"), categories, cells).categories()).hasSize(20_000);
        categories.set(19_999, "category 17");
        assertThatThrownBy(() -> new EscalationMatrix(List.of("L1"), categories, cells))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> {
                            assertThat(p.field()).isEqualTo("categories[19999]");
                            assertThat(p.message()).contains("listed twice (first as categories[17]");
                        }));
    }
}
