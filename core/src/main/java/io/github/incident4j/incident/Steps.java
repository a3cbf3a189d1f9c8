package io.github.incident4j.incident;

import io.github.incident4j.spi.DuplicateOpenIncidentException;
import io.github.incident4j.spi.IncidentRecord;
import io.github.incident4j.spi.IncidentStore;
import io.github.incident4j.spi.Page;
import io.github.incident4j.spi.StoreConflictException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

    Steps(IncidentStore store, Clock clock, int maxConflictAttempts, PageOutbox outbox) {
        this.store = store;
        this.clock = clock;
        this.maxConflictAttempts = maxConflictAttempts;
        this.outbox = outbox;
    }

    /**
     * Runs a decision on incident {@code id} ({@code known} is a record just read, or null to load it).
     *
     * @throws IncidentNotFoundException if there is no such incident
     * @throws IncidentContentionException when every save conflicted
     */
    Work run(String operation, IncidentId id, @Nullable IncidentRecord known, Decision decision) {
        IncidentRecord r = known;
        for (int attempt = 1; ; attempt++) {
            if (r == null) {
                r = store.load(id.value()).orElseThrow(() -> new IncidentNotFoundException(id));
            }
            Instant now = clock.instant();
            IncidentRecord.Changes b = r.changes();
            List<Page> pages = new ArrayList<>(0); // most changes page nobody: no array until one does
            if (!decision.apply(r, b, now, pages)) {
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
            }
        }
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
        // a new incident's rows are all new, its TRIGGERED row included
        return new Work(saved, pages, b.base().version() == 0 ? 0 : b.base().timeline().size(), true);
    }
}
