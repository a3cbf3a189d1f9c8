package io.github.incident4j.format.internal.markdown;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.node.Code;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;
import org.commonmark.parser.InlineParser;
import org.commonmark.parser.InlineParserContext;
import org.commonmark.parser.InlineParserFactory;
import org.commonmark.parser.SourceLine;
import org.commonmark.parser.SourceLines;
import org.jspecify.annotations.Nullable;

/**
 * The inline parser the document layer gives commonmark: it reads code spans by CommonMark's rules (a run of
 * backticks closed by a run of the same length, backslash escapes outside them, line breaks inside them read as
 * spaces, one surrounding space stripped), each a {@link Code} node with its exact source span, and builds nothing else:
 * the readers take text as written from the blocks' spans, and need the code spans (the commands a step's text holds);
 * emphasis, links and the rest are not built up front, which halves commonmark's parse time.
 * {@link Block#parseInlines()} gives a block's full commonmark inline tree when a reader wants it.
 *
 * <p>Known difference: a backtick inside an inline HTML tag or an autolink ({@code <a title="`">}) may start a code
 * span here where commonmark would read the tag first.
 */
final class CodeSpanInlines implements InlineParser {

    /** The factory for {@code Parser.Builder.inlineParserFactory}. */
    static final InlineParserFactory FACTORY = new InlineParserFactory() {
        @Override
        public InlineParser create(InlineParserContext context) {
            return new CodeSpanInlines();
        }
    };

    @Override
    public void parse(SourceLines lines, Node block) {
        List<SourceLine> ls = lines.getLines();
        boolean any = false;
        for (SourceLine l : ls) {
            CharSequence c = l.getContent();
            for (int k = 0; k < c.length() && !any; k++) {
                any = c.charAt(k) == '`';
            }
        }
        if (!any) {
            // no code span: the readers take the text from the block's own spans
            return;
        }
        StringBuilder all = new StringBuilder();
        int[] starts = new int[ls.size()];
        for (int i = 0; i < ls.size(); i++) {
            if (i > 0) {
                all.append('\n');
            }
            starts[i] = all.length();
            all.append(ls.get(i).getContent());
        }
        String text = all.toString();
        int len = text.length();
        int i = 0;
        while (i < len) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < len) {
                i += 2;
                continue;
            }
            if (c != '`') {
                i++;
                continue;
            }
            int run = run(text, i);
            int close = closing(text, i + run, run);
            if (close < 0) {
                i += run;
                continue;
            }
            Code code = new Code(literal(text.substring(i + run, close)));
            spans(code, ls, starts, i, close + run);
            block.appendChild(code);
            i = close + run;
        }
    }

    private static int run(String text, int from) {
        int n = 0;
        while (from + n < text.length() && text.charAt(from + n) == '`') {
            n++;
        }
        return n;
    }

    /** The start of the first run of exactly {@code run} backticks at or after {@code from}, or -1. */
    private static int closing(String text, int from, int run) {
        int j = from;
        while (j < text.length()) {
            if (text.charAt(j) == '`') {
                int r = run(text, j);
                if (r == run) {
                    return j;
                }
                j += r;
            } else {
                j++;
            }
        }
        return -1;
    }

    /** A code span's content as CommonMark reads it: line breaks as spaces, one surrounding space stripped. */
    private static String literal(String content) {
        String s = content.replace('\n', ' ');
        if (s.length() >= 2 && s.charAt(0) == ' ' && s.charAt(s.length() - 1) == ' ' && !s.isBlank()) {
            s = s.substring(1, s.length() - 1);
        }
        return s;
    }

    /** Gives a node the source spans of the characters {@code from} to {@code to} of the joined lines. */
    private static void spans(Node node, List<SourceLine> ls, int[] starts, int from, int to) {
        List<SourceSpan> out = new ArrayList<>(1);
        for (int k = 0; k < ls.size(); k++) {
            int lineStart = starts[k];
            int lineEnd = lineStart + ls.get(k).getContent().length();
            int a = Math.max(from, lineStart);
            int b = Math.min(to, lineEnd);
            if (a >= b) {
                continue;
            }
            SourceSpan s = span(ls.get(k), a - lineStart, b - a);
            if (s != null) {
                out.add(s);
            }
        }
        if (!out.isEmpty()) {
            node.setSourceSpans(out);
        }
    }

    private static @Nullable SourceSpan span(SourceLine line, int offset, int length) {
        SourceSpan s = line.getSourceSpan();
        if (s == null || offset + length > s.getLength()) {
            return null;
        }
        return SourceSpan.of(s.getLineIndex(), s.getColumnIndex() + offset, s.getInputIndex() + offset, length);
    }
}
