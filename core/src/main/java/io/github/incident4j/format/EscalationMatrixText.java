package io.github.incident4j.format;

import io.github.incident4j.ValidationException;
import io.github.incident4j.common.Text;
import io.github.incident4j.escalation.EscalationMatrix;
import io.github.incident4j.format.internal.TableText;
import io.github.incident4j.format.internal.TableText.Cell;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes the escalation matrix as a box-drawing table (the seed's form) or a GitHub Markdown table.
 *
 * <pre>{@code
 * EscalationMatrix m = EscalationMatrixText.parse(Files.readString(Path.of("escalation-matrix.txt")));
 * m.response("Security", "L2");               // "SecOps"
 * String box = EscalationMatrixText.render(m);
 * String md = EscalationMatrixText.renderMarkdown(m);
 * }</pre>
 *
 * <p>Box form: frame lines made of {@code ─ ┌ ┐ └ ┘ ├ ┤ ┬ ┴ ┼} (and their double-line variants) are
 * ignored; every other line is a row that starts and ends with {@code │}. Cells are split on the {@code │}
 * separators, never on fixed columns, so a row whose text overflows its column (the seed's
 * {@code Contact vendor│}) still reads right. The first row is the header: its first cell labels the
 * category column (any text; written back as {@code Category}), the others are the tiers. A {@code │}
 * inside a cell is written {@code \│}; in Markdown a {@code |} is written {@code \|}, as GitHub requires.
 * Cells cannot hold line breaks.
 *
 * <p>Bounds: a text over {@link #MAX_CHARS} characters is refused by its length before any parsing; reading is
 * linear in the text's length. Every cell is an identifier under the text rule ({@code core/docs/text.md}): a cell
 * holding a control character (a tab inside it included) or an unpaired surrogate is refused at its line and
 * column. The writers pad each column to its widest cell not wider than {@value TableText#PAD_FACTOR} times (the
 * column's median cell width + 1) ({@link TableText#columnWidths}); a wider cell is written whole and overflows its
 * column, as the seed's {@code Contact vendor│} does. So the output is at most a small multiple of the matrix's text
 * (at most 20 times its characters counting one more per cell, plus 64), and a matrix of similar cells, the
 * seed's, is aligned as before.
 */
public final class EscalationMatrixText {

    private static final char BAR = '│';
    private static final String FRAME = "─━┌┐└┘├┤┬┴┼═╔╗╚╝╠╣╦╩╬╒╕╘╛╞╡╤╧╪╓╖╙╜╟╢╥╨╫";
    private static final String CORNER_LABEL = "Category";

    /** Longest text read, in characters (as the YAML readers); a longer one is refused before any parsing. */
    public static final int MAX_CHARS = 1_000_000;

    private EscalationMatrixText() {
    }

    /**
     * Reads a matrix in box-drawing or GitHub Markdown form (chosen by the first non-blank line).
     *
     * @throws FormatException with line and column: a text over {@link #MAX_CHARS} characters, no header, a row
     *     with the wrong number of cells, an empty or duplicate category or tier, a cell holding a control character
     *     or an unpaired surrogate, an unknown character in the frame
     */
    public static EscalationMatrix parse(String text) {
        if (text.length() > MAX_CHARS) {
            throw new FormatException("a matrix of " + text.length() + " characters is over the limit of " + MAX_CHARS,
                    1, 1);
        }
        List<String> lines = List.of(text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1));
        int first = 0;
        while (first < lines.size() && lines.get(first).isBlank()) {
            first++;
        }
        if (first == lines.size()) {
            throw new FormatException("no header: the text is empty; expected a ┌─┐ box or a | Markdown | table",
                    1, 1);
        }
        String head = lines.get(first).strip();
        List<Problem> problems = new ArrayList<>();
        List<Row> rows;
        if (FRAME.indexOf(head.charAt(0)) >= 0 || head.charAt(0) == BAR) {
            rows = boxRows(lines, problems);
        } else if (head.indexOf('|') >= 0) {
            rows = markdownRows(lines, first, problems);
        } else {
            throw new FormatException("no header: expected a ┌─┐ box or a | Markdown | table, but the first line is '"
                    + head + "'", first + 1, lines.get(first).indexOf(head.charAt(0)) + 1);
        }
        if (problems.isEmpty() && rows.isEmpty()) {
            problems.add(new Problem(first + 1, 1, "no header: the table has no rows"));
        }
        @Nullable EscalationMatrix matrix = problems.isEmpty() ? build(rows, problems) : null;
        if (!problems.isEmpty() || matrix == null) {
            throw new FormatException(problems.stream()
                    .map(p -> new FormatException.Problem(p.line, p.column, p.message)).toList());
        }
        return matrix;
    }

    private record Problem(int line, int column, String message) {
    }

    private record Row(int line, int end, List<Cell> cells) {
    }

    private static List<Row> boxRows(List<String> lines, List<Problem> problems) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            int from = 0;
            while (Character.isWhitespace(line.charAt(from))) {
                from++;
            }
            int to = line.length();
            while (Character.isWhitespace(line.charAt(to - 1))) {
                to--;
            }
            char c = line.charAt(from);
            if (FRAME.indexOf(c) >= 0) {
                for (int j = from; j < to; j++) {
                    if (FRAME.indexOf(line.charAt(j)) < 0 && line.charAt(j) != BAR) {
                        problems.add(new Problem(i + 1, j + 1,
                                "unknown character '" + line.charAt(j) + "' in the frame; a frame line holds only ─┌┐└┘├┤┬┴┼"));
                        break;
                    }
                }
            } else if (c != BAR) {
                problems.add(new Problem(i + 1, from + 1, "unknown character '" + c
                        + "' in the frame; a row starts with │ and a frame line with ┌, ├ or └"));
            } else if (to - from < 2 || !TableText.isSeparatorAt(line, to - 1, BAR)) {
                problems.add(new Problem(i + 1, to + 1, "the row does not end with │"));
            } else {
                rows.add(new Row(i + 1, to, TableText.split(line, from + 1, to - 1, BAR)));
            }
        }
        return rows;
    }

    private static List<Row> markdownRows(List<String> lines, int first, List<Problem> problems) {
        List<Row> rows = new ArrayList<>();
        boolean delimiterSeen = false;
        for (int i = first; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            List<Cell> cells = TableText.markdownRow(line);
            if (i == first) {
                rows.add(new Row(i + 1, line.stripTrailing().length(), cells));
            } else if (!delimiterSeen) {
                delimiterSeen = true;
                for (Cell cell : cells) {
                    if (!TableText.isDelimiterCell(cell.text())) {
                        problems.add(new Problem(i + 1, cell.column(),
                                "no header: expected the delimiter row |---|---| under the header, found '" + cell.text() + "'"));
                        return rows;
                    }
                }
                checkWidth(new Row(i + 1, line.stripTrailing().length(), cells), rows.get(0).cells().size(), problems);
            } else {
                rows.add(new Row(i + 1, line.stripTrailing().length(), cells));
            }
        }
        if (!delimiterSeen) {
            problems.add(new Problem(first + 2, 1, "no header: expected the delimiter row |---|---| under the header"));
        }
        return rows;
    }

    private static boolean checkWidth(Row row, int expected, List<Problem> problems) {
        int n = row.cells().size();
        if (n == expected) {
            return true;
        }
        int column = n > expected ? row.cells().get(expected).column() : row.end() + 1;
        problems.add(new Problem(row.line(), column, "the row has " + n + " cells but the header has " + expected));
        return false;
    }

    private static @Nullable EscalationMatrix build(List<Row> rows, List<Problem> problems) {
        Row header = rows.get(0);
        int width = header.cells().size();
        if (width < 2) {
            problems.add(new Problem(header.line(), 1, "no header: the header needs a category column and at least one tier"));
            return null;
        }
        List<String> tiers = new ArrayList<>();
        Set<String> seenTiers = new HashSet<>();
        for (Cell cell : header.cells().subList(1, width)) {
            String key = cell.text().toLowerCase(Locale.ROOT);
            if (!identifier(header, cell, "tier", problems)) {
                tiers.add(cell.text());
                continue;
            }
            if (cell.text().isEmpty()) {
                problems.add(new Problem(header.line(), cell.column(), "empty tier heading"));
            } else if (!seenTiers.add(key)) {
                problems.add(new Problem(header.line(), cell.column(), "duplicate tier '" + cell.text() + "'"));
            }
            tiers.add(cell.text());
        }
        List<String> categories = new ArrayList<>();
        List<List<String>> cells = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Row row : rows.subList(1, rows.size())) {
            if (!checkWidth(row, width, problems)) {
                continue;
            }
            Cell category = row.cells().get(0);
            for (Cell cell : row.cells().subList(1, width)) {
                identifier(row, cell, "response", problems);
            }
            if (!identifier(row, category, "category", problems)) {
                categories.add(category.text());
                continue;
            }
            if (category.text().isEmpty()) {
                problems.add(new Problem(row.line(), category.column(), "empty category"));
            } else if (!seen.add(category.text().toLowerCase(Locale.ROOT))) {
                problems.add(new Problem(row.line(), category.column(), "duplicate category '" + category.text() + "'"));
            }
            categories.add(category.text());
            cells.add(row.cells().subList(1, width).stream().map(Cell::text).toList());
        }
        if (!problems.isEmpty()) {
            return null;
        }
        try {
            return new EscalationMatrix(tiers, categories, cells);
        } catch (ValidationException e) {
            problems.add(new Problem(header.line(), 1, e.getMessage()));
            return null;
        }
    }

    /**
     * Writes the box-drawing form with aligned columns, as in the seed; a cell much wider than its column's others
     * overflows it (see the class comment), so the output stays a small multiple of the matrix's text.
     */
    public static String render(EscalationMatrix matrix) {
        List<List<String>> table = table(matrix, BAR);
        int[] widths = TableText.columnWidths(table, table.get(0).size());
        int inner = 0;
        for (int w : widths) {
            inner += w + 3;
        }
        inner -= 1;
        String rule = "─".repeat(inner);
        StringBuilder b = new StringBuilder();
        b.append('┌').append(rule).append("┐\n");
        for (int r = 0; r < table.size(); r++) {
            for (int c = 0; c < widths.length; c++) {
                b.append(BAR).append(' ').append(TableText.pad(table.get(r).get(c), widths[c])).append(' ');
            }
            b.append(BAR).append('\n');
            if (r == 0) {
                b.append('├').append(rule).append("┤\n");
            }
        }
        b.append('└').append(rule).append("┘\n");
        return b.toString();
    }

    /**
     * Writes a GitHub Markdown table with aligned columns (as {@link #render}, a much wider cell overflows its
     * column); {@code |} in a cell is written {@code \|}.
     */
    public static String renderMarkdown(EscalationMatrix matrix) {
        List<List<String>> table = table(matrix, null);
        return TableText.markdownTable(table.get(0), table.subList(1, table.size()));
    }

    /** Header then rows; escaped for {@code separator} when given. Refuses cells with line breaks. */
    private static List<List<String>> table(EscalationMatrix matrix, @Nullable Character separator) {
        List<List<String>> table = new ArrayList<>();
        List<String> header = new ArrayList<>();
        header.add(CORNER_LABEL);
        header.addAll(matrix.tiers());
        table.add(header);
        for (int i = 0; i < matrix.categories().size(); i++) {
            List<String> row = new ArrayList<>();
            row.add(matrix.categories().get(i));
            row.addAll(matrix.cells().get(i));
            table.add(row);
        }
        List<List<String>> out = new ArrayList<>();
        for (List<String> row : table) {
            List<String> escaped = new ArrayList<>();
            for (String cell : row) {
                if (!TableText.fitsInCell(cell)) {
                    throw ValidationException.of("cell", cell, "a table cell cannot hold a line break");
                }
                escaped.add(separator == null ? cell : TableText.escape(cell, separator));
            }
            out.add(escaped);
        }
        return out;
    }

    /** Whether a cell is fit as an identifier; records a located problem if not. */
    private static boolean identifier(Row row, Cell cell, String what, List<Problem> problems) {
        java.util.Optional<String> problem = Text.identifierProblem(cell.text());
        problem.ifPresent(p -> problems.add(new Problem(row.line(), cell.column(), "the " + what + " '"
                + Text.shown(cell.text()) + "' must hold no control character (not even a tab) nor an unpaired "
                + "surrogate, but " + p)));
        return problem.isEmpty();
    }
}
