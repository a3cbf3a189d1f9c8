package io.github.incident4j.format.internal.postmortem;

import io.github.incident4j.format.internal.markdown.DocumentKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The columns of timeline and action-item tables by meaning, and the values that stand for "not written yet".
 * Column headings are matched as headings are ({@link DocumentKind#normalize}), so case, emphasis and a trailing
 * parenthesis ({@code Time (UTC)}) do not matter.
 */
public final class Columns {

    /** What a column of a timeline or action-item table holds. */
    public enum Role {
        /** The time of a timeline entry. */
        TIME("Time", "time", "timestamp", "timestamps", "date/time", "date / time", "date & time", "date and time",
                "datetime", "date time", "when", "date", "hour", "time of day", "clock"),
        /** What happened. */
        EVENT("Event", "event", "events", "description", "what happened", "what", "happening", "activity", "update",
                "action/impact", "action / impact", "summary", "details", "detail", "notes", "note", "action",
                "actions", "log", "entry", "message"),
        /** What is to be done. */
        ACTION("Action", "action", "actions", "action item", "action items", "item", "items", "task", "tasks",
                "description", "what", "follow-up", "followup", "follow up", "title", "summary", "todo", "to do",
                "remediation", "corrective action", "work item", "name", "improvement", "change"),
        /** Who does it. */
        OWNER("Owner", "owner", "owners", "owner(s)", "assignee", "assignees", "assigned to", "who", "responsible",
                "dri", "team", "owner/team", "assigned"),
        /** When it is due. */
        DUE("Due", "due", "due date", "deadline", "target date", "eta", "by", "by when", "target", "due by",
                "due on", "when"),
        /** How urgent it is. */
        PRIORITY("Priority", "priority", "p", "prio", "pri", "priority level"),
        /** Where it stands. */
        STATUS("Status", "status", "state", "progress", "done", "complete", "completed"),
        /** The ticket that tracks it. */
        TICKET("Ticket", "ticket", "tickets", "ticket #", "ticket#", "issue", "issues", "issue #", "link", "links",
                "bug", "bug #", "bug#", "bugs", "jira", "tracking", "tracker", "ref", "reference", "pr", "tracking issue");

        private final String heading;
        private final List<String> names;

        Role(String heading, String... names) {
            this.heading = heading;
            this.names = List.of(names);
        }

        /** The heading written for a new column. */
        public String heading() {
            return heading;
        }

        /** The headings read as this column (normalised), most telling first. */
        public List<String> names() {
            return names;
        }
    }

    private static final Set<String> PLACEHOLDERS = Set.of("tbd", "tba", "tbc", "?", "??", "???", "-", "--", "—",
            "–", "n/a", "na", "none", "_", "__", "___", "xxx", "todo", "...", "…", "hh:mm", "yyyy-mm-dd", "sev-x",
            "[title]", "[names]", "x hours", "pending");

    /** {@code [Your name]}, {@code [Critical/High]}, {@code <date of the incident>}: text a template asks to replace. */
    private static final java.util.regex.Pattern BRACKETED = java.util.regex.Pattern.compile(
            "\\[[^\\[\\]()]*]|<[A-Za-z][A-Za-z .'/-]* [A-Za-z .'/-]*>");

    private Columns() {
    }

    /** The heading of a column as matched: {@link DocumentKind#normalize}, and {@code &} read as {@code and}. */
    public static String key(String heading) {
        return DocumentKind.normalize(heading.replace("\\|", "|")).replace('’', '\'');
    }

    /**
     * The role of each column of a header: for each role in {@code wanted}, the first column whose heading is one of
     * its names, most telling name first (a column takes one role); -1 where none is.
     */
    public static Map<Role, Integer> map(List<String> headings, List<Role> wanted) {
        List<String> keys = new ArrayList<>();
        for (String h : headings) {
            keys.add(key(h));
        }
        Map<Role, Integer> out = new LinkedHashMap<>();
        boolean[] taken = new boolean[keys.size()];
        for (Role r : wanted) {
            int found = -1;
            for (String name : r.names()) {
                for (int c = 0; c < keys.size() && found < 0; c++) {
                    if (!taken[c] && keys.get(c).equals(name)) {
                        found = c;
                    }
                }
                if (found >= 0) {
                    break;
                }
            }
            if (found >= 0) {
                taken[found] = true;
            }
            out.put(r, found);
        }
        return out;
    }

    /**
     * Whether a value stands for "not written yet": blank, {@code TBD}, {@code ?}, {@code -}, {@code n/a}, the seed
     * template's placeholders, a bracketed placeholder ({@code [Your name]}, {@code <date>}) or blanks to fill
     * ({@code __}).
     */
    public static boolean isPlaceholder(String value) {
        String v = value.strip();
        if (v.isEmpty()) {
            return true;
        }
        String lower = v.toLowerCase(Locale.ROOT);
        if (PLACEHOLDERS.contains(lower)) {
            return true;
        }
        if (BRACKETED.matcher(v).matches()) {
            return true;
        }
        return v.chars().allMatch(c -> c == '_' || c == '＿' || c == ' ');
    }
}
