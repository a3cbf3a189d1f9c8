package io.github.incident4j.format.internal.markdown;

import java.util.List;

/**
 * A GFM table as written: the header's cells and each body row's cells, with their places.
 *
 * @param header the header row's cells
 * @param rows the body rows
 * @param line 1-based line of the header
 * @param bodyLine 1-based line of the first body row (or where it would be)
 */
public record Table(List<Cell> header, List<List<Cell>> rows, int line, int bodyLine) {

    /** Copies the rows. */
    public Table {
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
    }

    /**
     * One cell.
     *
     * @param text the cell's inline Markdown as written, outer spaces removed
     * @param start offset of the cell's first character (after the pipe)
     * @param end offset of the cell's end (before the next pipe)
     * @param line 1-based line
     * @param column 1-based column of {@code start}
     */
    public record Cell(String text, int start, int end, int line, int column) {
    }
}
