package io.github.incident4j.incident;

import io.github.incident4j.Incident4jException;

/** An operation named an incident the store does not hold. */
public class IncidentNotFoundException extends Incident4jException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception for the missing id. */
    public IncidentNotFoundException(IncidentId id) {
        super("no incident with id " + id);
    }
}
