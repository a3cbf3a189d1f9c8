package io.github.incident4j.format.internal;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

@Label("YAML scalar styles keep their text")
class YamlScalarStyleProperties {

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> chars = Arbitraries.strings()
                .withChars("abcXYZ019 \t\n\r'\"\\#:-{}[],&*!|>%@`?~.é\u0001\u0085\u2028\uFEFF\u007F")
                .withChars("\uD83D\uDE00".toCharArray()[0]).ofMinLength(0).ofMaxLength(20)
                .map(s -> s.replace("\uD83D", "\uD83D\uDE00")); // only whole pairs
        Arbitrary<String> words = Arbitraries.of("null", "Null", "~", "true", "False", "yes", "NO", "on", "y", "1.5",
                "0x1F", "1e3", ".inf", "- a", "a: b", "a #b", "---", "...", "12:30", "2024-01-01", "5s", "'q'", "\"d\"",
                "", " lead", "trail ", "\nlead", "two\n\nlines\n\n", "x\n", "|", ">");
        return Arbitraries.oneOf(chars, words);
    }

    private static String read(String document) {
        YamlSpan.Mapping m = (YamlSpan.Mapping) YamlSource.parse(document).single().orElseThrow();
        return ((YamlSpan.Scalar) m.get("k").orElseThrow()).value();
    }

    @Property(tries = 400)
    @Label("every style that accepts a text writes it so that YAML reads the same text back")
    void eachStyle(@ForAll("texts") String text) {
        if (YamlScalars.plainSafe(text, false)) {
            assertThat(read("k: " + text + "\n")).isEqualTo(text);
        }
        String single = YamlScalars.singleQuoted(text);
        if (single != null) {
            assertThat(read("k: " + single + "\n")).isEqualTo(text);
        }
        assertThat(read("k: " + YamlScalars.doubleQuoted(text) + "\n")).isEqualTo(text);
        String literal = YamlScalars.literal(text, 2, "\n");
        if (literal != null) {
            assertThat(read("k: " + literal + "other: 1\n")).isEqualTo(text);
        }
        String folded = YamlScalars.folded(text, 2, "\n");
        if (folded != null) {
            assertThat(read("k: " + folded + "other: 1\n")).isEqualTo(text);
        }
        assertThat(read("k: " + YamlScalars.canonical(YamlValue.Scalar.string(text), false) + "\n")).isEqualTo(text);
    }

    @Property(tries = 300)
    @Label("rewriting a scalar of any style with any text reads back that text, the rest unchanged")
    void rewrite(@ForAll("texts") String text, @ForAll("styles") String original) {
        String doc = "before: 1\nk: " + original + "\nafter: 2\n";
        YamlSource src = YamlSource.parse(doc);
        YamlSpan root = src.single().orElseThrow();
        YamlValue before = YamlValue.of(root);
        YamlValue after = YamlValue.mapping().put("before", "1").put("k", text).put("after", "2").build();
        YamlEditor ed = new YamlEditor(src);
        YamlPatch.apply(ed, root, before, after);
        String out = ed.apply();
        assertThat(read(out)).isEqualTo(text);
        assertThat(out).startsWith("before: 1\nk:").endsWith("after: 2\n");
        assertThat(out.length()).isLessThanOrEqualTo(doc.length() + 10 * text.length() + 10);
    }

    @Provide
    Arbitrary<String> styles() {
        return Arbitraries.of("plain", "'single'", "\"double\"", "|\n  literal\n  text", ">\n  folded text", "",
                "|-\n  stripped", "|+\n  kept\n\n");
    }
}
