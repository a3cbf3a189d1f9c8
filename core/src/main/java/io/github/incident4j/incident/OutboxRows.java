package io.github.incident4j.incident;

import io.github.incident4j.spi.IncidentRecord;
import io.github.incident4j.spi.IncidentRecord.EventKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The outbox as the stored timeline tells it (see {@link PageOutbox}): every page's claims and outcomes folded into
 * one {@link Entry} per page. Pure functions of the timeline.
 */
final class OutboxRows {

    private static final EventKind PENDING = EventKind.PAGE_PENDING;
    private static final EventKind UNSENT = EventKind.PAGE_UNSENT;
    private static final EventKind DELIVERED = EventKind.PAGE_DELIVERED;
    private static final EventKind FAILED = EventKind.PAGE_FAILED;

    private OutboxRows() {
    }

    /**
     * One page (recipient, level, pass) as the timeline tells it.
     *
     * @param decidedAt the first claim, i.e. when the step decided the page
     * @param attempts how many attempts were claimed
     * @param last the type of the page's last row
     * @param lastAt when that row was written
     */
    record Entry(String recipient, int level, int pass, @Nullable String response, Instant decidedAt, int attempts,
            EventKind last, Instant lastAt) {

        boolean delivered() {
            return last == DELIVERED;
        }

        /** The last claim has no outcome yet. */
        boolean inFlight() {
            return last == PENDING;
        }

        /** Delivered, or failed with no attempt left. */
        boolean settled(int maxAttempts) {
            return delivered() || (last == FAILED && attempts >= maxAttempts);
        }

        /**
         * When an unsettled page needs a manager: its claim outlived the deadline, its backoff passed, or at once
         * when its last claim was withdrawn unsent.
         */
        Instant dueAt(Duration deadline, Duration backoff) {
            if (last == UNSENT) {
                return lastAt;
            }
            return inFlight() ? lastAt.plus(deadline) : lastAt.plus(backoff(backoff, attempts));
        }

        private Entry then(EventKind type, Instant at) {
            int claimed = type == PENDING ? attempts + 1 : type == UNSENT ? attempts - 1 : attempts;
            return new Entry(recipient, level, pass, response, decidedAt, claimed, type, at);
        }
    }

    /** The wait after failed attempt {@code attempt} (1-based): the base, doubled for each further attempt. */
    static Duration backoff(Duration base, int attempt) {
        return base.multipliedBy(1L << Math.min(20, Math.max(0, attempt - 1)));
    }

    /** Whether a row belongs to the outbox (a claim, an unsent claim or a page outcome, with a recipient). */
    private static boolean isPageRow(IncidentRecord.Event e) {
        return e.recipient() != null && e.kind().isPageRow();
    }

    /** A page's identity on the timeline. */
    private record Step(int pass, int level, String recipient) {
    }

    /** Every page claimed on this timeline, in the order they were decided. */
    static List<Entry> entries(List<IncidentRecord.Event> timeline) {
        Map<Step, Entry> byStep = new LinkedHashMap<>();
        for (IncidentRecord.Event e : timeline) {
            if (!isPageRow(e)) {
                continue;
            }
            Step step = new Step(e.pass(), e.level(), e.recipient());
            Entry next = fold(byStep.get(step), e);
            if (next != null) {
                byStep.put(step, next);
            }
        }
        return new ArrayList<>(byStep.values());
    }

    /**
     * The page (recipient, level, pass) on this timeline, if it was ever claimed: what {@link #entries} holds
     * for it, folded in one pass over its own rows (it runs on every page outcome).
     */
    static @Nullable Entry find(List<IncidentRecord.Event> timeline, String recipient, int level, int pass) {
        Entry found = null;
        for (IncidentRecord.Event e : timeline) {
            if (e.level() != level || e.pass() != pass || !recipient.equals(e.recipient()) || !isPageRow(e)) {
                continue;
            }
            found = fold(found, e);
        }
        return found;
    }

    /**
     * A page's entry after its row {@code e}, given the entry before it ({@code null} before its first row): a
     * page starts at its first claim, and rows before any claim are ignored.
     */
    private static @Nullable Entry fold(@Nullable Entry known, IncidentRecord.Event e) {
        if (known != null) {
            return known.then(e.kind(), e.at());
        }
        return e.kind() == PENDING
                ? new Entry(e.recipient(), e.level(), e.pass(), e.response(), e.at(), 1, PENDING, e.at())
                : null;
    }

    /**
     * Whether every page of {@code pass} on this timeline ends delivered (then the pass has no outbox work), by a
     * scan that allocates nothing: it runs on every escalation step. False means "look with {@link #entries}".
     */
    static boolean allDelivered(List<IncidentRecord.Event> timeline, int pass) {
        for (int i = timeline.size() - 1; i >= 0; i--) {
            IncidentRecord.Event e = timeline.get(i);
            if (e.pass() != pass || !isPageRow(e) || e.kind() == DELIVERED || hasLaterRow(timeline, i, e)) {
                continue;
            }
            return false;
        }
        return true;
    }

    /** Whether a page row after {@code i} tells of the same page as {@code e}. */
    private static boolean hasLaterRow(List<IncidentRecord.Event> timeline, int i, IncidentRecord.Event e) {
        for (int j = i + 1; j < timeline.size(); j++) {
            IncidentRecord.Event later = timeline.get(j);
            if (later.pass() == e.pass() && later.level() == e.level() && isPageRow(later)
                    && e.recipient().equals(later.recipient())) {
                return true;
            }
        }
        return false;
    }
}
