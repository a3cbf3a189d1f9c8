package io.github.incident4j.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incident4j.format.internal.YamlTree;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bounded everywhere, the readers' half (issue 22): every reader has a documented input cap and refuses a longer
 * text by its length alone, before any parsing: exactly at the cap a valid document reads; one character more is a
 * single problem at line 1, column 1, even when the text would have failed for another reason. (The writers have
 * no reader: {@code ChaosResultYaml}, {@code PrometheusRules} and {@code ICalendar} only write.)
 */
@DisplayName("Every reader's input cap")
class ReaderCapsTest {

    /**
     * A reader, its documented cap, a valid document and how to pad a document without changing what it says.
     */
    record Reader(String name, Function<String, ?> parse, int cap, String valid, String padding) {
        @Override
        public String toString() {
            return name;
        }

        String atCap() {
            String text = valid + padding.repeat((cap - valid.length()) / padding.length());
            return text + " ".repeat(cap - text.length()); // trailing spaces: harmless in every format
        }
    }

    static String seed(String name) {
        try (InputStream in = ReaderCapsTest.class.getResourceAsStream("/seed/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static Stream<Reader> readers() {
        return Stream.of(
                new Reader("OnCallYaml", OnCallYaml::parse, YamlTree.MAX_CHARS, seed("oncall-rotation.yaml"),
                        "# padding\n"),
                new Reader("ChaosEngineYaml", ChaosEngineYaml::parse, YamlTree.MAX_CHARS, seed("chaos-pod-delete.yaml"),
                        "# padding\n"),
                new Reader("EscalationMatrixText", EscalationMatrixText::parse, EscalationMatrixText.MAX_CHARS,
                        seed("escalation-matrix.txt"), "\n"),
                new Reader("PostmortemMarkdown", PostmortemMarkdown::parse, PostmortemMarkdown.MAX_CHARS,
                        seed("postmortem-template.md"), "\n"),
                new Reader("RunbookMarkdown", RunbookMarkdown::parse, RunbookMarkdown.MAX_CHARS,
                        seed("runbook-template.md"), "\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readers")
    @DisplayName("a valid document of exactly the cap is read")
    void atTheCap(Reader reader) {
        String text = reader.atCap();
        assertThat(text).hasSize(reader.cap());
        assertThat(reader.parse().apply(text)).isNotNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readers")
    @DisplayName("one character over the cap is refused at line 1, column 1, by its length alone")
    void overTheCap(Reader reader) {
        // the text over the cap starts with a character none of the formats accepts there: only its length is reported
        String text = "\u0007" + reader.atCap();
        assertThatThrownBy(() -> reader.parse().apply(text)).isInstanceOfSatisfying(FormatException.class,
                e -> assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.line()).isEqualTo(1);
                    assertThat(p.column()).isEqualTo(1);
                    assertThat(p.message()).contains((reader.cap() + 1) + " characters is over the limit of " + reader.cap());
                }));
    }

    /** Every reader by its public entry point. */
    static Stream<EntryPoint> everyReader() {
        return Stream.of(
                new EntryPoint("OnCallYaml", OnCallYaml::parse),
                new EntryPoint("ChaosEngineYaml", ChaosEngineYaml::parse),
                new EntryPoint("EscalationMatrixText", EscalationMatrixText::parse),
                new EntryPoint("PostmortemMarkdown", PostmortemMarkdown::parse),
                new EntryPoint("RunbookMarkdown", RunbookMarkdown::parse));
    }

    /** A reader known only by its public entry point. */
    record EntryPoint(String name, Function<String, ?> parse) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** 16 MiB: over any cap this project documents, made of lines that would each be a problem if read. */
    static String sixteenMebibytes() {
        return "\u0007 not a document\n".repeat((16 << 20) / 17 + 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyReader")
    @DisplayName("16 MiB is refused through the public entry point with one problem naming its length and the limit")
    void sixteenMebibytesRefused(EntryPoint reader) {
        String text = sixteenMebibytes();
        assertThatThrownBy(() -> reader.parse().apply(text)).isInstanceOfSatisfying(FormatException.class,
                e -> assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.line()).isEqualTo(1);
                    assertThat(p.message()).containsIgnoringCase("limit").contains(String.valueOf(text.length()));
                }));
    }
}
