package io.github.incident4j;

import org.jspecify.annotations.Nullable;

/**
 * Root of every exception incident4j throws. Unchecked: callers catch it where they can act on it, and
 * the subclasses say what went wrong specifically ({@link ValidationException} for a value a builder
 * refuses, {@code FormatException} for a document that cannot be read, and so on).
 */
public class Incident4jException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message that says what failed and with which value. */
    public Incident4jException(String message) {
        super(message);
    }

    /** Creates an exception with a message and the cause it wraps. */
    public Incident4jException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
