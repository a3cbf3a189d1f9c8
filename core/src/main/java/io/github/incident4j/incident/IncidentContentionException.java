package io.github.incident4j.incident;

import io.github.incident4j.Incident4jException;
import io.github.incident4j.spi.StoreConflictException;

/**
 * An operation gave up because every save of the incident conflicted with a newer version (or, for a trigger,
 * with another writer opening an incident for the same dedup key), as many times as
 * the manager's {@code maxConflictAttempts} allows: other writers keep changing the incident, or the store
 * serves reads that never catch up with its writes (a lagging replica). Nothing was changed by this
 * operation; the caller may retry it later.
 */
public class IncidentContentionException extends Incident4jException {

    private static final long serialVersionUID = 1L;

    private final IncidentId incidentId;
    private final String operation;
    private final int attempts;

    /**
     * Creates the exception; {@code last} is the last conflict, a {@link StoreConflictException} or, for a
     * trigger, a {@link io.github.incident4j.spi.DuplicateOpenIncidentException}.
     */
    public IncidentContentionException(IncidentId incidentId, String operation, int attempts,
            Incident4jException last) {
        super("gave up on " + operation + " of incident " + incidentId + " after " + attempts
                + " conflicting saves: " + last.getMessage(), last);
        this.incidentId = incidentId;
        this.operation = operation;
        this.attempts = attempts;
    }

    /** The incident. */
    public IncidentId incidentId() {
        return incidentId;
    }

    /** The operation that gave up, e.g. {@code acknowledge}. */
    public String operation() {
        return operation;
    }

    /** How many saves were tried. */
    public int attempts() {
        return attempts;
    }
}
