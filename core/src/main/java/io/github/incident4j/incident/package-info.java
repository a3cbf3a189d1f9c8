/**
 * Incidents and the escalation engine. {@link io.github.incident4j.incident.IncidentManager} opens an
 * {@link io.github.incident4j.incident.Incident} from an {@link io.github.incident4j.incident.Alert} (or counts
 * the alert on the open incident with the same dedup key), pages the levels of an escalation policy through the
 * host's {@link io.github.incident4j.incident.Roster}, and takes acknowledgements, resolutions, escalations,
 * reassignments and notes. Every step lands on the incident's timeline of
 * {@link io.github.incident4j.incident.TimelineEvent}s; {@link io.github.incident4j.incident.IncidentMetrics}
 * turns incidents into MTTA, MTTR and weekly paging load.
 *
 * <p>The engine keeps no state of its own: it lives in the {@code spi.IncidentStore}, so engines can restart
 * and share a store.
 */
@NullMarked
package io.github.incident4j.incident;

import org.jspecify.annotations.NullMarked;
