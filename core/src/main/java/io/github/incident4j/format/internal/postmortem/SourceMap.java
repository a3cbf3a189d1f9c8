package io.github.incident4j.format.internal.postmortem;

import io.github.incident4j.format.internal.markdown.LineIndex;
import io.github.incident4j.postmortem.Postmortem;
import io.github.incident4j.postmortem.PostmortemSource;
import io.github.incident4j.postmortem.Section;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * Where each part of a postmortem read from a document is written in it: what {@link PostmortemReader} leaves on
 * the postmortem as its {@link PostmortemSource}, and {@link PostmortemWriter} needs to rewrite only what changed.
 * Offsets are into {@link #text()}. Built once by the reader, read-only afterwards.
 */
public final class SourceMap implements PostmortemSource {

    /** A range of the text. */
    record Range(int start, int end) {
    }

    /**
     * Where a header field is written.
     *
     * @param valueStart start of its value as written
     * @param valueEnd end of its value
     * @param lineStart start of its line (what deleting it removes, with the line break after it)
     * @param lineEnd start of the next line (or the end of the text)
     * @param frontMatter whether it is a key of the front matter
     * @param prefix what to write before a value that was empty (a heading-style field needs a blank line)
     * @param toml whether it is a key of TOML front matter (its value is written as a TOML string)
     */
    record FieldSpot(int valueStart, int valueEnd, int lineStart, int lineEnd, boolean frontMatter, String prefix,
            boolean toml) {

        FieldSpot(int valueStart, int valueEnd, int lineStart, int lineEnd, boolean frontMatter, String prefix) {
            this(valueStart, valueEnd, lineStart, lineEnd, frontMatter, prefix, false);
        }
    }

    /**
     * How a new header field line is written here: {@code linePrefix + name + nameSuffix + value}, after
     * {@code insertAt} preceded by {@code separator}.
     */
    record FieldStyle(int insertAt, String separator, String linePrefix, String nameOpen, String nameSuffix,
            boolean frontMatter) {

        /** Whether new keys go into TOML front matter ({@code key = "value"}). */
        boolean toml() {
            return frontMatter && nameSuffix.equals(" = ");
        }
    }

    /** One cell of an entry: its content as written and the whole cell (between pipes, for a table). */
    record Cell(int start, int end, int rawStart, int rawEnd) {
    }

    /** How a container writes its entries. */
    enum Kind { TABLE, LIST, LINES }

    /**
     * A table, list or paragraph holding entries.
     *
     * @param kind what it is
     * @param start its start
     * @param end its end
     * @param columns for a table, the role key of each column ({@code time}, {@code event}, {@code action}, …, or
     *     {@code detail:<heading>}, or empty for a column read as nothing)
     * @param widths for a table, the width of each header cell between its pipes
     * @param afterHeader for a table, the end of its delimiter row (where a first row goes)
     * @param marker for a list, the marker of its first item ({@code -}, {@code 1.})
     */
    record Container(Kind kind, int start, int end, List<String> columns, List<Integer> widths, int afterHeader,
            String marker) {
    }

    /**
     * Where one timeline entry or action item is written.
     *
     * @param container what holds it
     * @param start start of its content (the row's first character, the list item's marker, the line's start)
     * @param end end of its content (for a list item, of its first paragraph)
     * @param after end of all of it (for a list item, its nested blocks included): where a next row goes
     * @param contentStart for a list item, where its text starts (after the marker and any task box)
     * @param separator for a list item or line entry, what separates the time from the event ({@code " "},
     *     {@code " - "}, {@code ": "})
     * @param cells the cells by role key
     * @param box the offset of the task box's mark ({@code [ ]}/{@code [x]}), or -1
     */
    record Row(Container container, int start, int end, int after, int contentStart, String separator, Map<String, Cell> cells,
            int box) {
    }

    /**
     * A section as written.
     *
     * @param headingStart start of its heading block
     * @param headingEnd end of its heading block
     * @param titleStart start of the heading's text
     * @param titleEnd end of the heading's text
     * @param level its heading level
     * @param bodyStart start of its first block, or {@code headingEnd} when it has none
     * @param bodyEnd end of its last block, or {@code headingEnd}
     * @param next where the next section (or the end of the text) starts
     * @param notes the blocks that are not entries (timeline and action items) or the whole body (others)
     */
    record SectionSpot(int headingStart, int headingEnd, int titleStart, int titleEnd, int level, int bodyStart,
            int bodyEnd, int next, List<Range> notes) {
    }

    private final String text;
    private final String eol;
    private final LineIndex lines;
    private @Nullable Postmortem snapshot;

    @Nullable Range title;
    /** Where a title line goes when the document has none (after a banner, before the first block). */
    int titleInsertAt;
    /** Whether the title heading writes {@code Postmortem: } before the title. */
    String titlePrefix = "";
    final Map<String, FieldSpot> fields = new HashMap<>();
    final List<FieldSpot> extraFields = new ArrayList<>();
    @Nullable FieldStyle fieldStyle;
    @Nullable FieldStyle frontMatterStyle;
    final List<Range> preamble = new ArrayList<>();
    /** Where a preamble goes when the document has none. */
    int preambleInsertAt = -1;
    final Map<Section, SectionSpot> sections = new EnumMap<>(Section.class);
    /** The extra sections' spots, in the model's order. */
    final List<SectionSpot> extras = new ArrayList<>();
    final List<Row> timeline = new ArrayList<>();
    final List<Row> actionItems = new ArrayList<>();
    final List<Container> timelineContainers = new ArrayList<>();
    final List<Container> actionContainers = new ArrayList<>();
    /** Where the zone is written (a heading's parenthesis, a note, a field), if it is. */
    @Nullable Range zone;
    int sectionLevel = 2;
    final Map<String, Integer> lineOf = new LinkedHashMap<>();

    SourceMap(String text, String eol, LineIndex lines) {
        this.text = text;
        this.eol = eol;
        this.lines = lines;
    }

    @Override
    public String text() {
        return text;
    }

    /** The line ending new lines are written with. */
    String eol() {
        return eol;
    }

    LineIndex lines() {
        return lines;
    }

    /** The postmortem as read (without its source), which the writer compares an edited one with. */
    Postmortem snapshot() {
        if (snapshot == null) {
            throw new IllegalStateException("the source map of a postmortem has no snapshot yet");
        }
        return snapshot;
    }

    void snapshot(Postmortem read) {
        this.snapshot = read;
    }

    /** The 1-based line of a model path ({@code timeline[3]}, {@code actionItems[0].owner}, {@code rootCause}). */
    OptionalInt line(String path) {
        // the window's start and end are written on the duration line
        String p = path.equals("start") || path.equals("end") ? "duration" : path;
        while (!p.isEmpty()) {
            Integer l = lineOf.get(p);
            if (l != null) {
                return OptionalInt.of(l);
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut < 0 ? "" : p.substring(0, cut);
        }
        return OptionalInt.empty();
    }

    @Override
    public String toString() {
        return "SourceMap[" + text.length() + " characters]";
    }
}
