package io.github.incident4j.incident;

import java.util.Objects;
import java.util.UUID;

/**
 * The identity of an incident, e.g. {@code INC-3f2a…}.
 *
 * @param value the id text (not blank)
 */
public record IncidentId(String value) {

    /** Checks the value. */
    public IncidentId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("an incident id must not be blank");
        }
    }

    /** An id from text. */
    public static IncidentId of(String value) {
        return new IncidentId(value);
    }

    /** A fresh random id ({@code INC-} and a UUID), unique across engines sharing a store. */
    public static IncidentId random() {
        return new IncidentId("INC-" + UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value;
    }
}
