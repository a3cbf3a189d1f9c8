package io.github.incident4j.postmortem;

import io.github.incident4j.common.Problems;
import io.github.incident4j.common.Severity;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A postmortem, as in the team's template: header fields, the narrative sections, the timeline and the
 * action items, plus any section or header field the model does not know, kept verbatim and in place.
 * Absent values ({@code null}, empty) are what a template leaves open: its placeholders {@code [Title]},
 * {@code YYYY-MM-DD}, {@code HH:MM}, {@code SEV-X}, {@code X%}, {@code [Names]} read as absent.
 *
 * <pre>{@code
 * Postmortem pm = Postmortem.titled("Checkout errors after v2.3.1")
 *         .date(LocalDate.of(2025, 1, 15))
 *         .window(LocalTime.of(14, 0), LocalTime.of(14, 22))
 *         .severity(2)
 *         .impact("12% of users affected, 3,400 requests failed")
 *         .authors("Alice", "Bob")
 *         .summary("Checkout failed for 22 minutes after a deploy leaked DB connections.")
 *         .event("14:00", "Deployment v2.3.1 rolled out")
 *         .event("14:22", "Service recovered, error rate normal")
 *         .rootCause("The new retry path never closed its connection.")
 *         .wentWell("Alert fired within 5 minutes of issue")
 *         .wentWrong("DB connection leak not caught in code review")
 *         .actionItem(ActionItem.of(Priority.P1, "Add connection pool monitoring metric")
 *                 .ownedBy("@dev").dueOn(LocalDate.of(2025, 2, 1)))
 *         .toBeWritten(Section.LESSONS_LEARNED)
 *         .build();
 * pm.duration();   // Optional[PT22M]
 * }</pre>
 *
 * <p>Start and end are UTC times on {@link #date()}; an end before the start is on the next day, so an
 * incident lasts less than 24 hours in this model. Narrative sections hold Markdown; the marker
 * {@link #TO_BE_WRITTEN} says a person still has to write one (a drafter sets it, lint reports it in a
 * final postmortem).
 *
 * @param id an explicit identity across revisions ({@code **ID**: PM-2025-014}), or {@code null}
 * @param title the title, or {@code null} for the template's {@code [Title]}
 * @param date the UTC day the incident started
 * @param start UTC time the incident started
 * @param end UTC time it was resolved
 * @param severity SEV-1..SEV-5
 * @param impact the impact line
 * @param authors who wrote it (names without commas)
 * @param status draft or final; {@code null} when the document does not say (treated as a draft)
 * @param extraFields header fields the model does not know, in order
 * @param summary the summary (Markdown)
 * @param timeline the timeline rows in document order
 * @param rootCause the root cause (Markdown)
 * @param wentWell what went well (Markdown, usually a bullet list)
 * @param wentWrong what went wrong (Markdown, usually a bullet list)
 * @param actionItems the action items in document order
 * @param lessonsLearned lessons learned (Markdown)
 * @param extraSections sections the model does not know, each placed after a known section; kept in
 *     document order (a stable sort by the section they follow)
 */
public record Postmortem(
        @Nullable String id,
        @Nullable String title,
        @Nullable LocalDate date,
        @Nullable LocalTime start,
        @Nullable LocalTime end,
        @Nullable Severity severity,
        @Nullable Impact impact,
        List<String> authors,
        @Nullable PostmortemStatus status,
        List<HeaderField> extraFields,
        String summary,
        List<TimelineEntry> timeline,
        String rootCause,
        String wentWell,
        String wentWrong,
        List<ActionItem> actionItems,
        String lessonsLearned,
        List<ExtraSection> extraSections) {

    /** The body of a section still to be written by the people involved. */
    public static final String TO_BE_WRITTEN = "_To be written by the people involved._";

    /** The header field names the model reads itself (so an extra field may not use them). */
    public static final List<String> KNOWN_FIELDS = List.of("Date", "Duration", "Severity", "Impact", "Authors",
            "Status", "ID");

    // (?d): only \n ends a line (a \r is read as one, as by the reader and CommonMark); U+0085, U+2028, U+2029 are
    // ordinary characters, so a body line starting with one of them before '##' is text, not a heading (B7)
    private static final Pattern HEADING_LINE = Pattern.compile("(?md)^##(\\s.*)?$");

    /** Normalises (times to whole seconds, blank lines around bodies) and validates every part at once. */
    public Postmortem {
        start = start == null ? null : start.truncatedTo(ChronoUnit.SECONDS);
        end = end == null ? null : end.truncatedTo(ChronoUnit.SECONDS);
        authors = authors.stream().map(String::strip).toList();
        extraFields = List.copyOf(extraFields);
        timeline = List.copyOf(timeline);
        actionItems = List.copyOf(actionItems);
        // document order: sections placed first, then after each known section in the template's order
        extraSections = extraSections.stream()
                .sorted(java.util.Comparator.comparingInt(e -> e.after() == null ? -1 : e.after().ordinal()))
                .toList();
        summary = trimBlankLines(summary);
        rootCause = trimBlankLines(rootCause);
        wentWell = trimBlankLines(wentWell);
        wentWrong = trimBlankLines(wentWrong);
        lessonsLearned = trimBlankLines(lessonsLearned);
        id = id == null ? null : id.strip();
        title = title == null ? null : title.strip();

        Problems p = new Problems();
        if (id != null) {
            oneLine(p, "id", id, false);
        }
        // the template's placeholders stand for absent values, so they cannot be values themselves
        if (title != null && oneLine(p, "title", title, false)) {
            p.check(!title.equals("[Title]"), "title", title, "is the template placeholder; leave the title absent");
        }
        if (impact != null && oneLine(p, "impact", impact.text(), false)) {
            p.check(!impact.text().equals("X% of users affected, Y requests failed"), "impact", impact.text(),
                    "is the template placeholder; leave the impact absent");
        }
        p.check(!authors.equals(List.of("[Names]")), "authors", authors,
                "is the template placeholder; leave the authors empty");
        for (int i = 0; i < authors.size(); i++) {
            if (oneLine(p, "authors[" + i + "]", authors.get(i), false)) {
                p.check(authors.get(i).indexOf(',') < 0, "authors[" + i + "]", authors.get(i),
                        "must not contain a comma (authors are written comma-separated)");
            }
        }
        for (int i = 0; i < extraFields.size(); i++) {
            HeaderField f = extraFields.get(i);
            String path = "extraFields[" + i + "]";
            if (oneLine(p, path + ".name", f.name(), false)) {
                p.check(f.name().indexOf('*') < 0 && f.name().indexOf(':') < 0, path + ".name", f.name(),
                        "must not contain * or :");
                p.check(KNOWN_FIELDS.stream().noneMatch(k -> k.equalsIgnoreCase(f.name())), path + ".name", f.name(),
                        "is a field the model reads itself");
            }
            oneLine(p, path + ".value", f.value(), true);
        }
        body(p, "summary", summary);
        body(p, "rootCause", rootCause);
        body(p, "wentWell", wentWell);
        body(p, "wentWrong", wentWrong);
        body(p, "lessonsLearned", lessonsLearned);
        for (int i = 0; i < timeline.size(); i++) {
            oneLine(p, "timeline[" + i + "].event", timeline.get(i).event(), false);
        }
        for (int i = 0; i < actionItems.size(); i++) {
            ActionItem a = actionItems.get(i);
            oneLine(p, "actionItems[" + i + "].action", a.action(), false);
            if (a.owner() != null) {
                oneLine(p, "actionItems[" + i + "].owner", a.owner(), false);
            }
        }
        for (int i = 0; i < extraSections.size(); i++) {
            ExtraSection s = extraSections.get(i);
            String path = "extraSections[" + i + "]";
            if (oneLine(p, path + ".heading", s.heading(), false)) {
                p.check(Section.forHeading(s.heading()).isEmpty(), path + ".heading", s.heading(),
                        "names a section the model reads itself");
            }
            body(p, path + ".body", s.body());
        }
        p.throwIfAny("postmortem");
    }

    private static boolean oneLine(Problems p, String field, String value, boolean mayBeEmpty) {
        return p.check(mayBeEmpty || !value.isBlank(), field, value, "must not be blank")
                && p.check(value.indexOf('\n') < 0 && value.indexOf('\r') < 0, field, value,
                "must be one line");
    }

    private static void body(Problems p, String field, String value) {
        p.check(!HEADING_LINE.matcher(value.replace('\r', '\n')).find(), field, value,
                "must not contain a '## ' heading line (it would start a new section)");
    }

    /** Removes leading blank lines and trailing whitespace; normalises line ends to {@code \n}. */
    public static String trimBlankLines(String text) {
        String s = text.replace("\r\n", "\n").replace('\r', '\n');
        int startOfContent = 0;
        int i = 0;
        while (i < s.length()) {
            int nl = s.indexOf('\n', i);
            int lineEnd = nl < 0 ? s.length() : nl;
            if (!s.substring(i, lineEnd).isBlank()) {
                break;
            }
            i = lineEnd + 1;
            startOfContent = Math.min(i, s.length());
        }
        return s.substring(Math.min(startOfContent, s.length())).stripTrailing();
    }

    /** Starts a postmortem with a title (the DSL's entry point). */
    public static Builder titled(String title) {
        return new Builder().title(title);
    }

    /** Starts a postmortem without a title, as a template leaves it. */
    public static Builder untitled() {
        return new Builder();
    }

    /** A builder holding this postmortem's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.title = title;
        b.date = date;
        b.start = start;
        b.end = end;
        b.severity = severity;
        b.impact = impact;
        b.authors.addAll(authors);
        b.status = status;
        b.extraFields.addAll(extraFields);
        b.summary = summary;
        b.timeline.addAll(timeline);
        b.rootCause = rootCause;
        b.wentWell = wentWell;
        b.wentWrong = wentWrong;
        b.actionItems.addAll(actionItems);
        b.lessonsLearned = lessonsLearned;
        b.extraSections.addAll(extraSections);
        return b;
    }

    /** How long the incident lasted, from start to end (an end before the start is on the next day). */
    public Optional<Duration> duration() {
        if (start == null || end == null) {
            return Optional.empty();
        }
        Duration d = Duration.between(start, end);
        return Optional.of(d.isNegative() ? d.plusDays(1) : d);
    }

    /** The instant the incident started, when date and start are known. */
    public Optional<Instant> startInstant() {
        return date == null || start == null ? Optional.empty()
                : Optional.of(date.atTime(start).toInstant(ZoneOffset.UTC));
    }

    /** The instant it was resolved, when date, start and end are known. */
    public Optional<Instant> endInstant() {
        return startInstant().flatMap(s -> duration().map(s::plus));
    }

    /**
     * A timeline row placed in time.
     *
     * @param entry the row
     * @param index its 0-based position in the timeline
     * @param dayOffset days after {@link #date()}: 0, or more after the timeline crossed midnight
     * @param at the UTC instant, or {@code null} when the date or the row's time is absent
     */
    public record ResolvedEvent(TimelineEntry entry, int index, int dayOffset, @Nullable Instant at) {
    }

    /**
     * The timeline with each time placed on a day: rows are in document order, and a time earlier than
     * the one before it is on the next day (23:50 then 00:20 is 30 minutes later, not 23.5 hours
     * earlier). Rows without a time keep the day of the row before.
     */
    public List<ResolvedEvent> resolvedTimeline() {
        List<ResolvedEvent> out = new ArrayList<>();
        int day = 0;
        @Nullable LocalTime previous = null;
        for (int i = 0; i < timeline.size(); i++) {
            TimelineEntry e = timeline.get(i);
            LocalTime t = e.time();
            if (t != null && previous != null && t.isBefore(previous)) {
                day++;
            }
            if (t != null) {
                previous = t;
            }
            @Nullable Instant at = date == null || t == null ? null
                    : date.plusDays(day).atTime(t).toInstant(ZoneOffset.UTC);
            out.add(new ResolvedEvent(e, i, day, at));
        }
        return out;
    }

    /** Whether the postmortem claims to be final. */
    public boolean isFinal() {
        return status == PostmortemStatus.FINAL;
    }

    /** The Markdown body of a narrative section; the two table sections have none. */
    public String narrative(Section section) {
        return switch (section) {
            case SUMMARY -> summary;
            case ROOT_CAUSE -> rootCause;
            case WENT_WELL -> wentWell;
            case WENT_WRONG -> wentWrong;
            case LESSONS_LEARNED -> lessonsLearned;
            case TIMELINE, ACTION_ITEMS -> "";
        };
    }

    /** Whether a section is empty (a table without rows, a narrative without text). */
    public boolean isEmpty(Section section) {
        return switch (section) {
            case TIMELINE -> timeline.isEmpty();
            case ACTION_ITEMS -> actionItems.isEmpty();
            default -> narrative(section).isBlank();
        };
    }

    /** Whether a narrative section is still marked {@link #TO_BE_WRITTEN}. */
    public boolean isToBeWritten(Section section) {
        return narrative(section).contains(TO_BE_WRITTEN);
    }

    /** The items of a Markdown bullet list ({@code - a}, {@code * b}); other lines are ignored. */
    public static List<String> bullets(String markdown) {
        return markdown.lines().map(String::strip).filter(l -> l.matches("[-*+]\\s+.*"))
                .map(l -> l.substring(1).strip()).toList();
    }

    /**
     * What identifies this postmortem across revisions: its {@link #id()} when it has one, else its title
     * and date ({@code "checkout errors after v2.3.1@2025-01-15"}, title compared ignoring case).
     */
    public String identity() {
        if (id != null) {
            return "id:" + id;
        }
        return (title == null ? "" : title.toLowerCase(Locale.ROOT)) + "@" + (date == null ? "" : date);
    }

    /** Fluent builder; {@link #build()} validates and reports every problem at once. */
    public static final class Builder {
        private @Nullable String id;
        private @Nullable String title;
        private @Nullable LocalDate date;
        private @Nullable LocalTime start;
        private @Nullable LocalTime end;
        private @Nullable Severity severity;
        private @Nullable Impact impact;
        private final List<String> authors = new ArrayList<>();
        private @Nullable PostmortemStatus status;
        private final List<HeaderField> extraFields = new ArrayList<>();
        private String summary = "";
        private final List<TimelineEntry> timeline = new ArrayList<>();
        private String rootCause = "";
        private String wentWell = "";
        private String wentWrong = "";
        private final List<ActionItem> actionItems = new ArrayList<>();
        private String lessonsLearned = "";
        private final List<ExtraSection> extraSections = new ArrayList<>();

        private Builder() {
        }

        /** Sets the explicit identity across revisions. */
        public Builder id(@Nullable String value) {
            this.id = value;
            return this;
        }

        /** Sets the title. */
        public Builder title(@Nullable String value) {
            this.title = value;
            return this;
        }

        /** Sets the UTC day the incident started. */
        public Builder date(@Nullable LocalDate value) {
            this.date = value;
            return this;
        }

        /** Sets the UTC start time. */
        public Builder start(@Nullable LocalTime value) {
            this.start = value;
            return this;
        }

        /** Sets the UTC resolution time (before the start means the next day). */
        public Builder end(@Nullable LocalTime value) {
            this.end = value;
            return this;
        }

        /** Sets start and end. */
        public Builder window(@Nullable LocalTime startTime, @Nullable LocalTime endTime) {
            return start(startTime).end(endTime);
        }

        /** Sets the date, start and end from UTC instants (as a drafter has them); the end must be within 24 hours. */
        public Builder window(Instant startInstant, Instant endInstant) {
            date = startInstant.atOffset(ZoneOffset.UTC).toLocalDate();
            return window(startInstant.atOffset(ZoneOffset.UTC).toLocalTime(),
                    endInstant.atOffset(ZoneOffset.UTC).toLocalTime());
        }

        /** Sets the severity. */
        public Builder severity(@Nullable Severity value) {
            this.severity = value;
            return this;
        }

        /** Sets the severity by level 1..5. */
        public Builder severity(int level) {
            return severity(Severity.of(level));
        }

        /** Sets the impact line. */
        public Builder impact(@Nullable Impact value) {
            this.impact = value;
            return this;
        }

        /** Sets the impact line. */
        public Builder impact(String text) {
            return impact(Impact.of(text));
        }

        /** Replaces the authors. */
        public Builder authors(String... names) {
            return authors(Arrays.asList(names));
        }

        /** Replaces the authors. */
        public Builder authors(List<String> names) {
            authors.clear();
            authors.addAll(names);
            return this;
        }

        /** Sets draft or final. */
        public Builder status(@Nullable PostmortemStatus value) {
            this.status = value;
            return this;
        }

        /** Adds a header field the model does not know. */
        public Builder field(String name, String value) {
            extraFields.add(new HeaderField(name, value));
            return this;
        }

        /** Sets the summary (Markdown). */
        public Builder summary(String markdown) {
            this.summary = markdown;
            return this;
        }

        /** Adds a timeline row at {@code HH:MM} UTC. */
        public Builder event(String time, String event) {
            return event(TimelineEntry.at(time, event));
        }

        /** Adds a timeline row. */
        public Builder event(@Nullable LocalTime time, String event) {
            return event(new TimelineEntry(time, event));
        }

        /** Adds a timeline row. */
        public Builder event(TimelineEntry entry) {
            timeline.add(entry);
            return this;
        }

        /** Replaces the timeline. */
        public Builder timeline(List<TimelineEntry> entries) {
            timeline.clear();
            timeline.addAll(entries);
            return this;
        }

        /** Sets the root cause (Markdown). */
        public Builder rootCause(String markdown) {
            this.rootCause = markdown;
            return this;
        }

        /** Sets what went well as a bullet list. */
        public Builder wentWell(String... items) {
            this.wentWell = bulletList(items);
            return this;
        }

        /** Sets what went wrong as a bullet list. */
        public Builder wentWrong(String... items) {
            this.wentWrong = bulletList(items);
            return this;
        }

        /** Sets lessons learned (Markdown). */
        public Builder lessonsLearned(String markdown) {
            this.lessonsLearned = markdown;
            return this;
        }

        /** Sets the Markdown body of a narrative section. */
        public Builder narrative(Section section, String markdown) {
            switch (section) {
                case SUMMARY -> summary = markdown;
                case ROOT_CAUSE -> rootCause = markdown;
                case WENT_WELL -> wentWell = markdown;
                case WENT_WRONG -> wentWrong = markdown;
                case LESSONS_LEARNED -> lessonsLearned = markdown;
                case TIMELINE, ACTION_ITEMS -> throw io.github.incident4j.ValidationException.of("section", section,
                        "is a table, not a narrative section");
            }
            return this;
        }

        /** Marks narrative sections as {@link Postmortem#TO_BE_WRITTEN} by the people involved. */
        public Builder toBeWritten(Section... sections) {
            for (Section s : sections) {
                narrative(s, TO_BE_WRITTEN);
            }
            return this;
        }

        /** Adds an action item. */
        public Builder actionItem(ActionItem item) {
            actionItems.add(item);
            return this;
        }

        /** Adds an open action item. */
        public Builder actionItem(Priority priority, String action, @Nullable String owner, @Nullable LocalDate due) {
            return actionItem(ActionItem.of(priority, action).ownedBy(owner).dueOn(due));
        }

        /** Replaces the action items. */
        public Builder actionItems(List<ActionItem> items) {
            actionItems.clear();
            actionItems.addAll(items);
            return this;
        }

        /** Adds a section the model does not know, after a known one ({@code null}: before the first). */
        public Builder extraSection(String heading, String body, @Nullable Section after) {
            extraSections.add(new ExtraSection(heading, body, after));
            return this;
        }

        /** Builds and validates. */
        public Postmortem build() {
            return new Postmortem(id, title, date, start, end, severity, impact, authors, status, extraFields,
                    summary, timeline, rootCause, wentWell, wentWrong, actionItems, lessonsLearned, extraSections);
        }

        private static String bulletList(String... items) {
            StringBuilder b = new StringBuilder();
            for (String item : items) {
                b.append("- ").append(item.strip()).append('\n');
            }
            return b.toString();
        }
    }
}
