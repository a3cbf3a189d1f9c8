package io.github.incident4j.examples.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The second runnable scenario, run as the README runs it, on the real Alertmanager and Prometheus. */
class StackScenarioTest {

    @Test
    @DisplayName("Alertmanager fires into the engine, PagerDuty is paged and escalated, recovery is verified on Prometheus, "
            + "the resolved alert resolves the incident, and the exit code is 0")
    void scenario() throws java.io.IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = StackScenario.run(new String[] {"--work=target/stack/scenario"}, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        java.nio.file.Files.writeString(java.nio.file.Path.of("target/stack/scenario/narrative.txt"), out, StandardCharsets.UTF_8);

        assertThat(code).as(out).isZero();
        assertThat(out).contains("INCIDENT ", "SEV-1 Error rate above 5% on payment-service", "category App crash")
                .contains("PagerDuty trigger critical for Dana (level 2)")
                .contains("HELD      Error rate returns to baseline (< 0.1%) (16 samples)")
                .contains("error rate from Prometheus: 09:21=0.0500")
                .contains("recovery verified on Prometheus's data")
                .contains("PagerDuty got the resolve event")
                .contains("RESULT    every step behaved as expected");
    }

    @Test
    @DisplayName("a bad argument exits with 2 and the usage")
    void usage() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertThat(StackScenario.run(new String[] {"--nope"}, new PrintStream(bytes, true, StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("usage: StackScenario [--work=<dir>]");
    }
}
