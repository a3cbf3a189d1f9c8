package io.github.incident4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.escalation.Target;
import io.github.incident4j.incident.Alert;
import io.github.incident4j.incident.Incident;
import io.github.incident4j.incident.IncidentManager;
import io.github.incident4j.incident.TimelineEvent;
import io.github.incident4j.sim.VirtualTime;
import io.github.incident4j.spi.kit.EngineFixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@DisplayName("A pager that fails 30% of its calls (throws, fails, hangs, loses the answer)")
class PagerFaultsTest {

    private static final Logger LOG = LoggerFactory.getLogger(PagerFaultsTest.class);

    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    static final Duration DEADLINE = Duration.ofSeconds(30);
    static final Duration BACKOFF = Duration.ofSeconds(5);
    static final int MAX_ATTEMPTS = 10;
    /** Nominal steps of the policy below: level, pass, minutes after the trigger. */
    static final int[][] STEPS = {{1, 1, 0}, {2, 1, 15}, {3, 1, 45}, {1, 2, 105}, {2, 2, 120}, {3, 2, 150}};
    static final List<String> PEOPLE = List.of("Alice", "Dana", "Victor");
    static final EscalationPolicy POLICY = EngineFixtures.PEOPLE_REPEATED;

    @Test
    @DisplayName("every step reaches the receiver exactly once per idempotency key, within the retry bound, "
            + "and every failed call is on the timeline")
    void everyPageDeliveredOnceWithinTheRetryBound() {
        int incidents = Scale.pick(300, 3_000);
        VirtualTime time = VirtualTime.startingAt(T0);
        ReceivingPager pager = new ReceivingPager(time, 0.3, 20_260_302L);
        IncidentManager manager = IncidentManager.builder().timers(time).pager(pager)
                .pageDeadline(DEADLINE).retryBackoff(BACKOFF).maxPageAttempts(MAX_ATTEMPTS).build();
        Map<Incident, Instant> triggered = new LinkedHashMap<>();
        for (int i = 0; i < incidents; i++) {
            Incident incident = manager.trigger(Alert.withKey("alert-" + i).service("svc-" + i % 7)
                    .summary("problem " + i).build(), POLICY);
            triggered.put(incident, time.now());
            time.advance(Duration.ofSeconds(37));
        }
        time.advance(Duration.ofHours(6));

        Duration bound = ReceivingPager.retryBound(DEADLINE, BACKOFF, MAX_ATTEMPTS);
        Map<String, Instant> first = pager.firstArrivals();
        List<String> expectedKeys = new ArrayList<>();
        Duration worstDelay = Duration.ZERO;
        for (Map.Entry<Incident, Instant> e : triggered.entrySet()) {
            String id = e.getKey().id().value();
            for (int[] step : STEPS) {
                String key = id + "/" + step[1] + "/" + step[0] + "/" + PEOPLE.get(step[0] - 1);
                expectedKeys.add(key);
                Instant nominal = e.getValue().plus(Duration.ofMinutes(step[2]));
                Instant arrived = first.get(key);
                assertThat(arrived).as("step %s never reached the receiver", key).isNotNull();
                Duration delay = Duration.between(nominal, arrived);
                assertThat(delay).as("delay of %s", key).isBetween(Duration.ZERO, bound);
                worstDelay = delay.compareTo(worstDelay) > 0 ? delay : worstDelay;
            }
            Incident stored = manager.find(e.getKey().id()).orElseThrow();
            assertThat(stored.timeline()).filteredOn(t -> t.type() == TimelineEvent.Type.PAGE_FAILED)
                    .as("failed calls on the timeline of %s", id).hasSize(pager.failedCalls(id));
            assertThat(stored.timeline()).filteredOn(t -> t.type() == TimelineEvent.Type.PAGE_DELIVERED)
                    .as("deliveries on the timeline of %s", id).hasSize(STEPS.length);
            assertThat(stored.timeline()).filteredOn(t -> t.type() == TimelineEvent.Type.PAGE_FAILED)
                    .allSatisfy(t -> assertThat(t.detail()).contains("attempt"));
        }
        assertThat(first.keySet()).containsExactlyInAnyOrderElementsOf(expectedKeys);
        assertThat(pager.outcomes().get(ReceivingPager.Outcome.ANSWER_LOST)).isPositive();
        assertThat(pager.duplicatesDropped()).isPositive();
        LOG.info("pager faults: {} incidents, {} steps, {} calls, outcomes {}, {} duplicates dropped by the receiver, "
                + "worst delay {} (bound {})", incidents, expectedKeys.size(), pager.calls(), pager.outcomes(),
                pager.duplicatesDropped(), worstDelay, bound);
    }

    @Test
    @DisplayName("pager failures do not move the escalation schedule: each step is decided at its nominal instant")
    void failuresDoNotShiftEscalation() {
        VirtualTime time = VirtualTime.startingAt(T0);
        ReceivingPager pager = new ReceivingPager(time, 0.3, 7L);
        IncidentManager manager = IncidentManager.builder().timers(time).pager(pager)
                .pageDeadline(DEADLINE).retryBackoff(BACKOFF).maxPageAttempts(MAX_ATTEMPTS).build();
        List<Incident> incidents = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            incidents.add(manager.trigger(Alert.withKey("k" + i).service("svc").summary("s").build(), POLICY));
        }
        time.advance(Duration.ofHours(6));
        for (Incident incident : incidents) {
            List<Duration> escalations = manager.find(incident.id()).orElseThrow().timeline().stream()
                    .filter(t -> t.type() == TimelineEvent.Type.ESCALATED)
                    .map(t -> Duration.between(T0, t.at())).toList();
            assertThat(escalations).containsExactly(Duration.ofMinutes(15), Duration.ofMinutes(45),
                    Duration.ofMinutes(105), Duration.ofMinutes(120), Duration.ofMinutes(150));
        }
    }

    @Test
    @DisplayName("a pager that always fails gives up after the attempt limit, says so, and escalation goes on")
    void hopelessPagerGivesUpAndEscalationGoesOn() {
        VirtualTime time = VirtualTime.startingAt(T0);
        ReceivingPager pager = new ReceivingPager(time, 1.0, 3L);
        IncidentManager manager = IncidentManager.builder().timers(time).pager(pager)
                .pageDeadline(DEADLINE).retryBackoff(BACKOFF).maxPageAttempts(4).build();
        Incident incident = manager.trigger(Alert.withKey("k").service("svc").summary("s").build(), POLICY);
        time.advance(Duration.ofHours(6));
        List<TimelineEvent> timeline = manager.find(incident.id()).orElseThrow().timeline();
        assertThat(pager.calls()).isEqualTo(STEPS.length * 4);
        assertThat(timeline).filteredOn(t -> t.type() == TimelineEvent.Type.PAGE_FAILED).hasSize(STEPS.length * 4);
        assertThat(timeline).filteredOn(t -> t.type() == TimelineEvent.Type.PAGE_FAILED
                && t.detail() != null && t.detail().contains("giving up")).hasSize(STEPS.length);
        assertThat(timeline).filteredOn(t -> t.type() == TimelineEvent.Type.ESCALATED).hasSize(STEPS.length - 1);
    }
}
