package io.github.incident4j.postmortem;

import java.util.Locale;
import java.util.Optional;

/** The sections of a postmortem the model knows, in the template's order, with their Markdown headings. */
public enum Section {
    /** One paragraph: what happened, the impact, how it was resolved. */
    SUMMARY("Summary", "summary"),
    /** The timeline table. */
    TIMELINE("Timeline (UTC)", "timeline"),
    /** The technical explanation. */
    ROOT_CAUSE("Root Cause", "rootCause"),
    /** What helped. */
    WENT_WELL("What Went Well", "wentWell"),
    /** What hurt. */
    WENT_WRONG("What Went Wrong", "wentWrong"),
    /** The action-items table. */
    ACTION_ITEMS("Action Items", "actionItems"),
    /** Key takeaways. */
    LESSONS_LEARNED("Lessons Learned", "lessonsLearned");

    private final String heading;
    private final String field;

    Section(String heading, String field) {
        this.heading = heading;
        this.field = field;
    }

    /** The {@link Postmortem} component holding this section, as validation problems and lint findings name it. */
    public String field() {
        return field;
    }

    /** The heading written for this section. */
    public String heading() {
        return heading;
    }

    /** Whether the section's body is free text (all but the two tables). */
    public boolean isNarrative() {
        return this != TIMELINE && this != ACTION_ITEMS;
    }

    /**
     * The section a heading names, ignoring case and spacing; {@code Timeline} also names the timeline, and
     * {@code Lessons} the lessons learned.
     */
    public static Optional<Section> forHeading(String heading) {
        String h = heading.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        for (Section s : values()) {
            if (s.heading.toLowerCase(Locale.ROOT).equals(h)) {
                return Optional.of(s);
            }
        }
        return switch (h) {
            case "timeline", "timeline (utc)" -> Optional.of(TIMELINE);
            case "lessons" -> Optional.of(LESSONS_LEARNED);
            default -> Optional.empty();
        };
    }
}
