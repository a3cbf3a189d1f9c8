package io.github.incident4j.spi;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * An immutable timeline over an array nobody else holds, so {@link IncidentRecord.Changes} builds a record's
 * timeline with a single copy (an {@code ArrayList} passed through {@code List.copyOf} is copied twice more).
 * It is an ordinary unmodifiable {@link List}: {@code equals} and {@code hashCode} follow the list contract.
 */
final class Timeline extends AbstractList<IncidentRecord.Event> implements RandomAccess {

    private final IncidentRecord.Event[] events;

    /** Takes ownership of {@code events}: the caller must not keep or change the array. */
    private Timeline(IncidentRecord.Event[] events) {
        this.events = events;
    }

    /**
     * {@code base} (a record's timeline: no nulls) followed by the first {@code count} of {@code added}
     * (checked by the builder), in one copy.
     */
    static List<IncidentRecord.Event> concat(List<IncidentRecord.Event> base, IncidentRecord.Event[] added,
            int count) {
        int n = base.size();
        IncidentRecord.Event[] all = new IncidentRecord.Event[n + count];
        if (base instanceof Timeline t) {
            System.arraycopy(t.events, 0, all, 0, n);
        } else {
            for (int i = 0; i < n; i++) {
                all[i] = base.get(i);
            }
        }
        System.arraycopy(added, 0, all, n, count);
        return new Timeline(all);
    }

    /** A record's timeline as given: kept if it is already immutable, else copied (nulls refused). */
    static List<IncidentRecord.Event> of(List<IncidentRecord.Event> timeline) {
        return timeline instanceof Timeline ? timeline : List.copyOf(timeline);
    }

    @Override
    public IncidentRecord.Event get(int index) {
        return events[index];
    }

    @Override
    public int size() {
        return events.length;
    }

    @Override
    public Object[] toArray() {
        return Arrays.copyOf(events, events.length, Object[].class);
    }
}
