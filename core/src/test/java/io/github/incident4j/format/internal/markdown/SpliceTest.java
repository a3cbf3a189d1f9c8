package io.github.incident4j.format.internal.markdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The splice writer")
class SpliceTest {

    @Test
    @DisplayName("rewrites only the given ranges and keeps every other character and its order")
    void rewritesOnlyRanges() {
        String text = "# Title\r\n\r\n1. one\r\n2. two\r\n";
        MarkdownDocument doc = MarkdownDocument.parse(text);
        Block second = doc.blocks().get(1).children().get(1);
        String out = Splice.of(text).replace(second.start(), second.end(), "2. deux").apply();
        assertThat(out).isEqualTo("# Title\r\n\r\n1. one\r\n2. deux\r\n");
        LineIndex lines = doc.lines();
        String without = Splice.of(text).delete(lines.lineStartOf(second.start()), lines.nextLineStart(second.end())).apply();
        assertThat(without).isEqualTo("# Title\r\n\r\n1. one\r\n");
    }

    @Test
    @DisplayName("inserts at one offset keep their order; an insertion at the edge of a replaced range is allowed")
    void inserts() {
        String out = Splice.of("abc").insert(1, "X").insert(1, "Y").replace(1, 2, "B").insert(2, "Z").apply();
        assertThat(out).isEqualTo("aXYBZc");
        assertThat(Splice.of("abc").apply()).isEqualTo("abc");
        assertThat(Splice.of("abc").delete(0, 3).apply()).isEmpty();
    }

    @Test
    @DisplayName("overlapping edits and ranges outside the text are refused")
    void refusals() {
        assertThatThrownBy(() -> Splice.of("abcdef").replace(1, 4, "x").replace(3, 5, "y").apply())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("overlap");
        assertThatThrownBy(() -> Splice.of("abc").replace(2, 5, "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("line ends: the document's first one is used for new text")
    void lineEnds() {
        assertThat(LineEnds.dominant("a\r\nb\n")).isEqualTo("\r\n");
        assertThat(LineEnds.dominant("a\rb")).isEqualTo("\r");
        assertThat(LineEnds.dominant("ab")).isEqualTo("\n");
        assertThat(LineEnds.convert("a\nb\n", "\r\n")).isEqualTo("a\r\nb\r\n");
        assertThat(LineEnds.normalize("a\r\nb\rc")).isEqualTo("a\nb\nc");
        assertThat(LineEnds.continueLines("a\n\nb", "   ", "\r\n")).isEqualTo("a\r\n\r\n   b");
        assertThat(LineEnds.continueLines("a\nb", "> ", "\n")).isEqualTo("a\n> b");
    }
}
