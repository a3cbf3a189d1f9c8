package io.github.incident4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.incident4j.format.FormatException;
import io.github.incident4j.format.PostmortemMarkdown;
import io.github.incident4j.format.RunbookMarkdown;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Inputs found by {@link ReaderFuzzProperties} (shrunk) whose FormatException lacks a line. */
@DisplayName("Markdown readers locate every problem")
class MarkdownLocationBugsTest {

    @Test
    @Disabled("bug in RunbookMarkdown, see RELIABILITY.md (B6): the preamble problem has line -1")
    @DisplayName("a runbook whose preamble holds a '##' heading names line 1")
    void runbookPreambleHeading() {
        Throwable thrown = catchThrowable(() -> RunbookMarkdown.parse("## Overview\n#"));
        assertThat(thrown).isInstanceOfSatisfying(FormatException.class, e -> assertThat(e.problems())
                .allSatisfy(p -> assertThat(p.line()).isGreaterThanOrEqualTo(1)));
    }

    @Test
    @Disabled("bug in PostmortemMarkdown, see RELIABILITY.md (B7): a U+0085 (NEL) at the start of a section heading "
            + "line swallows that section into the previous one and the model's refusal comes out with line -1")
    @DisplayName("a postmortem with a NEL character at the start of a heading line fails with a located problem")
    void postmortemNextLine() {
        String seed = ReaderFuzzProperties.seed("postmortem-template.md");
        int at = seed.indexOf("## What Went Wrong");
        String text = seed.substring(0, at) + "\u0085" + seed.substring(at);
        Throwable thrown = catchThrowable(() -> PostmortemMarkdown.parse(text));
        if (thrown != null) {
            assertThat(thrown).isInstanceOfSatisfying(FormatException.class, e -> assertThat(e.problems())
                    .allSatisfy(p -> assertThat(p.line()).isGreaterThanOrEqualTo(1)));
        }
    }

    @Test
    @Disabled("bug in PostmortemMarkdown, see RELIABILITY.md (B9): IndexOutOfBoundsException from "
            + "PostmortemMarkdown$Reader.actionItems")
    @DisplayName("a postmortem with two lines swapped fails with a FormatException, not an IndexOutOfBoundsException")
    void postmortemSwappedLines() {
        String text = new SeedMutation(SeedMutation.Kind.SWAP_LINES, 34, 11, 0)
                .apply(ReaderFuzzProperties.seed("postmortem-template.md"));
        Throwable thrown = catchThrowable(() -> PostmortemMarkdown.parse(text));
        assertThat(thrown).satisfiesAnyOf(t -> assertThat(t).isNull(), t -> assertThat(t).isInstanceOf(FormatException.class));
    }
}
