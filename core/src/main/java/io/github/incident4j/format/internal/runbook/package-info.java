/**
 * The runbook reader and writers behind {@code format.RunbookMarkdown}, on the shared Markdown document layer
 * ({@code format.internal.markdown}); not API.
 *
 * <ul>
 *   <li>{@link io.github.incident4j.format.internal.runbook.RunbookReader} maps a document's sections (matched by
 *       meaning, {@link io.github.incident4j.format.internal.runbook.Parts}) to the runbook model and records where
 *       each part came from in a {@link io.github.incident4j.format.internal.runbook.RunbookSource};</li>
 *   <li>{@link io.github.incident4j.format.internal.runbook.RunbookSplicer} writes a runbook read from a document
 *       back by rewriting only the parts the model changed;</li>
 *   <li>{@link io.github.incident4j.format.internal.runbook.RunbookTemplate} writes a runbook built with the DSL in
 *       the template layout.</li>
 * </ul>
 */
@NullMarked
package io.github.incident4j.format.internal.runbook;

import org.jspecify.annotations.NullMarked;
