/**
 * Postmortems: the model and its DSL, drafting from an incident, lint, and action-item tracking.
 *
 * <p>{@link io.github.incident4j.postmortem.Postmortem} is a postmortem as teams write it: header fields (with
 * any unknown one kept), the sections by meaning ({@link io.github.incident4j.postmortem.Section}: the seed
 * template's, the SRE book's Impact, Trigger, Detection, Resolution and Where We Got Lucky), a timeline of
 * {@link io.github.incident4j.postmortem.TimelineEntry entries} (their time as written, the date and zone they
 * give, placed in time by {@code resolvedTimeline()} in the postmortem's zone), {@link
 * io.github.incident4j.postmortem.ActionItem action items} (priority, owner, due date, status, ticket, other
 * columns), and any unknown section kept in place. Build one with {@code Postmortem.titled(..)} and change it
 * with {@code toBuilder()}; one read from a document carries its {@link io.github.incident4j.postmortem.PostmortemSource}
 * so that writing it back rewrites only what changed. Absent values stand for the template's placeholders.
 * Severity is the scale incidents use too,
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
