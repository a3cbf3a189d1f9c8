package io.github.incident4j.examples.bench;

import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.incident.Alert;
import io.github.incident4j.incident.Incident;
import io.github.incident4j.incident.IncidentManager;
import io.github.incident4j.sim.RecordingPager;
import io.github.incident4j.sim.VirtualTime;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The alert-storm scenario (benchmark 3): {@code alerts} alerts drawn uniformly at random (seeded) from
 * {@code keys} distinct alerts, through one {@link IncidentManager} with the in-memory store, virtual time and
 * a recording pager, on the calling thread. Virtual time moves one second every {@value #PER_SECOND} alerts,
 * so 1,000,000 alerts span about 17 minutes and every incident escalates through the 3-level policy of
 * {@link EscalationScenario} while its alert keeps repeating.
 */
final class AlertStorm {

    static final int PER_SECOND = 1_000;
    static final long SEED = 20_261_127L;

    final Alert[] distinct;
    final int[] sequence;
    final EscalationPolicy policy = EscalationScenario.policy();
    final VirtualTime time = VirtualTime.startingAt(EscalationScenario.START);
    final RecordingPager pager = new RecordingPager();
    final IncidentManager manager;

    AlertStorm(Alert[] distinct, int[] sequence) {
        this.distinct = distinct;
        this.sequence = sequence;
        this.manager = IncidentManager.builder().timers(time).pager(pager)
                .roster(EscalationScenario.roster()).build();
    }

    static Alert[] distinctAlerts(int keys) {
        return EscalationScenario.alerts(keys);
    }

    /** Which alert comes when: seeded, every key at least once (the first {@code keys} alerts go round once). */
    static int[] sequence(int alerts, int keys) {
        SplittableRandom random = new SplittableRandom(SEED);
        int[] sequence = new int[alerts];
        for (int i = 0; i < alerts; i++) {
            sequence[i] = i < keys ? i : random.nextInt(keys);
        }
        return sequence;
    }

    /** Sends alerts {@code from} (inclusive) to {@code to} (exclusive) of the sequence. */
    void send(int from, int to) {
        for (int i = from; i < to; i++) {
            manager.trigger(distinct[sequence[i]], policy);
            if (i % PER_SECOND == PER_SECOND - 1) {
                time.advance(Duration.ofSeconds(1));
            }
        }
    }

    /** Checks that the storm opened one incident per key and counted every alert on it. */
    void check(int sent) {
        List<Incident> incidents = manager.incidents();
        long counted = incidents.stream().mapToLong(Incident::alertCount).sum();
        long distinctKeys = java.util.Arrays.stream(sequence, 0, sent).distinct().count();
        if (incidents.size() != distinctKeys || counted != sent) {
            throw new IllegalStateException("storm of " + sent + " alerts over " + distinctKeys + " keys left "
                    + incidents.size() + " incidents counting " + counted + " alerts");
        }
    }
}
