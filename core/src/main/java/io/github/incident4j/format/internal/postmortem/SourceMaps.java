package io.github.incident4j.format.internal.postmortem;

import io.github.incident4j.postmortem.Postmortem;
import io.github.incident4j.postmortem.Section;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Questions about the source of a postmortem this package read. */
public final class SourceMaps {

    private static final Pattern INDEXED = Pattern.compile("(timeline|actionItems|extraSections)\\[(\\d+)]");

    private SourceMaps() {
    }

    /** The line of a model path in the postmortem's source, when it has one this package made. */
    public static OptionalInt lineOf(Postmortem p, String path) {
        return p.source() instanceof SourceMap m ? m.line(path) : OptionalInt.empty();
    }

    /**
     * The range of the source an edit of one part may change, as {@code [start, end)}: an entry's row or list item
     * ({@code timeline[2]}, {@code actionItems[0]}), an extra section ({@code extraSections[1]}), a section with its
     * heading ({@code rootCause}, {@code timeline}, {@code actionItems}), a header field's line ({@code date},
     * {@code severity}), the title. Empty when the part is not written in the source.
     */
    public static Optional<int[]> blockOf(Postmortem p, String path) {
        if (!(p.source() instanceof SourceMap m)) {
            return Optional.empty();
        }
        Matcher i = INDEXED.matcher(path);
        if (i.matches()) {
            int n = Integer.parseInt(i.group(2));
            if (i.group(1).equals("extraSections")) {
                return n < m.extras.size() ? Optional.of(new int[] {m.extras.get(n).headingStart(), m.extras.get(n).next()})
                        : Optional.empty();
            }
            List<SourceMap.Row> rows = i.group(1).equals("timeline") ? m.timeline : m.actionItems;
            if (n >= rows.size()) {
                return Optional.empty();
            }
            SourceMap.Row row = rows.get(n);
            // the row's lines, line break included
            return Optional.of(new int[] {m.lines().lineStartOf(row.start()), m.lines().nextLineStart(Math.max(row.start(),
                    row.after() - 1))});
        }
        if (path.equals("title") && m.title != null) {
            return Optional.of(new int[] {m.title.start(), m.title.end()});
        }
        for (Section s : Section.values()) {
            if (s.field().equals(path)) {
                SourceMap.SectionSpot spot = m.sections.get(s);
                return spot == null ? Optional.empty() : Optional.of(new int[] {spot.headingStart(), spot.next()});
            }
        }
        SourceMap.FieldSpot f = m.fields.get(path);
        return f == null ? Optional.empty() : Optional.of(new int[] {f.lineStart(), f.lineEnd()});
    }
}
