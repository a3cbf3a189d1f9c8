package io.github.incident4j.notify;

import io.github.incident4j.Incident4jException;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * A provider did not accept a notification. {@link #permanent()} says whether sending it again could help: a 400
 * (the provider refused the content) is permanent and was not retried; a 429, a 5xx, a timeout or a connection
 * failure is transient and was retried {@link #attempts()} times before this was thrown.
 */
public class DeliveryException extends Incident4jException {

    private static final long serialVersionUID = 1L;

    private final @Nullable Integer status;
    private final boolean permanent;
    private final int attempts;

    /**
     * Creates the exception.
     *
     * @param message what failed, naming the provider, the notification and the answer
     * @param status the HTTP status of the last answer, if there was one
     * @param permanent whether the provider refused the content (no retry helps)
     * @param attempts how many requests were made
     */
    public DeliveryException(String message, @Nullable Integer status, boolean permanent, int attempts,
            @Nullable Throwable cause) {
        super(message, cause);
        this.status = status;
        this.permanent = permanent;
        this.attempts = attempts;
    }

    /** The HTTP status of the last answer, or empty when no answer came (timeout, connection failure). */
    public OptionalInt status() {
        return status == null ? OptionalInt.empty() : OptionalInt.of(status);
    }

    /** Whether the provider refused the content, so retrying cannot help. */
    public boolean permanent() {
        return permanent;
    }

    /** How many requests were made. */
    public int attempts() {
        return attempts;
    }
}
