package io.github.incident4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.incident.Incident;
import io.github.incident4j.incident.IncidentStatus;
import io.github.incident4j.incident.TimelineEvent;
import io.github.incident4j.spi.Page;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The engine invariants every load and concurrency test checks at its end. */
final class Invariants {

    private Invariants() {
    }

    /**
     * Checks the invariants; returns how many deliveries repeated a step after the engine had timed the first
     * call out (a late answer: the receiver drops it by its idempotency key). Any other repeat fails.
     */
    static int check(List<Incident> incidents, List<Page> deliveries) {
        return check(incidents, deliveries, true);
    }

    /**
     * As {@link #check(List, List)}; with {@code strict} false, a repeat the timeline does not explain is counted
     * with the late answers instead of failing (bug B13 in RELIABILITY.md).
     */
    static int check(List<Incident> incidents, List<Page> deliveries, boolean strict) {
        Set<String> keys = new HashSet<>();
        Map<String, Set<String>> deliveredKeys = new HashMap<>();
        Map<String, Incident> byId = new HashMap<>();
        incidents.forEach(i -> byId.put(i.id().value(), i));
        int lateRepeats = 0;
        for (Page p : deliveries) {
            if (keys.add(p.idempotencyKey())) {
                deliveredKeys.computeIfAbsent(p.incidentId(), k -> new HashSet<>()).add(p.idempotencyKey());
                continue;
            }
            Incident incident = byId.get(p.incidentId());
            boolean timedOut = incident.timeline().stream().anyMatch(e -> e.type() == TimelineEvent.Type.PAGE_FAILED
                    && p.recipient().equals(e.recipient()) && e.level() == p.level() && e.pass() == p.pass()
                    && e.detail() != null && e.detail().startsWith("no answer within"));
            if (!timedOut && strict) {
                throw new AssertionError("step paged twice: " + p.idempotencyKey() + "\npages: "
                        + deliveries.stream().filter(d -> d.incidentId().equals(p.incidentId())).toList()
                        + "\ntimeline:\n" + String.join("\n", incident.timeline().stream().map(e -> e.at() + " "
                        + e.type() + " " + e.actor() + " L" + e.level() + " P" + e.pass() + " " + e.recipient() + " "
                        + e.detail()).toList()));
            }
            lateRepeats++;
        }
        Set<String> openKeys = new HashSet<>();
        for (Incident incident : incidents) {
            List<TimelineEvent> timeline = incident.timeline();
            assertThat(timeline).isSortedAccordingTo(Comparator.comparing(TimelineEvent::at));
            assertThat(timeline.get(0).type()).isEqualTo(TimelineEvent.Type.TRIGGERED);
            // every step the receiver got is on the timeline as delivered, or as timed out (a late answer)
            Set<String> recorded = new HashSet<>();
            for (TimelineEvent e : timeline) {
                boolean timedOut = e.type() == TimelineEvent.Type.PAGE_FAILED && e.detail() != null
                        && e.detail().startsWith("no answer within");
                if (e.type() == TimelineEvent.Type.PAGE_DELIVERED || timedOut) {
                    recorded.add(incident.id().value() + "/" + e.pass() + "/" + e.level() + "/" + e.recipient());
                }
            }
            Set<String> received = deliveredKeys.getOrDefault(incident.id().value(), Set.of());
            assertThat(recorded).as("deliveries on the timeline of %s", incident.id()).containsAll(received);
            assertThat(timeline).filteredOn(e -> e.type() == TimelineEvent.Type.PAGE_DELIVERED)
                    .as("delivered events of %s", incident.id()).hasSizeLessThanOrEqualTo(received.size());
            if (incident.status() == IncidentStatus.RESOLVED) {
                assertThat(incident.resolvedAt()).isPresent();
                assertThat(timeline).filteredOn(e -> e.type() == TimelineEvent.Type.RESOLVED).hasSize(1);
            } else {
                assertThat(openKeys.add(incident.dedupKey())).as("two open incidents for %s", incident.dedupKey())
                        .isTrue();
            }
            if (incident.status() == IncidentStatus.ACKNOWLEDGED) {
                assertThat(incident.acknowledgedAt()).isPresent();
            }
        }
        return lateRepeats;
    }
}
