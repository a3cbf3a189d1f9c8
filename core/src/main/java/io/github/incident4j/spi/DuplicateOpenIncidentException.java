package io.github.incident4j.spi;

import io.github.incident4j.Incident4jException;

/**
 * An {@link IncidentStore} refused to save an open incident because another open incident already has the
 * same dedup key (at most one open incident per key). The caller counts the alert on the existing one.
 */
public class DuplicateOpenIncidentException extends Incident4jException {

    private static final long serialVersionUID = 1L;

    private final String dedupKey;
    private final String existingId;

    /** Creates the exception. */
    public DuplicateOpenIncidentException(String dedupKey, String existingId, String refusedId) {
        super("incident " + refusedId + " cannot be open with dedup key '" + dedupKey
                + "': incident " + existingId + " is already open with that key");
        this.dedupKey = dedupKey;
        this.existingId = existingId;
    }

    /** The dedup key. */
    public String dedupKey() {
        return dedupKey;
    }

    /** The id of the incident that holds the key. */
    public String existingId() {
        return existingId;
    }
}
