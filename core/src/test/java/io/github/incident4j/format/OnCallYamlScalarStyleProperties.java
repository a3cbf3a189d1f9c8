package io.github.incident4j.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.incident4j.escalation.Target;
import io.github.incident4j.oncall.OnCallConfig;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Quoted scalars keep their text: a name written in any YAML scalar style reads as the text it spells, whether or
 * not that text looks like null, a boolean or a number; only a plain {@code null}, {@code Null}, {@code NULL},
 * {@code ~} or nothing is YAML's null, which a name cannot be. Whatever is read is written back and read again
 * equal.
 */
class OnCallYamlScalarStyleProperties {

    enum Style { PLAIN, SINGLE_QUOTED, DOUBLE_QUOTED, LITERAL, FOLDED }

    static final Set<String> YAML_NULLS = Set.of("", "~", "null", "Null", "NULL");

    /** A name as written in {@code style} at an indentation of {@code indent} spaces (for the block styles). */
    static String written(String name, Style style, int indent) {
        String more = " ".repeat(indent + 2);
        return switch (style) {
            case PLAIN -> name;
            case SINGLE_QUOTED -> "'" + name.replace("'", "''") + "'";
            case DOUBLE_QUOTED -> OnCallYamlTextTest.dq(name);
            case LITERAL -> "|-\n" + more + name;
            case FOLDED -> ">-\n" + more + name;
        };
    }

    /** Whether {@code name} can be written plain, on one line, without becoming something else. */
    static boolean plainSafe(String name) {
        return !name.isEmpty() && name.strip().equals(name) && name.matches("[A-Za-z0-9~][A-Za-z0-9 ._~+()é😀-]*")
                && !name.contains(" #") && !name.contains(": ");
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.oneOf(
                Arbitraries.of("null", "Null", "NULL", "~", "nULL", "true", "False", "yes", "no", "on", "123", "0x1F",
                        "1e3", ".inf", "-.nan", "2026-03-02", "Alice", "Zoë", "Bob 😀", "a: b", "x #y", "#x", "- x",
                        "'q", "\"", "[x]", "{x}", "@x", "%x", "*x", "&x", "!x", "|x", ">x", ",x", "?x", "\u200FAlice",
                        "a\u2028b", "שלום", ""),
                Arbitraries.strings().withChars("aZ0 ~:#-'\"\\é😀".toCharArray()).ofMinLength(1).ofMaxLength(8)
                        .filter(s -> s.codePoints().noneMatch(cp -> cp >= 0xD800 && cp <= 0xDFFF))
                        .map(String::strip).filter(s -> !s.isEmpty()));
    }

    @Provide
    Arbitrary<List<Style>> styles() {
        return Arbitraries.of(Style.class).list().ofSize(3);
    }

    @Property(tries = 500)
    @Label("a name in any scalar style reads as its text; only a plain YAML null is empty")
    void namesKeepTheirText(@ForAll("names") String participant, @ForAll("names") String person,
            @ForAll("names") String scheduleName, @ForAll("styles") List<Style> styles) {
        String[] names = {participant, person, scheduleName};
        int[] indents = {6, 10, 2};
        String[] w = new String[3];
        boolean expectNull = false;
        for (int i = 0; i < 3; i++) {
            Style style = styles.get(i);
            if (style == Style.PLAIN && !plainSafe(names[i]) && !YAML_NULLS.contains(names[i])) {
                style = Style.DOUBLE_QUOTED; // not every text can be written plain
            }
            if ((style == Style.LITERAL || style == Style.FOLDED)
                    && (names[i].isEmpty() || !names[i].strip().equals(names[i]) || names[i].startsWith("#"))) {
                style = Style.SINGLE_QUOTED; // a block scalar's text starts at its first non-space
            }
            w[i] = written(names[i], style, indents[i]);
            expectNull |= style == Style.PLAIN && YAML_NULLS.contains(names[i]);
            Statistics.label("style").collect(style);
        }
        String yaml = "schedule:\n  name: " + w[2] + "\n  participants:\n    - name: " + w[0]
                + "\n  escalation_policy:\n    - targets:\n        - current_on_call\n        - person: " + w[1] + "\n";
        boolean expectBlank = participant.isBlank() || person.isBlank() || scheduleName.isBlank();
        if (expectNull || expectBlank) {
            FormatException e = catchThrowableOfType(FormatException.class, () -> OnCallYaml.parse(yaml));
            assertThat(e).as("refused: %s", yaml).isNotNull();
            assertThat(e.problems()).anySatisfy(p -> assertThat(p.message()).containsAnyOf("empty value", "blank"));
            Statistics.label("outcome").collect("empty refused");
            return;
        }
        OnCallConfig config = OnCallYaml.parse(yaml);
        assertThat(config.schedule().name()).isEqualTo(scheduleName);
        assertThat(config.schedule().layers().get(0).participants().get(0).name()).isEqualTo(participant);
        assertThat(config.escalationPolicy().levels().get(0).targets()).contains(Target.person(person));
        assertThat(OnCallYaml.parse(OnCallYaml.render(config))).isEqualTo(config);
        Statistics.label("outcome").collect("read as text");
    }

    @Property(tries = 200)
    @Label("quoting a null spelling in any quoted or block style always gives the text")
    void quotedNullsAreText(@ForAll("nullSpellings") String spelling, @ForAll Style style) {
        if (style == Style.PLAIN || spelling.isEmpty()) {
            return;
        }
        String yaml = "schedule:\n  name: S\n  participants:\n    - name: " + written(spelling, style, 6)
                + "\n  escalation_policy:\n    - targets: [current_on_call]\n";
        assertThat(OnCallYaml.parse(yaml).schedule().layers().get(0).participants().get(0).name()).isEqualTo(spelling);
    }

    @Provide
    Arbitrary<String> nullSpellings() {
        return Arbitraries.of(YAML_NULLS);
    }
}
