package io.github.incident4j.format.internal.postmortem;

import io.github.incident4j.ValidationException;
import io.github.incident4j.common.Severity;
import io.github.incident4j.format.FormatException;
import io.github.incident4j.format.internal.markdown.Block;
import io.github.incident4j.format.internal.markdown.DocumentKind;
import io.github.incident4j.format.internal.markdown.FrontMatter;
import io.github.incident4j.format.internal.markdown.LineEnds;
import io.github.incident4j.format.internal.markdown.LineIndex;
import io.github.incident4j.format.internal.markdown.MarkdownDocument;
import io.github.incident4j.format.internal.markdown.Table;
import io.github.incident4j.format.internal.postmortem.Columns.Role;
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
import io.github.incident4j.postmortem.Impact;
import io.github.incident4j.postmortem.Postmortem;
import io.github.incident4j.postmortem.PostmortemStatus;
import io.github.incident4j.postmortem.Priority;
import io.github.incident4j.postmortem.Section;
import io.github.incident4j.postmortem.TimelineEntry;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.SourceSpan;
import org.jspecify.annotations.Nullable;

/**
 * Reads a postmortem from Markdown as teams write it (see {@code format.PostmortemMarkdown} for the layouts), and
 * leaves a {@link SourceMap} on it. One instance per read; every problem of the document is collected and thrown at
 * once as a located {@link FormatException}. Linear in the text: each block is looked at a bounded number of times,
 * and every pattern is anchored.
 */
public final class PostmortemReader {

    // header field lines: "**Date**: x", "**Date:** x", "__Date__: x", "Date: x"
    private static final Pattern BOLD_FIELD = Pattern.compile("(?d)(\\*\\*|__)([^*_:\\n]{1,60}?)(?:\\1[ \\t]*:|:[ \\t]*\\1)[ \\t]*(.*)");
    private static final Pattern PLAIN_FIELD = Pattern.compile("(?d)([\\p{L}][\\p{L}\\p{N} ()&/'#.-]{0,40}?)[ \\t]*:(?:[ \\t]+(.*)|[ \\t]*)");
    private static final Pattern DURATION_LINE = Pattern.compile(
            "(?d)(\\S+)\\s+start\\s*(?:→|->)\\s*(\\S+)\\s+resolved(?:\\s*\\((.*)\\))?\\s*");
    private static final Pattern DURATION_RANGE = Pattern.compile(
            "(?d)(\\d{1,2}:\\d{2}(?::\\d{2})?)\\s*(?:→|->|–|—|-|to|until)\\s*(\\d{1,2}:\\d{2}(?::\\d{2})?)(?:\\s+(.*))?");
    private static final String UNIT = "(days?|d|hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)";
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+)\\s*" + UNIT + "(?![a-z])", Pattern.CASE_INSENSITIVE);
    private static final Pattern DURATION_TEXT = Pattern.compile("\\d+\\s*" + UNIT
            + "(?:(?:\\s*,\\s*|\\s+and\\s+|\\s*)\\d+\\s*" + UNIT + ")*", Pattern.CASE_INSENSITIVE);
    private static final Pattern PLACEHOLDER_AMOUNT = Pattern.compile("[XYN?]+\\s+[a-z]+", Pattern.CASE_INSENSITIVE);
    private static final Pattern AUTHOR_SPLIT = Pattern.compile("\\s*[,;]\\s*");
    private static final Pattern FM_KEY = Pattern.compile("([A-Za-z_][A-Za-z0-9_-]*)[ \\t]*:(?:[ \\t]|$)");
    private static final Pattern TOML_KEY = Pattern.compile("([A-Za-z_][A-Za-z0-9_-]*)[ \\t]*=[ \\t]*");
    // task-list and plain-list action items
    private static final Pattern ISO_IN_LINE = Pattern.compile("(?<!\\d)\\d{4}-\\d{2}-\\d{2}(?!\\d)");
    private static final Pattern ITEM_PRIORITY = Pattern.compile("(?i)^(?:\\*\\*|__)?[\\[(]?(P[0-4])[\\])]?(?:\\*\\*|__)?(?:[ \\t]*[:\\-–—][ \\t]*|[ \\t]+)");
    private static final Pattern ITEM_OWNER = Pattern.compile("(?<![\\w@/])@[\\w][\\w.-]*[\\w]|(?<![\\w@/])@[\\w]");
    private static final Pattern ITEM_DUE = Pattern.compile("(?i)\\b(?:due(?:[ \\t]+date)?|by|deadline)[ \\t]*:?[ \\t]+(\\d{4}-\\d{1,2}-\\d{1,2})(?![\\w-])");
    private static final Pattern ITEM_TICKET = Pattern.compile("(?<![\\w/-])[A-Z][A-Z0-9]{1,9}-\\d{1,7}\\b");
    private static final Pattern ITEM_KEYED = Pattern.compile("(?i)(owner|assignee|due|deadline|ticket|issue|status|priority)[ \\t]*:[ \\t]*(.+)");
    private static final Pattern ITEM_GROUP = Pattern.compile("[ \\t]*\\(([^()]*)\\)");

    private final String text;
    private final MarkdownDocument doc;
    private final LineIndex lines;
    private final SourceMap map;
    private final List<FormatException.Problem> problems = new ArrayList<>();
    private final Postmortem.Builder b = Postmortem.untitled();
    private final Set<String> seenFields = new HashSet<>();
    private final List<HeaderField> extraFields = new ArrayList<>();
    private final List<TimelineEntry> timeline = new ArrayList<>();
    private final List<ActionItem> actionItems = new ArrayList<>();
    private final List<String> preamble = new ArrayList<>();
    private @Nullable ZoneId zone;
    private @Nullable LocalTime start;
    private @Nullable LocalTime end;
    private @Nullable String durationText;
    private int durationLine;
    private int durationColumn;
    private int titleLine = 1;

    private PostmortemReader(String text, MarkdownDocument doc) {
        this.text = text;
        this.doc = doc;
        this.lines = doc.lines();
        this.map = new SourceMap(text, doc.lineEnding(), lines);
    }

    /**
     * Reads a postmortem.
     *
     * @throws FormatException with line and column for every problem
     */
    public static Postmortem read(String text) {
        MarkdownDocument doc = MarkdownDocument.parse(text);
        try {
            return new PostmortemReader(text, doc).read();
        } catch (FormatException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            // a bug here must still reach the caller as a located refusal, never as a leaked runtime exception
            throw new FormatException("the postmortem could not be read: " + e, 1, 1, e);
        }
    }

    /** The source map of a postmortem this reader read, if it has one. */
    public static Optional<SourceMap> sourceOf(Postmortem p) {
        return p.source() instanceof SourceMap m ? Optional.of(m) : Optional.empty();
    }

    private void problem(int offset, String message) {
        problems.add(new FormatException.Problem(lines.line(offset), lines.column(offset), message));
    }

    private void lineOf(String path, int offset) {
        map.lineOf.put(path, lines.line(offset));
    }

    // ------------------------------------------------------------------ structure

    /** A part of the document: the header region, a known section or an extra one. */
    private record Part(@Nullable Section known, @Nullable Block heading, List<Block> body) {
    }

    private Postmortem read() {
        refuseOtherKinds();
        List<Block> blocks = doc.blocks();
        int first = -1;
        for (int i = 0; i < blocks.size() && first < 0; i++) {
            if (blocks.get(i).kind() == Block.Kind.HEADING) {
                first = i;
            }
        }
        Block titleBlock = first >= 0 && blocks.get(first).headingLevel() == 1 && known(blocks.get(first)) == null
                ? blocks.get(first) : null;
        int from = titleBlock == null ? 0 : first + 1;
        map.titleInsertAt = titleBlock != null ? titleBlock.start() : blocks.isEmpty() ? text.length()
                : firstAfterBanner(blocks);
        if (titleBlock != null) {
            title(titleBlock);
        }
        frontMatter();
        List<Part> parts = parts(blocks, from);
        long knownParts = parts.stream().filter(p -> p.known() != null).count();
        if (knownParts == 0) {
            refuseNoSections(blocks);
        }
        header(parts.get(0).body(), titleBlock);
        Section lastKnown = null;
        List<ExtraSection> extras = new ArrayList<>();
        List<SectionSpot> extraSpots = new ArrayList<>();
        Map<Section, String> bodies = new EnumMap<>(Section.class);
        for (int i = 1; i < parts.size(); i++) {
            Part part = parts.get(i);
            int next = i + 1 < parts.size() ? partStart(parts.get(i + 1)) : text.length();
            Block h = part.heading();
            if (part.known() == null) {
                SectionSpot spot = spot(h, part.body(), next, List.of());
                String heading = h == null ? "" : h.headingText();
                Section shadowed = h == null ? null : known(h);
                Section after = shadowed != null && (lastKnown == null || lastKnown.ordinal() < shadowed.ordinal())
                        ? shadowed : lastKnown;
                extras.add(new ExtraSection(heading.isEmpty() ? "?" : heading, bodyText(part.body()), after));
                extraSpots.add(spot);
                if (heading.isEmpty() && h != null) {
                    problem(h.start(), "a section heading without a name");
                }
                continue;
            }
            Section s = part.known();
            lastKnown = s;
            if (h != null && h.headingLevel() > 0 && map.sections.isEmpty()) {
                map.sectionLevel = h.headingLevel();
            }
            List<Range> notes = new ArrayList<>();
            String body = switch (s) {
                case TIMELINE -> timeline(part, notes);
                case ACTION_ITEMS -> actionItems(part, notes);
                default -> {
                    part.body().forEach(bl -> notes.add(new Range(bl.start(), bl.end())));
                    yield bodyText(part.body());
                }
            };
            bodies.put(s, body);
            map.sections.put(s, spot(h, part.body(), next, notes));
            if (h != null) {
                lineOf(s.field(), h.start());
            }
        }
        checkDuration();
        // the model keeps extra sections in a stable order by the known section they follow: so do their spots
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < extras.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt(i -> extras.get(i).after() == null ? -1 : extras.get(i).after().ordinal()));
        for (int k = 0; k < order.size(); k++) {
            map.extras.add(extraSpots.get(order.get(k)));
            lineOf("extraSections[" + k + "]", extraSpots.get(order.get(k)).headingStart());
        }
        if (!problems.isEmpty()) {
            throw new FormatException(problems);
        }
        bodies.forEach(b::narrative);
        b.zone(zone == null ? java.time.ZoneOffset.UTC : zone).fields(extraFields).preamble(String.join("\n\n", preamble))
                .timeline(timeline).actionItems(actionItems).extraSections(extras).window(start, end);
        Postmortem read;
        try {
            read = b.build();
        } catch (ValidationException e) {
            throw new FormatException(e.problems().stream().map(p -> new FormatException.Problem(
                    map.line(p.field()).orElse(titleLine), 1, p.toString())).toList());
        }
        map.snapshot(read);
        return read.toBuilder().source(map).build();
    }

    private int firstAfterBanner(List<Block> blocks) {
        return blocks.get(0).start();
    }

    private static int partStart(Part p) {
        return p.heading() != null ? p.heading().start() : p.body().isEmpty() ? 0 : p.body().get(0).start();
    }

    /** The known section a heading names, if any. */
    private static @Nullable Section known(Block heading) {
        return Section.forHeading(DocumentKind.normalize(heading.headingText())).orElse(null);
    }

    /**
     * Splits the blocks from {@code from} into the header region (first part, without heading) and sections. A
     * heading starts a section when it names a known section not yet seen, or when it is no deeper than the section
     * it is in (level 2 at least); a deeper one belongs to the section above it, and so does a date heading inside
     * the timeline. A known section given twice at the same depth is a problem.
     */
    private List<Part> parts(List<Block> blocks, int from) {
        List<Part> parts = new ArrayList<>();
        List<Block> current = new ArrayList<>();
        Section currentKnown = null;
        Block currentHeading = null;
        int level = 0;
        boolean inHeader = true;
        Set<Section> taken = EnumSet.noneOf(Section.class);
        for (int i = from; i < blocks.size(); i++) {
            Block bl = blocks.get(i);
            if (bl.kind() != Block.Kind.HEADING) {
                current.add(bl);
                continue;
            }
            Section s = known(bl);
            boolean boundary;
            if (currentKnown == Section.TIMELINE && s == null && dateHeading(bl) != null) {
                boundary = false;
            } else if (s != null && !taken.contains(s)) {
                boundary = true;
            } else if (s != null && level > 0 && bl.headingLevel() > level) {
                boundary = false;
            } else if (s != null) {
                // the same section under another name (Contributing Factors after Root Cause): kept as an extra
                // section; the model places it after the one it shadows
                boundary = level == 0 || bl.headingLevel() <= Math.max(2, level);
                s = null;
            } else if (inHeader && fieldHeading(bl)) {
                boundary = false;
            } else {
                boundary = level == 0 || bl.headingLevel() <= Math.max(2, level);
            }
            if (!boundary) {
                current.add(bl);
                continue;
            }
            parts.add(new Part(currentKnown, currentHeading, current));
            current = new ArrayList<>();
            currentHeading = bl;
            currentKnown = s;
            level = bl.headingLevel();
            inHeader = false;
            if (s != null) {
                taken.add(s);
            }
        }
        parts.add(new Part(currentKnown, currentHeading, current));
        return parts;
    }

    /** A heading that names a header field ({@code ### Date}) in the header region, as the SRE book's template has. */
    private static boolean fieldHeading(Block heading) {
        return HeaderField.knownAs(DocumentKind.normalize(heading.headingText())).isPresent();
    }

    private SectionSpot spot(@Nullable Block h, List<Block> body, int next, List<Range> notes) {
        int hs = h == null ? (body.isEmpty() ? next : body.get(0).start()) : h.start();
        int he = h == null ? hs : h.end();
        int[] t = h == null ? new int[] {hs, hs} : h.headingTextRange();
        int bs = body.isEmpty() ? he : body.get(0).start();
        int be = body.isEmpty() ? he : body.get(body.size() - 1).end();
        return new SectionSpot(hs, he, t[0], t[1], h == null ? 0 : h.headingLevel(), bs, be, next, List.copyOf(notes));
    }

    /** The Markdown of blocks as written, from the first one's start to the last one's end, line ends as {@code \n}. */
    private String bodyText(List<Block> body) {
        if (body.isEmpty()) {
            return "";
        }
        return Postmortem.trimBlankLines(text.substring(body.get(0).start(), body.get(body.size() - 1).end()));
    }

    private String notesText(List<Block> notes) {
        List<String> out = new ArrayList<>();
        for (Block bl : notes) {
            out.add(Postmortem.trimBlankLines(bl.source()));
        }
        return String.join("\n\n", out);
    }

    /** Where the text of a heading is written (between its markers). */
    /** The lines of a paragraph (or heading) as [start, end) offsets. */
    private List<int[]> lineRanges(Block p) {
        List<int[]> out = new ArrayList<>();
        for (SourceSpan s : p.node().getSourceSpans()) {
            int a = s.getInputIndex() + doc.bodyStart();
            out.add(new int[] {a, a + s.getLength()});
        }
        return out;
    }

    // ------------------------------------------------------------------ refusals

    private void refuseOtherKinds() {
        DocumentKind kind = DocumentKind.of(text, doc);
        if (kind.kind() == DocumentKind.Kind.RUNBOOK || kind.kind() == DocumentKind.Kind.YAML) {
            int line = 1;
            for (Block bl : doc.blocks()) {
                if (bl.kind() == Block.Kind.HEADING && kind.evidence().contains(bl.headingText())) {
                    line = bl.line();
                    break;
                }
            }
            throw new FormatException("not a postmortem: this looks like " + kind.describe()
                    + (kind.kind() == DocumentKind.Kind.RUNBOOK ? "; read it with RunbookMarkdown" : ""), line, 1);
        }
    }

    private void refuseNoSections(List<Block> blocks) {
        List<String> found = new ArrayList<>();
        int line = 1;
        for (Block bl : blocks) {
            if (bl.kind() == Block.Kind.HEADING) {
                if (found.isEmpty()) {
                    line = bl.line();
                }
                if (found.size() < 8) {
                    found.add("'" + bl.headingText() + "'");
                }
            }
        }
        throw new FormatException("not a postmortem: none of its headings names a postmortem section (Summary, "
                + "Impact, Timeline, Root Cause, Resolution, Action Items, Lessons Learned, ...); "
                + (found.isEmpty() ? "it has no headings" : "it has " + String.join(", ", found)), line, 1);
    }

    // ------------------------------------------------------------------ title, front matter, header

    private void title(Block h) {
        int[] r = h.headingTextRange();
        String written = text.substring(r[0], r[1]);
        titleLine = h.line();
        lineOf("title", h.start());
        Matcher m = Pattern.compile("(?i)^(post-?mortem|incident report)\\s*:\\s*").matcher(written);
        int cut = m.find() ? m.end() : 0;
        map.titlePrefix = written.substring(0, cut);
        map.title = new Range(r[0] + cut, r[1]);
        // a setext title may run over several lines: they are one title
        String t = written.substring(cut).replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
        b.title(t.isEmpty() || Columns.isPlaceholder(t) ? null : t);
    }

    private void frontMatter() {
        Optional<FrontMatter> fm = doc.frontMatter();
        if (fm.isEmpty()) {
            return;
        }
        FrontMatter f = fm.get();
        if (f.problem() != null) {
            problems.addAll(f.problem().problems());
            return;
        }
        // the keys and where their values are written, to read and to rewrite them in place
        int contentStart = LineEnds.afterBreak(text, LineEnds.indexOfBreak(text, f.start()));
        int closing = lines.lineStart(lines.line(f.end()));
        boolean toml = f.fence().equals("+++");
        map.frontMatterStyle = new FieldStyle(closing, "", "", "", toml ? " = " : ": ", true);
        int at = contentStart;
        while (at < closing) {
            int lineEnd = lineContentEnd(at);
            int next = nextLine(at);
            if (toml) {
                Matcher t = TOML_KEY.matcher(text).region(at, lineEnd);
                if (t.lookingAt() && t.end() < lineEnd) {
                    int ve = lineEnd;
                    while (ve > t.end() && Character.isWhitespace(text.charAt(ve - 1))) {
                        ve--;
                    }
                    frontMatterField(t.group(1), f, new FieldSpot(t.end(), ve, at, next, true, "", true));
                } else if (text.startsWith("[", at)) {
                    break;
                }
                at = next;
                continue;
            }
            Matcher k = FM_KEY.matcher(text).region(at, lineEnd);
            if (k.lookingAt()) {
                String key = k.group(1);
                int vs = k.end();
                while (vs < lineEnd && (text.charAt(vs) == ' ' || text.charAt(vs) == '\t')) {
                    vs++;
                }
                int ve = lineEnd;
                while (ve > vs && Character.isWhitespace(text.charAt(ve - 1))) {
                    ve--;
                }
                String prefix = "";
                int spotEnd = next;
                if (vs == ve) {
                    // a block value (a list, a nested map) on the following indented lines
                    int n = next;
                    while (n < closing && (text.charAt(n) == ' ' || text.charAt(n) == '\t' || text.charAt(n) == '-')) {
                        ve = lineContentEnd(n);
                        n = nextLine(n);
                    }
                    spotEnd = n;
                    vs = text.indexOf(':', at) + 1;
                    ve = Math.max(vs, ve);
                    prefix = " ";
                }
                frontMatterField(key, f, new FieldSpot(vs, ve, at, spotEnd, true, prefix));
            }
            at = next;
        }
    }

    private void frontMatterField(String key, FrontMatter f, FieldSpot spot) {
        String value = f.value(key).orElse("");
        String k = key.toLowerCase(Locale.ROOT);
        if (k.equals("title")) {
            if (map.title == null) {
                map.fields.put("title", spot);
                lineOf("title", spot.lineStart());
                b.title(value.isBlank() || Columns.isPlaceholder(value) ? null : value.strip());
            }
            return;
        }
        String known = switch (k) {
            case "authors", "author" -> "authors";
            case "date", "severity", "status", "id", "impact" -> k;
            case "sev" -> "severity";
            case "timezone", "tz", "zone", "time_zone" -> "timezone";
            default -> null;
        };
        if (known != null) {
            field(known, key, value, spot, spot.valueStart());
        }
    }

    /** The header region: field lines, field headings and the preamble (any other block). */
    private void header(List<Block> region, @Nullable Block titleBlock) {
        FieldStyle style = null;
        int lastFieldEnd = -1;
        Block lastFieldBlock = null;
        // prose: whole blocks, or the lines of a field paragraph that are not fields; a blank line between blocks
        List<Range> prose = new ArrayList<>();
        List<String> proseText = new ArrayList<>();
        for (int i = 0; i < region.size(); i++) {
            Block bl = region.get(i);
            List<FieldLine> fields = fieldLines(bl);
            if (bl.kind() == Block.Kind.HEADING) {
                // a field heading: "### Date" with its value in the paragraph under it, if any
                String name = bl.headingText();
                Block next = i + 1 < region.size() ? region.get(i + 1) : null;
                boolean valued = next != null && next.kind() == Block.Kind.PARAGRAPH && lineRanges(next).size() == 1;
                int vs = valued ? next.start() : bl.end();
                int ve = valued ? next.end() : bl.end();
                String prefix = valued ? "" : map.eol() + map.eol();
                String key = HeaderField.knownAs(DocumentKind.normalize(name)).orElseThrow();
                field(key, name, text.substring(vs, ve), new FieldSpot(vs, ve, bl.start(), valued ? next.end() : bl.end(),
                        false, prefix), vs);
                if (valued) {
                    i++;
                }
                continue;
            }
            if (fields.isEmpty() && bl.kind() == Block.Kind.PARAGRAPH) {
                fields = mixedFieldLines(bl, prose, proseText);
            }
            if (fields.isEmpty()) {
                prose.add(new Range(bl.start(), bl.end()));
                proseText.add(Postmortem.trimBlankLines(bl.source()));
                continue;
            }
            for (FieldLine f : fields) {
                field(f.key(), f.name(), text.substring(f.valueStart(), f.valueEnd()), new FieldSpot(f.valueStart(),
                        f.valueEnd(), lines.lineStartOf(f.lineStart()), nextLine(f.lineStart()), false, ""), f.valueStart());
                String sep = lastFieldBlock == null || lastFieldBlock == bl ? map.eol() : map.eol() + map.eol();
                style = new FieldStyle(f.lineEnd(), sep, f.linePrefix(), f.nameOpen(), f.nameSuffix(), false);
                lastFieldEnd = f.lineEnd();
                lastFieldBlock = bl;
            }
        }
        if (style != null) {
            map.fieldStyle = style;
        } else if (map.frontMatterStyle == null) {
            int at = titleBlock != null ? titleBlock.end() : map.titleInsertAt;
            map.fieldStyle = new FieldStyle(at, titleBlock != null ? map.eol() + map.eol() : "", "", "**", "**: ", false);
        }
        preamble.addAll(proseText);
        map.preamble.addAll(prose);
        if (!prose.isEmpty()) {
            lineOf("preamble", prose.get(0).start());
        }
        map.preambleInsertAt = lastFieldEnd >= 0 ? lastFieldEnd : titleBlock != null ? titleBlock.end() : -1;
    }

    /**
     * A field line as found.
     *
     * @param key the known field it is, or {@code ""}
     * @param name the name as written
     * @param lineStart where its line's content starts
     * @param lineEnd where its line's content ends
     * @param valueStart where its value starts
     * @param valueEnd where its value ends
     * @param linePrefix what the line writes before the name (a list marker)
     * @param nameOpen the bold mark before the name, or empty
     * @param nameSuffix what follows the name up to the value ({@code **: }, {@code :** }, {@code : })
     */
    private record FieldLine(String key, String name, int lineStart, int lineEnd, int valueStart, int valueEnd,
            String linePrefix, String nameOpen, String nameSuffix) {
    }

    /** The field lines of a block when every line of it is one (a paragraph, or a list of one-line items); else none. */
    private List<FieldLine> fieldLines(Block bl) {
        List<FieldLine> out = new ArrayList<>();
        if (bl.kind() == Block.Kind.PARAGRAPH) {
            for (int[] r : lineRanges(bl)) {
                FieldLine f = fieldLine(r[0], r[1], lines.lineStartOf(r[0]));
                if (f == null) {
                    return List.of();
                }
                out.add(f);
            }
        } else if (bl.kind() == Block.Kind.BULLET_LIST) {
            for (Block item : bl.children()) {
                List<Block> c = item.children();
                if (c.size() != 1 || c.get(0).kind() != Block.Kind.PARAGRAPH || lineRanges(c.get(0)).size() != 1) {
                    return List.of();
                }
                int[] r = lineRanges(c.get(0)).get(0);
                FieldLine f = fieldLine(r[0], r[1], lines.lineStartOf(item.start()));
                if (f == null) {
                    return List.of();
                }
                out.add(f);
            }
        }
        return out;
    }

    /**
     * A header paragraph with a line that is not a field (a note among the fields): its bold field lines, and the
     * plain ones with a known name, are fields; the other lines are prose, one piece of the preamble.
     */
    private List<FieldLine> mixedFieldLines(Block paragraph, List<Range> prose, List<String> proseText) {
        List<FieldLine> out = new ArrayList<>();
        List<int[]> rest = new ArrayList<>();
        for (int[] r : lineRanges(paragraph)) {
            FieldLine f = fieldLine(r[0], r[1], lines.lineStartOf(r[0]));
            if (f != null && (!f.nameOpen().isEmpty() || !f.key().isEmpty())) {
                out.add(f);
            } else {
                rest.add(r);
            }
        }
        if (out.isEmpty()) {
            return out;
        }
        StringBuilder text = new StringBuilder();
        for (int[] r : rest) {
            prose.add(new Range(lines.lineStartOf(r[0]), r[1]));
            text.append(text.length() == 0 ? "" : "\n").append(this.text, r[0], r[1]);
        }
        if (!rest.isEmpty()) {
            proseText.add(Postmortem.trimBlankLines(text.toString()));
        }
        return out;
    }

    private @Nullable FieldLine fieldLine(int from, int to, int lineStart) {
        String line = text.substring(from, to);
        String prefix = text.substring(lineStart, from);
        Matcher bold = BOLD_FIELD.matcher(line);
        if (bold.matches()) {
            String name = bold.group(2).strip();
            int vs = from + bold.start(3);
            int ve = from + stripEnd(line, bold.end(3));
            String suffix = line.substring(bold.end(2), bold.start(3));
            return new FieldLine(HeaderField.knownAs(name).orElse(""), name, from, to, vs, Math.max(vs, ve), prefix,
                    bold.group(1), suffix);
        }
        Matcher plain = PLAIN_FIELD.matcher(line);
        if (plain.matches() && plain.group(1).strip().split("\\s+").length <= 5
                && !plain.group(1).toLowerCase(Locale.ROOT).startsWith("http")) {
            String name = plain.group(1).strip();
            int vs = plain.group(2) == null ? to : from + plain.start(2);
            int ve = plain.group(2) == null ? to : from + stripEnd(line, plain.end(2));
            String suffix = line.substring(plain.end(1), plain.group(2) == null ? line.length() : plain.start(2));
            return new FieldLine(HeaderField.knownAs(name).orElse(""), name, from, to, vs, Math.max(vs, ve), prefix, "",
                    suffix.isBlank() || !suffix.endsWith(" ") ? ": " : suffix);
        }
        return null;
    }

    private static int stripEnd(String s, int end) {
        int e = end;
        while (e > 0 && Character.isWhitespace(s.charAt(e - 1))) {
            e--;
        }
        return e;
    }

    /** Reads one header field (from the body or the front matter). */
    private void field(String key, String name, String rawValue, FieldSpot spot, int at) {
        String value = rawValue.strip();
        if (key.isEmpty()) {
            map.extraFields.add(spot);
            lineOf("extraFields[" + extraFields.size() + "]", at);
            extraFields.add(new HeaderField(name, value));
            return;
        }
        boolean frontMatter = spot.frontMatter();
        if (!seenFields.add(key + (frontMatter ? "@fm" : ""))) {
            problem(at, "the field '" + name + "' appears twice");
            return;
        }
        map.fields.put(key, spot);
        lineOf(key, at);
        boolean placeholder = Columns.isPlaceholder(value);
        switch (key) {
            case "date" -> b.date(placeholder ? null : date(value, at));
            case "duration" -> duration(name, value, at, spot);
            case "severity" -> b.severity(placeholder ? null : severity(value, at));
            case "impact" -> b.impact(placeholder || value.equals("X% of users affected, Y requests failed") ? null
                    : Impact.of(value));
            case "authors" -> b.authors(placeholder ? List.of() : AUTHOR_SPLIT.splitAsStream(value).map(String::strip)
                    .filter(s -> !s.isEmpty()).toList());
            case "status" -> b.status(placeholder ? null : status(value, at));
            case "id" -> b.id(placeholder ? null : value);
            case "timezone" -> {
                if (!placeholder) {
                    Optional<ZoneId> z = TimeText.zone(value);
                    if (z.isEmpty()) {
                        problem(at, "unknown time zone '" + value + "' (write UTC, an offset such as +01:00, a region "
                                + "such as Europe/Berlin, or an abbreviation such as PST)");
                    } else if (zone == null) {
                        zone = z.get();
                        map.zone = new Range(spot.valueStart(), spot.valueEnd());
                    }
                }
            }
            default -> throw new IllegalStateException("no reader for the field " + key);
        }
    }

    private @Nullable LocalDate date(String value, int at) {
        Optional<TimeText.Reading> r = TimeText.leadingDate(value);
        if (r.isPresent()) {
            String rest = value.substring(r.get().end()).strip();
            // "2025-03-14 14:00 UTC": the zone of the document when nothing else says it
            if (!rest.isEmpty()) {
                TimeText.whole(rest).map(TimeText.Reading::zone).ifPresent(z -> {
                    if (zone == null) {
                        zone = z;
                    }
                });
            }
            return r.get().date();
        }
        if (value.matches("\\d{4}-\\d{2}-\\d{2}.*")) {
            problem(at, "'" + value + "' is not a date that exists (expected YYYY-MM-DD)");
        } else {
            problem(at, "'" + value + "' is not a date (expected YYYY-MM-DD, or e.g. 21 October 2015)");
        }
        return null;
    }

    private @Nullable Severity severity(String value, int at) {
        try {
            return Severity.parse(value);
        } catch (ValidationException e) {
            String head = value.split("[\\s(,;:]+", 2)[0];
            try {
                return Severity.parse(head);
            } catch (ValidationException again) {
                problem(at, "unknown severity '" + value + "': " + e.problems().get(0).message());
                return null;
            }
        }
    }

    private @Nullable PostmortemStatus status(String value, int at) {
        try {
            return PostmortemStatus.parse(value);
        } catch (ValidationException e) {
            problem(at, "unknown status '" + value + "': " + e.problems().get(0).message());
            return null;
        }
    }

    private void duration(String name, String value, int at, FieldSpot spot) {
        if (value.isEmpty()) {
            return;
        }
        Matcher m = DURATION_LINE.matcher(value);
        if (m.matches()) {
            start = clock(m.group(1), at + m.start(1));
            end = clock(m.group(2), at + m.start(2));
            durationText = m.group(3);
            durationLine = lines.line(at);
            durationColumn = lines.column(at) + (m.group(3) == null ? 0 : m.start(3));
            return;
        }
        Matcher r = DURATION_RANGE.matcher(value);
        if (r.matches()) {
            start = clock(r.group(1), at + r.start(1));
            end = clock(r.group(2), at + r.start(2));
            if (r.group(3) != null) {
                Optional<TimeText.ZoneAt> z = TimeText.zoneNote(r.group(3));
                if (z.isPresent() && zone == null) {
                    zone = z.get().zone();
                }
            }
            return;
        }
        // a duration the model cannot place ("66 minutes", "about an hour") is kept as written
        map.fields.remove("duration");
        map.extraFields.add(spot);
        lineOf("extraFields[" + extraFields.size() + "]", at);
        extraFields.add(new HeaderField(name, value));
    }

    private @Nullable LocalTime clock(String written, int at) {
        if (written.equals(TimelineEntry.TIME_PLACEHOLDER)) {
            return null;
        }
        Optional<TimeText.Reading> r = TimeText.whole(written);
        if (r.isPresent() && r.get().time() != null && r.get().date() == null) {
            return r.get().time();
        }
        problem(at, "'" + written + "' is not a time (expected HH:MM)");
        return null;
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
            problems.add(new FormatException.Problem(durationLine, durationColumn, "cannot read the duration '"
                    + durationText + "'; write e.g. (22 minutes) or (1 hour 5 minutes)"));
        } else if (!stated.equals(actual)) {
            problems.add(new FormatException.Problem(durationLine, durationColumn, "the duration (" + durationText
                    + ") does not agree with " + TimelineEntry.clock(start) + " → " + TimelineEntry.clock(end)
                    + ", which is " + PostmortemWriter.humanDuration(actual)));
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

    // ------------------------------------------------------------------ timeline

    /** A date heading or date line: {@code 2015-10-21}, {@code 2015-10-21 (all times UTC)}, {@code Monday, 21 Oct 2015}. */
    private static @Nullable LocalDate dateHeading(Block h) {
        return dateLine(h.headingText());
    }

    private static @Nullable LocalDate dateLine(String line) {
        String t = TimeText.unwrap(line.strip());
        int paren = t.indexOf('(');
        String head = paren > 0 ? t.substring(0, paren).strip() : t;
        while (head.endsWith(":")) {
            head = head.substring(0, head.length() - 1).strip();
        }
        Optional<LocalDate> whole = TimeText.date(head);
        if (whole.isPresent() || head.length() > 60) {
            return whole.orElse(null);
        }
        // a short heading that names one ISO date and no time: "Day 2 — 2026-02-16", "Monday 2026-02-16"
        Matcher iso = ISO_IN_LINE.matcher(head);
        if (iso.find() && head.indexOf(':') < 0) {
            int at = iso.start();
            boolean again = iso.find();
            return again ? null : TimeText.date(head.substring(at, at + 10)).orElse(null);
        }
        return null;
    }

    private String timeline(Part part, List<Range> notes) {
        Block h = part.heading();
        if (h != null) {
            int[] r = h.headingTextRange();
            zoneFrom(r[0], r[1], true);
        }
        List<Block> noteBlocks = new ArrayList<>();
        LocalDate day = null;
        for (Block bl : part.body()) {
            switch (bl.kind()) {
                case HEADING -> {
                    LocalDate d = dateHeading(bl);
                    if (d != null) {
                        // a date heading is the timeline's structure, given by the entries' dates: not a note
                        day = d;
                        int[] r = bl.headingTextRange();
                        zoneFrom(r[0], r[1], true);
                    } else {
                        noteBlocks.add(bl);
                    }
                }
                case TABLE -> timelineTable(bl, day);
                case BULLET_LIST, ORDERED_LIST -> {
                    if (!timelineList(bl, day)) {
                        noteBlocks.add(bl);
                    }
                }
                case PARAGRAPH -> {
                    Lines l = timelineLines(bl, day);
                    if (!l.entries()) {
                        noteBlocks.add(bl);
                        zoneFrom(bl.start(), bl.end(), false);
                    }
                    day = l.day();
                }
                default -> noteBlocks.add(bl);
            }
        }
        noteBlocks.forEach(n -> notes.add(new Range(n.start(), n.end())));
        return notesText(noteBlocks);
    }

    /** Takes the zone a text names, when no zone was found yet (a heading's parenthesis, a note). */
    private void zoneFrom(int from, int to, boolean heading) {
        if (zone != null || to - from > 400) {
            return;
        }
        String t = text.substring(from, to);
        Optional<TimeText.ZoneAt> z;
        if (heading) {
            int paren = t.lastIndexOf('(');
            if (paren < 0) {
                return;
            }
            z = TimeText.zoneNote(t.substring(paren + 1)).map(a -> new TimeText.ZoneAt(a.zone(), a.start() + paren + 1,
                    a.end() + paren + 1));
        } else {
            z = TimeText.zoneNote(t);
        }
        if (z.isPresent()) {
            zone = z.get().zone();
            map.zone = new Range(from + z.get().start(), from + z.get().end());
        }
    }

    private void timelineTable(Block bl, @Nullable LocalDate day) {
        Table t = bl.table().orElseThrow();
        List<String> headings = t.header().stream().map(c -> unescape(c.text())).toList();
        Map<Role, Integer> roles = Columns.map(headings, List.of(Role.TIME, Role.EVENT));
        int time = roles.get(Role.TIME);
        int event = roles.get(Role.EVENT);
        if (time >= 0 && event < 0 && headings.size() == 2) {
            event = 1 - time;
        }
        if (time < 0 || event < 0) {
            problem(bl.start(), "the timeline table's columns (" + String.join(", ", headings) + ") cannot be read: "
                    + "expected a time column (Time, Timestamp, Date/Time, When) and an event column (Event, "
                    + "Description, What happened); other columns are kept as details");
            return;
        }
        Table.Cell timeHeader = t.header().get(time);
        zoneFrom(timeHeader.start(), timeHeader.end(), true);
        List<String> columns = new ArrayList<>();
        for (int c = 0; c < headings.size(); c++) {
            columns.add(c == time ? "time" : c == event ? "event" : "detail:" + headings.get(c));
        }
        Container container = table(bl, t, columns, map.timelineContainers);
        for (List<Table.Cell> row : t.rows()) {
            if (blank(row)) {
                continue;
            }
            String timeText = cellText(row, time);
            impossible(timeText, cellStart(row, time, bl.start()));
            Map<String, String> details = new LinkedHashMap<>();
            for (int c = 0; c < headings.size(); c++) {
                if (c != time && c != event && !headings.get(c).isBlank()) {
                    details.put(headings.get(c), cellText(row, c));
                }
            }
            addEntry(timeText, day, cellText(row, event), details, rowSpot(container, bl, row, columns, -1, ""));
        }
    }

    private void addEntry(String timeText, @Nullable LocalDate day, String event, Map<String, String> details, Row spot) {
        Optional<TimeText.Reading> r = Columns.isPlaceholder(timeText) ? Optional.empty() : TimeText.whole(timeText);
        LocalDate date = r.map(TimeText.Reading::date).orElse(null);
        timeline.add(new TimelineEntry(timeText.isEmpty() ? "" : timeText, date != null ? date : day,
                r.map(TimeText.Reading::time).orElse(null), r.map(TimeText.Reading::zone).orElse(null), event, details));
        lineOf("timeline[" + map.timeline.size() + "]", spot.start());
        map.timeline.add(spot);
    }

    /** A list whose items start with a time is a timeline; false (a note) otherwise. */
    private boolean timelineList(Block list, @Nullable LocalDate day) {
        List<LeadingTime> times = new ArrayList<>();
        boolean any = false;
        for (Block item : list.children()) {
            LeadingTime lt = item.children().isEmpty() || item.children().get(0).kind() != Block.Kind.PARAGRAPH ? null
                    : leadingTime(item.children().get(0));
            times.add(lt);
            any |= lt != null && lt.reading() != null;
        }
        if (!any) {
            return false;
        }
        Container container = new Container(Kind.LIST, list.start(), list.end(), List.of(), List.of(), list.end(),
                list.children().get(0).marker());
        map.timelineContainers.add(container);
        for (int i = 0; i < list.children().size(); i++) {
            Block item = list.children().get(i);
            LeadingTime lt = times.get(i);
            if (lt == null) {
                Block first = item.children().isEmpty() ? null : item.children().get(0);
                int cs = first == null ? item.end() : first.start();
                int ce = first == null ? item.end() : first.end();
                addEntry("", day, first == null ? "" : joined(first), Map.of(), new Row(container, item.start(), ce,
                        item.end(), cs, " ", Map.of("event", new Cell(cs, ce, cs, ce)), -1));
                continue;
            }
            impossible(lt.timeText(), lt.timeStart());
            addEntry(lt.timeText(), day, lt.event(), Map.of(), lt.row(container, item.start(), item.end()));
        }
        return true;
    }

    /**
     * What a paragraph in the timeline was: entries or not, and the day after it.
     *
     * @param entries whether its lines were read as entries
     * @param day the day the entries after it are on
     */
    private record Lines(boolean entries, @Nullable LocalDate day) {
    }

    /**
     * A paragraph of timeline lines ({@code 14:51 News reports ...}, as the SRE book writes its timeline), with date
     * lines among them; a line that is neither continues the entry above. A paragraph that is one date line sets the
     * day of the entries after it (and stays a note).
     */
    private Lines timelineLines(Block p, @Nullable LocalDate day) {
        List<int[]> ranges = lineRanges(p);
        String firstLine = text.substring(ranges.get(0)[0], ranges.get(0)[1]);
        boolean startsRight = dateLine(firstLine) != null || leadingTime(ranges.get(0)[0], ranges.get(0)[1]) != null;
        boolean anyTime = false;
        for (int[] r : ranges) {
            LeadingTime lt = leadingTime(r[0], r[1]);
            anyTime |= lt != null && lt.reading() != null && lt.reading().time() != null;
        }
        if (!startsRight || !anyTime) {
            LocalDate d = ranges.size() == 1 ? dateLine(firstLine) : null;
            return new Lines(false, d != null ? d : day);
        }
        Container container = new Container(Kind.LINES, p.start(), p.end(), List.of(), List.of(), p.end(), "");
        map.timelineContainers.add(container);
        LocalDate current = day;
        for (int k = 0; k < ranges.size(); k++) {
            int[] r = ranges.get(k);
            String line = text.substring(r[0], r[1]);
            LocalDate d = dateLine(line);
            LeadingTime lt = leadingTime(r[0], r[1]);
            if (d != null && (lt == null || lt.reading() == null || lt.reading().time() == null)) {
                current = d;
                zoneFrom(r[0], r[1], false);
                continue;
            }
            if (lt == null) {
                if (!timeline.isEmpty() && !map.timeline.isEmpty() && map.timeline.get(map.timeline.size() - 1).container()
                        == container) {
                    // a wrapped line continues the entry above it
                    int last = timeline.size() - 1;
                    Row row = map.timeline.get(map.timeline.size() - 1);
                    TimelineEntry e = timeline.get(last);
                    timeline.set(last, e.withEvent(e.event() + " " + line.strip()));
                    Cell ev = row.cells().get("event");
                    Map<String, Cell> cells = new LinkedHashMap<>(row.cells());
                    cells.put("event", new Cell(ev.start(), r[1], ev.rawStart(), r[1]));
                    map.timeline.set(map.timeline.size() - 1, new Row(container, row.start(), r[1], r[1],
                            row.contentStart(), row.separator(), cells, -1));
                } else {
                    addEntry("", current, line.strip(), Map.of(), new Row(container, r[0], r[1], r[1], r[0], " ",
                            Map.of("event", new Cell(r[0], r[1], r[0], r[1])), -1));
                }
                continue;
            }
            addEntry(lt.timeText(), current, lt.event(), Map.of(), lt.row(container, r[0], r[1]));
        }
        return new Lines(true, current);
    }

    /**
     * A time at the start of a line of text: where its text is written (inside any emphasis or brackets), what it
     * reads as, and the event after it.
     */
    private record LeadingTime(String timeText, TimeText.@Nullable Reading reading, int timeStart, int timeEnd,
            int eventStart, int end, String event, String separator) {

        Row row(Container container, int start, int after) {
            Map<String, Cell> cells = new LinkedHashMap<>();
            cells.put("time", new Cell(timeStart, timeEnd, timeStart, timeEnd));
            cells.put("event", new Cell(eventStart, end, eventStart, end));
            return new Row(container, start, end, Math.max(end, after), timeStart, separator, cells, -1);
        }
    }

    private @Nullable LeadingTime leadingTime(Block paragraph) {
        List<int[]> r = lineRanges(paragraph);
        LeadingTime lt = leadingTime(r.get(0)[0], r.get(0)[1]);
        if (lt == null || r.size() == 1) {
            return lt;
        }
        // the event goes on over the item's other lines
        int end = r.get(r.size() - 1)[1];
        StringBuilder ev = new StringBuilder(lt.event());
        for (int k = 1; k < r.size(); k++) {
            String more = text.substring(r.get(k)[0], r.get(k)[1]).strip();
            if (!more.isEmpty()) {
                ev.append(ev.length() == 0 ? "" : " ").append(more);
            }
        }
        return new LeadingTime(lt.timeText(), lt.reading(), lt.timeStart(), lt.timeEnd(), lt.eventStart(), end,
                ev.toString(), lt.separator());
    }

    private static final String[][] WRAPPERS = {{"**", "**"}, {"__", "__"}, {"`", "`"}, {"[", "]"}, {"*", "*"}, {"_", "_"}};

    private @Nullable LeadingTime leadingTime(int from, int to) {
        String line = text.substring(from, to);
        for (String[] w : WRAPPERS) {
            int close = line.startsWith(w[0]) ? line.indexOf(w[1], w[0].length()) : -1;
            if (close > w[0].length() && close - w[0].length() <= 40) {
                // "**14:51** News", "`14:51` - News", "[14:51] News": the time inside the marks
                Optional<TimeText.Reading> r = TimeText.whole(line.substring(w[0].length(), close));
                return r.isEmpty() ? null
                        : leadingResult(line, from, to, w[0].length(), close, close + w[1].length(), r.get());
            }
        }
        Optional<TimeText.Reading> r = TimeText.leading(line, 0);
        if (r.isEmpty()) {
            return null;
        }
        int te = r.get().end();
        if (te < line.length() && line.charAt(te) == '+') {
            te++;
        }
        if (te < line.length() && !Character.isWhitespace(line.charAt(te)) && "-–—:|,)".indexOf(line.charAt(te)) < 0) {
            return null;
        }
        return leadingResult(line, from, to, 0, te, te, r.get());
    }

    private static LeadingTime leadingResult(String line, int from, int to, int ts, int te, int after,
            TimeText.Reading reading) {
        int es = after;
        while (es < line.length() && line.charAt(es) == ' ') {
            es++;
        }
        if (es < line.length() && "-–—:|".indexOf(line.charAt(es)) >= 0) {
            es++;
            while (es < line.length() && line.charAt(es) == ' ') {
                es++;
            }
        }
        String separator = line.substring(after, es);
        String event = line.substring(es).strip();
        return new LeadingTime(line.substring(ts, te), reading, from + ts, from + te, from + es, to, event,
                separator.isEmpty() ? " " : separator);
    }

    private String joined(Block paragraph) {
        StringBuilder out = new StringBuilder();
        for (int[] r : lineRanges(paragraph)) {
            String l = text.substring(r[0], r[1]).strip();
            if (!l.isEmpty()) {
                out.append(out.length() == 0 ? "" : " ").append(l);
            }
        }
        return out.toString();
    }

    // ------------------------------------------------------------------ action items

    private String actionItems(Part part, List<Range> notes) {
        List<Block> noteBlocks = new ArrayList<>();
        boolean hasTable = part.body().stream().anyMatch(bl -> bl.kind() == Block.Kind.TABLE);
        for (Block bl : part.body()) {
            if (bl.kind() == Block.Kind.TABLE) {
                actionTable(bl);
            } else if (!hasTable && bl.isList()) {
                actionList(bl);
            } else {
                noteBlocks.add(bl);
            }
        }
        noteBlocks.forEach(n -> notes.add(new Range(n.start(), n.end())));
        return notesText(noteBlocks);
    }

    private static final List<Role> ACTION_ROLES = List.of(Role.ACTION, Role.OWNER, Role.DUE, Role.PRIORITY, Role.STATUS,
            Role.TICKET);

    private void actionTable(Block bl) {
        Table t = bl.table().orElseThrow();
        List<String> headings = t.header().stream().map(c -> unescape(c.text())).toList();
        Map<Role, Integer> roles = Columns.map(headings, ACTION_ROLES);
        if (roles.get(Role.ACTION) < 0) {
            problem(bl.start(), "the action items table's columns (" + String.join(", ", headings) + ") cannot be read: "
                    + "expected an action column (Action, Item, Task, Description) and any of Owner/Assignee, "
                    + "Due/Deadline, Priority/P, Status/State, Ticket/Issue/Link; other columns are kept as details");
            return;
        }
        List<String> columns = new ArrayList<>();
        for (int c = 0; c < headings.size(); c++) {
            String role = "detail:" + headings.get(c);
            for (Map.Entry<Role, Integer> e : roles.entrySet()) {
                if (e.getValue() == c) {
                    role = e.getKey().name().toLowerCase(Locale.ROOT);
                }
            }
            columns.add(role);
        }
        Container container = table(bl, t, columns, map.actionContainers);
        for (List<Table.Cell> row : t.rows()) {
            if (blank(row)) {
                continue;
            }
            Row spot = rowSpot(container, bl, row, columns, -1, "");
            int at = spot.start();
            String action = cellText(row, roles.get(Role.ACTION));
            if (action.isEmpty()) {
                problem(at, "an action item without an action");
            }
            Priority priority = priority(cellText(row, roles.get(Role.PRIORITY)), cellStart(row, roles.get(Role.PRIORITY), at));
            ActionItem.Status status = itemStatus(cellText(row, roles.get(Role.STATUS)), cellStart(row, roles.get(Role.STATUS), at));
            String dueText = cellText(row, roles.get(Role.DUE));
            impossible(dueText, cellStart(row, roles.get(Role.DUE), at));
            String owner = cellText(row, roles.get(Role.OWNER));
            String ticket = cellText(row, roles.get(Role.TICKET));
            Map<String, String> details = new LinkedHashMap<>();
            for (int c = 0; c < headings.size(); c++) {
                if (columns.get(c).startsWith("detail:") && !headings.get(c).isBlank()) {
                    details.put(headings.get(c), cellText(row, c));
                }
            }
            addItem(new ActionItem(priority, action, Columns.isPlaceholder(owner) ? null : owner, due(dueText), status,
                    Columns.isPlaceholder(ticket) ? null : ticket, Columns.isPlaceholder(dueText) ? "" : dueText, details),
                    spot);
        }
    }

    /** A date or time written in its usual shape that does not exist ({@code 2025-02-30}, {@code 25:10}) is a typo. */
    private void impossible(String written, int at) {
        TimeText.impossible(written).ifPresent(what -> problem(at, "'" + written + "' is not a " + what
                + " that exists"));
    }

    private void addItem(ActionItem item, Row spot) {
        lineOf("actionItems[" + actionItems.size() + "]", spot.start());
        actionItems.add(item);
        map.actionItems.add(spot);
    }

    private @Nullable Priority priority(String value, int at) {
        if (Columns.isPlaceholder(value)) {
            return null;
        }
        try {
            return Priority.parse(value);
        } catch (ValidationException e) {
            problem(at, "unknown priority '" + value + "': " + e.problems().get(0).message());
            return null;
        }
    }

    private ActionItem.Status itemStatus(String value, int at) {
        if (value.isEmpty() || value.equals("-") || value.equals("?")) {
            return ActionItem.Status.OPEN;
        }
        try {
            return ActionItem.Status.parse(TimeText.unwrap(value));
        } catch (ValidationException e) {
            problem(at, "unknown status '" + value + "': " + e.problems().get(0).message());
            return ActionItem.Status.OPEN;
        }
    }

    private static @Nullable LocalDate due(String text) {
        if (Columns.isPlaceholder(text)) {
            return null;
        }
        return TimeText.date(text).orElse(null);
    }

    /** Items of a (task) list: {@code - [ ] P1: Add an alert @alice due 2026-03-10 OPS-12}. */
    private void actionList(Block list) {
        Container container = new Container(Kind.LIST, list.start(), list.end(), List.of(), List.of(), list.end(),
                list.children().isEmpty() ? "-" : list.children().get(0).marker());
        map.actionContainers.add(container);
        for (Block item : list.children()) {
            List<Block> c = item.children();
            if (c.isEmpty() || c.get(0).kind() != Block.Kind.PARAGRAPH) {
                continue;
            }
            Block p = c.get(0);
            Optional<Boolean> task = item.task();
            int box = task.isPresent() ? p.start() + 1 : -1;
            int cs = task.isPresent() ? Math.min(p.end(), skipSpaces(p.start() + 3)) : p.start();
            String content = cs >= p.end() ? "" : joinedFrom(p, cs);
            if (content.isBlank() && task.isEmpty()) {
                continue;
            }
            ActionItem parsed = itemText(content, task.orElse(null));
            if (parsed.action().isEmpty()) {
                problem(p.start(), "an action item without an action");
            }
            Map<String, Cell> cells = new LinkedHashMap<>();
            cells.put("content", new Cell(cs, p.end(), cs, p.end()));
            addItem(parsed, new Row(container, item.start(), p.end(), item.end(), cs, " ", cells, box));
        }
    }

    private int skipSpaces(int at) {
        int i = at;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private String joinedFrom(Block paragraph, int from) {
        StringBuilder out = new StringBuilder();
        for (int[] r : lineRanges(paragraph)) {
            int a = Math.max(r[0], from);
            if (a >= r[1]) {
                continue;
            }
            String l = text.substring(a, r[1]).strip();
            if (!l.isEmpty()) {
                out.append(out.length() == 0 ? "" : " ").append(l);
            }
        }
        return out.toString();
    }

    /**
     * An action item from the text of a list item: a leading priority ({@code P1:}, {@code [P1]}), an owner
     * ({@code @alice}), a due date ({@code due 2026-03-10}, {@code by 2026-03-10}), a ticket ({@code OPS-123}), and
     * parenthesised metadata ({@code (owner: Alice Moreau; due: Q2)}, {@code (@alice, due 2026-03-10)},
     * {@code (in progress)}, {@code (won't do)}); the rest is the action. A task box gives the status unless the text
     * says it: {@code [x]} done, {@code [ ]} open.
     */
    static ActionItem itemText(String content, @Nullable Boolean checked) {
        ItemParts parts = new ItemParts();
        String s = content;
        Matcher p = ITEM_PRIORITY.matcher(s);
        if (p.lookingAt()) {
            parts.priority = Priority.parse(p.group(1));
            s = s.substring(p.end());
        }
        // parenthesised groups made only of metadata go first, and whole
        StringBuilder rest = new StringBuilder();
        Matcher g = ITEM_GROUP.matcher(s);
        int last = 0;
        while (g.find()) {
            ItemParts trial = parts.copy();
            boolean all = true;
            for (String part : g.group(1).split("[;,]", -1)) {
                all &= !part.isBlank() && trial.token(part.strip());
            }
            if (all) {
                parts = trial;
                rest.append(s, last, g.start());
                last = g.end();
            }
        }
        s = rest.append(s.substring(last)).toString();
        // then bare tokens, each with the separator written before it
        ItemParts found = parts;
        if (found.owner == null) {
            s = found.bare(s, ITEM_OWNER, m -> found.owner = m.group());
        }
        if (found.dueText.isEmpty()) {
            s = found.bare(s, ITEM_DUE, m -> found.dueText = m.group(1));
        }
        if (found.ticket == null) {
            s = found.bare(s, ITEM_TICKET, m -> found.ticket = m.group());
        }
        parts = found;
        ActionItem.Status status = parts.status != null ? parts.status
                : Boolean.TRUE.equals(checked) ? ActionItem.Status.DONE : ActionItem.Status.OPEN;
        String action = s.replaceAll("\\s+", " ").strip();
        return new ActionItem(parts.priority, action, parts.owner, TimeText.date(parts.dueText).orElse(null), status,
                parts.ticket, parts.dueText, Map.of());
    }

    /** The metadata of a list item as it is read. */
    private static final class ItemParts {
        @Nullable Priority priority;
        @Nullable String owner;
        String dueText = "";
        @Nullable String ticket;
        ActionItem.@Nullable Status status;

        ItemParts copy() {
            ItemParts c = new ItemParts();
            c.priority = priority;
            c.owner = owner;
            c.dueText = dueText;
            c.ticket = ticket;
            c.status = status;
            return c;
        }

        /** Takes one part of a parenthesised group; false when it is not metadata. */
        boolean token(String part) {
            Matcher keyed = ITEM_KEYED.matcher(part);
            if (keyed.matches()) {
                String value = keyed.group(2).strip();
                switch (keyed.group(1).toLowerCase(Locale.ROOT)) {
                    case "owner", "assignee" -> owner = value;
                    case "due", "deadline" -> dueText = value;
                    case "ticket", "issue" -> ticket = value;
                    case "priority" -> {
                        return parse(() -> priority = Priority.parse(value));
                    }
                    default -> {
                        return parse(() -> status = ActionItem.Status.parse(value));
                    }
                }
                return true;
            }
            if (ITEM_OWNER.matcher(part).matches()) {
                owner = part;
                return true;
            }
            Matcher due = ITEM_DUE.matcher(part);
            if (due.matches()) {
                dueText = due.group(1);
                return true;
            }
            if (ITEM_TICKET.matcher(part).matches()) {
                ticket = part;
                return true;
            }
            if (part.matches("(?i)P[0-4]")) {
                priority = Priority.parse(part);
                return true;
            }
            return parse(() -> status = ActionItem.Status.parse(part));
        }

        private static boolean parse(Runnable r) {
            try {
                r.run();
                return true;
            } catch (ValidationException e) {
                return false;
            }
        }

        /** Removes the first match of a bare token, with a {@code ,} or {@code ;} written just before it. */
        String bare(String s, Pattern token, java.util.function.Consumer<Matcher> take) {
            Matcher m = token.matcher(s);
            if (!m.find()) {
                return s;
            }
            take.accept(m);
            int from = m.start();
            int i = from;
            while (i > 0 && s.charAt(i - 1) == ' ') {
                i--;
            }
            if (i > 0 && (s.charAt(i - 1) == ',' || s.charAt(i - 1) == ';')) {
                from = i - 1;
            }
            return s.substring(0, from) + " " + s.substring(m.end());
        }
    }

    // ------------------------------------------------------------------ tables

    private Container table(Block bl, Table t, List<String> columns, List<Container> into) {
        List<Integer> widths = new ArrayList<>();
        for (Table.Cell c : t.header()) {
            widths.add(c.end() - c.start());
        }
        int delimiterLine = lines.line(t.header().isEmpty() ? bl.start() : t.header().get(0).start()) + 1;
        int afterHeader = lines.lineEnd(text, delimiterLine);
        Container container = new Container(Kind.TABLE, bl.start(), bl.end(), List.copyOf(columns), widths, afterHeader,
                "");
        into.add(container);
        return container;
    }

    private Row rowSpot(Container container, Block table, List<Table.Cell> row, List<String> columns, int box,
            String separator) {
        int first = -1;
        Map<String, Cell> cells = new LinkedHashMap<>();
        for (int c = 0; c < row.size() && c < columns.size(); c++) {
            Table.Cell cell = row.get(c);
            if (cell.start() <= table.start()) {
                continue;   // a cell the row leaves out (GFM fills it in): written anew with the whole row
            }
            if (first < 0) {
                first = cell.start();
            }
            int s = cell.start();
            int e = cell.end();
            while (s < e && Character.isWhitespace(text.charAt(s))) {
                s++;
            }
            while (e > s && Character.isWhitespace(text.charAt(e - 1))) {
                e--;
            }
            cells.put(columns.get(c), new Cell(s, e, cell.start(), cell.end()));
        }
        int lineStart = lines.lineStartOf(first < 0 ? table.start() : first);
        int line = lines.line(lineStart);
        int rs = lineStart;
        while (rs < text.length() && (text.charAt(rs) == ' ' || text.charAt(rs) == '\t')) {
            rs++;
        }
        int end = lines.lineEnd(text, line);
        return new Row(container, rs, end, end, rs, separator, cells, box);
    }

    private static boolean blank(List<Table.Cell> row) {
        return row.stream().allMatch(c -> c.text().isBlank());
    }

    private static String cellText(List<Table.Cell> row, int c) {
        return c < 0 || c >= row.size() ? "" : unescape(row.get(c).text());
    }

    private int cellStart(List<Table.Cell> row, int c, int otherwise) {
        if (c < 0 || c >= row.size() || row.get(c).text().isEmpty()) {
            return otherwise;
        }
        int at = row.get(c).start();
        while (at < row.get(c).end() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
        return at;
    }

    /** A cell's text with GitHub's escaped pipes ({@code \|}) read as pipes. */
    static String unescape(String cell) {
        return cell.replace("\\|", "|").strip();
    }

    // ------------------------------------------------------------------ lines

    private int lineContentEnd(int at) {
        return lines.lineEnd(text, lines.line(at));
    }

    private int nextLine(int at) {
        return lines.nextLineStart(at);
    }
}
