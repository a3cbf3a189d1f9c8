package io.github.incident4j.format.internal.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.commonmark.node.Code;
import org.commonmark.node.Node;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The layer's inline reading finds the code spans commonmark finds")
class CodeSpanInlinesTest {

    static List<String> literals(Block b) {
        return b.codeSpans().stream().map(Block.CodeSpan::literal).toList();
    }

    /** commonmark's own reading of the same inline source. */
    static List<String> commonmark(Block b) {
        List<String> out = new ArrayList<>();
        collect(b.parseInlines(), out);
        return out;
    }

    private static void collect(Node n, List<String> out) {
        for (Node c = n.getFirstChild(); c != null; c = c.getNext()) {
            if (c instanceof Code code) {
                out.add(code.getLiteral());
            } else {
                collect(c, out);
            }
        }
    }

    @Test
    @DisplayName("escaped backticks, longer runs, runs without a closing one, spans over two lines, a space pair stripped")
    void rules() {
        String text = "a \\`b `c` ``d ` e`` ```f\n\n`g\nh` ` i ` ``` `j`\n";
        MarkdownDocument doc = MarkdownDocument.parse(text);
        List<String> found = new ArrayList<>();
        for (Block b : doc.blocks()) {
            found.addAll(literals(b));
            assertThat(literals(b)).isEqualTo(commonmark(b));
            for (Block.CodeSpan s : b.codeSpans()) {
                assertThat(text.substring(s.start(), s.end())).startsWith("`").endsWith("`");
            }
        }
        assertThat(found).containsExactly("c", "d ` e", "g h", "i", "j");
    }

    @Test
    @DisplayName("on every paragraph and heading of every runbook fixture")
    void fixtures() throws IOException, URISyntaxException {
        Path root = Path.of(CodeSpanInlinesTest.class.getResource("/runbooks").toURI());
        int checked = 0;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".md")).toList()) {
                MarkdownDocument doc = MarkdownDocument.parse(new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
                checked += check(doc.blocks());
            }
        }
        assertThat(checked).isGreaterThan(300);
    }

    private static int check(List<Block> blocks) {
        int n = 0;
        for (Block b : blocks) {
            if (b.kind() == Block.Kind.PARAGRAPH || b.kind() == Block.Kind.HEADING) {
                assertThat(literals(b)).as("%s", b.source()).isEqualTo(commonmark(b));
                n++;
            }
            n += check(b.children());
        }
        return n;
    }
}
