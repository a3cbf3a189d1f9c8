package io.github.incident4j.spi;

import io.github.incident4j.Incident4jException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An {@link IncidentStore} refused a record for a reason that retrying will not remove: a text the store cannot
 * keep exactly (see {@link StoredText}), a value too long for its field, a database constraint. Nothing was
 * changed. Unlike {@link StoreUnavailableException} the same save fails again, so the engine does not retry it: it
 * records what it can with the cause (see {@code IncidentManager}) and goes on.
 */
public class StoreRefusedException extends Incident4jException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    /** A refusal found before writing: every problem, each naming its field (e.g. {@code timeline[3].detail}). */
    public StoreRefusedException(String incidentId, List<String> problems) {
        super("incident " + incidentId + " cannot be stored: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** A refusal reported by the store itself (a database error), with its cause. */
    public StoreRefusedException(String message, @Nullable Throwable cause) {
        super(message, cause);
        this.problems = List.of(message);
    }

    /** What was refused, one entry per field (one entry for a refusal the database reported). */
    public List<String> problems() {
        return problems;
    }
}
