package io.github.incident4j.format.internal.markdown;

import io.github.incident4j.format.FormatException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Node;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.jspecify.annotations.Nullable;

/**
 * A Markdown document parsed once by commonmark (GFM tables, source spans on blocks and inlines; inline content read
 * for code spans and text only, see {@link CodeSpanInlines}), as a lossless view:
 * the optional byte order mark and {@linkplain FrontMatter front matter}, then the top-level {@link Block}s, each with
 * its exact source slice. The text between blocks (blank lines, line breaks as written) is {@link #gapBefore(int)};
 * together, BOM, front matter, blocks and gaps are the text, character for character.
 *
 * <pre>{@code
 * MarkdownDocument doc = MarkdownDocument.parse(text);
 * for (Section s : doc.outline()) { ... s.title() ... s.contents() ... }
 * String edited = Splice.of(doc.text()).replace(block.start(), block.end(), "new").apply();
 * }</pre>
 *
 * <p>Limits: a document over {@link #MAX_CHARS} characters is refused before anything is read; containers nested
 * deeper than {@link #MAX_DEPTH} are refused. A document must not carry NUL, other C0 controls than tab and line
 * breaks, DEL, or unpaired surrogates ({@code common.Text}'s rule for free text); each is refused at its line and
 * column. Parsing is linear in the text (commonmark's block and inline parsers are; line lookups are O(log n)).
 */
public final class MarkdownDocument {

    /** Largest document read, in characters. */
    public static final int MAX_CHARS = 1_000_000;
    /** Deepest nesting of blocks and inlines read. */
    public static final int MAX_DEPTH = 64;
    /** Most character problems reported for one document. */
    private static final int MAX_PROBLEMS = 20;

    private static final Parser PARSER = Parser.builder()
            .extensions(List.of(TablesExtension.create()))
            .includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES)
            .inlineParserFactory(CodeSpanInlines.FACTORY)
            .build();
    /** commonmark's own inline parser, for {@link Block#parseInlines()}. */
    static final Parser FULL_INLINES = Parser.builder()
            .extensions(List.of(TablesExtension.create()))
            .includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES)
            .build();

    private final String text;
    private final String body;
    private final int bodyStart;
    private final LineIndex lines;
    private final @Nullable FrontMatter frontMatter;
    private final Node root;
    private final List<Block> blocks;
    private @Nullable List<Section> outline;

    private MarkdownDocument(String text, int bodyStart, LineIndex lines, @Nullable FrontMatter frontMatter) {
        this.text = text;
        this.bodyStart = bodyStart;
        this.body = bodyStart == 0 ? text : text.substring(bodyStart);
        this.lines = lines;
        this.frontMatter = frontMatter;
        Node parsed;
        try {
            parsed = PARSER.parse(body);
            checkDepth(parsed);
        } catch (FormatException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            // commonmark is not expected to fail; if it ever does, the caller still gets a located FormatException
            throw new FormatException("the Markdown could not be read: " + e, lines.line(bodyStart), 1, e);
        }
        this.root = parsed;
        List<Block> top = new ArrayList<>();
        for (Node c = root.getFirstChild(); c != null; c = c.getNext()) {
            top.add(new Block(this, c, null));
        }
        this.blocks = Collections.unmodifiableList(top);
    }

    /**
     * Parses a document.
     *
     * @throws FormatException (located) for a document over the size limit, nested too deep, or carrying a character a
     *     document must not carry
     */
    public static MarkdownDocument parse(String text) {
        if (text.length() > MAX_CHARS) {
            throw new FormatException("document of " + text.length() + " characters is over the limit of " + MAX_CHARS, 1, 1);
        }
        LineIndex lines = LineIndex.of(text);
        if (lines.suspicious()) {
            checkCharacters(text, lines);
        }
        if (lines.markedLines()) {
            checkLineNesting(text, lines);
        }
        int start = text.startsWith("\uFEFF") ? 1 : 0;
        FrontMatter fm = FrontMatter.find(text, start, lines);
        return new MarkdownDocument(text, fm == null ? start : fm.end(), lines, fm);
    }

    private static void checkCharacters(String text, LineIndex lines) {
        List<FormatException.Problem> problems = null;
        int len = text.length();
        for (int i = 0; i < len; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c != 0x7F && !Character.isSurrogate(c)) {
                continue;
            }
            String what = null;
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                what = c == 0 ? "NUL" : "a control character";
            } else if (c == 0x7F) {
                what = "DEL";
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 < len && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    what = "an unpaired surrogate";
                }
            } else if (Character.isLowSurrogate(c)) {
                what = "an unpaired surrogate";
            }
            if (what != null) {
                if (problems == null) {
                    problems = new ArrayList<>();
                }
                problems.add(new FormatException.Problem(lines.line(i), lines.column(i), String.format(Locale.ROOT,
                        "the document holds U+%04X (%s), which a document must not carry", (int) c, what)));
                if (problems.size() == MAX_PROBLEMS) {
                    break;
                }
            }
        }
        if (problems != null) {
            throw new FormatException(problems);
        }
    }

    /**
     * Refuses a line that opens more than {@link #MAX_DEPTH} containers ({@code > - > 1. ...}) before commonmark reads
     * it: such a line costs the parser microseconds per level, and no document needs it.
     */
    private static void checkLineNesting(String text, LineIndex lines) {
        int len = text.length();
        int i = 0;
        while (i < len) {
            int lineStart = i;
            int markers = 0;
            boolean scanning = true;
            while (scanning && i < len) {
                char c = text.charAt(i);
                if (c == ' ' || c == '\t') {
                    i++;
                } else if (c == '>') {
                    markers++;
                    i++;
                } else if ((c == '-' || c == '*' || c == '+') && i + 1 < len && (text.charAt(i + 1) == ' ' || text.charAt(i + 1) == '\t')) {
                    markers++;
                    i += 2;
                } else if (c >= '0' && c <= '9') {
                    int j = i;
                    while (j < len && j - i < 9 && text.charAt(j) >= '0' && text.charAt(j) <= '9') {
                        j++;
                    }
                    if (j + 1 < len && (text.charAt(j) == '.' || text.charAt(j) == ')') && (text.charAt(j + 1) == ' ' || text.charAt(j + 1) == '\t')) {
                        markers++;
                        i = j + 2;
                    } else {
                        scanning = false;
                    }
                } else {
                    scanning = false;
                }
            }
            boolean content = i < len && text.charAt(i) != '\n' && text.charAt(i) != '\r';
            if (markers > MAX_DEPTH && content) {
                throw new FormatException("Markdown nested deeper than " + MAX_DEPTH + " levels (" + markers
                        + " list or quote markers open this line)", lines.line(lineStart), 1);
            }
            int br = LineEnds.indexOfBreak(text, i);
            if (br < 0) {
                break;
            }
            i = LineEnds.afterBreak(text, br);
        }
    }

    /** Refuses a tree deeper than {@link #MAX_DEPTH}, iteratively (a hostile nesting must not overflow the stack). */
    private void checkDepth(Node root) {
        Node n = root;
        int depth = 0;
        while (n != null) {
            if (depth > MAX_DEPTH) {
                int at = n.getSourceSpans().isEmpty() ? 0 : n.getSourceSpans().get(0).getInputIndex();
                throw new FormatException("Markdown nested deeper than " + MAX_DEPTH + " levels", lines.line(bodyStart + at),
                        lines.column(bodyStart + at));
            }
            // depth-first without a stack: down to the first child, else along to the next, else up and along
            if (n.getFirstChild() != null) {
                n = n.getFirstChild();
                depth++;
                continue;
            }
            while (n != null && n.getNext() == null) {
                n = n.getParent();
                depth--;
                if (n == root) {
                    n = null;
                }
            }
            if (n != null) {
                n = n.getNext();
            }
        }
    }

    /** The document's text, as given. */
    public String text() {
        return text;
    }

    /** The part of the text commonmark parsed (after any BOM and front matter). */
    String body() {
        return body;
    }

    /** Offset where the Markdown body starts (after any BOM and front matter). */
    public int bodyStart() {
        return bodyStart;
    }

    /** Line lookups for offsets. */
    public LineIndex lines() {
        return lines;
    }

    /** Whether the text starts with a byte order mark (U+FEFF), kept as its first character. */
    public boolean byteOrderMark() {
        return text.startsWith("\uFEFF");
    }

    /** The front matter, if the document starts with one. */
    public Optional<FrontMatter> frontMatter() {
        return Optional.ofNullable(frontMatter);
    }

    /** The document's first line ending ({@code \n} when it has none): what new lines are written with. */
    public String lineEnding() {
        return LineEnds.dominant(text);
    }

    /** The top-level blocks, in order. */
    public List<Block> blocks() {
        return blocks;
    }

    /** The commonmark tree of the body (offsets in its spans are relative to {@link #bodyStart()}). */
    public Node root() {
        return root;
    }

    /**
     * The text before top-level block {@code i} and after the previous one (or after the front matter, for the
     * first); {@code i == blocks().size()} gives the text after the last block.
     */
    public String gapBefore(int i) {
        int from = i == 0 ? bodyStart : blocks.get(i - 1).end();
        int to = i == blocks.size() ? text.length() : blocks.get(i).start();
        return text.substring(from, Math.max(from, to));
    }

    /** 1-based line of an offset. */
    public int line(int offset) {
        return lines.line(offset);
    }

    /** 1-based column of an offset. */
    public int column(int offset) {
        return lines.column(offset);
    }

    /** The top-level headings and the blocks they govern, nested by level (see {@link Section}). */
    public List<Section> outline() {
        if (outline == null) {
            outline = buildOutline();
        }
        return outline;
    }

    private List<Section> buildOutline() {
        // a stack of open sections under construction: level, heading, blocks, sub-sections
        final class Open {
            final @Nullable Block heading;
            final int level;
            final List<Block> blocks = new ArrayList<>();
            final List<Section> subs = new ArrayList<>();

            Open(@Nullable Block heading, int level) {
                this.heading = heading;
                this.level = level;
            }

            Section close() {
                return new Section(heading, level, heading == null ? "" : heading.headingText(), blocks, subs);
            }
        }
        List<Section> out = new ArrayList<>();
        Deque<Open> open = new ArrayDeque<>();
        for (Block b : blocks) {
            int level = b.headingLevel();
            if (level == 0) {
                if (open.isEmpty()) {
                    open.push(new Open(null, 0));
                }
                Open top = open.peek();
                if (top.subs.isEmpty()) {
                    top.blocks.add(b);
                } else {
                    // cannot happen: a section's sub-sections end only at a heading
                    throw new IllegalStateException("block after sub-sections without a heading");
                }
                continue;
            }
            while (!open.isEmpty() && (open.peek().level >= level || open.peek().heading == null)) {
                Section closed = open.pop().close();
                if (open.isEmpty()) {
                    out.add(closed);
                } else {
                    open.peek().subs.add(closed);
                }
            }
            open.push(new Open(b, level));
        }
        while (!open.isEmpty()) {
            Section closed = open.pop().close();
            if (open.isEmpty()) {
                out.add(closed);
            } else {
                open.peek().subs.add(closed);
            }
        }
        return Collections.unmodifiableList(out);
    }
}
