package io.github.incident4j.spi;

import io.github.incident4j.Incident4jException;
import org.jspecify.annotations.Nullable;

/**
 * A cluster operation failed: the object does not exist, the call was forbidden, timed out, or the
 * cluster is unreachable. The message names the operation and the object.
 */
public class ClusterException extends Incident4jException {

    private static final long serialVersionUID = 1L;

    /** Why an operation failed, for callers that act on the kind of failure. */
    public enum Reason {
        /** The deployment, pod or revision does not exist. */
        NOT_FOUND,
        /** The caller may not do this (RBAC). */
        FORBIDDEN,
        /** The operation is refused in the object's state, e.g. undo of a paused deployment. */
        CONFLICT,
        /** The call did not answer in time. */
        TIMEOUT,
        /** The cluster could not be reached. */
        UNAVAILABLE,
        /** Anything else. */
        OTHER
    }

    private final Reason reason;

    /** Creates an exception for an operation on an object. */
    public ClusterException(Reason reason, String message) {
        this(reason, message, null);
    }

    /** Creates an exception with the low-level cause. */
    public ClusterException(Reason reason, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** The kind of failure. */
    public Reason reason() {
        return reason;
    }
}
