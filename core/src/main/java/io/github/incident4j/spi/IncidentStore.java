package io.github.incident4j.spi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where incidents live: the source of truth for the escalation engine. The engine reads a record, decides,
 * and saves with the version it read; a save against a newer version fails with
 * {@link StoreConflictException}, so two engines on one store never act twice on the same step.
 *
 * <p>Shaped for a database: records are values identified by id (no object identity), versions and the
 * next due instant are explicit columns, at most one open incident per dedup key (a unique partial index).
 * Implementations are thread-safe. {@code io.github.incident4j.store.InMemoryIncidentStore} is the
 * embedded default; every implementation should pass the compatibility kit in core's test-jar
 * ({@code IncidentStoreCompatibilityKit}).
 *
 * <pre>{@code
 * IncidentRecord read = store.load(id).orElseThrow();
 * IncidentRecord saved = store.save(changed(read));   // saved.version() == read.version() + 1
 * }</pre>
 */
public interface IncidentStore {

    /** The incident with this id, if stored. */
    Optional<IncidentRecord> load(String id);

    /** The open incident with this dedup key, if any. */
    Optional<IncidentRecord> findOpenByKey(String dedupKey);

    /**
     * Saves a record. A record with version 0 is inserted (refused if the id exists); otherwise the stored
     * version must equal {@code record.version()}.
     *
     * @return the record as stored, with its version increased by one
     * @throws StoreConflictException if the stored version differs (or the id exists, for an insert,
     *         or does not, for an update)
     * @throws DuplicateOpenIncidentException if the record is open and another open incident has its key
     */
    IncidentRecord save(IncidentRecord record);

    /**
     * Saves the record {@code changes} builds over the record it started from ({@link IncidentRecord.Changes#base()}):
     * exactly {@code save(changes.build())}, version check included. The engine saves every step this way, so a
     * store may build the stored record at once ({@link IncidentRecord.Changes#buildNextVersion()}) instead of
     * building it and then copying it with the new version.
     *
     * @return the record as stored, with its version increased by one
     * @throws StoreConflictException as {@link #save(IncidentRecord)}
     * @throws DuplicateOpenIncidentException as {@link #save(IncidentRecord)}
     */
    default IncidentRecord save(IncidentRecord.Changes changes) {
        return save(changes.build());
    }

    /**
     * Open incidents whose {@code nextDueAt} is at or before {@code at}, earliest first, at most
     * {@code limit} of them.
     */
    List<IncidentRecord> findDue(Instant at, int limit);

    /** The earliest {@code nextDueAt} among open incidents, if any. */
    Optional<Instant> nextDueAt();

    /** Every stored incident, open and resolved, oldest trigger first (for reports and metrics). */
    List<IncidentRecord> all();

    /**
     * Every open (triggered or acknowledged) incident, oldest trigger first: what a starting engine looks
     * at to resume pages an earlier engine left unsent. The default filters {@link #all()}; a store that keeps
     * resolved incidents should answer from its open-key index instead, so a start costs O(open incidents)
     * rather than O(stored ones).
     */
    default List<IncidentRecord> findOpen() {
        return all().stream().filter(IncidentRecord::isOpen).toList();
    }

    /**
     * Counts one more alert at {@code at} on the incident as {@code read} (the repeat of an alert already
     * summarised on the timeline): the same as {@code save(read.withAlertSeen(at, read.timeline()))}, version
     * check included. An alert storm repeats this millions of times, so a store may do it without building
     * the intermediate record; count and last-seen instant are all that change.
     *
     * @return the record as stored, with its version increased by one
     * @throws StoreConflictException if the stored version is not {@code read.version()}
     */
    default IncidentRecord countAlert(IncidentRecord read, Instant at) {
        return save(read.withAlertSeen(at, read.timeline()));
    }

    /**
     * A query over stored incidents ({@link #find(Query)}).
     *
     * @param openOnly only open incidents
     * @param service only incidents of this service (as stored), or null for all
     * @param afterId start after this incident in {@link #all()}'s order, or null to start at the oldest; an id the
     *        store does not hold gives no incidents
     * @param limit at most this many incidents (1 or more)
     */
    record Query(boolean openOnly, @Nullable String service, @Nullable String afterId, int limit) {
        /** Checks the limit. */
        public Query {
            if (limit < 1) {
                throw new IllegalArgumentException("limit must be 1 or more, but was " + limit);
            }
        }

        /** Whether a record is one this query lists (the cursor aside). */
        public boolean matches(IncidentRecord r) {
            return (!openOnly || r.isOpen()) && (service == null || service.equals(r.service()));
        }
    }

    /**
     * The incidents {@code query} selects, in {@link #all()}'s order (oldest first), at most its limit: for paged and
     * filtered listings that do not load every incident. The default filters {@link #findOpen()} or {@link #all()};
     * a store should answer from its indexes instead, so a page costs O(page) plus the skipped incidents.
     */
    default List<IncidentRecord> find(Query query) {
        List<IncidentRecord> result = new ArrayList<>(Math.min(query.limit(), 256));
        boolean started = query.afterId() == null;
        // a cursor may name an incident resolved since: walk every incident then
        for (IncidentRecord r : query.openOnly() && query.afterId() == null ? findOpen() : all()) {
            if (!started) {
                started = r.id().equals(query.afterId());
                continue;
            }
            if (query.matches(r)) {
                result.add(r);
                if (result.size() == query.limit()) {
                    break;
                }
            }
        }
        return result;
    }

    /**
     * Whether loading an incident costs about a map lookup (the store keeps incidents in this process's memory).
     * The engine then loads afresh where it would otherwise decide on the record it last saved: that cache saves a
     * store across a network a read per acknowledgement, resolution and page outcome, and only costs a local one.
     * Default false.
     */
    default boolean loadsAreLocal() {
        return false;
    }

    /** How many incidents are open. The default counts {@link #findOpen()}; a store should count its index. */
    default long countOpen() {
        return findOpen().size();
    }
}
