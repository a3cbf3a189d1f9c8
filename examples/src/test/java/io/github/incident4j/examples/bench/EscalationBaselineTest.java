package io.github.incident4j.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.github.incident4j.spi.IncidentRecord;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The escalation-timers benchmark, its Quartz baseline and its floor")
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

    @Test
    @DisplayName("the floor pages what the engine pages and stores, incident by incident, the rows the engine stores")
    void floorComputesTheSameOutcomeAndState() {
        EscalationScenario.Engine engine = new EscalationScenario.Engine(EscalationScenario.alerts(N));
        engine.run();
        EscalationFloor floor = new EscalationFloor(EscalationScenario.alerts(N), true);
        floor.run();

        assertThat(floor.masks()).isEqualTo(engine.masks());
        for (int i = 0; i < N; i++) {
            IncidentRecord stored = engine.store.load(engine.ids[i].value()).orElseThrow();
            EscalationFloor.State state = floor.state(i);
            assertThat(state.timeline()).extracting(IncidentRecord.Event::kind, IncidentRecord.Event::recipient,
                    IncidentRecord.Event::level, IncidentRecord.Event::at)
                    .as("incident %d", i)
                    .containsExactlyElementsOf(stored.timeline().stream()
                            .map(e -> tuple(e.kind(), e.recipient(), e.level(), e.at())).toList());
            assertThat(List.of(state.version(), state.status(), state.level(), String.valueOf(state.nextDueAt())))
                    .as("incident %d", i)
                    .containsExactly(stored.version(), stored.status().name(), stored.level(),
                            String.valueOf(stored.nextDueAt()));
        }
    }

    @Test
    @DisplayName("the floor without the outbox pages the same levels and stores no claim or delivery rows")
    void floorWithoutOutbox() {
        EscalationFloor floor = new EscalationFloor(EscalationScenario.alerts(N), false);
        floor.run();

        assertThat(EscalationScenario.check(floor.masks())).isEqualTo(EscalationScenario.steps(N));
        assertThat(floor.state(1).timeline()).extracting(IncidentRecord.Event::kind)
                .containsExactly(IncidentRecord.EventKind.TRIGGERED, IncidentRecord.EventKind.ESCALATED,
                        IncidentRecord.EventKind.ESCALATED);
        assertThat(floor.state(0).timeline()).extracting(IncidentRecord.Event::kind)
                .containsExactly(IncidentRecord.EventKind.TRIGGERED, IncidentRecord.EventKind.ACKNOWLEDGED);
    }
}
