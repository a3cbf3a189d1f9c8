package io.github.incident4j.examples.cli;

import io.github.incident4j.common.Durations;
import io.github.incident4j.escalation.EscalationMatrix;
import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.format.EscalationMatrixText;
import io.github.incident4j.format.OnCallYaml;
import io.github.incident4j.incident.Alert;
import io.github.incident4j.incident.Incident;
import io.github.incident4j.incident.IncidentManager;
import io.github.incident4j.incident.Roster;
import io.github.incident4j.incident.TimelineEvent;
import io.github.incident4j.oncall.OnCallConfig;
import io.github.incident4j.oncall.Schedule;
import io.github.incident4j.sim.RecordingPager;
import io.github.incident4j.sim.VirtualTime;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code incident4j escalation simulate}: who is paged when, if nobody acknowledges. */
@Command(name = "escalation", mixinStandardHelpOptions = true, description = "Escalation policies.",
        subcommands = EscalationCommand.Simulate.class)
final class EscalationCommand extends CommandGroup {


    /** {@code escalation simulate}. */
    @Command(name = "simulate", mixinStandardHelpOptions = true,
            description = {"Plays an incident nobody acknowledges through the rotation's escalation policy in "
                    + "virtual time and prints who is paged when.",
                    "Levels whose targets resolve to nobody (an unknown role, a gap in the rotation) are skipped."})
    static final class Simulate implements Runnable {

        /** Events worth showing: pages, skips, level changes, the end of escalation. */
        private static final Set<TimelineEvent.Type> SHOWN = EnumSet.of(TimelineEvent.Type.TRIGGERED,
                TimelineEvent.Type.PAGE_DELIVERED, TimelineEvent.Type.PAGE_FAILED, TimelineEvent.Type.LEVEL_SKIPPED,
                TimelineEvent.Type.ESCALATED, TimelineEvent.Type.ESCALATION_EXHAUSTED);
        /** The longest simulated stretch: a policy that repeats for longer is cut here. */
        private static final Duration HORIZON = Duration.ofDays(7);

        @Spec
        @Nullable CommandSpec spec;

        @Option(names = {"-f", "--file"}, required = true, paramLabel = "<rotation.yaml>",
                description = "The rotation with its escalation_policy.")
        Path file = Path.of("");

        @Option(names = "--matrix", paramLabel = "<matrix.txt>", description = "The escalation matrix: pages carry "
                + "the response of --category at each level's tier.")
        @Nullable Path matrix;

        @Option(names = "--category", paramLabel = "<category>", description = "The incident's matrix category, "
                + "e.g. \"App crash\".")
        @Nullable String category;

        @Option(names = "--at", paramLabel = "<instant>", description = "When the incident opens; default: now.")
        @Nullable String at;

        @Option(names = "--role", paramLabel = "<role=person>", description = "Who a role target is, "
                + "e.g. --role engineering_lead=Dana (repeatable).")
        Map<String, String> roles = new LinkedHashMap<>();

        @Option(names = "--severity", paramLabel = "<SEV-n>", defaultValue = "SEV-2",
                description = "The incident's severity (default: ${DEFAULT-VALUE}).")
        String severity = "SEV-2";

        @Option(names = "--passes", description = "Play every pass of the policy (its repeat count); default: "
                + "the first pass only.")
        boolean passes;

        @Override
        public void run() {
            CommandSpec s = Objects.requireNonNull(spec);
            OnCallConfig config = Incident4jCli.load(file, OnCallYaml::parse);
            Schedule schedule = config.schedule();
            @Nullable EscalationMatrix m = matrix == null ? null : Incident4jCli.load(matrix, EscalationMatrixText::parse);
            if (m != null && category != null && m.categoryIndex(category).isEmpty()) {
                throw new Incident4jCli.CliFailure("--category '" + category + "' is not in " + matrix + "; its "
                        + "categories are " + m.categories());
            }
            Instant start = at == null ? Incident4jCli.root(s).now() : Incident4jCli.parseInstant(at, schedule.zone());
            EscalationPolicy policy = passes ? config.escalationPolicy()
                    : config.escalationPolicy().toBuilder().repeat(0).build();
            Incident incident = simulate(schedule, policy, m, category, roles, severity, start);
            print(s.commandLine().getOut(), schedule, policy, incident, start);
        }

        /** Plays the incident until escalation stops (or {@link #HORIZON} passes); returns it as it ended. */
        static Incident simulate(Schedule schedule, EscalationPolicy policy, @Nullable EscalationMatrix matrix,
                @Nullable String category, Map<String, String> roles, String severity, Instant start) {
            VirtualTime time = VirtualTime.startingAt(start);
            Roster.Builder roster = Roster.builder().schedule(schedule);
            roles.forEach(roster::role);
            IncidentManager.Builder builder = IncidentManager.builder().clock(time.clock()).timers(time)
                    .pager(new RecordingPager()).roster(roster.build());
            if (matrix != null) {
                builder.matrix(matrix);
            }
            try (IncidentManager manager = builder.build()) {
                Alert.Builder alert = Alert.withKey("incident4j-cli/simulation").service(schedule.name())
                        .summary("Simulated incident: nobody acknowledges").severity(severity);
                if (category != null) {
                    alert.category(category);
                }
                Incident incident = manager.trigger(alert.build(), policy);
                Instant limit = start.plus(HORIZON);
                Optional<Instant> next = time.nextDue();
                while (next.isPresent() && !next.get().isAfter(limit)
                        && manager.find(incident.id()).orElseThrow().nextDueAt().isPresent()) {
                    time.advanceTo(next.get());
                    next = time.nextDue();
                }
                return manager.find(incident.id()).orElseThrow();
            }
        }

        private static void print(PrintWriter out, Schedule schedule, EscalationPolicy policy, Incident incident,
                Instant start) {
            ZoneId zone = schedule.zone();
            out.println("Escalation policy \"" + policy.name() + "\" (" + policy.levels().size() + " levels, "
                    + policy.passes() + (policy.passes() == 1 ? " pass" : " passes") + "), nobody acknowledges; "
                    + "times in " + zone.getId() + ":");
            List<TimelineEvent> events = incident.timeline().stream().filter(e -> SHOWN.contains(e.type())).toList();
            for (TimelineEvent e : events) {
                String offset = "+" + Durations.format(Duration.between(start, e.at()));
                out.printf(java.util.Locale.ROOT, "  %-8s %s  %s%n", offset, Incident4jCli.when(e.at(), zone),
                        e.description());
            }
            TimelineEvent last = events.get(events.size() - 1);
            if (incident.nextDueAt().isEmpty() && last.type() != TimelineEvent.Type.ESCALATION_EXHAUSTED) {
                out.println("  then stays at level " + incident.level() + ": it has no timeout, so nobody else is paged");
            }
            long pages = events.stream().filter(e -> e.type() == TimelineEvent.Type.PAGE_DELIVERED).count();
            long skipped = events.stream().filter(e -> e.type() == TimelineEvent.Type.LEVEL_SKIPPED).count();
            out.println(pages + (pages == 1 ? " page" : " pages") + ", " + skipped + " skipped "
                    + (skipped == 1 ? "level" : "levels") + (incident.nextDueAt().isPresent()
                    ? "; still escalating after " + Durations.format(HORIZON) : ""));
            out.flush();
        }
    }
}
