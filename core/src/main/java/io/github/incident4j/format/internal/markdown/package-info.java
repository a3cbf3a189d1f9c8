/**
 * The lossless Markdown document layer that the Markdown readers and writers of {@code format} share (runbooks and
 * postmortems): commonmark parses a text once, with source spans on blocks and inlines and GFM tables, and this
 * package gives readers a view in which every character of the text has its place, and writers a way to rewrite only
 * what changed. Not API.
 *
 * <ul>
 *   <li>{@link io.github.incident4j.format.internal.markdown.MarkdownDocument#parse(String)}: the input cap
 *       ({@value io.github.incident4j.format.internal.markdown.MarkdownDocument#MAX_CHARS} characters, refused in
 *       O(1)), the character rule (NUL, C0 controls other than tab and line breaks, DEL and unpaired surrogates are
 *       refused at their line and column), a byte order mark and
 *       {@link io.github.incident4j.format.internal.markdown.FrontMatter} ({@code ---} YAML or {@code +++} TOML, kept
 *       as an opaque leading slice, its top-level keys parsed) before the body, then the top-level
 *       {@link io.github.incident4j.format.internal.markdown.Block}s with their exact slices ({@code start()},
 *       {@code end()}, 1-based {@code line()}, {@code column()}); {@code gapBefore(i)} is the text between blocks
 *       (blank lines and line breaks exactly as written: {@code \n}, {@code \r\n}, {@code \r}, or none at the end);</li>
 *   <li>{@link io.github.incident4j.format.internal.markdown.Block}: kind (heading, paragraph, bullet/ordered list,
 *       list item, fenced/indented code, HTML, table, block quote, thematic break, link reference), children of
 *       containers (nested lists, code inside list items), heading level and text, a paragraph's inline source and
 *       code spans, a code block's content, info string, language and fence, a list item's marker, number and task
 *       box ({@code [ ]}/{@code [x]}), a table's cells with their places, and the prefix new lines need inside the
 *       block's container;</li>
 *   <li>{@link io.github.incident4j.format.internal.markdown.MarkdownDocument#outline()}: the headings and the blocks
 *       they govern, as {@link io.github.incident4j.format.internal.markdown.Section}s nested by level (the part
 *       before the first heading is a section without one: banner lines, a preamble);</li>
 *   <li>{@link io.github.incident4j.format.internal.markdown.Splice}: the splice writer; replaces, inserts or deletes
 *       ranges given by offsets into the original and keeps every other character and its order;
 *       {@link io.github.incident4j.format.internal.markdown.LineEnds} writes new lines with the document's own line
 *       ending;</li>
 *   <li>{@link io.github.incident4j.format.internal.markdown.DocumentKind}: what a refused text looks like (YAML, a
 *       runbook, a postmortem), and {@code normalize(heading)}, the one way headings are matched by meaning;</li>
 *   <li>{@link io.github.incident4j.format.internal.markdown.LineIndex}: offset to 1-based line and column in
 *       O(log n).</li>
 * </ul>
 */
@NullMarked
package io.github.incident4j.format.internal.markdown;

import org.jspecify.annotations.NullMarked;
