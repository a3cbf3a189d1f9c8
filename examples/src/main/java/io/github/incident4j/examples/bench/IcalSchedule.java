package io.github.incident4j.examples.bench;

import io.github.incident4j.oncall.Shift;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.RRule;

/**
 * The baseline of benchmarks 1 and 2: the schedule of {@link OnCallFixture} as iCalendar events with RRULEs,
 * resolved the way calendar-based on-call tools do it, with ical4j.
 *
 * <p>Each participant of a layer is one VEVENT: their first turn (or first duty window within it) as DTSTART
 * in the layer's zone, the turn or window as its duration (a nominal {@code P7D} for a whole weekly turn, so
 * it keeps its wall-clock handoff across DST), and an RRULE repeating it every {@code n} turns
 * ({@code FREQ=WEEKLY;INTERVAL=3;BYDAY=MO,TU,WE,TH,FR} for a regional working-hours layer). DTSTART lies
 * before the earliest instant looked up, since a recurrence cannot reach back before its start. Overrides are
 * single events, kept as an array of (person, from, until) in declaration order.
 *
 * <p>{@link #onCallAt(Instant)} expands every layer's events around the instant with
 * {@code Component.calculateRecurrenceSet(Period)}, keeps the occurrence containing it (half-open: ical4j's
 * period test includes both ends), lets the highest layer with someone on duty win, and then the latest
 * override covering the instant. {@link #shifts(Instant, Instant)} expands every event over the range and
 * sweeps the occurrence and override boundaries in order, with the same priorities, merging adjacent stretches
 * of one person from one source, exactly as {@code Schedule.shifts} does.
 */
final class IcalSchedule {

    private final List<VEvent>[] events;
    private final String[][] people;
    private final String[] layerNames;
    private final String[] overrideWho;
    private final Instant[] overrideFrom;
    private final Instant[] overrideUntil;
    private final java.time.ZoneId[] zones;

    @SuppressWarnings("unchecked")
    IcalSchedule(List<OnCallFixture.LayerSpec> layers, List<OnCallFixture.OverrideSpec> overrides, Instant before) {
        events = new List[layers.size()];
        people = new String[layers.size()][];
        layerNames = new String[layers.size()];
        zones = new java.time.ZoneId[layers.size()];
        for (int l = 0; l < layers.size(); l++) {
            OnCallFixture.LayerSpec spec = layers.get(l);
            int n = spec.people().size();
            layerNames[l] = spec.name();
            zones[l] = spec.zone();
            people[l] = spec.people().toArray(new String[0]);
            long cycleDays = (long) n * spec.turnDays();
            LocalDateTime anchor = spec.rotationStart();
            while (!anchor.atZone(spec.zone()).toInstant().isBefore(before)) {
                anchor = anchor.minusDays(cycleDays);
            }
            List<VEvent> list = new ArrayList<>(n);
            for (int k = 0; k < n; k++) {
                LocalDateTime turn = anchor.plusDays((long) k * spec.turnDays());
                ZonedDateTime start;
                TemporalAmount length;
                String rule;
                String frequency = spec.turnDays() == 7 ? "WEEKLY" : "DAILY";
                if (spec.windowStart() == null) {
                    start = turn.atZone(spec.zone());
                    length = java.time.Period.ofDays(spec.turnDays());
                    rule = "FREQ=" + frequency + ";INTERVAL=" + n;
                } else {
                    start = turn.toLocalDate().atTime(spec.windowStart()).atZone(spec.zone());
                    length = spec.windowLength();
                    rule = "FREQ=" + frequency + ";INTERVAL=" + n + (spec.days().size() == 7 ? "" : ";BYDAY="
                            + spec.days().stream().sorted().map(d -> d.name().substring(0, 2))
                                    .collect(Collectors.joining(",")));
                }
                VEvent event = new VEvent(start, length, spec.people().get(k));
                event.add(new RRule<>(rule));
                list.add(event);
            }
            events[l] = list;
        }
        overrideWho = new String[overrides.size()];
        overrideFrom = new Instant[overrides.size()];
        overrideUntil = new Instant[overrides.size()];
        for (int i = 0; i < overrides.size(); i++) {
            overrideWho[i] = overrides.get(i).who();
            overrideFrom[i] = overrides.get(i).from();
            overrideUntil[i] = overrides.get(i).until();
        }
    }

    /** Who is on call at {@code t}: expand around it, highest layer first, then overrides. */
    Optional<String> onCallAt(Instant t) {
        for (int i = overrideWho.length - 1; i >= 0; i--) {
            if (!t.isBefore(overrideFrom[i]) && t.isBefore(overrideUntil[i])) {
                return Optional.of(overrideWho[i]);
            }
        }
        for (int l = events.length - 1; l >= 0; l--) {
            ZonedDateTime at = t.atZone(zones[l]);
            Period<ZonedDateTime> around = new Period<>(at, at.plusSeconds(1));
            for (int k = 0; k < events[l].size(); k++) {
                Set<Period<ZonedDateTime>> occurrences = events[l].get(k).calculateRecurrenceSet(around);
                for (Period<ZonedDateTime> p : occurrences) {
                    if (!t.isBefore(p.getStart().toInstant()) && t.isBefore(p.getEnd().toInstant())) {
                        return Optional.of(people[l][k]);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** One expanded occurrence: a person of a layer on duty over [start, end). */
    private record Occurrence(int layer, String who, Instant start, Instant end) {
    }

    /** The final schedule over [from, to): expand every event over the range, then sweep the boundaries. */
    List<Shift> shifts(Instant from, Instant to) {
        List<Occurrence> occurrences = new ArrayList<>();
        TreeSet<Instant> bounds = new TreeSet<>();
        bounds.add(from);
        bounds.add(to);
        for (int l = 0; l < events.length; l++) {
            Period<ZonedDateTime> range = new Period<>(from.atZone(zones[l]), to.atZone(zones[l]));
            for (int k = 0; k < events[l].size(); k++) {
                for (Period<ZonedDateTime> p : events[l].get(k).<ZonedDateTime>calculateRecurrenceSet(range)) {
                    Instant s = p.getStart().toInstant();
                    Instant e = p.getEnd().toInstant();
                    if (e.isAfter(from) && s.isBefore(to)) {
                        occurrences.add(new Occurrence(l, people[l][k], s, e));
                        bounds.add(s);
                        bounds.add(e);
                    }
                }
            }
        }
        List<Integer> overrides = new ArrayList<>();
        for (int i = 0; i < overrideWho.length; i++) {
            if (overrideUntil[i].isAfter(from) && overrideFrom[i].isBefore(to)
                    && overrideUntil[i].isAfter(overrideFrom[i])) {
                overrides.add(i);
                bounds.add(overrideFrom[i]);
                bounds.add(overrideUntil[i]);
            }
        }
        occurrences.sort(Comparator.comparing(Occurrence::start));
        overrides.sort(Comparator.comparing(i -> overrideFrom[i]));

        // Sweep: at each boundary, the active occurrence of each layer and the active overrides.
        Occurrence[] active = new Occurrence[events.length];
        TreeSet<Integer> activeOverrides = new TreeSet<>();
        int nextOccurrence = 0;
        int nextOverride = 0;
        List<Shift> result = new ArrayList<>();
        Instant[] points = bounds.subSet(from, true, to, true).toArray(new Instant[0]);
        for (int b = 0; b + 1 < points.length; b++) {
            Instant at = points[b];
            while (nextOccurrence < occurrences.size() && !occurrences.get(nextOccurrence).start().isAfter(at)) {
                Occurrence o = occurrences.get(nextOccurrence++);
                if (o.end().isAfter(at)) {
                    active[o.layer()] = o;
                }
            }
            while (nextOverride < overrides.size() && !overrideFrom[overrides.get(nextOverride)].isAfter(at)) {
                activeOverrides.add(overrides.get(nextOverride++));
            }
            activeOverrides.removeIf(i -> !overrideUntil[i].isAfter(at));
            String who = null;
            Shift.Source source = null;
            if (!activeOverrides.isEmpty()) {
                int i = activeOverrides.last();
                who = overrideWho[i];
                source = new Shift.FromOverride(i);
            } else {
                for (int l = events.length - 1; l >= 0; l--) {
                    Occurrence o = active[l];
                    if (o != null && !o.start().isAfter(at) && o.end().isAfter(at)) {
                        who = o.who();
                        source = new Shift.FromLayer(l, layerNames[l]);
                        break;
                    }
                }
            }
            if (who == null) {
                continue;
            }
            Instant end = points[b + 1];
            Shift last = result.isEmpty() ? null : result.get(result.size() - 1);
            if (last != null && last.end().equals(at) && last.participant().equals(who)
                    && last.source().equals(source)) {
                result.set(result.size() - 1, new Shift(who, last.start(), end, source));
            } else {
                result.add(new Shift(who, at, end, source));
            }
        }
        return result;
    }
}
