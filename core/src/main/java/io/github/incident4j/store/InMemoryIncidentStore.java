package io.github.incident4j.store;

import io.github.incident4j.ValidationException;
import io.github.incident4j.spi.DuplicateOpenIncidentException;
import io.github.incident4j.spi.IncidentRecord;
import io.github.incident4j.spi.IncidentStore;
import io.github.incident4j.spi.StoreConflictException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The embedded {@link IncidentStore}: incidents in memory, saved under one lock with the same checks a
 * database would make (version, unique open dedup key), and an index of due instants so
 * {@link #findDue(Instant, int)} and {@link #nextDueAt()} cost a logarithmic lookup, not a scan.
 *
 * <pre>{@code
 * IncidentManager manager = IncidentManager.builder().store(new InMemoryIncidentStore())...build();
 * }</pre>
 */
public final class InMemoryIncidentStore implements IncidentStore {

    /**
     * One incident's place in the store. The id map, the open-key map and the due index all point at it, so
     * a lookup by key is one hash probe and a save that keeps the key's holder touches no map but the id's.
     */
    private static final class Slot {
        private IncidentRecord record;
        private @Nullable Due due;

        private Slot(IncidentRecord record) {
            this.record = record;
        }
    }

    /**
     * A due-index entry, ordered by instant then id (the order a database's {@code ORDER BY due, id} gives).
     * The instant and the id's first eight characters are kept as primitives: when many incidents fall due at
     * once, comparisons settle on them without following pointers to the instant and the id's bytes.
     */
    private static final class Due implements Comparable<Due> {
        private final Instant at;
        private final long seconds;
        private final int nanos;
        private final long idHead;
        private final long idNext;
        private final String id;
        private final Slot slot;

        private Due(Instant at, String id, Slot slot) {
            this.at = at;
            this.seconds = at.getEpochSecond();
            this.nanos = at.getNano();
            this.idHead = chars(id, 0);
            this.idNext = chars(id, 4);
            this.id = id;
            this.slot = slot;
        }

        /** Four chars from {@code from} packed so unsigned order is string order (missing chars count as 0). */
        private static long chars(String s, int from) {
            long packed = 0;
            for (int i = from; i < from + 4; i++) {
                packed = packed << 16 | (i < s.length() ? s.charAt(i) : 0);
            }
            return packed;
        }

        private boolean isAfter(Instant instant) {
            long s = instant.getEpochSecond();
            return seconds > s || (seconds == s && nanos > instant.getNano());
        }

        @Override
        public int compareTo(Due o) {
            if (seconds != o.seconds) {
                return Long.compare(seconds, o.seconds);
            }
            if (nanos != o.nanos) {
                return Integer.compare(nanos, o.nanos);
            }
            if (idHead != o.idHead) {
                return Long.compareUnsigned(idHead, o.idHead);
            }
            if (idNext != o.idNext) {
                return Long.compareUnsigned(idNext, o.idNext);
            }
            return id.compareTo(o.id);
        }
    }

    private static final Comparator<IncidentRecord> OLDEST_TRIGGER_FIRST =
            Comparator.comparing(IncidentRecord::triggeredAt).thenComparing(IncidentRecord::id);

    private final Map<String, Slot> byId = new HashMap<>();
    private final Map<String, Slot> openByKey = new HashMap<>();
    private final NavigableSet<Due> due = new TreeSet<>();
    private final List<Slot> insertionOrder = new ArrayList<>();

    /** An empty store. */
    public InMemoryIncidentStore() {
    }

    @Override
    public synchronized Optional<IncidentRecord> load(String id) {
        Slot slot = byId.get(id);
        return slot == null ? Optional.empty() : Optional.of(slot.record);
    }

    @Override
    public synchronized Optional<IncidentRecord> findOpenByKey(String dedupKey) {
        Slot slot = openByKey.get(dedupKey);
        return slot == null ? Optional.empty() : Optional.of(slot.record);
    }

    @Override
    public synchronized IncidentRecord save(IncidentRecord record) {
        Slot slot = byId.get(record.id());
        IncidentRecord old = slot == null ? null : slot.record;
        long actual = old == null ? -1 : old.version();
        if (record.version() == 0 ? old != null : old == null || old.version() != record.version()) {
            throw new StoreConflictException(record.id(), record.version(), actual);
        }
        boolean wasOpen = old != null && old.isOpen();
        // An open record holds its key: keeping the same key open needs no look at the key map.
        boolean keepsKey = wasOpen && record.isOpen() && old.dedupKey().equals(record.dedupKey());
        if (record.isOpen() && !keepsKey) {
            Slot holder = openByKey.get(record.dedupKey());
            if (holder != null && holder != slot) {
                throw new DuplicateOpenIncidentException(record.dedupKey(), holder.record.id(), record.id());
            }
        }
        IncidentRecord saved = record.withVersion(record.version() + 1);
        if (slot == null) {
            slot = new Slot(saved);
            byId.put(saved.id(), slot);
            insertionOrder.add(slot);
        } else {
            slot.record = saved;
        }
        if (!keepsKey) {
            if (wasOpen) {
                openByKey.remove(old.dedupKey(), slot);
            }
            if (saved.isOpen()) {
                openByKey.put(saved.dedupKey(), slot);
            }
        }
        reindexDue(slot, saved);
        return saved;
    }

    private void reindexDue(Slot slot, IncidentRecord saved) {
        Instant newDue = saved.isOpen() ? saved.nextDueAt() : null;
        Due oldEntry = slot.due;
        if (oldEntry != null && oldEntry.at.equals(newDue)) {
            return;
        }
        if (oldEntry != null) {
            due.remove(oldEntry);
            slot.due = null;
        }
        if (newDue != null) {
            Due entry = new Due(newDue, saved.id(), slot);
            due.add(entry);
            slot.due = entry;
        }
    }

    @Override
    public synchronized List<IncidentRecord> findDue(Instant at, int limit) {
        List<IncidentRecord> result = new ArrayList<>(Math.max(0, Math.min(limit, due.size())));
        for (Due d : due) {
            if (d.isAfter(at) || result.size() >= limit) {
                break;
            }
            result.add(d.slot.record);
        }
        return result;
    }

    @Override
    public synchronized Optional<Instant> nextDueAt() {
        return due.isEmpty() ? Optional.empty() : Optional.of(due.first().at);
    }

    @Override
    public synchronized List<IncidentRecord> findOpen() {
        List<IncidentRecord> result = new ArrayList<>(openByKey.size());
        for (Slot slot : openByKey.values()) {
            result.add(slot.record);
        }
        result.sort(OLDEST_TRIGGER_FIRST);
        return result;
    }

    @Override
    public synchronized List<IncidentRecord> all() {
        List<IncidentRecord> result = new ArrayList<>(insertionOrder.size());
        for (Slot slot : insertionOrder) {
            result.add(slot.record);
        }
        return result;
    }
    // ---------------------------------------------------------------- retention

    /**
     * Deletes incidents resolved before {@code cutoff}, with their timelines, oldest first, at most
     * {@code batchSize} under the lock at a time, so a large purge never blocks the engine for long. Open
     * incidents are never deleted. The same retention as {@code JdbcIncidentStore.purgeResolvedBefore}, so an
     * embedded engine's memory stays bounded by its open incidents plus the history it chooses to keep.
     *
     * <pre>{@code
     * store.purgeResolvedBefore(clock.instant().minus(Duration.ofDays(30)), 500);
     * }</pre>
     *
     * @return how many incidents were deleted
     * @throws ValidationException if {@code batchSize} is not positive
     */
    public int purgeResolvedBefore(Instant cutoff, int batchSize) {
        Objects.requireNonNull(cutoff, "cutoff");
        if (batchSize < 1) {
            throw ValidationException.of("batchSize", batchSize, "must be 1 or more");
        }
        int deleted = 0;
        while (true) {
            int batch = purgeBatch(cutoff, batchSize);
            deleted += batch;
            if (batch < batchSize) {
                return deleted;
            }
        }
    }

    private synchronized int purgeBatch(Instant cutoff, int batchSize) {
        List<Slot> expired = new ArrayList<>();
        for (Slot slot : insertionOrder) {
            IncidentRecord r = slot.record;
            Instant resolvedAt = r.resolvedAt();
            if (IncidentRecord.RESOLVED.equals(r.status()) && resolvedAt != null && resolvedAt.isBefore(cutoff)) {
                expired.add(slot);
            }
        }
        expired.sort(Comparator.comparing((Slot slot) -> slot.record.resolvedAt()));
        List<Slot> batch = expired.subList(0, Math.min(batchSize, expired.size()));
        Set<Slot> gone = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Slot slot : batch) {
            byId.remove(slot.record.id());
            if (slot.due != null) {
                due.remove(slot.due);
            }
            gone.add(slot);
        }
        insertionOrder.removeIf(gone::contains);
        return batch.size();
    }
}

