package io.github.incident4j.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incident4j.common.Severity;
import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.escalation.Target;
import io.github.incident4j.sim.RecordingPager;
import io.github.incident4j.sim.VirtualTime;
import io.github.incident4j.spi.Page;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The dead man's switch: an incident opens when the beats stop, and resolves when they come back. */
class HeartbeatTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final EscalationPolicy PLATFORM = EscalationPolicy.named("Platform")
            .level(1, Duration.ofMinutes(10), Target.person("Olga")).level(2, Target.person("Pat")).build();

    private final VirtualTime time = VirtualTime.startingAt(T0);
    private final RecordingPager pager = new RecordingPager();
    private final IncidentManager manager = IncidentManager.builder().timers(time).pager(pager).build();
    private final Heartbeat watchdog = Heartbeat.named("alertmanager-watchdog").expectEvery(Duration.ofMinutes(1))
            .grace(Duration.ofMinutes(2)).policy(PLATFORM).build();

    @Test
    @DisplayName("beats within interval + grace keep it quiet, however long it runs")
    void quietWhileBeating() {
        Heartbeat.Monitor m = watchdog.watch(manager, time);
        for (int i = 0; i < 120; i++) {
            time.advance(Duration.ofSeconds(150)); // later than the interval, within the grace
            m.beat();
        }
        assertThat(manager.incidents()).isEmpty();
        assertThat(m.missing()).isFalse();
        assertThat(m.lastBeat()).contains(T0.plus(Duration.ofSeconds(150 * 120)));
    }

    @Test
    @DisplayName("when the beats stop, an incident opens exactly interval + grace after the last one and pages the policy")
    void missing() {
        Heartbeat.Monitor m = watchdog.watch(manager, time);
        time.advance(Duration.ofMinutes(1));
        m.beat();
        time.advance(Duration.ofMinutes(3).minusSeconds(1));
        assertThat(manager.incidents()).isEmpty();
        time.advance(Duration.ofSeconds(1));

        assertThat(m.missing()).isTrue();
        Incident i = manager.incidents().get(0);
        assertThat(i.dedupKey()).isEqualTo("heartbeat/alertmanager-watchdog");
        assertThat(i.severity()).isEqualTo(Severity.SEV_2);
        assertThat(i.triggeredAt()).isEqualTo(T0.plus(Duration.ofMinutes(4)));
        assertThat(i.alert().summary()).isEqualTo("Heartbeat 'alertmanager-watchdog' missing: last beat at 2026-03-02T09:01:00Z "
                + "(expected every 1m, grace 2m)");
        assertThat(pager.pages()).extracting(Page::recipient).containsExactly("Olga");
        time.advance(Duration.ofMinutes(30));
        assertThat(manager.incidents()).hasSize(1); // one incident, escalating, not one per interval
    }

    @Test
    @DisplayName("a heartbeat that never beats is missing interval + grace after watching began")
    void neverBeats() {
        watchdog.watch(manager, time);
        time.advance(Duration.ofMinutes(3));
        assertThat(manager.incidents()).singleElement().satisfies(i -> assertThat(i.alert().summary())
                .contains("no beat since watching began at 2026-03-02T09:00:00Z"));
    }

    @Test
    @DisplayName("when beats come back the incident is noted and resolved; with resolveWhenBack(false) only noted")
    void back() {
        Heartbeat.Monitor m = watchdog.watch(manager, time);
        time.advance(Duration.ofMinutes(5));
        m.beat();
        Incident i = manager.incidents().get(0);
        assertThat(manager.find(i.id()).orElseThrow().status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(manager.find(i.id()).orElseThrow().timeline()).anySatisfy(e ->
                assertThat(e.description()).contains("beats of 'alertmanager-watchdog' are back at 2026-03-02T09:05:00Z"));
        assertThat(m.missing()).isFalse();

        time.advance(Duration.ofMinutes(3));
        assertThat(manager.incidents()).hasSize(2); // silent again: a new incident

        Heartbeat noted = Heartbeat.named("keep-open").expectEvery(Duration.ofMinutes(1)).grace(Duration.ofMinutes(2))
                .policy(PLATFORM).resolveWhenBack(false).build();
        Heartbeat.Monitor other = noted.watch(manager, time);
        time.advance(Duration.ofMinutes(3));
        other.beat();
        Incident kept = manager.incidents().stream().filter(x -> x.dedupKey().equals("heartbeat/keep-open")).findFirst().orElseThrow();
        assertThat(kept.status()).isEqualTo(IncidentStatus.TRIGGERED);
    }

    @Test
    @DisplayName("a closed monitor opens nothing")
    void closed() {
        Heartbeat.Monitor m = watchdog.watch(manager, time);
        m.close();
        time.advance(Duration.ofHours(1));
        m.beat();
        assertThat(manager.incidents()).isEmpty();
        assertThat(time.pending()).isZero();
    }

    @Test
    @DisplayName("the builder requires an interval and a policy and refuses a negative grace")
    void builder() {
        assertThatThrownBy(() -> Heartbeat.named("x").build()).hasMessageContaining("interval").hasMessageContaining("policy");
        assertThatThrownBy(() -> Heartbeat.named("x").expectEvery(Duration.ZERO).grace(Duration.ofSeconds(-1)).policy(PLATFORM).build())
                .hasMessageContaining("interval").hasMessageContaining("grace");
    }
}
