package io.github.incident4j.store;

import io.github.incident4j.Incident4jException;
import org.jspecify.annotations.Nullable;

/**
 * The JDBC store met a database error that retrying will not cure: a missing or foreign schema, a stored value
 * it cannot read, a statement the database refused. Connection trouble is reported as
 * {@link io.github.incident4j.spi.StoreUnavailableException} instead.
 */
public class JdbcStoreException extends Incident4jException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public JdbcStoreException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
