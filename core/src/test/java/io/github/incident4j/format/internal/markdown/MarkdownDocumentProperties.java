package io.github.incident4j.format.internal.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.format.FormatException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class MarkdownDocumentProperties {

    @Provide
    Arbitrary<String> documents() {
        Arbitrary<String> line = Arbitraries.oneOf(
                Arbitraries.of("# Title", "## Diagnosis", "### Sub", "Title", "===", "---", "+++", "title: x", "- item",
                        "  - nested", "1. step", "2) step", "   ```bash", "```", "~~~", "    indented", "\tcode", "> quote",
                        "| a | b |", "|---|---|", "| 1 | 2 |", "<!-- comment -->", "<details>", "</details>", "[ref]: http://x",
                        "text with `code` and *em*", "$ kubectl get pods", "", "   ", "- [ ] task", "\uFEFF", "\\", "*", "`"),
                Arbitraries.strings().withChars("#->*`~|[]()! \t:$abc12").ofMaxLength(12));
        Arbitrary<String> eol = Arbitraries.of("\n", "\n", "\n", "\r\n", "\r");
        return Combinators.combine(line, eol).as((l, e) -> l + e).list().ofMaxSize(30)
                .flatMap(ls -> Arbitraries.of("", "x", "\n").map(tail -> String.join("", ls) + tail));
    }

    @Property(tries = 1000)
    @Label("any text is tiled exactly by its leading slices, blocks and gaps; blocks are ordered and children lie in their parents")
    void tiles(@ForAll("documents") String text) {
        MarkdownDocument doc;
        try {
            doc = MarkdownDocument.parse(text);
        } catch (FormatException e) {
            // only the character rule may refuse these texts (a lone BOM is allowed: it is a character)
            assertThat(e.problems()).allSatisfy(p -> assertThat(p.line()).isPositive());
            return;
        }
        assertThat(MarkdownDocumentTest.tiled(doc)).isEqualTo(text);
        int at = doc.bodyStart();
        for (Block b : doc.blocks()) {
            assertThat(b.start()).isGreaterThanOrEqualTo(at);
            assertThat(b.end()).isGreaterThanOrEqualTo(b.start());
            checkChildren(b, 0);
            at = b.end();
        }
        assertThat(doc.outline().stream().mapToInt(s -> s.contents().size() + (s.heading() == null ? 0 : 1)).sum())
                .isEqualTo(doc.blocks().size());
    }

    private static void checkChildren(Block parent, int depth) {
        int at = parent.start();
        List<Block> children = parent.children();
        for (Block c : children) {
            assertThat(c.start()).isGreaterThanOrEqualTo(at);
            assertThat(c.end()).isLessThanOrEqualTo(parent.end());
            at = c.end();
            if (depth < 10) {
                checkChildren(c, depth + 1);
            }
        }
    }

    @Property(tries = 300)
    @Label("a splice that replaces every top-level block by itself gives the text back")
    void identitySplice(@ForAll("documents") String text) {
        MarkdownDocument doc;
        try {
            doc = MarkdownDocument.parse(text);
        } catch (FormatException e) {
            return;
        }
        Splice s = Splice.of(text);
        doc.blocks().forEach(b -> s.replace(b.start(), b.end(), b.source()));
        assertThat(s.apply()).isEqualTo(text);
    }
}
