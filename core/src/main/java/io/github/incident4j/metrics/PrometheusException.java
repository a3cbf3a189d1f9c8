package io.github.incident4j.metrics;

import io.github.incident4j.Incident4jException;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * A Prometheus query failed: Prometheus refused it (a bad query: its own {@code errorType} and {@code error} text
 * are in the message), it timed out, the server could not be reached, or its answer cannot be one value.
 */
public class PrometheusException extends Incident4jException {

    private static final long serialVersionUID = 1L;

    private final @Nullable Integer status;
    private final @Nullable String errorType;

    /**
     * Creates the exception.
     *
     * @param message what failed, with the query
     * @param status the HTTP status, if an answer came
     * @param errorType Prometheus's {@code errorType} ({@code bad_data}, {@code execution}, {@code timeout}, ...), if any
     */
    public PrometheusException(String message, @Nullable Integer status, @Nullable String errorType,
            @Nullable Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errorType = errorType;
    }

    /** The HTTP status of the answer, if one came. */
    public OptionalInt status() {
        return status == null ? OptionalInt.empty() : OptionalInt.of(status);
    }

    /** Prometheus's {@code errorType}, if it gave one. */
    public Optional<String> errorType() {
        return Optional.ofNullable(errorType);
    }
}
