package io.github.incident4j.examples.cli;

import io.github.incident4j.Incident4jException;
import io.github.incident4j.common.Durations;
import io.github.incident4j.common.Finding;
import io.github.incident4j.escalation.EscalationMatrix;
import io.github.incident4j.format.PostmortemMarkdown;
import io.github.incident4j.incident.Incident;
import io.github.incident4j.incident.IncidentId;
import io.github.incident4j.incident.IncidentManager;
import io.github.incident4j.oncall.OnCallConfig;
import io.github.incident4j.postmortem.ChangeEvent;
import io.github.incident4j.postmortem.Postmortem;
import io.github.incident4j.postmortem.PostmortemDrafter;
import io.github.incident4j.postmortem.PostmortemLint;
import io.github.incident4j.sim.VirtualTime;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code incident4j postmortem draft}: plays the incident described by the options through the engine in
 * virtual time (the alert at {@code --at}, the rotation's escalation, then the acknowledgement, notes, actions
 * and resolution at their offsets), drafts its postmortem with {@link PostmortemDrafter} and lists the lint
 * findings on the draft.
 */
@Command(name = "draft", mixinStandardHelpOptions = true,
        description = {"Drafts a postmortem from an incident described on the command line: it is played through "
                + "the rotation's escalation policy in virtual time, then drafted (timeline, key times, authors) and "
                + "linted.",
                "Offsets (12m, 1h5m) count from the alert; --change offsets count back before it."})
final class PostmortemDraft implements Runnable {

    @Spec
    @Nullable CommandSpec spec;

    @Mixin
    SimulatedIncident incident = new SimulatedIncident();

    @Option(names = "--service", required = true, paramLabel = "<service>", description = "The alerting service.")
    String service = "";

    @Option(names = "--alert", paramLabel = "<AlertName>", description = "The alert's name (its alertname label).")
    @Nullable String alertName;

    @Option(names = "--summary", paramLabel = "<text>", description = "The alert's summary; default: the alert's "
            + "name on the service.")
    @Nullable String summary;

    @Option(names = "--change", paramLabel = "<before=text>", description = "A change before the alert, e.g. "
            + "--change \"8m=Deployment v2.3.1 of payment-service rolled out\" (repeatable).")
    List<String> changes = new ArrayList<>();

    @Option(names = "--ack", paramLabel = "<after=person>", description = "Who acknowledged, when: --ack 12m=Dana.")
    @Nullable String ack;

    @Option(names = "--note", paramLabel = "<after=person: text>", description = "A note on the timeline "
            + "(repeatable).")
    List<String> notes = new ArrayList<>();

    @Option(names = "--action", paramLabel = "<after=actor: action[: detail]>", description = "A step a person or "
            + "runner reported, e.g. --action \"25m=runbook: rollback completed: deployment/payment-service at "
            + "revision 3\" (repeatable).")
    List<String> actions = new ArrayList<>();

    @Option(names = "--resolve", required = true, paramLabel = "<after=person>",
            description = "Who resolved, when: --resolve 40m=Dana.")
    String resolve = "";

    @Option(names = "--impact", paramLabel = "<text>", description = "Who or what was affected, with numbers "
            + "(the drafter leaves it to people otherwise).")
    @Nullable String impact;

    @Option(names = {"-o", "--output"}, paramLabel = "<file.md>", description = "Write the draft here instead of "
            + "stdout (the lint findings then follow on stdout, else on stderr).")
    @Nullable Path output;

    /** One thing that happens at an offset from the alert. */
    private record Step(Duration after, String option, BiConsumer<IncidentManager, IncidentId> apply) {
    }

    @Override
    public void run() {
        CommandSpec s = Objects.requireNonNull(spec);
        OnCallConfig config = incident.config();
        @Nullable EscalationMatrix matrix = incident.matrix();
        Instant start = incident.start(s, config);
        List<ChangeEvent> changeEvents = new ArrayList<>();
        for (String c : changes) {
            String[] kv = split("--change", c);
            changeEvents.add(ChangeEvent.of(start.minus(offset("--change", kv[0])), kv[1]));
        }
        VirtualTime time = VirtualTime.startingAt(start);
        List<Step> steps = steps(time);
        Incident resolved;
        try (IncidentManager manager = incident.manager(time, config, matrix)) {
            String name = alertName != null ? alertName : service;
            var alert = incident.alert(service + "/" + name, service, summary != null ? summary : name + " on " + service);
            if (alertName != null) {
                alert.label("alertname", alertName);
            }
            IncidentId id = manager.trigger(alert.build(), config.escalationPolicy()).id();
            for (Step step : steps) {
                time.advanceTo(start.plus(step.after()));
                try {
                    step.apply().accept(manager, id);
                } catch (Incident4jException | IllegalStateException e) {
                    throw new Incident4jCli.CliFailure(step.option() + " at +" + Durations.format(step.after()) + ": "
                            + e.getMessage());
                }
            }
            resolved = manager.find(id).orElseThrow();
        }
        Postmortem draft;
        try {
            draft = PostmortemDrafter.withDefaults().draft(resolved, changeEvents);
            if (impact != null) {
                draft = draft.toBuilder().impact(impact).build();
            }
        } catch (Incident4jException e) {
            throw new Incident4jCli.CliFailure("cannot draft: " + e.getMessage());
        }
        String markdown = PostmortemMarkdown.render(draft);
        Incident4jCli.emit(s, output, markdown, "wrote " + output);
        PrintWriter findingsOut = output == null ? s.commandLine().getErr() : s.commandLine().getOut();
        List<Finding> findings = PostmortemLint.lint(draft);
        findingsOut.println("lint: " + (findings.isEmpty() ? "no findings" : findings.size()
                + (findings.size() == 1 ? " finding" : " findings") + " on the draft"));
        Path shown = output == null ? Path.of("draft") : output;
        for (Finding f : findings) {
            findingsOut.println(LintCommand.format(shown, SourceLocator.place(DocumentKind.POSTMORTEM, markdown, f)));
        }
        findingsOut.flush();
    }

    /** The acknowledgement, notes, actions and resolution, in time order (the resolution last at its instant). */
    private List<Step> steps(VirtualTime time) {
        List<Step> steps = new ArrayList<>();
        if (ack != null) {
            String[] kv = split("--ack", ack);
            steps.add(new Step(offset("--ack", kv[0]), "--ack", (m, id) -> m.acknowledge(id, kv[1])));
        }
        for (String n : notes) {
            String[] kv = split("--note", n);
            String[] who = twoParts("--note", kv[1]);
            steps.add(new Step(offset("--note", kv[0]), "--note", (m, id) -> m.addNote(id, who[0], who[1])));
        }
        for (String a : actions) {
            String[] kv = split("--action", a);
            String[] who = twoParts("--action", kv[1]);
            int colon = who[1].indexOf(": ");
            String action = colon < 0 ? who[1] : who[1].substring(0, colon);
            String detail = colon < 0 ? "" : who[1].substring(colon + 2);
            steps.add(new Step(offset("--action", kv[0]), "--action",
                    (m, id) -> m.timelineSink(id).record(time.now(), who[0], action, detail)));
        }
        String[] kv = split("--resolve", resolve);
        steps.add(new Step(offset("--resolve", kv[0]), "--resolve", (m, id) -> m.resolve(id, kv[1])));
        steps.sort(Comparator.comparing(Step::after));
        return steps;
    }

    private static String[] split(String option, String value) {
        int eq = value.indexOf('=');
        if (eq <= 0 || eq == value.length() - 1) {
            throw new Incident4jCli.CliFailure(option + " '" + value + "': write <offset>=<value>, e.g. 12m=Dana");
        }
        return new String[] {value.substring(0, eq).strip(), value.substring(eq + 1).strip()};
    }

    private static String[] twoParts(String option, String value) {
        int colon = value.indexOf(": ");
        if (colon <= 0) {
            throw new Incident4jCli.CliFailure(option + " '" + value + "': write <who>: <text>");
        }
        return new String[] {value.substring(0, colon).strip(), value.substring(colon + 2).strip()};
    }

    private static Duration offset(String option, String text) {
        try {
            return Durations.parse(text);
        } catch (Incident4jException e) {
            throw new Incident4jCli.CliFailure(option + ": " + e.getMessage());
        }
    }
}
