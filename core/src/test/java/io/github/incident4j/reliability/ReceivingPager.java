package io.github.incident4j.reliability;

import io.github.incident4j.Incident4jException;
import io.github.incident4j.sim.VirtualTime;
import io.github.incident4j.spi.Page;
import io.github.incident4j.spi.Pager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A flaky network in front of a deduplicating receiver. Each call, drawn from a seeded {@link Random}, is
 * delivered and answered, or (with probability {@code failureRate}) goes wrong in one of four ways: the call
 * throws, the stage fails, the stage never completes (the engine's page deadline must fire), or the page
 * reaches the receiver but the answer is lost (so the engine retries a page the receiver already has).
 *
 * <p>The receiver keeps every arrival keyed by {@link Page#idempotencyKey()}: {@link #firstArrivals()} is
 * what a deduplicating receiving service acts on, {@link #arrivals(String)} shows the duplicates it dropped.
 */
final class ReceivingPager implements Pager {

    /** How a call went. */
    enum Outcome { DELIVERED, THROWN, FAILED_STAGE, HUNG, ANSWER_LOST }

    /** A failure scripted by this pager. */
    static final class NetworkFailure extends Incident4jException {
        private static final long serialVersionUID = 1L;

        NetworkFailure(String message) {
            super(message);
        }
    }

    private final VirtualTime time;
    private final Random random;
    private final double failureRate;
    private final Map<String, List<Instant>> arrivals = new LinkedHashMap<>();
    private final Map<String, Integer> failedCallsByIncident = new HashMap<>();
    private final Map<Outcome, Integer> outcomes = new LinkedHashMap<>();
    private int calls;

    ReceivingPager(VirtualTime time, double failureRate, long seed) {
        this.time = time;
        this.random = new Random(seed);
        this.failureRate = failureRate;
        for (Outcome o : Outcome.values()) {
            outcomes.put(o, 0);
        }
    }

    @Override
    public CompletionStage<Void> send(Page page) {
        Outcome outcome;
        synchronized (this) {
            calls++;
            outcome = random.nextDouble() >= failureRate ? Outcome.DELIVERED
                    : Outcome.values()[1 + random.nextInt(Outcome.values().length - 1)];
            outcomes.merge(outcome, 1, Integer::sum);
            if (outcome != Outcome.DELIVERED) {
                failedCallsByIncident.merge(page.incidentId(), 1, Integer::sum);
            }
            if (outcome == Outcome.DELIVERED || outcome == Outcome.ANSWER_LOST) {
                arrivals.computeIfAbsent(page.idempotencyKey(), k -> new ArrayList<>()).add(time.now());
            }
        }
        return switch (outcome) {
            case DELIVERED -> Pager.delivered();
            case THROWN -> throw new NetworkFailure("connection reset paging " + page.recipient());
            case FAILED_STAGE -> CompletableFuture.failedFuture(new NetworkFailure("HTTP 503 from the provider"));
            case HUNG, ANSWER_LOST -> new CompletableFuture<>();
        };
    }

    /** Per idempotency key, the instant the receiver first saw it (what a deduplicating receiver acts on). */
    synchronized Map<String, Instant> firstArrivals() {
        Map<String, Instant> first = new LinkedHashMap<>();
        arrivals.forEach((k, v) -> first.put(k, v.get(0)));
        return first;
    }

    /** Every arrival of one key, duplicates included. */
    synchronized List<Instant> arrivals(String key) {
        return List.copyOf(arrivals.getOrDefault(key, List.of()));
    }

    /** Arrivals the receiver dropped as duplicates of a key it already had. */
    synchronized int duplicatesDropped() {
        return arrivals.values().stream().mapToInt(l -> l.size() - 1).sum();
    }

    /** Calls that failed, from the engine's point of view, for one incident. */
    synchronized int failedCalls(String incidentId) {
        return failedCallsByIncident.getOrDefault(incidentId, 0);
    }

    synchronized int calls() {
        return calls;
    }

    synchronized Map<Outcome, Integer> outcomes() {
        return Map.copyOf(outcomes);
    }

    /** The longest wait, over the engine's attempts of one page, before it counts as failed or retried. */
    static Duration retryBound(Duration pageDeadline, Duration backoff, int maxAttempts) {
        Duration bound = Duration.ZERO;
        for (int attempt = 1; attempt < maxAttempts; attempt++) {
            bound = bound.plus(pageDeadline).plus(backoff.multipliedBy(1L << (attempt - 1)));
        }
        return bound;
    }
}
