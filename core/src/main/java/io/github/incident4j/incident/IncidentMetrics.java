package io.github.incident4j.incident;

import io.github.incident4j.common.Problems;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * Response metrics over incidents: time to acknowledge and to resolve, MTTA and MTTR, and the weekly paging
 * load per participant with off-hours pages and an overload flag (default: more than 2 incidents per 12 hours
 * on call, the Google SRE book's figure).
 *
 * <pre>{@code
 * Optional<Duration> mtta = IncidentMetrics.mtta(manager.incidents());
 * List<ParticipantWeek> load = IncidentMetrics.pageLoad(manager.incidents())
 *         .zone(ZoneId.of("Europe/Berlin"))
 *         .onCall((person, week) -> Duration.ofHours(56))
 *         .report();
 * }</pre>
 */
public final class IncidentMetrics {

    private IncidentMetrics() {
    }

    /** From trigger to first acknowledgement, if acknowledged. */
    public static Optional<Duration> timeToAcknowledge(Incident incident) {
        return incident.acknowledgedAt().map(at -> Duration.between(incident.triggeredAt(), at));
    }

    /** From trigger to resolution, if resolved. */
    public static Optional<Duration> timeToResolve(Incident incident) {
        return incident.resolvedAt().map(at -> Duration.between(incident.triggeredAt(), at));
    }

    /** Mean time to acknowledge over the acknowledged incidents (others are left out); empty if none. */
    public static Optional<Duration> mtta(Collection<Incident> incidents) {
        return mean(incidents.stream().map(IncidentMetrics::timeToAcknowledge).flatMap(Optional::stream).toList());
    }

    /** Mean time to resolve over the resolved incidents; empty if none. */
    public static Optional<Duration> mttr(Collection<Incident> incidents) {
        return mean(incidents.stream().map(IncidentMetrics::timeToResolve).flatMap(Optional::stream).toList());
    }

    private static Optional<Duration> mean(List<Duration> durations) {
        if (durations.isEmpty()) {
            return Optional.empty();
        }
        Duration total = Duration.ZERO;
        for (Duration d : durations) {
            total = total.plus(d);
        }
        return Optional.of(total.dividedBy(durations.size()));
    }

    /** Starts a weekly page-load report over these incidents. */
    public static PageLoad pageLoad(Collection<Incident> incidents) {
        return new PageLoad(List.copyOf(incidents));
    }

    /** Settings of a page-load report; {@link #report()} computes it. */
    public static final class PageLoad {
        private final List<Incident> incidents;
        private ZoneId zone = ZoneOffset.UTC;
        private LocalTime workStart = LocalTime.of(9, 0);
        private LocalTime workEnd = LocalTime.of(17, 0);
        private int limitIncidents = 2;
        private Duration limitPer = Duration.ofHours(12);
        private BiFunction<String, String, Duration> onCall = (person, week) -> Duration.ofDays(7);

        private PageLoad(List<Incident> incidents) {
            this.incidents = incidents;
        }

        /** The zone that decides business hours and weeks; default UTC. */
        public PageLoad zone(ZoneId value) {
            this.zone = Objects.requireNonNull(value, "zone");
            return this;
        }

        /** Business hours, Monday to Friday; default 09:00–17:00. Pages outside them are off-hours. */
        public PageLoad businessHours(LocalTime start, LocalTime end) {
            this.workStart = Objects.requireNonNull(start, "start");
            this.workEnd = Objects.requireNonNull(end, "end");
            return this;
        }

        /** The overload limit: more than {@code incidents} per {@code per} on call; default 2 per 12h. */
        public PageLoad limit(int incidentCount, Duration per) {
            this.limitIncidents = incidentCount;
            this.limitPer = Objects.requireNonNull(per, "per");
            return this;
        }

        /** Time on call per participant and ISO week ({@code 2026-W10}); default the whole week. */
        public PageLoad onCall(BiFunction<String, String, Duration> hours) {
            this.onCall = Objects.requireNonNull(hours, "hours");
            return this;
        }

        /**
         * One row per participant and ISO week in which they were paged, ordered by week then participant.
         *
         * @throws io.github.incident4j.ValidationException for a negative limit or a non-positive period
         */
        public List<ParticipantWeek> report() {
            Problems p = new Problems();
            p.check(limitIncidents >= 0, "limit.incidents", limitIncidents, "must be 0 or more");
            p.check(!limitPer.isZero() && !limitPer.isNegative(), "limit.per", limitPer, "must be greater than zero");
            p.throwIfAny("page load report");
            Map<String, Map<String, Tally>> byWeek = new TreeMap<>();
            for (Incident incident : incidents) {
                Set<String> steps = new HashSet<>();
                for (TimelineEvent e : incident.timeline()) {
                    if (e.type() != TimelineEvent.Type.PAGE_DELIVERED || e.recipient() == null
                            || !steps.add(e.pass() + "/" + e.level() + "/" + e.recipient())) {
                        continue;
                    }
                    ZonedDateTime local = e.at().atZone(zone);
                    String week = String.format(java.util.Locale.ROOT, "%d-W%02d",
                            local.get(IsoFields.WEEK_BASED_YEAR), local.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
                    Tally t = byWeek.computeIfAbsent(week, w -> new TreeMap<>())
                            .computeIfAbsent(e.recipient(), r -> new Tally());
                    t.pages++;
                    if (offHours(local)) {
                        t.offHours++;
                    }
                    t.incidents.add(incident.id().value());
                }
            }
            List<ParticipantWeek> rows = new ArrayList<>();
            byWeek.forEach((week, people) -> people.forEach((person, t) -> {
                Duration hours = onCall.apply(person, week);
                double limit = limitIncidents * (double) hours.toSeconds() / limitPer.toSeconds();
                rows.add(new ParticipantWeek(person, week, t.pages, t.offHours, t.incidents.size(), hours, limit,
                        t.incidents.size() > limit));
            }));
            return rows;
        }

        private boolean offHours(ZonedDateTime local) {
            DayOfWeek day = local.getDayOfWeek();
            LocalTime time = local.toLocalTime();
            return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY || time.isBefore(workStart)
                    || !time.isBefore(workEnd);
        }
    }

    private static final class Tally {
        private int pages;
        private int offHours;
        private final Set<String> incidents = new HashSet<>();
    }
}
