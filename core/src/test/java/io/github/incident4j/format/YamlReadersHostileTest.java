package io.github.incident4j.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incident4j.chaos.ChaosExperiment;
import io.github.incident4j.oncall.OnCallConfig;
import io.github.incident4j.oncall.Participant;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 22, items 4 and 5, through the public entry points of both YAML readers: valid YAML with a character
 * outside the BMP at the offsets where snakeyaml-engine 3.0.1 threw {@code IndexOutOfBoundsException} is read; no
 * exception of the YAML stack leaks; quoted {@code 'null'} is the text "null".
 */
@DisplayName("Both YAML readers, emoji and quoted nulls")
class YamlReadersHostileTest {

    static final String EMOJI = "\uD83D\uDE00";

    static String seed(String name) {
        try (InputStream in = YamlReadersHostileTest.class.getResourceAsStream("/seed/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * {@code head} and a comment of {@code x} up to the offset, then the emoji in a comment at exactly
     * {@code offset}, then {@code tail}.
     */
    static String withEmojiAt(int offset, String head, String tail) {
        StringBuilder b = new StringBuilder(head).append("# ");
        b.append("x".repeat(offset - b.length())).append(EMOJI).append(" there\n").append(tail);
        assertThat(b.indexOf(EMOJI)).isEqualTo(offset);
        return b.toString();
    }

    static Stream<Arguments> offsets() {
        return Stream.of(1024, 2049, 3074).flatMap(o -> Stream.of(Arguments.of(o, "comment"), Arguments.of(o, "value")));
    }

    @ParameterizedTest(name = "on-call YAML, emoji at {0} in a {1}")
    @MethodSource("offsets")
    @DisplayName("OnCallYaml reads a document with an emoji at offsets 1024, 2049, 3074")
    void onCallEmoji(int offset, String where) {
        String head = "schedule:\n  name: Backend On-Call\n  participants:\n";
        String yaml;
        if (where.equals("comment")) {
            yaml = withEmojiAt(offset, head, "    - Alice\n  escalation_policy:\n    - targets: [current_on_call]\n");
        } else {
            String filler = "# " + "x".repeat(offset - head.length() - "# \n    - Zoë ".length()) + "\n";
            yaml = head + filler + "    - Zoë " + EMOJI + "\n  escalation_policy:\n    - targets: [current_on_call]\n";
            assertThat(yaml.indexOf(EMOJI)).isEqualTo(offset);
        }
        OnCallConfig config = OnCallYaml.parse(yaml);
        assertThat(config.schedule().layers().get(0).participants()).extracting(Participant::name)
                .containsExactly(where.equals("comment") ? "Alice" : "Zoë " + EMOJI);
    }

    @ParameterizedTest(name = "ChaosEngine YAML, emoji at {0} in a {1}")
    @MethodSource("offsets")
    @DisplayName("ChaosEngineYaml reads a document with an emoji at offsets 1024, 2049, 3074")
    void chaosEmoji(int offset, String where) {
        String seed = withNote("X");
        String yaml;
        if (where.equals("comment")) {
            yaml = withEmojiAt(offset, "", seed);
        } else {
            String marker = "value: 'X'";
            int at = seed.indexOf(marker);
            String padding = "# " + "x".repeat(offset - at - "# \n".length() - "value: '".length()) + "\n";
            yaml = padding + seed.replace(marker, "value: '" + EMOJI + "'");
            assertThat(yaml.indexOf(EMOJI)).isEqualTo(offset);
        }
        ChaosExperiment e = ChaosEngineYaml.parse(yaml);
        assertThat(e.faults().get(0).env()).containsEntry("NOTE", where.equals("comment") ? "X" : EMOJI);
    }

    /** The seed engine with one more env entry, NOTE, whose value is written {@code 'value'}. */
    static String withNote(String value) {
        String force = "              value: 'false'\n";
        String seed = seed("chaos-pod-delete.yaml");
        assertThat(seed).contains(force);
        return seed.replace(force, force + "            - name: NOTE\n              value: '" + value + "'\n");
    }

    @Test
    @DisplayName("a ChaosEngine env value: 'null' stays the text null, read and written back")
    void chaosQuotedNull() {
        ChaosExperiment e = ChaosEngineYaml.parse(withNote("null"));
        assertThat(e.faults().get(0).env()).containsEntry("NOTE", "null");
        assertThat(ChaosEngineYaml.parse(ChaosEngineYaml.render(e)).faults().get(0).env()).containsEntry("NOTE", "null");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"OnCallYaml", "ChaosEngineYaml"})
    @DisplayName("an escape that makes the YAML library itself throw is a located FormatException from both readers")
    void noLeakFromTheYamlStack(String reader) {
        Function<String, ?> parse = reader.equals("OnCallYaml") ? OnCallYaml::parse : ChaosEngineYaml::parse;
        String yaml = (reader.equals("OnCallYaml") ? seed("oncall-rotation.yaml") : seed("chaos-pod-delete.yaml"))
                + "\nextra: \"\\UFFFFFFFF\"\n";
        int line = (int) yaml.lines().count();
        assertThatThrownBy(() -> parse.apply(yaml)).isInstanceOfSatisfying(FormatException.class, e -> {
            assertThat(e.line()).isEqualTo(line);
            assertThat(e.column()).isPositive();
        });
    }
}
