package io.github.incident4j.runbook;

import java.util.Objects;

/**
 * A section the model does not know ({@code ## Meaning}, {@code ## Impact}, {@code ## Contacts}), kept
 * verbatim and written back after the known part it followed.
 *
 * @param heading the heading text without the {@code ## }
 * @param body the lines under it, verbatim, without leading or trailing blank lines
 * @param after the known part it follows
 */
public record ExtraSection(String heading, String body, RunbookPart after) {

    /** Validates the parts (the runbook checks their grammar). */
    public ExtraSection {
        Objects.requireNonNull(heading, "heading");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(after, "after");
    }
}
