/**
 * Readers and writers for the documents teams keep: Markdown runbooks and postmortems, on-call YAML,
 * Litmus ChaosEngine YAML and the escalation matrix. Every reader reports bad input as a
 * {@link io.github.incident4j.format.FormatException} with a 1-based line and column.
 */
@NullMarked
package io.github.incident4j.format;

import org.jspecify.annotations.NullMarked;
