package io.github.incident4j.incident;

import io.github.incident4j.spi.IncidentRecord;
import java.util.ArrayList;
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

    /** The page of the first {@code limit} records found; one record more than that means a next page. */
    static IncidentPage of(List<IncidentRecord> found, int limit) {
        List<Incident> items = new ArrayList<>(Math.min(found.size(), limit));
        for (int i = 0; i < found.size() && i < limit; i++) {
            items.add(Incident.of(found.get(i)));
        }
        return new IncidentPage(items, found.size() > limit ? Optional.of(items.get(items.size() - 1).id())
                : Optional.empty());
    }
}
