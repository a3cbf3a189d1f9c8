/**
 * The postmortem reader and writer behind {@code format.PostmortemMarkdown}, on the shared Markdown document layer
 * ({@code format.internal.markdown}). Not API.
 *
 * <ul>
 *   <li>{@link io.github.incident4j.format.internal.postmortem.PostmortemReader}: sections by meaning, the header
 *       (front matter, field lines), timelines as tables, lists or lines, action items as tables or (task) lists;
 *       it leaves a {@link io.github.incident4j.format.internal.postmortem.SourceMap} on the postmortem: where each
 *       part of the model is written;</li>
 *   <li>{@link io.github.incident4j.format.internal.postmortem.PostmortemWriter}: writes a postmortem back into its
 *       source, rewriting only the parts that changed, or in the template's layout when it has no source;</li>
 *   <li>{@link io.github.incident4j.format.internal.postmortem.TimeText}: times, dates and zones as teams write
 *       them; {@link io.github.incident4j.format.internal.postmortem.Columns}: table columns by meaning.</li>
 * </ul>
 */
@NullMarked
package io.github.incident4j.format.internal.postmortem;

import org.jspecify.annotations.NullMarked;
