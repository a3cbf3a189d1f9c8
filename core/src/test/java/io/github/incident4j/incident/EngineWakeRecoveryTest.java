package io.github.incident4j.incident;

import io.github.incident4j.stack.OutageStore;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.escalation.Target;
import io.github.incident4j.sim.RecordingPager;
import io.github.incident4j.sim.VirtualTime;
import io.github.incident4j.spi.Page;
import io.github.incident4j.store.InMemoryIncidentStore;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The engine keeps its escalations on time when the store fails for a while or another instance dies. */
class EngineWakeRecoveryTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final EscalationPolicy POLICY = EscalationPolicy.named("p")
            .level(1, Duration.ofMinutes(15), Target.person("Alice"))
            .level(2, Target.person("Bob"))
            .build();

    private final VirtualTime time = VirtualTime.startingAt(T0);

    private Alert alert() {
        return Alert.withKey("k").service("payments").summary("down").build();
    }

    @Test
    @DisplayName("a wake-up that finds the store down is retried after the backoff, and the step is paged once it is back")
    void storeOutageDelaysTheStepByAtMostTheBackoff() {
        OutageStore store = new OutageStore("database restarting");
        RecordingPager pager = new RecordingPager();
        IncidentManager manager = IncidentManager.builder().timers(time).pager(pager)
                .store(store).retryBackoff(Duration.ofMinutes(1)).build();
        manager.trigger(alert(), POLICY);

        time.advance(Duration.ofMinutes(10));
        store.down = true;
        time.advance(Duration.ofMinutes(6));          // the 15-minute wake-up at 09:15 and the retry at 09:16 fail
        assertThat(pager.pages()).hasSize(1);
        store.down = false;
        time.advance(Duration.ofMinutes(5));          // the retry at 09:17 succeeds

        assertThat(pager.pages()).extracting(Page::recipient, Page::at).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Alice", T0),
                org.assertj.core.groups.Tuple.tuple("Bob", T0.plus(Duration.ofMinutes(17))));
    }

    @Test
    @DisplayName("with a poll interval, a surviving instance carries on the incidents of one that died")
    void survivorPollsForDueWork() {
        InMemoryIncidentStore store = new InMemoryIncidentStore();
        RecordingPager pager = new RecordingPager();
        IncidentManager survivor = IncidentManager.builder().timers(time).pager(pager)
                .store(store).pollInterval(Duration.ofMinutes(1)).build();
        IncidentManager doomed = IncidentManager.builder().timers(time).pager(pager)
                .store(store).pollInterval(Duration.ofMinutes(1)).build();
        doomed.trigger(alert(), POLICY);
        time.advance(Duration.ofMinutes(5));
        doomed.close();

        time.advance(Duration.ofMinutes(15));
        assertThat(pager.pages()).extracting(Page::recipient, Page::at).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Alice", T0),
                org.assertj.core.groups.Tuple.tuple("Bob", T0.plus(Duration.ofMinutes(15))));
        survivor.close();
    }

    @Test
    @DisplayName("without a poll interval, an instance is woken only by its own timers (one manager per store)")
    void withoutPollingOnlyOwnTimersWake() {
        InMemoryIncidentStore store = new InMemoryIncidentStore();
        RecordingPager pager = new RecordingPager();
        IncidentManager other = IncidentManager.builder().timers(time).pager(pager)
                .store(store).build();
        IncidentManager doomed = IncidentManager.builder().timers(time).pager(pager)
                .store(store).build();
        doomed.trigger(alert(), POLICY);
        doomed.close();
        time.advance(Duration.ofMinutes(30));
        assertThat(pager.pages()).extracting(Page::recipient).containsExactly("Alice");
        other.close();
    }
}
