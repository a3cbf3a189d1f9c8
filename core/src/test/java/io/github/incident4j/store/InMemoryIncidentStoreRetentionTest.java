package io.github.incident4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incident4j.ValidationException;
import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.escalation.Target;
import io.github.incident4j.incident.Alert;
import io.github.incident4j.incident.Incident;
import io.github.incident4j.incident.IncidentManager;
import io.github.incident4j.sim.RecordingPager;
import io.github.incident4j.sim.VirtualTime;
import io.github.incident4j.spi.IncidentRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class InMemoryIncidentStoreRetentionTest {

    private final VirtualTime time = VirtualTime.startingAt(Instant.parse("2026-03-02T09:00:00Z"));
    private final InMemoryIncidentStore store = new InMemoryIncidentStore();
    private final IncidentManager manager = IncidentManager.builder().timers(time)
            .pager(new RecordingPager()).store(store).build();
    private final EscalationPolicy policy = EscalationPolicy.named("p")
            .level(1, Duration.ofMinutes(15), Target.person("Alice")).level(2, Target.person("Bob")).build();

    private Incident trigger(String key) {
        return manager.trigger(Alert.withKey(key).service("s").summary(key).build(), policy);
    }

    @Test
    @DisplayName("purges incidents resolved before the cutoff, in batches, and never an open one")
    void purgesResolvedBeforeCutoffInBatches() {
        List<Incident> old = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            old.add(trigger("old-" + i));
        }
        old.forEach(i -> manager.resolve(i.id(), "Alice"));
        Incident stillOpen = trigger("open");
        time.advance(Duration.ofDays(40));
        Incident recent = trigger("recent");
        manager.resolve(recent.id(), "Alice");

        int purged = store.purgeResolvedBefore(time.now().minus(Duration.ofDays(30)), 10);

        assertThat(purged).isEqualTo(25);
        assertThat(store.all()).extracting(IncidentRecord::id)
                .containsExactlyInAnyOrder(stillOpen.id().value(), recent.id().value());
        assertThat(store.load(old.get(0).id().value())).isEmpty();
        assertThat(store.findOpenByKey("open")).isPresent();
        assertThat(store.load(stillOpen.id().value())).hasValueSatisfying(r -> assertThat(r.status()).isNotEqualTo(
                IncidentRecord.Status.RESOLVED));
        assertThat(store.purgeResolvedBefore(time.now().minus(Duration.ofDays(30)), 10)).isZero();
    }

    @Test
    @DisplayName("a key whose incident was purged opens a new incident")
    void purgedKeyOpensAgain() {
        Incident first = trigger("k");
        manager.resolve(first.id(), "Alice");
        time.advance(Duration.ofDays(2));
        store.purgeResolvedBefore(time.now(), 100);
        Incident again = trigger("k");
        assertThat(again.id()).isNotEqualTo(first.id());
        assertThat(again.alertCount()).isEqualTo(1);
    }

    @Test
    @DisplayName("a batch size below 1 is refused")
    void refusesBadBatch() {
        assertThatThrownBy(() -> store.purgeResolvedBefore(time.now(), 0)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("batchSize");
    }
}
