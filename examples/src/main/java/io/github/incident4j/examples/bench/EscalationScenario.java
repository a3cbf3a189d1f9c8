package io.github.incident4j.examples.bench;

import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.escalation.Target;
import io.github.incident4j.incident.Alert;
import io.github.incident4j.incident.IncidentId;
import io.github.incident4j.incident.IncidentManager;
import io.github.incident4j.incident.Roster;
import io.github.incident4j.sim.RecordingPager;
import io.github.incident4j.sim.VirtualTime;
import io.github.incident4j.spi.Page;
import io.github.incident4j.store.InMemoryIncidentStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The escalation-timers scenario (benchmark 4), shared by the incident4j run, the Quartz baseline and the test.
 *
 * <p>{@code n} incidents are triggered with a 3-level policy (level 1 for 5 minutes, level 2 for 10 minutes,
 * level 3 without a timeout). One minute later every even-numbered incident is acknowledged, which cancels its
 * pending level-2 step; then time passes through both timeouts, so every odd-numbered incident is escalated to
 * level 2 and then to level 3. Steps counted: one cancelled step per acknowledged incident and two fired steps
 * per unacknowledged one, {@code n / 2 + 2 * (n / 2)} in all (150,000 for 100,000 incidents).
 *
 * <p>The outcome of a run is, per incident, the set of levels paged as a bit mask (bit 0 = level 1), which the
 * two implementations must agree on: {@code 0b001} for acknowledged incidents, {@code 0b111} for the others.
 */
final class EscalationScenario {

    static final Duration LEVEL_1 = Duration.ofMinutes(5);
    static final Duration LEVEL_2 = Duration.ofMinutes(10);
    static final Duration ACK_AFTER = Duration.ofMinutes(1);
    static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    private EscalationScenario() {
    }

    /** Steps counted for {@code n} incidents: cancelled plus fired. */
    static long steps(int n) {
        int acknowledged = (n + 1) / 2;
        int escalated = n - acknowledged;
        return acknowledged + 2L * escalated;
    }

    /** Whether incident {@code i} is acknowledged before level 2. */
    static boolean acknowledged(int i) {
        return i % 2 == 0;
    }

    /** The levels incident {@code i} must have paged, as a bit mask. */
    static int expectedMask(int i) {
        return acknowledged(i) ? 0b001 : 0b111;
    }

    static EscalationPolicy policy() {
        return EscalationPolicy.named("Backend")
                .level(1, LEVEL_1, Target.person("alice"))
                .level(2, LEVEL_2, Target.role("engineering_lead"))
                .level(3, Target.role("vp_engineering"))
                .build();
    }

    static Roster roster() {
        return Roster.builder().role("engineering_lead", "dana").role("vp_engineering", "erin").build();
    }

    static Alert[] alerts(int n) {
        Alert[] alerts = new Alert[n];
        for (int i = 0; i < n; i++) {
            alerts[i] = Alert.withKey("svc-" + (i % 100) + "/alert-" + i)
                    .service("svc-" + (i % 100))
                    .summary("Error rate above 5% on svc-" + (i % 100))
                    .severity("SEV-2")
                    .build();
        }
        return alerts;
    }

    /** The scenario on incident4j: an engine in virtual time with a recording pager. */
    static final class Engine {
        private final Alert[] alerts;
        private final EscalationPolicy policy = policy();
        final VirtualTime time = VirtualTime.startingAt(START);
        final RecordingPager pager = new RecordingPager();
        final InMemoryIncidentStore store = new InMemoryIncidentStore();
        final IncidentManager manager;
        final IncidentId[] ids;

        Engine(Alert[] alerts) {
            this.alerts = alerts;
            this.ids = new IncidentId[alerts.length];
            this.manager = IncidentManager.builder().store(store).timers(time).pager(pager)
                    .roster(roster()).build();
        }

        /** Runs the whole scenario. */
        void run() {
            for (int i = 0; i < alerts.length; i++) {
                ids[i] = manager.trigger(alerts[i], policy).id();
            }
            time.advance(ACK_AFTER);
            for (int i = 0; i < alerts.length; i += 2) {
                manager.acknowledge(ids[i], "responder");
            }
            time.advance(LEVEL_1.minus(ACK_AFTER));
            time.advance(LEVEL_2);
        }

        /** The levels paged per incident, from the pager's record. */
        int[] masks() {
            String[] values = new String[ids.length];
            for (int i = 0; i < ids.length; i++) {
                values[i] = ids[i].value();
            }
            return EscalationScenario.masks(values, pager.pages());
        }
    }

    /** The levels paged per incident (indexed as {@code ids}) as bit masks, from the pages sent. */
    static int[] masks(String[] ids, List<Page> pages) {
        Map<String, Integer> index = new HashMap<>(ids.length * 2);
        for (int i = 0; i < ids.length; i++) {
            index.put(ids[i], i);
        }
        int[] masks = new int[ids.length];
        for (Page p : pages) {
            masks[index.get(p.incidentId())] |= 1 << (p.level() - 1);
        }
        return masks;
    }

    /** Checks a run's outcome; returns the number of steps it stands for. */
    static long check(int[] masks) {
        long steps = 0;
        for (int i = 0; i < masks.length; i++) {
            if (masks[i] != expectedMask(i)) {
                throw new IllegalStateException("incident " + i + " paged levels " + Integer.toBinaryString(masks[i])
                        + ", expected " + Integer.toBinaryString(expectedMask(i)));
            }
            steps += acknowledged(i) ? 1 : 2;
        }
        return steps;
    }
}
