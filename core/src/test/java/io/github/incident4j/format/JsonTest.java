package io.github.incident4j.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** JSON in and out for the HTTP packages. */
class JsonTest {

    @Test
    @DisplayName("every node knows its line and column; numbers are exact; member order is kept")
    void located() {
        Json.Obj o = Json.parse("{\n  \"b\": [1, 2.50, true, null],\n  \"a\": {\"x\": \"y\"}\n}", 1000).object().orElseThrow();
        assertThat(o.members().keySet()).containsExactly("b", "a");
        Json.Arr b = (Json.Arr) o.get("b").orElseThrow();
        assertThat(b.line()).isEqualTo(2);
        assertThat(b.column()).isEqualTo(8);
        assertThat(b.items().get(1)).isEqualTo(new Json.Num(new BigDecimal("2.50"), 2, 12));
        assertThat(b.items().get(2)).isInstanceOf(Json.Bool.class);
        assertThat(b.items().get(3)).isInstanceOf(Json.Null.class);
        assertThat(o.members().get("a").line()).isEqualTo(3);
        assertThat(o.get("a").flatMap(Json.Value::object).flatMap(x -> x.get("x")).flatMap(Json.Value::string)).contains("y");
    }

    @Test
    @DisplayName("too long, too deep, duplicate names, trailing content and malformed JSON are refused with a place")
    void refused() {
        assertThatThrownBy(() -> Json.parse("[1]", 2)).hasMessageContaining("over the limit of 2");
        assertThatThrownBy(() -> Json.parse("[".repeat(100) + "]".repeat(100), 1000)).isInstanceOf(FormatException.class)
                .hasMessageContaining("malformed JSON");
        assertThatThrownBy(() -> Json.parse("{\"a\":1,\n\"a\":2}", 100)).isInstanceOfSatisfying(FormatException.class, e -> {
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.getMessage()).contains("duplicate name 'a' (first at line 1, column 2)");
        });
        assertThatThrownBy(() -> Json.parse("{} {}", 100)).hasMessageContaining("unexpected content after");
        assertThatThrownBy(() -> Json.parse("", 100)).hasMessageContaining("empty document");
        assertThatThrownBy(() -> Json.parse("{\"a\" 1}", 100)).isInstanceOf(FormatException.class);
    }

    @Test
    @DisplayName("write escapes text, keeps map order, and reads back")
    void write() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("z", "quote \" backslash \\ line\n tab\t \u0000 é 🔥");
        m.put("a", List.of(1, 2.5, true));
        m.put("n", null);
        String json = Json.write(m);
        assertThat(json).startsWith("{\"z\":");
        Json.Obj back = Json.parse(json, 1000).object().orElseThrow();
        assertThat(back.get("z").flatMap(Json.Value::string)).contains((String) m.get("z"));
        assertThat(back.get("n")).containsInstanceOf(Json.Null.class);
    }
}
