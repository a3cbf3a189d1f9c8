package io.github.incident4j.format.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incident4j.format.FormatException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

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
}
