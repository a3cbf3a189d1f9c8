package io.github.incident4j.spi;

import io.github.incident4j.Incident4jException;

/**
 * An {@link IncidentStore} could not be reached (connection refused or lost, database shutting down, pool
 * exhausted). Nothing was changed, or the change was rolled back: the caller may retry the same operation once
 * the store is back. Stores never leak their driver's exceptions for this; they throw this one.
 */
public class StoreUnavailableException extends Incident4jException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with the driver's failure as cause. */
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
