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
import java.util.Map;

/**
 * Heap measurements (benchmarks 3 and 5), run by {@link BenchmarkTable} in a JVM of their own
 * ({@code -XX:+UseSerialGC}, so {@code System.gc()} is a full compacting collection). Method: heap used after
 * {@code System.gc()} (the least of three collections), before and after building the state, with the state
 * kept reachable, after a smaller warm-up run (so one-time static state, such as the random source of incident ids
 * and string-concatenation bootstraps, is not counted). Prints {@code key=value} lines.
 *
 * <ul>
 * <li>{@code incidents}: {@value #OPEN} open incidents, each with a 10-event timeline (triggered, paged at
 *     level 1, escalated and paged at levels 2 and 3, acknowledged, three notes), in the in-memory store of one
 *     manager with a pager that keeps nothing. Prints the retained bytes per incident: the store's records and
 *     indexes, their timelines, ids and strings (the shared policy and alert texts count once).</li>
 * <li>{@code storm}: the alert storm of {@link AlertStorm} (1,000,000 alerts over 10,000 keys, 1,000 s of
 *     virtual time) against a control with the same 10,000 incidents alerted once each over the same virtual
 *     time. The difference is what 990,000 repeated alerts retain.</li>
 * </ul>
 */
public final class HeapProbe {

    static final int OPEN = 100_000;

    private HeapProbe() {
    }

    /** Runs the probe named by {@code args[0]} ({@code incidents} or {@code storm}). */
    public static void main(String[] args) {
        Map<String, Object> out = args.length > 0 && args[0].equals("storm") ? storm() : incidents();
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
        out.put("incidents.bytes", after - before);
        out.put("incidents.bytesPerIncident", (after - before) / OPEN);
        return out;
    }

    /** {@code n} open incidents with 10 events each; returns what must stay reachable (manager and time). */
    static Object[] openIncidents(int n) {
        EscalationPolicy policy = EscalationScenario.policy();
        VirtualTime time = VirtualTime.startingAt(EscalationScenario.START);
        IncidentManager manager = IncidentManager.builder().clock(time.clock()).timers(time).pager(Pager.NOOP)
                .roster(EscalationScenario.roster()).build();
        IncidentId[] ids = new IncidentId[n];
        for (int i = 0; i < n; i++) {
            Alert alert = Alert.withKey("svc-" + (i % 100) + "/alert-" + i).service("svc-" + (i % 100))
                    .summary("Error rate above 5% on svc-" + (i % 100)).severity("SEV-2").build();
            ids[i] = manager.trigger(alert, policy).id();
        }
        time.advance(EscalationScenario.LEVEL_1);
        time.advance(EscalationScenario.LEVEL_2);
        for (IncidentId id : ids) {
            manager.acknowledge(id, "responder");
            manager.addNote(id, "responder", "looking at the dashboards");
            manager.addNote(id, "responder", "rolled back the last deploy");
            manager.addNote(id, "responder", "error rate back to normal");
        }
        for (Incident incident : manager.incidents()) {
            if (!incident.isOpen() || incident.record().timeline().size() != 10) {
                throw new IllegalStateException("expected an open incident with 10 events: " + incident);
            }
        }
        return new Object[] {manager, time};
    }

    static Map<String, Object> storm() {
        int alerts = AlertStormBenchmark.ALERTS;
        int keys = AlertStormBenchmark.KEYS;
        Alert[] distinct = AlertStorm.distinctAlerts(keys);
        int[] sequence = AlertStorm.sequence(alerts, keys);
        Duration span = Duration.ofSeconds(alerts / AlertStorm.PER_SECOND);

        AlertStorm warmup = new AlertStorm(distinct, sequence);
        warmup.send(0, keys + 1_000);
        warmup.time.advanceTo(EscalationScenario.START.plus(span));
        warmup = null;

        long base = usedAfterGc();
        AlertStorm control = new AlertStorm(distinct, sequence);
        control.send(0, keys);
        control.time.advanceTo(EscalationScenario.START.plus(span));
        control.check(keys);
        long controlUsed = usedAfterGc() - base;
        Reference.reachabilityFence(control);
        control = null;

        base = usedAfterGc();
        AlertStorm storm = new AlertStorm(distinct, sequence);
        storm.send(0, alerts);
        storm.time.advanceTo(EscalationScenario.START.plus(span));
        storm.check(alerts);
        long stormUsed = usedAfterGc() - base;
        Reference.reachabilityFence(storm);

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("storm.alerts", alerts);
        out.put("storm.keys", keys);
        out.put("storm.controlBytes", controlUsed);
        out.put("storm.stormBytes", stormUsed);
        out.put("storm.repeatBytes", stormUsed - controlUsed);
        out.put("storm.bytesPerRepeat", String.format(java.util.Locale.ROOT, "%.3f",
                (stormUsed - controlUsed) / (double) (alerts - keys)));
        out.put("storm.bytesPerIncident", stormUsed / keys);
        return out;
    }
}
