package io.github.incident4j.format.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incident4j.format.FormatException;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("YamlSource reads YAML losslessly and YamlPatch edits only what changed")
class YamlSourceTest {

    private static final String DOC = """
            # head comment
            apiVersion: v1   # inline
            spec:
              a: 'x'
              b: |
                lit
                eral

              c: {x: 1, y: [a, "b"]}   # c
              list:
                - name: n1  # n
                  value: '30'
                # between
                - name: n2
                  value: "two"
              e:
              f: ~
              g: 'null'
              h: False
            """;

    private static YamlSpan.Mapping root(YamlSource src) {
        return (YamlSpan.Mapping) src.single().orElseThrow();
    }

    private static YamlSpan.Mapping spec(YamlSource src) {
        return (YamlSpan.Mapping) root(src).get("spec").orElseThrow();
    }

    @Test
    @DisplayName("every node knows its characters, style and place; quoted null words are strings")
    void spans() {
        YamlSource src = YamlSource.parse(DOC);
        YamlSpan.Mapping spec = spec(src);
        YamlSpan.Scalar a = (YamlSpan.Scalar) spec.get("a").orElseThrow();
        assertThat(src.text().substring(a.start(), a.end())).isEqualTo("'x'");
        assertThat(a.style()).isEqualTo(YamlSpan.Style.SINGLE_QUOTED);
        assertThat(a.line()).isEqualTo(4);
        assertThat(a.column()).isEqualTo(6);
        YamlSpan.Scalar b = (YamlSpan.Scalar) spec.get("b").orElseThrow();
        assertThat(b.value()).isEqualTo("lit\neral\n");
        assertThat(b.style()).isEqualTo(YamlSpan.Style.LITERAL);
        assertThat(spec.get("c").orElseThrow().flow()).isTrue();
        assertThat(((YamlSpan.Scalar) spec.get("e").orElseThrow()).isNull()).isTrue();
        assertThat(((YamlSpan.Scalar) spec.get("f").orElseThrow()).isNull()).isTrue();
        YamlSpan.Scalar g = (YamlSpan.Scalar) spec.get("g").orElseThrow();
        assertThat(g.isNull()).isFalse();
        assertThat(g.value()).isEqualTo("null");
        YamlSpan.Sequence list = (YamlSpan.Sequence) spec.get("list").orElseThrow();
        assertThat(list.items()).hasSize(2);
        List<int[]> scalars = src.scalarSpans();
        assertThat(src.isCommentLine(1, scalars)).isTrue();
        assertThat(src.isCommentLine(13, scalars)).isTrue();
        assertThat(src.isCommentLine(2, scalars)).isFalse();
    }

    @Test
    @DisplayName("a # inside a block scalar is not a comment line")
    void hashInsideBlock() {
        YamlSource src = YamlSource.parse("a: |\n  # not a comment\n# a comment\n");
        List<int[]> scalars = src.scalarSpans();
        assertThat(src.isCommentLine(2, scalars)).isFalse();
        assertThat(src.isCommentLine(3, scalars)).isTrue();
    }

    @Test
    @DisplayName("characters outside the BMP at the parser's window edges are read, with spans in characters")
    void emojiAtWindowEdges() {
        for (int offset : new int[] {1023, 1024, 1025, 2049, 3074}) {
            String pad = "x".repeat(Math.max(0, offset - 4));
            String text = "a: " + pad + "\uD83D\uDE00 tail\nb: 'after'\n";
            YamlSource src = YamlSource.parse(text);
            YamlSpan.Scalar a = (YamlSpan.Scalar) root(src).get("a").orElseThrow();
            assertThat(a.value()).endsWith("\uD83D\uDE00 tail");
            YamlSpan.Scalar b = (YamlSpan.Scalar) root(src).get("b").orElseThrow();
            assertThat(text.substring(b.start(), b.end())).isEqualTo("'after'");
        }
    }

    @Test
    @DisplayName("unsafe or malformed YAML is a located FormatException, never another exception")
    void refusals() {
        assertThatThrownBy(() -> YamlSource.parse("a: 1\na: 2\n")).isInstanceOf(FormatException.class)
                .hasMessageContaining("duplicate key 'a' (first at line 1)")
                .satisfies(e -> assertThat(((FormatException) e).line()).isEqualTo(2));
        assertThatThrownBy(() -> YamlSource.parse("a: [1\n")).isInstanceOf(FormatException.class)
                .satisfies(e -> assertThat(((FormatException) e).line()).isPositive());
        assertThatThrownBy(() -> YamlSource.parse("? [a]\n: b\n")).isInstanceOf(FormatException.class)
                .hasMessageContaining("keys must be scalars");
        assertThatThrownBy(() -> YamlSource.parse("a: *nope\n")).isInstanceOf(FormatException.class)
                .hasMessageContaining("alias *nope");
        assertThatThrownBy(() -> YamlSource.parse("[".repeat(100) + "]".repeat(100))).isInstanceOf(FormatException.class)
                .hasMessageContaining("nesting deeper");
        assertThatThrownBy(() -> YamlSource.parse("x".repeat(YamlSource.MAX_CHARS + 1)))
                .isInstanceOf(FormatException.class).hasMessageContaining("over the limit");
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            char p = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [*").append(p).append(", *").append(p).append(", *").append(p)
                    .append(", *").append(p).append(", *").append(p).append(", *").append(p).append("]\n");
        }
        assertThatThrownBy(() -> YamlSource.parse(bomb.toString())).isInstanceOf(FormatException.class)
                .hasMessageContaining("alias bomb");
        assertThatThrownBy(() -> YamlSource.parse("a:\n\tb: 1\n")).isInstanceOf(FormatException.class);
    }

    private static String edit(String text, java.util.function.Function<YamlSpan.Mapping, YamlValue[]> change) {
        YamlSource src = YamlSource.parse(text);
        YamlSpan.Mapping r = root(src);
        YamlValue[] oldNew = change.apply(r);
        YamlEditor ed = new YamlEditor(src);
        YamlPatch.apply(ed, r, oldNew[0], oldNew[1]);
        return ed.apply();
    }

    private static YamlValue.Mapping withKey(YamlValue.Mapping m, String path, YamlValue value) {
        String[] parts = path.split("\\.", 2);
        YamlValue.MappingBuilder b = YamlValue.mapping();
        for (YamlValue.Field f : m.fields()) {
            if (f.key().equals(parts[0])) {
                b.put(f.key(), parts.length == 1 ? value : withKey((YamlValue.Mapping) f.value(), parts[1], value));
            } else {
                b.put(f.key(), f.value());
            }
        }
        if (!b.has(parts[0])) {
            b.put(parts[0], value);
        }
        return b.build();
    }

    @Test
    @DisplayName("a changed scalar keeps its style and its neighbours keep their bytes")
    void scalarEdits() {
        String out = edit(DOC, r -> {
            YamlValue.Mapping before = (YamlValue.Mapping) YamlValue.of(r);
            YamlValue.Mapping after = withKey(before, "spec.a", YamlValue.Scalar.string("it's"));
            after = withKey(after, "spec.h", YamlValue.Scalar.bool(true));
            after = withKey(after, "spec.b", YamlValue.Scalar.string("new\nblock\n"));
            after = withKey(after, "spec.e", YamlValue.Scalar.string("900"));
            after = withKey(after, "spec.g", YamlValue.Scalar.string("~"));
            return new YamlValue[] {withKey(before, "spec.h", new YamlValue.Scalar("False", YamlValue.Kind.BOOLEAN, null))
                    .equals(before) ? before : before, after};
        });
        assertThat(out).contains("  a: 'it''s'\n", "  h: True\n", "  b: |\n    new\n    block\n\n  c:", "  e: '900'\n",
                "  g: '~'\n", "# head comment\napiVersion: v1   # inline\n", "    # between\n");
        YamlSpan.Mapping spec = spec(YamlSource.parse(out));
        assertThat(((YamlSpan.Scalar) spec.get("b").orElseThrow()).value()).isEqualTo("new\nblock\n");
        assertThat(((YamlSpan.Scalar) spec.get("g").orElseThrow()).value()).isEqualTo("~");
        assertThat(((YamlSpan.Scalar) spec.get("g").orElseThrow()).isNull()).isFalse();
    }

    @Test
    @DisplayName("keys and list items are added at their neighbours' indentation and removed with their comments")
    void structuralEdits() {
        String out = edit(DOC, r -> {
            YamlValue.Mapping before = (YamlValue.Mapping) YamlValue.of(r);
            YamlValue.Mapping spec = (YamlValue.Mapping) before.get("spec").orElseThrow();
            YamlValue.MappingBuilder b = YamlValue.mapping();
            for (YamlValue.Field f : spec.fields()) {
                if (f.key().equals("list")) {
                    YamlValue.Sequence list = (YamlValue.Sequence) f.value();
                    b.put("list", new YamlValue.Sequence(List.of(list.items().get(0),
                            YamlValue.mapping().put("name", "n3").put("value", "3").build())));
                    b.put("added", YamlValue.mapping().put("k", "v").build());
                } else if (!f.key().equals("f")) {
                    b.put(f.key(), f.value());
                }
            }
            return new YamlValue[] {before, withKey(before, "spec", b.build())};
        });
        assertThat(out).doesNotContain("n2", "# between", "f: ~").contains(
                "    - name: n1  # n\n      value: '30'\n    - name: n3\n      value: '3'\n  added:\n    k: v\n  e:\n");
        assertThat(YamlSource.parse(out).single()).isPresent();
    }

    @Test
    @DisplayName("flow collections are edited in flow style; CRLF documents keep CRLF")
    void flowAndCrlf() {
        String crlf = "a: {x: 1, y: 2}\r\nb:\r\n  - p\r\n  - q\r\n";
        String out = edit(crlf, r -> {
            YamlValue.Mapping before = (YamlValue.Mapping) YamlValue.of(r);
            YamlValue.Mapping after = withKey(before, "a", YamlValue.mapping().put("x", "1").put("z", "3").build());
            after = withKey(after, "b", new YamlValue.Sequence(List.of(YamlValue.Scalar.string("p"),
                    YamlValue.Scalar.string("q"), YamlValue.Scalar.string("r"))));
            after = withKey(after, "c", YamlValue.Scalar.string("new"));
            return new YamlValue[] {before, after};
        });
        assertThat(out).isEqualTo("a: {x: 1, z: '3'}\r\nb:\r\n  - p\r\n  - q\r\n  - r\r\nc: new\r\n");
    }
}
