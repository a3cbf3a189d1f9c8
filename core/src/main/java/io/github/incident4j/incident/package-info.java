/**
 * Incidents and the escalation engine ({@code IncidentManager}): triggering, deduplication,
 * paging, acknowledgement, escalation, resolution and the incident timeline.
 */
@NullMarked
package io.github.incident4j.incident;

import org.jspecify.annotations.NullMarked;
