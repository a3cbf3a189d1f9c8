package io.github.incident4j.postmortem;

import io.github.incident4j.ValidationException;
import java.util.Locale;

/**
 * Whether a postmortem is still being written or claims to be finished. In Markdown it is the optional
 * header line {@code **Status**: draft} or {@code **Status**: final}; a postmortem without that line has no
 * status and is treated as a draft.
 */
public enum PostmortemStatus {
    /** Still being written. */
    DRAFT,
    /** Reviewed and finished: lint then refuses template placeholders. */
    FINAL;

    /** {@code draft} or {@code final}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads {@code draft} or {@code final}, ignoring case. */
    public static PostmortemStatus parse(String text) {
        for (PostmortemStatus s : values()) {
            if (s.label().equalsIgnoreCase(text.strip())) {
                return s;
            }
        }
        throw ValidationException.of("status", text, "expected draft or final");
    }
}
