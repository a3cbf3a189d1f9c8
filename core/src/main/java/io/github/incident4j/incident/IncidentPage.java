package io.github.incident4j.incident;

import java.util.List;
import java.util.Optional;

/**
 * One page of {@link IncidentManager#incidents(IncidentQuery)}.
 *
 * @param items the incidents, oldest first
 * @param next the cursor for the next page ({@link IncidentQuery#after(IncidentId)}), empty on the last page
 */
public record IncidentPage(List<Incident> items, Optional<IncidentId> next) {

    /** Copies the list. */
    public IncidentPage {
        items = List.copyOf(items);
    }
}
