package io.github.incident4j.incident;

import io.github.incident4j.spi.DuplicateOpenIncidentException;
import io.github.incident4j.spi.IncidentRecord;
import io.github.incident4j.spi.IncidentStore;
import io.github.incident4j.spi.Page;
import io.github.incident4j.spi.StoreConflictException;
import io.github.incident4j.spi.StoreRefusedException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One step of the engine against the store: load, decide, save with the version read, and on a conflict decide
 * again on a fresh read, at most {@code maxConflictAttempts} saves in all. The pages a step decides are claimed on
 * the outbox in the step's own save. A step returns the {@link Work} its save implies (pages to send, the next
 * wake-up, the rows to tell the listener of); it calls nothing back: its caller does that work.
 */
final class Steps {

    private static final Logger LOG = LoggerFactory.getLogger(Steps.class);

    /** A decision on a freshly loaded record; returns false when there is nothing to change. */
    @FunctionalInterface
    interface Decision {
        boolean apply(IncidentRecord r, IncidentRecord.Changes b, Instant now, List<Page> pages);
    }

    /** A decision that appends one event to the timeline, whatever the incident's state (a note, a runner's action). */
    static Decision appending(java.util.function.Function<Instant, IncidentRecord.Event> event) {
        return (r, b, now, pages) -> {
            b.append(event.apply(now));
            return true;
        };
    }

    /**
     * What a step leaves to do.
     *
     * @param record the record as stored after the step (the one read, when nothing changed)
     * @param pages the pages claimed by the step, to send now
     * @param firstNewRow the index of the step's first timeline row in {@code record.timeline()} (its size when the
     *        step changed nothing)
     * @param changed whether the step saved anything
     */
    record Work(IncidentRecord record, List<Page> pages, int firstNewRow, boolean changed) {

        /** When the manager must wake for this incident next, if ever. */
        @Nullable Instant wakeAt() {
            return changed && record.isOpen() ? record.nextDueAt() : null;
        }
    }

    private final IncidentStore store;
    private final Clock clock;
    private final int maxConflictAttempts;
    private final PageOutbox outbox;
    /**
     * The record each of this manager's last saves stored, by incident id (open incidents only, at most
     * {@link #LATEST_LIMIT}): a page's outcome is decided on it instead of a fresh load, since the step that claimed
     * the page just saved it. It may be stale (another manager saved since): then the version-checked save conflicts
     * and the step decides again on a fresh read, and a decision to change nothing is always made on a fresh read.
     */
    private final ConcurrentHashMap<String, IncidentRecord> latest = new ConcurrentHashMap<>();
    private static final int LATEST_LIMIT = 4096;
    /** Whether {@link #latest} is kept: not for a store whose loads are local (it would replace one lookup by two). */
    private final boolean keepLatest;

    Steps(IncidentStore store, Clock clock, int maxConflictAttempts, PageOutbox outbox) {
        this.store = store;
        this.clock = clock;
        this.maxConflictAttempts = maxConflictAttempts;
        this.outbox = outbox;
        this.keepLatest = !store.loadsAreLocal();
    }

    /**
     * Runs a decision on incident {@code id} ({@code known} is a record just read, or null to load it).
     *
     * @throws IncidentNotFoundException if there is no such incident
     * @throws IncidentContentionException when every save conflicted
     */
    Work run(String operation, IncidentId id, @Nullable IncidentRecord known, Decision decision) {
        return run(operation, id, known, false, decision, null);
    }

    /**
     * Runs a decision on the record this manager last saved for {@code id} (see {@link #latest}), or a fresh read
     * when it has none. A stale record is safe: a change decided on it conflicts on save (the version differs) and
     * is decided again on a fresh read; a decision to change nothing, or one that throws, is confirmed on a fresh
     * read before it stands.
     */
    Work runOnLatest(String operation, IncidentId id, Decision decision) {
        IncidentRecord last = keepLatest ? latest.get(id.value()) : null;
        return run(operation, id, last, last != null, decision, null);
    }

    /**
     * An escalation step, which the store may refuse for good ({@link StoreRefusedException}: a text it cannot
     * keep): then the step is saved without its pages and with a row saying why (see {@link #refused}), and the
     * escalation goes on at once instead of retrying a save that will never succeed.
     */
    Work runStep(String operation, IncidentId id, IncidentRecord known, Decision decision, EngineEvents events) {
        return run(operation, id, known, false, decision, events);
    }

    private Work run(String operation, IncidentId id, @Nullable IncidentRecord known, boolean mayBeStale,
            Decision decision, @Nullable EngineEvents refusals) {
        IncidentRecord r = known;
        boolean stale = mayBeStale;
        for (int attempt = 1; ; attempt++) {
            if (r == null) {
                r = store.load(id.value()).orElseThrow(() -> new IncidentNotFoundException(id));
                stale = false;
            }
            Instant now = clock.instant();
            IncidentRecord.Changes b = r.changes();
            List<Page> pages = new ArrayList<>(0); // most changes page nobody: no array until one does
            boolean change;
            try {
                change = decision.apply(r, b, now, pages);
            } catch (RuntimeException e) {
                if (!stale) {
                    throw e;
                }
                r = null; // refused on a record that may be old (e.g. "already resolved"): ask the stored one
                attempt--;
                continue;
            }
            if (!change) {
                if (stale) {
                    r = null; // "nothing to do" on a record that may be old: look at the stored one
                    attempt--;
                    continue;
                }
                return new Work(r, List.of(), r.timeline().size(), false);
            }
            try {
                return save(b, pages, now);
            } catch (StoreConflictException e) {
                if (attempt >= maxConflictAttempts) {
                    throw new IncidentContentionException(id, operation, attempt, e);
                }
                LOG.debug("incident {} changed concurrently; deciding again", id, e);
                r = null;
            } catch (StoreRefusedException e) {
                if (refusals == null) {
                    throw e;
                }
                return refused(operation, r, b, pages, now, e, refusals);
            }
        }
    }

    /**
     * Saves in place of a refused step its state (level, pass, status, due instant) with one row of the engine's own
     * words saying what the store refused, and none of its pages: a step the store will never take is recorded
     * once, not retried forever, and no page is held behind it. When the step had pages, its level counts as skipped
     * and the next step is due at once (as for a level that resolves to nobody). A refusal of that save too (the
     * store refuses even the engine's own words) is thrown.
     */
    private Work refused(String operation, IncidentRecord r, IncidentRecord.Changes b, List<Page> pages, Instant now,
            StoreRefusedException e, EngineEvents events) {
        IncidentRecord wanted = b.build();
        IncidentRecord.Changes f = r.changes().status(wanted.status()).position(wanted.level(), wanted.pass())
                .roundStartPass(wanted.roundStartPass()).acknowledgedAt(wanted.acknowledgedAt())
                .resolvedAt(wanted.resolvedAt()).assignee(wanted.assignee()).nextDueAt(wanted.nextDueAt());
        String cause = io.github.incident4j.common.Text.shown(String.valueOf(e.getMessage()));
        if (pages.isEmpty()) {
            f.append(IncidentRecord.Event.note(now, EscalationDecisions.ENGINE, "the store refused to record the "
                    + operation + ": " + cause));
        } else {
            f.append(IncidentRecord.Event.step(now, EscalationDecisions.ENGINE, IncidentRecord.EventKind.LEVEL_SKIPPED,
                    wanted.level(), wanted.pass(), "the store refused this step, so its " + pages.size()
                            + " page(s) were not sent: " + cause));
            if (wanted.isOpen() && wanted.status() == IncidentRecord.Status.TRIGGERED && wanted.nextDueAt() != null) {
                f.nextDueAt(now);
            }
        }
        outbox.claimRefused(pages);
        Work w = save(f, List.of(), now);
        events.storeRefused(w.record(), operation, e);
        return w;
    }

    /**
     * Saves a step with its pages claimed. When the store fails otherwise than by a conflict, the save may still
     * have been applied (a commit whose answer was lost): the outbox remembers the claims as unsent and looks again
     * once they would be stale, so such pages go out all the same.
     */
    Work save(IncidentRecord.Changes b, List<Page> pages, Instant now) {
        outbox.claim(b, pages, now);
        IncidentRecord saved;
        try {
            saved = store.save(b);
        } catch (StoreConflictException | DuplicateOpenIncidentException e) {
            outbox.claimRefused(pages);
            throw e;
        } catch (RuntimeException e) {
            outbox.claimUnanswered(b.base().id(), pages, now);
            throw e;
        }
        outbox.claimed(pages);
        if (!keepLatest) {
            return new Work(saved, pages, b.base().version() == 0 ? 0 : b.base().timeline().size(), true);
        }
        if (saved.isOpen()) {
            if (latest.size() >= LATEST_LIMIT && !latest.containsKey(saved.id())) {
                latest.clear();
            }
            latest.merge(saved.id(), saved, (old, now2) -> old.version() > now2.version() ? old : now2);
        } else {
            latest.remove(saved.id());
        }
        // a new incident's rows are all new, its TRIGGERED row included
        return new Work(saved, pages, b.base().version() == 0 ? 0 : b.base().timeline().size(), true);
    }
}
