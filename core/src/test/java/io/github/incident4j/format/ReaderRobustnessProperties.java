package io.github.incident4j.format;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Bad input yields a located FormatException or a value, never another exception. */
class ReaderRobustnessProperties {

    @Property(tries = 500)
    @Label("a mangled postmortem reads or fails with a FormatException, never anything else")
    void postmortemNeverLeaks(@ForAll("mangledPostmortems") String text) {
        try {
            PostmortemMarkdown.parse(text);
        } catch (FormatException e) {
            assertThat(e.problems()).isNotEmpty();
        }
    }

    @Property(tries = 500)
    @Label("a mangled escalation matrix reads or fails with a FormatException, never anything else")
    void matrixNeverLeaks(@ForAll("mangledMatrices") String text) {
        try {
            EscalationMatrixText.parse(text);
        } catch (FormatException e) {
            assertThat(e.problems()).isNotEmpty();
            assertThat(e.line()).isGreaterThanOrEqualTo(1);
        }
    }

    @Provide
    Arbitrary<String> mangledPostmortems() {
        return mangled(PostmortemMarkdownTest.filled() + "\n" + PostmortemMarkdownTest.seed());
    }

    @Provide
    Arbitrary<String> mangledMatrices() {
        try {
            return mangled(EscalationMatrixTextTest.seed() + "\n" + "| a | b |\n|---|---|\n| c | d |\n");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The text with a few edits: a slice removed, structural characters inserted, lines swapped. */
    private static Arbitrary<String> mangled(String base) {
        Arbitrary<Integer> position = Arbitraries.integers().between(0, base.length());
        Arbitrary<String> insert = Arbitraries.strings().withChars("|│─┌┐*#:\n -`\\0129PXSEV()→").ofMaxLength(6);
        return Combinators.combine(position, position, insert, Arbitraries.integers().between(0, 40))
                .as((a, b, ins, cut) -> {
                    int from = Math.min(a, b);
                    String s = base.substring(0, from) + ins + base.substring(Math.min(base.length(), from + cut));
                    int at = Math.min(Math.max(a, b), s.length());
                    return s.substring(0, at) + ins + s.substring(at);
                });
    }
}
