package io.github.incident4j.examples.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ScenarioJsonProperties {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @Provide
    Arbitrary<String> texts() {
        // every character but lone surrogates, which no UTF-8 output can carry
        return Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('\u0000', '\uD7FF').ofMaxLength(40),
                Arbitraries.strings().withChars("\"\\/\n\r\t\b\f\u0000\u001f\u2028→✓ é").ofMaxLength(20));
    }

    @Property
    @Label("an event's JSON line reads back with Jackson to the same text, details and fields")
    void eventRoundTrip(@ForAll("texts") String text, @ForAll("texts") String detail, @ForAll("texts") String value,
                        @ForAll int number, @ForAll boolean flag) {
        ScenarioEvent e = new ScenarioEvent(Instant.parse("2026-03-02T09:05:00Z"), 2, "PAGE", text, List.of(detail),
                Map.of("value", value, "number", number, "flag", flag));

        String line = e.toJson();
        JsonNode node = MAPPER.readTree(line);

        assertThat(line).doesNotContain("\n");
        assertThat(node.get("at").asString()).isEqualTo("2026-03-02T09:05:00Z");
        assertThat(node.get("step").asInt()).isEqualTo(2);
        assertThat(node.get("kind").asString()).isEqualTo("PAGE");
        assertThat(node.get("text").asString()).isEqualTo(text);
        assertThat(node.get("details").get(0).asString()).isEqualTo(detail);
        assertThat(node.get("value").asString()).isEqualTo(value);
        assertThat(node.get("number").asInt()).isEqualTo(number);
        assertThat(node.get("flag").asBoolean()).isEqualTo(flag);
    }
}
