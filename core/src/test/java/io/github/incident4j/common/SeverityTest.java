package io.github.incident4j.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incident4j.ValidationException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SeverityTest {

    @Test
    @DisplayName("reads the SEV forms incidents and postmortems are written with")
    void sevForms() {
        assertThat(Severity.parse("SEV-2")).isEqualTo(Severity.SEV_2);
        assertThat(Severity.parse(" sev2 ")).isEqualTo(Severity.SEV_2);
        assertThat(Severity.parse("SEV 4")).isEqualTo(Severity.SEV_4);
        assertThat(Severity.parse("SEV_5")).isEqualTo(Severity.SEV_5);
        assertThat(Severity.parse("1")).isEqualTo(Severity.SEV_1);
    }

    @Test
    @DisplayName("reads priorities P1..P5 as SEV-1..SEV-5")
    void priorities() {
        assertThat(Severity.parse("P1")).isEqualTo(Severity.SEV_1);
        assertThat(Severity.parse("p3")).isEqualTo(Severity.SEV_3);
        assertThat(Severity.parse("P5")).isEqualTo(Severity.SEV_5);
    }

    @Test
    @DisplayName("reads alerting words through the default scale, in any case")
    void words() {
        assertThat(Severity.parse("critical")).isEqualTo(Severity.SEV_1);
        assertThat(Severity.parse("High")).isEqualTo(Severity.SEV_2);
        assertThat(Severity.parse("WARNING")).isEqualTo(Severity.SEV_3);
        assertThat(Severity.parse("low")).isEqualTo(Severity.SEV_4);
        assertThat(Severity.parse("info")).isEqualTo(Severity.SEV_5);
    }

    @Test
    @DisplayName("a host's scale adds or replaces words; a scale with none reads only the fixed forms")
    void customScale() {
        Severity.Scale scale = Severity.Scale.DEFAULT.with("Page", Severity.SEV_1).with("warning", Severity.SEV_4);
        assertThat(scale.parse("page")).isEqualTo(Severity.SEV_1);
        assertThat(scale.parse("warning")).isEqualTo(Severity.SEV_4);
        assertThat(Severity.Scale.DEFAULT.parse("warning")).isEqualTo(Severity.SEV_3);
        assertThatThrownBy(() -> Severity.Scale.none().parse("critical")).isInstanceOf(ValidationException.class);
        assertThat(Severity.Scale.none().parse("P2")).isEqualTo(Severity.SEV_2);
    }

    @Test
    @DisplayName("refuses what is not a severity, naming the accepted forms")
    void refuses() {
        for (String bad : new String[] {"SEV-9", "SEV-0", "P6", "P", "12", "sev-", "urgent", "PP1", "SEV--1", ""}) {
            assertThatThrownBy(() -> Severity.parse(bad)).as(bad).isInstanceOf(ValidationException.class)
                    .hasMessageContaining("SEV-1 .. SEV-5");
        }
    }

    @Test
    @DisplayName("rank, label and comparison: SEV-1 is the most severe")
    void rankAndOrder() {
        assertThat(Severity.of(2)).isEqualTo(Severity.SEV_2);
        assertThat(Severity.SEV_3.rank()).isEqualTo(3);
        assertThat(Severity.SEV_3).hasToString("SEV-3");
        assertThat(Severity.SEV_1.isAtLeast(Severity.SEV_2)).isTrue();
        assertThat(Severity.SEV_2.isAtLeast(Severity.SEV_2)).isTrue();
        assertThat(Severity.SEV_3.isAtLeast(Severity.SEV_2)).isFalse();
        assertThatThrownBy(() -> Severity.of(0)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> Severity.of(6)).isInstanceOf(ValidationException.class);
    }

    @Property
    void labelReadsBack(@ForAll @IntRange(min = 1, max = 5) int rank) {
        Severity s = Severity.of(rank);
        assertThat(Severity.parse(s.label())).isEqualTo(s);
        assertThat(Severity.parse("P" + rank)).isEqualTo(s);
    }
}
