package io.github.incident4j.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.incident.Incident;
import io.github.incident4j.incident.IncidentManager;
import io.github.incident4j.incident.TimelineEvent;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The heap probe of benchmark 5")
class HeapProbeTest {

    @Test
    @DisplayName("builds open incidents with the 10-event timeline it measures, plus the outbox's three claims")
    void incidentsItMeasures() {
        Object[] state = HeapProbe.openIncidents(50);

        List<Incident> incidents = ((IncidentManager) state[0]).incidents();
        assertThat(incidents).hasSize(50).allSatisfy(i -> {
            assertThat(i.isOpen()).isTrue();
            assertThat(i.timeline()).extracting(TimelineEvent::type).containsExactly(
                    TimelineEvent.Type.TRIGGERED, TimelineEvent.Type.PAGE_DELIVERED, TimelineEvent.Type.ESCALATED,
                    TimelineEvent.Type.PAGE_DELIVERED, TimelineEvent.Type.ESCALATED,
                    TimelineEvent.Type.PAGE_DELIVERED, TimelineEvent.Type.ACKNOWLEDGED, TimelineEvent.Type.NOTE,
                    TimelineEvent.Type.NOTE, TimelineEvent.Type.NOTE);
            assertThat(i.record().timeline()).hasSize(13);
        });
    }

    @Test
    @DisplayName("reads the heap after a collection")
    void heapAfterGc() {
        assertThat(HeapProbe.usedAfterGc()).isPositive();
    }
}
