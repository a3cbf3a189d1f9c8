package io.github.incident4j.postmortem;

import io.github.incident4j.common.Problems;
import io.github.incident4j.common.Severity;
import io.github.incident4j.common.Text;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A postmortem as teams write it: header fields, the narrative sections, the timeline and the action items, plus
 * any section or header field the model does not know. Absent values ({@code null}, empty) are what a template
 * leaves open: its placeholders {@code [Title]}, {@code YYYY-MM-DD}, {@code HH:MM}, {@code SEV-X}, {@code X%},
 * {@code [Names]} read as absent.
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
 * <p>Start and end are times in {@link #zone()} on {@link #date()}; an end before the start is on the next day, so
 * the window lasts less than 24 hours. The timeline's entries are placed in time by {@link #resolvedTimeline()}.
 * Narrative sections hold Markdown; the marker {@link #TO_BE_WRITTEN} says a person still has to write one (a
 * drafter sets it, lint reports it in a final postmortem).
 *
 * <p>A postmortem read from a document carries its {@link #source()}, so that writing it back rewrites only what
 * changed; the source is not part of its value ({@link #equals} ignores it).
 *
 * @param id an explicit identity across revisions ({@code **ID**: PM-2025-014}), or {@code null}
 * @param title the title, or {@code null} for the template's {@code [Title]}
 * @param date the day the incident started (in {@link #zone()})
 * @param start the time it started
 * @param end the time it was resolved
 * @param zone the zone of the window and of timeline times that do not name their own: what the timeline's
 *     heading ({@code Timeline (UTC)}), a note ({@code All times in CET.}) or the front matter says; UTC otherwise
 * @param severity SEV-1..SEV-5
 * @param impact the impact line
 * @param authors who wrote it (names without commas)
 * @param status draft or final; {@code null} when the document does not say (treated as a draft)
 * @param extraFields header fields the model does not know, in order
 * @param preamble Markdown between the title (and header fields) and the first section that is not a header field
 * @param sections the Markdown of each section present, by section: the narrative of a narrative section, and the
 *     notes around the entries of the timeline and the action items (e.g. {@code All times in UTC.}); blank bodies
 *     are left out
 * @param timeline the timeline's entries in document order
 * @param actionItems the action items in document order
 * @param extraSections sections the model does not know, each placed after a known section; kept in document
 *     order (a stable sort by the section they follow)
 * @param source the document it was read from, or {@code null} when it was built
 */
public record Postmortem(
        @Nullable String id,
        @Nullable String title,
        @Nullable LocalDate date,
        @Nullable LocalTime start,
        @Nullable LocalTime end,
        ZoneId zone,
        @Nullable Severity severity,
        @Nullable Impact impact,
        List<String> authors,
        @Nullable PostmortemStatus status,
        List<HeaderField> extraFields,
        String preamble,
        Map<Section, String> sections,
        List<TimelineEntry> timeline,
        List<ActionItem> actionItems,
        List<ExtraSection> extraSections,
        @Nullable PostmortemSource source) {

    /** The body of a section still to be written by the people involved. */
    public static final String TO_BE_WRITTEN = "_To be written by the people involved._";

    /** The header field names the model reads itself (so an extra field may not use them, nor their synonyms). */
    public static final List<String> KNOWN_FIELDS = List.of("Date", "Duration", "Severity", "Impact", "Authors",
            "Status", "ID", "Timezone");

    /** Normalises (times to whole seconds, blank lines around bodies) and validates every part at once. */
    public Postmortem {
        zone = Objects.requireNonNull(zone, "zone").normalized();
        start = start == null ? null : start.truncatedTo(ChronoUnit.SECONDS);
        end = end == null ? null : end.truncatedTo(ChronoUnit.SECONDS);
        authors = authors.stream().map(String::strip).toList();
        extraFields = List.copyOf(extraFields);
        timeline = List.copyOf(timeline);
        actionItems = List.copyOf(actionItems);
        // document order: sections placed first, then after each known section in the template's order
        extraSections = extraSections.stream()
                .sorted(Comparator.comparingInt(e -> e.after() == null ? -1 : e.after().ordinal()))
                .toList();
        preamble = trimBlankLines(preamble);
        EnumMap<Section, String> bodies = new EnumMap<>(Section.class);
        sections.forEach((s, body) -> {
            String b = trimBlankLines(body);
            if (!b.isEmpty()) {
                bodies.put(s, b);
            }
        });
        sections = Collections.unmodifiableMap(bodies);
        id = id == null ? null : id.strip();
        title = title == null ? null : title.strip();

        Problems p = new Problems();
        if (id != null) {
            oneLine(p, "id", id, false);
        }
        // the template's placeholders stand for absent values, so they cannot be values themselves
        if (title != null && oneLine(p, "title", title, false)) {
            p.check(!title.equals("[Title]"), "title", title, "is the template placeholder; leave the title absent");
            p.check(!CLOSING_HASHES.matcher(title).matches(), "title", title, HASHES);
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
        boolean window = start != null || end != null;
        for (int i = 0; i < extraFields.size(); i++) {
            HeaderField f = extraFields.get(i);
            String path = "extraFields[" + i + "]";
            if (oneLine(p, path + ".name", f.name(), false)) {
                p.check(f.name().indexOf('*') < 0 && f.name().indexOf(':') < 0, path + ".name", f.name(),
                        "must not contain * or :");
                // a Duration the model cannot read as a window ("66 minutes") is kept as written
                boolean readsItself = HeaderField.knownAs(f.name())
                        .filter(k -> !(k.equals("duration") && !window)).isPresent();
                p.check(!readsItself, path + ".name", f.name(), "is a field the model reads itself");
            }
            oneLine(p, path + ".value", f.value(), true);
        }
        body(p, "preamble", preamble);
        for (Map.Entry<Section, String> e : sections.entrySet()) {
            body(p, e.getKey().field(), e.getValue());
        }
        for (int i = 0; i < timeline.size(); i++) {
            TimelineEntry e = timeline.get(i);
            oneLine(p, "timeline[" + i + "].event", e.event(), true);
            oneLine(p, "timeline[" + i + "].time", e.timeText(), true);
            p.check(!e.event().isEmpty() || !e.timeText().isEmpty(), "timeline[" + i + "]", e,
                    "needs a time or an event");
            cells(p, "timeline[" + i + "].details", e.details());
        }
        for (int i = 0; i < actionItems.size(); i++) {
            ActionItem a = actionItems.get(i);
            oneLine(p, "actionItems[" + i + "].action", a.action(), false);
            if (a.owner() != null) {
                oneLine(p, "actionItems[" + i + "].owner", a.owner(), false);
            }
            if (a.ticket() != null) {
                oneLine(p, "actionItems[" + i + "].ticket", a.ticket(), false);
            }
            oneLine(p, "actionItems[" + i + "].due", a.dueText(), true);
            cells(p, "actionItems[" + i + "].details", a.details());
        }
        for (int i = 0; i < extraSections.size(); i++) {
            ExtraSection s = extraSections.get(i);
            String path = "extraSections[" + i + "]";
            if (oneLine(p, path + ".heading", s.heading(), false)) {
                p.check(!CLOSING_HASHES.matcher(s.heading()).matches(), path + ".heading", s.heading(), HASHES);
                // a second heading for a known section (Contributing Factors after Root Cause) is kept as written, after
                // the section it names, so that it reads back as an extra section again
                Optional<Section> named = Section.forHeading(s.heading());
                p.check(named.isEmpty() || s.after() != null && s.after().ordinal() >= named.get().ordinal(),
                        path + ".heading", s.heading(), "names a section the model reads itself; place it after "
                        + named.map(Section::heading).orElse("") + " or rename it");
            }
            body(p, path + ".body", s.body());
        }
        p.throwIfAny("postmortem");
    }

    private static boolean oneLine(Problems p, String field, String value, boolean mayBeEmpty) {
        return p.check(mayBeEmpty || !value.isBlank(), field, value, "must not be blank")
                && p.check(value.indexOf('\n') < 0 && value.indexOf('\r') < 0, field, value,
                "must be one line")
                && p.check(Text.textProblem(value).isEmpty(), field, value,
                Text.textProblem(value).map(m -> "must be text a document can carry: " + m).orElse(""));
    }

    private static void cells(Problems p, String field, Map<String, String> cells) {
        cells.forEach((k, v) -> {
            oneLine(p, field + "[" + k + "]", k, false);
            oneLine(p, field + "[" + k + "]", v, true);
        });
    }

    private static void body(Problems p, String field, String value) {
        p.check(headingLine(value) < 0, field, value,
                "must not contain a '#' or '##' heading line outside code (it would start a new section)");
        Text.textProblem(value).ifPresent(m -> p.add(field, value, "must be text a document can carry: " + m));
    }

    /**
     * The index of the first line of a Markdown body that is a level-1 or level-2 ATX heading outside a fenced code
     * block, or -1. (Only {@code \n} ends a line here, as the readers split lines: U+0085, U+2028 and U+2029 are
     * characters of their line.)
     */
    static int headingLine(String body) {
        String fence = null;
        boolean html = false;
        int index = 0;
        for (String line : body.replace('\r', '\n').split("\n", -1)) {
            int indent = 0;
            while (indent < line.length() && (line.charAt(indent) == ' ' || line.charAt(indent) == '\t')) {
                indent++;
            }
            String t = line.substring(indent);
            // an HTML block runs to the next blank line, and a '#' line inside it is HTML's, not a heading
            if (fence == null && t.isBlank()) {
                html = false;
            } else if (fence == null && !html && indent <= 3 && t.length() > 1 && t.charAt(0) == '<'
                    && (Character.isLetter(t.charAt(1)) || t.charAt(1) == '/' || t.charAt(1) == '!')) {
                html = true;
            }
            if (html) {
                index++;
                continue;
            }
            if (indent <= 3 && (t.startsWith("```") || t.startsWith("~~~"))) {
                String marker = t.substring(0, 3);
                if (fence == null) {
                    fence = marker;
                } else if (marker.equals(fence)) {
                    fence = null;
                }
            } else if (fence == null && indent <= 3 && HEADING_1_OR_2.matcher(t).matches()) {
                return index;
            }
            index++;
        }
        return -1;
    }

    /** A heading's text that ends in what Markdown reads as the heading's closing marks ({@code Title #}). */
    private static final Pattern CLOSING_HASHES = Pattern.compile("(?s)(?:.*[ \t])?#+[ \t]*");
    private static final String HASHES = "must not end in ' #' (Markdown reads it as the heading's closing marks)";

    private static final Pattern HEADING_1_OR_2 = Pattern.compile("(?d)#{1,2}(?:[ \t].*)?");

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

    /** Equal when every part but the {@link #source()} is equal. */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Postmortem q)) {
            return false;
        }
        return Objects.equals(id, q.id) && Objects.equals(title, q.title) && Objects.equals(date, q.date)
                && Objects.equals(start, q.start) && Objects.equals(end, q.end) && zone.equals(q.zone)
                && Objects.equals(severity, q.severity) && Objects.equals(impact, q.impact) && authors.equals(q.authors)
                && Objects.equals(status, q.status) && extraFields.equals(q.extraFields) && preamble.equals(q.preamble)
                && sections.equals(q.sections) && timeline.equals(q.timeline) && actionItems.equals(q.actionItems)
                && extraSections.equals(q.extraSections);
    }

    /** A hash of every part but the {@link #source()}. */
    @Override
    public int hashCode() {
        return Objects.hash(id, title, date, start, end, zone, severity, impact, authors, status, extraFields, preamble,
                sections, timeline, actionItems, extraSections);
    }

    /** Every part but the source's text, which says only how long it is. */
    @Override
    public String toString() {
        return "Postmortem[id=" + id + ", title=" + title + ", date=" + date + ", start=" + start + ", end=" + end
                + ", zone=" + zone + ", severity=" + severity + ", impact=" + impact + ", authors=" + authors
                + ", status=" + status + ", extraFields=" + extraFields + ", preamble=" + preamble + ", sections="
                + sections + ", timeline=" + timeline + ", actionItems=" + actionItems + ", extraSections="
                + extraSections + ", source=" + (source == null ? "none" : source.text().length() + " characters") + "]";
    }

    /** Starts a postmortem with a title (the DSL's entry point). */
    public static Builder titled(String title) {
        return new Builder().title(title);
    }

    /** Starts a postmortem without a title, as a template leaves it. */
    public static Builder untitled() {
        return new Builder();
    }

    /** A builder holding this postmortem's values and its source. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.title = title;
        b.date = date;
        b.start = start;
        b.end = end;
        b.zone = zone;
        b.severity = severity;
        b.impact = impact;
        b.authors.addAll(authors);
        b.status = status;
        b.extraFields.addAll(extraFields);
        b.preamble = preamble;
        b.sections.putAll(sections);
        b.timeline.addAll(timeline);
        b.actionItems.addAll(actionItems);
        b.extraSections.addAll(extraSections);
        b.source = source;
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
                : Optional.of(date.atTime(start).atZone(zone).toInstant());
    }

    /** The instant it was resolved, when date, start and end are known. */
    public Optional<Instant> endInstant() {
        if (date == null || start == null || end == null) {
            return Optional.empty();
        }
        LocalDate endDay = end.isBefore(start) ? date.plusDays(1) : date;
        return Optional.of(endDay.atTime(end).atZone(zone).toInstant());
    }

    /**
     * A timeline entry placed in time.
     *
     * @param entry the entry
     * @param index its 0-based position in the timeline
     * @param dayOffset days after {@link #date()} (0, or more after the timeline crossed midnight or moved to a later
     *     date); counted from the first date the timeline gives when the postmortem has no date
     * @param date the day it is on, or {@code null} when no date is known
     * @param zone the zone its time is in: its own, else the postmortem's
     * @param at the instant, or {@code null} when the date or the entry's time is absent
     */
    public record ResolvedEvent(TimelineEntry entry, int index, int dayOffset, @Nullable LocalDate date, ZoneId zone,
            @Nullable Instant at) {
    }

    /**
     * The timeline with each entry placed in time. An entry's date is the one it gives itself (in its time text or
     * the date heading it is under); otherwise it is on the day of the entry before it, and a time earlier than the
     * one before it is on the next day (23:50 then 00:20 is 30 minutes later, not 23.5 hours earlier); the first
     * entries without a date are on {@link #date()}. Entries without a time keep the day of the entry before. The
     * zone is the entry's own, else {@link #zone()}.
     */
    public List<ResolvedEvent> resolvedTimeline() {
        List<ResolvedEvent> out = new ArrayList<>();
        @Nullable LocalDate day = date;
        @Nullable LocalDate origin = date;
        @Nullable LocalTime previous = null;
        for (int i = 0; i < timeline.size(); i++) {
            TimelineEntry e = timeline.get(i);
            LocalTime t = e.time();
            if (e.date() != null) {
                day = e.date();
                previous = null;
                if (origin == null) {
                    origin = day;
                }
            } else if (t != null && previous != null && t.isBefore(previous)) {
                day = day == null ? null : day.plusDays(1);
            }
            if (t != null) {
                previous = t;
            }
            ZoneId z = e.zone() != null ? e.zone() : zone;
            @Nullable Instant at = day == null || t == null ? null : day.atTime(t).atZone(z).toInstant();
            int offset = day == null || origin == null ? 0 : (int) ChronoUnit.DAYS.between(origin, day);
            out.add(new ResolvedEvent(e, i, offset, day, z, at));
        }
        return out;
    }

    /** Whether the postmortem claims to be final. */
    public boolean isFinal() {
        return status == PostmortemStatus.FINAL;
    }

    /**
     * The Markdown of a section: the narrative of a narrative section, the notes around the entries of the timeline
     * and the action items; empty when the postmortem does not have it.
     */
    public String narrative(Section section) {
        return sections.getOrDefault(section, "");
    }

    /** The summary (Markdown). */
    public String summary() {
        return narrative(Section.SUMMARY);
    }

    /** The root cause (Markdown). */
    public String rootCause() {
        return narrative(Section.ROOT_CAUSE);
    }

    /** What went well (Markdown, usually a bullet list). */
    public String wentWell() {
        return narrative(Section.WENT_WELL);
    }

    /** What went wrong (Markdown, usually a bullet list). */
    public String wentWrong() {
        return narrative(Section.WENT_WRONG);
    }

    /** Where we got lucky (Markdown, usually a bullet list). */
    public String wentLucky() {
        return narrative(Section.WHERE_WE_GOT_LUCKY);
    }

    /** Lessons learned (Markdown). */
    public String lessonsLearned() {
        return narrative(Section.LESSONS_LEARNED);
    }

    /**
     * The lessons learned as the SRE book writes them: what went well, what went wrong and where we got lucky as
     * lists of bullet items, and the text under the Lessons Learned heading itself.
     */
    public Lessons lessons() {
        return new Lessons(bullets(wentWell()), bullets(wentWrong()), bullets(wentLucky()), lessonsLearned());
    }

    /**
     * The lessons learned of a postmortem.
     *
     * @param wentWell the bullet items of What Went Well
     * @param wentWrong the bullet items of What Went Wrong
     * @param lucky the bullet items of Where We Got Lucky
     * @param notes the Markdown of the Lessons Learned section itself
     */
    public record Lessons(List<String> wentWell, List<String> wentWrong, List<String> lucky, String notes) {
        /** Copies the lists. */
        public Lessons {
            wentWell = List.copyOf(wentWell);
            wentWrong = List.copyOf(wentWrong);
            lucky = List.copyOf(lucky);
        }
    }

    /** Whether a section is empty (the timeline or action items without entries, a narrative without text). */
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
        private ZoneId zone = ZoneOffset.UTC;
        private @Nullable Severity severity;
        private @Nullable Impact impact;
        private final List<String> authors = new ArrayList<>();
        private @Nullable PostmortemStatus status;
        private final List<HeaderField> extraFields = new ArrayList<>();
        private String preamble = "";
        private final Map<Section, String> sections = new EnumMap<>(Section.class);
        private final List<TimelineEntry> timeline = new ArrayList<>();
        private final List<ActionItem> actionItems = new ArrayList<>();
        private final List<ExtraSection> extraSections = new ArrayList<>();
        private @Nullable PostmortemSource source;

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

        /** Sets the day the incident started. */
        public Builder date(@Nullable LocalDate value) {
            this.date = value;
            return this;
        }

        /** Sets the start time. */
        public Builder start(@Nullable LocalTime value) {
            this.start = value;
            return this;
        }

        /** Sets the resolution time (before the start means the next day). */
        public Builder end(@Nullable LocalTime value) {
            this.end = value;
            return this;
        }

        /** Sets start and end. */
        public Builder window(@Nullable LocalTime startTime, @Nullable LocalTime endTime) {
            return start(startTime).end(endTime);
        }

        /**
         * Sets the date, start and end from instants (as a drafter has them), in the zone set so far (UTC unless
         * {@link #zone} was called); the end must be within 24 hours.
         */
        public Builder window(Instant startInstant, Instant endInstant) {
            date = startInstant.atZone(zone).toLocalDate();
            return window(startInstant.atZone(zone).toLocalTime(), endInstant.atZone(zone).toLocalTime());
        }

        /** Sets the zone of the window and of the timeline's times (default UTC). */
        public Builder zone(ZoneId value) {
            this.zone = Objects.requireNonNull(value, "zone");
            return this;
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

        /** Replaces the header fields the model does not know. */
        public Builder fields(List<HeaderField> fields) {
            extraFields.clear();
            extraFields.addAll(fields);
            return this;
        }

        /** Sets the Markdown between the header and the first section. */
        public Builder preamble(String markdown) {
            this.preamble = markdown;
            return this;
        }

        /** Sets the summary (Markdown). */
        public Builder summary(String markdown) {
            return narrative(Section.SUMMARY, markdown);
        }

        /** Adds a timeline entry at {@code HH:MM}. */
        public Builder event(String time, String event) {
            return event(TimelineEntry.at(time, event));
        }

        /** Adds a timeline entry. */
        public Builder event(@Nullable LocalTime time, String event) {
            return event(new TimelineEntry(time, event));
        }

        /** Adds a timeline entry. */
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
            return narrative(Section.ROOT_CAUSE, markdown);
        }

        /** Sets what went well as a bullet list. */
        public Builder wentWell(String... items) {
            return narrative(Section.WENT_WELL, bulletList(items));
        }

        /** Sets what went wrong as a bullet list. */
        public Builder wentWrong(String... items) {
            return narrative(Section.WENT_WRONG, bulletList(items));
        }

        /** Sets where we got lucky as a bullet list. */
        public Builder wentLucky(String... items) {
            return narrative(Section.WHERE_WE_GOT_LUCKY, bulletList(items));
        }

        /** Sets lessons learned (Markdown). */
        public Builder lessonsLearned(String markdown) {
            return narrative(Section.LESSONS_LEARNED, markdown);
        }

        /**
         * Sets the Markdown of a section: the narrative of a narrative section, the notes written with the entries
         * of the timeline or the action items. A blank text removes the section.
         */
        public Builder narrative(Section section, String markdown) {
            sections.put(Objects.requireNonNull(section, "section"), Objects.requireNonNull(markdown, "markdown"));
            return this;
        }

        /** Marks narrative sections as {@link Postmortem#TO_BE_WRITTEN} by the people involved. */
        public Builder toBeWritten(Section... toWrite) {
            for (Section s : toWrite) {
                if (!s.isNarrative()) {
                    throw io.github.incident4j.ValidationException.of("section", s,
                            "holds entries; only a narrative section can be marked to be written");
                }
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
        public Builder actionItem(@Nullable Priority priority, String action, @Nullable String owner,
                @Nullable LocalDate due) {
            return actionItem(new ActionItem(priority, action, owner, due, ActionItem.Status.OPEN));
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

        /** Replaces the sections the model does not know. */
        public Builder extraSections(List<ExtraSection> extras) {
            extraSections.clear();
            extraSections.addAll(extras);
            return this;
        }

        /**
         * Sets the document the postmortem is written back into ({@link PostmortemSource}); readers set it, and
         * {@code null} drops it so the postmortem is written in the template's layout.
         */
        public Builder source(@Nullable PostmortemSource value) {
            this.source = value;
            return this;
        }

        /** Builds and validates. */
        public Postmortem build() {
            return new Postmortem(id, title, date, start, end, zone, severity, impact, authors, status, extraFields,
                    preamble, sections, timeline, actionItems, extraSections, source);
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
