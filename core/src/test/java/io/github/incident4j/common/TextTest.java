package io.github.incident4j.common;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    @DisplayName("an identifier with NUL, a control character, DEL or an unpaired surrogate is named with its index")
    void identifierProblems() {
        assertThat(Text.identifierProblem("Bo\0b")).contains("holds U+0000 (NUL) at index 2");
        assertThat(Text.identifierProblem("a\u0007")).contains("holds U+0007 (control character) at index 1");
        assertThat(Text.identifierProblem("a\tb")).contains("holds U+0009 (tab) at index 1");
        assertThat(Text.identifierProblem("x\u007F")).contains("holds U+007F (DEL) at index 1");
        assertThat(Text.identifierProblem("fp-\uD800")).contains("holds U+D800 (unpaired surrogate) at index 3");
        assertThat(Text.identifierProblem("\uDC00x")).contains("holds U+DC00 (unpaired surrogate) at index 0");
        assertThat(Text.identifierProblem("Zoë \uD83D\uDE00 \u200F")).isEmpty();
    }

    @Test
    @DisplayName("free text may hold tab and line breaks, nothing else of the forbidden set")
    void textProblems() {
        assertThat(Text.textProblem("line 1\r\nline\t2\n")).isEmpty();
        assertThat(Text.textProblem("bad\0")).contains("holds U+0000 (NUL) at index 3");
    }

    @Test
    @DisplayName("storable escapes what a store may refuse, keeps ordinary text as the same instance")
    void storable() {
        String plain = "Error rate above 5% \uD83D\uDE00\n\t";
        assertThat(Text.storable(plain)).isSameAs(plain);
        assertThat(Text.storable("a\0b")).isEqualTo("a\\u0000b");
        assertThat(Text.storable("fp-\uD800")).isEqualTo("fp-\\uD800");
        assertThat(Text.storable("fp-\uDBFF")).isEqualTo("fp-\\uDBFF");
        assertThat(Text.storable("C:\\users")).isEqualTo("C:\\\\users");
        assertThat(Text.storable("C:\\dir")).isEqualTo("C:\\dir");
        assertThat(Text.storable("C:\\dir\0")).isEqualTo("C:\\\\dir\\u0000");
        assertThat(Text.storable("\\\0")).isNotEqualTo(Text.storable("\\u0000"));
    }

    @Property
    @Label("storable output is always fit free text, and different inputs never become the same")
    void storableIsSafeAndInjective(@ForAll("hostile") String a, @ForAll("hostile") String b) {
        assertThat(Text.textProblem(Text.storable(a))).isEmpty();
        if (!a.equals(b)) {
            assertThat(Text.storable(a)).isNotEqualTo(Text.storable(b));
        }
    }

    @Provide
    Arbitrary<String> hostile() {
        return Arbitraries.strings().withChars('a', '\\', 'u', '0', '\0', '\uD800', '\uDC00', '\uDBFF', '\n', '\u0007')
                .ofMaxLength(8);
    }
}
