package io.github.incident4j.format.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Cells of one-line table rows (GitHub Markdown tables and the box-drawing escalation matrix): splitting
 * a row on its separators, the escaping of a separator inside a cell, and display widths for alignment.
 *
 * <p>Escaping follows GitHub's table rule, which is applied before any inline Markdown: every
 * backslash-separator pair in a row stands for the separator character in the cell, also inside code
 * spans ({@code `a\|b`} shows {@code a|b}). Rendering writes every separator in a cell as
 * backslash-separator and reading turns every backslash-separator back, so the two are exact inverses
 * for any cell text without line breaks, backslashes and backticks included.
 */
public final class TableText {

    /** How many times its median cell width (+ 1) a column may be padded to; see {@link #columnWidths}. */
    public static final int PAD_FACTOR = 4;

    private TableText() {
    }

    /**
     * One cell of a row.
     *
     * @param text the cell's text, stripped and unescaped
     * @param column the 1-based column of the cell's first non-blank character (just after its opening
     *     separator when the cell is empty)
     */
    public record Cell(String text, int column) {
    }

    /**
     * Splits {@code line[from, to)} on separators not preceded by a backslash. {@code from} is just after
     * the opening separator and {@code to} at the closing one.
     */
    public static List<Cell> split(String line, int from, int to, char separator) {
        List<Cell> cells = new ArrayList<>();
        int cellStart = from;
        for (int i = from; i <= to; i++) {
            if (i == to || (line.charAt(i) == separator && line.charAt(i - 1) != '\\')) {
                String raw = line.substring(cellStart, i);
                int first = cellStart;
                while (first < i && Character.isWhitespace(line.charAt(first))) {
                    first++;
                }
                cells.add(new Cell(unescape(raw.strip(), separator), (first < i ? first : cellStart) + 1));
                cellStart = i + 1;
            }
        }
        return cells;
    }

    /**
     * Splits a GitHub Markdown table row; the outer pipes are optional, as in GitHub. Leading indentation
     * and trailing whitespace are ignored.
     */
    public static List<Cell> markdownRow(String line) {
        int from = 0;
        while (from < line.length() && line.charAt(from) == ' ') {
            from++;
        }
        int to = line.length();
        while (to > from && Character.isWhitespace(line.charAt(to - 1))) {
            to--;
        }
        int start = from < to && line.charAt(from) == '|' ? from + 1 : from;
        int end = to - 1 >= start && isSeparatorAt(line, to - 1, '|') ? to - 1 : to;
        return split(line, start, end, '|');
    }

    /** Whether the character at {@code index} is a separator (not escaped by a backslash). */
    public static boolean isSeparatorAt(String line, int index, char separator) {
        return index >= 0 && index < line.length() && line.charAt(index) == separator
                && (index == 0 || line.charAt(index - 1) != '\\');
    }

    /** The cell text as written in a row: each separator preceded by a backslash. */
    public static String escape(String text, char separator) {
        return text.replace(String.valueOf(separator), "\\" + separator);
    }

    /** The inverse of {@link #escape}. */
    public static String unescape(String text, char separator) {
        return text.replace("\\" + separator, String.valueOf(separator));
    }

    /** Whether the text can be written in one table cell (no line break). */
    public static boolean fitsInCell(String text) {
        return text.indexOf('\n') < 0 && text.indexOf('\r') < 0;
    }

    /**
     * The width of the text in a monospaced terminal or editor: combining marks and format characters take
     * no column, East Asian wide characters and most emoji take two.
     */
    public static int width(String text) {
        int w = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT) {
                continue;
            }
            w += isWide(cp) ? 2 : 1;
        }
        return w;
    }

    /**
     * The display width each column is padded to: its widest cell not wider than {@value #PAD_FACTOR} times (the
     * column's median cell width + 1). A wider cell is written whole and overflows its column, which readers
     * accept because they split rows on separators, not on positions. At least half a column's cells are as wide
     * as its median, so its padding is at most {@value #PAD_FACTOR} times (twice its text + one per cell): one long
     * cell never pads every other row to its width (a 117 KB matrix once rendered as 100 MB), and a table of
     * similar cells, such as the seed matrix, is aligned as before. Costs a sort of each column's widths.
     *
     * @param rows the cells as they will be written (already escaped), every row with {@code columns} cells
     */
    public static int[] columnWidths(List<List<String>> rows, int columns) {
        int n = rows.size();
        int[][] byColumn = new int[columns][n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < columns; c++) {
                byColumn[c][r] = width(rows.get(r).get(c));
            }
        }
        int[] widths = new int[columns];
        for (int c = 0; c < columns; c++) {
            if (n == 0) {
                continue;
            }
            int[] w = byColumn[c];
            java.util.Arrays.sort(w);
            long cap = (long) PAD_FACTOR * (w[n / 2] + 1);
            int widest = n - 1;
            while (w[widest] > cap) {
                widest--; // the median itself is under the cap, so this stops there at the latest
            }
            widths[c] = w[widest];
        }
        return widths;
    }

    /** The text followed by spaces up to {@code width} display columns. */
    public static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - width(text)));
    }

    private static boolean isWide(int cp) {
        return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3)
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60)
                || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1FAFF) || (cp >= 0x20000 && cp <= 0x3FFFD);
    }

    /**
     * Renders a GitHub Markdown table with aligned columns ({@link #columnWidths}): {@code | a | b |}, a
     * {@code |---|---|} delimiter row, then the rows. Cells are escaped here; every row must have as many cells as
     * the header.
     */
    public static String markdownTable(List<String> header, List<List<String>> rows) {
        return markdownTable(header, rows, Integer.MAX_VALUE);
    }

    /**
     * As {@link #markdownTable(List, List)}, but a column is padded only when its widest cell is at most
     * {@code maxAligned} display columns wide, so that one long cell does not pad every row of its column (the
     * output stays within a small multiple of the cells' text).
     */
    public static String markdownTable(List<String> header, List<List<String>> rows, int maxAligned) {
        int n = header.size();
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        List<List<String>> escaped = new ArrayList<>();
        for (List<String> row : all) {
            List<String> e = new ArrayList<>();
            for (int c = 0; c < n; c++) {
                e.add(escape(row.get(c), '|'));
            }
            escaped.add(e);
        }
        int[] widths = columnWidths(escaped, n);
        for (int c = 0; c < n; c++) {
            widths[c] = widths[c] > maxAligned ? 1 : Math.max(1, widths[c]);
        }
        StringBuilder b = new StringBuilder();
        for (int r = 0; r < escaped.size(); r++) {
            appendRow(b, escaped.get(r), widths);
            if (r == 0) {
                for (int c = 0; c < n; c++) {
                    b.append('|').append("-".repeat(widths[c] + 2));
                }
                b.append("|\n");
            }
        }
        return b.toString();
    }

    private static void appendRow(StringBuilder b, List<String> cells, int[] widths) {
        for (int c = 0; c < cells.size(); c++) {
            b.append("| ").append(pad(cells.get(c), widths[c])).append(' ');
        }
        b.append("|\n");
    }

    /** Whether a cell is a Markdown delimiter-row cell such as {@code ---}, {@code :--} or {@code :-:}. */
    public static boolean isDelimiterCell(String cell) {
        return cell.matches(":?-+:?");
    }
}
