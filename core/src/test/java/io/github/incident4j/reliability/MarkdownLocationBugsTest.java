package io.github.incident4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.incident4j.format.FormatException;
import io.github.incident4j.format.PostmortemMarkdown;
import io.github.incident4j.format.RunbookMarkdown;
import io.github.incident4j.postmortem.Postmortem;
import io.github.incident4j.postmortem.Section;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Inputs found by {@link ReaderFuzzProperties} (shrunk) whose FormatException lacked a line or that leaked another
 * exception: B6, B7 and B9 in RELIABILITY.md, fixed.
 */
@DisplayName("Markdown readers locate every problem")
class MarkdownLocationBugsTest {

    @Test
    @DisplayName("a runbook whose first heading is a section and that has no title is refused at line 1 (B6)")
    void runbookPreambleHeading() {
        Throwable thrown = catchThrowable(() -> RunbookMarkdown.parse("## Overview\n#"));
        assertThat(thrown).isInstanceOfSatisfying(FormatException.class, e -> {
            assertThat(e.problems()).allSatisfy(p -> assertThat(p.line()).isGreaterThanOrEqualTo(1));
            assertThat(e.problems()).singleElement().satisfies(p -> {
                assertThat(p.line()).isEqualTo(1);
                assertThat(p.message()).contains("no title");
            });
        });
    }

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(strings = {"0085", "2028", "2029"})
    @DisplayName("a postmortem with a NEL or Unicode line separator before a heading's '##' reads that line as text "
            + "of the section above, as CommonMark does, and writes it back unchanged (B7)")
    void postmortemNextLine(String codePoint) {
        String separator = Character.toString(Integer.parseInt(codePoint, 16));
        String seed = ReaderFuzzProperties.seed("postmortem-template.md");
        int at = seed.indexOf("## What Went Wrong");
        String text = seed.substring(0, at) + separator + seed.substring(at);

        Postmortem read = PostmortemMarkdown.parse(text);

        assertThat(read.narrative(Section.WENT_WELL)).contains(separator + "## What Went Wrong");
        assertThat(read.narrative(Section.WENT_WRONG)).isEmpty();
        assertThat(PostmortemMarkdown.parse(PostmortemMarkdown.render(read))).isEqualTo(read);
    }

    @Test
    @DisplayName("a postmortem with two lines swapped fails with a FormatException at the table header, "
            + "not an IndexOutOfBoundsException (B9)")
    void postmortemSwappedLines() {
        String text = new SeedMutation(SeedMutation.Kind.SWAP_LINES, 34, 11, 0)
                .apply(ReaderFuzzProperties.seed("postmortem-template.md"));
        Throwable thrown = catchThrowable(() -> PostmortemMarkdown.parse(text));
        assertThat(thrown).isInstanceOfSatisfying(FormatException.class, e -> assertThat(e.problems())
                .allSatisfy(p -> assertThat(p.line()).isGreaterThanOrEqualTo(1))
                .anySatisfy(p -> {
                    assertThat(p.line()).isEqualTo(13);
                    assertThat(p.message()).contains("the action items table's columns (Time, Event) cannot be read");
                }));
    }

    @Test
    @DisplayName("a timeline table whose header has one column fails with a FormatException, not an "
            + "IndexOutOfBoundsException (B9)")
    void timelineWithOneColumn() {
        String text = "# Postmortem: Outage\n\n## Timeline (UTC)\n| Time |\n|------|\n| 14:00 |\n";
        Throwable thrown = catchThrowable(() -> PostmortemMarkdown.parse(text));
        assertThat(thrown).isInstanceOfSatisfying(FormatException.class, e -> assertThat(e.problems())
                .singleElement().satisfies(p -> {
                    assertThat(p.line()).isEqualTo(4);
                    assertThat(p.message()).contains("the timeline table's columns (Time) cannot be read");
                }));
    }
}
