package io.github.incident4j.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incident4j.common.Text;
import io.github.incident4j.escalation.Target;
import io.github.incident4j.oncall.OnCallConfig;
import io.github.incident4j.oncall.ScheduleOverride;
import io.github.incident4j.spi.kit.HostileStrings;
import io.github.incident4j.spi.kit.HostileStrings.Sample;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The text rule at the on-call reader: every name the file gives (schedule, layer, participant, override, policy,
 * target) is an identifier refused with its line and column; an override's reason is free text; quoted text that
 * spells null is text.
 */
@DisplayName("OnCallYaml and the text rule")
class OnCallYamlTextTest {

    /** {@code value} as a YAML double-quoted scalar: control characters and lone surrogates as escapes. */
    static String dq(String value) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1));
            if (pair) {
                b.append(c).append(value.charAt(++i));
            } else if (c == '\\' || c == '"') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7F || c == 0x85 || c == 0xFEFF || Character.isSurrogate(c)
                    || c == '\u2028' || c == '\u2029') {
                b.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    /**
     * A rotation with {@code X} put (double-quoted) at one place; the place is the line {@code X} is on. Each
     * template names the path the reader reports.
     */
    enum Place {
        SCHEDULE_NAME("schedule.name", "schedule:\n  name: X\n  participants: [Alice]\n  escalation_policy:\n"
                + "    - targets: [current_on_call]\n"),
        LAYER_NAME("schedule.layers[0].name", "schedule:\n  name: S\n  layers:\n    - name: X\n      participants: [Alice]\n"
                + "  escalation_policy:\n    - targets: [current_on_call]\n"),
        PARTICIPANT("schedule.participants[1]", "schedule:\n  name: S\n  participants:\n    - Alice\n    - X\n"
                + "  escalation_policy:\n    - targets: [current_on_call]\n"),
        PARTICIPANT_NAME("schedule.participants[1].name", "schedule:\n  name: S\n  participants:\n    - name: Alice\n"
                + "    - name: X\n      escalation_delay: 15m\n  escalation_policy:\n    - targets: [current_on_call]\n"),
        OVERRIDE_WHO("schedule.overrides[0].who", "schedule:\n  name: S\n  participants: [Alice]\n  overrides:\n"
                + "    - from: 2026-03-02T09:00\n      who: X\n      until: 2026-03-03T09:00\n"
                + "  escalation_policy:\n    - targets: [current_on_call]\n"),
        OVERRIDE_REPLACES("schedule.overrides[0].replaces", "schedule:\n  name: S\n  participants: [Alice]\n  overrides:\n"
                + "    - who: Dave\n      replaces: X\n      from: 2026-03-02T09:00\n      until: 2026-03-03T09:00\n"
                + "  escalation_policy:\n    - targets: [current_on_call]\n"),
        POLICY_NAME("schedule.escalation_policy.name", "schedule:\n  name: S\n  participants: [Alice]\n"
                + "  escalation_policy:\n    name: X\n    levels:\n      - targets: [current_on_call]\n"),
        ROLE("schedule.escalation_policy[1].targets[0]", "schedule:\n  name: S\n  participants: [Alice]\n"
                + "  escalation_policy:\n    - targets: [current_on_call]\n      timeout: 15m\n    - targets:\n"
                + "        - X\n"),
        PERSON("schedule.escalation_policy[0].targets[1].person", "schedule:\n  name: S\n  participants: [Alice]\n"
                + "  escalation_policy:\n    - targets:\n        - current_on_call\n        - person: X\n"),
        OTHER_SCHEDULE("schedule.escalation_policy[0].targets[0].schedule", "schedule:\n  name: S\n"
                + "  participants: [Alice]\n  escalation_policy:\n    - targets:\n        - {schedule: X}\n");

        final String path;
        final String template;

        Place(String path, String template) {
            this.path = path;
            this.template = template;
        }

        String with(String value) {
            return template.replace("X", dq(value));
        }

        int line() {
            return (int) template.substring(0, template.indexOf('X')).chars().filter(c -> c == '\n').count() + 1;
        }

        int column() {
            return template.indexOf('X') - template.lastIndexOf('\n', template.indexOf('X'));
        }
    }

    static Stream<Arguments> hostileNames() {
        return Stream.of(Place.values()).flatMap(p -> HostileStrings.refusedAsIdentifier().stream()
                .map(s -> Arguments.of(p, s)));
    }

    static Stream<Arguments> allowedNames() {
        return Stream.of(Place.values()).flatMap(p -> HostileStrings.acceptedAsIdentifier().stream()
                .filter(s -> !s.value().equals("null") && !s.value().equals("~"))
                .map(s -> Arguments.of(p, s)));
    }

    @Test
    @DisplayName("a participant named \"Bo\\0b\" is refused at its line and column, the NUL shown escaped")
    void nulInAName() {
        String yaml = "schedule:\n  name: Backend On-Call\n  participants:\n    - name: Alice\n    - name: \"Bo\\0b\"\n"
                + "  escalation_policy:\n    - targets: [current_on_call]\n";
        assertThatThrownBy(() -> OnCallYaml.parse(yaml)).isInstanceOfSatisfying(FormatException.class, e -> {
            assertThat(e.problems()).singleElement().satisfies(p -> {
                assertThat(p.line()).isEqualTo(5);
                assertThat(p.column()).isEqualTo(13);
                assertThat(p.message()).contains("schedule.participants[1].name", "U+0000 (NUL) at index 2",
                        "'Bo\\u0000b'");
            });
            assertThat(Text.textProblem(e.getMessage())).isEmpty();
        });
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("hostileNames")
    @DisplayName("a name holding a control character or an unpaired surrogate is refused at its place, with its path")
    void hostileNamesRefused(Place place, Sample sample) {
        assertThatThrownBy(() -> OnCallYaml.parse(place.with(sample.value())))
                .isInstanceOfSatisfying(FormatException.class, e -> assertThat(e.problems()).anySatisfy(p -> {
                    assertThat(p.line()).isEqualTo(place.line());
                    assertThat(p.column()).isEqualTo(place.column());
                    assertThat(p.message()).contains(place.path).contains("control character");
                }));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("allowedNames")
    @DisplayName("a name the rule allows (right-to-left marks, emoji, separators) is read exactly and written back")
    void allowedNamesKept(Place place, Sample sample) {
        OnCallConfig config = OnCallYaml.parse(place.with(sample.value()));
        assertThat(names(config)).contains(sample.value());
        assertThat(OnCallYaml.parse(OnCallYaml.render(config))).isEqualTo(config);
    }

    @Test
    @DisplayName("an override's reason is free text: tab and line breaks are kept, NUL is refused where it is")
    void overrideReason() {
        String yaml = "schedule:\n  name: S\n  participants: [Alice]\n  overrides:\n    - who: Dave\n"
                + "      from: 2026-03-02T09:00\n      until: 2026-03-03T09:00\n      reason: R\n"
                + "  escalation_policy:\n    - targets: [current_on_call]\n";
        OnCallConfig config = OnCallYaml.parse(yaml.replace("R", dq("vacation,\n\tback Monday")));
        assertThat(config.schedule().overrides()).extracting(ScheduleOverride::reason)
                .containsExactly(java.util.Optional.of("vacation,\n\tback Monday"));
        assertThat(OnCallYaml.parse(OnCallYaml.render(config))).isEqualTo(config);
        assertThatThrownBy(() -> OnCallYaml.parse(yaml.replace("R", dq("vaca\0tion"))))
                .isInstanceOfSatisfying(FormatException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> {
                            assertThat(p.line()).isEqualTo(8);
                            assertThat(p.column()).isEqualTo(15);
                            assertThat(p.message()).contains("schedule.overrides[0].reason", "U+0000");
                        }));
    }

    @Test
    @DisplayName("a participant named 'Null' (or \"null\", '~') is a person; a plain null is an empty name")
    void quotedNullIsAName() {
        String yaml = "schedule:\n  name: S\n  participants: [Alice, X]\n  escalation_policy:\n"
                + "    - targets: [current_on_call, {person: X}]\n";
        for (String quoted : new String[] {"'Null'", "\"null\"", "'~'", "'NULL'"}) {
            OnCallConfig config = OnCallYaml.parse(yaml.replace("X", quoted));
            String name = quoted.substring(1, quoted.length() - 1);
            assertThat(config.schedule().layers().get(0).participants()).extracting(p -> p.name())
                    .containsExactly("Alice", name);
            assertThat(config.escalationPolicy().levels().get(0).targets()).contains(Target.person(name));
            assertThat(OnCallYaml.parse(OnCallYaml.render(config))).isEqualTo(config);
        }
        assertThatThrownBy(() -> OnCallYaml.parse(yaml.replace("X", "Null")))
                .isInstanceOfSatisfying(FormatException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p.message()).contains("empty value at schedule.participants[1]")));
    }

    private static Stream<String> names(OnCallConfig config) {
        return Stream.of(
                Stream.of(config.schedule().name(), config.escalationPolicy().name()),
                config.schedule().layers().stream().flatMap(l -> Stream.concat(l.name().stream(),
                        l.participants().stream().map(p -> p.name()))),
                config.schedule().overrides().stream().flatMap(o -> Stream.concat(Stream.of(o.who()),
                        o.replaces().stream())),
                config.escalationPolicy().levels().stream().flatMap(l -> l.targets().stream().map(Target::name)))
                .flatMap(s -> s);
    }
}
