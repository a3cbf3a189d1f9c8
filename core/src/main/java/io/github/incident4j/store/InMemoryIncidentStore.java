package io.github.incident4j.store;

import io.github.incident4j.spi.DuplicateOpenIncidentException;
import io.github.incident4j.spi.IncidentRecord;
import io.github.incident4j.spi.IncidentStore;
import io.github.incident4j.spi.StoreConflictException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;

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

    private record Due(Instant at, String id) {
    }

    private static final Comparator<Due> DUE_ORDER = Comparator.comparing(Due::at).thenComparing(Due::id);

    private final Map<String, IncidentRecord> byId = new HashMap<>();
    private final Map<String, String> openByKey = new HashMap<>();
    private final NavigableSet<Due> due = new TreeSet<>(DUE_ORDER);
    private final List<String> insertionOrder = new ArrayList<>();

    /** An empty store. */
    public InMemoryIncidentStore() {
    }

    @Override
    public synchronized Optional<IncidentRecord> load(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized Optional<IncidentRecord> findOpenByKey(String dedupKey) {
        String id = openByKey.get(dedupKey);
        return id == null ? Optional.empty() : Optional.of(byId.get(id));
    }

    @Override
    public synchronized IncidentRecord save(IncidentRecord record) {
        IncidentRecord old = byId.get(record.id());
        long actual = old == null ? -1 : old.version();
        if (record.version() == 0 ? old != null : old == null || old.version() != record.version()) {
            throw new StoreConflictException(record.id(), record.version(), actual);
        }
        String holder = openByKey.get(record.dedupKey());
        if (record.isOpen() && holder != null && !holder.equals(record.id())) {
            throw new DuplicateOpenIncidentException(record.dedupKey(), holder, record.id());
        }
        IncidentRecord saved = record.withVersion(record.version() + 1);
        byId.put(saved.id(), saved);
        if (old == null) {
            insertionOrder.add(saved.id());
        }
        if (saved.isOpen()) {
            openByKey.put(saved.dedupKey(), saved.id());
        } else if (saved.id().equals(holder)) {
            openByKey.remove(saved.dedupKey());
        }
        Instant oldDue = old == null || !old.isOpen() ? null : old.nextDueAt();
        Instant newDue = saved.isOpen() ? saved.nextDueAt() : null;
        if (oldDue != null && !oldDue.equals(newDue)) {
            due.remove(new Due(oldDue, saved.id()));
        }
        if (newDue != null && !newDue.equals(oldDue)) {
            due.add(new Due(newDue, saved.id()));
        }
        return saved;
    }

    @Override
    public synchronized List<IncidentRecord> findDue(Instant at, int limit) {
        List<IncidentRecord> result = new ArrayList<>();
        for (Due d : due) {
            if (d.at().isAfter(at) || result.size() >= limit) {
                break;
            }
            result.add(byId.get(d.id()));
        }
        return result;
    }

    @Override
    public synchronized Optional<Instant> nextDueAt() {
        return due.isEmpty() ? Optional.empty() : Optional.of(due.first().at());
    }

    @Override
    public synchronized List<IncidentRecord> all() {
        List<IncidentRecord> result = new ArrayList<>(insertionOrder.size());
        for (String id : insertionOrder) {
            result.add(byId.get(id));
        }
        return result;
    }
}
