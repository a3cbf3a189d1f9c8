package io.github.incident4j.examples.bench;

import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.incident.Alert;
import io.github.incident4j.incident.Incident;
import io.github.incident4j.incident.IncidentId;
import io.github.incident4j.incident.IncidentManager;
import io.github.incident4j.sim.VirtualTime;
import io.github.incident4j.spi.Pager;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Heap measurements (benchmarks 3 and 5), run by {@link BenchmarkTable} in a JVM of their own
 * ({@code -XX:+UseSerialGC}, so {@code System.gc()} is a full compacting collection). Method: heap used after
 * {@code System.gc()} (the least of three collections), before and after building the state, with the state
 * kept reachable. Prints {@code key=value} lines.
 *
 * <ul>
 * <li>{@code incidents}: {@value #OPEN} open incidents, each with a 10-event timeline (triggered, paged at
 *     level 1, escalated and paged at levels 2 and 3, acknowledged, three notes), in the in-memory store of one
 *     manager with a pager that keeps nothing. Prints the retained bytes per incident: the store's records and
 *     indexes, their timelines, ids and strings (the shared policy and alert texts count once).</li>
 * <li>{@code storm} and {@code storm-control}: the alert storm of {@link AlertStorm} (1,000,000 alerts over
 *     10,000 keys, 1,000 s of virtual time), and a control with the same 10,000 incidents alerted once each
 *     over the same virtual time, each in its own JVM; with the incidents, timeline events and pages counted.
 *     The difference is what 990,000 repeated alerts retain.</li>
 * </ul>
 */
public final class HeapProbe {

    static final int OPEN = 100_000;

    private HeapProbe() {
    }

    /** Runs the probe named by {@code args[0]} ({@code incidents} or {@code storm}). */
    public static void main(String[] args) {
        String mode = args.length > 0 ? args[0] : "incidents";
        Map<String, Object> out = switch (mode) {
            case "storm" -> storm(false);
            case "storm-control" -> storm(true);
            default -> incidents();
        };
        out.forEach((k, v) -> System.out.println(k + "=" + v));
    }

    static long usedAfterGc() {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            least = Math.min(least, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return least;
    }

    static Map<String, Object> incidents() {
        openIncidents(1_000);
        long before = usedAfterGc();
        Object[] state = openIncidents(OPEN);
        long after = usedAfterGc();
        Reference.reachabilityFence(state);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("incidents.open", OPEN);
        out.put("incidents.events", OPEN * 10L);
        out.put("incidents.storedRows", ((IncidentManager) state[0]).incidents().stream()
                .mapToLong(i -> i.record().timeline().size()).sum());
        out.put("incidents.bytes", after - before);
        out.put("incidents.bytesPerIncident", (after - before) / OPEN);
        return out;
    }

    /** {@code n} open incidents with 10 events each; returns what must stay reachable (manager and time). */
    static Object[] openIncidents(int n) {
        EscalationPolicy policy = EscalationScenario.policy();
        VirtualTime time = VirtualTime.startingAt(EscalationScenario.START);
        IncidentManager manager = IncidentManager.builder().timers(time).pager(Pager.NOOP)
                .roster(EscalationScenario.roster()).build();
        IncidentId[] ids = new IncidentId[n];
        Alert[] alerts = EscalationScenario.alerts(n);
        for (int i = 0; i < n; i++) {
            ids[i] = manager.trigger(alerts[i], policy).id();
        }
        time.advance(EscalationScenario.LEVEL_1);
        time.advance(EscalationScenario.LEVEL_2);
        for (IncidentId id : ids) {
            manager.acknowledge(id, "responder");
            manager.addNote(id, "responder", "looking at the dashboards");
            manager.addNote(id, "responder", "rolled back the last deploy");
            manager.addNote(id, "responder", "error rate back to normal");
        }
        // The timeline holds 10 events; the stored record also keeps the page outbox's PAGE_PENDING rows
        // (one per page), which the heap figure includes.
        for (Incident incident : manager.incidents()) {
            if (!incident.isOpen() || incident.timeline().size() != 10) {
                throw new IllegalStateException("expected an open incident with 10 events: " + incident);
            }
        }
        return new Object[] {manager, time};
    }

    /**
     * Heap retained by a storm of the first {@code sent} alerts of the sequence, over {@code span} of virtual
     * time. The storm is built on a thread of its own that has ended before the heap is read, so no stack
     * slot of this thread keeps an earlier storm alive (we saw that happen with compiled frames).
     */
    static long retained(Alert[] distinct, int[] sequence, int sent, Duration span, Map<String, Object> counts,
            String side) {
        long base = usedAfterGc();
        AtomicReference<AlertStorm> holder = new AtomicReference<>();
        Thread builder = new Thread(() -> {
            AlertStorm storm = new AlertStorm(distinct, sequence);
            storm.send(0, sent);
            storm.time.advanceTo(EscalationScenario.START.plus(span));
            storm.check(sent);
            List<Incident> incidents = storm.manager.incidents();
            counts.put(side + ".incidents", incidents.size());
            counts.put(side + ".events", incidents.stream().mapToLong(i -> i.record().timeline().size()).sum());
            counts.put(side + ".pages", storm.pager.deliveries().size());
            holder.set(storm);
        }, "heap-probe-storm");
        builder.start();
        try {
            builder.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building the storm", e);
        }
        if (holder.get() == null) {
            throw new IllegalStateException("the storm of " + sent + " alerts failed");
        }
        long used = usedAfterGc() - base;
        holder.set(null);
        return used;
    }

    /**
     * One side of the storm comparison, in this JVM: the whole storm, or the control (each key alerted once).
     * The two sides run in separate JVMs: measured one after the other in one JVM, the second side's base
     * sometimes still held the first side's 15 MB (or freed static state in between), which made the
     * difference meaningless.
     */
    static Map<String, Object> storm(boolean control) {
        int alerts = AlertStormBenchmark.ALERTS;
        int keys = AlertStormBenchmark.KEYS;
        Alert[] distinct = AlertStorm.distinctAlerts(keys);
        int[] sequence = AlertStorm.sequence(alerts, keys);
        Duration span = Duration.ofSeconds(alerts / AlertStorm.PER_SECOND);
        String side = control ? "control" : "storm";
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(side + ".alerts", control ? keys : alerts);
        out.put(side + ".bytes", retained(distinct, sequence, control ? keys : alerts, span, out, side));
        return out;
    }
}
