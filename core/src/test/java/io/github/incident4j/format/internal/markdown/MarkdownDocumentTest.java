package io.github.incident4j.format.internal.markdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incident4j.format.FormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("The Markdown document layer")
class MarkdownDocumentTest {

    static String resource(String path) {
        try (InputStream in = MarkdownDocumentTest.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new AssertionError("missing " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** BOM, front matter, every gap and every top-level block, in order: must be the text itself. */
    static String tiled(MarkdownDocument doc) {
        StringBuilder b = new StringBuilder();
        String text = doc.text();
        int at = 0;
        if (doc.byteOrderMark()) {
            b.append('\uFEFF');
            at = 1;
        }
        if (doc.frontMatter().isPresent()) {
            FrontMatter fm = doc.frontMatter().get();
            assertThat(fm.start()).isEqualTo(at);
            b.append(text, fm.start(), fm.end());
        }
        for (int i = 0; i < doc.blocks().size(); i++) {
            b.append(doc.gapBefore(i)).append(doc.blocks().get(i).source());
        }
        return b.append(doc.gapBefore(doc.blocks().size())).toString();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/seed/runbook-template.md", "/seed/postmortem-template.md", "/postmortem/filled-payment-outage.md"})
    @DisplayName("the seed documents are tiled exactly by their blocks and the text between them")
    void seedsTile(String path) {
        String text = resource(path);
        MarkdownDocument doc = MarkdownDocument.parse(text);
        assertThat(tiled(doc)).isEqualTo(text);
        for (int i = 0; i <= doc.blocks().size(); i++) {
            assertThat(doc.gapBefore(i)).isBlank();
        }
    }

    @Test
    @DisplayName("CRLF and CR line ends, a byte order mark, front matter and a last line without a line break are kept")
    void lineEndsAndLeadingSlices() {
        String text = "\uFEFF---\r\ntitle: Disk full\r\ntags: [disk, node]\r\n---\r\n\r\n# DiskFull\r\n\r\n## Meaning\rA disk fills.\r\n\r\n- one\r\n- two";
        MarkdownDocument doc = MarkdownDocument.parse(text);

        assertThat(doc.byteOrderMark()).isTrue();
        assertThat(doc.lineEnding()).isEqualTo("\r\n");
        FrontMatter fm = doc.frontMatter().orElseThrow();
        assertThat(fm.values()).containsEntry("title", "Disk full").containsEntry("tags", "disk, node");
        assertThat(fm.value("TITLE")).contains("Disk full");
        assertThat(fm.line()).isEqualTo(1);
        assertThat(fm.contentLine()).isEqualTo(2);
        assertThat(doc.blocks()).extracting(Block::kind).containsExactly(Block.Kind.HEADING, Block.Kind.HEADING,
                Block.Kind.PARAGRAPH, Block.Kind.BULLET_LIST);
        assertThat(doc.blocks().get(0).line()).isEqualTo(6);
        assertThat(doc.blocks().get(1).line()).isEqualTo(8);
        assertThat(doc.blocks().get(2).line()).isEqualTo(9);
        assertThat(doc.blocks().get(3).source()).isEqualTo("- one\r\n- two");
        assertThat(tiled(doc)).isEqualTo(text);
    }

    @Test
    @DisplayName("front matter whose YAML does not read is kept opaque, with its problem at the document's line")
    void badFrontMatter() {
        MarkdownDocument doc = MarkdownDocument.parse("---\ntitle: x\n  bad: [\n---\n# T\n");
        FrontMatter fm = doc.frontMatter().orElseThrow();
        assertThat(fm.problem()).isNotNull();
        assertThat(fm.problem().line()).isGreaterThanOrEqualTo(2);
        assertThat(doc.blocks()).singleElement().satisfies(b -> assertThat(b.headingText()).isEqualTo("T"));
    }

    @Test
    @DisplayName("a '---' without a closing fence is not front matter but what CommonMark makes of it")
    void unclosedFrontMatter() {
        MarkdownDocument doc = MarkdownDocument.parse("---\n# Title\n");
        assertThat(doc.frontMatter()).isEmpty();
        assertThat(doc.blocks()).extracting(Block::kind).containsExactly(Block.Kind.THEMATIC_BREAK, Block.Kind.HEADING);
    }

    @Test
    @DisplayName("list items nest, and a fenced block indented inside an item is that item's, with its content and fence")
    void listsAndCodeInItems() {
        String text = """
                1. Check the pods:

                   ```bash
                   $ kubectl get pods -n prod
                   NAME   READY
                   ```
                2. Check dependencies:
                   - [ ] Database: `pg_isready -h db`
                   - [x] Cache
                """;
        MarkdownDocument doc = MarkdownDocument.parse(text);
        Block list = doc.blocks().get(0);
        assertThat(list.kind()).isEqualTo(Block.Kind.ORDERED_LIST);
        assertThat(list.tight()).isFalse();
        List<Block> items = list.children();
        assertThat(items).extracting(Block::marker).containsExactly("1.", "2.");
        assertThat(items).extracting(Block::number).containsExactly(1L, 2L);
        Block code = items.get(0).children().get(1);
        assertThat(code.kind()).isEqualTo(Block.Kind.FENCED_CODE);
        assertThat(code.language()).isEqualTo("bash");
        assertThat(code.fence()).isEqualTo("```");
        assertThat(code.closed()).isTrue();
        assertThat(code.codeText()).isEqualTo("$ kubectl get pods -n prod\nNAME   READY");
        assertThat(code.line()).isEqualTo(3);
        assertThat(code.column()).isEqualTo(4);
        assertThat(code.continuationPrefix()).isEqualTo("   ");
        assertThat(code.source()).isEqualTo("```bash\n   $ kubectl get pods -n prod\n   NAME   READY\n   ```");
        Block sub = items.get(1).children().get(1);
        assertThat(sub.kind()).isEqualTo(Block.Kind.BULLET_LIST);
        assertThat(sub.children()).extracting(Block::task).containsExactly(java.util.Optional.of(false), java.util.Optional.of(true));
        Block first = sub.children().get(0).children().get(0);
        assertThat(first.inlineSource()).isEqualTo("[ ] Database: `pg_isready -h db`");
        assertThat(first.codeSpans()).singleElement().satisfies(c -> {
            assertThat(c.literal()).isEqualTo("pg_isready -h db");
            assertThat(text.substring(c.start(), c.end())).isEqualTo("`pg_isready -h db`");
        });
        assertThat(sub.children().get(0).parent()).isSameAs(sub);
    }

    @Test
    @DisplayName("an unclosed fence runs to the end of its container and says so")
    void unclosedFence() {
        MarkdownDocument doc = MarkdownDocument.parse("# T\n\n~~~yaml\nkey: value\n");
        Block code = doc.blocks().get(1);
        assertThat(code.closed()).isFalse();
        assertThat(code.fence()).isEqualTo("~~~");
        assertThat(code.codeText()).isEqualTo("key: value");
        assertThat(tiled(doc)).isEqualTo("# T\n\n~~~yaml\nkey: value\n");
    }

    @Test
    @DisplayName("headings open sections nested by level; the text before the first heading is a section of its own")
    void outline() {
        String text = "<!-- banner -->\n\n# Title\nintro\n## A\na\n### A.1\nx\n## B\nb\n# Escalation\ne\n";
        List<Section> outline = MarkdownDocument.parse(text).outline();
        assertThat(outline).extracting(Section::title).containsExactly("", "Title", "Escalation");
        assertThat(outline.get(0).heading()).isNull();
        assertThat(outline.get(0).blocks()).singleElement().satisfies(b -> assertThat(b.kind()).isEqualTo(Block.Kind.HTML));
        Section title = outline.get(1);
        assertThat(title.blocks()).extracting(Block::source).containsExactly("intro");
        assertThat(title.subsections()).extracting(Section::title).containsExactly("A", "B");
        assertThat(title.subsections().get(0).subsections()).extracting(Section::title).containsExactly("A.1");
        assertThat(title.contents()).extracting(Block::source).containsExactly("intro", "## A", "a", "### A.1", "x", "## B", "b");
        assertThat(text.substring(title.start(), title.end())).isEqualTo("# Title\nintro\n## A\na\n### A.1\nx\n## B\nb");
        assertThat(title.flatten()).extracting(Section::title).containsExactly("Title", "A", "A.1", "B");
    }

    @Test
    @DisplayName("table cells are read with their text and place")
    void tables() {
        String text = "| Time | Event |\n|---|---|\n| 14:00 | Deploy `v2` |\n| 14:05 | Alert \\| page |\n";
        Table t = MarkdownDocument.parse(text).blocks().get(0).table().orElseThrow();
        assertThat(t.header()).extracting(Table.Cell::text).containsExactly("Time", "Event");
        assertThat(t.rows()).hasSize(2);
        assertThat(t.rows().get(1)).extracting(Table.Cell::text).containsExactly("14:05", "Alert \\| page");
        assertThat(t.rows().get(0).get(1).line()).isEqualTo(3);
        assertThat(t.rows().get(0).get(1).column()).isEqualTo(10);
        assertThat(t.bodyLine()).isEqualTo(3);
    }

    @Test
    @DisplayName("headings give their text: ATX with closing hashes, setext over two lines")
    void headingText() {
        List<Block> blocks = MarkdownDocument.parse("## Mitigation ##  \n\nTwo\nlines\n===\n").blocks();
        assertThat(blocks.get(0).headingText()).isEqualTo("Mitigation");
        assertThat(blocks.get(0).headingLevel()).isEqualTo(2);
        assertThat(blocks.get(1).headingText()).isEqualTo("Two lines");
        assertThat(blocks.get(1).headingLevel()).isEqualTo(1);
    }

    @Test
    @DisplayName("a document over the cap is refused at once, before it is read")
    void cap() {
        String big = "a".repeat(MarkdownDocument.MAX_CHARS + 1);
        assertThatThrownBy(() -> MarkdownDocument.parse(big)).isInstanceOfSatisfying(FormatException.class, e -> {
            assertThat(e.line()).isEqualTo(1);
            assertThat(e.getMessage()).contains("over the limit of " + MarkdownDocument.MAX_CHARS);
        });
    }

    @Test
    @DisplayName("NUL, other controls, DEL and unpaired surrogates are refused at their line and column, all of them")
    void hostileCharacters() {
        String text = "# T\n\nok \u0000 here\n\tx\u001b[31m\n\uD800 and \uD83D\uDE00 fine\u007F";
        assertThatThrownBy(() -> MarkdownDocument.parse(text)).isInstanceOfSatisfying(FormatException.class, e -> {
            assertThat(e.problems()).extracting(FormatException.Problem::line).containsExactly(3, 4, 5, 5);
            assertThat(e.problems()).extracting(FormatException.Problem::column).containsExactly(4, 3, 1, 14);
            assertThat(e.problems().get(0).message()).contains("U+0000", "NUL");
            assertThat(e.problems().get(2).message()).contains("unpaired surrogate");
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {">", "- ", "1. ", "* > "})
    @DisplayName("containers nested 100,000 deep are refused with a located FormatException, never a stack overflow")
    void deepNesting(String prefix) {
        String text = prefix.repeat(100_000) + "x\n";
        if (text.length() > MarkdownDocument.MAX_CHARS) {
            text = text.substring(text.length() - MarkdownDocument.MAX_CHARS);
        }
        String t = text;
        assertThatThrownBy(() -> MarkdownDocument.parse(t)).isInstanceOfSatisfying(FormatException.class,
                e -> assertThat(e.line()).isEqualTo(1));
    }

    @Test
    @DisplayName("hostile inline runs (brackets, emphasis, backticks) read in reasonable time and tile the text")
    void hostileInlines() {
        for (String unit : List.of("[", "*", "`", "<", "![", "_a", "\\")) {
            String text = "# T\n\n" + unit.repeat(20_000 / unit.length()) + "\n";
            MarkdownDocument doc = MarkdownDocument.parse(text);
            assertThat(tiled(doc)).isEqualTo(text);
        }
    }

    @Test
    @DisplayName("line lookups count \\n, \\r\\n and \\r as one break each, and nothing else")
    void lineIndex() {
        LineIndex idx = LineIndex.of("a\r\nb\rc\nd\u2028e");
        assertThat(idx.lineCount()).isEqualTo(4);
        assertThat(idx.line(0)).isEqualTo(1);
        assertThat(idx.line(3)).isEqualTo(2);
        assertThat(idx.line(5)).isEqualTo(3);
        assertThat(idx.line(9)).isEqualTo(4);
        assertThat(idx.column(9)).isEqualTo(3);
        assertThat(idx.lineEnd("a\r\nb\rc\nd\u2028e", 1)).isEqualTo(1);
    }
}
