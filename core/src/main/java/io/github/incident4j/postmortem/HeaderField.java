package io.github.incident4j.postmortem;

/**
 * A {@code **Name**: value} line of the postmortem header that the model does not know, such as
 * {@code **Incident**: INC-4821}; kept in order and written after the known fields.
 *
 * @param name the bold name
 * @param value the value as written (one line)
 */
public record HeaderField(String name, String value) {

    /** Strips both. */
    public HeaderField {
        name = name.strip();
        value = value.strip();
    }
}
