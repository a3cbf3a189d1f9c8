package io.github.incident4j.incident;

import java.time.Instant;
import java.util.Optional;

/**
 * A snapshot of an {@link IncidentManager}'s health ({@link IncidentManager#health()}), for a host's health endpoint
 * or alerting on the alerting.
 *
 * <pre>{@code
 * EngineHealth h = manager.health();
 * boolean ok = h.storeReachable() && h.lastWakeUp().map(t -> t.isAfter(now.minus(Duration.ofMinutes(5)))).orElse(true);
 * }</pre>
 *
 * @param at when the snapshot was taken (the manager's clock)
 * @param lastWakeUp when the manager last woke and processed every due incident without a store failure, if ever
 * @param storeReachable whether the store answered the snapshot's reads
 * @param openIncidents open incidents in the store, -1 when it did not answer
 * @param pagesPending pages not yet settled (neither delivered nor given up) in the open incidents' outboxes, -1
 *        when the store did not answer
 * @param pagesSending pages this manager is sending now (claimed, outcome not yet saved)
 */
public record EngineHealth(Instant at, Optional<Instant> lastWakeUp, boolean storeReachable, long openIncidents,
        int pagesPending, int pagesSending) {
}
