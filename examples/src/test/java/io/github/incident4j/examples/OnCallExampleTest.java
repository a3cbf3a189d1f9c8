package io.github.incident4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.oncall.OnCallConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The on-call example")
class OnCallExampleTest {

    private static String run(Instant start) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        OnCallExample.print(OnCallExample.loadSeed(), start, out);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("loads the seed rotation from the classpath")
    void loadsSeed() {
        OnCallConfig config = OnCallExample.loadSeed();
        assertThat(config.schedule().name()).isEqualTo("Backend On-Call");
        assertThat(config.escalationPolicy().levels()).hasSize(3);
    }

    @Test
    @DisplayName("prints who is on call this week and next, and that the seed has no lint findings")
    void printsThisWeekAndNext() {
        String output = run(OnCallExample.DEFAULT_START);
        // 2026-03-02 09:00 UTC is 113 weeks after 2024-01-01 09:00: turn 113, 113 mod 3 = 2 -> Carol, then Alice.
        assertThat(output).isEqualTo("""
                Backend On-Call (times in UTC)
                On call now (Mon 2026-03-02 09:00): Carol
                This week (Mon 2026-03-02 09:00 to Mon 2026-03-09 09:00):
                  Mon 2026-03-02 09:00 - Mon 2026-03-09 09:00  Carol
                Next week (Mon 2026-03-09 09:00 to Mon 2026-03-16 09:00):
                  Mon 2026-03-09 09:00 - Mon 2026-03-16 09:00  Alice
                Lint findings: none
                """);
    }

    @Test
    @DisplayName("splits a week at the handoff when started mid-week")
    void midWeek() {
        String output = run(Instant.parse("2026-03-04T12:00:00Z"));
        assertThat(output).contains("On call now (Wed 2026-03-04 12:00): Carol")
                .contains("  Wed 2026-03-04 12:00 - Mon 2026-03-09 09:00  Carol\n"
                        + "  Mon 2026-03-09 09:00 - Wed 2026-03-11 12:00  Alice\n")
                .contains("  Mon 2026-03-16 09:00 - Wed 2026-03-18 12:00  Bob\n");
    }

    @Test
    @DisplayName("takes its start as an instant or as a date in the schedule's zone")
    void startArgument() {
        OnCallConfig config = OnCallExample.loadSeed();
        assertThat(OnCallExample.parseStart("2026-06-01", config.schedule())).isEqualTo(Instant.parse("2026-06-01T00:00:00Z"));
        assertThat(OnCallExample.parseStart("2026-06-01T09:00:00Z", config.schedule()))
                .isEqualTo(Instant.parse("2026-06-01T09:00:00Z"));
    }
}
