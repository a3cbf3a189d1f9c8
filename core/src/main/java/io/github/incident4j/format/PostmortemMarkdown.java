package io.github.incident4j.format;

import io.github.incident4j.ValidationException;
import io.github.incident4j.common.Severity;
import io.github.incident4j.format.internal.FieldLines;
import io.github.incident4j.format.internal.TableText;
import io.github.incident4j.format.internal.TableText.Cell;
import io.github.incident4j.postmortem.ActionItem;
import io.github.incident4j.postmortem.ExtraSection;
import io.github.incident4j.postmortem.HeaderField;
import io.github.incident4j.postmortem.Impact;
import io.github.incident4j.postmortem.Postmortem;
import io.github.incident4j.postmortem.PostmortemStatus;
import io.github.incident4j.postmortem.Priority;
import io.github.incident4j.postmortem.Section;
import io.github.incident4j.postmortem.TimelineEntry;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes postmortems in the Markdown layout of the team's template.
 *
 * <pre>{@code
 * Postmortem pm = PostmortemMarkdown.parse(Files.readString(Path.of("postmortem.md")));
 * String markdown = PostmortemMarkdown.render(pm);   // parse(markdown) equals pm
 * }</pre>
 *
 * <p>The layout: a {@code # Postmortem: <title>} line; header lines {@code **Date**}, {@code **Duration**}
 * ({@code 14:00 start → 14:22 resolved (22 minutes)}), {@code **Severity**}, {@code **Impact**},
 * {@code **Authors**} (comma-separated), optionally {@code **Status**: draft|final} and
 * {@code **ID**: <id>}, and any other {@code **Name**: value} line (kept); then {@code ## } sections. The
 * timeline is a {@code | Time | Event |} table of UTC times; action items a
 * {@code | Priority | Action | Owner | Due |} table with a fifth {@code Status} column (open, done, won't do)
 * written only when some item is not open (a table without it means every item is open). Sections the
 * model does not know are kept verbatim after the known section they followed. Known sections are written
 * in the template's order.
 *
 * <p>Template placeholders read as absent values and absent values are written as the placeholders:
 * {@code [Title]}, {@code YYYY-MM-DD}, {@code HH:MM}, {@code (X hours)}, {@code SEV-X},
 * {@code X% of users affected, Y requests failed}, {@code [Names]}. The duration in parentheses is written
 * from start and end and, when read, must agree with them. In table cells a {@code |} is written
 * {@code \|} (also inside backticks, as GitHub requires); nothing else is escaped.
 */
public final class PostmortemMarkdown {

    private static final String TITLE_PLACEHOLDER = "[Title]";
    private static final String DATE_PLACEHOLDER = "YYYY-MM-DD";
    private static final String TIME_PLACEHOLDER = "HH:MM";
    private static final String DURATION_PLACEHOLDER = "X hours";
    private static final String SEVERITY_PLACEHOLDER = "SEV-X";
    private static final String IMPACT_PLACEHOLDER = "X% of users affected, Y requests failed";
    private static final String AUTHORS_PLACEHOLDER = "[Names]";

    // (?d): lines are split at \n only (after \r\n and \r), so U+0085, U+2028 and U+2029 are ordinary
    // characters inside a line, which '.' must match too; the model checks headings the same way (B7)
    private static final Pattern TITLE = Pattern.compile("(?d)#\\s+(.*?)\\s*");
    private static final Pattern HEADING = Pattern.compile("(?d)##(?:\\s+(.*?))?\\s*");
    private static final Pattern FIELD = Pattern.compile("(?d)\\*\\*([^*:]+?):?\\*\\*:?\\s*(.*)");
    private static final Pattern DURATION_LINE = Pattern.compile(
            "(?d)(\\S+)\\s+start\\s*(?:→|->)\\s*(\\S+)\\s+resolved(?:\\s*\\((.*)\\))?\\s*");
    private static final Pattern TIME = Pattern.compile("\\d{1,2}:\\d{2}(?::\\d{2})?");
    private static final String UNIT = "(days?|d|hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)";
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+)\\s*" + UNIT + "(?![a-z])",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DURATION_TEXT = Pattern.compile("\\d+\\s*" + UNIT + "(?:(?:\\s*,\\s*|\\s+and\\s+|\\s*)\\d+\\s*"
            + UNIT + ")*", Pattern.CASE_INSENSITIVE);
    private static final Pattern PLACEHOLDER_AMOUNT = Pattern.compile("[XYN]\\s+[a-z]+", Pattern.CASE_INSENSITIVE);

    /** Longest document read, in characters; a longer one is refused by its length, before any parsing. */
    public static final int MAX_CHARS = 1_000_000;

    private PostmortemMarkdown() {
    }

    // ------------------------------------------------------------------ reading

    /**
     * Reads a postmortem.
     *
     * @throws FormatException with line and column for every problem: no title, an unknown header line, a
     *     date that does not exist, a duration line that disagrees with its times, a table row with the
     *     wrong number of cells, an unknown priority or status, text a table section would lose, a known
     *     section or field given twice, a document over {@link #MAX_CHARS} characters
     */
    public static Postmortem parse(String markdown) {
        if (markdown.length() > MAX_CHARS) {
            throw new FormatException("document of " + markdown.length() + " characters is over the limit of "
                    + MAX_CHARS, 1, 1);
        }
        return new Reader(markdown).read();
    }

    private static final class Reader {
        private final List<String> lines;
        private final List<FormatException.Problem> problems = new ArrayList<>();
        private final Postmortem.Builder b = Postmortem.untitled();
        private final Set<Section> seenSections = EnumSet.noneOf(Section.class);
        private final Set<String> seenFields = new java.util.HashSet<>();
        /** Lines of the model's field paths, to locate a problem the model itself reports. */
        private final FieldLines lineOf = new FieldLines();
        /** Extra sections as {after's ordinal or -1, heading line}, in document order. */
        private final List<int[]> extraLines = new ArrayList<>();
        private int extraFields;
        private int titleLine;
        private @Nullable LocalTime start;
        private @Nullable LocalTime end;
        private @Nullable String durationText;
        private int durationLine;
        private int durationColumn;

        Reader(String markdown) {
            String text = markdown.startsWith("\uFEFF") ? markdown.substring(1) : markdown;
            this.lines = List.of(text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1));
        }

        private void problem(int lineIndex, int column, String message) {
            problems.add(new FormatException.Problem(lineIndex + 1, column, message));
        }

        Postmortem read() {
            int i = 0;
            while (i < lines.size() && lines.get(i).isBlank()) {
                i++;
            }
            Matcher title = i < lines.size() ? TITLE.matcher(lines.get(i)) : null;
            if (title == null || !title.matches() || lines.get(i).startsWith("##")) {
                throw new FormatException("no title: a postmortem starts with '# Postmortem: <title>'",
                        Math.min(i, lines.size() - 1) + 1, 1);
            }
            titleLine = i + 1;
            lineOf.put("title", titleLine);
            String t = title.group(1).replaceFirst("(?i)^postmortem\\s*:\\s*", "").strip();
            b.title(t.isEmpty() || t.equals(TITLE_PLACEHOLDER) ? null : t);
            i++;
            for (; i < lines.size() && !HEADING.matcher(lines.get(i)).matches(); i++) {
                if (!lines.get(i).isBlank()) {
                    headerLine(i);
                }
            }
            checkDuration();
            @Nullable Section lastKnown = null;
            while (i < lines.size()) {
                Matcher h = HEADING.matcher(lines.get(i));
                h.matches();
                String heading = h.group(1) == null ? "" : h.group(1);
                int headingLine = i;
                i++;
                int from = i;
                while (i < lines.size() && !HEADING.matcher(lines.get(i)).matches()) {
                    i++;
                }
                List<String> body = lines.subList(from, i);
                Section known = Section.forHeading(heading).orElse(null);
                if (known == null) {
                    if (heading.isEmpty()) {
                        problem(headingLine, 1, "a section heading without a name");
                    }
                    b.extraSection(heading.isEmpty() ? "?" : heading, String.join("\n", body), lastKnown);
                    extraLines.add(new int[] {lastKnown == null ? -1 : lastKnown.ordinal(), headingLine + 1});
                } else if (!seenSections.add(known)) {
                    problem(headingLine, 4, "the section '" + known.heading() + "' appears twice");
                } else {
                    lastKnown = known;
                    lineOf.put(known.field(), headingLine + 1);
                    section(known, from, body);
                }
            }
            if (!problems.isEmpty()) {
                throw new FormatException(problems);
            }
            // the model keeps extra sections sorted by the known section they follow (a stable sort)
            extraLines.sort(java.util.Comparator.comparingInt(e -> e[0]));
            for (int k = 0; k < extraLines.size(); k++) {
                lineOf.put("extraSections[" + k + "]", extraLines.get(k)[1]);
            }
            try {
                return b.build();
            } catch (ValidationException e) {
                // a refusal no path maps to concerns the document as a whole: the title line
                throw new FormatException(e.problems().stream().map(p -> new FormatException.Problem(
                        lineOf.lineFor(p.field(), titleLine), 1, p.toString())).toList());
            }
        }

        private void headerLine(int i) {
            String line = lines.get(i);
            Matcher m = FIELD.matcher(line.strip());
            if (!m.matches()) {
                problem(i, 1, "expected a '**Field**: value' header line or a '## ' section, found '" + line.strip() + "'");
                return;
            }
            String name = m.group(1).strip();
            String value = m.group(2).strip();
            int lead = 0;
            while (Character.isWhitespace(line.charAt(lead))) {
                lead++;
            }
            int column = lead + m.start(2) + 1;
            String key = name.toLowerCase(Locale.ROOT);
            boolean known = Postmortem.KNOWN_FIELDS.stream().anyMatch(k -> k.equalsIgnoreCase(name));
            if (known && !seenFields.add(key)) {
                problem(i, 3, "the field '" + name + "' appears twice");
                return;
            }
            if (key.equals("duration")) {
                lineOf.put("start", i + 1);
                lineOf.put("end", i + 1);
            } else {
                lineOf.put(known ? key : "extraFields[" + extraFields++ + "]", i + 1);
            }
            switch (key) {
                case "date" -> b.date(date(value, i, column));
                case "duration" -> durationLine(value, i, column);
                case "severity" -> b.severity(placeholderOr(value, SEVERITY_PLACEHOLDER, Severity::parse,
                        i, column, "severity"));
                case "impact" -> b.impact(value.isEmpty() || value.equals(IMPACT_PLACEHOLDER) ? null : Impact.of(value));
                case "authors" -> b.authors(value.isEmpty() || value.equals(AUTHORS_PLACEHOLDER) ? List.of()
                        : List.of(value.split(",")).stream().map(String::strip).filter(s -> !s.isEmpty()).toList());
                case "status" -> b.status(placeholderOr(value, "", PostmortemStatus::parse, i, column, "status"));
                case "id" -> b.id(value.isEmpty() ? null : value);
                default -> b.field(name, value);
            }
        }

        private <T> @Nullable T placeholderOr(String value, String placeholder, Function<String, T> parser,
                int line, int column, String what) {
            if (value.isEmpty() || value.equalsIgnoreCase(placeholder)) {
                return null;
            }
            try {
                return parser.apply(value);
            } catch (ValidationException e) {
                problem(line, column, "unknown " + what + " '" + value + "': " + e.problems().get(0).message());
                return null;
            }
        }

        private @Nullable LocalDate date(String value, int line, int column) {
            if (value.isEmpty() || value.equals(DATE_PLACEHOLDER)) {
                return null;
            }
            try {
                return LocalDate.parse(value, DateTimeFormatter.ISO_LOCAL_DATE);
            } catch (DateTimeParseException e) {
                problem(line, column, "'" + value + "' is not a date that exists (expected YYYY-MM-DD)");
                return null;
            }
        }

        private @Nullable LocalTime time(String value, int line, int column) {
            if (value.equals(TIME_PLACEHOLDER)) {
                return null;
            }
            if (TIME.matcher(value).matches()) {
                try {
                    return LocalTime.parse(value.length() == 4 || value.length() == 7 ? "0" + value : value);
                } catch (DateTimeParseException e) {
                    // reported below
                }
            }
            problem(line, column, "'" + value + "' is not a time (expected HH:MM in UTC)");
            return null;
        }

        private void durationLine(String value, int line, int column) {
            if (value.isEmpty()) {
                return;
            }
            Matcher m = DURATION_LINE.matcher(value);
            if (!m.matches()) {
                problem(line, column, "expected 'HH:MM start → HH:MM resolved (N minutes)', found '" + value + "'");
                return;
            }
            start = time(m.group(1), line, column + m.start(1));
            end = time(m.group(2), line, column + m.start(2));
            b.window(start, end);
            durationText = m.group(3);
            durationLine = line;
            durationColumn = column + (m.group(3) == null ? 0 : m.start(3));
        }

        /** The duration in parentheses must agree with start and end. */
        private void checkDuration() {
            if (durationText == null || start == null || end == null
                    || PLACEHOLDER_AMOUNT.matcher(durationText.strip()).matches()) {
                return;
            }
            Duration stated = readDuration(durationText.strip());
            Duration actual = Duration.between(start, end);
            actual = actual.isNegative() ? actual.plusDays(1) : actual;
            if (stated == null) {
                problem(durationLine, durationColumn, "cannot read the duration '" + durationText
                        + "'; write e.g. (22 minutes) or (1 hour 5 minutes)");
            } else if (!stated.equals(actual)) {
                problem(durationLine, durationColumn, "the duration (" + durationText + ") does not agree with "
                        + formatTime(start) + " → " + formatTime(end) + ", which is " + humanDuration(actual));
            }
        }

        private void section(Section section, int from, List<String> body) {
            switch (section) {
                case TIMELINE -> timeline(from, body);
                case ACTION_ITEMS -> actionItems(from, body);
                default -> b.narrative(section, String.join("\n", body));
            }
        }

        private void timeline(int from, List<String> body) {
            List<Row> rows = table(from, body, Section.TIMELINE, List.of(List.of("time", "time (utc)"), List.of("event")),
                    0);
            List<TimelineEntry> entries = new ArrayList<>();
            for (Row row : rows) {
                LocalTime t = time(row.cells.get(0).text(), row.line, row.cells.get(0).column());
                Cell event = row.cells.get(1);
                if (event.text().isEmpty()) {
                    problem(row.line, event.column(), "a timeline row without an event");
                }
                lineOf.put("timeline[" + entries.size() + "]", row.line + 1);
                entries.add(new TimelineEntry(t, event.text()));
            }
            b.timeline(entries);
        }

        private void actionItems(int from, List<String> body) {
            List<Row> rows = table(from, body, Section.ACTION_ITEMS, List.of(List.of("priority"), List.of("action"),
                    List.of("owner"), List.of("due", "due date"), List.of("status")), 1);
            List<ActionItem> items = new ArrayList<>();
            for (Row row : rows) {
                List<Cell> c = row.cells;
                Priority priority = placeholderOr(c.get(0).text(), "", Priority::parse, row.line, c.get(0).column(),
                        "priority");
                if (c.get(0).text().isEmpty()) {
                    problem(row.line, c.get(0).column(), "an action item without a priority (P0..P4)");
                }
                if (c.get(1).text().isEmpty()) {
                    problem(row.line, c.get(1).column(), "an action item without an action");
                }
                LocalDate due = date(c.get(3).text(), row.line, c.get(3).column());
                ActionItem.Status status = c.size() < 5 ? ActionItem.Status.OPEN
                        : placeholderOr(c.get(4).text(), "", ActionItem.Status::parse, row.line, c.get(4).column(),
                        "status");
                lineOf.put("actionItems[" + items.size() + "]", row.line + 1);
                items.add(new ActionItem(priority == null ? Priority.P4 : priority, c.get(1).text(), c.get(2).text(),
                        due, status == null ? ActionItem.Status.OPEN : status));
            }
            b.actionItems(items);
        }

        private record Row(int line, List<Cell> cells) {
        }

        /**
         * Reads the one table of a section. {@code columns} lists the accepted names of each column; the last
         * {@code optional} columns may be left out.
         */
        private List<Row> table(int from, List<String> body, Section section, List<List<String>> columns,
                int optional) {
            List<Row> rows = new ArrayList<>();
            int width = -1;
            boolean delimiter = false;
            boolean headerFits = false;
            for (int k = 0; k < body.size(); k++) {
                String line = body.get(k);
                int at = from + k;
                if (line.isBlank()) {
                    if (width >= 0) {
                        width = -2;
                    }
                    continue;
                }
                if (!line.stripLeading().startsWith("|") || width == -2) {
                    problem(at, 1, "the " + section.heading() + " section holds only its table; this text would be lost: '"
                            + line.strip() + "'");
                    continue;
                }
                List<Cell> cells = TableText.markdownRow(line);
                if (width == -1) {
                    width = cells.size();
                    headerFits = header(at, cells, columns, optional);
                } else if (!delimiter) {
                    delimiter = true;
                    checkWidth(at, line, cells, width);
                    cells.stream().filter(c -> !TableText.isDelimiterCell(c.text())).findFirst().ifPresent(c ->
                            problem(at, c.column(), "expected the delimiter row |---|---| under the table header"));
                } else if (checkWidth(at, line, cells, width)) {
                    rows.add(new Row(at, cells));
                }
            }
            if (width >= 0 && !delimiter) {
                problem(from, 1, "the " + section.heading() + " table has no delimiter row |---|");
            }
            // rows as wide as a header with too few or too many columns were checked against it but cannot be
            // read as entries: their cells are not the ones the section expects (B9); the header's problem stands
            return headerFits ? rows : List.of();
        }

        /** Checks a table's header; false when it has too few or too many columns to read its rows. */
        private boolean header(int at, List<Cell> cells, List<List<String>> columns, int optional) {
            int min = columns.size() - optional;
            if (cells.size() < min || cells.size() > columns.size()) {
                problem(at, 1, "expected the columns " + columns.stream().map(c -> c.get(0))
                        .collect(Collectors.joining(" | ")) + ", found " + cells.size() + " columns");
                return false;
            }
            for (int c = 0; c < cells.size(); c++) {
                if (!columns.get(c).contains(cells.get(c).text().toLowerCase(Locale.ROOT))) {
                    problem(at, cells.get(c).column(), "expected the column '" + columns.get(c).get(0) + "', found '"
                            + cells.get(c).text() + "'");
                }
            }
            return true;
        }

        private boolean checkWidth(int at, String line, List<Cell> cells, int width) {
            if (cells.size() == width) {
                return true;
            }
            int column = cells.size() > width ? cells.get(width).column() : line.stripTrailing().length() + 1;
            problem(at, column, "the row has " + cells.size() + " cells but the table has " + width + " columns");
            return false;
        }
    }

    /** Reads {@code 22 minutes}, {@code 1 hour 5 minutes}, {@code 2h 5m}, {@code 1h5m}; null when unreadable. */
    static @Nullable Duration readDuration(String text) {
        if (!DURATION_TEXT.matcher(text).matches()) {
            return null;
        }
        Matcher m = DURATION_PART.matcher(text);
        Duration total = Duration.ZERO;
        int parts = 0;
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            char unit = m.group(2).toLowerCase(Locale.ROOT).charAt(0);
            total = total.plus(switch (unit) {
                case 'd' -> Duration.ofDays(n);
                case 'h' -> Duration.ofHours(n);
                case 'm' -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
            });
            parts++;
        }
        return parts == 0 ? null : total;
    }

    /** {@code 22 minutes}, {@code 1 hour}, {@code 2 hours 5 minutes}, {@code 0 minutes}. */
    static String humanDuration(Duration d) {
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

    private static String formatTime(LocalTime t) {
        return t.format(DateTimeFormatter.ofPattern(t.getSecond() == 0 ? "HH:mm" : "HH:mm:ss", Locale.ROOT));
    }

    // ------------------------------------------------------------------ writing

    /** Writes the template's layout with aligned tables; absent values are written as the placeholders. */
    public static String render(Postmortem p) {
        StringBuilder out = new StringBuilder();
        out.append("# Postmortem: ").append(p.title() == null ? TITLE_PLACEHOLDER : p.title()).append("\n\n");
        field(out, "Date", p.date() == null ? DATE_PLACEHOLDER : p.date().toString());
        field(out, "Duration", (p.start() == null ? TIME_PLACEHOLDER : formatTime(p.start())) + " start → "
                + (p.end() == null ? TIME_PLACEHOLDER : formatTime(p.end())) + " resolved ("
                + p.duration().map(PostmortemMarkdown::humanDuration).orElse(DURATION_PLACEHOLDER) + ")");
        field(out, "Severity", p.severity() == null ? SEVERITY_PLACEHOLDER : p.severity().label());
        field(out, "Impact", p.impact() == null ? IMPACT_PLACEHOLDER : p.impact().text());
        field(out, "Authors", p.authors().isEmpty() ? AUTHORS_PLACEHOLDER : String.join(", ", p.authors()));
        if (p.status() != null) {
            field(out, "Status", p.status().label());
        }
        if (p.id() != null) {
            field(out, "ID", p.id());
        }
        for (HeaderField f : p.extraFields()) {
            field(out, f.name(), f.value());
        }
        List<String> sections = new ArrayList<>();
        extras(sections, p, null);
        for (Section s : Section.values()) {
            String body = switch (s) {
                case TIMELINE -> TableText.markdownTable(List.of("Time", "Event"), p.timeline().stream()
                        .map(e -> List.of(e.time() == null ? TIME_PLACEHOLDER : formatTime(e.time()), e.event()))
                        .toList());
                case ACTION_ITEMS -> actionTable(p.actionItems());
                default -> p.narrative(s);
            };
            sections.add(section(s.heading(), body));
            extras(sections, p, s);
        }
        out.append('\n').append(String.join("\n", sections));
        return out.toString();
    }

    private static void field(StringBuilder out, String name, String value) {
        out.append("**").append(name).append("**: ").append(value).append('\n');
    }

    private static String section(String heading, String body) {
        String b = body.stripTrailing();
        return "## " + heading + "\n" + (b.isEmpty() ? "" : b + "\n");
    }

    private static void extras(List<String> sections, Postmortem p, @Nullable Section after) {
        for (ExtraSection e : p.extraSections()) {
            if (e.after() == after) {
                sections.add(section(e.heading(), e.body()));
            }
        }
    }

    private static String actionTable(List<ActionItem> items) {
        boolean withStatus = items.stream().anyMatch(i -> i.status() != ActionItem.Status.OPEN);
        List<String> header = new ArrayList<>(List.of("Priority", "Action", "Owner", "Due"));
        if (withStatus) {
            header.add("Status");
        }
        List<List<String>> rows = new ArrayList<>();
        for (ActionItem i : items) {
            List<String> row = new ArrayList<>(List.of(i.priority().name(), i.action(),
                    i.owner() == null ? "" : i.owner(), i.due() == null ? "" : i.due().toString()));
            if (withStatus) {
                row.add(i.status().label());
            }
            rows.add(row);
        }
        return TableText.markdownTable(header, rows);
    }
}
