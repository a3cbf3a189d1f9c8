/**
 * Postmortems: the model and its DSL, drafting from an incident, lint, and action-item tracking.
 *
 * <p>{@link io.github.incident4j.postmortem.Postmortem} is the document as in the team's template (header
 * fields, narrative sections, a UTC timeline, action items, and any unknown section or field kept in
 * place); build one with {@code Postmortem.titled(..)} and change it with {@code toBuilder()}. Absent
 * values stand for the template's placeholders. Severity is the scale incidents use too,
 * {@link io.github.incident4j.common.Severity} ({@code SEV-1}..{@code SEV-5}), so the model
 * does not depend on the incident engine. Narrative sections a person still has to write carry the
 * {@link io.github.incident4j.postmortem.Postmortem#TO_BE_WRITTEN} marker.
 *
 * <p>{@link io.github.incident4j.postmortem.PostmortemDrafter} turns a resolved incident into a draft: title,
 * window (from the preceding change, when one is known, to the resolution), severity, responders as authors,
 * the timeline in plain language and the {@link io.github.incident4j.postmortem.KeyTimes key times}, with the
 * narrative sections marked to be written.
 *
 * <p>{@link io.github.incident4j.postmortem.PostmortemLint} checks a postmortem against the team's practices
 * (timeline order, duration, owners and due dates, placeholders in a final postmortem, blameless wording);
 * {@link io.github.incident4j.postmortem.ActionItemTracker} follows action items across many postmortems and
 * their revisions. Reading and writing Markdown is {@code io.github.incident4j.format.PostmortemMarkdown}.
 */
@NullMarked
package io.github.incident4j.postmortem;

import org.jspecify.annotations.NullMarked;
