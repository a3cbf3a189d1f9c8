package io.github.incident4j.spi;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

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
     * Saves the record {@code changes} builds over the record it started from ({@link IncidentRecord.Builder#base()}):
     * exactly {@code save(changes.build())}, version check included. The engine saves every step this way, so a
     * store may build the stored record at once ({@link IncidentRecord.Builder#buildNextVersion()}) instead of
     * building it and then copying it with the new version.
     *
     * @return the record as stored, with its version increased by one
     * @throws StoreConflictException as {@link #save(IncidentRecord)}
     * @throws DuplicateOpenIncidentException as {@link #save(IncidentRecord)}
     */
    default IncidentRecord save(IncidentRecord.Builder changes) {
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
}
