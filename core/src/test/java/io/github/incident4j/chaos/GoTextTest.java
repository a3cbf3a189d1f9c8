package io.github.incident4j.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("GoText reads env values as litmus-go's Go code does")
class GoTextTest {

    @Test
    @DisplayName("Atoi with the error ignored: whole numbers with an optional sign, anything else is 0")
    void atoi() {
        assertThat(GoText.atoi("30")).isEqualTo(30);
        assertThat(GoText.atoi("030")).isEqualTo(30);
        assertThat(GoText.atoi("+5")).isEqualTo(5);
        assertThat(GoText.atoi("-5")).isEqualTo(-5);
        assertThat(GoText.atoi("1m")).isZero();
        assertThat(GoText.atoi("30s")).isZero();
        assertThat(GoText.atoi(" 30")).isZero();
        assertThat(GoText.atoi("5-10")).isZero();
        assertThat(GoText.atoi("")).isZero();
        assertThat(GoText.atoi("-")).isZero();
        assertThat(GoText.atoi("1_000")).isZero();
        // Go returns the clamped value with its range error; the error is ignored.
        assertThat(GoText.atoi("99999999999999999999")).isEqualTo(Long.MAX_VALUE);
        assertThat(GoText.isAtoi("99999999999999999999")).isFalse();
        assertThat(GoText.isAtoi("30")).isTrue();
        assertThat(GoText.isAtoi("1m")).isFalse();
    }

    @Property
    @Label("every long written in decimal reads back")
    void atoiReadsEveryLong(@ForAll long n) {
        if (n != Long.MIN_VALUE) {
            assertThat(GoText.atoi(Long.toString(n))).isEqualTo(n);
        }
    }

    @Property
    @Label("a number followed by a unit reads as 0")
    void atoiRefusesUnits(@ForAll int n, @ForAll @AlphaChars @StringLength(min = 1, max = 3) String unit) {
        assertThat(GoText.atoi(n + unit)).isZero();
    }

    @Test
    @DisplayName("ParseBool with the error ignored: true only for 1, t, T, TRUE, true, True")
    void parseBool() {
        assertThat(GoText.parseBool("true")).isTrue();
        assertThat(GoText.parseBool("True")).isTrue();
        assertThat(GoText.parseBool("1")).isTrue();
        assertThat(GoText.parseBool("yes")).isFalse();
        assertThat(GoText.parseBool("tRUE")).isFalse();
        assertThat(GoText.isBool("False")).isTrue();
        assertThat(GoText.isBool("no")).isFalse();
    }

    @Test
    @DisplayName("time.ParseDuration: numbers with units, a bare 0; a bare number is not a duration")
    void parseDuration() {
        assertThat(GoText.parseDuration("2s")).contains(Duration.ofSeconds(2));
        assertThat(GoText.parseDuration("1m30s")).contains(Duration.ofSeconds(90));
        assertThat(GoText.parseDuration("500ms")).contains(Duration.ofMillis(500));
        assertThat(GoText.parseDuration("1.5s")).contains(Duration.ofMillis(1500));
        assertThat(GoText.parseDuration("0")).contains(Duration.ZERO);
        assertThat(GoText.parseDuration("2")).isEqualTo(Optional.empty());
        assertThat(GoText.parseDuration("2 s")).isEmpty();
        assertThat(GoText.parseDuration("s")).isEmpty();
        assertThat(GoText.parseDuration("")).isEmpty();
    }
}
