/**
 * Reliability evidence for incident4j: fault injection into the engine's SPIs (pager, store), restarts,
 * concurrent managers, load, a long soak in virtual time, and mutation fuzzing of every reader. The figures
 * these tests produce are summarised in {@code core/docs/RELIABILITY.md}; heavier runs are switched on with
 * system properties ({@code -Dreliability.scale=full}, {@code -Djqwik.tries.default=10000}).
 */
@NullMarked
package io.github.incident4j.reliability;

import org.jspecify.annotations.NullMarked;
