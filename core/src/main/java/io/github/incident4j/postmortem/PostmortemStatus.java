package io.github.incident4j.postmortem;

import io.github.incident4j.ValidationException;
import java.util.List;
import java.util.Locale;

/**
 * Whether a postmortem is still being written or claims to be finished. In Markdown it is the optional header
 * field {@code **Status**: draft} or {@code **Status**: final} (or {@code status:} in front matter); a postmortem
 * without one has no status and is treated as a draft.
 */
public enum PostmortemStatus {
    /** Still being written. */
    DRAFT("in progress", "in-progress", "wip", "in review", "under review", "review", "pending review", "open",
            "work in progress"),
    /** Reviewed and finished: lint then refuses template placeholders. */
    FINAL("complete", "completed", "published", "approved", "done", "closed", "reviewed", "finished");

    private final List<String> words;

    PostmortemStatus(String... words) {
        this.words = List.of(words);
    }

    /** {@code draft} or {@code final}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads {@code draft} or {@code final} and the words teams use for them, ignoring case: {@code in progress},
     * {@code in review}, {@code WIP} (draft); {@code complete}, {@code published}, {@code approved} (final). Only the
     * part before a comma or a dash counts, so the SRE book's {@code Complete, action items in progress} is final.
     *
     * @throws ValidationException for anything else
     */
    public static PostmortemStatus parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        int cut = t.length();
        for (String stop : List.of(",", ";", " - ", " — ", " (")) {
            int at = t.indexOf(stop);
            if (at > 0) {
                cut = Math.min(cut, at);
            }
        }
        String head = t.substring(0, cut).strip();
        for (PostmortemStatus s : values()) {
            if (s.label().equals(head) || s.words.contains(head)) {
                return s;
            }
        }
        throw ValidationException.of("status", text, "expected draft or final (or in progress, in review, complete, "
                + "published)");
    }
}
