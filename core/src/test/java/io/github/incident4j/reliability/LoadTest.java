package io.github.incident4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.escalation.Target;
import io.github.incident4j.incident.Alert;
import io.github.incident4j.incident.IllegalIncidentTransitionException;
import io.github.incident4j.incident.Incident;
import io.github.incident4j.incident.IncidentId;
import io.github.incident4j.incident.IncidentManager;
import io.github.incident4j.incident.TimelineEvent;
import io.github.incident4j.sim.RecordingPager;
import io.github.incident4j.sim.VirtualTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@DisplayName("Eight threads of random operations on one manager")
class LoadTest {

    private static final Logger LOG = LoggerFactory.getLogger(LoadTest.class);

    static final EscalationPolicy POLICY = EscalationPolicy.named("load")
            .level(1, Duration.ofMinutes(5), Target.person("Alice"))
            .level(2, Duration.ofMinutes(10), Target.person("Dana"))
            .ackTimeout(Duration.ofMinutes(20))
            .repeat(1)
            .build();

    @Test
    @DisplayName("8 threads × random operations: no step paged twice unless the engine timed the first call out")
    void noStepPagedTwiceUnderLoad() {
        load(Scale.pick(5_000, 100_000), true);
    }

    @Test
    @DisplayName("8 threads × random operations (100,000 each with -Dreliability.scale=full): no exception, "
            + "no lost alert or note, invariants hold")
    void eightThreadsOfRandomOperations() {
        load(Scale.pick(5_000, 100_000), false);
    }

    void load(int opsPerThread, boolean strict) {
        int threads = 8;
        int keys = 500;
        VirtualTime time = VirtualTime.startingAt(Instant.parse("2026-03-02T09:00:00Z"));
        RecordingPager pager = new RecordingPager();
        IncidentManager manager = IncidentManager.builder().timers(time).pager(pager).build();
        Map<String, IncidentId> latest = new ConcurrentHashMap<>();
        AtomicLong triggers = new AtomicLong();
        AtomicLong notes = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        Concurrently.run(threads, t -> {
            Random random = new Random(1_000L + t);
            for (int i = 0; i < opsPerThread; i++) {
                String key = "k" + random.nextInt(keys);
                int op = random.nextInt(100);
                IncidentId id = latest.get(key);
                try {
                    if (op < 35 || id == null) {
                        Incident incident = manager.trigger(Alert.withKey(key).service("svc").summary(key).build(),
                                POLICY);
                        triggers.incrementAndGet();
                        latest.put(key, incident.id());
                    } else if (op < 50) {
                        manager.acknowledge(id, "t" + t);
                    } else if (op < 60) {
                        manager.resolve(id, "t" + t);
                    } else if (op < 75) {
                        manager.addNote(id, "t" + t, "note " + t + "/" + i);
                        notes.incrementAndGet();
                    } else if (op < 80) {
                        manager.escalate(id, "t" + t);
                    } else if (op < 85) {
                        manager.reassign(id, "t" + t, "Erin");
                    } else if (op < 90 && t == 0) {
                        time.advance(Duration.ofMinutes(1 + random.nextInt(10)));
                    } else {
                        assertThat(manager.find(id)).isPresent();
                    }
                } catch (IllegalIncidentTransitionException e) {
                    refused.incrementAndGet(); // another thread resolved it first
                }
            }
        });
        time.advance(Duration.ofHours(2));

        List<Incident> incidents = manager.incidents();
        int lateRepeats = Invariants.check(incidents, pager.deliveries(), strict);
        assertThat(incidents.stream().mapToLong(Incident::alertCount).sum()).as("alerts counted")
                .isEqualTo(triggers.get());
        List<String> noteTexts = incidents.stream().flatMap(i -> i.timeline().stream())
                .filter(e -> e.type() == TimelineEvent.Type.NOTE).map(TimelineEvent::detail).toList();
        assertThat(noteTexts).as("notes kept").hasSize((int) notes.get()).doesNotHaveDuplicates();
        LOG.info("load: {} threads × {} operations: {} triggers over {} incidents, {} notes, {} refusals on resolved "
                + "incidents, {} pages ({} repeats of a key, dropped by the receiver)", threads, opsPerThread, triggers.get(), incidents.size(), notes.get(),
                refused.get(), pager.deliveries().size(), lateRepeats);
    }
}
