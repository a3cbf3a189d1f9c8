package io.github.incident4j.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.spi.kit.HostileStrings;
import io.github.incident4j.spi.kit.HostileStrings.Sample;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The hostile-strings fixture says the truth about the text rule, and {@link Text#shown} tames every sample. */
@DisplayName("The hostile strings and the text rule")
class HostileStringsTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.incident4j.spi.kit.HostileStrings#refusedAsText")
    @DisplayName("what the fixture calls refused as text, the rule refuses even as free text")
    void refusedAsText(Sample s) {
        assertThat(Text.textProblem(s.value())).isPresent();
        assertThat(Text.identifierProblem(s.value())).isPresent();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.incident4j.spi.kit.HostileStrings#refusedAsIdentifier")
    @DisplayName("what the fixture calls refused as an identifier, the rule refuses as one")
    void refusedAsIdentifier(Sample s) {
        assertThat(Text.identifierProblem(s.value())).isPresent();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.incident4j.spi.kit.HostileStrings#acceptedAsIdentifier")
    @DisplayName("what the fixture calls accepted, the rule accepts, and storable keeps as it is")
    void accepted(Sample s) {
        assertThat(Text.identifierProblem(s.value())).isEmpty();
        if (!s.value().contains("\\u")) {
            assertThat(Text.storable(s.value())).isSameAs(s.value());
        }
    }

    @Test
    @DisplayName("the samples are all different, and storable keeps them different and makes them fit text")
    void distinct() {
        assertThat(HostileStrings.all()).extracting(Sample::value).doesNotHaveDuplicates();
        assertThat(HostileStrings.all()).extracting(s -> Text.storable(s.value())).doesNotHaveDuplicates()
                .allSatisfy(v -> assertThat(Text.textProblem(v)).isEmpty());
        assertThat(HostileStrings.oneMebibyte()).hasSize(1 << 20);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.incident4j.spi.kit.HostileStrings#all")
    @DisplayName("shown writes every forbidden and bidirectional control as \\uXXXX, and nothing else changes")
    void shown(Sample s) {
        String shown = Text.shown(s.value());
        assertThat(Text.identifierProblem(shown)).isEmpty();
        assertThat(shown).doesNotContain("\u202E", "\u200F", "\u200E", "\u061C");
        if (Text.identifierProblem(s.value()).isEmpty() && !s.value().matches("(?s).*[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069].*")) {
            assertThat(shown).isEqualTo(s.value());
        }
    }

    @Test
    @DisplayName("shown cuts a long value without splitting a surrogate pair, and says how much it left out")
    void shownCuts() {
        assertThat(Text.shown(HostileStrings.oneMebibyte())).hasSize(Text.SHOWN_CHARS + " (1048376 more characters)".length() + 1)
                .endsWith("… (1048376 more characters)");
        String pairAtTheCut = "x".repeat(Text.SHOWN_CHARS - 1) + "\uD83D\uDE00tail";
        assertThat(Text.shown(pairAtTheCut)).startsWith("x".repeat(Text.SHOWN_CHARS - 1) + "…")
                .contains("(6 more characters)");
        assertThat(Text.shown("Bo\0b\tand\u202Eend")).isEqualTo("Bo\\u0000b\\u0009and\\u202Eend");
    }
}
