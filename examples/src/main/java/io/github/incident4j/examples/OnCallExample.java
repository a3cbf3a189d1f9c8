package io.github.incident4j.examples;

import io.github.incident4j.common.Finding;
import io.github.incident4j.format.OnCallYaml;
import io.github.incident4j.oncall.OnCallConfig;
import io.github.incident4j.oncall.Schedule;
import io.github.incident4j.oncall.ScheduleLint;
import io.github.incident4j.oncall.Shift;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Loads the seed rotation ({@code /seed/oncall-rotation.yaml} on the classpath) and prints who is on call
 * this week and next, and what the schedule lint finds.
 *
 * <pre>
 * E=-Dexec.mainClass=io.github.incident4j.examples.OnCallExample
 * mvn -B -q -pl examples exec:java $E                                  # from 2026-03-02T09:00:00Z
 * mvn -B -q -pl examples exec:java $E -Dexec.args=2026-06-01           # from a date (00:00 in the schedule's zone)
 * mvn -B -q -pl examples exec:java $E -Dexec.args=2026-06-01T09:00:00Z # from an instant
 * </pre>
 *
 * <p>Without an argument it starts at the fixed instant {@link #DEFAULT_START}, so its output is the same
 * on every run; pass the current time to see the real week.
 */
public final class OnCallExample {

    /** Where the example starts without an argument: Monday 2026-03-02 09:00 UTC, a handoff of the seed. */
    public static final Instant DEFAULT_START = Instant.parse("2026-03-02T09:00:00Z");

    private static final Duration WEEK = Duration.ofDays(7);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ROOT);

    private OnCallExample() {
    }

    /** Runs the example; the optional argument is the start, as an instant or a date. */
    public static void main(String[] args) {
        OnCallConfig config = loadSeed();
        Instant start;
        try {
            start = args.length == 0 ? DEFAULT_START : parseStart(args[0], config.schedule());
        } catch (DateTimeException e) {
            System.err.println("usage: OnCallExample [start as 2026-03-02 or 2026-03-02T09:00:00Z]; " + e.getMessage());
            System.exit(2);
            return;
        }
        print(config, start, System.out);
    }

    /** Reads the seed rotation from the classpath. */
    public static OnCallConfig loadSeed() {
        try (InputStream in = OnCallExample.class.getResourceAsStream("/seed/oncall-rotation.yaml")) {
            if (in == null) {
                throw new IllegalStateException("seed/oncall-rotation.yaml is not on the classpath");
            }
            return OnCallYaml.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An instant ({@code 2026-03-02T09:00:00Z}) or a date (midnight of it in the schedule's zone). */
    static Instant parseStart(String text, Schedule schedule) {
        return text.contains("T") ? Instant.parse(text) : LocalDate.parse(text).atStartOfDay(schedule.zone()).toInstant();
    }

    /** Prints who is on call in the week from {@code start} and the week after, then the lint findings. */
    public static void print(OnCallConfig config, Instant start, PrintStream out) {
        Schedule schedule = config.schedule();
        out.println(schedule.name() + " (times in " + schedule.zone().getId() + ")");
        out.println("On call now (" + when(schedule, start) + "): " + schedule.onCallAt(start).orElse("nobody"));
        week("This week", schedule, start, out);
        week("Next week", schedule, start.plus(WEEK), out);
        List<Finding> findings = ScheduleLint.check(config, start);
        out.println("Lint findings: " + (findings.isEmpty() ? "none" : findings.size()));
        for (Finding f : findings) {
            out.println("  " + f);
        }
    }

    private static void week(String title, Schedule schedule, Instant from, PrintStream out) {
        Instant to = from.plus(WEEK);
        out.println(title + " (" + when(schedule, from) + " to " + when(schedule, to) + "):");
        List<Shift> shifts = schedule.shifts(from, to);
        for (Shift s : shifts) {
            out.println("  " + when(schedule, s.start()) + " - " + when(schedule, s.end()) + "  " + s.participant());
        }
        schedule.gaps(from, to).forEach(g -> out.println("  " + when(schedule, g.start()) + " - "
                + when(schedule, g.end()) + "  (nobody)"));
    }

    private static String when(Schedule schedule, Instant t) {
        return WHEN.format(t.atZone(schedule.zone()));
    }
}
