package io.github.incident4j.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incident4j.ValidationException;
import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"30s, PT30S", "15m, PT15M", "1h30m, PT1H30M", "2d, PT48H", "250ms, PT0.25S", "1d2h3m4s5ms, PT26H3M4.005S"})
    @DisplayName("reads the duration syntax of the documents")
    void parses(String text, Duration expected) {
        assertThat(Durations.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"15x", "-5m", "", "m", "5", "1m1h", "1h1h", "1.5h", "15 minutes"})
    @DisplayName("refuses what is not a duration with a message that names the text")
    void refuses(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'" + text + "'");
    }

    @Test
    @DisplayName("an unknown unit is named in the error")
    void unknownUnitNamed() {
        assertThatThrownBy(() -> Durations.parse("15x")).hasMessageContaining("unknown unit 'x'");
        assertThatThrownBy(() -> Durations.parse("-5m")).hasMessageContaining("negative");
    }

    @Property
    @Label("format and parse are inverse for whole milliseconds")
    void roundTrip(@ForAll @LongRange(min = 0, max = 10_000_000_000L) long millis) {
        Duration d = Duration.ofMillis(millis);
        assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
    }
}
