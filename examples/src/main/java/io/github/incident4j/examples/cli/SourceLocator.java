package io.github.incident4j.examples.cli;

import io.github.incident4j.common.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the source line of a lint finding from its location ({@code timeline[5]}, {@code mitigations[1].commands[0]},
 * {@code schedule.overrides[2]}). The lints run on the model, which keeps no source positions, so the tool looks
 * the location up in the text: the section, then the n-th item, row, sub-heading or command in it; in YAML the
 * key, then the n-th {@code - } item under it. A location it cannot follow to the end gives the line of the
 * deepest part it found; one it cannot start on gives none.
 */
final class SourceLocator {

    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z_]+)(?:\\[(\\d+)])?");
    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*$");
    private static final Pattern NUMBERED = Pattern.compile("^\\d{1,4}[.)] ");
    private static final Pattern BULLET = Pattern.compile("^[-*+] ");
    private static final Pattern SUB_BULLET = Pattern.compile("^[ \\t]{1,8}[-*+] ");
    private static final Pattern TABLE_ROW = Pattern.compile("^\\s*\\|");
    private static final Pattern TABLE_RULE = Pattern.compile("^\\s*\\|[\\s:|-]+\\|\\s*$");
    private static final Pattern YAML_KEY = Pattern.compile("^(\\s*)(?:- )?([A-Za-z_][\\w-]*)\\s*:");

    /** Location heads in Markdown documents and the headings they live under. */
    private static final Map<String, String> SECTIONS = Map.ofEntries(
            Map.entry("overview", "overview"), Map.entry("detection", "detection"), Map.entry("alerts", "detection"),
            Map.entry("dashboards", "detection"), Map.entry("diagnosis", "diagnosis"),
            Map.entry("mitigation", "mitigation"), Map.entry("mitigations", "mitigation"),
            Map.entry("recovery", "recovery verification"), Map.entry("summary", "summary"),
            Map.entry("timeline", "timeline"), Map.entry("rootcause", "root cause"),
            Map.entry("wentwell", "what went well"), Map.entry("wentwrong", "what went wrong"),
            Map.entry("actionitems", "action items"), Map.entry("lessonslearned", "lessons learned"));

    /** Header fields ({@code **Impact**: ...}) a location may name. */
    private static final List<String> FIELDS = List.of("date", "duration", "severity", "impact", "authors", "status",
            "service", "owner", "escalation", "namespace");

    private SourceLocator() {
    }

    /** The 1-based line of {@code location} in a document of {@code kind}, if it can be found. */
    static OptionalInt locate(DocumentKind kind, String text, String location) {
        if (location.isBlank()) {
            return OptionalInt.empty();
        }
        List<String> lines = text.lines().toList();
        return switch (kind) {
            case RUNBOOK, POSTMORTEM -> markdown(lines, segments(location));
            case ROTATION -> yaml(lines, segments(location));
            case CHAOS, MATRIX -> OptionalInt.empty();
        };
    }

    /** The finding with the line of its location, when it has none yet and the line can be found. */
    static Finding place(DocumentKind kind, String text, Finding f) {
        return f.line() > 0 ? f : locate(kind, text, f.location()).stream().mapToObj(f::atLine).findFirst().orElse(f);
    }

    private record Segment(String name, int index) {
    }

    private static List<Segment> segments(String location) {
        List<Segment> out = new ArrayList<>();
        for (String part : location.split("\\.")) {
            Matcher m = SEGMENT.matcher(part);
            if (!m.matches()) {
                break;
            }
            out.add(new Segment(m.group(1), m.group(2) == null ? -1 : Integer.parseInt(m.group(2))));
        }
        return out;
    }

    // ------------------------------------------------------------------ Markdown

    private static OptionalInt markdown(List<String> lines, List<Segment> path) {
        if (path.isEmpty()) {
            return OptionalInt.empty();
        }
        String head = path.get(0).name().toLowerCase(Locale.ROOT);
        if (FIELDS.contains(head)) {
            return first(lines, 0, lines.size(), l -> l.toLowerCase(Locale.ROOT).contains("**" + head + "**"));
        }
        String heading = SECTIONS.get(head);
        if (heading == null) {
            return OptionalInt.empty();
        }
        int start = -1;
        for (int i = 0; i < lines.size() && start < 0; i++) {
            Matcher h = HEADING.matcher(lines.get(i));
            if (h.matches() && h.group(1).length() == 2 && h.group(2).toLowerCase(Locale.ROOT).startsWith(heading)) {
                start = i;
            }
        }
        if (start < 0) {
            return OptionalInt.empty();
        }
        int end = sectionEnd(lines, start, 2);
        // "detection.alerts[0]": the section was the first segment, the items are in the second.
        int item = path.get(0).index();
        int next = 1;
        if (item < 0 && path.size() > 1 && path.get(1).index() >= 0) {
            item = path.get(1).index();
            next = 2;
        }
        if (item < 0) {
            return OptionalInt.of(start + 1);
        }
        OptionalInt found = nthItem(lines, start + 1, end, head, item);
        if (found.isEmpty() || next >= path.size()) {
            return found.isPresent() ? found : OptionalInt.of(start + 1);
        }
        Segment sub = path.get(next);
        int from = found.getAsInt();   // the item's 1-based line is the 0-based index of the line after it
        int itemEnd = head.startsWith("mitigation") ? sectionEnd(lines, from - 1, 3) : itemEnd(lines, from, end);
        OptionalInt inner = sub.index() < 0 ? OptionalInt.empty() : switch (sub.name()) {
            case "substeps" -> nth(lines, from, itemEnd, l -> SUB_BULLET.matcher(l).find(), sub.index());
            case "commands" -> nthCommand(lines, from, itemEnd, sub.index());
            default -> OptionalInt.empty();
        };
        return inner.isPresent() ? inner : found;
    }

    /** The n-th item of a section: table row, {@code ###} heading, numbered step or bullet, by what the section holds. */
    private static OptionalInt nthItem(List<String> lines, int from, int to, String head, int n) {
        if (head.equals("timeline") || head.equals("actionitems")) {
            // Rows after the header row and the rule.
            int rule = first(lines, from, to, l -> TABLE_RULE.matcher(l).matches()).orElse(-1);
            return rule < 0 ? OptionalInt.empty() : nth(lines, rule, to, l -> TABLE_ROW.matcher(l).find(), n);
        }
        if (head.startsWith("mitigation")) {
            return nth(lines, from, to, l -> l.startsWith("### "), n);
        }
        if (head.equals("alerts")) {
            return nth(lines, from, to, l -> l.toLowerCase(Locale.ROOT).matches("^[-*] \\*\\*alert\\*\\*:.*"), n);
        }
        if (head.equals("dashboards")) {
            return nth(lines, from, to, l -> l.toLowerCase(Locale.ROOT).matches("^[-*] \\*\\*dashboard\\*\\*:.*"), n);
        }
        return nth(lines, from, to, l -> NUMBERED.matcher(l).find() || BULLET.matcher(l).find(), n);
    }

    private static OptionalInt nthCommand(List<String> lines, int from, int to, int n) {
        boolean inFence = false;
        int seen = 0;
        for (int i = from; i < to; i++) {
            String l = lines.get(i).strip();
            if (l.startsWith("```")) {
                inFence = !inFence;
            } else if (inFence && !l.isEmpty() && !l.startsWith("#") && seen++ == n) {
                return OptionalInt.of(i + 1);
            }
        }
        return OptionalInt.empty();
    }

    private static int sectionEnd(List<String> lines, int heading, int level) {
        for (int i = heading + 1; i < lines.size(); i++) {
            Matcher h = HEADING.matcher(lines.get(i));
            if (h.matches() && h.group(1).length() <= level) {
                return i;
            }
        }
        return lines.size();
    }

    private static int itemEnd(List<String> lines, int from, int to) {
        for (int i = from; i < to; i++) {
            if (NUMBERED.matcher(lines.get(i)).find() || BULLET.matcher(lines.get(i)).find()) {
                return i;
            }
        }
        return to;
    }

    // ------------------------------------------------------------------ YAML

    private static OptionalInt yaml(List<String> lines, List<Segment> path) {
        int from = 0;
        int to = lines.size();
        int indent = -1;
        OptionalInt best = OptionalInt.empty();
        for (Segment s : path) {
            OptionalInt key = yamlKey(lines, from, to, indent, s.name());
            if (key.isEmpty()) {
                continue;   // e.g. "schedule.layers[0]" in a file that has one implicit layer
            }
            int k = key.getAsInt();
            best = OptionalInt.of(k + 1);
            int keyIndent = indentOf(lines.get(k));
            int end = blockEnd(lines, k, keyIndent);
            from = k + 1;
            to = end;
            indent = keyIndent;
            if (s.index() >= 0) {
                OptionalInt item = nth(lines, from, to, l -> l.stripLeading().startsWith("- ")
                        && indentOf(l) >= keyIndent && indentOf(l) == itemIndent(lines, k + 1, end), s.index());
                if (item.isEmpty()) {
                    return best;
                }
                int line = item.getAsInt() - 1;
                best = OptionalInt.of(line + 1);
                from = line;
                to = blockEnd(lines, line, indentOf(lines.get(line)));
                indent = indentOf(lines.get(line));
            }
        }
        return best;
    }

    private static OptionalInt yamlKey(List<String> lines, int from, int to, int parentIndent, String key) {
        int childIndent = -1;
        for (int i = from; i < to; i++) {
            Matcher m = YAML_KEY.matcher(lines.get(i));
            if (!m.find()) {
                continue;
            }
            int at = m.group(1).length() + (lines.get(i).stripLeading().startsWith("- ") ? 2 : 0);
            if (at <= parentIndent) {
                continue;
            }
            if (childIndent < 0) {
                childIndent = at;
            }
            if (at == childIndent && m.group(2).equals(key)) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    private static int itemIndent(List<String> lines, int from, int to) {
        for (int i = from; i < to; i++) {
            if (lines.get(i).stripLeading().startsWith("- ")) {
                return indentOf(lines.get(i));
            }
        }
        return -1;
    }

    /** The end of the block opened at {@code start}: the next content line indented no deeper than it. */
    private static int blockEnd(List<String> lines, int start, int indent) {
        for (int i = start + 1; i < lines.size(); i++) {
            String l = lines.get(i);
            if (!l.isBlank() && !l.stripLeading().startsWith("#") && indentOf(l) <= indent
                    && !(l.stripLeading().startsWith("- ") && indentOf(l) == indent && !lines.get(start).stripLeading()
                    .startsWith("- "))) {
                return i;
            }
        }
        return lines.size();
    }

    private static int indentOf(String line) {
        return line.length() - line.stripLeading().length();
    }

    // ------------------------------------------------------------------ shared

    private static OptionalInt first(List<String> lines, int from, int to, java.util.function.Predicate<String> p) {
        for (int i = from; i < to; i++) {
            if (p.test(lines.get(i))) {
                return OptionalInt.of(i + 1);
            }
        }
        return OptionalInt.empty();
    }

    /** The 1-based line of the n-th (0-based) line in {@code [from, to)} that matches. */
    private static OptionalInt nth(List<String> lines, int from, int to, java.util.function.Predicate<String> p, int n) {
        int seen = 0;
        for (int i = Math.max(0, from); i < to; i++) {
            if (p.test(lines.get(i)) && seen++ == n) {
                return OptionalInt.of(i + 1);
            }
        }
        return OptionalInt.empty();
    }
}
