package io.github.incident4j.oncall;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How the on-call load of a {@link Schedule} falls on its people over a range: the data teams use to
 * compensate on-call time and keep it fair.
 *
 * <p>For each participant (everyone in a layer, plus anyone an override puts on call): hours on call,
 * the part of them outside working hours (working hours are Monday to Friday 09:00-18:00 in the
 * participant's own zone, else the schedule's), the part on a Saturday or Sunday, and the number of
 * shifts. The balance score is the mean, over every pair of participants, of min/max of their hours on
 * call, as a percentage: 100 when everyone carries the same load (or with fewer than two people), near 0
 * when one person carries it all. Participants above the average load are listed with their excess.
 *
 * <pre>{@code
 * LoadReport report = schedule.loadReport(from, from.plus(Duration.ofDays(28)));
 * report.balanceScore();     // e.g. 96.4
 * report.aboveAverage();     // [Excess[name=Alice, hours=240.0, excessPercent=7.1]]
 * }</pre>
 *
 * @param from start of the range
 * @param to end of the range (exclusive)
 * @param participants the load of each participant, in order of first appearance in the layers
 * @param balanceScore mean pairwise min/max of hours on call, 0-100
 * @param aboveAverage participants carrying more than the average, most loaded first
 */
public record LoadReport(Instant from, Instant to, List<ParticipantLoad> participants, double balanceScore,
                         List<Excess> aboveAverage) {

    private static final LocalTime WORK_START = LocalTime.of(9, 0);
    private static final LocalTime WORK_END = LocalTime.of(18, 0);

    /** Copies the lists. */
    public LoadReport {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        participants = List.copyOf(participants);
        aboveAverage = List.copyOf(aboveAverage);
    }

    /**
     * One participant's load.
     *
     * @param name the participant
     * @param onCall total time on call
     * @param outsideWorkingHours the part of it outside weekday 09:00-18:00 local
     * @param weekend the part of it on Saturdays and Sundays local
     * @param shifts number of shifts
     */
    public record ParticipantLoad(String name, Duration onCall, Duration outsideWorkingHours, Duration weekend,
                                  int shifts) {
        /** Validates the name. */
        public ParticipantLoad {
            Objects.requireNonNull(name, "name");
        }

        /** Hours on call. */
        public double hoursOnCall() {
            return hours(onCall);
        }

        /** Hours on call outside working hours. */
        public double hoursOutsideWorkingHours() {
            return hours(outsideWorkingHours);
        }

        /** Hours on call at the weekend. */
        public double weekendHours() {
            return hours(weekend);
        }
    }

    /**
     * A participant above the average load.
     *
     * @param name the participant
     * @param hours their hours on call
     * @param excessPercent how far above the average, in percent of the average
     */
    public record Excess(String name, double hours, double excessPercent) {
    }

    /** Computes the report of {@code schedule} over {@code [from, to)}. */
    public static LoadReport of(Schedule schedule, Instant from, Instant to) {
        Map<String, Accumulator> byName = new LinkedHashMap<>();
        for (Layer layer : schedule.layers()) {
            for (Participant p : layer.participants()) {
                byName.computeIfAbsent(p.name(), n -> new Accumulator());
            }
        }
        for (Shift shift : schedule.shifts(from, to)) {
            ZoneId zone = schedule.participant(shift.participant()).flatMap(Participant::zone).orElse(schedule.zone());
            byName.computeIfAbsent(shift.participant(), n -> new Accumulator()).add(shift, zone);
        }
        List<ParticipantLoad> loads = new ArrayList<>();
        byName.forEach((name, acc) -> loads.add(new ParticipantLoad(name, acc.onCall,
                acc.outside, acc.weekend, acc.shifts)));
        return new LoadReport(from, to, loads, balance(loads), excess(loads));
    }

    private static double balance(List<ParticipantLoad> loads) {
        int pairs = 0;
        double sum = 0;
        for (int i = 0; i < loads.size(); i++) {
            for (int j = i + 1; j < loads.size(); j++) {
                double a = loads.get(i).hoursOnCall();
                double b = loads.get(j).hoursOnCall();
                double max = Math.max(a, b);
                sum += max == 0 ? 1 : Math.min(a, b) / max;
                pairs++;
            }
        }
        return pairs == 0 ? 100 : 100 * sum / pairs;
    }

    private static List<Excess> excess(List<ParticipantLoad> loads) {
        double average = loads.stream().mapToDouble(ParticipantLoad::hoursOnCall).average().orElse(0);
        List<Excess> above = new ArrayList<>();
        for (ParticipantLoad load : loads) {
            if (average > 0 && load.hoursOnCall() > average + 1e-9) {
                above.add(new Excess(load.name(), load.hoursOnCall(), 100 * (load.hoursOnCall() - average) / average));
            }
        }
        above.sort((x, y) -> Double.compare(y.hours(), x.hours()));
        return above;
    }

    private static double hours(Duration d) {
        return d.getSeconds() / 3600.0 + d.getNano() / 3.6e12;
    }

    /** Sums one participant's shifts, splitting each at local midnight, 09:00 and 18:00. */
    private static final class Accumulator {
        private Duration onCall = Duration.ZERO;
        private Duration outside = Duration.ZERO;
        private Duration weekend = Duration.ZERO;
        private int shifts;

        void add(Shift shift, ZoneId zone) {
            shifts++;
            onCall = onCall.plus(shift.duration());
            Instant cursor = shift.start();
            while (cursor.isBefore(shift.end())) {
                ZonedDateTime local = cursor.atZone(zone);
                LocalDate day = local.toLocalDate();
                Instant next = earliestAfter(cursor, shift.end(), day.atTime(WORK_START).atZone(zone).toInstant(),
                        day.atTime(WORK_END).atZone(zone).toInstant(), day.plusDays(1).atStartOfDay(zone).toInstant());
                Duration piece = Duration.between(cursor, next);
                boolean isWeekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
                LocalTime time = local.toLocalTime();
                boolean working = !isWeekend && !time.isBefore(WORK_START) && time.isBefore(WORK_END);
                if (isWeekend) {
                    weekend = weekend.plus(piece);
                }
                if (!working) {
                    outside = outside.plus(piece);
                }
                cursor = next;
            }
        }

        private static Instant earliestAfter(Instant cursor, Instant limit, Instant... candidates) {
            Instant best = limit;
            for (Instant c : candidates) {
                if (c.isAfter(cursor) && c.isBefore(best)) {
                    best = c;
                }
            }
            return best;
        }
    }
}
