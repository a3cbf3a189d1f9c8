package io.github.incident4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.escalation.Target;
import io.github.incident4j.incident.Alert;
import io.github.incident4j.incident.Incident;
import io.github.incident4j.incident.IncidentManager;
import io.github.incident4j.incident.IncidentStatus;
import io.github.incident4j.incident.TimelineEvent;
import io.github.incident4j.sim.RecordingPager;
import io.github.incident4j.sim.VirtualTime;
import io.github.incident4j.spi.IncidentStore;
import io.github.incident4j.store.InMemoryIncidentStore;
import io.github.incident4j.store.JdbcIncidentStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@DisplayName("Two managers on one store")
class TwoManagersTest {

    private static final Logger LOG = LoggerFactory.getLogger(TwoManagersTest.class);

    static final EscalationPolicy POLICY = EscalationPolicy.named("two levels")
            .level(1, Duration.ofMinutes(15), Target.person("Alice"))
            .level(2, Duration.ofMinutes(30), Target.person("Dana"))
            .repeat(1)
            .build();

    @Test
    @DisplayName("10,000 incidents acknowledged concurrently through both managers while escalations fall due: "
            + "no page sent twice, no acknowledgement lost")
    void tenThousandIncidentsConcurrentAcks() {
        concurrentAcks(new InMemoryIncidentStore(), 10_000);
    }

    @Test
    @DisplayName("the same on the JDBC store (H2; 1,000 incidents, 10,000 with -Dreliability.scale=full)")
    void concurrentAcksOnJdbc() {
        JdbcIncidentStore store = H2Stores.fresh("two_managers");
        concurrentAcks(store, Scale.pick(1_000, 10_000));
    }

    void concurrentAcks(IncidentStore store, int n) {
        VirtualTime time = VirtualTime.startingAt(Instant.parse("2026-03-02T09:00:00Z"));
        RecordingPager pager = new RecordingPager();
        IncidentManager a = IncidentManager.builder().timers(time).pager(pager).store(store).build();
        IncidentManager b = IncidentManager.builder().timers(time).pager(pager).store(store).build();
        List<Incident> incidents = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            IncidentManager via = i % 2 == 0 ? a : b;
            incidents.add(via.trigger(Alert.withKey("alert-" + i).service("svc").summary("s" + i).build(), POLICY));
            if (i % 100 == 99) {
                time.advance(Duration.ofSeconds(10));
            }
        }
        Concurrently.run(3, thread -> {
            switch (thread) {
                case 0 -> incidents.forEach(incident -> a.acknowledge(incident.id(), "Alice"));
                case 1 -> reversed(incidents).forEach(incident -> b.acknowledge(incident.id(), "Dana"));
                default -> {
                    for (int m = 0; m < 120; m++) {
                        time.advance(Duration.ofMinutes(1));
                    }
                }
            }
        });
        time.advance(Duration.ofHours(3));

        List<Incident> after = a.incidents();
        assertThat(after).hasSize(n);
        Invariants.check(after, pager.deliveries());
        for (Incident incident : after) {
            assertThat(incident.status()).as("acknowledgement of %s", incident.id())
                    .isEqualTo(IncidentStatus.ACKNOWLEDGED);
            List<TimelineEvent> timeline = incident.timeline();
            assertThat(timeline).filteredOn(e -> e.type() == TimelineEvent.Type.ACKNOWLEDGED).hasSize(1);
            int ack = timeline.indexOf(timeline.stream().filter(e -> e.type() == TimelineEvent.Type.ACKNOWLEDGED)
                    .findFirst().orElseThrow());
            assertThat(timeline.subList(ack, timeline.size())).extracting(TimelineEvent::type)
                    .doesNotContain(TimelineEvent.Type.ESCALATED);
        }
        LOG.info("two managers on {}: {} incidents, {} pages delivered, all acknowledged once",
                store.getClass().getSimpleName(), n, pager.deliveries().size());
    }

    static List<Incident> reversed(List<Incident> list) {
        List<Incident> copy = new ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }
}
