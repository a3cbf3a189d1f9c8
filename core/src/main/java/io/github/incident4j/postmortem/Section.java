package io.github.incident4j.postmortem;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The sections of a postmortem the model knows, in the order a new postmortem is written, with the heading written
 * for each and the headings that mean the same (matched ignoring case, numbering, emphasis, a trailing colon or
 * question mark and a trailing parenthesis such as {@code (UTC)}).
 *
 * <table>
 * <caption>Headings read as each section</caption>
 * <tr><th>section</th><th>also read from</th></tr>
 * <tr><td>Summary</td><td>Overview, Incident Summary, Issue Summary, Executive Summary, TL;DR</td></tr>
 * <tr><td>Impact</td><td>Customer Impact, User Impact, Business Impact, Impact Assessment</td></tr>
 * <tr><td>Timeline</td><td>Incident Timeline, Timeline of Events, Detailed Timeline, Chronology, Sequence of Events</td></tr>
 * <tr><td>Root Cause</td><td>Root Causes, Root Cause(s), Contributing Factors, Root Cause Analysis, Causes</td></tr>
 * <tr><td>Trigger</td><td>Triggers, Leadup, Lead-up</td></tr>
 * <tr><td>Detection</td><td>How It Was Detected</td></tr>
 * <tr><td>Resolution</td><td>Recovery, Resolution and Recovery, Mitigation and Resolution, Mitigation</td></tr>
 * <tr><td>What Went Well</td><td>What Went Right, What Worked</td></tr>
 * <tr><td>What Went Wrong</td><td>What Went Badly, What Didn't Go So Well, What Could Have Gone Better</td></tr>
 * <tr><td>Where We Got Lucky</td><td>Where Did We Get Lucky, Where We Were Lucky</td></tr>
 * <tr><td>Action Items</td><td>Follow-up Actions, Follow-ups, Action Items &amp; Followups, Corrective Actions,
 *     Corrective and Preventative Measures, Next Steps, Remediation Items</td></tr>
 * <tr><td>Lessons Learned</td><td>Lessons Learnt, Lessons, Learnings, How'd We Do, Takeaways</td></tr>
 * </table>
 */
public enum Section {
    /** One paragraph: what happened, the impact, how it was resolved. */
    SUMMARY("Summary", "summary", true, "overview", "incident summary", "issue summary", "executive summary", "tl;dr",
            "tldr", "synopsis", "incident overview", "abstract"),
    /** Who and what was affected, with numbers (the SRE book's and PagerDuty's Impact section). */
    IMPACT("Impact", "impactDetails", false, "customer impact", "user impact", "business impact", "impact assessment",
            "impact analysis", "impact summary", "scope and impact", "impact and scope"),
    /** The timeline: a table or list of times and events, with any note about it. */
    TIMELINE("Timeline (UTC)", "timeline", true, "timeline", "incident timeline", "timeline of events",
            "detailed timeline", "chronology", "sequence of events", "event timeline", "timeline of the incident"),
    /** The technical explanation. */
    ROOT_CAUSE("Root Cause", "rootCause", true, "root causes", "root cause analysis", "contributing factors",
            "contributing factor", "causes", "cause", "root cause and contributing factors", "causal factors"),
    /** What set it off. */
    TRIGGER("Trigger", "trigger", false, "triggers", "leadup", "lead-up", "lead up", "what triggered it",
            "triggering event"),
    /** How it was noticed. */
    DETECTION("Detection", "detection", false, "how it was detected", "how we found out", "how was it detected"),
    /** How it was mitigated and resolved. */
    RESOLUTION("Resolution", "resolution", false, "recovery", "resolution and recovery", "mitigation and resolution",
            "mitigation", "how it was resolved", "resolution and mitigation", "remediation and recovery"),
    /** What helped. */
    WENT_WELL("What Went Well", "wentWell", true, "what went right", "went well", "what worked", "what worked well",
            "things that went well"),
    /** What hurt. */
    WENT_WRONG("What Went Wrong", "wentWrong", true, "what went badly", "what didn't go so well", "what did not go so well",
            "what didn't go well", "what did not go well", "what could have gone better", "what could be improved",
            "went wrong", "what went poorly", "things that went wrong"),
    /** Where luck, not design, limited the damage. */
    WHERE_WE_GOT_LUCKY("Where We Got Lucky", "wentLucky", false, "where did we get lucky", "where we were lucky",
            "got lucky", "lucky"),
    /** The follow-ups: a table or a (task) list. */
    ACTION_ITEMS("Action Items", "actionItems", true, "action item", "follow-up actions", "follow-ups", "follow ups",
            "followups", "follow-up items", "action items and followups", "action items and follow-ups",
            "action items and follow ups", "corrective actions", "corrective and preventative measures",
            "corrective and preventive measures", "corrective and preventative actions", "preventive actions",
            "preventative measures", "remediation items", "next steps", "action plan", "follow-up", "followup"),
    /** Key takeaways (the SRE book puts what went well, wrong and lucky under it). */
    LESSONS_LEARNED("Lessons Learned", "lessonsLearned", true, "lessons learnt", "lessons", "learnings",
            "how'd we do", "how did we do", "takeaways", "key takeaways", "lessons and takeaways");

    private static final Map<String, Section> BY_NAME = new HashMap<>();
    private static final Pattern NUMBERING = Pattern.compile("^(?:\\d{1,3}(?:\\.\\d{1,3})*[.)]?|[ivx]{1,4}[.)])\\s+");
    private static final Pattern TRAILING_PARENTHESIS = Pattern.compile("\\s*\\([^()]*\\)$");

    static {
        for (Section s : values()) {
            BY_NAME.put(key(s.heading), s);
            for (String name : s.names) {
                BY_NAME.put(key(name), s);
            }
        }
    }

    private final String heading;
    private final String field;
    private final boolean inTemplate;
    private final List<String> names;

    Section(String heading, String field, boolean inTemplate, String... names) {
        this.heading = heading;
        this.field = field;
        this.inTemplate = inTemplate;
        this.names = List.of(names);
    }

    /** The {@link Postmortem} part holding this section, as validation problems and lint findings name it. */
    public String field() {
        return field;
    }

    /** The heading written for this section. */
    public String heading() {
        return heading;
    }

    /** Other headings that name this section (lower case). */
    public List<String> otherNames() {
        return names;
    }

    /**
     * Whether the team's template (the seed) has this section: a postmortem written from the model (not read from a
     * document) always has the template's sections, and the others only when they hold something.
     */
    public boolean isInTemplate() {
        return inTemplate;
    }

    /** Whether the section's body is free text (all but the timeline and the action items, which hold entries). */
    public boolean isNarrative() {
        return this != TIMELINE && this != ACTION_ITEMS;
    }

    /**
     * The section a heading names, if any: case, spacing, leading numbering ({@code 2.}, {@code iv.}), emphasis
     * marks, a trailing colon, full stop or question mark and a trailing parenthesis ({@code Timeline (UTC)}) do not
     * matter, nor {@code &} for {@code and} or a typographic apostrophe.
     */
    public static Optional<Section> forHeading(String heading) {
        return Optional.ofNullable(BY_NAME.get(key(heading)));
    }

    /** The text from its first letter or digit on (emoji and marks before a heading's words are decoration). */
    private static String leadingSymbolsDropped(String h) {
        int i = 0;
        while (i < h.length() && !Character.isLetterOrDigit(h.codePointAt(i))) {
            i += Character.charCount(h.codePointAt(i));
        }
        return h.substring(i);
    }

    /** The lookup key of a heading: see {@link #forHeading}. */
    private static String key(String heading) {
        String h = heading.replace("*", "").replace("`", "").replace('’', '\'').strip().toLowerCase(Locale.ROOT);
        h = NUMBERING.matcher(leadingSymbolsDropped(h)).replaceFirst("");
        h = leadingSymbolsDropped(h);
        h = TRAILING_PARENTHESIS.matcher(h).replaceFirst("");
        while (!h.isEmpty() && ":.?".indexOf(h.charAt(h.length() - 1)) >= 0) {
            h = h.substring(0, h.length() - 1).stripTrailing();
        }
        return h.replace("&", " and ").replaceAll("\\s+", " ").strip();
    }
}
