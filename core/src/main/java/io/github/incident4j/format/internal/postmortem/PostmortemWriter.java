package io.github.incident4j.format.internal.postmortem;

import io.github.incident4j.format.internal.TableText;
import io.github.incident4j.format.internal.markdown.LineEnds;
import io.github.incident4j.format.internal.markdown.Splice;
import io.github.incident4j.format.internal.postmortem.SourceMap.Cell;
import io.github.incident4j.format.internal.postmortem.SourceMap.Container;
import io.github.incident4j.format.internal.postmortem.SourceMap.FieldSpot;
import io.github.incident4j.format.internal.postmortem.SourceMap.FieldStyle;
import io.github.incident4j.format.internal.postmortem.SourceMap.Kind;
import io.github.incident4j.format.internal.postmortem.SourceMap.Range;
import io.github.incident4j.format.internal.postmortem.SourceMap.Row;
import io.github.incident4j.format.internal.postmortem.SourceMap.SectionSpot;
import io.github.incident4j.postmortem.ActionItem;
import io.github.incident4j.postmortem.ExtraSection;
import io.github.incident4j.postmortem.HeaderField;
import io.github.incident4j.postmortem.Postmortem;
import io.github.incident4j.postmortem.Section;
import io.github.incident4j.postmortem.TimelineEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Writes a postmortem: back into the document it was read from, rewriting only the parts that changed, or, for a
 * postmortem that was built, in the layout of the team's template.
 *
 * <p>Into its source: the text is kept and each change becomes one edit of the place the reader found the part in
 * (a field's value, a heading's text, a section's body, a table cell, a list item, a task box); a part the document
 * did not have is added next to its kind (a field after the last field, a row after the last row, a section before
 * the next known section). New lines use the document's line ending. The output is the text plus the parts
 * written, so it is bounded by the input and the model.
 *
 * <p>In the template's layout: every table column is padded to its widest cell only when that is at most
 * {@value #MAX_ALIGNED} columns wide, so a long cell never multiplies the size of the others.
 */
public final class PostmortemWriter {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PostmortemWriter.class);

    /** The widest table column the template layout aligns. */
    static final int MAX_ALIGNED = 60;

    private static final Pattern OWNER_HANDLE = Pattern.compile("@[\\w][\\w.-]*[\\w]|@[\\w]");
    private static final Pattern TICKET = Pattern.compile("[A-Z][A-Z0-9]{1,9}-\\d{1,7}");
    private static final Pattern ISO_DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern YAML_PLAIN = Pattern.compile("[A-Za-z0-9@(][^:#\\[\\]{},\"'\\n]*");

    private PostmortemWriter() {
    }

    /** Writes a postmortem: into its source when it has one this package read, else in the template's layout. */
    public static String write(Postmortem p) {
        if (p.source() instanceof SourceMap m) {
            Postmortem before = m.snapshot();
            return before.equals(p) ? m.text() : new Into(p, before, m).write();
        }
        return template(p);
    }

    // ------------------------------------------------------------------ the template's layout

    /** The seed template's layout: absent values as its placeholders, its sections, then any other present. */
    public static String template(Postmortem p) {
        StringBuilder out = new StringBuilder();
        out.append("# Postmortem: ").append(p.title() == null ? "[Title]" : p.title()).append("\n\n");
        field(out, "Date", p.date() == null ? "YYYY-MM-DD" : p.date().toString());
        HeaderField statedDuration = p.extraFields().stream()
                .filter(f -> HeaderField.knownAs(f.name()).filter("duration"::equals).isPresent()).findFirst().orElse(null);
        field(out, "Duration", statedDuration != null ? statedDuration.value() : durationValue(p));
        field(out, "Severity", p.severity() == null ? "SEV-X" : p.severity().label());
        field(out, "Impact", p.impact() == null ? "X% of users affected, Y requests failed" : p.impact().text());
        field(out, "Authors", p.authors().isEmpty() ? "[Names]" : String.join(", ", p.authors()));
        if (p.status() != null) {
            field(out, "Status", p.status().label());
        }
        if (p.id() != null) {
            field(out, "ID", p.id());
        }
        for (HeaderField f : p.extraFields()) {
            if (f != statedDuration) {
                field(out, f.name(), f.value());
            }
        }
        if (!p.preamble().isEmpty()) {
            out.append('\n').append(p.preamble()).append('\n');
        }
        List<String> sections = new ArrayList<>();
        extras(sections, p, null);
        for (Section s : Section.values()) {
            // a section is written when the template has it, when it holds something, or when an extra section is
            // placed after it or has its name: so each extra section reads back after the same section
            boolean anchors = p.extraSections().stream().anyMatch(e -> e.after() == s
                    || Section.forHeading(e.heading()).orElse(null) == s);
            if (s.isInTemplate() || !p.isEmpty(s) || !p.narrative(s).isEmpty() || anchors) {
                sections.add(section("## " + heading(s, p), body(s, p)));
            }
            extras(sections, p, s);
        }
        out.append('\n').append(String.join("\n", sections));
        return out.toString();
    }

    /** The heading written for a section: the timeline's names its zone. */
    static String heading(Section s, Postmortem p) {
        return s == Section.TIMELINE ? "Timeline (" + TimelineEntry.zoneLabel(p.zone()) + ")" : s.heading();
    }

    private static String body(Section s, Postmortem p) {
        String notes = p.narrative(s);
        String table = switch (s) {
            case TIMELINE -> timelineTable(p.timeline());
            case ACTION_ITEMS -> actionTable(p.actionItems());
            default -> "";
        };
        if (table.isEmpty()) {
            return notes;
        }
        return notes.isEmpty() ? table : notes + "\n\n" + table;
    }

    /** {@code 14:00 start → 14:22 resolved (22 minutes)}, with the template's placeholders for what is absent. */
    static String durationValue(Postmortem p) {
        return (p.start() == null ? "HH:MM" : TimelineEntry.clock(p.start())) + " start → "
                + (p.end() == null ? "HH:MM" : TimelineEntry.clock(p.end())) + " resolved ("
                + p.duration().map(PostmortemWriter::humanDuration).orElse("X hours") + ")";
    }

    private static void field(StringBuilder out, String name, String value) {
        out.append("**").append(name).append("**: ").append(value).append('\n');
    }

    private static String section(String heading, String body) {
        String b = body.stripTrailing();
        return heading + "\n" + (b.isEmpty() ? "" : b + "\n");
    }

    private static void extras(List<String> sections, Postmortem p, @Nullable Section after) {
        for (ExtraSection e : p.extraSections()) {
            if (e.after() == after) {
                sections.add(section("## " + e.heading(), e.body()));
            }
        }
    }

    /** The heading of a column added for a role key ({@code status}, {@code detail:Impact}). */
    static String columnHeading(String role) {
        if (role.startsWith("detail:")) {
            return role.substring("detail:".length());
        }
        for (Columns.Role r : Columns.Role.values()) {
            if (r.name().equalsIgnoreCase(role)) {
                return r.heading();
            }
        }
        return role;
    }

    /** The detail columns of entries, in order of first appearance. */
    private static List<String> detailColumns(List<Map<String, String>> details) {
        Set<String> out = new LinkedHashSet<>();
        details.forEach(d -> out.addAll(d.keySet()));
        return new ArrayList<>(out);
    }

    static String timelineTable(List<TimelineEntry> entries) {
        List<String> details = detailColumns(entries.stream().map(TimelineEntry::details).toList());
        List<String> header = new ArrayList<>(List.of("Time", "Event"));
        header.addAll(details);
        List<List<String>> rows = new ArrayList<>();
        for (TimelineEntry e : entries) {
            List<String> row = new ArrayList<>(List.of(e.timeText(), e.event()));
            details.forEach(d -> row.add(e.details().getOrDefault(d, "")));
            rows.add(row);
        }
        return table(header, rows);
    }

    static String actionTable(List<ActionItem> items) {
        boolean withStatus = items.stream().anyMatch(i -> i.status() != ActionItem.Status.OPEN);
        boolean withTicket = items.stream().anyMatch(i -> i.ticket() != null);
        List<String> details = detailColumns(items.stream().map(ActionItem::details).toList());
        List<String> header = new ArrayList<>(List.of("Priority", "Action", "Owner", "Due"));
        if (withStatus) {
            header.add("Status");
        }
        if (withTicket) {
            header.add("Ticket");
        }
        header.addAll(details);
        List<List<String>> rows = new ArrayList<>();
        for (ActionItem i : items) {
            List<String> row = new ArrayList<>(List.of(i.priority() == null ? "" : i.priority().name(), i.action(),
                    i.owner() == null ? "" : i.owner(), i.dueText()));
            if (withStatus) {
                row.add(i.status().label());
            }
            if (withTicket) {
                row.add(i.ticket() == null ? "" : i.ticket());
            }
            details.forEach(d -> row.add(i.details().getOrDefault(d, "")));
            rows.add(row);
        }
        return table(header, rows);
    }

    /** A GitHub table, cells escaped; a column is aligned when its widest cell is at most {@link #MAX_ALIGNED} wide. */
    static String table(List<String> header, List<List<String>> rows) {
        return TableText.markdownTable(header, rows, MAX_ALIGNED);
    }

    /** {@code 22 minutes}, {@code 1 hour}, {@code 2 hours 5 minutes}, {@code 0 minutes}. */
    public static String humanDuration(Duration d) {
        List<String> parts = new ArrayList<>();
        long hours = d.toHours();
        if (hours > 0) {
            parts.add(hours + (hours == 1 ? " hour" : " hours"));
        }
        if (d.toMinutesPart() > 0 || (hours == 0 && d.toSecondsPart() == 0)) {
            parts.add(d.toMinutesPart() + (d.toMinutesPart() == 1 ? " minute" : " minutes"));
        }
        if (d.toSecondsPart() > 0) {
            parts.add(d.toSecondsPart() + (d.toSecondsPart() == 1 ? " second" : " seconds"));
        }
        return String.join(" ", parts);
    }

    // ------------------------------------------------------------------ into the source

    /** The edits that turn the source into the edited postmortem: only the parts that differ. */
    private static final class Into {
        private final Postmortem p;
        private final Postmortem before;
        private final SourceMap m;
        private final String text;
        private final String eol;
        private final Splice splice;
        /** Replaced ranges by start, so that no two edits overlap (a later one that would is left out). */
        private final TreeMap<Integer, Integer> taken = new TreeMap<>();
        /** Offsets where text is inserted, which no replaced range may straddle. */
        private final java.util.TreeSet<Integer> insertions = new java.util.TreeSet<>();

        Into(Postmortem p, Postmortem before, SourceMap m) {
            this.p = p;
            this.before = before;
            this.m = m;
            this.text = m.text();
            this.eol = m.eol();
            this.splice = Splice.of(text);
        }

        String write() {
            title();
            fields();
            preamble();
            for (Section s : Section.values()) {
                if (s.isNarrative()) {
                    narrative(s);
                }
            }
            entries(Section.TIMELINE, before.timeline(), p.timeline(), m.timeline, m.timelineContainers,
                    Into::timelineValues);
            entries(Section.ACTION_ITEMS, before.actionItems(), p.actionItems(), m.actionItems, m.actionContainers,
                    Into::actionValues);
            extras();
            return splice.apply();
        }

        // ---- edits that never overlap

        private boolean replace(int start, int end, String with) {
            Map.Entry<Integer, Integer> below = taken.floorEntry(Math.max(start, end - 1));
            Map.Entry<Integer, Integer> above = taken.ceilingEntry(start);
            Integer inserted = insertions.higher(start);
            if (below != null && below.getValue() > start && below.getKey() < Math.max(end, start + 1)
                    || above != null && above.getKey() < end || inserted != null && inserted < end) {
                dropped(start, with);
                return false;
            }
            if (end > start) {
                taken.put(start, end);
            }
            splice.replace(start, end, with);
            return true;
        }

        private void insert(int at, String with) {
            Map.Entry<Integer, Integer> below = taken.lowerEntry(at);
            if (below != null && below.getValue() > at) {
                dropped(at, with);
                return;
            }
            insertions.add(at);
            splice.insert(at, with);
        }

        /** Two changes of one place: the second is not written, loudly (the writer's parts never overlap by design). */
        private void dropped(int at, String with) {
            LOG.error("postmortem writer: a change at line {} overlaps another change and is not written: '{}'",
                    m.lines().line(at), with.length() > 80 ? with.substring(0, 80) + "…" : with);
        }

        private String lines(String modelText) {
            return LineEnds.convert(modelText, eol);
        }

        /** Deletes a whole line range [start, next line start), or the line break before it at the end of the text. */
        private void deleteLines(int start, int end) {
            int from = m.lines().lineStartOf(start);
            int to = end >= text.length() ? text.length() : m.lines().nextLineStart(Math.max(start, end - 1));
            if (to >= text.length() && !endsWithBreak(to)) {
                // the last line: take the line break before it instead of one after it
                int prev = from;
                while (prev > 0 && (text.charAt(prev - 1) == '\n' || text.charAt(prev - 1) == '\r')) {
                    prev--;
                    if (text.charAt(prev) == '\n' && prev > 0 && text.charAt(prev - 1) == '\r') {
                        prev--;
                    }
                    break;
                }
                from = prev;
            }
            replace(from, to, "");
        }

        private boolean endsWithBreak(int to) {
            return to > 0 && (text.charAt(to - 1) == '\n' || text.charAt(to - 1) == '\r');
        }

        // ---- title and header fields

        private void title() {
            if (Objects.equals(p.title(), before.title())) {
                return;
            }
            String t = p.title() == null ? "[Title]" : p.title();
            if (m.title != null) {
                replace(m.title.start(), m.title.end(), t);
            } else if (m.fields.containsKey("title")) {
                setValue(m.fields.get("title"), p.title() == null ? "" : t);
            } else if (p.title() != null) {
                insert(m.titleInsertAt, "# " + t + eol + eol);
            }
        }

        private void fields() {
            set("date", "Date", before.date() == null ? null : before.date().toString(),
                    p.date() == null ? null : p.date().toString());
            if (!Objects.equals(before.start(), p.start()) || !Objects.equals(before.end(), p.end())) {
                set("duration", "Duration", "", p.start() == null && p.end() == null ? null : durationValue(p));
            }
            set("severity", "Severity", label(before.severity()), label(p.severity()));
            set("impact", "Impact", before.impact() == null ? null : before.impact().text(),
                    p.impact() == null ? null : p.impact().text());
            set("authors", "Authors", authors(before.authors(), false), authors(p.authors(), false));
            set("status", "Status", before.status() == null ? null : before.status().label(),
                    p.status() == null ? null : p.status().label());
            set("id", "ID", before.id(), p.id());
            if (!before.zone().equals(p.zone())) {
                String label = TimelineEntry.zoneLabel(p.zone());
                if (m.zone != null) {
                    replace(m.zone.start(), m.zone.end(), label);
                } else {
                    set("timezone", "Timezone", null, label);
                }
            }
            extraFields();
        }

        private static @Nullable String label(io.github.incident4j.common.@Nullable Severity s) {
            return s == null ? null : s.label();
        }

        private static @Nullable String authors(List<String> names, boolean yaml) {
            return names.isEmpty() ? null : yaml ? "[" + String.join(", ", names) + "]" : String.join(", ", names);
        }

        /** Changes a known field from {@code old} to {@code now} ({@code null}: absent). */
        private void set(String key, String name, @Nullable String old, @Nullable String now) {
            if (Objects.equals(old, now)) {
                return;
            }
            FieldSpot spot = m.fields.get(key);
            if (now == null) {
                if (spot != null) {
                    deleteLines(spot.lineStart(), spot.lineEnd());
                }
                return;
            }
            if (spot != null) {
                setValue(spot, key.equals("authors") && spot.frontMatter() && !spot.toml() ? authors(p.authors(), true) : now);
            } else {
                newField(name, key, now);
            }
        }

        private void setValue(FieldSpot spot, String value) {
            String v = spot.toml() ? toml(value) : spot.frontMatter() ? yaml(value) : value;
            replace(spot.valueStart(), spot.valueEnd(), (spot.valueStart() == spot.valueEnd() ? spot.prefix() : "")
                    + lines(v));
        }

        private void newField(String name, String key, String value) {
            FieldStyle style = m.fieldStyle != null ? m.fieldStyle : m.frontMatterStyle;
            if (style == null) {
                return;
            }
            if (style.toml()) {
                insert(style.insertAt(), key + " = " + toml(value) + eol);
            } else if (style.frontMatter()) {
                String v = key.equals("authors") ? authors(p.authors(), true) : yaml(value);
                insert(style.insertAt(), key + ": " + v + eol);
            } else if (style.separator().isEmpty()) {
                // no title and no field yet: the field goes first, as its own paragraph
                insert(style.insertAt(), style.linePrefix() + style.nameOpen() + name + style.nameSuffix() + value + eol + eol);
            } else {
                insert(style.insertAt(), style.separator() + style.linePrefix() + style.nameOpen() + name + style.nameSuffix()
                        + value);
            }
        }

        /** A TOML basic string. */
        private static String toml(String value) {
            return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }

        /** A YAML scalar: plain when it reads back as itself, else double-quoted. */
        private static String yaml(String value) {
            if (value.startsWith("[") || YAML_PLAIN.matcher(value).matches() && !value.endsWith(" ")
                    && !List.of("true", "false", "null", "yes", "no", "on", "off", "~").contains(value.toLowerCase(java.util.Locale.ROOT))) {
                return value;
            }
            return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }

        private void extraFields() {
            List<HeaderField> old = before.extraFields();
            List<HeaderField> now = p.extraFields();
            if (old.equals(now)) {
                return;
            }
            int[] edited = new int[old.size()];
            int[] insertAfter = new int[now.size()];
            align(old, now, edited, insertAfter, ANYWHERE);
            for (int i = 0; i < old.size(); i++) {
                FieldSpot spot = m.extraFields.get(i);
                if (edited[i] < 0) {
                    deleteLines(spot.lineStart(), spot.lineEnd());
                    continue;
                }
                HeaderField o = old.get(i);
                HeaderField n = now.get(edited[i]);
                if (o.name().equals(n.name())) {
                    if (!o.value().equals(n.value())) {
                        setValue(spot, n.value());
                    }
                } else if (!spot.frontMatter()) {
                    FieldStyle style = m.fieldStyle;
                    deleteLines(spot.lineStart(), spot.lineEnd());
                    if (style != null) {
                        insert(spot.lineStart(), style.linePrefix() + style.nameOpen() + n.name() + style.nameSuffix()
                                + n.value() + eol);
                    }
                }
            }
            for (int j = 0; j < now.size(); j++) {
                if (insertAfter[j] != Integer.MIN_VALUE) {
                    newField(now.get(j).name(), now.get(j).name(), now.get(j).value());
                }
            }
        }

        // ---- preamble and narrative sections

        private void preamble() {
            if (before.preamble().equals(p.preamble())) {
                return;
            }
            String now = lines(p.preamble());
            if (!m.preamble.isEmpty()) {
                replaceBlocks(m.preamble, now);
            } else if (m.preambleInsertAt >= 0) {
                insert(m.preambleInsertAt, eol + eol + now);
            } else {
                insert(m.titleInsertAt, now + eol + eol);
            }
        }

        /** The first of the blocks gets the new text, the others go; an empty text removes them all. */
        private void replaceBlocks(List<Range> blocks, String now) {
            if (now.isEmpty()) {
                for (Range r : blocks) {
                    deleteLines(r.start(), r.end());
                }
                return;
            }
            replace(blocks.get(0).start(), blocks.get(0).end(), now);
            for (int i = 1; i < blocks.size(); i++) {
                deleteLines(blocks.get(i).start(), blocks.get(i).end());
            }
        }

        private void narrative(Section s) {
            String old = before.narrative(s);
            String now = p.narrative(s);
            if (old.equals(now)) {
                return;
            }
            SectionSpot spot = m.sections.get(s);
            if (spot == null) {
                newSection(s, lines(now));
            } else if (spot.bodyStart() == spot.headingEnd()) {
                insert(spot.headingEnd(), eol + eol + lines(now));
            } else if (now.isEmpty()) {
                replace(spot.bodyStart(), spot.bodyEnd(), "");
            } else {
                replace(spot.bodyStart(), spot.bodyEnd(), lines(now));
            }
        }

        /** Adds a section before the next known section the document has, or at the end. */
        private void newSection(Section s, String body) {
            String heading = "#".repeat(Math.max(1, m.sectionLevel)) + " " + heading(s, p);
            String block = body.isEmpty() ? heading : heading + eol + eol + body;
            for (Section later : Section.values()) {
                SectionSpot at = m.sections.get(later);
                if (later.ordinal() > s.ordinal() && at != null) {
                    insert(at.headingStart(), block + eol + eol);
                    return;
                }
            }
            append(block);
        }

        private void append(String block) {
            if (text.isEmpty()) {
                insert(0, block + eol);
            } else if (endsWithBreak(text.length())) {
                insert(text.length(), eol + block + eol);
            } else {
                insert(text.length(), eol + eol + block);
            }
        }

        // ---- timeline entries and action items

        private static Map<String, String> timelineValues(TimelineEntry e) {
            Map<String, String> v = new LinkedHashMap<>();
            v.put("time", e.timeText());
            v.put("event", e.event());
            e.details().forEach((k, x) -> v.put("detail:" + k, x));
            return v;
        }

        private static Map<String, String> actionValues(ActionItem i) {
            Map<String, String> v = new LinkedHashMap<>();
            v.put("priority", i.priority() == null ? "" : i.priority().name());
            v.put("action", i.action());
            v.put("owner", i.owner() == null ? "" : i.owner());
            v.put("due", i.dueText());
            v.put("status", i.status() == ActionItem.Status.OPEN ? "" : i.status().label());
            v.put("ticket", i.ticket() == null ? "" : i.ticket());
            i.details().forEach((k, x) -> v.put("detail:" + k, x));
            return v;
        }

        private <T> void entries(Section s, List<T> old, List<T> now, List<Row> spots, List<Container> containers,
                Function<T, Map<String, String>> values) {
            String oldNotes = before.narrative(s);
            String newNotes = p.narrative(s);
            SectionSpot section = m.sections.get(s);
            if (section == null) {
                if (!now.isEmpty() || !newNotes.isEmpty()) {
                    String table = s == Section.TIMELINE ? timelineTable(now.stream().map(TimelineEntry.class::cast).toList())
                            : actionTable(now.stream().map(ActionItem.class::cast).toList());
                    String body = newNotes.isEmpty() ? table : newNotes + "\n\n" + table;
                    newSection(s, lines(body.stripTrailing()));
                }
                return;
            }
            if (!oldNotes.equals(newNotes)) {
                if (!section.notes().isEmpty()) {
                    replaceBlocks(section.notes(), lines(newNotes));
                } else if (section.bodyStart() != section.headingEnd()) {
                    insert(section.bodyStart(), lines(newNotes) + eol + eol);
                } else {
                    insert(section.headingEnd(), eol + eol + lines(newNotes));
                }
            }
            if (old.equals(now)) {
                return;
            }
            if (spots.isEmpty()) {
                String table = s == Section.TIMELINE ? timelineTable(now.stream().map(TimelineEntry.class::cast).toList())
                        : actionTable(now.stream().map(ActionItem.class::cast).toList());
                int at = section.bodyStart() == section.headingEnd() ? section.headingEnd() : section.bodyEnd();
                insert(at, eol + eol + lines(table.stripTrailing()));
                return;
            }
            // old row i becomes new entry edited[i] (-1: removed); new entries with no row go after row insertAfter[j]
            int[] edited = new int[old.size()];
            int[] insertAfter = new int[now.size()];
            align(old, now, edited, insertAfter, s == Section.TIMELINE
                    ? (o, n) -> laterDay((TimelineEntry) o, (TimelineEntry) n) : ANYWHERE);
            // columns a table lacks for a value it must now hold are added to the whole table first
            Map<Container, List<String>> added = new LinkedHashMap<>();
            for (int i = 0; i < old.size(); i++) {
                if (edited[i] >= 0 && !old.get(i).equals(now.get(edited[i]))) {
                    missing(spots.get(i).container(), values.apply(now.get(edited[i])), added);
                }
            }
            for (int j = 0; j < now.size(); j++) {
                if (insertAfter[j] != Integer.MIN_VALUE) {
                    missing(anchor(spots, insertAfter[j]).container(), values.apply(now.get(j)), added);
                }
            }
            for (Map.Entry<Container, List<String>> e : added.entrySet()) {
                // rows about to be removed get no cell (their whole line goes)
                addColumns(e.getKey(), e.getValue(), spots, i -> edited[i] < 0 ? null : values.apply(now.get(edited[i])));
            }
            for (int i = 0; i < old.size(); i++) {
                Row row = spots.get(i);
                if (edited[i] < 0) {
                    deleteLines(row.start(), row.after());
                } else if (!old.get(i).equals(now.get(edited[i]))) {
                    editRow(row, values.apply(old.get(i)), values.apply(now.get(edited[i])), now.get(edited[i]),
                            added.getOrDefault(row.container(), List.of()));
                }
            }
            // new entries, in runs after the same row
            int j = 0;
            while (j < now.size()) {
                if (insertAfter[j] == Integer.MIN_VALUE) {
                    j++;
                    continue;
                }
                int run = insertAfter[j];
                // after a row that is removed, the new entries go after the nearest row that stays
                int after = run;
                while (after >= 0 && edited[after] < 0) {
                    after--;
                }
                Row anchor = anchor(spots, after);
                List<String> extra = added.getOrDefault(anchor.container(), List.of());
                StringBuilder b = new StringBuilder();
                while (j < now.size() && insertAfter[j] == run) {
                    T e = now.get(j);
                    if (after >= 0) {
                        b.append(eol).append(indent(anchor)).append(newRow(anchor, values.apply(e), e, extra));
                    } else {
                        b.append(newRow(anchor, values.apply(e), e, extra)).append(eol).append(indent(anchor));
                    }
                    j++;
                }
                insert(after >= 0 ? anchor.after() : m.lines().lineStartOf(anchor.start()) + indent(anchor).length(),
                        b.toString());
            }
        }

        /** The row new entries go after ({@code after} >= 0), or before the first row. */
        private static Row anchor(List<Row> spots, int after) {
            return spots.get(Math.max(0, after));
        }

        /** For entries whose place does not depend on the rows around them: any row can hold any entry. */
        private static final java.util.function.ToIntBiFunction<Object, Object> ANYWHERE = (o, n) -> 0;

        /**
         * Aligns the entries as read with the entries now, so that a removed or added entry does not shift the others
         * into other rows (a row under a date heading keeps its date): equal entries are matched in order; an entry that
         * is gone is found by looking a few entries ahead in both lists; anything else is the old row edited. Linear:
         * the look-ahead is bounded.
         *
         * @param edited for each old row, the index of the entry it now holds, or -1 when it is removed
         * @param insertAfter for each new entry without a row, the old row it goes after (-1: before the first), else
         *     {@code Integer.MIN_VALUE}
         * @param place 0 when an old row can hold a new entry; else which one belongs further down (above 0: the new
         *     entry, so the old row goes; below 0: the old row, so the new entry goes before it)
         */
        private static <T> void align(List<T> old, List<T> now, int[] edited, int[] insertAfter,
                java.util.function.ToIntBiFunction<? super T, ? super T> place) {
            java.util.Arrays.fill(insertAfter, Integer.MIN_VALUE);
            int i = 0;
            int j = 0;
            int window = 16;
            while (i < old.size() || j < now.size()) {
                if (i < old.size() && j < now.size() && old.get(i).equals(now.get(j))) {
                    edited[i++] = j++;
                    continue;
                }
                if (j >= now.size()) {
                    edited[i++] = -1;
                    continue;
                }
                if (i >= old.size()) {
                    insertAfter[j++] = old.size() - 1;
                    continue;
                }
                int removed = indexOf(old, i + 1, window, now.get(j));
                int added = indexOf(now, j + 1, window, old.get(i));
                if (removed >= 0 && (added < 0 || removed - i <= added - j)) {
                    while (i < removed) {
                        edited[i++] = -1;
                    }
                } else if (added >= 0) {
                    while (j < added) {
                        insertAfter[j++] = i - 1;
                    }
                } else {
                    int where = place.applyAsInt(old.get(i), now.get(j));
                    if (where > 0) {
                        edited[i++] = -1;
                    } else if (where < 0) {
                        insertAfter[j++] = i - 1;
                    } else {
                        edited[i++] = j++;
                    }
                }
            }
        }

        /**
         * Whether an entry can take a timeline row's place: a row under a date heading gives its entry that date unless
         * the entry writes its own, so an entry of another day cannot be written there; the one of the later day
         * belongs further down (0: it can; above 0: the new entry is later; below 0: it is earlier).
         */
        private static int laterDay(TimelineEntry row, TimelineEntry entry) {
            if (ownDate(entry) || ownDate(row) || Objects.equals(row.date(), entry.date())) {
                return 0;
            }
            if (row.date() == null || entry.date() == null) {
                return entry.date() == null ? -1 : 1;
            }
            return entry.date().compareTo(row.date());
        }

        /** Whether the time text writes the entry's date itself (so it reads back wherever it stands). */
        private static boolean ownDate(TimelineEntry e) {
            return e.date() != null && TimeText.whole(e.timeText()).map(TimeText.Reading::date).isPresent();
        }

        private static <T> int indexOf(List<T> list, int from, int window, T value) {
            for (int k = from; k < list.size() && k < from + window; k++) {
                if (list.get(k).equals(value)) {
                    return k;
                }
            }
            return -1;
        }

        /** The roles a table container lacks for the non-empty values of an entry it must write. */
        private static void missing(Container c, Map<String, String> values, Map<Container, List<String>> added) {
            if (c.kind() != Kind.TABLE) {
                return;
            }
            for (Map.Entry<String, String> v : values.entrySet()) {
                if (!v.getValue().isEmpty() && !c.columns().contains(v.getKey())) {
                    List<String> roles = added.computeIfAbsent(c, x -> new ArrayList<>());
                    if (!roles.contains(v.getKey())) {
                        roles.add(v.getKey());
                    }
                }
            }
        }

        /** Adds columns at the right of a table: a heading, a delimiter, and each row's value. */
        private void addColumns(Container c, List<String> roles, List<Row> spots,
                java.util.function.IntFunction<@Nullable Map<String, String>> valueOf) {
            int headerLine = m.lines().line(c.start());
            appendCells(m.lines().lineEnd(text, headerLine), roles.stream().map(PostmortemWriter::columnHeading).toList());
            appendCells(c.afterHeader(), roles.stream().map(r -> "---").toList());
            for (int i = 0; i < spots.size(); i++) {
                Row row = spots.get(i);
                Map<String, String> v = row.container() == c ? valueOf.apply(i) : null;
                if (v != null) {
                    appendCells(row.end(), roles.stream().map(r -> TableText.escape(v.getOrDefault(r, ""), '|')).toList());
                }
            }
        }

        private void appendCells(int lineEnd, List<String> cells) {
            boolean closed = lineEnd > 0 && text.charAt(lineEnd - 1) == '|';
            StringBuilder b = new StringBuilder();
            for (String cell : cells) {
                b.append(closed ? " " : " | ").append(cell).append(closed ? " |" : "");
            }
            insert(lineEnd, b.toString());
        }

        /** What a row's line writes before the row (indentation, a quote's marks). */
        private String indent(Row row) {
            return text.substring(m.lines().lineStartOf(row.start()), row.start());
        }

        private void editRow(Row row, Map<String, String> old, Map<String, String> now, Object entry,
                List<String> addedColumns) {
            Container c = row.container();
            if (c.kind() == Kind.TABLE) {
                boolean fits = true;
                for (Map.Entry<String, String> e : now.entrySet()) {
                    if (!e.getValue().equals(old.getOrDefault(e.getKey(), "")) && !row.cells().containsKey(e.getKey())
                            && !addedColumns.contains(e.getKey())) {
                        fits = false;
                    }
                }
                for (String key : old.keySet()) {
                    if (!now.containsKey(key) && !old.get(key).isEmpty() && !row.cells().containsKey(key)) {
                        fits = false;
                    }
                }
                if (!fits) {
                    // a cell GFM filled in for a short row: the row is written anew
                    replace(row.start(), row.end(), newRow(row, now, entry, List.of()));
                    return;
                }
                for (String key : row.cells().keySet()) {
                    String o = old.getOrDefault(key, "");
                    String n = now.getOrDefault(key, "");
                    if (!o.equals(n)) {
                        setCell(row.cells().get(key), TableText.escape(n, '|'));
                    }
                }
                return;
            }
            if (entry instanceof ActionItem item) {
                editListItem(row, old, now, item);
                return;
            }
            // a timeline list item or line: time and event in place when the row has them
            Cell time = row.cells().get("time");
            Cell event = row.cells().get("event");
            boolean timeChanged = !old.get("time").equals(now.get("time"));
            boolean eventChanged = !old.get("event").equals(now.get("event"));
            if (time == null && timeChanged || event == null) {
                replace(row.contentStart(), row.end(), now.get("time").isEmpty() ? now.get("event")
                        : now.get("time") + row.separator() + now.get("event"));
                return;
            }
            if (timeChanged && time != null) {
                replace(time.start(), time.end(), now.get("time"));
            }
            if (eventChanged) {
                replace(event.start(), event.end(), now.get("event"));
            }
        }

        private void setCell(Cell cell, String value) {
            if (cell.start() == cell.end()) {
                // an empty cell: write the value with a space on each side, padded to the cell's width
                int width = cell.rawEnd() - cell.rawStart();
                String v = " " + value + " ";
                replace(cell.rawStart(), cell.rawEnd(), v.length() < width ? v + " ".repeat(width - v.length()) : v);
                return;
            }
            int room = cell.rawEnd() - cell.start() - 1;
            String v = value.length() < room && cell.end() < cell.rawEnd() ? value + " ".repeat(room - value.length())
                    : value;
            int end = v.length() > value.length() ? cell.rawEnd() - 1 : cell.end();
            replace(cell.start(), end, v);
        }

        private void editListItem(Row row, Map<String, String> old, Map<String, String> now, ActionItem item) {
            Map<String, String> oldRest = new LinkedHashMap<>(old);
            Map<String, String> newRest = new LinkedHashMap<>(now);
            oldRest.remove("status");
            newRest.remove("status");
            boolean onlyStatus = oldRest.equals(newRest);
            ActionItem.Status was = ActionItem.Status.OPEN;
            if (!old.get("status").isEmpty()) {
                was = ActionItem.Status.parse(old.get("status"));
            }
            boolean boxSays = row.box() >= 0 && isBoxStatus(was) && isBoxStatus(item.status())
                    && boxDecides(row);
            if (onlyStatus && boxSays) {
                replace(row.box(), row.box() + 1, item.status() == ActionItem.Status.DONE ? "x" : " ");
                return;
            }
            if (row.box() >= 0) {
                replace(row.box(), row.box() + 1, item.status() == ActionItem.Status.DONE
                        || item.status() == ActionItem.Status.WONT_DO ? "x" : " ");
            }
            replace(row.contentStart(), row.end(), itemText(item, row.box() >= 0));
        }

        /** Whether the status of a task item comes from its box alone (its text says none). */
        private boolean boxDecides(Row row) {
            Cell content = row.cells().get("content");
            String t = content == null ? "" : text.substring(content.start(), content.end());
            return PostmortemReader.itemText(t, null).status() == ActionItem.Status.OPEN
                    && PostmortemReader.itemText(t, true).status() == ActionItem.Status.DONE;
        }

        private static boolean isBoxStatus(ActionItem.Status s) {
            return s == ActionItem.Status.OPEN || s == ActionItem.Status.DONE;
        }

        /** A new row in the container's own form. */
        private String newRow(Row like, Map<String, String> values, Object entry, List<String> addedColumns) {
            Container c = like.container();
            if (c.kind() == Kind.TABLE) {
                List<String> columns = new ArrayList<>(c.columns());
                columns.addAll(addedColumns);
                StringBuilder b = new StringBuilder("|");
                for (int col = 0; col < columns.size(); col++) {
                    String v = " " + TableText.escape(values.getOrDefault(columns.get(col), ""), '|') + " ";
                    int width = col < c.widths().size() ? c.widths().get(col) : 0;
                    b.append(v.length() < width ? v + " ".repeat(width - v.length()) : v).append('|');
                }
                return b.toString();
            }
            String marker = c.kind() == Kind.LIST ? listMarker(like) + " " : "";
            if (entry instanceof ActionItem item) {
                String box = like.box() >= 0 ? (item.status().isClosed() ? "[x] " : "[ ] ") : "";
                return marker + box + itemText(item, like.box() >= 0);
            }
            String time = values.getOrDefault("time", "");
            return marker + (time.isEmpty() ? "" : time + like.separator()) + values.getOrDefault("event", "");
        }

        private String listMarker(Row like) {
            String written = text.substring(like.start(), Math.min(text.length(), like.start() + 12));
            int i = 0;
            while (i < written.length() && !Character.isWhitespace(written.charAt(i))) {
                i++;
            }
            String marker = written.substring(0, i);
            return marker.isEmpty() ? "-" : marker;
        }

        /**
         * An action item as a list item's text: {@code P1: Add an alert @alice due 2026-03-10 OPS-12 (in progress)},
         * as {@link PostmortemReader#itemText} reads it back.
         */
        static String itemText(ActionItem i, boolean boxed) {
            StringBuilder b = new StringBuilder();
            if (i.priority() != null) {
                b.append(i.priority().name()).append(": ");
            }
            b.append(i.action());
            // bare tokens read back only when the action does not end in a separator they would take with them
            boolean bare = i.action().isEmpty() || ",;".indexOf(i.action().charAt(i.action().length() - 1)) < 0;
            List<String> keyed = new ArrayList<>();
            if (i.owner() != null) {
                if (bare && OWNER_HANDLE.matcher(i.owner()).matches()) {
                    b.append(' ').append(i.owner());
                } else {
                    keyed.add("owner: " + i.owner());
                }
            }
            if (!i.dueText().isEmpty()) {
                if (bare && i.due() != null && ISO_DAY.matcher(i.dueText()).matches()) {
                    b.append(" due ").append(i.dueText());
                } else {
                    keyed.add("due: " + i.dueText());
                }
            }
            if (i.ticket() != null) {
                if (bare && TICKET.matcher(i.ticket()).matches()) {
                    b.append(' ').append(i.ticket());
                } else {
                    keyed.add("ticket: " + i.ticket());
                }
            }
            switch (i.status()) {
                case OPEN -> {
                }
                case DONE -> {
                    if (!boxed) {
                        keyed.add("done");
                    }
                }
                case IN_PROGRESS -> keyed.add("in progress");
                case WONT_DO -> keyed.add("won't do");
            }
            if (!keyed.isEmpty()) {
                b.append(" (").append(String.join("; ", keyed)).append(')');
            }
            return b.toString();
        }

        // ---- extra sections

        private void extras() {
            List<ExtraSection> old = before.extraSections();
            List<ExtraSection> now = p.extraSections();
            if (old.equals(now)) {
                return;
            }
            int[] edited = new int[old.size()];
            int[] insertAfter = new int[now.size()];
            align(old, now, edited, insertAfter, ANYWHERE);
            for (int i = 0; i < old.size(); i++) {
                SectionSpot spot = m.extras.get(i);
                if (edited[i] < 0) {
                    replace(spot.headingStart(), spot.next(), "");
                    continue;
                }
                ExtraSection o = old.get(i);
                ExtraSection n = now.get(edited[i]);
                if (!o.heading().equals(n.heading())) {
                    replace(spot.titleStart(), spot.titleEnd(), n.heading());
                }
                if (!o.body().equals(n.body())) {
                    if (spot.bodyStart() == spot.headingEnd()) {
                        insert(spot.headingEnd(), eol + eol + lines(n.body()));
                    } else {
                        replace(spot.bodyStart(), spot.bodyEnd(), lines(n.body()));
                    }
                }
            }
            for (int j = 0; j < now.size(); j++) {
                if (insertAfter[j] == Integer.MIN_VALUE) {
                    continue;
                }
                ExtraSection e = now.get(j);
                String block = "#".repeat(Math.max(1, m.sectionLevel)) + " " + e.heading()
                        + (e.body().isEmpty() ? "" : eol + eol + lines(e.body()));
                Optional<SectionSpot> after = e.after() == null ? Optional.empty() : Optional.ofNullable(m.sections.get(e.after()));
                if (after.isPresent() && after.get().next() < text.length()) {
                    insert(after.get().next(), block + eol + eol);
                } else {
                    append(block);
                }
            }
        }
    }
}
