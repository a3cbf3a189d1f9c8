package io.github.incident4j.examples.cli;

import io.github.incident4j.common.Durations;
import io.github.incident4j.escalation.EscalationMatrix;
import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.incident.Incident;
import io.github.incident4j.incident.IncidentManager;
import io.github.incident4j.incident.TimelineEvent;
import io.github.incident4j.oncall.OnCallConfig;
import io.github.incident4j.oncall.Schedule;
import io.github.incident4j.sim.VirtualTime;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
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

        @Mixin
        SimulatedIncident incident = new SimulatedIncident();

        @Option(names = "--passes", description = "Play every pass of the policy (its repeat count); default: "
                + "the first pass only.")
        boolean passes;

        @Override
        public void run() {
            CommandSpec s = Objects.requireNonNull(spec);
            OnCallConfig config = incident.config();
            @Nullable EscalationMatrix m = incident.matrix();
            Instant start = incident.start(s, config);
            EscalationPolicy policy = passes ? config.escalationPolicy()
                    : config.escalationPolicy().toBuilder().repeat(0).build();
            VirtualTime time = VirtualTime.startingAt(start);
            Incident played;
            try (IncidentManager manager = incident.manager(time, config, m)) {
                Incident opened = manager.trigger(incident.alert("incident4j-cli/simulation", config.schedule().name(),
                        "Simulated incident: nobody acknowledges").build(), policy);
                // Wake the engine at each due instant until escalation stops (or the horizon passes).
                Instant limit = start.plus(HORIZON);
                Optional<Instant> next = time.nextDue();
                while (next.isPresent() && !next.get().isAfter(limit)
                        && manager.find(opened.id()).orElseThrow().nextDueAt().isPresent()) {
                    time.advanceTo(next.get());
                    next = time.nextDue();
                }
                played = manager.find(opened.id()).orElseThrow();
            }
            print(s.commandLine().getOut(), config.schedule(), policy, played, start);
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
