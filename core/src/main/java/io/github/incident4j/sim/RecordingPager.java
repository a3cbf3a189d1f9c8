package io.github.incident4j.sim;

import io.github.incident4j.spi.Page;
import io.github.incident4j.spi.Pager;
import io.github.incident4j.spi.Timers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Pager} for tests and dry runs: records every page it receives and can be scripted to fail
 * (the next N calls, or at random with a seeded {@link Random}) or to be slow (answer after a delay in
 * virtual time). Thread-safe.
 *
 * <pre>{@code
 * RecordingPager pager = new RecordingPager().failNext(2);
 * ... manager.trigger(alert, policy) ...
 * pager.pages();       // the pages delivered, as the recipients saw them (one per idempotency key)
 * pager.attempts();    // every call, failed ones included
 * }</pre>
 */
public final class RecordingPager implements Pager {

    /** Why a scripted call failed. */
    public static final class ScriptedFailure extends io.github.incident4j.Incident4jException {
        private static final long serialVersionUID = 1L;

        ScriptedFailure(String message) {
            super(message);
        }
    }

    private final List<Page> attempts = new ArrayList<>();
    /**
     * Every delivery in order; {@link #pages()} deduplicates them by key when asked, so recording a page costs
     * no key string, no hashing and no map entry (an engine in virtual time sends hundreds of thousands).
     */
    private final List<Page> deliveries = new ArrayList<>();
    private int failNext;
    private @Nullable Random random;
    private double failureRate;
    private @Nullable Duration slowBy;
    private @Nullable Timers slowTimers;
    private @Nullable Clock slowClock;

    /** A pager that accepts every page at once. */
    public RecordingPager() {
    }

    /** Fails the next {@code n} calls (by throwing). */
    public synchronized RecordingPager failNext(int n) {
        this.failNext = n;
        return this;
    }

    /** Fails each call with probability {@code rate}, drawn from a {@link Random} seeded with {@code seed}. */
    public synchronized RecordingPager failRandomly(double rate, long seed) {
        this.failureRate = rate;
        this.random = new Random(seed);
        return this;
    }

    /** Answers every call {@code delay} later on {@code timers} (the page counts as delivered then). */
    public synchronized RecordingPager slow(Duration delay, VirtualTime time) {
        this.slowBy = Objects.requireNonNull(delay, "delay");
        this.slowTimers = time;
        this.slowClock = time.clock();
        return this;
    }

    /** Stops every scripted failure and slowness. */
    public synchronized RecordingPager recover() {
        failNext = 0;
        random = null;
        slowBy = null;
        return this;
    }

    @Override
    public CompletionStage<Void> send(Page page) {
        Duration delay;
        synchronized (this) {
            attempts.add(page);
            if (failNext > 0) {
                failNext--;
                throw new ScriptedFailure("scripted failure paging " + page.recipient());
            }
            if (random != null && random.nextDouble() < failureRate) {
                return CompletableFuture.failedFuture(new ScriptedFailure("random failure paging " + page.recipient()));
            }
            delay = slowBy;
            if (delay == null) {
                deliver(page);
                return Pager.delivered();
            }
        }
        CompletableFuture<Void> answer = new CompletableFuture<>();
        Instant at = Objects.requireNonNull(slowClock).instant().plus(delay);
        Objects.requireNonNull(slowTimers).schedule(at, () -> {
            synchronized (this) {
                deliver(page);
            }
            answer.complete(null);
        });
        return answer;
    }

    private void deliver(Page page) {
        deliveries.add(page);
    }

    /** The first delivery of each idempotency key, in order. */
    private Collection<Page> firstDeliveries() {
        Map<String, Page> byKey = new LinkedHashMap<>(Math.max(16, deliveries.size() * 2));
        for (Page p : deliveries) {
            byKey.putIfAbsent(p.idempotencyKey(), p);
        }
        return byKey.values();
    }

    /** The pages delivered, one per idempotency key (what a deduplicating receiver shows), in order. */
    public synchronized List<Page> pages() {
        return List.copyOf(firstDeliveries());
    }

    /** Every successful delivery, duplicates of a key included. */
    public synchronized List<Page> deliveries() {
        return List.copyOf(deliveries);
    }

    /** Every call, failed ones included. */
    public synchronized List<Page> attempts() {
        return List.copyOf(attempts);
    }

    /** The recipients of {@link #pages()}, in order. */
    public synchronized List<String> recipients() {
        List<String> names = new ArrayList<>();
        firstDeliveries().forEach(p -> names.add(p.recipient()));
        return names;
    }

    /** Forgets every recorded page (scripts stay). */
    public synchronized void clear() {
        attempts.clear();
        deliveries.clear();
    }
}
