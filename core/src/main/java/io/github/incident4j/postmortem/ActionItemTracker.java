package io.github.incident4j.postmortem;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Follows the action items of many postmortems: which are open, which are overdue as of a date, by owner
 * and by priority, and which incidents they came from.
 *
 * <pre>{@code
 * ActionItemTracker tracker = ActionItemTracker.of(List.of(march, marchRevised, april));
 * tracker.overdue(LocalDate.of(2025, 5, 1));          // open items whose due date has passed
 * tracker.openByOwner().get("@alice");
 * }</pre>
 *
 * <p><b>Revisions.</b> Postmortems with the same {@link Postmortem#identity()} are revisions of one document:
 * the same explicit {@code **ID**}, or, without one, the same title (ignoring case) and date. They are
 * taken in the order given, later ones being later revisions. An item is the same item across revisions
 * when its action text is the same (ignoring case, spacing and a final full stop); the latest revision that
 * lists it decides its status, owner and due date, so an item closed (done or won't do) in a later revision
 * counts as closed. An item a later revision no longer lists is kept as last seen, never silently dropped.
 * The incident an item came from is described by the latest revision's id, title and date.
 */
public final class ActionItemTracker {

    /** The key {@link #openByOwner()} uses for open items without an owner. */
    public static final String UNASSIGNED = "(unassigned)";

    /**
     * The postmortem an item came from.
     *
     * @param identity the postmortem's {@link Postmortem#identity()}
     * @param id its explicit id, if any
     * @param title its title, if any
     * @param date its date, if any
     * @param revisions how many revisions of it were given
     */
    public record Source(String identity, @Nullable String id, @Nullable String title, @Nullable LocalDate date,
            int revisions) {
    }

    /**
     * An action item as of the latest revision that lists it.
     *
     * @param item the item
     * @param source where it came from
     */
    public record TrackedItem(ActionItem item, Source source) {

        /** Whether the item still needs work (open or in progress). */
        public boolean isOpen() {
            return !item.status().isClosed();
        }

        /** Whether the item is open and its due date is before {@code asOf}. */
        public boolean isOverdue(LocalDate asOf) {
            return isOpen() && item.due() != null && item.due().isBefore(asOf);
        }
    }

    private static final Comparator<TrackedItem> URGENCY = Comparator
            .comparing((TrackedItem t) -> t.item().priority(), Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(t -> t.item().due(), Comparator.nullsLast(Comparator.naturalOrder()));

    private final List<TrackedItem> items;
    private final List<Source> sources;

    private ActionItemTracker(List<TrackedItem> items, List<Source> sources) {
        this.items = List.copyOf(items);
        this.sources = List.copyOf(sources);
    }

    /** Tracks the items of these postmortems, revisions in the order given (later is newer). */
    public static ActionItemTracker of(Collection<Postmortem> postmortems) {
        Map<String, Map<String, ActionItem>> byDocument = new LinkedHashMap<>();
        Map<String, Postmortem> latest = new LinkedHashMap<>();
        Map<String, Integer> revisions = new LinkedHashMap<>();
        for (Postmortem p : postmortems) {
            String identity = p.identity();
            latest.put(identity, p);
            revisions.merge(identity, 1, Integer::sum);
            Map<String, ActionItem> known = byDocument.computeIfAbsent(identity, k -> new LinkedHashMap<>());
            for (ActionItem item : p.actionItems()) {
                known.put(key(item), item);
            }
        }
        List<TrackedItem> items = new ArrayList<>();
        List<Source> sources = new ArrayList<>();
        for (Map.Entry<String, Map<String, ActionItem>> doc : byDocument.entrySet()) {
            Postmortem p = latest.get(doc.getKey());
            Source source = new Source(doc.getKey(), p.id(), p.title(), p.date(), revisions.get(doc.getKey()));
            sources.add(source);
            for (ActionItem item : doc.getValue().values()) {
                items.add(new TrackedItem(item, source));
            }
        }
        return new ActionItemTracker(items, sources);
    }

    private static String key(ActionItem item) {
        String k = item.action().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
        return k.endsWith(".") ? k.substring(0, k.length() - 1) : k;
    }

    /** Every item, as of its latest revision, in document order. */
    public List<TrackedItem> all() {
        return items;
    }

    /** The postmortems tracked (one per identity), in the order first given. */
    public List<Source> incidents() {
        return sources;
    }

    /** Open items (in progress counts as open), most urgent first (priority, then due date; unset ones last). */
    public List<TrackedItem> open() {
        return select(TrackedItem::isOpen);
    }

    /** Open items due before {@code asOf}, most urgent first. */
    public List<TrackedItem> overdue(LocalDate asOf) {
        return select(t -> t.isOverdue(asOf));
    }

    /** Open items by owner (sorted by name; items without owner under {@link #UNASSIGNED}, last). */
    public Map<String, List<TrackedItem>> openByOwner() {
        Map<String, List<TrackedItem>> sorted = new TreeMap<>();
        List<TrackedItem> unassigned = new ArrayList<>();
        for (TrackedItem t : open()) {
            String owner = t.item().owner();
            if (owner == null) {
                unassigned.add(t);
            } else {
                sorted.computeIfAbsent(owner, k -> new ArrayList<>()).add(t);
            }
        }
        Map<String, List<TrackedItem>> out = new LinkedHashMap<>();
        sorted.forEach((k, v) -> out.put(k, List.copyOf(v)));
        if (!unassigned.isEmpty()) {
            out.put(UNASSIGNED, List.copyOf(unassigned));
        }
        return out;
    }

    /**
     * Open items by priority, P0 first; priorities without open items are left out, and so are items whose document
     * gives no priority (they are in {@link #open()}, last).
     */
    public Map<Priority, List<TrackedItem>> openByPriority() {
        Map<Priority, List<TrackedItem>> out = new EnumMap<>(Priority.class);
        for (TrackedItem t : open()) {
            if (t.item().priority() != null) {
                out.computeIfAbsent(t.item().priority(), k -> new ArrayList<>()).add(t);
            }
        }
        out.replaceAll((k, v) -> List.copyOf(v));
        return out;
    }

    /** The postmortems that still have open items, in the order first given. */
    public List<Source> incidentsWithOpenItems() {
        return sources.stream().filter(s -> items.stream().anyMatch(t -> t.source().equals(s) && t.isOpen())).toList();
    }

    private List<TrackedItem> select(Predicate<TrackedItem> filter) {
        return items.stream().filter(filter).sorted(URGENCY).toList();
    }
}
