package io.github.incident4j.store;

import io.github.incident4j.ValidationException;
import io.github.incident4j.spi.DuplicateOpenIncidentException;
import io.github.incident4j.spi.IncidentRecord;
import io.github.incident4j.spi.IncidentStore;
import io.github.incident4j.spi.StoreConflictException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The embedded {@link IncidentStore}: incidents in memory, saved under one lock with the same checks a
 * database would make (version, unique open dedup key), and a heap of due instants so
 * {@link #findDue(Instant, int)} and {@link #nextDueAt()} cost a logarithmic lookup, not a scan.
 *
 * <pre>{@code
 * IncidentManager manager = IncidentManager.builder().store(new InMemoryIncidentStore())...build();
 * }</pre>
 */
public final class InMemoryIncidentStore implements IncidentStore {

    /**
     * One incident's place in the store. The id map, the open-key map and the due heap all point at it, so a
     * lookup by key is one hash probe and a save that keeps the key's holder touches no map but the id's. An
     * open slot with a due instant sits in the due heap at {@link #heapIndex}; its due instant is kept as
     * primitives, and the id's first eight characters too, so the heap's comparisons (instant, then id: the
     * order a database's {@code ORDER BY due, id} gives) settle without following pointers.
     */
    private static final class Slot {
        private IncidentRecord record;
        private final String id;
        private final long idHead;
        private final long idNext;
        private @Nullable Instant dueAt;
        private long dueSeconds;
        private int dueNanos;
        private int heapIndex = -1;

        private Slot(IncidentRecord record) {
            this.record = record;
            this.id = record.id();
            this.idHead = chars(id, 0);
            this.idNext = chars(id, 4);
        }

        /** Four chars from {@code from} packed so unsigned order is string order (missing chars count as 0). */
        private static long chars(String s, int from) {
            long packed = 0;
            for (int i = from; i < from + 4; i++) {
                packed = packed << 16 | (i < s.length() ? s.charAt(i) : 0);
            }
            return packed;
        }

        private boolean isDueAfter(Instant instant) {
            long s = instant.getEpochSecond();
            return dueSeconds > s || (dueSeconds == s && dueNanos > instant.getNano());
        }

        private int compareDue(Slot o) {
            if (dueSeconds != o.dueSeconds) {
                return Long.compare(dueSeconds, o.dueSeconds);
            }
            if (dueNanos != o.dueNanos) {
                return Integer.compare(dueNanos, o.dueNanos);
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

    private final Map<String, Slot> byId = new HashMap<>();
    private final Map<String, Slot> openByKey = new HashMap<>();
    /**
     * The slots with a due instant, as a binary min-heap on (due, id) with each slot's index kept in it: moving
     * a due instant is a sift in an array, with no node or entry allocated (a tree set of entries made two
     * objects and a rebalance on every escalation step).
     */
    private Slot[] heap = new Slot[64];
    private int heapSize;
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
        Instant oldDue = slot.dueAt;
        if (oldDue != null && oldDue.equals(newDue)) {
            return;
        }
        if (newDue == null) {
            if (slot.heapIndex >= 0) {
                heapRemove(slot);
            }
            slot.dueAt = null;
            return;
        }
        boolean earlier = oldDue == null || newDue.isBefore(oldDue);
        slot.dueAt = newDue;
        slot.dueSeconds = newDue.getEpochSecond();
        slot.dueNanos = newDue.getNano();
        if (slot.heapIndex < 0) {
            if (heapSize == heap.length) {
                heap = Arrays.copyOf(heap, heapSize * 2);
            }
            slot.heapIndex = heapSize;
            heap[heapSize++] = slot;
            siftUp(slot);
        } else if (earlier) {
            siftUp(slot);
        } else {
            siftDown(slot);
        }
    }

    private void heapRemove(Slot slot) {
        int i = slot.heapIndex;
        Slot last = heap[--heapSize];
        heap[heapSize] = null;
        slot.heapIndex = -1;
        if (last != slot) {
            place(last, i);
            siftDown(last);
            if (last.heapIndex == i) {
                siftUp(last);
            }
        }
    }

    private void siftUp(Slot slot) {
        int i = slot.heapIndex;
        while (i > 0 && heap[(i - 1) >>> 1].compareDue(slot) > 0) {
            int parent = (i - 1) >>> 1;
            place(heap[parent], i);
            i = parent;
        }
        place(slot, i);
    }

    /** Puts a slot at a heap position, keeping the position on the slot. */
    private void place(Slot slot, int i) {
        heap[i] = slot;
        slot.heapIndex = i;
    }

    private void siftDown(Slot slot) {
        int i = slot.heapIndex;
        int half = heapSize >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            Slot c = heap[child];
            int right = child + 1;
            if (right < heapSize && heap[right].compareDue(c) < 0) {
                child = right;
                c = heap[child];
            }
            if (slot.compareDue(c) <= 0) {
                break;
            }
            place(c, i);
            i = child;
        }
        place(slot, i);
    }

    /** The heap's earliest slots in order: a best-first walk visiting only the slots it returns and their children. */
    @Override
    public synchronized List<IncidentRecord> findDue(Instant at, int limit) {
        List<IncidentRecord> result = new ArrayList<>(Math.max(0, Math.min(limit, heapSize)));
        if (heapSize == 0 || limit <= 0) {
            return result;
        }
        PriorityQueue<Slot> frontier = new PriorityQueue<>(Slot::compareDue);
        frontier.add(heap[0]);
        while (result.size() < limit && !frontier.isEmpty()) {
            Slot next = frontier.poll();
            if (next.isDueAfter(at)) {
                break;
            }
            result.add(next.record);
            int child = 2 * next.heapIndex + 1;
            if (child < heapSize) {
                frontier.add(heap[child]);
            }
            if (child + 1 < heapSize) {
                frontier.add(heap[child + 1]);
            }
        }
        return result;
    }

    @Override
    public synchronized Optional<Instant> nextDueAt() {
        return heapSize == 0 ? Optional.empty() : Optional.of(Objects.requireNonNull(heap[0].dueAt));
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
            if (slot.heapIndex >= 0) {
                heapRemove(slot);
            }
            gone.add(slot);
        }
        insertionOrder.removeIf(gone::contains);
        return batch.size();
    }
}

