package io.github.incident4j.stack;

import io.github.incident4j.spi.IncidentRecord;
import io.github.incident4j.spi.IncidentStore;
import io.github.incident4j.spi.StoreUnavailableException;
import io.github.incident4j.store.InMemoryIncidentStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** An in-memory store that fails every call with {@link StoreUnavailableException} while {@link #down} is set. */
public final class OutageStore implements IncidentStore {

    private final InMemoryIncidentStore delegate = new InMemoryIncidentStore();
    private final String cause;
    /** Whether the store is down, as during a database outage or restart. */
    public volatile boolean down;

    /** A store that, when down, fails with {@code cause} (e.g. "connection refused"). */
    public OutageStore(String cause) {
        this.cause = cause;
    }

    private void check() {
        if (down) {
            throw new StoreUnavailableException(cause, null);
        }
    }

    @Override
    public Optional<IncidentRecord> load(String id) {
        check();
        return delegate.load(id);
    }

    @Override
    public Optional<IncidentRecord> findOpenByKey(String dedupKey) {
        check();
        return delegate.findOpenByKey(dedupKey);
    }

    @Override
    public IncidentRecord save(IncidentRecord record) {
        check();
        return delegate.save(record);
    }

    @Override
    public List<IncidentRecord> findDue(Instant at, int limit) {
        check();
        return delegate.findDue(at, limit);
    }

    @Override
    public Optional<Instant> nextDueAt() {
        check();
        return delegate.nextDueAt();
    }

    @Override
    public List<IncidentRecord> all() {
        check();
        return delegate.all();
    }
}
