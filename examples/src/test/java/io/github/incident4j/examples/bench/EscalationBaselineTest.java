package io.github.incident4j.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The escalation-timers benchmark and its Quartz baseline")
class EscalationBaselineTest {

    private static final int N = 1_001;

    @Test
    @DisplayName("incident4j pages level 1 only for acknowledged incidents and all three levels for the others")
    void engineOutcome() {
        EscalationScenario.Engine engine = new EscalationScenario.Engine(EscalationScenario.alerts(N));
        engine.run();

        int[] masks = engine.masks();

        assertThat(masks[0]).isEqualTo(0b001);
        assertThat(masks[1]).isEqualTo(0b111);
        assertThat(EscalationScenario.check(masks)).isEqualTo(EscalationScenario.steps(N));
        assertThat(engine.pager.pages()).hasSize(501 + 3 * 500);
    }

    @Test
    @DisplayName("Quartz fires and cancels exactly the steps incident4j does, incident by incident")
    void quartzComputesTheSameOutcome() {
        EscalationScenario.Engine engine = new EscalationScenario.Engine(EscalationScenario.alerts(N));
        engine.run();
        try (QuartzEscalation quartz = new QuartzEscalation("escalation-test")) {
            for (int round = 0; round < 2; round++) {
                quartz.reset();
                QuartzEscalation.Run run = quartz.run(N);

                assertThat(run.masks()).isEqualTo(engine.masks());
                assertThat(run.cancelled.get()).isEqualTo((N + 1) / 2);
                assertThat(run.fired.getCount()).isZero();
            }
        }
    }

    @Test
    @DisplayName("the step count is one cancelled step per acknowledged incident and two fired per other one")
    void stepCount() {
        assertThat(EscalationScenario.steps(100_000)).isEqualTo(EscalationTimersBenchmark.STEPS);
        assertThat(EscalationScenario.steps(3)).isEqualTo(2 + 2);
    }
}
