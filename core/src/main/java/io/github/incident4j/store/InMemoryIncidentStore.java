package io.github.incident4j.store;

import io.github.incident4j.ValidationException;
import io.github.incident4j.spi.DuplicateOpenIncidentException;
import io.github.incident4j.spi.IncidentRecord;
import io.github.incident4j.spi.IncidentStore;
import io.github.incident4j.spi.StoreConflictException;
import io.github.incident4j.spi.StoredText;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
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
     * One incident's place in the store. The id map, the open-key map and the due index all point at it, so a
     * lookup by key is one hash probe and a save that keeps the key's holder touches no map but the id's. An
     * open slot with a due instant sits in that instant's {@link Bucket} at {@link #bucketIndex}. The id's first
     * eight characters are kept packed, so ordering a bucket by id rarely follows the pointers to the strings.
     * Its record is not kept here but in the store's {@code records} at {@code index} (see there why).
     */
    private static final class Slot {
        private int index;
        private final String id;
        private final long idHead;
        private final long idNext;
        private @Nullable Bucket bucket;
        private int bucketIndex;

        private Slot(int index, String id) {
            this.index = index;
            this.id = id;
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

        /** Id order, the order a database's {@code ORDER BY due, id} gives at one instant. */
        private static int byId(Slot a, Slot b) {
            if (a.idHead != b.idHead) {
                return Long.compareUnsigned(a.idHead, b.idHead);
            }
            if (a.idNext != b.idNext) {
                return Long.compareUnsigned(a.idNext, b.idNext);
            }
            return a.id.compareTo(b.id);
        }
    }

    /**
     * The open slots due at one instant. Slots are appended as they fall due there and sorted by id only when
     * {@link #findDue} reads the bucket after appends; a slot leaving leaves a hole (null) that reading skips
     * and the next sort or compaction drops. So moving an incident's due instant costs a map look-up of the
     * instant and O(1) work, and, when many incidents share instants (an alert storm, virtual time), no
     * ordering work until they are read, once per bucket and batch of arrivals.
     */
    private static final class Bucket {
        private final Instant at;
        private @Nullable Slot @Nullable [] slots = new Slot[2];
        private int size;
        private int live;
        /** Every slot before it is a hole. */
        private int first;
        private boolean sorted = true;

        private Bucket(Instant at) {
            this.at = at;
        }

        private @Nullable Slot[] slots() {
            return Objects.requireNonNull(slots, "a bucket left empty is out of the index");
        }

        private void add(Slot slot) {
            @Nullable Slot[] all = slots();
            if (size == all.length) {
                all = Arrays.copyOf(all, size * 2);
                slots = all;
            }
            Slot last = size > first ? all[size - 1] : null;
            if (size > first && (last == null || Slot.byId(last, slot) > 0)) {
                sorted = false; // after a hole or a greater id: sort when read
            }
            slot.bucket = this;
            slot.bucketIndex = size;
            all[size++] = slot;
            live++;
        }

        private void remove(Slot slot) {
            slots()[slot.bucketIndex] = null;
            slot.bucket = null;
            live--;
        }

        /** Sorts by id after appends, and drops the holes once they outnumber the slots. */
        private void prepare() {
            @Nullable Slot[] all = slots();
            if (sorted && size - first - live <= live) {
                return;
            }
            int n = 0;
            for (int i = first; i < size; i++) {
                if (all[i] != null) {
                    all[n++] = all[i];
                }
            }
            Arrays.fill(all, n, size, null);
            if (!sorted) {
                sortById(all, n);
            }
            for (int i = 0; i < n; i++) {
                Objects.requireNonNull(all[i]).bucketIndex = i;
            }
            size = n;
            first = 0;
            sorted = true;
        }
    }

    /**
     * Sorts the first {@code n} slots by {@link Slot#byId}. The slots of a bucket are spread over the heap, so a
     * comparator sort misses the cache on nearly every comparison; this one sorts copies of each slot's packed
     * first eight id characters (two longs: engine ids share their {@code INC-} prefix, so the first four alone
     * decide nothing), moving the slots alongside, and compares the strings only within runs of equal keys.
     */
    private static void sortById(@Nullable Slot[] all, int n) {
        long[] heads = new long[n];
        long[] nexts = new long[n];
        for (int i = 0; i < n; i++) {
            Slot s = Objects.requireNonNull(all[i]);
            heads[i] = s.idHead ^ Long.MIN_VALUE; // unsigned order as signed order
            nexts[i] = s.idNext ^ Long.MIN_VALUE;
        }
        new KeySort(heads, nexts, all).sort(0, n - 1);
        for (int i = 0; i < n; ) {
            int j = i + 1;
            while (j < n && heads[j] == heads[i] && nexts[j] == nexts[i]) {
                j++;
            }
            if (j - i > 1) {
                Arrays.sort(all, i, j, Slot::byId);
            }
            i = j;
        }
    }

    /** A quicksort of slots by two primitive keys, compared as a pair. */
    private static final class KeySort {
        private final long[] heads;
        private final long[] nexts;
        private final @Nullable Slot[] slots;

        private KeySort(long[] heads, long[] nexts, @Nullable Slot[] slots) {
            this.heads = heads;
            this.nexts = nexts;
            this.slots = slots;
        }

        private int compare(int a, int b) {
            int c = Long.compare(heads[a], heads[b]);
            return c != 0 ? c : Long.compare(nexts[a], nexts[b]);
        }

        private int compareTo(int a, long head, long next) {
            int c = Long.compare(heads[a], head);
            return c != 0 ? c : Long.compare(nexts[a], next);
        }

        /** Sorts {@code [lo, hi]}. */
        private void sort(int lo, int hi) {
            while (hi - lo > 16) {
                int mid = (lo + hi) >>> 1;
                // median of three as the pivot, so sorted and reversed runs stay O(n log n)
                if (compare(mid, lo) < 0) {
                    swap(mid, lo);
                }
                if (compare(hi, lo) < 0) {
                    swap(hi, lo);
                }
                if (compare(hi, mid) < 0) {
                    swap(hi, mid);
                }
                long head = heads[mid];
                long next = nexts[mid];
                int i = lo;
                int j = hi;
                while (i <= j) {
                    while (compareTo(i, head, next) < 0) {
                        i++;
                    }
                    while (compareTo(j, head, next) > 0) {
                        j--;
                    }
                    if (i <= j) {
                        swap(i++, j--);
                    }
                }
                // recurse into the smaller side, loop on the larger: the stack stays O(log n)
                if (j - lo < hi - i) {
                    sort(lo, j);
                    lo = i;
                } else {
                    sort(i, hi);
                    hi = j;
                }
            }
            for (int i = lo + 1; i <= hi; i++) {
                for (int j = i; j > lo && compare(j - 1, j) > 0; j--) {
                    swap(j - 1, j);
                }
            }
        }

        private void swap(int a, int b) {
            long h = heads[a];
            heads[a] = heads[b];
            heads[b] = h;
            long x = nexts[a];
            nexts[a] = nexts[b];
            nexts[b] = x;
            Slot s = slots[a];
            slots[a] = slots[b];
            slots[b] = s;
        }
    }

    private final Map<String, Slot> byId = new HashMap<>();
    /**
     * The slot last looked up by id: an engine loads a record and then saves it (and often saves it again for
     * a page's outcome), so most look-ups ask for the same id as the one before and skip the map.
     */
    private @Nullable Slot recent;
    private final Map<String, Slot> openByKey = new HashMap<>();
    /** The due index: the open slots with a due instant, by instant (non-empty buckets only). */
    private final NavigableMap<Instant, Bucket> due = new TreeMap<>();
    /** The bucket a slot was last added to: a storm's incidents fall due at one instant one after another. */
    private @Nullable Bucket lastBucket;
    /**
     * Every slot's current record, in insertion order ({@link #order} holds the slots; purged ones leave no
     * gap). Saves replace records here rather than in the slots: a young record stored into an old object dirties
     * that object's card, which the next young collection scans, and 100,000 slots spread over the old generation
     * meant as many cards per collection; in this dense array 128 records share a card.
     */
    private IncidentRecord[] records = new IncidentRecord[64];
    private Slot[] order = new Slot[64];
    private int count;

    /** An empty store. */
    public InMemoryIncidentStore() {
    }

    /** True: a load is a map lookup, so the engine keeps no copy of what it last saved. */
    @Override
    public boolean loadsAreLocal() {
        return true;
    }

    @Override
    public synchronized Optional<IncidentRecord> load(String id) {
        Slot slot = slot(id);
        return slot == null ? Optional.empty() : Optional.of(records[slot.index]);
    }

    @Override
    public synchronized Optional<IncidentRecord> findOpenByKey(String dedupKey) {
        Slot slot = openByKey.get(dedupKey);
        if (slot == null) {
            return Optional.empty();
        }
        recent = slot; // a repeat is counted on it next (countAlert, save)
        return Optional.of(records[slot.index]);
    }

    @Override
    public synchronized IncidentRecord save(IncidentRecord record) {
        return write(record, null);
    }

    /** The same as {@code save(changes.build())}, with one record built instead of two. */
    @Override
    public synchronized IncidentRecord save(IncidentRecord.Changes changes) {
        return write(changes.base(), changes);
    }

    /**
     * Saves {@code read}'s id at {@code read}'s version: {@code read} itself with the next version, or, given
     * {@code changes} (whose base is {@code read}), what they build at the next version.
     */
    private IncidentRecord write(IncidentRecord read, IncidentRecord.@Nullable Changes changes) {
        Slot slot = slot(read.id());
        IncidentRecord old = slot == null ? null : records[slot.index];
        if (read.version() == 0 ? old != null : old == null || old.version() != read.version()) {
            throw conflict(read, old);
        }
        IncidentRecord saved = changes == null ? read.withVersion(read.version() + 1) : changes.buildNextVersion();
        StoredText.check(saved, old); // the same text contract as every store: nothing a database would refuse
        boolean wasOpen = old != null && old.isOpen();
        // An open record holds its key: keeping the same key open needs no look at the key map.
        boolean keepsKey = wasOpen && saved.isOpen() && old.dedupKey().equals(saved.dedupKey());
        if (saved.isOpen() && !keepsKey) {
            Slot holder = openByKey.get(saved.dedupKey());
            if (holder != null && holder != slot) {
                throw new DuplicateOpenIncidentException(saved.dedupKey(), holder.id, saved.id());
            }
        }
        if (slot == null) {
            if (count == records.length) {
                records = Arrays.copyOf(records, count * 2);
                order = Arrays.copyOf(order, count * 2);
            }
            slot = new Slot(count, saved.id());
            order[count++] = slot;
            byId.put(saved.id(), slot);
            recent = slot;
        }
        records[slot.index] = saved;
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

    /** Only count and last-seen change: no index is touched (the key stays open, the due instant stays). */
    @Override
    public synchronized IncidentRecord countAlert(IncidentRecord read, Instant at) {
        Slot slot = slot(read.id());
        IncidentRecord old = slot == null ? null : records[slot.index];
        if (old == null || old.version() != read.version()) {
            throw conflict(read, old);
        }
        IncidentRecord saved = old.nextVersionWithAlertSeen(at);
        records[slot.index] = saved;
        return saved;
    }

    /** The refusal of a write based on {@code record}'s version over what is stored ({@code old}, or nothing). */
    private static StoreConflictException conflict(IncidentRecord record, @Nullable IncidentRecord old) {
        return new StoreConflictException(record.id(), record.version(), old == null ? -1 : old.version());
    }

    private @Nullable Slot slot(String id) {
        Slot last = recent;
        if (last != null && last.id.equals(id)) {
            return last;
        }
        Slot slot = byId.get(id);
        if (slot != null) {
            recent = slot;
        }
        return slot;
    }

    private void reindexDue(Slot slot, IncidentRecord saved) {
        Instant newDue = saved.isOpen() ? saved.nextDueAt() : null;
        Bucket old = slot.bucket;
        if (old != null && old.at.equals(newDue)) {
            return;
        }
        if (old != null) {
            leave(slot, old);
        }
        if (newDue != null) {
            Bucket b = lastBucket != null && lastBucket.live > 0 && lastBucket.at.equals(newDue) ? lastBucket
                    : due.computeIfAbsent(newDue, Bucket::new);
            b.add(slot);
            lastBucket = b;
        }
    }

    private void leave(Slot slot, Bucket bucket) {
        bucket.remove(slot);
        if (bucket.live == 0) {
            due.remove(bucket.at);
            bucket.slots = null; // a dead bucket; lastBucket checks live before reusing it
        }
    }

    /** Buckets in instant order, each sorted by id when read: the order {@code ORDER BY due, id} gives. */
    @Override
    public synchronized List<IncidentRecord> findDue(Instant at, int limit) {
        List<IncidentRecord> result = new ArrayList<>(Math.max(0, Math.min(limit, 256)));
        for (Bucket b : due.headMap(at, true).values()) {
            if (result.size() >= limit) {
                break;
            }
            b.prepare();
            @Nullable Slot[] all = b.slots();
            for (int i = b.first; i < b.size && result.size() < limit; i++) {
                Slot s = all[i];
                if (s != null) {
                    result.add(records[s.index]);
                } else if (i == b.first) {
                    b.first++;
                }
            }
        }
        return result;
    }

    @Override
    public synchronized Optional<Instant> nextDueAt() {
        return due.isEmpty() ? Optional.empty() : Optional.of(due.firstKey());
    }

    @Override
    public synchronized List<IncidentRecord> findOpen() {
        // The records array is in insertion order, as all() lists them: read the open slots in that order.
        int[] indexes = new int[openByKey.size()];
        int n = 0;
        for (Slot slot : openByKey.values()) {
            indexes[n++] = slot.index;
        }
        Arrays.sort(indexes);
        List<IncidentRecord> result = new ArrayList<>(n);
        for (int i : indexes) {
            result.add(records[i]);
        }
        return result;
    }

    /**
     * From the cursor's place in insertion order: open incidents through the open-key index (sorted by place), all
     * incidents by a walk from the cursor, stopping at the limit.
     */
    @Override
    public synchronized List<IncidentRecord> find(Query query) {
        int start = 0;
        if (query.afterId() != null) {
            Slot after = byId.get(query.afterId());
            if (after == null) {
                return List.of();
            }
            start = after.index + 1;
        }
        List<IncidentRecord> result = new ArrayList<>(Math.min(query.limit(), 256));
        if (query.openOnly()) {
            int[] indexes = new int[openByKey.size()];
            int n = 0;
            for (Slot slot : openByKey.values()) {
                if (slot.index >= start) {
                    indexes[n++] = slot.index;
                }
            }
            Arrays.sort(indexes, 0, n);
            for (int i = 0; i < n && result.size() < query.limit(); i++) {
                if (query.matches(records[indexes[i]])) {
                    result.add(records[indexes[i]]);
                }
            }
            return result;
        }
        for (int i = start; i < count && result.size() < query.limit(); i++) {
            if (query.matches(records[i])) {
                result.add(records[i]);
            }
        }
        return result;
    }

    @Override
    public synchronized long countOpen() {
        return openByKey.size();
    }

    @Override
    public synchronized List<IncidentRecord> all() {
        return new ArrayList<>(Arrays.asList(records).subList(0, count));
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
        for (int i = 0; i < count; i++) {
            IncidentRecord r = records[i];
            Instant resolvedAt = r.resolvedAt();
            if (r.status() == IncidentRecord.Status.RESOLVED && resolvedAt != null && resolvedAt.isBefore(cutoff)) {
                expired.add(order[i]);
            }
        }
        expired.sort(Comparator.comparing((Slot slot) -> records[slot.index].resolvedAt()));
        List<Slot> batch = expired.subList(0, Math.min(batchSize, expired.size()));
        Set<Slot> gone = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Slot slot : batch) {
            byId.remove(slot.id);
            if (slot == recent) {
                recent = null;
            }
            Bucket bucket = slot.bucket;
            if (bucket != null) {
                leave(slot, bucket);
            }
            gone.add(slot);
        }
        int kept = 0;
        for (int i = 0; i < count; i++) {
            Slot slot = order[i];
            if (!gone.contains(slot)) {
                slot.index = kept;
                order[kept] = slot;
                records[kept++] = records[i];
            }
        }
        Arrays.fill(order, kept, count, null);
        Arrays.fill(records, kept, count, null);
        count = kept;
        return batch.size();
    }
}

