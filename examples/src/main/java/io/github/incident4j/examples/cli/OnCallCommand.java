package io.github.incident4j.examples.cli;

import io.github.incident4j.format.ICalendar;
import io.github.incident4j.format.OnCallYaml;
import io.github.incident4j.oncall.Gap;
import io.github.incident4j.oncall.LoadReport;
import io.github.incident4j.oncall.OnCallConfig;
import io.github.incident4j.oncall.Schedule;
import io.github.incident4j.oncall.Shift;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code incident4j oncall who|shifts|report}: questions about an on-call rotation file. */
@Command(name = "oncall", mixinStandardHelpOptions = true, description = "Who is on call, shifts, load.",
        subcommands = {OnCallCommand.Who.class, OnCallCommand.Shifts.class, OnCallCommand.Report.class})
final class OnCallCommand extends CommandGroup {

    /** How far around an instant {@code who} looks for the start and end of the shift. */
    static final Duration REACH = Duration.ofDays(92);
    /** How far around a range {@code shifts} looks so that shifts cut by the range are shown whole. */
    static final Duration MARGIN = Duration.ofDays(35);


    /** The rotation options shared by the subcommands. */
    static class FileOption {
        @Option(names = {"-f", "--file"}, required = true, paramLabel = "<rotation.yaml>",
                description = "The on-call rotation (PagerDuty-style YAML).")
        Path file = Path.of("");

        OnCallConfig config() {
            return Incident4jCli.load(file, OnCallYaml::parse);
        }
    }

    /** The range options of {@code shifts} and {@code report}. */
    static class RangeOptions extends FileOption {
        @Option(names = "--from", required = true, paramLabel = "<date|instant>",
                description = "Start of the range: a date (its start in the schedule's zone) or an instant.")
        String from = "";

        @Option(names = "--to", required = true, paramLabel = "<date|instant>", description = "End of the range (exclusive).")
        String to = "";

        /** The rotation's schedule and the range, dates read in the schedule's zone. */
        Range range() {
            Schedule schedule = config().schedule();
            Instant start = Incident4jCli.parseInstant(from, schedule.zone());
            Instant end = Incident4jCli.parseInstant(to, schedule.zone());
            if (!end.isAfter(start)) {
                throw new Incident4jCli.CliFailure("--to " + to + " must be after --from " + from);
            }
            return new Range(schedule, start, end);
        }
    }

    /** A schedule and a range {@code [from, to)} of it. */
    record Range(Schedule schedule, Instant from, Instant to) {
    }

    /** {@code oncall who}. */
    @Command(name = "who", mixinStandardHelpOptions = true,
            description = "Who is on call at an instant, from which layer or override, since and until when.")
    static final class Who extends FileOption implements Runnable {
        @Spec
        @Nullable CommandSpec spec;

        @Option(names = "--at", paramLabel = "<instant>", description = "The instant; default: now.")
        @Nullable String at;

        @Override
        public void run() {
            CommandSpec s = Objects.requireNonNull(spec);
            Schedule schedule = config().schedule();
            Instant t = at == null ? Incident4jCli.root(s).now() : Incident4jCli.parseInstant(at, schedule.zone());
            PrintWriter out = s.commandLine().getOut();
            out.println(schedule.name() + " at " + t + " (" + Incident4jCli.when(t, schedule.zone()) + " "
                    + schedule.zone().getId() + "):");
            Optional<Shift> shift = schedule.shifts(t.minus(REACH), t.plus(REACH)).stream()
                    .filter(x -> x.contains(t)).findFirst();
            if (shift.isEmpty()) {
                Optional<Gap> gap = schedule.gaps(t.minus(REACH), t.plus(REACH)).stream()
                        .filter(g -> !g.start().isAfter(t) && g.end().isAfter(t)).findFirst();
                out.println("  nobody is on call" + gap.map(g -> " (gap " + Incident4jCli.when(g.start(), schedule.zone())
                        + " - " + Incident4jCli.when(g.end(), schedule.zone()) + ")").orElse(""));
            } else {
                Shift x = shift.get();
                out.println("  on call: " + x.participant());
                out.println("  from:    " + source(schedule, x.source()));
                out.println("  since:   " + edge(x.start(), t.minus(REACH), schedule));
                out.println("  until:   " + edge(x.end(), t.plus(REACH), schedule));
            }
            out.flush();
        }

        private static String edge(Instant edge, Instant searchLimit, Schedule schedule) {
            String text = Incident4jCli.when(edge, schedule.zone());
            return edge.equals(searchLimit) ? "beyond " + text : text;
        }
    }

    /** {@code oncall shifts}. */
    @Command(name = "shifts", mixinStandardHelpOptions = true,
            description = {"The final schedule over a range, as a table or as iCalendar (RFC 5545).",
                    "Shifts cut by the range are shown whole, so a shift keeps its calendar UID between exports."})
    static final class Shifts extends RangeOptions implements Runnable {
        @Spec
        @Nullable CommandSpec spec;

        @Option(names = "--ics", description = "Write iCalendar instead of a table.")
        boolean ics;

        @Option(names = {"-o", "--output"}, paramLabel = "<file>", description = "Write to this file instead of stdout.")
        @Nullable Path output;

        @Override
        public void run() {
            CommandSpec s = Objects.requireNonNull(spec);
            Range r = range();
            Schedule schedule = r.schedule();
            List<Shift> shifts = wholeShifts(schedule, r.from(), r.to());
            String text = ics ? calendar(schedule, shifts, Incident4jCli.root(s).now())
                    : table(schedule, shifts, schedule.gaps(r.from(), r.to()));
            Incident4jCli.emit(s, output, text, "wrote " + shifts.size() + " shifts to " + output);
        }
    }

    /** {@code oncall report}. */
    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "On-call load per participant over a range: hours, outside working hours, weekend, "
                    + "shifts; the balance score and who carries more than the average.")
    static final class Report extends RangeOptions implements Runnable {
        @Spec
        @Nullable CommandSpec spec;

        @Override
        public void run() {
            CommandSpec s = Objects.requireNonNull(spec);
            Range r = range();
            Schedule schedule = r.schedule();
            Instant start = r.from();
            Instant end = r.to();
            LoadReport report = schedule.loadReport(start, end);
            PrintWriter out = s.commandLine().getOut();
            out.println(schedule.name() + ": load from " + Incident4jCli.when(start, schedule.zone()) + " to "
                    + Incident4jCli.when(end, schedule.zone()) + " " + schedule.zone().getId());
            out.printf(Locale.ROOT, "%-16s %10s %16s %10s %7s%n", "participant", "on call h", "outside work h",
                    "weekend h", "shifts");
            for (LoadReport.ParticipantLoad p : report.participants()) {
                out.printf(Locale.ROOT, "%-16s %10.1f %16.1f %10.1f %7d%n", p.name(), p.hoursOnCall(),
                        p.hoursOutsideWorkingHours(), p.weekendHours(), p.shifts());
            }
            out.printf(Locale.ROOT, "balance score: %.1f / 100%n", report.balanceScore());
            if (report.aboveAverage().isEmpty()) {
                out.println("above average: nobody");
            }
            for (LoadReport.Excess e : report.aboveAverage()) {
                out.printf(Locale.ROOT, "above average: %s, %.1f h (+%.1f%%)%n", e.name(), e.hours(), e.excessPercent());
            }
            out.flush();
        }
    }

    /**
     * The shifts overlapping {@code [from, to)}, each whole as far as {@link #MARGIN} around the range reaches:
     * a calendar export then gives a shift the same start, end and UID whatever range it was exported in.
     */
    static List<Shift> wholeShifts(Schedule schedule, Instant from, Instant to) {
        return schedule.shifts(from.minus(MARGIN), to.plus(MARGIN)).stream()
                .filter(x -> x.end().isAfter(from) && x.start().isBefore(to))
                .toList();
    }

    /** The shifts as iCalendar, one event per shift, with a UID made of schedule, start and person. */
    static String calendar(Schedule schedule, List<Shift> shifts, Instant stamp) {
        List<ICalendar.Event> events = new ArrayList<>();
        for (Shift x : shifts) {
            events.add(new ICalendar.Event(uid(schedule, x), "On call: " + x.participant(), x.start(), x.end(),
                    schedule.name() + ", " + source(schedule, x.source())));
        }
        return ICalendar.render(schedule.name(), stamp, events);
    }

    /** {@code backend-on-call-20260302T090000Z-alice@incident4j}: stable for the same shift. */
    static String uid(Schedule schedule, Shift shift) {
        return slug(schedule.name()) + "-" + Incident4jCli.BASIC_UTC.format(shift.start()) + "-" + slug(shift.participant())
                + "@incident4j";
    }

    private static String slug(String text) {
        String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return s.isEmpty() ? "x" : s;
    }

    /** The shifts and gaps as a table sorted by start, times in the schedule's zone. */
    static String table(Schedule schedule, List<Shift> shifts, List<Gap> gaps) {
        record Row(Instant start, Instant end, String who, String source) {
        }
        List<Row> rows = new ArrayList<>();
        shifts.forEach(x -> rows.add(new Row(x.start(), x.end(), x.participant(), source(schedule, x.source()))));
        gaps.forEach(g -> rows.add(new Row(g.start(), g.end(), "(nobody)", "gap")));
        rows.sort(Comparator.comparing(Row::start));
        int width = Math.max(11, rows.stream().mapToInt(r -> r.who().length()).max().orElse(0));
        StringBuilder b = new StringBuilder();
        String fmt = "%-20s  %-20s  %-" + width + "s  %s%n";
        b.append(String.format(Locale.ROOT, fmt, "start (" + schedule.zone().getId() + ")", "end", "on call", "from"));
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT, fmt, Incident4jCli.when(r.start(), schedule.zone()),
                    Incident4jCli.when(r.end(), schedule.zone()), r.who(), r.source()));
        }
        return b.toString();
    }

    /** {@code layer "primary"} or {@code override #1 (replaces Alice: vacation)}. */
    static String source(Schedule schedule, Shift.Source source) {
        if (source instanceof Shift.FromLayer l) {
            // Unnamed layers are labelled "layer N" by the library: no quotes then.
            return l.name().equals("layer " + (l.index() + 1)) ? l.name() : "layer \"" + l.name() + "\"";
        }
        int index = ((Shift.FromOverride) source).index();
        io.github.incident4j.oncall.ScheduleOverride o = schedule.overrides().get(index);
        String why = o.replaces().map(r -> "replaces " + r).orElse("")
                + o.reason().map(r -> (o.replaces().isPresent() ? ": " : "") + r).orElse("");
        return "override #" + (index + 1) + (why.isEmpty() ? "" : " (" + why + ")");
    }
}
