package io.github.incident4j.format.internal.runbook;

import io.github.incident4j.ValidationException;
import io.github.incident4j.format.FormatException;
import io.github.incident4j.format.internal.FieldLines;
import io.github.incident4j.format.internal.markdown.Block;
import io.github.incident4j.format.internal.markdown.DocumentKind;
import io.github.incident4j.format.internal.markdown.FrontMatter;
import io.github.incident4j.format.internal.markdown.LineEnds;
import io.github.incident4j.format.internal.markdown.MarkdownDocument;
import io.github.incident4j.format.internal.markdown.Section;
import io.github.incident4j.format.internal.runbook.RunbookSource.CodeSlot;
import io.github.incident4j.format.internal.runbook.RunbookSource.ExtraSlot;
import io.github.incident4j.format.internal.runbook.RunbookSource.ItemSlot;
import io.github.incident4j.format.internal.runbook.RunbookSource.LeadStyle;
import io.github.incident4j.format.internal.runbook.RunbookSource.MitigationSlot;
import io.github.incident4j.format.internal.runbook.RunbookSource.NotesSlot;
import io.github.incident4j.format.internal.runbook.RunbookSource.StepSlot;
import io.github.incident4j.format.internal.runbook.RunbookSource.TitleKind;
import io.github.incident4j.format.internal.runbook.RunbookSource.TitleSlot;
import io.github.incident4j.runbook.CodeBlock;
import io.github.incident4j.runbook.DiagnosisStep;
import io.github.incident4j.runbook.ExtraSection;
import io.github.incident4j.runbook.Mitigation;
import io.github.incident4j.runbook.Runbook;
import io.github.incident4j.runbook.RunbookPart;
import io.github.incident4j.runbook.internal.ShellText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a runbook from a {@link MarkdownDocument}: finds the title, matches section headings to the runbook's parts by
 * meaning, reads each part's elements from its blocks, and records every element's blocks in a {@link RunbookSource},
 * which becomes the runbook's origin.
 */
public final class RunbookReader {

    private static final Pattern ARROW = Pattern.compile("→|->");
    private static final Pattern TEMPLATE_TITLE = Pattern.compile("(?id)^runbook:\\s*(?<rest>.*)$");
    private static final Pattern ALERT = Pattern.compile("(?ds)^(?:`(?<q>[^`]+)`|(?<p>\\S+))(?:\\s+fires when\\s*(?<cond>.*?))?\\s*$");
    private static final Pattern ALERT_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_:.-]*");
    private static final Map<String, String> FIELD_KEYS = Map.ofEntries(Map.entry("service", "service"),
            Map.entry("owner", "owner"), Map.entry("team", "owner"), Map.entry("owning team", "owner"),
            Map.entry("escalation", "escalation"), Map.entry("escalation path", "escalation"),
            Map.entry("namespace", "namespace"));

    private final String text;
    private final MarkdownDocument doc;
    private final RunbookSource source;
    private final FieldLines lineOf = new FieldLines();
    /** Whether to record where each field came from: only on a second read, after the model refused a value. */
    private final boolean locate;
    private final List<FormatException.Problem> problems = new ArrayList<>();
    private final Runbook.Builder builder = Runbook.forService("");
    private final Map<RunbookPart, List<Block>> notes = new LinkedHashMap<>();
    private final Map<Block, Integer> topIndex = new java.util.IdentityHashMap<>();
    private final Map<Block, Optional<RunbookPart>> parts = new java.util.IdentityHashMap<>();
    private final Set<String> mitigationNames = new HashSet<>();
    private final List<Mitigation> mitigations = new ArrayList<>();
    private final List<Mitigation> namedMitigations = new ArrayList<>();
    private final List<MitigationSlot> unnamedSlots = new ArrayList<>();
    private final List<MitigationSlot> namedSlots = new ArrayList<>();
    private final List<Mitigation> unnamed = new ArrayList<>();
    private boolean serviceSeen;
    private String title = "";
    private int alerts;
    private int dashboards;
    private int criteria;

    private RunbookReader(String text, MarkdownDocument doc, boolean locate) {
        this.text = text;
        this.doc = doc;
        this.locate = locate;
        this.source = new RunbookSource(text, doc);
        for (int i = 0; i < doc.blocks().size(); i++) {
            topIndex.put(doc.blocks().get(i), i);
        }
    }

    /**
     * Reads a runbook.
     *
     * @param name the runbook's name when the document has no title (no heading before its sections and no front
     *     matter title), or null
     * @throws FormatException with line and column for what cannot be read
     */
    public static Runbook read(String text, @Nullable String name) {
        MarkdownDocument doc = MarkdownDocument.parse(text);
        try {
            return new RunbookReader(text, doc, false).read(name);
        } catch (ValidationException e) {
            // the model refused a value: read again, recording where each field came from, to locate the problems
            return new RunbookReader(text, doc, true).read(name);
        }
    }

    private Runbook read(@Nullable String name) {
        List<Block> blocks = doc.blocks();
        int titleIndex = titleIndex(blocks);
        Optional<String> fmTitle = doc.frontMatter().flatMap(f -> f.value("title")).map(String::strip).filter(t -> !t.isEmpty());
        int titleLine;
        if (titleIndex >= 0) {
            Block h = blocks.get(titleIndex);
            titleLine = h.line();
            boolean template = readTitle(h.headingText(), titleLine);
            source.title = new TitleSlot(TitleKind.HEADING, h, template, !template && isAlertName(title));
        } else if (fmTitle.isPresent()) {
            titleLine = doc.frontMatter().map(FrontMatter::line).orElse(1);
            readTitle(fmTitle.get(), titleLine);
            source.title = new TitleSlot(TitleKind.FRONT_MATTER, null, false, false);
        } else if (name != null && !name.isBlank()) {
            titleLine = 1;
            readTitle(name.strip(), 1);
            source.title = new TitleSlot(TitleKind.NAME, null, false, false);
        } else {
            throw refusal(blocks, "no title: no '# ' heading before the sections and no front matter title; "
                    + "give the runbook's name with RunbookMarkdown.parse(text, name)");
        }
        if (source.title.alertFromTitle()) {
            builder.alert(title, "");
            if (locate) {
                lineOf.put("alerts[" + alerts++ + "]", titleLine);
            }
        }
        int first = titleIndex + 1;
        int level = 0;
        for (int i = first; i < blocks.size(); i++) {
            if (blocks.get(i).kind() == Block.Kind.HEADING) {
                level = blocks.get(i).headingLevel();
                break;
            }
        }
        source.sectionLevel = Math.max(level, 1);
        List<Integer> sectionStarts = new ArrayList<>();
        for (int i = first; i < blocks.size(); i++) {
            Block b = blocks.get(i);
            if (b.kind() == Block.Kind.HEADING && b.headingLevel() <= source.sectionLevel) {
                sectionStarts.add(i);
            }
        }
        int firstSection = sectionStarts.isEmpty() ? blocks.size() : sectionStarts.get(0);
        source.firstSectionStart = firstSection < blocks.size() ? blocks.get(firstSection).start() : text.length();
        preamble(titleIndex >= 0 ? blocks.get(titleIndex).start() : firstSection < blocks.size() ? blocks.get(firstSection).start() : text.length());
        notes.put(RunbookPart.TITLE, new ArrayList<>(blocks.subList(Math.min(first, firstSection), firstSection)));
        boolean known = false;
        RunbookPart last = RunbookPart.TITLE;
        int extras = 0;
        for (int s = 0; s < sectionStarts.size(); s++) {
            int from = sectionStarts.get(s);
            int to = s + 1 < sectionStarts.size() ? sectionStarts.get(s + 1) : blocks.size();
            Block heading = blocks.get(from);
            List<Block> content = blocks.subList(from + 1, to);
            Section section = new Section(heading, heading.headingLevel(), heading.headingText(), content, List.of());
            Optional<RunbookPart> part = part(heading);
            if (part.isEmpty()) {
                String body = runs(content);
                ExtraSection extra = new ExtraSection(heading.headingText(), body, last);
                builder.section(extra.heading(), extra.body(), extra.after());
                source.extras.add(new ExtraSlot(extra, section));
                if (locate) {
                    lineOf.put("extraSections[" + extras++ + "]", heading.line());
                }
                continue;
            }
            known = true;
            last = part.get();
            source.sections.computeIfAbsent(last, k -> new ArrayList<>()).add(section);
            if (locate) {
                lineOf.put("notes." + last.name().toLowerCase(Locale.ROOT), heading.line());
            }
            switch (last) {
                case OVERVIEW -> overview(content);
                case DETECTION -> detection(content);
                case DIAGNOSIS -> diagnosis(content);
                case MITIGATION -> mitigation(heading, content);
                case RECOVERY -> recovery(content);
                default -> throw new IllegalStateException(last.name());
            }
        }
        if (!known) {
            throw refusal(blocks, "none of its headings is a runbook section (" + Parts.known() + ")");
        }
        if (!source.sections.containsKey(RunbookPart.DIAGNOSIS) && !source.sections.containsKey(RunbookPart.MITIGATION)
                && !source.sections.containsKey(RunbookPart.RECOVERY)
                && DocumentKind.of(text, doc).kind() == DocumentKind.Kind.POSTMORTEM) {
            // Summary, Detection and Resolution are a postmortem's sections too: without a Diagnosis, Mitigation or
            // Recovery section, a document with Timeline, Root Cause or Action Items is a postmortem
            throw refusal(blocks, "it has no Diagnosis, Mitigation or Recovery section");
        }
        finishMitigations();
        for (Map.Entry<RunbookPart, List<Block>> e : notes.entrySet()) {
            if (e.getKey() == RunbookPart.PREAMBLE) {
                continue;
            }
            source.notes.put(e.getKey(), new NotesSlot(List.copyOf(e.getValue())));
            String value = runs(e.getValue());
            if (!value.isEmpty()) {
                builder.notes(e.getKey(), value);
            }
        }
        if (!serviceSeen) {
            if (source.title.template()) {
                problems.add(new FormatException.Problem(titleLine, 1, "no '- **Service**: <name>' line in an Overview section "
                        + "(a '# Runbook: <Service> — <Issue>' title names the service in its Overview)"));
            } else {
                builder.service(title);
            }
        }
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparingInt(FormatException.Problem::line));
            throw new FormatException(problems);
        }
        try {
            Runbook read = builder.origin(source).build();
            source.read = read;
            return read;
        } catch (ValidationException e) {
            if (!locate) {
                throw e;
            }
            throw new FormatException(e.problems().stream().map(p -> new FormatException.Problem(
                    lineOf.lineFor(p.field(), titleLine), 1, p.toString())).toList());
        }
    }

    /** The index of the title heading: an H1 before any section, else a first heading that names no section; -1 if none. */
    private int titleIndex(List<Block> blocks) {
        boolean fmTitle = doc.frontMatter().flatMap(f -> f.value("title")).filter(t -> !t.isBlank()).isPresent();
        for (int i = 0; i < blocks.size(); i++) {
            Block b = blocks.get(i);
            if (b.kind() != Block.Kind.HEADING) {
                continue;
            }
            if (part(b).isPresent()) {
                return -1;
            }
            if (b.headingLevel() == 1) {
                return i;
            }
            return fmTitle ? -1 : i;
        }
        return -1;
    }

    /** The part a heading names, read once per heading. */
    private Optional<RunbookPart> part(Block heading) {
        return parts.computeIfAbsent(heading, h -> Parts.of(h.headingText()));
    }

    private FormatException refusal(List<Block> blocks, String why) {
        DocumentKind kind = DocumentKind.of(text, doc);
        List<String> headings = blocks.stream().filter(b -> b.kind() == Block.Kind.HEADING)
                .map(b -> "#".repeat(b.headingLevel()) + " " + b.headingText()).limit(12).toList();
        String found = headings.isEmpty() ? "it has no headings" : "headings found: " + String.join(", ", headings);
        String looks = kind.kind() == DocumentKind.Kind.UNKNOWN || kind.kind() == DocumentKind.Kind.RUNBOOK ? ""
                : "it looks like " + kind.describe() + ", not a runbook: ";
        int line = blocks.isEmpty() ? 1 : blocks.get(0).line();
        String prefix = !looks.isEmpty() ? looks : why.startsWith("no title") ? "" : "not a runbook: ";
        return new FormatException(prefix + why + "; " + found, line, 1);
    }

    // ---- title and preamble ----------------------------------------------------------------------

    /** Reads the title text; returns whether it is the template's {@code Runbook: X — Y}. */
    private boolean readTitle(String heading, int line) {
        if (locate) {
            lineOf.put("title", line);
        }
        if (locate) {
            lineOf.put("issueType", line);
        }
        if (locate) {
            lineOf.put("service", line);
        }
        Matcher m = TEMPLATE_TITLE.matcher(heading);
        String rest = m.matches() ? m.group("rest") : heading;
        int dash = rest.indexOf(" — ");
        if (dash < 0) {
            dash = rest.indexOf(" – ");
        }
        if (dash < 0) {
            title = rest.strip();
            builder.title(title, "");
        } else {
            title = rest.substring(0, dash).strip();
            builder.title(title, rest.substring(dash + 3).strip());
        }
        return m.matches();
    }

    private static boolean isAlertName(String title) {
        return ALERT_NAME.matcher(title).matches();
    }

    private void preamble(int end) {
        int start = doc.byteOrderMark() ? 1 : 0;
        String pre = text.substring(start, Math.max(start, end)).stripTrailing();
        if (!pre.isEmpty()) {
            int at = start;
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
            if (locate) {
                lineOf.put("notes.preamble", doc.line(at));
            }
            builder.notes(RunbookPart.PREAMBLE, stripLeadingBlankLines(LineEnds.normalize(pre)));
        }
    }

    private static String stripLeadingBlankLines(String s) {
        int i = 0;
        int lineStart = 0;
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\n')) {
            if (s.charAt(i) == '\n') {
                lineStart = i + 1;
            }
            i++;
        }
        return s.substring(lineStart);
    }

    /** The blocks' sources, adjacent blocks with the text between them, runs joined by a blank line. */
    private String runs(List<Block> blocks) {
        if (blocks.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        int i = 0;
        List<Block> all = doc.blocks();
        while (i < blocks.size()) {
            int j = i;
            int index = topIndex.getOrDefault(blocks.get(i), -1);
            while (j + 1 < blocks.size() && index >= 0 && index + 1 < all.size() && all.get(index + 1) == blocks.get(j + 1)) {
                j++;
                index++;
            }
            if (b.length() > 0) {
                b.append("\n\n");
            }
            b.append(text, blocks.get(i).start(), blocks.get(j).end());
            i = j + 1;
        }
        return LineEnds.normalize(b.toString());
    }

    private void note(RunbookPart part, Block b) {
        notes.computeIfAbsent(part, k -> new ArrayList<>()).add(b);
    }

    // ---- overview and detection --------------------------------------------------------------------

    /** A list item's field: its key (lower case) and raw value, if its text is {@code **Key**: value}. */
    private record Field(String key, String written, String value, int column) {
    }

    private static @Nullable Field field(@Nullable Block lead) {
        if (lead == null) {
            return null;
        }
        String raw = lead.inlineSource();
        // **Key**: value, or **Key:** value
        if (!raw.startsWith("**")) {
            return null;
        }
        int close = raw.indexOf("**", 2);
        if (close <= 2) {
            return null;
        }
        String key = raw.substring(2, close);
        int at = close + 2;
        if (key.endsWith(":")) {
            key = key.substring(0, key.length() - 1);
        } else {
            while (at < raw.length() && (raw.charAt(at) == ' ' || raw.charAt(at) == '\t')) {
                at++;
            }
            if (at >= raw.length() || raw.charAt(at) != ':') {
                return null;
            }
            at++;
        }
        if (key.isBlank() || key.indexOf('*') >= 0) {
            return null;
        }
        while (at < raw.length() && Character.isWhitespace(raw.charAt(at))) {
            at++;
        }
        String written = key.strip();
        return new Field(written.toLowerCase(Locale.ROOT), written, joinLines(raw.substring(at)), lead.column() + at);
    }

    private static @Nullable Block lead(Block item) {
        List<Block> kids = item.children();
        return !kids.isEmpty() && kids.get(0).kind() == Block.Kind.PARAGRAPH ? kids.get(0) : null;
    }

    private void overview(List<Block> content) {
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (Block b : content) {
            boolean fields = false;
            if (b.isList()) {
                for (Block item : b.children()) {
                    Block lead = lead(item);
                    Field f = field(lead);
                    String key = f == null ? null : FIELD_KEYS.get(f.key);
                    if (key == null) {
                        continue;
                    }
                    fields = true;
                    Integer before = seen.put(key, item.line());
                    if (before != null) {
                        problems.add(new FormatException.Problem(item.line(), item.column() + 2, "'" + f.written + "' given again (first at line "
                                + before + ")"));
                        continue;
                    }
                    source.fields.put(key, new ItemSlot(item, lead));
                    fieldValue(key, f, item.line());
                }
            }
            if (!fields) {
                note(RunbookPart.OVERVIEW, b);
            }
        }
    }

    private void fieldValue(String key, Field f, int line) {
        switch (key) {
            case "service" -> {
                builder.service(f.value);
                serviceSeen = true;
                if (locate) {
                    lineOf.put("service", line);
                }
            }
            case "owner" -> {
                builder.owner(f.value);
                if (locate) {
                    lineOf.put("owner", line);
                }
            }
            case "namespace" -> {
                builder.namespace(f.value);
                if (locate) {
                    lineOf.put("namespace", line);
                }
            }
            default -> {
                if (locate) {
                    lineOf.put("escalationPath", line);
                }
                List<String> path = new ArrayList<>();
                if (!f.value.isEmpty()) {
                    int offset = 0;
                    for (String stop : ARROW.split(f.value, -1)) {
                        if (stop.isBlank()) {
                            problems.add(new FormatException.Problem(line, f.column + offset, "empty step in the escalation path '"
                                    + f.value + "'"));
                        }
                        path.add(stop.strip());
                        offset += stop.length() + 1;
                    }
                }
                builder.escalation(path.toArray(String[]::new));
            }
        }
    }

    private void detection(List<Block> content) {
        for (Block b : content) {
            boolean fields = false;
            if (b.isList()) {
                for (Block item : b.children()) {
                    Block lead = lead(item);
                    Field f = field(lead);
                    if (f == null) {
                        continue;
                    }
                    if (f.key.equals("alert")) {
                        Matcher a = ALERT.matcher(f.value);
                        if (a.matches()) {
                            String name = a.group("q") != null ? a.group("q") : a.group("p");
                            if (locate) {
                                lineOf.put("alerts[" + alerts++ + "]", item.line());
                            }
                            builder.alert(name.strip(), a.group("cond") == null ? "" : a.group("cond"));
                            source.alerts.add(new ItemSlot(item, lead));
                            fields = true;
                        }
                    } else if ((f.key.equals("dashboard") || f.key.equals("dashboards")) && !f.value.isEmpty()) {
                        if (locate) {
                            lineOf.put("dashboards[" + dashboards++ + "]", item.line());
                        }
                        builder.dashboard(f.value);
                        source.dashboards.add(new ItemSlot(item, lead));
                        fields = true;
                    }
                }
            }
            if (!fields) {
                note(RunbookPart.DETECTION, b);
            }
        }
    }

    // ---- diagnosis -----------------------------------------------------------------------------------

    /** A step's text read from its lead paragraph. */
    private record Lead(String description, List<CodeSlot> inline, LeadStyle style) {
    }

    private Lead lead(@Nullable Block p, boolean hasBlocks) {
        if (p == null) {
            return new Lead("", List.of(), LeadStyle.NONE);
        }
        String raw = p.inlineSource();
        List<Block.CodeSpan> spans = p.codeSpans();
        String task = "";
        String body = raw;
        if (raw.length() >= 4 && raw.charAt(0) == '[' && raw.charAt(2) == ']' && raw.charAt(3) == ' '
                && (raw.charAt(1) == ' ' || raw.charAt(1) == 'x' || raw.charAt(1) == 'X')) {
            task = raw.substring(0, 4);
            body = raw.substring(4);
        }
        List<CodeSlot> inline = new ArrayList<>();
        Block.CodeSpan trailing = null;
        String description;
        if (!spans.isEmpty()) {
            Block.CodeSpan last = spans.get(spans.size() - 1);
            String written = text.substring(last.start(), last.end());
            String trimmed = body.stripTrailing();
            if (written.indexOf('\n') < 0 && written.indexOf('\r') < 0 && trimmed.endsWith(written)
                    && trimmed.substring(0, trimmed.length() - written.length()).stripTrailing().endsWith(":")
                    && !last.literal().isBlank()) {
                trailing = last;
                String before = trimmed.substring(0, trimmed.length() - written.length()).stripTrailing();
                body = before.substring(0, before.length() - 1);
            }
        }
        description = joinLines(body);
        for (Block.CodeSpan s : spans) {
            if (s != trailing && !s.literal().isBlank() && ShellText.startsWithProgram(s.literal())) {
                inline.add(new CodeSlot(CodeBlock.inline(s.literal().strip()), p, s));
            }
        }
        if (trailing != null) {
            inline.add(new CodeSlot(CodeBlock.inline(trailing.literal().strip()), p, trailing));
        }
        // "Check the pods:" before its code or on its own: the colon is how the text is written, not what it says
        boolean colon = false;
        if (trailing == null && description.endsWith(":")) {
            description = description.substring(0, description.length() - 1).stripTrailing();
            colon = true;
        }
        return new Lead(description, inline, new LeadStyle(task, colon, trailing != null));
    }

    static String joinLines(String text) {
        return Block.joinLines(text);
    }

    private static CodeSlot codeSlot(Block b) {
        CodeBlock.Style style = b.kind() == Block.Kind.FENCED_CODE ? CodeBlock.Style.FENCED : CodeBlock.Style.INDENTED;
        return new CodeSlot(new CodeBlock(style == CodeBlock.Style.FENCED ? b.language() : "", b.codeText(), style), b, null);
    }

    /** The commands in a paragraph that is not a step's lead: its code spans that start with a known program. */
    private static List<CodeSlot> inlineCommands(Block p) {
        List<CodeSlot> out = new ArrayList<>();
        for (Block.CodeSpan s : p.codeSpans()) {
            if (!s.literal().isBlank() && ShellText.startsWithProgram(s.literal())) {
                out.add(new CodeSlot(CodeBlock.inline(s.literal().strip()), p, s));
            }
        }
        return out;
    }

    /** A step read from a list item, or null for an item with no text, code or sub-steps. */
    private @Nullable StepSlot itemStep(Block item, int depth) {
        List<Block> kids = item.children();
        Block leadBlock = lead(item);
        boolean hasBlocks = false;
        for (Block k : kids) {
            hasBlocks |= k.isCode() || k.isList();
        }
        Lead lead = lead(leadBlock, hasBlocks);
        List<CodeSlot> code = new ArrayList<>(lead.inline);
        List<StepSlot> subs = new ArrayList<>();
        for (Block k : kids) {
            if (k == leadBlock) {
                continue;
            }
            if (k.isCode()) {
                code.add(codeSlot(k));
            } else if (k.isList()) {
                for (Block sub : k.children()) {
                    StepSlot s = depth + 1 < Runbook.MAX_STEP_DEPTH ? itemStep(sub, depth + 1) : null;
                    if (s != null) {
                        subs.add(s);
                    }
                }
            } else if (k.kind() == Block.Kind.PARAGRAPH) {
                code.addAll(inlineCommands(k));
            }
        }
        if (lead.description.isEmpty() && code.isEmpty() && subs.isEmpty()) {
            return null;
        }
        String description = lead.description;
        if (description.isEmpty() && code.isEmpty()) {
            description = "(step)";
        }
        DiagnosisStep value = new DiagnosisStep(description, code.stream().map(CodeSlot::value).toList(),
                subs.stream().map(StepSlot::value).toList());
        return new StepSlot(value, item, leadBlock, lead.style, code, subs, item.start(), item.end());
    }

    private static StepSlot withCode(StepSlot s, CodeSlot c) {
        List<CodeSlot> code = new ArrayList<>(s.code());
        code.add(c);
        DiagnosisStep value = s.value().withCode(code.stream().map(CodeSlot::value).toList());
        return new StepSlot(value, s.item(), s.lead(), s.style(), code, s.substeps(), s.start(), Math.max(s.end(), c.host().end()));
    }

    private void diagnosis(List<Block> content) {
        List<StepSlot> steps = new ArrayList<>();
        Block prev = null;
        Block pending = null;
        boolean listJustEnded = false;
        boolean headingSinceStep = false;
        for (Block b : content) {
            if (b.isList()) {
                for (Block item : b.children()) {
                    StepSlot s = itemStep(item, 0);
                    if (s != null) {
                        steps.add(s);
                    }
                }
                listJustEnded = !steps.isEmpty() && steps.get(steps.size() - 1).item() != null
                        && steps.get(steps.size() - 1).item().parent() == b;
                if (!listJustEnded) {
                    note(RunbookPart.DIAGNOSIS, b);
                }
                pending = null;
                headingSinceStep = false;
            } else if (b.isCode()) {
                CodeSlot c = codeSlot(b);
                CodeBlock.Kind kind = c.value().kind();
                StepSlot last = steps.isEmpty() ? null : steps.get(steps.size() - 1);
                boolean runnable = kind == CodeBlock.Kind.COMMANDS || kind == CodeBlock.Kind.QUERY;
                if (last != null && prev != null && (listJustEnded || prev == last.lead() && last.item() == null)) {
                    steps.set(steps.size() - 1, withCode(last, c));
                } else if (last != null && !runnable && !headingSinceStep) {
                    steps.set(steps.size() - 1, withCode(last, c));
                } else {
                    Block leadBlock = prev != null && prev == pending ? pending : null;
                    if (leadBlock != null) {
                        notes.get(RunbookPart.DIAGNOSIS).remove(leadBlock);
                    }
                    Lead lead = lead(leadBlock, true);
                    List<CodeSlot> code = new ArrayList<>(lead.inline);
                    code.add(c);
                    DiagnosisStep value = new DiagnosisStep(lead.description, code.stream().map(CodeSlot::value).toList(), List.of());
                    steps.add(new StepSlot(value, null, leadBlock, lead.style, code, List.of(),
                            leadBlock != null ? leadBlock.start() : b.start(), b.end()));
                    headingSinceStep = false;
                }
                pending = null;
                listJustEnded = false;
            } else if (b.kind() == Block.Kind.PARAGRAPH) {
                List<CodeSlot> inline = inlineCommands(b);
                if (!inline.isEmpty()) {
                    Lead lead = lead(b, false);
                    DiagnosisStep value = new DiagnosisStep(lead.description, lead.inline.stream().map(CodeSlot::value).toList(), List.of());
                    steps.add(new StepSlot(value, null, b, lead.style, lead.inline, List.of(), b.start(), b.end()));
                    pending = null;
                    headingSinceStep = false;
                } else {
                    note(RunbookPart.DIAGNOSIS, b);
                    pending = b;
                }
                listJustEnded = false;
            } else {
                note(RunbookPart.DIAGNOSIS, b);
                pending = null;
                listJustEnded = false;
                headingSinceStep |= b.kind() == Block.Kind.HEADING;
            }
            prev = b;
        }
        notes.computeIfAbsent(RunbookPart.DIAGNOSIS, k -> new ArrayList<>());
        for (StepSlot s : steps) {
            if (locate) {
                lineOf.put("diagnosis[" + source.steps.size() + "]", doc.line(s.start()));
            }
            locate("diagnosis[" + source.steps.size() + "]", s);
            source.steps.add(s);
            builder.diagnose(s.value());
        }
    }

    private void locate(String path, StepSlot s) {
        if (locate) {
            lineOf.put(path, doc.line(s.start()));
        }
        for (int i = 0; i < s.substeps().size(); i++) {
            locate(path + ".substeps[" + i + "]", s.substeps().get(i));
        }
    }

    // ---- mitigation ----------------------------------------------------------------------------------

    private void mitigation(Block sectionHeading, List<Block> content) {
        int level = 7;
        for (Block b : content) {
            if (b.kind() == Block.Kind.HEADING) {
                level = Math.min(level, b.headingLevel());
            }
        }
        int i = 0;
        List<CodeSlot> procedure = new ArrayList<>();
        int procStart = -1;
        int procEnd = -1;
        Block prev = null;
        MitigationSlot lastAlternative = null;
        List<MitigationSlot> alternatives = new ArrayList<>();
        while (i < content.size() && !(content.get(i).kind() == Block.Kind.HEADING && content.get(i).headingLevel() == level)) {
            Block b = content.get(i);
            List<CodeSlot> found = new ArrayList<>();
            if (b.kind() == Block.Kind.BULLET_LIST) {
                boolean any = false;
                for (Block item : b.children()) {
                    StepSlot s = itemStep(item, 0);
                    List<CodeSlot> code = s == null ? List.of() : flatten(s);
                    if (code.isEmpty()) {
                        continue;
                    }
                    any = true;
                    String name = s.value().description().isEmpty() ? "" : s.value().description();
                    lastAlternative = new MitigationSlot(new Mitigation(name, Optional.empty(),
                            code.stream().map(CodeSlot::value).toList(), "", false), null, item, code, List.of(), item.start(), item.end());
                    alternatives.add(lastAlternative);
                }
                if (!any) {
                    note(RunbookPart.MITIGATION, b);
                    lastAlternative = null;
                }
            } else if (b.isList()) {
                for (Block item : b.children()) {
                    StepSlot s = itemStep(item, 0);
                    if (s != null) {
                        found.addAll(flatten(s));
                    }
                }
                if (found.isEmpty()) {
                    note(RunbookPart.MITIGATION, b);
                }
                lastAlternative = null;
            } else if (b.isCode()) {
                if (lastAlternative != null && prev != null && prev.isList()) {
                    MitigationSlot a = lastAlternative;
                    List<CodeSlot> code = new ArrayList<>(a.code());
                    code.add(codeSlot(b));
                    lastAlternative = new MitigationSlot(a.value().withCode(code.stream().map(CodeSlot::value).toList()), null,
                            a.item(), code, List.of(), a.start(), b.end());
                    alternatives.set(alternatives.size() - 1, lastAlternative);
                } else {
                    found.add(codeSlot(b));
                    lastAlternative = null;
                }
            } else if (b.kind() == Block.Kind.PARAGRAPH) {
                found.addAll(inlineCommands(b));
                if (found.isEmpty()) {
                    note(RunbookPart.MITIGATION, b);
                }
                lastAlternative = null;
            } else {
                note(RunbookPart.MITIGATION, b);
                lastAlternative = null;
            }
            if (!found.isEmpty()) {
                procedure.addAll(found);
                procStart = procStart < 0 ? b.start() : procStart;
                procEnd = b.end();
            }
            prev = b;
            i++;
        }
        notes.computeIfAbsent(RunbookPart.MITIGATION, k -> new ArrayList<>());
        if (!procedure.isEmpty()) {
            Mitigation m = new Mitigation(sectionHeading.headingText(), Optional.empty(),
                    procedure.stream().map(CodeSlot::value).toList(), "", false);
            unnamedSlots.add(new MitigationSlot(m, null, null, procedure, List.of(), procStart, procEnd));
        }
        unnamedSlots.addAll(alternatives);
        while (i < content.size()) {
            Block heading = content.get(i);
            int j = i + 1;
            while (j < content.size() && !(content.get(j).kind() == Block.Kind.HEADING && content.get(j).headingLevel() <= level)) {
                j++;
            }
            namedMitigation(heading, content.subList(i + 1, j));
            i = j;
        }
    }

    private static List<CodeSlot> flatten(StepSlot s) {
        List<CodeSlot> out = new ArrayList<>(s.code());
        s.substeps().forEach(sub -> out.addAll(flatten(sub)));
        return out;
    }

    private void namedMitigation(Block heading, List<Block> body) {
        String written = heading.headingText();
        String name = written;
        Optional<String> condition = Optional.empty();
        // Name (if condition) / Name (when condition)
        int open = written.lastIndexOf('(');
        if (written.endsWith(")") && open >= 0 && written.indexOf(')') == written.length() - 1) {
            String inner = written.substring(open + 1, written.length() - 1).strip();
            String lower = inner.toLowerCase(Locale.ROOT);
            int word = lower.startsWith("if ") ? 3 : lower.startsWith("when ") ? 5 : -1;
            if (word > 0 && !inner.substring(word).isBlank()) {
                name = written.substring(0, open).strip();
                condition = Optional.of(inner.substring(word).strip());
            }
        }
        List<CodeSlot> code = new ArrayList<>();
        List<Block> noteBlocks = new ArrayList<>();
        for (Block b : body) {
            List<CodeSlot> found = new ArrayList<>();
            if (b.isList()) {
                for (Block item : b.children()) {
                    StepSlot s = itemStep(item, 0);
                    if (s != null) {
                        found.addAll(flatten(s));
                    }
                }
            } else if (b.isCode()) {
                found.add(codeSlot(b));
            } else if (b.kind() == Block.Kind.PARAGRAPH) {
                found.addAll(inlineCommands(b));
            }
            if (found.isEmpty()) {
                noteBlocks.add(b);
            }
            code.addAll(found);
        }
        int end = body.isEmpty() ? heading.end() : body.get(body.size() - 1).end();
        Mitigation m = new Mitigation(name, condition, code.stream().map(CodeSlot::value).toList(), runs(noteBlocks), true);
        namedSlots.add(new MitigationSlot(m, heading, null, code, noteBlocks, heading.start(), end));
    }

    /** Gives every mitigation a unique, non-blank name, then adds them: unnamed ones first, as the document has them. */
    private void finishMitigations() {
        List<MitigationSlot> all = new ArrayList<>();
        for (MitigationSlot s : namedSlots) {
            mitigationNames.add(s.value().name().toLowerCase(Locale.ROOT));
        }
        List<MitigationSlot> ordered = new ArrayList<>(unnamedSlots);
        ordered.sort(Comparator.comparingInt(MitigationSlot::start));
        for (MitigationSlot s : ordered) {
            String base = s.value().name().isBlank() ? "Mitigation" : s.value().name();
            all.add(renamed(s, unique(base)));
        }
        Set<String> used = new HashSet<>();
        for (MitigationSlot s : namedSlots) {
            String base = s.value().name().isBlank() ? "Mitigation" : s.value().name();
            String name = base;
            int n = 2;
            while (!used.add(name.toLowerCase(Locale.ROOT))) {
                name = base + " (" + n++ + ")";
            }
            all.add(renamed(s, name));
        }
        for (MitigationSlot s : all) {
            if (locate) {
                lineOf.put("mitigations[" + source.mitigations.size() + "]", doc.line(s.start()));
            }
            source.mitigations.add(s);
            builder.mitigation(s.value());
        }
    }

    private String unique(String base) {
        String name = base;
        int n = 2;
        while (mitigationNames.contains(name.toLowerCase(Locale.ROOT))) {
            name = base + " (" + n++ + ")";
        }
        mitigationNames.add(name.toLowerCase(Locale.ROOT));
        return name;
    }

    private static MitigationSlot renamed(MitigationSlot s, String name) {
        if (name.equals(s.value().name())) {
            return s;
        }
        Mitigation m = s.value();
        return new MitigationSlot(new Mitigation(name, m.condition(), m.code(), m.notes(), m.named()), s.heading(), s.item(),
                s.code(), s.notes(), s.start(), s.end());
    }

    // ---- recovery ------------------------------------------------------------------------------------

    private void recovery(List<Block> content) {
        for (Block b : content) {
            boolean any = false;
            if (b.isList()) {
                for (Block item : b.children()) {
                    Block lead = lead(item);
                    if (lead == null) {
                        continue;
                    }
                    String t = joinLines(lead.inlineSource());
                    if (t.length() >= 4 && t.charAt(0) == '[' && t.charAt(2) == ']' && t.charAt(3) == ' ') {
                        t = t.substring(4).strip();
                    }
                    if (t.isEmpty()) {
                        continue;
                    }
                    any = true;
                    if (locate) {
                        lineOf.put("recovery[" + criteria++ + "]", item.line());
                    }
                    builder.recovery(t);
                    source.recovery.add(new ItemSlot(item, lead));
                }
            }
            if (!any) {
                note(RunbookPart.RECOVERY, b);
            }
        }
    }
}
