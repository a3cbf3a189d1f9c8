package io.github.incident4j.incident;

import io.github.incident4j.Incident4jException;

/** An operation is impossible in the incident's current status, e.g. acknowledging a resolved incident. */
public class IllegalIncidentTransitionException extends Incident4jException {

    private static final long serialVersionUID = 1L;

    private final IncidentId incidentId;
    private final IncidentStatus status;
    private final String operation;

    /** Creates the exception. */
    public IllegalIncidentTransitionException(IncidentId incidentId, IncidentStatus status, String operation) {
        super("cannot " + operation + " incident " + incidentId + ": it is " + status.name().toLowerCase(java.util.Locale.ROOT));
        this.incidentId = incidentId;
        this.status = status;
        this.operation = operation;
    }

    /** The incident. */
    public IncidentId incidentId() {
        return incidentId;
    }

    /** Its status when the operation was refused. */
    public IncidentStatus status() {
        return status;
    }

    /** The refused operation, e.g. {@code acknowledge}. */
    public String operation() {
        return operation;
    }
}
