package io.github.incident4j.incident;

import io.github.incident4j.ValidationException;
import io.github.incident4j.common.Durations;
import io.github.incident4j.common.Text;
import io.github.incident4j.escalation.EscalationLevel;
import io.github.incident4j.escalation.EscalationMatrix;
import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.escalation.Target;
import io.github.incident4j.spi.IncidentRecord;
import io.github.incident4j.spi.IncidentRecord.Changes;
import io.github.incident4j.spi.IncidentRecord.Event;
import io.github.incident4j.spi.IncidentRecord.EventKind;
import io.github.incident4j.spi.IncidentRecord.Status;
import io.github.incident4j.spi.Page;
import io.github.incident4j.spi.StoredText;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The escalation rules, as pure decisions: given the stored record, the instant and the roster, what changes and
 * which pages to send. No I/O: nothing here reads the store, calls the pager, arms a timer or logs (an ArchUnit
 * rule says so); the manager loads, calls one of these, saves the changes and then does the work they imply.
 *
 * <p>Timing rule: a level's timeout runs from the instant the level is actually paged, not from the instant it
 * fell due. After downtime the overdue level is paged once, at once, and then has its full timeout (a level due
 * at +15 min but paged at +50 min escalates at +50 min plus its timeout), so no level is skipped over in a burst.
 *
 * <p>Each decision returns false when there is nothing to change, else appends its rows to the changes and the
 * pages to send to {@code pages}.
 */
final class EscalationDecisions {

    /** The actor name the engine uses on the timeline. */
    static final String ENGINE = "incident4j";

    /** The detail of an exhaustion after at least one page was delivered. */
    static final String UNACKNOWLEDGED = "every pass went unacknowledged";
    /** The detail of an exhaustion when no page of the incident was ever delivered. */
    static final String NOBODY_PAGED = "nobody could be paged: no page of this incident was delivered";

    /** Escalation details of the usual levels, made once: each escalated step stores one. */
    private static final String[] NO_ACK_AT = new String[16];

    static {
        for (int i = 1; i < NO_ACK_AT.length; i++) {
            NO_ACK_AT[i] = "no acknowledgement at level " + i;
        }
    }

    private final Roster roster;
    private final @Nullable EscalationMatrix matrix;

    EscalationDecisions(Roster roster, @Nullable EscalationMatrix matrix) {
        this.roster = roster;
        this.matrix = matrix;
    }

    /** A new incident for {@code origin} with level 1 entered (or skipped, when nobody is there). */
    Changes open(String id, IncidentRecord.Origin origin, EscalationPolicy policy, Instant now, List<Page> pages) {
        Changes b = IncidentRecord.opened(id, origin, policy, now).changes();
        enterLevel(b, 1, 1, now, pages);
        return b;
    }

    /** The alert as stored: every text from outside made storable (the same in every store). */
    static IncidentRecord.Origin origin(Alert a, String key) {
        return new IncidentRecord.Origin(key, name(a.service()), Text.storable(a.summary()),
                a.severity().label(), a.urgency() == Urgency.HIGH, a.category().map(EscalationDecisions::name)
                .orElse(null), storable(a.labels()), storable(a.annotations()));
    }

    /**
     * A short text from outside (dedup key, service, category, actor, assignee) as stored: made storable and bounded
     * to a store's field limit ({@link StoredText#NAME_LIMIT}) with a digest, so two long keys stay two.
     */
    static String name(String text) {
        return Text.storable(text, StoredText.NAME_LIMIT);
    }

    private static Map<String, String> storable(Map<String, String> map) {
        Map<String, String> out = null;
        for (Map.Entry<String, String> e : map.entrySet()) {
            String k = Text.storable(e.getKey());
            String v = Text.storable(e.getValue());
            if (out == null && (k != e.getKey() || v != e.getValue())) {
                out = new LinkedHashMap<>();
                for (Map.Entry<String, String> before : map.entrySet()) {
                    if (before.getKey().equals(e.getKey())) {
                        break;
                    }
                    out.put(before.getKey(), before.getValue());
                }
            }
            if (out != null) {
                out.put(k, v);
            }
        }
        return out == null ? map : out;
    }

    /**
     * The first repeat: the timeline gets one summary row. Later repeats cost O(1): only the count and the
     * last-seen instant change ({@code IncidentStore.countAlert}).
     */
    static IncidentRecord countRepeat(IncidentRecord r, Instant now) {
        List<Event> timeline = new ArrayList<>(r.timeline().size() + 1);
        timeline.addAll(r.timeline());
        Instant last = timeline.isEmpty() ? now : timeline.get(timeline.size() - 1).at();
        timeline.add(Event.of(later(now, last), r.service(), EventKind.REPEAT_ALERTS, null));
        return r.withAlertSeen(now, timeline);
    }

    boolean acknowledge(IncidentRecord r, Changes b, Instant now, String who) {
        refuseIfResolved(r, "acknowledge");
        if (r.status() == Status.ACKNOWLEDGED) {
            // The read may be stale (a replica, or an acknowledgement that has since timed out): confirm the no-op
            // by saving the unchanged record with the version read, so a conflict decides again on the current
            // record instead of losing this acknowledgement.
            return true;
        }
        b.status(Status.ACKNOWLEDGED);
        if (r.acknowledgedAt() == null) {
            b.acknowledgedAt(now);
        }
        b.nextDueAt(r.policy().ackTimeout().map(now::plus).orElse(null));
        b.append(Event.step(now, who, EventKind.ACKNOWLEDGED, r.level(), r.pass(), null));
        return true;
    }

    boolean resolve(IncidentRecord r, Changes b, Instant now, String who) {
        if (!r.isOpen()) {
            return false;
        }
        b.status(Status.RESOLVED).resolvedAt(now).nextDueAt(null);
        b.append(Event.step(now, who, EventKind.RESOLVED, r.level(), r.pass(), null));
        return true;
    }

    boolean escalate(IncidentRecord r, Changes b, Instant now, String who, List<Page> pages) {
        refuseIfResolved(r, "escalate");
        int levels = r.policy().levels().size();
        boolean wrap = r.level() >= levels;
        int level = wrap ? 1 : r.level() + 1;
        int pass = wrap ? r.pass() + 1 : r.pass();
        if (wrap) {
            b.roundStartPass(pass);
        }
        b.status(Status.TRIGGERED);
        b.append(Event.step(now, who, EventKind.ESCALATED, level, pass, "escalated by " + who));
        enterLevel(b, level, pass, now, pages);
        return true;
    }

    boolean reassignToLevel(IncidentRecord r, Changes b, Instant now, String who, int level, List<Page> pages) {
        refuseIfResolved(r, "reassign");
        r.policy().level(level);
        if (r.status() == Status.TRIGGERED && r.level() == level && r.assignee() == null) {
            return false;
        }
        int pass = level <= r.level() ? r.pass() + 1 : r.pass();
        if (pass != r.pass()) {
            b.roundStartPass(pass);
        }
        b.status(Status.TRIGGERED).assignee(null);
        b.append(Event.step(now, who, EventKind.REASSIGNED, level, pass, null));
        enterLevel(b, level, pass, now, pages);
        return true;
    }

    boolean reassignToPerson(IncidentRecord r, Changes b, Instant now, String who, String person, List<Page> pages) {
        refuseIfResolved(r, "reassign");
        if (r.status() == Status.TRIGGERED && person.equals(r.assignee())) {
            return false;
        }
        int level = Math.max(1, r.level());
        int pass = r.pass() + 1;
        b.status(Status.TRIGGERED).assignee(person).roundStartPass(pass).position(level, pass);
        b.append(Event.page(now, who, EventKind.REASSIGNED, person, level, pass, null, null));
        pages.add(page(r, person, level, pass, now));
        Optional<Duration> timeout = r.policy().level(level).timeout();
        b.nextDueAt(r.highUrgency() && timeout.isPresent() ? now.plus(timeout.get()) : null);
        return true;
    }

    /** Acts on an incident whose next due instant has come: the next level, a repeat, or an ack timeout. */
    boolean onDue(IncidentRecord r, Changes b, Instant now, List<Page> pages) {
        Instant due = r.nextDueAt();
        if (!r.isOpen() || due == null || due.isAfter(now)) {
            return false;
        }
        if (r.status() == Status.ACKNOWLEDGED) {
            int pass = r.pass() + 1;
            b.status(Status.TRIGGERED).roundStartPass(pass);
            b.append(Event.step(now, ENGINE, EventKind.ACK_TIMEOUT, 1, pass, "not resolved within "
                    + r.policy().ackTimeout().map(Durations::format).orElse("?") + " of the acknowledgement"));
            enterLevel(b, 1, pass, now, pages);
            return true;
        }
        int[] next = next(r.policy(), r.level(), r.pass(), r.roundStartPass());
        if (next == null) {
            b.nextDueAt(null);
            b.append(Event.step(now, ENGINE, EventKind.ESCALATION_EXHAUSTED, r.level(), r.pass(), exhaustion(r)));
            return true;
        }
        b.append(Event.step(now, ENGINE, EventKind.ESCALATED, next[0], next[1],
                next[1] == r.pass() ? noAcknowledgementAt(r.level()) : "repeating the policy"));
        enterLevel(b, next[0], next[1], now, pages);
        return true;
    }

    /**
     * Pages a level, skipping at once (and noting why) every level that resolves to nobody, and sets the next due
     * instant to {@code now}, when the level is paged, plus the level's timeout, or plus the escalation delay of
     * the on-call person paged when the roster gives one (the largest, when several are paged).
     */
    void enterLevel(Changes b, int level, int pass, Instant now, List<Page> pages) {
        IncidentRecord r = b.base();
        EscalationPolicy policy = r.policy();
        int lvl = level;
        int ps = pass;
        while (true) {
            b.position(lvl, ps);
            EscalationLevel current = policy.level(lvl);
            List<OnCallPerson> people = new ArrayList<>(current.targets().size());
            StringBuilder reasons = null;
            for (Target t : current.targets()) {
                Roster.Resolution res = roster.resolve(t, now);
                String why = res.explanation();
                if (res.person().isPresent()) {
                    OnCallPerson p = res.person().get();
                    // A name no store can keep (a host's lookup is not checked at an edge) is not paged: its page
                    // could never be claimed on the outbox, and would hold the escalation at this level (issue 22).
                    String unstorable = StoredText.problem(p.name(), StoredText.NAME_LIMIT);
                    if (unstorable == null) {
                        if (!named(people, p.name())) {
                            people.add(p);
                        }
                        continue;
                    }
                    why = "person '" + Text.storable(Text.shown(p.name())) + "' cannot be stored: the name "
                            + Text.storable(unstorable);
                }
                if (reasons == null) {
                    reasons = new StringBuilder(why);
                } else {
                    reasons.append("; ").append(why);
                }
            }
            if (!people.isEmpty()) {
                Duration dwell = current.timeout().orElse(null);
                Duration delay = null;
                for (OnCallPerson p : people) {
                    pages.add(page(r, p.name(), lvl, ps, now));
                    Optional<Duration> own = p.escalationDelay();
                    if (own.isPresent() && (delay == null || own.get().compareTo(delay) > 0)) {
                        delay = own.get();
                    }
                }
                dwell = delay != null ? delay : dwell;
                b.nextDueAt(r.highUrgency() && dwell != null ? now.plus(dwell) : null);
                return;
            }
            b.append(Event.step(now, ENGINE, EventKind.LEVEL_SKIPPED, lvl, ps, reasons == null ? "" : reasons.toString()));
            int[] next = r.highUrgency() ? next(policy, lvl, ps, b.roundStartPass()) : null;
            if (next == null) {
                b.nextDueAt(null);
                if (r.highUrgency()) {
                    b.append(Event.step(now, ENGINE, EventKind.ESCALATION_EXHAUSTED, lvl, ps,
                            exhaustion(r)));
                }
                return;
            }
            lvl = next[0];
            ps = next[1];
        }
    }

    /** Why escalation stops: unacknowledged pages, or no page ever delivered (scans the timeline: rare). */
    static String exhaustion(IncidentRecord r) {
        for (Event e : r.timeline()) {
            if (e.kind() == EventKind.PAGE_DELIVERED) {
                return UNACKNOWLEDGED;
            }
        }
        return NOBODY_PAGED;
    }

    /** The level and pass after {@code level} of {@code pass}, or null when the round's passes are used up. */
    static int @Nullable [] next(EscalationPolicy policy, int level, int pass, int roundStartPass) {
        if (level < policy.levels().size()) {
            return new int[] {level + 1, pass};
        }
        if (pass - roundStartPass + 1 < policy.passes()) {
            return new int[] {1, pass + 1};
        }
        return null;
    }

    /** The page of {@code recipient} at a level and pass, with the matrix's tier and response when there is one. */
    Page page(IncidentRecord r, String recipient, int level, int pass, Instant now) {
        String tier = null;
        String response = null;
        if (matrix != null) {
            tier = matrix.tierAtLevel(level);
            if (r.category() != null) {
                response = matrix.responseAtLevel(r.category(), level).filter(s -> !s.isEmpty())
                        .map(EscalationDecisions::name).orElse(null);
            }
        }
        return new Page(r.id(), recipient, level, pass, r.highUrgency(), r.severity(), r.summary(), tier, response,
                now, 1, r.dedupKey(), r.service(), r.labels(), r.annotations());
    }

    private static String noAcknowledgementAt(int level) {
        return level > 0 && level < NO_ACK_AT.length ? NO_ACK_AT[level] : "no acknowledgement at level " + level;
    }

    private static boolean named(List<OnCallPerson> people, String name) {
        for (OnCallPerson q : people) {
            if (q.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static void refuseIfResolved(IncidentRecord r, String operation) {
        if (r.status() == Status.RESOLVED) {
            throw new IllegalIncidentTransitionException(IncidentId.of(r.id()), IncidentStatus.RESOLVED, operation);
        }
    }

    static Instant later(Instant a, Instant b) {
        return a.isBefore(b) ? b : a;
    }

    /** Refuses a blank person (checked before any store access). */
    static void checkPerson(String person) {
        if (person.isBlank()) {
            throw ValidationException.of("person", person, "must not be blank");
        }
    }
}
