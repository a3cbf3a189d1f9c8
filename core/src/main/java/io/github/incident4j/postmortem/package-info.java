/**
 * Postmortems: model and DSL, drafting from an incident, lint and action-item tracking.
 */
@NullMarked
package io.github.incident4j.postmortem;

import org.jspecify.annotations.NullMarked;
