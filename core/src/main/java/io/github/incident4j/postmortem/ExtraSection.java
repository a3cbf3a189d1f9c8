package io.github.incident4j.postmortem;

import org.jspecify.annotations.Nullable;

/**
 * A section the model does not know (e.g. {@code ## Supporting Graphs}), kept verbatim and in place: it is
 * written after the known section it followed ({@code after}), or before the first section when
 * {@code after} is {@code null}. Several extra sections after the same known section keep their order.
 *
 * @param heading the heading text without {@code ## }
 * @param body the Markdown under it, without surrounding blank lines
 * @param after the known section it follows, or {@code null} when it comes first
 */
public record ExtraSection(String heading, String body, @Nullable Section after) {

    /** Normalises: heading stripped, surrounding blank lines removed from the body. */
    public ExtraSection {
        heading = heading.strip();
        body = Postmortem.trimBlankLines(body);
    }
}
