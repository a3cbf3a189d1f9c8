package io.github.incident4j.format;

import io.github.incident4j.ValidationException;
import io.github.incident4j.format.internal.FieldLines;
import io.github.incident4j.runbook.AlertRule;
import io.github.incident4j.runbook.DiagnosisStep;
import io.github.incident4j.runbook.ExtraSection;
import io.github.incident4j.runbook.Mitigation;
import io.github.incident4j.runbook.Runbook;
import io.github.incident4j.runbook.RunbookPart;
import io.github.incident4j.runbook.internal.Markup;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes runbooks in Markdown, in the layout of the runbook template:
 *
 * <pre>
 * # Runbook: Service Name — Issue Type
 * ## Overview            - **Service**: / **Owner**: / **Escalation**: a → b → c / **Namespace**:
 * ## Detection           - **Alert**: `Name` fires when error rate &gt; 5% for 5m / **Dashboard**: url
 * ## Diagnosis           1. Check service health: `kubectl get pods ...` (sub-steps as "   - Label: `cmd`")
 * ## Mitigation          ### Name (if condition) followed by a ```bash block, one command a line
 * ## Recovery Verification  1. Error rate returns to baseline (&lt; 0.1%)
 * </pre>
 *
 * <p>Also reads the prometheus-operator runbook layout ({@code # AlertName}, {@code ## Meaning},
 * {@code ## Impact}, {@code ## Diagnosis}, {@code ## Mitigation}): the title names the alert (and the
 * service, unless an Overview says otherwise). Sections it does not know are kept verbatim, in order;
 * prose inside a known section is kept as that section's notes. {@code parse(render(r))} equals {@code r},
 * and rendering the parsed template reproduces it.
 *
 * <pre>{@code
 * Runbook runbook = RunbookMarkdown.parse(Files.readString(Path.of("runbooks/payment-service.md")));
 * String markdown = RunbookMarkdown.render(runbook);
 * }</pre>
 *
 * <p>A line-based reader (no Markdown library needed for this layout): headings and code fences are read
 * as CommonMark writes them ({@code #}, {@code ##}, {@code ###} followed by a space; {@code ```} fences).
 */
public final class RunbookMarkdown {

    // (?d): lines are split at \n only (after \r\n and \r), so U+0085, U+2028 and U+2029 are ordinary
    // characters inside a line, which '.' must match and before which '$' must not match; the model checks
    // its values the same way (B7's rule, as in CommonMark)
    private static final Pattern TEMPLATE_TITLE = Pattern.compile("(?id)^runbook:\\s*(?<rest>.*)$");
    private static final Pattern FIELD = Pattern.compile("(?d)^[-*] \\*\\*(?<key>[^*]+)\\*\\*:[ \\t]*(?<value>.*?)\\s*$");
    private static final Pattern ALERT = Pattern.compile("(?d)^(?:`(?<q>[^`]+)`|(?<p>\\S+))(?:\\s+fires when\\s*(?<cond>.*?))?\\s*$");
    private static final Pattern NUMBERED = Pattern.compile("(?d)^(?<n>\\d{1,4})[.)] (?<text>.*?)\\s*$");
    private static final Pattern BULLET = Pattern.compile("(?d)^[ \\t]{1,8}[-*+] (?<text>.*?)\\s*$");
    private static final Pattern WITH_COMMAND = Pattern.compile("(?d)^(?<d>.*?): `(?<c>[^`]+)`$");
    private static final Pattern MITIGATION_HEADING = Pattern.compile("(?d)^(?<name>.*?)\\s*\\((?:if|when)\\s+(?<cond>[^()]*?)\\s*\\)$",
            Pattern.CASE_INSENSITIVE);

    private RunbookMarkdown() {
    }

    /**
     * Reads a runbook.
     *
     * @throws FormatException with line and column for structure that cannot be read or values the model refuses
     */
    public static Runbook parse(String markdown) {
        return new Reader(markdown).read();
    }

    /** Writes a runbook in the template's layout. */
    public static String render(Runbook r) {
        List<String> blocks = new ArrayList<>();
        if (!r.notes(RunbookPart.PREAMBLE).isEmpty()) {
            blocks.add(r.notes(RunbookPart.PREAMBLE));
        }
        blocks.add("# Runbook: " + r.title() + (r.issueType().isEmpty() ? "" : " — " + r.issueType()));
        if (!r.notes(RunbookPart.TITLE).isEmpty()) {
            blocks.add(r.notes(RunbookPart.TITLE));
        }
        addExtras(blocks, r, RunbookPart.TITLE);
        for (RunbookPart part : List.of(RunbookPart.OVERVIEW, RunbookPart.DETECTION, RunbookPart.DIAGNOSIS,
                RunbookPart.MITIGATION, RunbookPart.RECOVERY)) {
            if (r.has(part)) {
                blocks.add(section(r, part));
            }
            addExtras(blocks, r, part);
        }
        return String.join("\n\n", blocks) + "\n";
    }

    private static void addExtras(List<String> blocks, Runbook r, RunbookPart after) {
        for (ExtraSection s : r.extraSections()) {
            if (s.after() == after) {
                blocks.add("## " + s.heading() + (s.body().isEmpty() ? "" : "\n" + s.body()));
            }
        }
    }

    private static String section(Runbook r, RunbookPart part) {
        List<String> lines = new ArrayList<>();
        lines.add("## " + part.heading());
        switch (part) {
            case OVERVIEW -> {
                lines.add("- **Service**: " + r.service());
                if (!r.owner().isEmpty()) {
                    lines.add("- **Owner**: " + r.owner());
                }
                if (!r.escalationPath().isEmpty()) {
                    lines.add("- **Escalation**: " + String.join(" → ", r.escalationPath()));
                }
                r.namespace().ifPresent(ns -> lines.add("- **Namespace**: " + ns));
            }
            case DETECTION -> {
                for (AlertRule a : r.alerts()) {
                    lines.add("- **Alert**: `" + a.name() + "`" + (a.conditionText().isEmpty() ? "" : " fires when " + a.conditionText()));
                }
                r.dashboards().forEach(d -> lines.add("- **Dashboard**: " + d));
            }
            case DIAGNOSIS -> {
                for (int i = 0; i < r.diagnosis().size(); i++) {
                    DiagnosisStep s = r.diagnosis().get(i);
                    lines.add((i + 1) + ". " + step(s));
                    s.substeps().forEach(sub -> lines.add("   - " + step(sub)));
                }
            }
            case MITIGATION -> {
                return mitigations(r);
            }
            case RECOVERY -> {
                for (int i = 0; i < r.recovery().size(); i++) {
                    lines.add((i + 1) + ". " + r.recovery().get(i).text());
                }
            }
            default -> throw new IllegalStateException("not a section: " + part);
        }
        String text = String.join("\n", lines);
        String notes = r.notes(part);
        return notes.isEmpty() ? text : (lines.size() == 1 ? text + "\n" : text + "\n\n") + notes;
    }

    private static String step(DiagnosisStep s) {
        if (s.command().isPresent()) {
            return s.description() + ": `" + s.command().get() + "`";
        }
        return s.substeps().isEmpty() ? s.description() : s.description() + ":";
    }

    private static String mitigations(Runbook r) {
        StringBuilder b = new StringBuilder("## Mitigation");
        String notes = r.notes(RunbookPart.MITIGATION);
        if (!notes.isEmpty()) {
            b.append('\n').append(notes).append('\n');
        }
        boolean first = true;
        for (Mitigation m : r.mitigations()) {
            b.append(first && notes.isEmpty() ? "\n" : "\n\n");
            first = false;
            b.append("### ").append(m.name()).append(m.condition().map(c -> " (if " + c + ")").orElse(""));
            if (!m.notes().isEmpty()) {
                b.append('\n').append(m.notes());
                if (!m.commands().isEmpty()) {
                    b.append('\n');
                }
            }
            if (!m.commands().isEmpty()) {
                b.append("\n```bash\n").append(String.join("\n", m.commands())).append("\n```");
            }
        }
        return b.toString();
    }

    // ---- reading ---------------------------------------------------------------------------------

    /** One pass over the lines; remembers where each field came from to place the model's complaints. */
    private static final class Reader {
        private final List<String> lines;
        private final FieldLines lineOf = new FieldLines();
        private final List<FormatException.Problem> problems = new ArrayList<>();

        /** Collects the parts; the service is set once the Overview (or the title) has named it. */
        private final Runbook.Builder builder = Runbook.forService("");
        private String title = "";
        private boolean serviceSeen;
        private int alerts;
        private int dashboards;
        private int steps;
        private int mitigations;
        private int criteria;
        private int extras;

        Reader(String markdown) {
            String text = markdown.startsWith("\uFEFF") ? markdown.substring(1) : markdown;
            this.lines = List.of(text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1));
        }

        Runbook read() {
            int titleIndex = -1;
            boolean fenced = false;
            for (int i = 0; i < lines.size(); i++) {
                String l = lines.get(i);
                if (Markup.isFence(l)) {
                    fenced = !fenced;
                } else if (!fenced && Markup.isHeading(l, 1)) {
                    titleIndex = i;
                    break;
                }
            }
            if (titleIndex < 0) {
                int first = firstNonBlank(0, lines.size());
                throw new FormatException("expected a title '# Runbook: <Service> — <Issue>' or '# <AlertName>'", first + 1, 1);
            }
            keepNotes(RunbookPart.PREAMBLE, 0, titleIndex);
            boolean template = readTitle(titleIndex);
            List<int[]> sections = new ArrayList<>();
            int start = titleIndex + 1;
            fenced = false;
            int fenceLine = -1;
            for (int i = titleIndex + 1; i < lines.size(); i++) {
                String l = lines.get(i);
                if (Markup.isFence(l)) {
                    fenced = !fenced;
                    fenceLine = i;
                } else if (!fenced && Markup.isHeading(l, 2)) {
                    sections.add(new int[] {start, i});
                    start = i;
                }
            }
            if (fenced) {
                throw new FormatException("code fence opened here is never closed", fenceLine + 1, 1);
            }
            sections.add(new int[] {start, lines.size()});
            keepNotes(RunbookPart.TITLE, titleIndex + 1, sections.get(0)[1]);
            RunbookPart last = RunbookPart.TITLE;
            Map<RunbookPart, Integer> seen = new EnumMap<>(RunbookPart.class);
            for (int[] s : sections.subList(1, sections.size())) {
                String heading = lines.get(s[0]).substring(2).strip();
                Optional<RunbookPart> part = known(heading);
                if (part.isEmpty()) {
                    builder.section(heading, joinStripped(s[0] + 1, s[1]), last);
                    lineOf.put("extraSections[" + extras++ + "]", s[0] + 1);
                    continue;
                }
                Integer before = seen.put(part.get(), s[0]);
                if (before != null) {
                    problems.add(new FormatException.Problem(s[0] + 1, 1, "section '" + heading + "' appears again (first at line "
                            + (before + 1) + ")"));
                    continue;
                }
                last = part.get();
                lineOf.put("notes." + last.name().toLowerCase(Locale.ROOT), s[0] + 1);
                switch (last) {
                    case OVERVIEW -> overview(s[0] + 1, s[1]);
                    case DETECTION -> detection(s[0] + 1, s[1]);
                    case DIAGNOSIS -> diagnosis(s[0] + 1, s[1]);
                    case MITIGATION -> mitigation(s[0] + 1, s[1]);
                    case RECOVERY -> recovery(s[0] + 1, s[1]);
                    default -> throw new IllegalStateException(last.name());
                }
            }
            if (!serviceSeen) {
                if (template) {
                    problems.add(new FormatException.Problem(titleIndex + 1, 1,
                            "no '- **Service**: <name>' line in a '## Overview' section"));
                } else {
                    builder.service(title);
                }
            }
            if (!problems.isEmpty()) {
                problems.sort(java.util.Comparator.comparingInt(FormatException.Problem::line));
                throw new FormatException(problems);
            }
            int titleLine = titleIndex + 1;
            try {
                return builder.build();
            } catch (ValidationException e) {
                // a refusal no path maps to concerns the document as a whole: the title line
                throw new FormatException(e.problems().stream().map(p -> new FormatException.Problem(
                        lineOf.lineFor(p.field(), titleLine), 1, p.toString())).toList());
            }
        }

        private boolean readTitle(int index) {
            String heading = lines.get(index).substring(1).strip();
            lineOf.put("title", index + 1);
            lineOf.put("issueType", index + 1);
            lineOf.put("service", index + 1);
            Matcher m = TEMPLATE_TITLE.matcher(heading);
            if (!m.matches()) {
                title = heading;
                builder.title(heading, "").alert(heading, "");
                lineOf.put("alerts[" + alerts++ + "]", index + 1);
                return false;
            }
            String rest = m.group("rest");
            int dash = rest.indexOf(" — ");
            int len = 3;
            if (dash < 0) {
                dash = rest.indexOf(" – ");
            }
            if (dash < 0) {
                title = rest.strip();
                builder.title(title, "");
            } else {
                title = rest.substring(0, dash).strip();
                builder.title(title, rest.substring(dash + len).strip());
            }
            return true;
        }

        private static Optional<RunbookPart> known(String heading) {
            return Optional.ofNullable(switch (heading.toLowerCase(Locale.ROOT)) {
                case "overview" -> RunbookPart.OVERVIEW;
                case "detection" -> RunbookPart.DETECTION;
                case "diagnosis" -> RunbookPart.DIAGNOSIS;
                case "mitigation", "mitigations" -> RunbookPart.MITIGATION;
                case "recovery", "recovery verification" -> RunbookPart.RECOVERY;
                default -> null;
            });
        }

        private void overview(int from, int to) {
            List<String> rest = new ArrayList<>();
            Map<String, Integer> fieldLines = new HashMap<>();
            for (int i = from; i < to; i++) {
                String l = lines.get(i);
                Matcher m = FIELD.matcher(l);
                String key = m.matches() ? m.group("key").strip().toLowerCase(Locale.ROOT) : "";
                if (!List.of("service", "owner", "escalation", "namespace").contains(key)) {
                    rest.add(l);
                    continue;
                }
                Integer before = fieldLines.put(key, i);
                if (before != null) {
                    problems.add(new FormatException.Problem(i + 1, 3, "'" + m.group("key") + "' given again (first at line " + (before + 1) + ")"));
                    continue;
                }
                String value = m.group("value");
                int column = m.start("value") + 1;
                switch (key) {
                    case "service" -> {
                        builder.service(value);
                        serviceSeen = true;
                        lineOf.put("service", i + 1);
                    }
                    case "owner" -> {
                        builder.owner(value);
                        lineOf.put("owner", i + 1);
                    }
                    case "namespace" -> {
                        builder.namespace(value);
                        lineOf.put("namespace", i + 1);
                    }
                    default -> {
                        lineOf.put("escalationPath", i + 1);
                        List<String> path = new ArrayList<>();
                        if (!value.isEmpty()) {
                            int offset = 0;
                            for (String stop : value.split("→", -1)) {
                                if (stop.isBlank()) {
                                    problems.add(new FormatException.Problem(i + 1, column + offset, "empty step in the escalation path '" + value + "'"));
                                }
                                path.add(stop.strip());
                                offset += stop.length() + 1;
                            }
                        }
                        builder.escalation(path.toArray(String[]::new));
                    }
                }
            }
            setNotes(RunbookPart.OVERVIEW, rest);
        }

        private void detection(int from, int to) {
            List<String> rest = new ArrayList<>();
            for (int i = from; i < to; i++) {
                String l = lines.get(i);
                Matcher m = FIELD.matcher(l);
                String key = m.matches() ? m.group("key").strip().toLowerCase(Locale.ROOT) : "";
                if (key.equals("alert")) {
                    Matcher a = ALERT.matcher(m.group("value"));
                    if (a.matches()) {
                        String name = a.group("q") != null ? a.group("q") : a.group("p");
                        lineOf.put("alerts[" + alerts++ + "]", i + 1);
                        builder.alert(name.strip(), a.group("cond") == null ? "" : a.group("cond"));
                        continue;
                    }
                } else if (key.equals("dashboard") && !m.group("value").isEmpty()) {
                    lineOf.put("dashboards[" + dashboards++ + "]", i + 1);
                    builder.dashboard(m.group("value"));
                    continue;
                }
                rest.add(l);
            }
            setNotes(RunbookPart.DETECTION, rest);
        }

        private void diagnosis(int from, int to) {
            List<String> rest = new ArrayList<>();
            String description = null;
            Optional<String> command = Optional.empty();
            List<DiagnosisStep> subs = new ArrayList<>();
            boolean inList = false;
            boolean fenced = false;
            for (int i = from; i < to; i++) {
                String l = lines.get(i);
                if (Markup.isFence(l)) {
                    fenced = !fenced;
                }
                Matcher n = fenced || Markup.isFence(l) ? null : NUMBERED.matcher(l);
                Matcher b = fenced || Markup.isFence(l) ? null : BULLET.matcher(l);
                if (n != null && n.matches()) {
                    if (description != null) {
                        builder.diagnose(finish(description, command, subs));
                    }
                    lineOf.put("diagnosis[" + steps++ + "]", i + 1);
                    String text = n.group("text");
                    Matcher c = WITH_COMMAND.matcher(text);
                    description = c.matches() ? c.group("d").strip() : text;
                    command = c.matches() ? Optional.of(c.group("c").strip()) : Optional.empty();
                    subs = new ArrayList<>();
                    inList = true;
                } else if (b != null && b.matches() && inList && description != null) {
                    lineOf.put("diagnosis[" + (steps - 1) + "].substeps[" + subs.size() + "]", i + 1);
                    String text = b.group("text");
                    Matcher c = WITH_COMMAND.matcher(text);
                    subs.add(c.matches() ? DiagnosisStep.of(c.group("d").strip(), c.group("c").strip())
                            : new DiagnosisStep(text, Optional.empty(), List.of()));
                } else {
                    rest.add(l);
                    inList = inList && l.isBlank();
                }
            }
            if (description != null) {
                builder.diagnose(finish(description, command, subs));
            }
            setNotes(RunbookPart.DIAGNOSIS, rest);
        }

        private static DiagnosisStep finish(String description, Optional<String> command, List<DiagnosisStep> subs) {
            String d = command.isEmpty() && !subs.isEmpty() && description.endsWith(":")
                    ? description.substring(0, description.length() - 1).strip() : description;
            return new DiagnosisStep(d, command, subs);
        }

        private void mitigation(int from, int to) {
            List<String> sectionNotes = new ArrayList<>();
            int i = from;
            while (i < to && !Markup.isHeading(lines.get(i), 3)) {
                if (Markup.isFence(lines.get(i))) {
                    problems.add(new FormatException.Problem(i + 1, 1,
                            "a command block needs a '### <name>' heading naming its mitigation"));
                    i = skipFence(i, to);
                    continue;
                }
                sectionNotes.add(lines.get(i));
                i++;
            }
            setNotes(RunbookPart.MITIGATION, sectionNotes);
            while (i < to) {
                int headingLine = i;
                String heading = lines.get(i).substring(3).strip();
                Matcher h = MITIGATION_HEADING.matcher(heading);
                String name = h.matches() ? h.group("name") : heading;
                Optional<String> condition = h.matches() ? Optional.of(h.group("cond")) : Optional.empty();
                List<String> commands = new ArrayList<>();
                List<String> prose = new ArrayList<>();
                i++;
                while (i < to && !Markup.isHeading(lines.get(i), 3)) {
                    if (Markup.isFence(lines.get(i))) {
                        int end = skipFence(i, to);
                        commands.addAll(commandLines(i + 1, end - 1));
                        i = end;
                    } else {
                        prose.add(lines.get(i));
                        i++;
                    }
                }
                lineOf.put("mitigations[" + mitigations++ + "]", headingLine + 1);
                builder.mitigation(new Mitigation(name, condition, commands, joinStripped(prose)));
            }
        }

        /** The index after the fence that closes the one opened at {@code open}. */
        private int skipFence(int open, int to) {
            for (int j = open + 1; j < to; j++) {
                if (Markup.isFence(lines.get(j))) {
                    return j + 1;
                }
            }
            return to;
        }

        /** One command a line; a trailing backslash continues a command on the next line. */
        private List<String> commandLines(int from, int to) {
            List<String> commands = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (int j = from; j < to; j++) {
                String l = lines.get(j).strip();
                if (l.endsWith("\\")) {
                    current.append(l, 0, l.length() - 1).append(' ');
                    continue;
                }
                current.append(l);
                String command = current.toString().strip();
                if (!command.isEmpty()) {
                    commands.add(command);
                }
                current.setLength(0);
            }
            if (!current.toString().isBlank()) {
                commands.add(current.toString().strip());
            }
            return commands;
        }

        private void recovery(int from, int to) {
            List<String> rest = new ArrayList<>();
            for (int i = from; i < to; i++) {
                Matcher n = NUMBERED.matcher(lines.get(i));
                if (n.matches() && !n.group("text").isBlank()) {
                    lineOf.put("recovery[" + criteria++ + "]", i + 1);
                    builder.recovery(n.group("text"));
                } else {
                    rest.add(lines.get(i));
                }
            }
            setNotes(RunbookPart.RECOVERY, rest);
        }

        /** Notes outside any section (preamble, prose under the title): located at their first line. */
        private void keepNotes(RunbookPart part, int from, int to) {
            lineOf.put("notes." + part.name().toLowerCase(Locale.ROOT), firstNonBlank(from, to) + 1);
            setNotes(part, lines.subList(from, to));
        }

        private void setNotes(RunbookPart part, List<String> rest) {
            String text = joinStripped(rest);
            if (!text.isEmpty()) {
                builder.notes(part, text);
            }
        }

        private String joinStripped(int from, int to) {
            return joinStripped(lines.subList(from, to));
        }

        private static String joinStripped(List<String> rest) {
            int a = 0;
            int b = rest.size();
            while (a < b && rest.get(a).isBlank()) {
                a++;
            }
            while (b > a && rest.get(b - 1).isBlank()) {
                b--;
            }
            return String.join("\n", rest.subList(a, b));
        }

        private int firstNonBlank(int from, int to) {
            for (int i = from; i < to; i++) {
                if (!lines.get(i).isBlank()) {
                    return i;
                }
            }
            return 0;
        }
    }
}
