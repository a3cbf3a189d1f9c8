package io.github.incident4j.format.internal.markdown;

import java.util.Arrays;

/**
 * Where each line of a text starts, so that an offset gives its 1-based line and column in O(log n). Lines end
 * at {@code \n}, {@code \r\n} or {@code \r}, as CommonMark splits them; nothing else (U+0085, U+2028 and U+2029 are
 * characters of their line).
 */
public final class LineIndex {

    private final int[] starts;
    private final int count;
    private final int length;
    private final boolean suspicious;
    private final boolean markedLines;

    private LineIndex(int[] starts, int count, int length, boolean suspicious, boolean markedLines) {
        this.starts = starts;
        this.count = count;
        this.length = length;
        this.suspicious = suspicious;
        this.markedLines = markedLines;
    }

    /**
     * Indexes a text in one pass, noting on the way whether it holds a character below U+0020 other than tab and line
     * breaks, DEL or a surrogate ({@link #suspicious()}), and whether some line opens with many container markers
     * ({@link #markedLines()}), so the checks for those run only when they can find something.
     */
    public static LineIndex of(String text) {
        int len = text.length();
        int[] starts = new int[Math.max(16, len / 32)];
        int n = 1;
        boolean suspicious = false;
        int markers = 0;
        boolean lineStart = true;
        boolean marked = false;
        for (int i = 0; i < len; i++) {
            char c = text.charAt(i);
            if (c < 0x20) {
                if (c == '\n' || c == '\r') {
                    if (c == '\r' && i + 1 < len && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    if (n == starts.length) {
                        starts = Arrays.copyOf(starts, n * 2);
                    }
                    starts[n++] = i + 1;
                    lineStart = true;
                    markers = 0;
                    continue;
                }
                suspicious |= c != '\t';
            } else if (c == 0x7F || c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
                suspicious = true;
            }
            if (lineStart) {
                if (c == '>' || c == '-' || c == '*' || c == '+' || c >= '0' && c <= '9') {
                    marked |= ++markers > 16;
                } else if (c != ' ' && c != '\t' && c != '.' && c != ')') {
                    lineStart = false;
                }
            }
        }
        return new LineIndex(starts, n, len, suspicious, marked);
    }

    /** Whether the text may hold a character a document must not carry (see {@code MarkdownDocument}). */
    boolean suspicious() {
        return suspicious;
    }

    /** Whether a line opens with more than 16 list or quote marker characters. */
    boolean markedLines() {
        return markedLines;
    }

    /** Number of lines (a text ending in a line break has an empty last line). */
    public int lineCount() {
        return count;
    }

    /** The 1-based line holding the offset (an offset at the end of the text is on the last line). */
    public int line(int offset) {
        int at = Arrays.binarySearch(starts, 0, count, Math.max(0, Math.min(offset, length)));
        return at >= 0 ? at + 1 : -at - 1;
    }

    /** The 1-based column (in UTF-16 characters) of the offset on its line. */
    public int column(int offset) {
        return offset - lineStart(line(offset)) + 1;
    }

    /** The offset where a 1-based line starts. */
    public int lineStart(int line) {
        return starts[Math.max(0, Math.min(line, count) - 1)];
    }

    /** The offset where a 1-based line's content ends (before its line break). */
    public int lineEnd(String text, int line) {
        int end = line >= count ? length : starts[line];
        int begin = lineStart(line);
        if (end > begin && text.charAt(end - 1) == '\n') {
            end--;
        }
        if (end > begin && text.charAt(end - 1) == '\r') {
            end--;
        }
        return end;
    }

    /** The offset where the line holding {@code offset} starts. */
    public int lineStartOf(int offset) {
        return lineStart(line(offset));
    }

    /** The offset where the line after the one holding {@code offset} starts, or the text's length on the last line. */
    public int nextLineStart(int offset) {
        int l = line(offset);
        return l >= count ? length : starts[l];
    }
}
