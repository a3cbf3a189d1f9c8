package io.github.incident4j.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.escalation.Target;
import io.github.incident4j.reliability.Concurrently;
import io.github.incident4j.sim.RecordingPager;
import io.github.incident4j.sim.VirtualTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("One manager used from several threads")
class ConcurrentIncidentManagerTest {

    static final EscalationPolicy POLICY = EscalationPolicy.named("Backend")
            .level(1, Duration.ofMinutes(15), Target.person("Alice"))
            .level(2, Target.person("Dana"))
            .build();

    final VirtualTime time = VirtualTime.startingAt(Instant.parse("2026-03-02T09:00:00Z"));
    final RecordingPager pager = new RecordingPager();
    final IncidentManager manager = IncidentManager.builder().timers(time).pager(pager).build();

    static Alert alert(int key) {
        return Alert.withKey("key-" + key).service("svc").summary("broken " + key).build();
    }

    @Test
    @DisplayName("concurrent triggers, acks, notes and resolves lose nothing")
    void nothingLost() throws Exception {
        int threads = 4;
        int keys = 20;
        int repeatsPerThread = 250;
        Concurrently.run(threads, t -> {
            for (int i = 0; i < repeatsPerThread; i++) {
                manager.trigger(alert(i % keys), POLICY);
            }
        });
        List<Incident> incidents = manager.incidents();
        assertThat(incidents).hasSize(keys);
        assertThat(incidents.stream().mapToLong(Incident::alertCount).sum()).isEqualTo((long) threads * repeatsPerThread);
        assertThat(pager.deliveries()).hasSize(keys);

        Concurrently.run(threads, t -> {
            for (Incident incident : incidents) {
                if (t == 0) {
                    manager.acknowledge(incident.id(), "Alice");
                } else {
                    manager.addNote(incident.id(), "thread-" + t, "note from " + t);
                }
            }
        });
        Concurrently.run(threads, t -> {
            for (Incident incident : incidents) {
                manager.resolve(incident.id(), "thread-" + t);
                manager.addNote(incident.id(), "thread-" + t, "after resolve");
            }
        });
        for (Incident before : incidents) {
            Incident after = manager.find(before.id()).orElseThrow();
            assertThat(after.status()).isEqualTo(IncidentStatus.RESOLVED);
            assertThat(after.timeline()).filteredOn(e -> e.type() == TimelineEvent.Type.NOTE).hasSize(2 * threads - 1);
            assertThat(after.timeline()).filteredOn(e -> e.type() == TimelineEvent.Type.ACKNOWLEDGED).hasSize(1);
            assertThat(after.timeline()).filteredOn(e -> e.type() == TimelineEvent.Type.RESOLVED).hasSize(1);
            assertThat(after.timeline()).isSortedAccordingTo(java.util.Comparator.comparing(TimelineEvent::at));
        }
        time.advance(Duration.ofHours(1));
        assertThat(pager.deliveries()).hasSize(keys);
    }
}
