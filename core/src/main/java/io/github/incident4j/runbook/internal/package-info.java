/**
 * Runbook machinery that is not API: the Markdown facts shared by the model's validation and the
 * Markdown reader and writer in {@code format}.
 */
@NullMarked
package io.github.incident4j.runbook.internal;

import org.jspecify.annotations.NullMarked;
