package io.github.incident4j.format.internal.markdown;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.LinkReferenceDefinition;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.ThematicBreak;
import org.jspecify.annotations.Nullable;

/**
 * One block of a {@link MarkdownDocument} (a heading, paragraph, list, list item, code block, HTML block, table,
 * block quote…) with its exact place in the source: {@link #start()} to {@link #end()} are offsets into
 * {@link MarkdownDocument#text()}, from the block's first character (after any container prefix such as a list
 * marker's indentation; a top-level block starts at its line's start) to the end of its last line's content,
 * line break excluded. Container blocks (lists, items, quotes) give their {@link #children()}.
 */
public final class Block {

    /** What a block is. */
    public enum Kind {
        /** An ATX ({@code ## Title}) or setext heading. */
        HEADING,
        /** A paragraph. */
        PARAGRAPH,
        /** A bulleted list ({@code -}, {@code *}, {@code +}). */
        BULLET_LIST,
        /** A numbered list ({@code 1.}, {@code 1)}). */
        ORDERED_LIST,
        /** One item of a list. */
        LIST_ITEM,
        /** A code block fenced with backticks or tildes. */
        FENCED_CODE,
        /** A code block indented by four spaces. */
        INDENTED_CODE,
        /** An HTML block, comments included. */
        HTML,
        /** A GFM table. */
        TABLE,
        /** A block quote. */
        BLOCK_QUOTE,
        /** A thematic break ({@code ---}). */
        THEMATIC_BREAK,
        /** A link reference definition ({@code [id]: url}). */
        LINK_REFERENCE,
        /** Anything else an extension may produce. */
        OTHER
    }

    private final MarkdownDocument doc;
    private final Node node;
    private final @Nullable Block parent;
    private final Kind kind;
    private final int start;
    private final int end;
    private @Nullable List<Block> children;
    private @Nullable String headingText;
    private @Nullable String inlineSource;

    Block(MarkdownDocument doc, Node node, @Nullable Block parent) {
        this.doc = doc;
        this.node = node;
        this.parent = parent;
        this.kind = kindOf(node);
        int[] range = range(node);
        int base = doc.bodyStart();
        if (range[0] < 0) {
            int at = parent == null ? base : parent.start;
            this.start = at;
            this.end = at;
        } else {
            this.start = range[0] + base;
            this.end = range[1] + base;
        }
    }

    private static Kind kindOf(Node n) {
        if (n instanceof Heading) {
            return Kind.HEADING;
        }
        if (n instanceof Paragraph) {
            return Kind.PARAGRAPH;
        }
        if (n instanceof BulletList) {
            return Kind.BULLET_LIST;
        }
        if (n instanceof OrderedList) {
            return Kind.ORDERED_LIST;
        }
        if (n instanceof ListItem) {
            return Kind.LIST_ITEM;
        }
        if (n instanceof FencedCodeBlock) {
            return Kind.FENCED_CODE;
        }
        if (n instanceof IndentedCodeBlock) {
            return Kind.INDENTED_CODE;
        }
        if (n instanceof HtmlBlock) {
            return Kind.HTML;
        }
        if (n instanceof TableBlock) {
            return Kind.TABLE;
        }
        if (n instanceof BlockQuote) {
            return Kind.BLOCK_QUOTE;
        }
        if (n instanceof ThematicBreak) {
            return Kind.THEMATIC_BREAK;
        }
        if (n instanceof LinkReferenceDefinition) {
            return Kind.LINK_REFERENCE;
        }
        return Kind.OTHER;
    }

    /** The body-relative range of a node from its spans, or of its descendants when it has none; {-1, -1} if none. */
    private static int[] range(Node n) {
        List<SourceSpan> spans = n.getSourceSpans();
        if (!spans.isEmpty()) {
            SourceSpan last = spans.get(spans.size() - 1);
            return new int[] {spans.get(0).getInputIndex(), last.getInputIndex() + last.getLength()};
        }
        int from = -1;
        int to = -1;
        for (Node c = n.getFirstChild(); c != null; c = c.getNext()) {
            int[] r = range(c);
            if (r[0] >= 0) {
                from = from < 0 ? r[0] : from;
                to = r[1];
            }
        }
        return new int[] {from, to};
    }

    /** What the block is. */
    public Kind kind() {
        return kind;
    }

    /** Whether it is a fenced or indented code block. */
    public boolean isCode() {
        return kind == Kind.FENCED_CODE || kind == Kind.INDENTED_CODE;
    }

    /** Whether it is a bulleted or numbered list. */
    public boolean isList() {
        return kind == Kind.BULLET_LIST || kind == Kind.ORDERED_LIST;
    }

    /** The commonmark node, for readers that need more than this view gives. */
    public Node node() {
        return node;
    }

    /** The container this block is in, or null for a top-level block. */
    public @Nullable Block parent() {
        return parent;
    }

    /** Offset of the block's first character in the document text. */
    public int start() {
        return start;
    }

    /** Offset just after the block's last character (its last line's line break is not part of it). */
    public int end() {
        return end;
    }

    /** 1-based line where the block starts. */
    public int line() {
        return doc.lines().line(start);
    }

    /** 1-based column where the block starts. */
    public int column() {
        return doc.lines().column(start);
    }

    /** 1-based line where the block ends. */
    public int endLine() {
        return doc.lines().line(Math.max(start, end - 1));
    }

    /** The block's source, exactly as written (container prefixes of its later lines included). */
    public String source() {
        return doc.text().substring(start, end);
    }

    /**
     * The prefix a new line inside this block's container must start with: the text before the block on its first
     * line with list markers turned into spaces and block-quote markers kept ({@code "   "} inside {@code 1. },
     * {@code "> "} inside a quote, {@code ""} at the top level).
     */
    public String continuationPrefix() {
        int lineStart = doc.lines().lineStart(line());
        StringBuilder b = new StringBuilder(start - lineStart);
        for (int i = lineStart; i < start; i++) {
            char c = doc.text().charAt(i);
            b.append(c == '>' || c == '\t' ? c : ' ');
        }
        return b.toString();
    }

    /** The blocks inside a list, item or quote, in order; empty for leaf blocks. */
    public List<Block> children() {
        if (children == null) {
            if (kind == Kind.BULLET_LIST || kind == Kind.ORDERED_LIST || kind == Kind.LIST_ITEM || kind == Kind.BLOCK_QUOTE) {
                List<Block> out = new ArrayList<>();
                for (Node c = node.getFirstChild(); c != null; c = c.getNext()) {
                    out.add(new Block(doc, c, this));
                }
                children = Collections.unmodifiableList(out);
            } else {
                children = List.of();
            }
        }
        return children;
    }

    // ---- headings --------------------------------------------------------------------------------

    /** The heading's level (1 to 6), or 0 for another block. */
    public int headingLevel() {
        return node instanceof Heading h ? h.getLevel() : 0;
    }

    /** The heading's text as written between its markers, lines joined with a space; empty for another block. */
    public String headingText() {
        if (kind != Kind.HEADING) {
            return "";
        }
        if (headingText == null) {
            headingText = joinLines(inlineSource());
        }
        return headingText;
    }

    /**
     * The full commonmark inline tree of a paragraph or heading (emphasis, links, images, HTML), parsed on demand from
     * its inline source: its children are the inline nodes, their spans relative to {@link #inlineSource()}.
     */
    public Node parseInlines() {
        Node doc = MarkdownDocument.FULL_INLINES.parse(inlineSource());
        Node first = doc.getFirstChild();
        return first == null ? doc : first;
    }

    // ---- paragraphs and inline content ------------------------------------------------------------

    /**
     * The inline Markdown of a paragraph, heading or table cell as written, lines joined with {@code \n} and container
     * prefixes left out; empty for other blocks.
     */
    public String inlineSource() {
        if (inlineSource == null) {
            inlineSource = readInlineSource();
        }
        return inlineSource;
    }

    private String readInlineSource() {
        if (kind == Kind.PARAGRAPH) {
            List<SourceSpan> spans = node.getSourceSpans();
            if (spans.size() == 1) {
                SourceSpan s = spans.get(0);
                return doc.body().substring(s.getInputIndex(), s.getInputIndex() + s.getLength());
            }
            return spansText(spans, spans.size());
        }
        if (kind == Kind.HEADING) {
            List<SourceSpan> spans = node.getSourceSpans();
            if (spans.size() > 1) {
                // setext: every line but the underline
                return spansText(spans, spans.size() - 1).strip();
            }
            return spans.isEmpty() ? "" : atxText();
        }
        return "";
    }

    /**
     * Where a heading's text is written, as [start, end) offsets in the whole text: an ATX heading's line without its
     * opening #s and optional closing ones, a setext heading's lines without the underline, both without surrounding
     * blanks; an empty range at the block's end when there is none.
     */
    public int[] headingTextRange() {
        // from the heading's own lines: no inline nodes are built for text without code spans
        List<SourceSpan> spans = kind == Kind.HEADING ? node.getSourceSpans() : List.of();
        if (spans.isEmpty()) {
            return new int[] {end, end};
        }
        String body = doc.text(); // span offsets are the body's: the front matter comes before
        int base = doc.bodyStart();
        if (spans.size() > 1) {
            // setext: every line but the underline, without the first line's indent and the last line's trailing blanks
            SourceSpan first = spans.get(0);
            SourceSpan last = spans.get(spans.size() - 2);
            int a = first.getInputIndex() + base;
            int z = last.getInputIndex() + last.getLength() + base;
            while (a < z && isBlank(body.charAt(a))) {
                a++;
            }
            while (z > a && isBlank(body.charAt(z - 1))) {
                z--;
            }
            return new int[] {a, z};
        }
        SourceSpan line = spans.get(0);
        int a = line.getInputIndex() + base;
        int lineEnd = a + line.getLength();
        while (a < lineEnd && body.charAt(a) == ' ') {
            a++;
        }
        while (a < lineEnd && body.charAt(a) == '#') {
            a++;
        }
        while (a < lineEnd && isBlank(body.charAt(a))) {
            a++;
        }
        int z = lineEnd;
        while (z > a && isBlank(body.charAt(z - 1))) {
            z--;
        }
        // an optional closing run of #s counts only after a blank (or when the heading is nothing else)
        int c = z;
        while (c > a && body.charAt(c - 1) == '#') {
            c--;
        }
        if (c == a || c < z && isBlank(body.charAt(c - 1))) {
            z = c;
            while (z > a && isBlank(body.charAt(z - 1))) {
                z--;
            }
        }
        return new int[] {a, z};
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    /** An ATX heading's text: after the opening #s and before an optional closing sequence of #s. */
    private String atxText() {
        int[] r = headingTextRange();
        return doc.text().substring(r[0], r[1]).strip();
    }

    private String spansText(List<SourceSpan> spans, int count) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < count; i++) {
            SourceSpan s = spans.get(i);
            if (i > 0) {
                b.append('\n');
            }
            b.append(doc.body(), s.getInputIndex(), s.getInputIndex() + s.getLength());
        }
        return b.toString();
    }

    /** Lines stripped and joined with single spaces (a paragraph's text as one line). */
    public static String joinLines(String text) {
        if (text.indexOf('\n') < 0) {
            return text.strip();
        }
        StringBuilder b = new StringBuilder();
        for (String l : text.split("\n", -1)) {
            String s = l.strip();
            if (!s.isEmpty()) {
                if (b.length() > 0) {
                    b.append(' ');
                }
                b.append(s);
            }
        }
        return b.toString();
    }

    /** The code spans of a paragraph or heading (inside emphasis and links too), in order. */
    public List<CodeSpan> codeSpans() {
        if (kind != Kind.PARAGRAPH && kind != Kind.HEADING) {
            return List.of();
        }
        List<CodeSpan> out = new ArrayList<>();
        collectCode(node, out, 0);
        return out;
    }

    private void collectCode(Node n, List<CodeSpan> out, int depth) {
        for (Node c = n.getFirstChild(); c != null; c = c.getNext()) {
            if (c instanceof Code code) {
                List<SourceSpan> spans = code.getSourceSpans();
                int s = spans.isEmpty() ? start : spans.get(0).getInputIndex() + doc.bodyStart();
                SourceSpan last = spans.isEmpty() ? null : spans.get(spans.size() - 1);
                int e = last == null ? start : last.getInputIndex() + last.getLength() + doc.bodyStart();
                out.add(new CodeSpan(code.getLiteral(), s, e));
            } else if (depth < MarkdownDocument.MAX_DEPTH) {
                collectCode(c, out, depth + 1);
            }
        }
    }

    /**
     * A code span: its literal (the text between the backticks as CommonMark reads it) and where it is written.
     *
     * @param literal the code
     * @param start offset of the opening backtick
     * @param end offset after the closing backtick
     */
    public record CodeSpan(String literal, int start, int end) {
    }

    // ---- code blocks -----------------------------------------------------------------------------

    /** The code block's content as CommonMark reads it (indentation and container prefixes removed, {@code \n} line ends, no final line break). */
    public String codeText() {
        String literal = node instanceof FencedCodeBlock f ? f.getLiteral()
                : node instanceof IndentedCodeBlock i ? i.getLiteral() : null;
        if (literal == null) {
            return "";
        }
        return literal.endsWith("\n") ? literal.substring(0, literal.length() - 1) : literal;
    }

    /** The whole info string of a fenced block ({@code bash title="x"}), or empty. */
    public String info() {
        return node instanceof FencedCodeBlock f && f.getInfo() != null ? f.getInfo() : "";
    }

    /** The first word of the info string in lower case ({@code bash}, {@code yaml}), or empty. */
    public String language() {
        String info = info().strip();
        int space = 0;
        while (space < info.length() && !Character.isWhitespace(info.charAt(space)) && info.charAt(space) != '{') {
            space++;
        }
        return info.substring(0, space).toLowerCase(Locale.ROOT);
    }

    /** The fence of a fenced block as its opening line writes it ({@code ```}, {@code ~~~~}), or empty. */
    public String fence() {
        if (node instanceof FencedCodeBlock f) {
            return String.valueOf(f.getFenceChar()).repeat(Math.max(3, f.getOpeningFenceLength() == null ? 3 : f.getOpeningFenceLength()));
        }
        return "";
    }

    /** Whether a fenced block has its closing fence (an unclosed one runs to the end of its container). */
    public boolean closed() {
        return !(node instanceof FencedCodeBlock f) || f.getClosingFenceLength() != null;
    }

    /** Spaces before the opening fence of a fenced block (removed from its content lines), else 0. */
    public int fenceIndent() {
        return node instanceof FencedCodeBlock f ? f.getFenceIndent() : 0;
    }

    // ---- lists -----------------------------------------------------------------------------------

    /** Whether a list is tight (no blank lines between its items). */
    public boolean tight() {
        return node instanceof ListBlock l && l.isTight();
    }

    /** A list item's marker as written ({@code -}, {@code *}, {@code 1.}, {@code 2)}), or empty. */
    public String marker() {
        if (kind != Kind.LIST_ITEM) {
            return "";
        }
        List<Block> c = children();
        int to = c.isEmpty() ? end : c.get(0).start();
        return doc.text().substring(start, Math.max(start, to)).strip();
    }

    /** The number of a numbered list item ({@code 3} for {@code 3.}), or -1. */
    public long number() {
        String m = marker();
        int i = 0;
        while (i < m.length() && i < 9 && Character.isDigit(m.charAt(i))) {
            i++;
        }
        return i == 0 ? -1 : Long.parseLong(m.substring(0, i));
    }

    /**
     * A list item's task box: true for {@code [x]}, false for {@code [ ]}, empty when the item is not a task
     * (CommonMark keeps the box as text of the first paragraph; GFM reads it as a task).
     */
    public Optional<Boolean> task() {
        List<Block> c = children();
        if (kind != Kind.LIST_ITEM || c.isEmpty() || c.get(0).kind != Kind.PARAGRAPH) {
            return Optional.empty();
        }
        String t = c.get(0).inlineSource();
        if (t.length() >= 3 && t.charAt(0) == '[' && t.charAt(2) == ']' && (t.length() == 3 || t.charAt(3) == ' ' || t.charAt(3) == '\t')) {
            char box = t.charAt(1);
            if (box == ' ') {
                return Optional.of(false);
            }
            if (box == 'x' || box == 'X') {
                return Optional.of(true);
            }
        }
        return Optional.empty();
    }

    // ---- tables ----------------------------------------------------------------------------------

    /** A table's header and rows with each cell's place, or empty for another block. */
    public Optional<Table> table() {
        if (!(node instanceof TableBlock)) {
            return Optional.empty();
        }
        List<Table.Cell> header = new ArrayList<>();
        List<List<Table.Cell>> rows = new ArrayList<>();
        for (Node part = node.getFirstChild(); part != null; part = part.getNext()) {
            for (Node row = part.getFirstChild(); row != null; row = row.getNext()) {
                List<Table.Cell> cells = new ArrayList<>();
                for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
                    if (cell instanceof TableCell tc) {
                        cells.add(cell(tc));
                    }
                }
                if (part instanceof org.commonmark.ext.gfm.tables.TableHead) {
                    header.addAll(cells);
                } else {
                    rows.add(cells);
                }
            }
        }
        int bodyLine = rows.isEmpty() ? line() + 2 : rows.get(0).isEmpty() ? line() + 2 : doc.lines().line(rows.get(0).get(0).start());
        return Optional.of(new Table(header, rows, line(), bodyLine));
    }

    private Table.Cell cell(TableCell tc) {
        List<SourceSpan> spans = tc.getSourceSpans();
        if (spans.isEmpty()) {
            return new Table.Cell("", start, start, line(), column());
        }
        SourceSpan s = spans.get(0);
        int from = s.getInputIndex() + doc.bodyStart();
        int to = from + s.getLength();
        return new Table.Cell(doc.text().substring(from, to).strip(), from, to, doc.lines().line(from), doc.lines().column(from));
    }

    @Override
    public String toString() {
        return kind + "@" + line() + "[" + start + ".." + end + ")";
    }
}
