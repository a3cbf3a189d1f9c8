package io.github.incident4j.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.escalation.EscalationMatrix;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class EscalationMatrixTextProperties {

    @Property(tries = 300)
    @Label("the box form reads back equal")
    void boxRoundTrip(@ForAll("matrices") EscalationMatrix m) {
        assertThat(EscalationMatrixText.parse(EscalationMatrixText.render(m))).isEqualTo(m);
    }

    @Property(tries = 300)
    @Label("the Markdown form reads back equal")
    void markdownRoundTrip(@ForAll("matrices") EscalationMatrix m) {
        assertThat(EscalationMatrixText.parse(EscalationMatrixText.renderMarkdown(m))).isEqualTo(m);
    }

    /**
     * Cell text with unicode, pipes of both kinds, backslashes and backticks; stripped, as cells are. The emoji is
     * put in whole ({@code Z} becomes 😀): a lone half of it is not text the model accepts.
     */
    static Arbitrary<String> cellText() {
        return Arbitraries.oneOf(
                        Arbitraries.strings().withChars("abcXYZ 019/()-_|│\\`*ä中é\u0301┌─").ofMaxLength(14)
                                .map(s -> s.replace("Z", "😀")),
                        Arbitraries.of("Restart/rollback", "SecOps", "a | b", "`x|y`", "\\|", "x\\", "│"))
                .map(String::strip);
    }

    @Provide
    Arbitrary<EscalationMatrix> matrices() {
        Arbitrary<List<String>> tiers = cellText().filter(s -> !s.isEmpty()).list().ofMinSize(1).ofMaxSize(4)
                .uniqueElements(s -> s.toLowerCase(java.util.Locale.ROOT));
        return tiers.flatMap(t -> {
            Arbitrary<List<String>> categories = cellText().filter(s -> !s.isEmpty()).list().ofMaxSize(5)
                    .uniqueElements(s -> s.toLowerCase(java.util.Locale.ROOT));
            return categories.flatMap(c -> cellText().list().ofSize(t.size()).list().ofSize(c.size())
                    .map(cells -> new EscalationMatrix(t, c, cells)));
        });
    }
}
