package io.github.incident4j.postmortem;

import io.github.incident4j.common.Finding;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Checks a postmortem against the team's practices and returns {@link Finding}s, each with a level, a
 * stable code and a location ({@code timeline[3]}, {@code actionItems[0]}, {@code rootCause}).
 *
 * <pre>{@code
 * List<Finding> findings = PostmortemLint.lint(postmortem);
 * List<Finding> strict = PostmortemLint.lint(postmortem, PostmortemLint.Options.defaults().withHighPriorityDueDays(14));
 * }</pre>
 *
 * <table>
 * <caption>Rules</caption>
 * <tr><th>code</th><th>level</th><th>when</th></tr>
 * <tr><td>{@code postmortem.timeline-out-of-order}</td><td>ERROR</td><td>a time earlier than the one before it
 *     that is not a midnight crossing: read as the next day it would leave a gap longer than
 *     {@link Options#maxTimelineStep()} (12 hours by default)</td></tr>
 * <tr><td>{@code postmortem.timeline-time-unreadable}</td><td>WARNING</td><td>an entry's time text gives neither a
 *     time nor a date ({@code ...}, {@code around noon}); it is kept as written but cannot be placed in time</td></tr>
 * <tr><td>{@code postmortem.action-item-due-unreadable}</td><td>WARNING</td><td>an open item's due text is not a
 *     date ({@code Q2}, {@code next sprint})</td></tr>
 * <tr><td>{@code postmortem.duration-inconsistent}</td><td>WARNING</td><td>the timeline begins after the start,
 *     ends before the end, or says "resolved"/"recovered" at another time than the end</td></tr>
 * <tr><td>{@code postmortem.action-item-without-owner}, {@code postmortem.action-item-without-due-date}</td>
 *     <td>WARNING</td><td>an open action item misses it</td></tr>
 * <tr><td>{@code postmortem.high-priority-due-late}</td><td>WARNING</td><td>a P0/P1 item due more than
 *     {@link Options#highPriorityDueDays()} (30) days after the incident</td></tr>
 * <tr><td>{@code postmortem.no-action-items}</td><td>ERROR</td><td>a SEV-1 or SEV-2 postmortem without action
 *     items</td></tr>
 * <tr><td>{@code postmortem.empty-section}</td><td>WARNING</td><td>a {@linkplain Options#requiredSections()
 *     required section} is empty</td></tr>
 * <tr><td>{@code postmortem.placeholder-in-final}</td><td>ERROR</td><td>a final postmortem still holds a template
 *     placeholder, the template's guidance text or the {@link Postmortem#TO_BE_WRITTEN} marker</td></tr>
 * <tr><td>{@code postmortem.blame}</td><td>WARNING</td><td>a sentence uses a blaming phrase, or names a person
 *     (an {@code @handle}, an author, an owner, a {@linkplain Options#knownPeople() known person}) after
 *     "caused by", "due to" and the like; the message carries a blameless rewrite hint</td></tr>
 * </table>
 */
public final class PostmortemLint {

    /** Guidance sentences of the seed template that are placeholders, not content. */
    static final List<String> TEMPLATE_TEXT = List.of(
            "One paragraph describing what happened, the impact, and how it was resolved.",
            "Detailed technical explanation of what went wrong.",
            "Key takeaways for the team.");

    private static final Pattern PLACEHOLDER_TOKEN = Pattern.compile(
            "\\[Title]|\\[Names]|YYYY-MM-DD|\\bHH:MM\\b|\\bSEV-X\\b|\\bX%|\\bTBD\\b|\\bTODO\\b");
    private static final Pattern RESOLVED = Pattern.compile("\\b(resolved|recovered)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+|\\n");

    private static final String BLAMELESS_HINT = "Postmortems are blameless (Google SRE book, \"Postmortem Culture\"):"
            + " describe what in the system or process allowed this, not who, e.g. \"the deploy pipeline let an"
            + " unreviewed config change reach production\" instead of \"Bob's careless change broke production\".";

    private PostmortemLint() {
    }

    /**
     * What the lint checks and how strictly.
     *
     * @param highPriorityDueDays days after the incident within which P0/P1 items are due
     * @param maxTimelineStep the longest gap a backwards time may mean (a midnight crossing); more is out of order
     * @param requiredSections sections that must not be empty
     * @param blamePhrases phrases that blame wherever they appear (matched as words, ignoring case)
     * @param causalPhrases phrases that blame when a person follows them ("caused by @bob")
     * @param knownPeople names counted as people besides the authors and owners
     */
    public record Options(int highPriorityDueDays, Duration maxTimelineStep, Set<Section> requiredSections,
            List<String> blamePhrases, List<String> causalPhrases, List<String> knownPeople) {

        /** Copies the collections. */
        public Options {
            requiredSections = requiredSections.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(requiredSections));
            blamePhrases = List.copyOf(blamePhrases);
            causalPhrases = List.copyOf(causalPhrases);
            knownPeople = List.copyOf(knownPeople);
        }

        /** 30 days, 12 hours, every narrative section and the timeline required, the default word lists. */
        public static Options defaults() {
            return new Options(30, Duration.ofHours(12),
                    EnumSet.of(Section.SUMMARY, Section.TIMELINE, Section.ROOT_CAUSE, Section.WENT_WELL,
                            Section.WENT_WRONG, Section.LESSONS_LEARNED),
                    List.of("fault of", "'s fault", "to blame", "blame on", "careless", "carelessly", "should have known",
                            "negligent", "negligence", "incompetent", "sloppy", "human error", "screwed up"),
                    List.of("caused by", "due to", "because of", "triggered by", "introduced by", "broken by"),
                    List.of());
        }

        /** A copy with another due limit for P0/P1 items. */
        public Options withHighPriorityDueDays(int days) {
            return new Options(days, maxTimelineStep, requiredSections, blamePhrases, causalPhrases, knownPeople);
        }

        /** A copy with another longest midnight-crossing gap. */
        public Options withMaxTimelineStep(Duration step) {
            return new Options(highPriorityDueDays, step, requiredSections, blamePhrases, causalPhrases, knownPeople);
        }

        /** A copy with other required sections. */
        public Options withRequiredSections(Set<Section> sections) {
            return new Options(highPriorityDueDays, maxTimelineStep, sections, blamePhrases, causalPhrases, knownPeople);
        }

        /** A copy with other blaming phrases. */
        public Options withBlamePhrases(List<String> phrases) {
            return new Options(highPriorityDueDays, maxTimelineStep, requiredSections, phrases, causalPhrases, knownPeople);
        }

        /** A copy with other causal phrases. */
        public Options withCausalPhrases(List<String> phrases) {
            return new Options(highPriorityDueDays, maxTimelineStep, requiredSections, blamePhrases, phrases, knownPeople);
        }

        /** A copy that also counts these names as people. */
        public Options withKnownPeople(List<String> people) {
            return new Options(highPriorityDueDays, maxTimelineStep, requiredSections, blamePhrases, causalPhrases, people);
        }
    }

    /** Lints with {@link Options#defaults()}. */
    public static List<Finding> lint(Postmortem p) {
        return lint(p, Options.defaults());
    }

    /** Lints with the given options; findings in rule order, then document order. */
    public static List<Finding> lint(Postmortem p, Options options) {
        List<Finding> out = new ArrayList<>();
        timelineOrder(p, options, out);
        unreadableTimes(p, out);
        duration(p, out);
        actionItems(p, options, out);
        sections(p, options, out);
        placeholders(p, out);
        blame(p, options, out);
        return List.copyOf(out);
    }

    private static void timelineOrder(Postmortem p, Options o, List<Finding> out) {
        @Nullable LocalTime previous = null;
        java.time.@Nullable Instant previousAt = null;
        List<Postmortem.ResolvedEvent> resolved = p.resolvedTimeline();
        for (int i = 0; i < p.timeline().size(); i++) {
            TimelineEntry e = p.timeline().get(i);
            LocalTime t = e.time();
            if (t == null) {
                continue;
            }
            if (e.date() != null) {
                // an entry that gives its date is placed by it: out of order only when it is earlier than the one before
                java.time.Instant at = resolved.get(i).at();
                if (at != null && previousAt != null && at.isBefore(previousAt)) {
                    out.add(Finding.error("postmortem.timeline-out-of-order", "the entry at " + e.timeText()
                            + " is earlier than the one before it", "timeline[" + i + "]"));
                }
                previousAt = at;
                previous = t;
                continue;
            }
            previousAt = resolved.get(i).at();
            if (previous != null && t.isBefore(previous)) {
                Duration step = Duration.between(previous, t).plusDays(1);
                if (step.compareTo(o.maxTimelineStep()) > 0) {
                    out.add(Finding.error("postmortem.timeline-out-of-order", "the time " + t + " comes after "
                            + previous + ": out of order (as a midnight crossing it would be a gap of "
                            + step.toMinutes() + " minutes, more than " + o.maxTimelineStep().toMinutes() + ")",
                            "timeline[" + i + "]"));
                }
            }
            previous = t;
        }
    }

    private static void unreadableTimes(Postmortem p, List<Finding> out) {
        for (int i = 0; i < p.timeline().size(); i++) {
            TimelineEntry e = p.timeline().get(i);
            if (e.time() == null && e.date() == null && !e.isPlaceholder()) {
                out.add(Finding.warning("postmortem.timeline-time-unreadable", "'" + e.timeText() + "' is not a time the "
                        + "timeline can be placed by (write HH:MM, YYYY-MM-DD HH:MM or ISO-8601)", "timeline[" + i + "]"));
            }
        }
    }

    private static void duration(Postmortem p, List<Finding> out) {
        if (p.start() == null || p.end() == null) {
            return;
        }
        // place start, end and every event on one axis: minutes from midnight of day 0
        long start = p.start().toSecondOfDay();
        long end = start + p.duration().orElseThrow().toSeconds();
        List<long[]> events = new ArrayList<>();
        for (Postmortem.ResolvedEvent e : p.resolvedTimeline()) {
            if (e.entry().time() != null) {
                events.add(new long[] {e.dayOffset() * 86_400L + e.entry().time().toSecondOfDay(), e.index()});
            }
        }
        if (events.isEmpty()) {
            return;
        }
        long first = events.get(0)[0];
        long last = events.get(events.size() - 1)[0];
        if (first > start) {
            out.add(Finding.warning("postmortem.duration-inconsistent", "the timeline begins at "
                    + p.timeline().get((int) events.get(0)[1]).time() + ", after the start " + p.start()
                    + "; add what happened at the start or correct the duration line", "timeline[0]"));
        }
        if (last < end) {
            out.add(Finding.warning("postmortem.duration-inconsistent", "the timeline ends at "
                    + p.timeline().get((int) events.get(events.size() - 1)[1]).time() + ", before the end " + p.end()
                    + "; add the resolution or correct the duration line", "timeline[" + events.get(events.size() - 1)[1] + "]"));
        }
        for (long[] e : events) {
            TimelineEntry entry = p.timeline().get((int) e[1]);
            if (RESOLVED.matcher(entry.event()).find() && e[0] != end) {
                out.add(Finding.warning("postmortem.duration-inconsistent", "\"" + entry.event() + "\" at "
                        + entry.time() + " but the duration line says resolved at " + p.end(), "timeline[" + e[1] + "]"));
            }
        }
    }

    private static void actionItems(Postmortem p, Options o, List<Finding> out) {
        List<ActionItem> items = p.actionItems();
        for (int i = 0; i < items.size(); i++) {
            ActionItem a = items.get(i);
            String where = "actionItems[" + i + "]";
            if (!a.status().isClosed() && a.owner() == null) {
                out.add(Finding.warning("postmortem.action-item-without-owner", "\"" + a.action() + "\" has no owner",
                        where));
            }
            if (!a.status().isClosed() && a.due() == null && a.dueText().isEmpty()) {
                out.add(Finding.warning("postmortem.action-item-without-due-date", "\"" + a.action()
                        + "\" has no due date", where));
            }
            if (!a.status().isClosed() && a.hasUnreadableDue()) {
                out.add(Finding.warning("postmortem.action-item-due-unreadable", "the due date '" + a.dueText()
                        + "' of \"" + a.action() + "\" is not a date (write YYYY-MM-DD)", where));
            }
            LocalDate date = p.date();
            if (a.priority() != null && a.priority().isHigh() && a.due() != null && date != null
                    && a.due().isAfter(date.plusDays(o.highPriorityDueDays()))) {
                out.add(Finding.warning("postmortem.high-priority-due-late", a.priority() + " item \"" + a.action()
                        + "\" is due " + a.due() + ", more than " + o.highPriorityDueDays()
                        + " days after the incident (" + date + ")", where));
            }
        }
        if (p.severity() != null && p.severity().rank() <= 2 && items.isEmpty()) {
            out.add(Finding.error("postmortem.no-action-items", "a " + p.severity().label()
                    + " postmortem needs action items that keep it from happening again", "actionItems"));
        }
    }

    private static void sections(Postmortem p, Options o, List<Finding> out) {
        for (Section s : Section.values()) {
            if (o.requiredSections().contains(s) && p.isEmpty(s)) {
                out.add(Finding.warning("postmortem.empty-section", "the section " + s.heading() + " is empty",
                        s.field()));
            }
        }
    }

    private static void placeholders(Postmortem p, List<Finding> out) {
        if (!p.isFinal()) {
            return;
        }
        List<String[]> missing = new ArrayList<>();
        absent(missing, p.title() == null, "title", "[Title]");
        absent(missing, p.date() == null, "date", "YYYY-MM-DD");
        absent(missing, p.start() == null, "start", "HH:MM");
        absent(missing, p.end() == null, "end", "HH:MM");
        absent(missing, p.severity() == null, "severity", "SEV-X");
        absent(missing, p.impact() == null, "impact", "X% of users affected, Y requests failed");
        absent(missing, p.authors().isEmpty(), "authors", "[Names]");
        for (int i = 0; i < p.timeline().size(); i++) {
            absent(missing, p.timeline().get(i).isPlaceholder() && p.timeline().get(i).date() == null,
                    "timeline[" + i + "].time", "HH:MM");
        }
        for (String[] m : missing) {
            out.add(Finding.error("postmortem.placeholder-in-final", "a final postmortem still has the placeholder "
                    + m[1] + " for its " + m[0], m[0]));
        }
        for (Section s : Section.values()) {
            String body = p.narrative(s);
            if (p.isToBeWritten(s)) {
                out.add(Finding.error("postmortem.placeholder-in-final", "the section " + s.heading()
                        + " is still marked to be written", s.field()));
            } else if (TEMPLATE_TEXT.stream().anyMatch(body::contains)) {
                out.add(Finding.error("postmortem.placeholder-in-final", "the section " + s.heading()
                        + " still holds the template's guidance text", s.field()));
            } else {
                Matcher m = PLACEHOLDER_TOKEN.matcher(body);
                if (m.find()) {
                    out.add(Finding.error("postmortem.placeholder-in-final", "the section " + s.heading()
                            + " still holds the placeholder " + m.group(), s.field()));
                }
            }
        }
        if (p.impact() != null && PLACEHOLDER_TOKEN.matcher(p.impact().text()).find()) {
            out.add(Finding.error("postmortem.placeholder-in-final", "the impact \"" + p.impact().text()
                    + "\" still holds a placeholder", "impact"));
        }
    }

    private static void absent(List<String[]> missing, boolean isAbsent, String field, String placeholder) {
        if (isAbsent) {
            missing.add(new String[] {field, placeholder});
        }
    }


    // ------------------------------------------------------------------ blame

    private static void blame(Postmortem p, Options o, List<Finding> out) {
        Set<String> people = people(p, o);
        for (Section s : Section.values()) {
            if (s.isNarrative()) {
                blameIn(p.narrative(s), s.field(), people, o, out);
            }
        }
        for (int i = 0; i < p.timeline().size(); i++) {
            blameIn(p.timeline().get(i).event(), "timeline[" + i + "]", people, o, out);
        }
        for (int i = 0; i < p.actionItems().size(); i++) {
            blameIn(p.actionItems().get(i).action(), "actionItems[" + i + "]", people, o, out);
        }
        for (int i = 0; i < p.extraSections().size(); i++) {
            blameIn(p.extraSections().get(i).body(), "extraSections[" + i + "]", people, o, out);
        }
    }

    /** Authors (full and first names), owners (with and without @) and the configured names. */
    private static Set<String> people(Postmortem p, Options o) {
        Set<String> people = new LinkedHashSet<>();
        List<String> names = new ArrayList<>(p.authors());
        names.addAll(o.knownPeople());
        p.actionItems().stream().map(ActionItem::owner).filter(java.util.Objects::nonNull).forEach(names::add);
        for (String n : names) {
            String name = n.startsWith("@") ? n.substring(1) : n;
            if (name.isBlank()) {
                continue;
            }
            people.add(name);
            people.add(name.split("\\s+")[0]);
        }
        return people;
    }

    private static void blameIn(String text, String location, Set<String> people, Options o, List<Finding> out) {
        for (String sentence : SENTENCE_END.split(text)) {
            String phrase = blamingPhrase(sentence, people, o);
            if (phrase != null) {
                out.add(Finding.warning("postmortem.blame", "\"" + sentence.strip() + "\" blames a person ("
                        + phrase + "). " + BLAMELESS_HINT, location));
            }
        }
    }

    private static @Nullable String blamingPhrase(String sentence, Set<String> people, Options o) {
        String lower = sentence.toLowerCase(Locale.ROOT);
        for (String phrase : o.blamePhrases()) {
            if (wordMatcher(phrase).matcher(lower).find()) {
                return "\"" + phrase + "\"";
            }
        }
        for (String phrase : o.causalPhrases()) {
            Matcher m = Pattern.compile(wordPattern(phrase) + "\\s+(?:the\\s+|a\\s+)?(@?[\\p{L}][\\p{L}\\p{N}._-]*)",
                    Pattern.CASE_INSENSITIVE).matcher(sentence);
            while (m.find()) {
                String who = m.group(1).replaceAll("[._-]+$", "");
                if (who.startsWith("@") || people.contains(who)) {
                    return "\"" + phrase + " " + who + "\"";
                }
            }
        }
        return null;
    }

    private static Pattern wordMatcher(String phrase) {
        return Pattern.compile(wordPattern(phrase.toLowerCase(Locale.ROOT)));
    }

    private static String wordPattern(String phrase) {
        String quoted = Pattern.quote(phrase.strip());
        boolean wordStart = Character.isLetterOrDigit(phrase.strip().charAt(0));
        return (wordStart ? "\\b" : "") + quoted + "\\b";
    }
}
