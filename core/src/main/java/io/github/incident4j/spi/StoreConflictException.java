package io.github.incident4j.spi;

import io.github.incident4j.Incident4jException;

/**
 * An {@link IncidentStore} refused a save because the stored version is not the one the caller read:
 * someone else changed the incident meanwhile. The caller reloads and decides again.
 */
public class StoreConflictException extends Incident4jException {

    private static final long serialVersionUID = 1L;

    private final String incidentId;
    private final long expectedVersion;
    private final long actualVersion;

    /** Creates the exception; {@code actualVersion} is -1 when the incident is not stored. */
    public StoreConflictException(String incidentId, long expectedVersion, long actualVersion) {
        super("incident " + incidentId + " was changed concurrently: expected version " + expectedVersion
                + " but the store has " + (actualVersion < 0 ? "no such incident" : "version " + actualVersion));
        this.incidentId = incidentId;
        this.expectedVersion = expectedVersion;
        this.actualVersion = actualVersion;
    }

    /** The incident's id. */
    public String incidentId() {
        return incidentId;
    }

    /** The version the caller read. */
    public long expectedVersion() {
        return expectedVersion;
    }

    /** The version in the store, or -1 when absent. */
    public long actualVersion() {
        return actualVersion;
    }
}
