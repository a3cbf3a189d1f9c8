package io.github.incident4j.examples.bench;

import io.github.incident4j.incident.Alert;
import io.github.incident4j.incident.IncidentId;
import io.github.incident4j.sim.RecordingPager;
import io.github.incident4j.spi.IncidentRecord.Event;
import io.github.incident4j.spi.IncidentRecord.EventKind;
import io.github.incident4j.spi.Page;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The floor under benchmark 4: the state changes the escalation scenario must store, made with nothing around
 * them. It is not an engine; it shows how fast any engine could go that keeps the decided design
 * (ARCHITECTURE.md, principle 3: the store is the source of truth, each step a version-checked save) and the
 * page outbox (a page is claimed in its step's save and its delivery saved after the send, so a restart never
 * pages twice or drops a page).
 *
 * <p>What it does, per incident: one fresh UUID id (the engine's generator), one immutable state per version
 * with the {@code IncidentRecord} shape (22 fields and a timeline holding the engine's rows), a version check
 * on every save, a map from id and one from dedup key, a list of ids per due instant, and the pages sent to the
 * scenario's {@link RecordingPager}. With the outbox that is 450,000 saves for 100,000 incidents; without it
 * (claims and deliveries left out, which the engine cannot do) 250,000.
 *
 * <p>What it leaves out, all of which the engine does: policy and roster resolution, the timers (it walks the
 * due instants itself), the pager executor and the page deadline, the guard against concurrent senders,
 * sorting a due instant's incidents by id, conflict retries, logging and the {@code Incident} views.
 */
final class EscalationFloor {

    /** An immutable timeline of the engine's row type over an array nobody else holds (one copy per step). */
    static final class Rows extends AbstractList<Event> {
        private final Event[] rows;

        private Rows(Event... rows) {
            this.rows = rows;
        }

        Rows plus(Event... more) {
            Event[] all = Arrays.copyOf(rows, rows.length + more.length);
            System.arraycopy(more, 0, all, rows.length, more.length);
            return new Rows(all);
        }

        @Override
        public Event get(int index) {
            return rows[index];
        }

        @Override
        public int size() {
            return rows.length;
        }
    }

    /**
     * One version of an incident: the fields of {@code IncidentRecord}, the policy by name. Its own type, because
     * {@code IncidentRecord}'s constructor copies any timeline that is not its own immutable list.
     */
    record State(String id, long version, String dedupKey, String service, String summary, String severity,
            boolean highUrgency, @Nullable String category, Map<String, String> labels, String policy,
            String status, int level, int pass, int roundStartPass, @Nullable Instant nextDueAt,
            Instant triggeredAt, @Nullable Instant acknowledgedAt, @Nullable Instant resolvedAt,
            @Nullable String assignee, long alertCount, Instant lastSeenAt, Rows timeline) {

        State next(String newStatus, int newLevel, @Nullable Instant due, @Nullable Instant ackAt, Event... rows) {
            return new State(id, version + 1, dedupKey, service, summary, severity, highUrgency, category, labels,
                    policy, newStatus, newLevel, pass, roundStartPass, due, triggeredAt, ackAt, resolvedAt, assignee,
                    alertCount, lastSeenAt, timeline.plus(rows));
        }
    }

    private static final String ENGINE = "engine";
    private static final String[] RECIPIENTS = {"", "alice", "dana", "erin"};

    private final Alert[] alerts;
    private final boolean outbox;
    private final Map<String, State> byId = new HashMap<>();
    private final Map<String, String> openByKey = new HashMap<>();
    private final TreeMap<Instant, List<String>> due = new TreeMap<>();
    final RecordingPager pager = new RecordingPager();
    final String[] ids;

    EscalationFloor(Alert[] alerts, boolean outbox) {
        this.alerts = alerts;
        this.outbox = outbox;
        this.ids = new String[alerts.length];
    }

    /** The scenario's state changes, in the engine's order. */
    void run() {
        Instant now = EscalationScenario.START;
        Instant level2 = now.plus(EscalationScenario.LEVEL_1);
        for (int i = 0; i < alerts.length; i++) {
            Alert a = alerts[i];
            if (openByKey.containsKey(a.dedupKey())) {
                throw new IllegalStateException("the scenario's keys are distinct");
            }
            String id = IncidentId.random().value();
            ids[i] = id;
            Event triggered = new Event(now, a.service(), EventKind.TRIGGERED, null, 0, 0, null,
                    a.severity().label() + " " + a.summary());
            Rows rows = outbox ? new Rows(triggered, claim(now, 1)) : new Rows(triggered);
            State s = new State(id, 1, a.dedupKey(), a.service(), a.summary(), a.severity().label(), true,
                    null, a.labels(), "Backend", "TRIGGERED", 1, 1, 1, level2, now, null, null, null, 1, now, rows);
            byId.put(id, s);
            openByKey.put(a.dedupKey(), id);
            due.computeIfAbsent(level2, k -> new ArrayList<>()).add(id);
            page(s, 1, now);
        }
        now = now.plus(EscalationScenario.ACK_AFTER);
        for (int i = 0; i < alerts.length; i += 2) {
            State s = byId.get(ids[i]);
            save(s, s.next("ACKNOWLEDGED", s.level(), null, now, new Event(now, "responder", EventKind.ACKNOWLEDGED, null,
                    s.level(), 1, null, null)));
        }
        while (!due.isEmpty()) {
            Map.Entry<Instant, List<String>> bucket = due.pollFirstEntry();
            Instant at = bucket.getKey();
            for (String id : bucket.getValue()) {
                State s = byId.get(id);
                if (!at.equals(s.nextDueAt())) {
                    continue; // acknowledged since
                }
                int level = s.level() + 1;
                Instant next = level < 3 ? at.plus(EscalationScenario.LEVEL_2) : null;
                Event escalated = new Event(at, ENGINE, EventKind.ESCALATED, null, level, 1, null, "no acknowledgement");
                State saved = save(s, outbox ? s.next("TRIGGERED", level, next, null, escalated, claim(at, level))
                        : s.next("TRIGGERED", level, next, null, escalated));
                if (next != null) {
                    due.computeIfAbsent(next, k -> new ArrayList<>()).add(id);
                }
                page(saved, level, at);
            }
        }
    }

    private static Event claim(Instant at, int level) {
        return new Event(at, ENGINE, EventKind.PAGE_PENDING, RECIPIENTS[level], level, 1, null, null);
    }

    private void page(State s, int level, Instant at) {
        pager.send(new Page(s.id(), RECIPIENTS[level], level, 1, true, s.severity(), s.summary(), null, null, at, 1));
        if (outbox) {
            State now = byId.get(s.id());
            save(now, now.next(now.status(), now.level(), now.nextDueAt(), now.acknowledgedAt(),
                    new Event(at, ENGINE, EventKind.PAGE_DELIVERED, RECIPIENTS[level], level, 1, null, null)));
        }
    }

    /** A version-checked save: {@code next} replaces {@code read} only if {@code read} is still stored. */
    private State save(State read, State next) {
        State stored = byId.get(read.id());
        if (stored == null || stored.version() != read.version() || next.version() != read.version() + 1) {
            throw new IllegalStateException("version conflict on " + read.id());
        }
        byId.put(next.id(), next);
        return next;
    }

    /** The levels paged per incident, from the pager's record. */
    int[] masks() {
        return EscalationScenario.masks(ids, pager.pages());
    }

    /** The stored state of incident {@code i} (for the test). */
    State state(int i) {
        return Objects.requireNonNull(byId.get(ids[i]));
    }
}
