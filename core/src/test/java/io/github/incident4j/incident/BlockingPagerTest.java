package io.github.incident4j.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.escalation.Target;
import io.github.incident4j.sim.VirtualTime;
import io.github.incident4j.spi.Pager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A pager that blocks, run on a pager executor")
class BlockingPagerTest {

    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    static final EscalationPolicy POLICY = EscalationPolicy.named("p")
            .level(1, Duration.ofMinutes(15), Target.person("Alice"))
            .level(2, Target.person("Dana"))
            .build();

    @Test
    @DisplayName("neither blocks the engine nor delays escalation; the calls time out, and their late answers are "
            + "recorded as late deliveries")
    void blockingPagerDoesNotBlock() throws Exception {
        VirtualTime time = VirtualTime.startingAt(T0);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        Pager blocking = page -> {
            calls.incrementAndGet();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Pager.delivered();
        };
        ExecutorService pagerThread = Executors.newSingleThreadExecutor();
        IncidentManager manager = IncidentManager.builder().timers(time).pager(blocking)
                .pagerExecutor(pagerThread).pageDeadline(Duration.ofSeconds(30)).build();

        Incident first = manager.trigger(Alert.withKey("a").service("s").summary("a").build(), POLICY);
        Incident second = manager.trigger(Alert.withKey("b").service("s").summary("b").build(), POLICY);
        time.advance(Duration.ofMinutes(15));
        release.countDown();
        pagerThread.shutdown();
        assertThat(pagerThread.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        for (Incident incident : List.of(first, second)) {
            List<TimelineEvent> timeline = manager.find(incident.id()).orElseThrow().timeline();
            assertThat(timeline).filteredOn(e -> e.type() == TimelineEvent.Type.ESCALATED).singleElement()
                    .satisfies(e -> assertThat(e.at()).isEqualTo(T0.plus(Duration.ofMinutes(15))));
            assertThat(timeline).filteredOn(e -> e.type() == TimelineEvent.Type.PAGE_FAILED && e.level() == 1)
                    .isNotEmpty()
                    .allSatisfy(e -> assertThat(e.detail()).startsWith("no answer within 30s"));
            // Alice's calls did arrive once released: the first late answer is recorded as such (B10), once.
            assertThat(timeline).filteredOn(e -> e.type() == TimelineEvent.Type.PAGE_DELIVERED)
                    .extracting(TimelineEvent::recipient).containsExactlyInAnyOrder("Alice", "Dana");
            assertThat(timeline).filteredOn(e -> e.type() == TimelineEvent.Type.PAGE_DELIVERED && e.level() == 1)
                    .singleElement().satisfies(e -> assertThat(e.detail()).matches(
                            "attempt \\d answered after the 30s deadline"));
        }
        assertThat(calls.get()).isGreaterThanOrEqualTo(4);
    }

    @Test
    @DisplayName("a closed manager refuses operations but its incidents stay readable")
    void closedManager() {
        VirtualTime time = VirtualTime.startingAt(T0);
        IncidentManager manager = IncidentManager.builder().timers(time).pager(Pager.NOOP).build();
        Incident incident = manager.trigger(Alert.withKey("a").service("s").summary("a").build(), POLICY);
        manager.close();
        assertThat(manager.find(incident.id())).isPresent();
        assertThatThrownBy(() -> manager.acknowledge(incident.id(), "Alice"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThat(time.pending()).isZero();
    }

    @Test
    @DisplayName("the builder reports every missing setting at once")
    void builderValidation() {
        assertThatThrownBy(() -> IncidentManager.builder().maxPageAttempts(0).build())
                .isInstanceOf(io.github.incident4j.ValidationException.class)
                .hasMessageContaining("timers").hasMessageContaining("pager")
                .hasMessageContaining("maxPageAttempts").hasMessageNotContaining("clock");
    }
}
