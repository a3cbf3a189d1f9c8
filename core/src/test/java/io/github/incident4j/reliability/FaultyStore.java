package io.github.incident4j.reliability;

import io.github.incident4j.Incident4jException;
import io.github.incident4j.spi.IncidentRecord;
import io.github.incident4j.spi.IncidentStore;
import io.github.incident4j.spi.StoreConflictException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * An {@link IncidentStore} wrapper that misbehaves the way databases do, each fault drawn from a seeded
 * {@link Random}: a save that fails before it commits (the record is unchanged), a save that commits but
 * whose answer is lost (the caller sees an error, the store has the new version), and reads served by a
 * lagging replica (the version before the last save). Every fault can be switched on and off.
 *
 * <p>To keep a test from spinning forever on an engine that retries without pause, a burst of more than
 * {@link #HOT_LOOP_LIMIT} failed or conflicting saves at one instant raises an {@link AssertionError}, which no engine guard
 * catches.
 */
final class FaultyStore implements IncidentStore {

    /** Failed saves at a single clock instant beyond which the test is stopped as a hot loop. */
    static final int HOT_LOOP_LIMIT = 10_000;

    /** A scripted store failure. */
    static final class StoreDown extends Incident4jException {
        private static final long serialVersionUID = 1L;

        StoreDown(String message) {
            super(message);
        }
    }

    private final IncidentStore delegate;
    private final Clock clock;
    private final Random random;
    private final Map<String, IncidentRecord> latest = new HashMap<>();
    private final Map<String, IncidentRecord> previous = new HashMap<>();
    private double failBeforeCommit;
    private double failAfterCommit;
    private double staleReads;
    private int staleNext;
    private @Nullable IncidentRecord serveOnce;
    private int failedSaves;
    private int lostAnswers;
    private int staleServed;
    private Instant burstAt = Instant.MIN;
    private int burst;

    FaultyStore(IncidentStore delegate, Clock clock, long seed) {
        this.delegate = delegate;
        this.clock = clock;
        this.random = new Random(seed);
    }

    /** Saves fail before committing with this probability. */
    synchronized FaultyStore failBeforeCommit(double rate) {
        failBeforeCommit = rate;
        return this;
    }

    /** Saves commit but then fail (the answer is lost) with this probability. */
    synchronized FaultyStore failAfterCommit(double rate) {
        failAfterCommit = rate;
        return this;
    }

    /** Reads return the version before the last save with this probability. */
    synchronized FaultyStore staleReads(double rate) {
        staleReads = rate;
        return this;
    }

    /** The next {@code n} reads of a record saved more than once return its version before the last save. */
    synchronized FaultyStore staleNext(int n) {
        staleNext = n;
        return this;
    }

    /** The next read of {@code snapshot}'s incident returns {@code snapshot} (a replica lagging behind). */
    synchronized FaultyStore serveOnce(IncidentRecord snapshot) {
        serveOnce = snapshot;
        return this;
    }

    synchronized FaultyStore heal() {
        serveOnce = null;
        staleNext = 0;
        failBeforeCommit = 0;
        failAfterCommit = 0;
        staleReads = 0;
        return this;
    }

    @Override
    public IncidentRecord save(IncidentRecord record) {
        synchronized (this) {
            if (random.nextDouble() < failBeforeCommit) {
                countFailure();
                throw new StoreDown("connection refused saving " + record.id());
            }
        }
        IncidentRecord saved;
        try {
            saved = delegate.save(record);
        } catch (StoreConflictException e) {
            synchronized (this) {
                countFailure();
            }
            throw e;
        }
        synchronized (this) {
            IncidentRecord before = latest.put(saved.id(), saved);
            if (before != null) {
                previous.put(saved.id(), before);
            }
            if (random.nextDouble() < failAfterCommit) {
                lostAnswers++;
                countFailure();
                throw new StoreDown("connection reset after the commit of " + record.id());
            }
        }
        return saved;
    }

    private void countFailure() {
        failedSaves++;
        Instant now = clock.instant();
        burst = now.equals(burstAt) ? burst + 1 : 1;
        burstAt = now;
        if (burst > HOT_LOOP_LIMIT) {
            throw new AssertionError(burst + " failed saves at " + now + " without time moving: a hot retry loop");
        }
    }

    private Optional<IncidentRecord> maybeStale(Optional<IncidentRecord> fresh) {
        if (fresh.isEmpty()) {
            return fresh;
        }
        synchronized (this) {
            if (serveOnce != null && serveOnce.id().equals(fresh.get().id())) {
                IncidentRecord snapshot = serveOnce;
                serveOnce = null;
                staleServed++;
                return Optional.of(snapshot);
            }
            IncidentRecord old = previous.get(fresh.get().id());
            if (old != null && (staleNext > 0 || random.nextDouble() < staleReads)) {
                staleNext = Math.max(0, staleNext - 1);
                staleServed++;
                return Optional.of(old);
            }
        }
        return fresh;
    }

    @Override
    public Optional<IncidentRecord> load(String id) {
        return maybeStale(delegate.load(id));
    }

    @Override
    public Optional<IncidentRecord> findOpenByKey(String dedupKey) {
        return maybeStale(delegate.findOpenByKey(dedupKey));
    }

    @Override
    public List<IncidentRecord> findDue(Instant at, int limit) {
        return delegate.findDue(at, limit).stream().map(r -> maybeStale(Optional.of(r)).orElseThrow()).toList();
    }

    @Override
    public Optional<Instant> nextDueAt() {
        return delegate.nextDueAt();
    }

    @Override
    public List<IncidentRecord> all() {
        return delegate.all();
    }

    synchronized int failedSaves() {
        return failedSaves;
    }

    synchronized int lostAnswers() {
        return lostAnswers;
    }

    synchronized int staleServed() {
        return staleServed;
    }

    /** Runs {@code operation} until it gets through the store, as a caller facing a flaky store would. */
    static <T> T retrying(Supplier<T> operation) {
        for (int attempt = 1; ; attempt++) {
            try {
                return operation.get();
            } catch (StoreDown e) {
                if (attempt >= 1_000) {
                    throw e;
                }
            }
        }
    }
}
