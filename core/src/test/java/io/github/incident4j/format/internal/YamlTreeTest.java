package io.github.incident4j.format.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incident4j.format.FormatException;
import java.io.Reader;
import java.io.StringReader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class YamlTreeTest {

    @Test
    @DisplayName("nodes know their line and column")
    void locations() {
        YamlNode.Mapping root = (YamlNode.Mapping) YamlTree.parse("schedule:\n  name: Backend\n  people: [a, b]\n");
        YamlNode.Mapping schedule = (YamlNode.Mapping) root.get("schedule").orElseThrow();
        YamlNode.Scalar name = (YamlNode.Scalar) schedule.get("name").orElseThrow();
        assertThat(name.text()).isEqualTo("Backend");
        assertThat(name.line()).isEqualTo(2);
        assertThat(name.column()).isEqualTo(9);
        assertThat(schedule.keys()).extracting(YamlNode.Key::name).containsExactly("name", "people");
        assertThat(((YamlNode.Sequence) schedule.get("people").orElseThrow()).items()).hasSize(2);
    }

    @Test
    @DisplayName("aliases share the anchored node")
    void aliases() {
        YamlNode.Mapping root = (YamlNode.Mapping) YamlTree.parse("a: &x [1, 2]\nb: *x\n");
        assertThat(root.get("b").orElseThrow()).isSameAs(root.get("a").orElseThrow());
    }

    @Test
    @DisplayName("an alias bomb is refused fast")
    void aliasBomb() {
        StringBuilder b = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 12; i++) {
            b.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                b.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            b.append("]\n");
        }
        assertThatThrownBy(() -> YamlTree.parse(b.toString()))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("alias bomb");
    }

    @Test
    @DisplayName("a recursive anchor is refused")
    void recursiveAnchor() {
        assertThatThrownBy(() -> YamlTree.parse("a: &x\n  b: *x\n"))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("recursive");
    }

    @Test
    @DisplayName("oversized documents, scalars and deep nesting are refused")
    void limits() {
        assertThatThrownBy(() -> YamlTree.parse("a: " + "x".repeat(YamlTree.MAX_CHARS)))
                .isInstanceOf(FormatException.class).hasMessageContaining("over the limit");
        assertThatThrownBy(() -> YamlTree.parse("a: " + "x".repeat(YamlTree.MAX_SCALAR_CHARS + 1)))
                .isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> YamlTree.parse("[".repeat(200) + "]".repeat(200)))
                .isInstanceOf(FormatException.class);
    }

    @Test
    @DisplayName("tags are kept as text and never instantiate anything")
    void tags() {
        YamlNode.Mapping root = (YamlNode.Mapping) YamlTree.parse("e: !!java.lang.ProcessBuilder [rm]\nf: !custom 3\n");
        assertThat(root.get("f").orElseThrow()).isInstanceOfSatisfying(YamlNode.Scalar.class,
                s -> assertThat(s.tag()).contains("custom"));
    }

    @Test
    @DisplayName("malformed YAML and duplicate keys report line and column")
    void malformed() {
        assertThatThrownBy(() -> YamlTree.parse("a: [1,\nb: 2"))
                .isInstanceOfSatisfying(FormatException.class, e -> assertThat(e.line()).isEqualTo(2));
        assertThatThrownBy(() -> YamlTree.parse("a: 1\nb: 2\na: 3\n"))
                .isInstanceOfSatisfying(FormatException.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.getMessage()).contains("duplicate key 'a'");
                });
    }

    private static YamlNode.Scalar value(String yaml) {
        return (YamlNode.Scalar) ((YamlNode.Mapping) YamlTree.parse(yaml)).get("k").orElseThrow();
    }

    @ParameterizedTest(name = "k: {0}")
    @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
            "'null';null;SINGLE_QUOTED", "\"null\";null;DOUBLE_QUOTED", "'~';~;SINGLE_QUOTED", "'Null';Null;SINGLE_QUOTED",
            "\"NULL\";NULL;DOUBLE_QUOTED", "`''`;``;SINGLE_QUOTED", "|-NL  null;null;LITERAL", ">-NL  ~;~;FOLDED",
            "!!str null;null;PLAIN", "nULL;nULL;PLAIN", "nil;nil;PLAIN"})
    @DisplayName("a quoted, block or !!str-tagged scalar keeps its text, even when it spells null")
    void quotedScalarsKeepTheirText(String written, String text, YamlNode.Style style) {
        YamlNode.Scalar s = value("k: " + written.replace("NL", "\n") + "\n");
        assertThat(s.text()).isEqualTo(text);
        assertThat(s.style()).isEqualTo(style);
        assertThat(s.isNull()).isFalse();
    }

    @ParameterizedTest(name = "k: {0}")
    @ValueSource(strings = {"null", "Null", "NULL", "~", "", "!!null null", "!!null"})
    @DisplayName("only a plain null, Null, NULL, ~ or nothing is YAML's null")
    void plainNulls(String written) {
        YamlNode.Scalar s = value("k: " + written + "\n");
        assertThat(s.isNull()).isTrue();
        assertThat(s.style()).isEqualTo(YamlNode.Style.PLAIN);
    }

    @ParameterizedTest(name = "emoji at offset {0}")
    @ValueSource(ints = {1023, 1024, 1025, 2048, 2049, 3074, 4096})
    @DisplayName("a character outside the BMP is read wherever it falls (snakeyaml-engine 3.0.1 threw at 1024, 2049, 3074)")
    void emojiAtBufferBoundaries(int offset) {
        String head = "k: ";
        String yaml = head + "x".repeat(offset - head.length()) + "\uD83D\uDE00 tail\n";
        assertThat(yaml.indexOf('\uD83D')).isEqualTo(offset);
        assertThat(value(yaml).text()).endsWith("x\uD83D\uDE00 tail");
    }

    @Test
    @DisplayName("any exception from inside the YAML parser becomes a FormatException where reading stopped, cause kept")
    void parserFailureIsLocated() {
        String yaml = "schedule:\n  name: Backend\n  participants: [Alice, Bob]\n";
        Reader failing = new Reader() {
            private final Reader text = new StringReader(yaml.substring(0, 30));
            private boolean gaveText;

            @Override
            public int read(char[] buffer, int offset, int length) throws java.io.IOException {
                if (gaveText) {
                    throw new IndexOutOfBoundsException("Range [1025, 1025 + 1) out of bounds for length 1025");
                }
                gaveText = true;
                return text.read(buffer, offset, length);
            }

            @Override
            public void close() {
            }
        };
        assertThatThrownBy(() -> YamlTree.parse(yaml, failing)).isInstanceOfSatisfying(FormatException.class, e -> {
            assertThat(e.line()).isBetween(1, 3);
            assertThat(e.column()).isPositive();
            assertThat(e.getMessage()).contains("malformed YAML", "could not read on", "IndexOutOfBoundsException");
            assertThat(e.getCause()).isInstanceOf(IndexOutOfBoundsException.class);
        });
    }

    @Test
    @DisplayName("an escape the parser chokes on (\\UFFFFFFFF throws NumberFormatException in snakeyaml-engine) is refused where it is")
    void numberFormatInsideTheParser() {
        assertThatThrownBy(() -> YamlTree.parse("a: 1\nk: \"\\UFFFFFFFF\"\n"))
                .isInstanceOfSatisfying(FormatException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isPositive();
                    assertThat(e.getCause()).isInstanceOf(NumberFormatException.class);
                });
    }

    @Test
    @DisplayName("a raw control character is refused at its own line and column")
    void rawControlCharacter() {
        assertThatThrownBy(() -> YamlTree.parse("a: 1\nname: Bo\u0000b\n"))
                .isInstanceOfSatisfying(FormatException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isEqualTo(9);
                    assertThat(e.getMessage()).contains("U+0000").doesNotContain("\u0000");
                });
        assertThatThrownBy(() -> YamlTree.parse("a: \uD83D\uDE00 \u0007\n"))
                .isInstanceOfSatisfying(FormatException.class, e -> assertThat(e.column()).isEqualTo(6));
    }

    @Test
    @DisplayName("escapes in double quotes are decoded into the text, NUL and lone surrogates included, for the readers to judge")
    void decodedEscapes() {
        assertThat(value("k: \"Bo\\0b\"\n").text()).isEqualTo("Bo\0b");
        assertThat(value("k: \"\\u00e9\\U0001F600\"\n").text()).isEqualTo("\u00e9\uD83D\uDE00");
    }

    @Test
    @DisplayName("a key that is a list, a mapping or an alias is refused where it is")
    void scalarKeysOnly() {
        assertThatThrownBy(() -> YamlTree.parse("a: 1\n? [x, y]\n: 2\n"))
                .isInstanceOfSatisfying(FormatException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.getMessage()).contains("a mapping key must be a plain value");
                });
        assertThatThrownBy(() -> YamlTree.parse("a: &x k\n*x : 2\n"))
                .isInstanceOfSatisfying(FormatException.class, e -> assertThat(e.getMessage()).contains("an alias"));
    }

    @Test
    @DisplayName("a second document is refused at its start; an empty document is a null scalar")
    void documents() {
        assertThatThrownBy(() -> YamlTree.parse("a: 1\n---\nb: 2\n"))
                .isInstanceOfSatisfying(FormatException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.getMessage()).contains("more than one YAML document");
                });
        assertThat(YamlTree.parse("# only a comment\n")).isInstanceOfSatisfying(YamlNode.Scalar.class,
                s -> assertThat(s.isNull()).isTrue());
        assertThat(YamlTree.parse("---\n")).isInstanceOfSatisfying(YamlNode.Scalar.class,
                s -> assertThat(s.isNull()).isTrue());
    }

    @Test
    @DisplayName("a document of exactly the limit is read; one character more is refused at line 1 before parsing")
    void documentLimitIsExact() {
        String head = "k: v\n";
        String atLimit = head + "#".repeat(YamlTree.MAX_CHARS - head.length());
        assertThat(value(atLimit).text()).isEqualTo("v");
        assertThatThrownBy(() -> YamlTree.parse("[" + atLimit))
                .isInstanceOfSatisfying(FormatException.class, e -> {
                    assertThat(e.problems()).singleElement().satisfies(p -> {
                        assertThat(p.line()).isEqualTo(1);
                        assertThat(p.column()).isEqualTo(1);
                        assertThat(p.message()).contains("1000001 characters is over the limit of 1000000");
                    });
                    assertThat(e.getCause()).isNull();
                });
    }
}
