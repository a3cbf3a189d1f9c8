package io.github.incident4j.format;

import io.github.incident4j.format.internal.postmortem.PostmortemReader;
import io.github.incident4j.format.internal.postmortem.PostmortemWriter;
import io.github.incident4j.format.internal.postmortem.SourceMaps;
import io.github.incident4j.postmortem.Postmortem;
import java.util.OptionalInt;

/**
 * Reads and writes postmortems in Markdown, as teams write them: the team's template (the seed), the Google SRE
 * book's example, PagerDuty's and Atlassian's templates, and the variations real postmortems make of them.
 *
 * <pre>{@code
 * Postmortem pm = PostmortemMarkdown.parse(Files.readString(Path.of("postmortem.md")));
 * String same = PostmortemMarkdown.render(pm);                     // the file, byte for byte
 * String edited = PostmortemMarkdown.render(pm.toBuilder()
 *         .actionItems(...).build());                              // only the changed rows are rewritten
 * }</pre>
 *
 * <p><b>Reading.</b> The document is parsed once by commonmark (GFM tables, source spans) through the shared
 * lossless layer. Its parts:
 * <ul>
 * <li>a title: the first heading when it is a level-1 heading that names no section ({@code # Postmortem: <title>}
 *     reads as {@code <title>}), else {@code title:} of the front matter; blocks before it (a banner such as
 *     {@code > Template from ...}, an HTML comment) are kept;</li>
 * <li>header fields: YAML front matter ({@code title}, {@code date}, {@code authors}, {@code status},
 *     {@code severity}, {@code id}, {@code impact}, {@code timezone}), lines {@code **Date**: ...},
 *     {@code **Date:** ...}, {@code Date: ...} (also as list items, or as a {@code ### Date} heading with its
 *     value under it) before the first section; names by meaning (see {@code HeaderField.knownAs}); others are
 *     kept as extra fields; other text there is the preamble;</li>
 * <li>sections by meaning, at any heading level, case-insensitive (see {@code postmortem.Section}: Overview is the
 *     summary, Contributing Factors the root cause, ...); a deeper heading belongs to the section above it unless it
 *     names another known section (the SRE book's What went well under Lessons Learned); sections it does not know
 *     are kept in place as extra sections;</li>
 * <li>the timeline as tables (a time column: Time, Timestamp, Date/Time, When; an event column: Event, Description,
 *     What happened; other columns are kept as details), lists ({@code - 14:05 Alert fires},
 *     {@code - **14:05** — Alert fires}) or lines ({@code 14:05 Alert fires}); times {@code HH:MM},
 *     {@code HH:MM:SS}, {@code YYYY-MM-DD HH:MM}, ISO-8601 with an offset, {@code 2:05 PM}, each with an optional
 *     zone; a date heading or date line ({@code ### 2015-10-21}, {@code 2015-10-21 (all times UTC)}) gives the
 *     date of the entries under it; the zone comes from the entry, else the heading ({@code Timeline (PST)}), the
 *     time column ({@code Time (UTC)}), a note ({@code All times in CET.}), a {@code Timezone} field or the date
 *     field, else UTC; a time text that reads as no time ({@code ...}) is kept as written, without a time. Notes
 *     and prose around the entries are the section's text;</li>
 * <li>action items as tables with columns by meaning (Action/Item/Task/Description, Owner/Assignee/Who,
 *     Due/Deadline/ETA, Priority/P, Status/State, Ticket/Issue/Link/Bug; others kept as details) or lists and task
 *     lists ({@code - [ ] P1: Add an alert @alice due 2026-03-10 OPS-12}).</li>
 * </ul>
 *
 * <p><b>Refusals</b>, each a {@link FormatException} with line and column, all problems of a document at once, one
 * per real problem: a text over the layer's cap (1,000,000 characters, refused before reading) or with a character a
 * document must not carry; a runbook or a YAML file ("not a postmortem: this looks like a runbook (sections
 * Diagnosis, Mitigation)"); a document none of whose headings names a postmortem section (naming the headings it
 * has); a table whose header cannot be read (one problem naming the columns found and expected, not one per row);
 * a known section given twice; a date that does not exist; an unknown severity, status, priority or zone; a
 * duration that disagrees with its times; values the model refuses.
 *
 * <p><b>Writing.</b> A postmortem read from a document is written back into it: byte for byte when unchanged, and
 * otherwise only the parts that changed are rewritten (a field's value, a cell, a row, a task box, a section's
 * body), in the document's style and line endings; no placeholder or empty section is added to it. A postmortem
 * that was built (or whose source was dropped) is written in the template's layout, with the template's
 * placeholders for absent values; {@code parse(render(p))} equals {@code p}.
 */
public final class PostmortemMarkdown {

    /** Longest document read, in characters; a longer one is refused by its length, before any parsing. */
    public static final int MAX_CHARS = io.github.incident4j.format.internal.markdown.MarkdownDocument.MAX_CHARS;

    private PostmortemMarkdown() {
    }

    /**
     * Reads a postmortem; the result carries its source, so that {@link #render} writes it back as it was.
     *
     * @throws FormatException with line and column for every problem (see the class description)
     */
    public static Postmortem parse(String markdown) {
        return PostmortemReader.read(markdown);
    }

    /**
     * Writes a postmortem: into the document it was read from (only what changed is rewritten), or in the template's
     * layout when it has no source.
     */
    public static String render(Postmortem p) {
        return PostmortemWriter.write(p);
    }

    /**
     * The 1-based line of the document a postmortem was read from where a part of it is written, by the path lint
     * findings and validation problems use ({@code timeline[3]}, {@code actionItems[0]}, {@code rootCause},
     * {@code date}); empty when the postmortem has no source or the part is not written in it.
     */
    public static OptionalInt lineOf(Postmortem p, String path) {
        return SourceMaps.lineOf(p, path);
    }
}
