package io.github.incident4j.runbook;

import io.github.incident4j.ValidationException;
import io.github.incident4j.common.Condition;
import io.github.incident4j.common.Durations;
import io.github.incident4j.common.Problems;
import io.github.incident4j.common.Quantity;
import io.github.incident4j.common.TimelineSink;
import io.github.incident4j.runbook.DiagnosisReport.Outcome;
import io.github.incident4j.runbook.DiagnosisReport.Step;
import io.github.incident4j.runbook.RecoveryReport.CriterionResult;
import io.github.incident4j.spi.Approver;
import io.github.incident4j.spi.ClusterException;
import io.github.incident4j.spi.ClusterOperations;
import io.github.incident4j.spi.ClusterOperations.LogLine;
import io.github.incident4j.spi.ClusterOperations.Pod;
import io.github.incident4j.spi.ClusterOperations.Revision;
import io.github.incident4j.spi.DependencyProbe;
import io.github.incident4j.spi.MetricsSource;
import io.github.incident4j.spi.Timers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a runbook through the SPIs: diagnoses, mitigates (only with approval) and verifies recovery.
 * Every command is bound and checked before anything runs; nothing is ever handed to a shell; every step
 * and outcome goes to the {@link TimelineSink} with its instant from the injected clock.
 *
 * <pre>{@code
 * VirtualTime time = VirtualTime.startingAt(Instant.parse("2026-03-02T09:00:00Z"));
 * RunbookRunner runner = RunbookRunner.builder()
 *         .timers(time)
 *         .cluster(cluster).probe(probe).metrics(metrics)
 *         .approver(request -> Approver.Decision.approve("alice", "agreed in #incident"))
 *         .timeline(sink)
 *         .build();
 * DiagnosisReport diagnosis = runner.diagnose(runbook, bindings);
 * MitigationReport rollback = runner.mitigate(runbook, "Rollback deployment", bindings);
 * RecoveryReport recovery = runner.verifyRecovery(runbook, bindings, rollback.finishedAt());
 * }</pre>
 */
public final class RunbookRunner {

    private static final Logger LOG = LoggerFactory.getLogger(RunbookRunner.class);
    private static final String ACTOR = "runbook";
    private static final int LOG_LIMIT = 50;
    private static final int EXPECTED_LINES = 20;

    private final Clock clock;
    private final Timers timers;
    private final ClusterOperations cluster;
    private final DependencyProbe probe;
    private final MetricsSource metrics;
    private final Approver approver;
    private final TimelineSink timeline;
    private final Duration rolloutTimeout;
    private final Duration pollInterval;
    private final Duration sampleInterval;
    private final Duration probeTimeout;
    private final Duration recentDeployment;
    private final Duration logWindow;

    private RunbookRunner(Builder b) {
        this.timers = Objects.requireNonNull(b.timers);
        this.clock = b.clock != null ? b.clock : timers.clock();
        this.cluster = Objects.requireNonNull(b.cluster);
        this.probe = Objects.requireNonNull(b.probe);
        this.metrics = Objects.requireNonNull(b.metrics);
        this.approver = b.approver;
        this.timeline = b.timeline;
        this.rolloutTimeout = b.rolloutTimeout;
        this.pollInterval = b.pollInterval;
        this.sampleInterval = b.sampleInterval;
        this.probeTimeout = b.probeTimeout;
        this.recentDeployment = b.recentDeployment;
        this.logWindow = b.logWindow;
    }

    /** Starts a runner; clock, timers, cluster, probe and metrics are required. */
    public static Builder builder() {
        return new Builder();
    }

    // ---- diagnosis -------------------------------------------------------------------------------

    /**
     * Runs every diagnosis step. Commands that change the cluster are not run here (they are reported as
     * manual); an SPI failure makes that step an error and the diagnosis goes on.
     *
     * @throws ValidationException when a variable is unbound or unsafe, before any step runs
     */
    public DiagnosisReport diagnose(Runbook runbook, Bindings bindings) {
        List<BoundStep> bound = bindDiagnosis(runbook, bindings);
        Instant start = clock.instant();
        record("diagnosis started", runbook.service() + ": " + bound.size() + " steps");
        List<Step> steps = new ArrayList<>();
        for (BoundStep b : bound) {
            steps.add(run(b));
        }
        Instant end = clock.instant();
        DiagnosisReport report = new DiagnosisReport(runbook.service(), start, end, steps);
        record("diagnosis finished", report.problems().size() + " problem(s): "
                + report.problems().stream().map(s -> s.number() + " " + s.description()).toList());
        return report;
    }

    /** A step with its commands bound: each command with the output the runbook shows after it (empty if none). */
    private record BoundStep(String number, String description, List<BoundCommand> commands, List<BoundStep> substeps) {
    }

    private record BoundCommand(Command command, String expectedOutput) {
    }

    private static List<BoundStep> bindDiagnosis(Runbook runbook, Bindings bindings) {
        Problems problems = new Problems();
        String ns = namespace(runbook, bindings, problems);
        List<BoundStep> out = new ArrayList<>();
        for (int i = 0; i < runbook.diagnosis().size(); i++) {
            out.add(bindStep(runbook.diagnosis().get(i), String.valueOf(i + 1), "diagnosis[" + i + "]", bindings, ns, problems));
        }
        problems.throwIfAny("bindings for runbook '" + runbook.service() + "'");
        return out;
    }

    private static BoundStep bindStep(DiagnosisStep step, String number, String field, Bindings bindings, String ns, Problems problems) {
        // a description is shown to a person: a variable without a value stays as written
        String description = bindings.expandKnown(step.description());
        List<BoundCommand> commands = bindCode(step.code(), field, bindings, ns, problems);
        List<BoundStep> subs = new ArrayList<>();
        for (int j = 0; j < step.substeps().size(); j++) {
            subs.add(bindStep(step.substeps().get(j), number + "." + (j + 1), field + ".substeps[" + j + "]", bindings, ns, problems));
        }
        return new BoundStep(number, description, commands, subs);
    }

    /** Binds every command and query of a step's or mitigation's code, in order. */
    private static List<BoundCommand> bindCode(List<CodeBlock> code, String field, Bindings bindings, String ns, Problems problems) {
        List<BoundCommand> out = new ArrayList<>();
        for (int k = 0; k < code.size(); k++) {
            CodeBlock block = code.get(k);
            String f = field + ".code[" + k + "]";
            List<CommandLine> lines = block.commands();
            for (int i = 0; i < lines.size(); i++) {
                CommandLine line = lines.get(i);
                if (line.sqlPrompt()) {
                    out.add(new BoundCommand(new Command.Manual(bindings.expandKnown(line.template()),
                            "SQL for a database shell (" + line.prompt().strip() + ")"), line.output()));
                    continue;
                }
                bindCommand(line.template(), f + ".commands[" + i + "]", bindings, ns, problems)
                        .ifPresent(c -> out.add(new BoundCommand(c, line.output())));
            }
            List<String> queries = block.queries();
            for (int i = 0; i < queries.size(); i++) {
                bindQuery(queries.get(i), f + ".queries[" + i + "]", bindings, problems).ifPresent(q -> out.add(new BoundCommand(q, "")));
            }
        }
        return out;
    }

    /** A query with its variables bound; each value is checked as a command's would be (no quotes, braces, spaces...). */
    private static Optional<Command> bindQuery(String query, String field, Bindings bindings, Problems problems) {
        Problems local = new Problems();
        for (String name : Bindings.variablesIn(query)) {
            Optional<String> value = bindings.get(name);
            if (value.isEmpty()) {
                local.add(field + ".${" + name + "}", null, "has no value (query '" + query + "')");
            } else {
                String why = Values.unsafe(value.get());
                if (why != null) {
                    local.add(field + ".${" + name + "}", value.get(), why + " (query '" + query + "')");
                }
            }
        }
        if (!local.isEmpty()) {
            local.list().forEach(p -> problems.add(p.field(), p.value(), p.message()));
            return Optional.empty();
        }
        try {
            return Optional.of(new Command.Query(bindings.expand(query)));
        } catch (ValidationException e) {
            problems.addAll(field, e);
            return Optional.empty();
        }
    }

    private static Optional<Command> bindCommand(String template, String field, Bindings bindings, String ns, Problems problems) {
        try {
            return Optional.of(Command.bind(template, bindings, ns));
        } catch (ValidationException e) {
            problems.addAll(field, e);
            return Optional.empty();
        }
    }

    private static String namespace(Runbook runbook, Bindings bindings, Problems problems) {
        String ns = bindings.expand(runbook.defaultNamespace(), "namespace", problems);
        try {
            Values.checkNamespace(ns);
        } catch (ValidationException e) {
            problems.addAll("namespace", e);
        }
        return ns;
    }

    private Step run(BoundStep b) {
        List<Step> subs = b.substeps.stream().map(this::run).toList();
        Step own = null;
        for (BoundCommand c : b.commands) {
            Step one = check(b, c);
            own = own == null ? one : merge(own, one);
        }
        Step result;
        if (own == null && subs.isEmpty()) {
            result = step(b, null, Outcome.MANUAL, "no command: for the operator to check", List.of());
        } else if (own == null) {
            Outcome worst = subs.stream().map(Step::outcome).max(Comparator.comparingInt(RunbookRunner::severity)).orElse(Outcome.OK);
            String summary = subs.stream().filter(s -> s.outcome() != Outcome.OK)
                    .map(s -> s.description() + ": " + s.summary()).reduce((x, y) -> x + "; " + y).orElse("all checks ok");
            result = new Step(b.number, b.description, Optional.empty(), worst, summary, List.of(), List.of(), List.of(),
                    List.of(), Optional.empty(), subs);
        } else {
            Step o = own;
            Outcome worst = subs.stream().map(Step::outcome).filter(x -> severity(x) > severity(o.outcome()))
                    .max(Comparator.comparingInt(RunbookRunner::severity)).orElse(o.outcome());
            result = new Step(o.number(), o.description(), o.command(), worst, o.summary(), o.evidence(), o.pods(),
                    o.revisions(), o.logLines(), o.probe(), subs);
        }
        if (b.substeps.isEmpty() || own == null) {
            record("diagnosis step " + result.outcome().name().toLowerCase(java.util.Locale.ROOT),
                    result.number() + " " + result.description() + ": " + result.summary());
        }
        return result;
    }

    /** One step's result from two of its commands: the worse outcome, both summaries, all the evidence. */
    private static Step merge(Step a, Step b) {
        Outcome worst = severity(b.outcome()) > severity(a.outcome()) ? b.outcome() : a.outcome();
        return new Step(a.number(), a.description(), a.command(), worst, a.summary() + "; " + b.summary(),
                concat(a.evidence(), b.evidence()), concat(a.pods(), b.pods()), concat(a.revisions(), b.revisions()),
                concat(a.logLines(), b.logLines()), a.probe().or(b::probe), List.of());
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static int severity(Outcome o) {
        return switch (o) {
            case OK -> 0;
            case MANUAL -> 1;
            case PROBLEM -> 2;
            case ERROR -> 3;
        };
    }

    private Step check(BoundStep b, BoundCommand bound) {
        Command command = bound.command();
        if (command instanceof Command.Manual m) {
            List<String> expected = bound.expectedOutput().isEmpty() ? List.of()
                    : bound.expectedOutput().lines().limit(EXPECTED_LINES).map(l -> "expected: " + l).toList();
            return step(b, command, Outcome.MANUAL, "run by hand: " + m.text() + (m.reason().isEmpty() ? "" : " (" + m.reason() + ")"),
                    expected);
        }
        if (command.mutating()) {
            return step(b, command, Outcome.MANUAL, "changes the cluster, so it is not run during diagnosis: " + command.render(), List.of());
        }
        try {
            if (command instanceof Command.ListPods c) {
                return pods(b, c);
            }
            if (command instanceof Command.RolloutHistory c) {
                return history(b, c);
            }
            if (command instanceof Command.Logs c) {
                return logs(b, c);
            }
            if (command instanceof Command.RolloutStatus c) {
                ClusterOperations.RolloutStatus s = cluster.rolloutStatus(c.namespace(), c.kind(), c.deployment());
                return step(b, c, s.done() ? Outcome.OK : Outcome.PROBLEM, s.message(), List.of(
                        s.available() + " of " + s.desired() + " available, " + s.updated() + " updated"));
            }
            if (command instanceof Command.PostgresReady c) {
                return probed(b, c, "PostgreSQL at " + c.host() + ":" + c.port(), () -> probe.postgresReady(c.host(), c.port(), probeTimeout));
            }
            if (command instanceof Command.RedisPing c) {
                return probed(b, c, "Redis at " + c.host() + ":" + c.port(), () -> probe.redisPing(c.host(), c.port(), probeTimeout));
            }
            if (command instanceof Command.HttpStatus c) {
                return probed(b, c, "HTTP " + c.url(), () -> probe.httpStatus(c.url(), probeTimeout));
            }
            if (command instanceof Command.Get c) {
                return resources(b, c, new ClusterOperations.ResourceQuery(c.kind(), c.namespace(), c.name(), c.selector(),
                        c.fieldSelector(), c.sortBy()), false);
            }
            if (command instanceof Command.Describe c) {
                return resources(b, c, new ClusterOperations.ResourceQuery(c.kind(), c.namespace(), c.name(), c.selector(),
                        Optional.empty(), Optional.empty()), true);
            }
            if (command instanceof Command.PodLogs c) {
                return podLogs(b, c);
            }
            if (command instanceof Command.Top c) {
                List<ClusterOperations.Usage> rows = cluster.usage(new ClusterOperations.UsageQuery(c.nodes(), c.namespace(), c.name(),
                        c.selector(), c.containers()));
                return step(b, c, Outcome.OK, rows.size() + (c.nodes() ? " nodes" : " pods") + " measured",
                        rows.stream().map(RunbookRunner::usage).toList());
            }
            if (command instanceof Command.Query c) {
                Instant now = clock.instant();
                Optional<Quantity> value = metrics.read(c.promql(), Map.of(), now, sampleInterval);
                return step(b, c, Outcome.OK, value.map(v -> "query answers " + v).orElse("query has no data"),
                        List.of(c.promql() + " = " + value.map(Object::toString).orElse("no data")));
            }
            return step(b, command, Outcome.MANUAL, "not run during diagnosis: " + command.render(), List.of());
        } catch (ClusterException e) {
            Outcome outcome = e.reason() == ClusterException.Reason.NOT_FOUND ? Outcome.PROBLEM : Outcome.ERROR;
            return step(b, command, outcome, "cluster call failed (" + e.reason() + "): " + e.getMessage(), List.of());
        } catch (UnsupportedOperationException e) {
            return step(b, command, Outcome.MANUAL, "the cluster plug-in cannot run it: " + e.getMessage(), List.of());
        } catch (RuntimeException e) {
            LOG.warn("diagnosis step {} failed", b.number, e);
            return step(b, command, Outcome.ERROR, "failed: " + e, List.of());
        }
    }

    /** Words of a kubectl status that say something is wrong. */
    private static final List<String> TROUBLE = List.of("NotReady", "CrashLoopBackOff", "Error", "Failed", "Pending",
            "ImagePullBackOff", "ErrImagePull", "Evicted", "OOMKilled", "Unknown", "Warning", "Degraded", "Terminating");

    private Step resources(BoundStep b, Command c, ClusterOperations.ResourceQuery q, boolean describe) {
        List<ClusterOperations.Resource> found = cluster.resources(q);
        List<String> evidence = new ArrayList<>();
        List<ClusterOperations.Resource> troubled = new ArrayList<>();
        for (ClusterOperations.Resource r : found) {
            evidence.add((r.namespace().isEmpty() ? "" : r.namespace() + "/") + r.name() + ": " + r.status());
            if (describe) {
                r.details().stream().limit(EXPECTED_LINES).forEach(d -> evidence.add("  " + d));
            }
            if (TROUBLE.stream().anyMatch(r.status()::contains)) {
                troubled.add(r);
            }
        }
        String what = q.kind() + q.name().map(n -> " " + n).orElse("") + q.namespace().map(ns -> " in " + ns).orElse("");
        if (found.isEmpty()) {
            return step(b, c, q.name().isPresent() ? Outcome.PROBLEM : Outcome.OK, "no " + what + " found", List.of());
        }
        if (!troubled.isEmpty()) {
            return step(b, c, Outcome.PROBLEM, troubled.size() + " of " + found.size() + " " + what + " need attention", evidence);
        }
        return step(b, c, Outcome.OK, found.size() + " " + what, evidence);
    }

    private static String usage(ClusterOperations.Usage u) {
        return (u.namespace().isEmpty() ? "" : u.namespace() + "/") + u.name() + (u.container().isEmpty() ? "" : " " + u.container())
                + ": cpu " + u.cpuMillicores() + "m, memory " + (u.memoryBytes() >> 20) + "Mi";
    }

    private Step podLogs(BoundStep b, Command.PodLogs c) {
        Duration since = c.since().orElse(logWindow);
        List<LogLine> lines = cluster.podLogs(c.namespace(), c.pod(), new ClusterOperations.LogOptions(c.container(), c.previous(),
                c.tail(), since, c.grep().orElse(""), LOG_LIMIT));
        return logStep(b, c, lines, c.grep(), since);
    }

    private Step logStep(BoundStep b, Command c, List<LogLine> lines, Optional<String> grep, Duration since) {
        List<String> evidence = lines.stream().map(l -> l.at() + " " + l.pod() + ": " + l.text()).toList();
        Step s;
        if (grep.isEmpty()) {
            s = step(b, c, Outcome.OK, lines.size() + " log lines in the last " + Durations.format(since), evidence);
        } else if (lines.isEmpty()) {
            s = step(b, c, Outcome.OK, "no lines match '" + grep.get() + "' in the last " + Durations.format(since), List.of());
        } else {
            s = step(b, c, Outcome.PROBLEM, lines.size() + (lines.size() >= LOG_LIMIT ? "+" : "") + " lines match '"
                    + grep.get() + "' in the last " + Durations.format(since), evidence);
        }
        return with(s, List.of(), List.of(), lines, Optional.empty());
    }

    private Step pods(BoundStep b, Command.ListPods c) {
        List<Pod> pods = cluster.pods(c.namespace(), c.selector());
        // kubectl's STATUS names what is wrong (CrashLoopBackOff, Init:CrashLoopBackOff, Error, Terminating...):
        // a pod is healthy when it runs and is ready, or has completed.
        List<Pod> unhealthy = pods.stream().filter(p -> !(p.status().equals("Completed")
                || p.status().equals("Running") && p.ready())).toList();
        List<String> evidence = unhealthy.stream().map(p -> p.name() + ": " + p.status() + ", "
                + (p.ready() ? "ready" : "not ready") + ", " + p.restarts() + " restarts").toList();
        String notWell = unhealthy.stream().allMatch(p -> !p.ready()) ? " pods not ready (" : " pods not running and ready (";
        String where = selectorText(c.selector()) + " in " + c.namespace();
        Step s;
        if (pods.isEmpty()) {
            s = step(b, c, Outcome.PROBLEM, "no pods match " + where, List.of());
        } else if (!unhealthy.isEmpty()) {
            s = step(b, c, Outcome.PROBLEM, unhealthy.size() + " of " + pods.size() + notWell + where + ")", evidence);
        } else {
            s = step(b, c, Outcome.OK, pods.size() + " pods ready (" + where + ")", List.of());
        }
        return with(s, pods, List.of(), List.of(), Optional.empty());
    }

    private Step history(BoundStep b, Command.RolloutHistory c) {
        List<Revision> all = cluster.rolloutHistory(c.namespace(), c.kind(), c.deployment());
        List<Revision> newest = new ArrayList<>(all.subList(Math.max(0, all.size() - 3), all.size()));
        java.util.Collections.reverse(newest);
        List<String> evidence = newest.stream().map(r -> "revision " + r.number() + ": image " + r.image()
                + (r.changeCause().isEmpty() ? "" : ", " + r.changeCause()) + ", created " + r.createdAt()).toList();
        Step s;
        if (newest.isEmpty()) {
            s = step(b, c, Outcome.OK, "no revisions of deployment/" + c.deployment(), List.of());
        } else {
            Revision last = newest.get(0);
            Duration age = Duration.between(last.createdAt(), clock.instant());
            boolean recent = age.compareTo(recentDeployment) < 0;
            String ago = age.isNegative() ? "just now" : Durations.format(age.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)) + " ago";
            s = step(b, c, recent ? Outcome.PROBLEM : Outcome.OK,
                    "revision " + last.number() + " of deployment/" + c.deployment() + " was deployed " + ago
                            + (recent ? ": a recent deployment is a suspect" : ""), evidence);
        }
        return with(s, List.of(), newest, List.of(), Optional.empty());
    }

    private Step logs(BoundStep b, Command.Logs c) {
        Duration since = c.since().orElse(logWindow);
        return logStep(b, c, readLogs(c, since), c.grep(), since);
    }

    /** A selector's logs: in one call, or pod by pod when a container, the previous container or a tail is asked. */
    private List<LogLine> readLogs(Command.Logs c, Duration since) {
        if (c.container().isEmpty() && !c.previous() && c.tail().isEmpty()) {
            return cluster.logs(c.namespace(), c.selector(), since, c.grep().orElse(""), LOG_LIMIT);
        }
        List<LogLine> all = new ArrayList<>();
        for (Pod p : cluster.pods(c.namespace(), c.selector())) {
            all.addAll(cluster.podLogs(c.namespace(), p.name(), new ClusterOperations.LogOptions(c.container(), c.previous(),
                    c.tail(), since, c.grep().orElse(""), LOG_LIMIT)));
        }
        all.sort(Comparator.comparing(LogLine::at).thenComparing(LogLine::pod));
        return List.copyOf(all.subList(Math.max(0, all.size() - LOG_LIMIT), all.size()));
    }

    private Step probed(BoundStep b, Command c, String what, Supplier<DependencyProbe.Result> call) {
        DependencyProbe.Result r = call.get();
        String summary = what + (r.up() ? " is up: " : " is down: ") + r.answer();
        return with(step(b, c, r.up() ? Outcome.OK : Outcome.PROBLEM, summary, List.of(summary)),
                List.of(), List.of(), List.of(), Optional.of(r));
    }

    private static Step step(BoundStep b, @Nullable Command c, Outcome outcome, String summary, List<String> evidence) {
        return new Step(b.number, b.description, Optional.ofNullable(c), outcome, summary, evidence, List.of(), List.of(),
                List.of(), Optional.empty(), List.of());
    }

    private static Step with(Step s, List<Pod> pods, List<Revision> revisions, List<LogLine> lines, Optional<DependencyProbe.Result> r) {
        return new Step(s.number(), s.description(), s.command(), s.outcome(), s.summary(), s.evidence(), pods, revisions,
                lines, r, s.substeps());
    }

    // ---- mitigation ------------------------------------------------------------------------------

    /**
     * Runs one named mitigation after the {@link Approver} says yes (the default approver says no).
     * Rollback and rollout status wait for the rollout like {@code kubectl rollout status}, polling
     * through {@link Timers#sleep}, until it finishes, fails, or times out; a status answer that arrives
     * after the timeout counts as a timeout. A failing operation stops the mitigation; an undo that was
     * applied is reported done even when the wait after it fails (the wait is then a failed operation of
     * its own).
     *
     * @throws ValidationException when the mitigation does not exist or a variable is unbound or unsafe,
     *     before the approver is asked
     */
    public MitigationReport mitigate(Runbook runbook, String name, Bindings bindings) {
        return mitigate(runbook, name, bindings, false);
    }

    /** The exact operations {@link #mitigate} would perform, without asking or running anything. */
    public MitigationReport dryRun(Runbook runbook, String name, Bindings bindings) {
        return mitigate(runbook, name, bindings, true);
    }

    private MitigationReport mitigate(Runbook runbook, String name, Bindings bindings, boolean dryRun) {
        Mitigation m = runbook.mitigation(name).orElseThrow(() -> ValidationException.of("mitigation", name,
                "is not in the runbook; it has " + runbook.mitigations().stream().map(Mitigation::name).toList()));
        Problems problems = new Problems();
        String ns = namespace(runbook, bindings, problems);
        int index = runbook.mitigations().indexOf(m);
        List<Command> plan = bindCode(m.code(), "mitigations[" + index + "]", bindings, ns, problems).stream()
                .map(BoundCommand::command).toList();
        problems.throwIfAny("bindings for mitigation '" + m.name() + "'");
        List<String> lines = plan.stream().map(Command::render).toList();
        Instant start = clock.instant();
        if (dryRun) {
            record("mitigation dry run", m.name() + ": would run " + lines);
            return new MitigationReport(m.name(), MitigationReport.Status.DRY_RUN, Optional.empty(), plan, List.of(), start, start);
        }
        record("mitigation requested", m.name() + ": " + lines);
        Approver.Decision decision = decide(new Approver.Request(runbook.service(), m.name(), lines));
        if (!decision.approved()) {
            record("mitigation denied", m.name() + ": denied by " + decision.by() + ": " + decision.reason());
            return new MitigationReport(m.name(), MitigationReport.Status.DENIED, Optional.of(decision), plan, List.of(), start, clock.instant());
        }
        record("mitigation approved", m.name() + ": approved by " + decision.by() + ": " + decision.reason());
        List<MitigationReport.Operation> performed = new ArrayList<>();
        for (Command c : plan) {
            for (MitigationReport.Operation op : perform(c)) {
                performed.add(op);
                String line = op.command().render();
                record("operation " + op.outcome().name().toLowerCase(java.util.Locale.ROOT), line + ": " + op.detail());
                if (op.outcome() == MitigationReport.Outcome.FAILED) {
                    long done = performed.stream().filter(o -> o.outcome() == MitigationReport.Outcome.DONE).count();
                    record("mitigation failed", m.name() + ": '" + line + "' failed after " + done
                            + " operation(s) done: " + op.detail());
                    return new MitigationReport(m.name(), MitigationReport.Status.FAILED, Optional.of(decision), plan, performed,
                            start, clock.instant());
                }
            }
        }
        record("mitigation completed", m.name() + ": " + performed.size() + " operation(s)");
        return new MitigationReport(m.name(), MitigationReport.Status.COMPLETED, Optional.of(decision), plan, performed,
                start, clock.instant());
    }

    private Approver.Decision decide(Approver.Request request) {
        try {
            return Objects.requireNonNull(approver.decide(request), "the approver answered null");
        } catch (RuntimeException e) {
            LOG.warn("approver failed for {}", request, e);
            return Approver.Decision.deny("approver", "the approver failed: " + e);
        }
    }

    /**
     * Runs one planned command. A rollback is one operation when its built-in wait succeeds; when the undo
     * was applied but the wait then fails, it is two: the undo DONE (the cluster did change) and the wait,
     * as {@code rollout status --timeout=<rolloutTimeout>}, FAILED, so a half-done rollback is never reported
     * as if nothing had changed.
     */
    private List<MitigationReport.Operation> perform(Command command) {
        if (command instanceof Command.RolloutUndo c) {
            return rollback(c);
        }
        return List.of(attempt(command, () -> execute(command)));
    }

    private List<MitigationReport.Operation> rollback(Command.RolloutUndo c) {
        ClusterOperations.UndoResult[] undone = new ClusterOperations.UndoResult[1];
        MitigationReport.Operation undo = attempt(c, () -> {
            undone[0] = cluster.rolloutUndo(c.namespace(), c.deployment(), c.toRevision());
            return undone[0].message() + " (revision " + undone[0].fromRevision() + " to " + undone[0].toRevision() + ")";
        });
        if (undo.outcome() != MitigationReport.Outcome.DONE) {
            return List.of(undo);
        }
        record("rollback", undo.detail());
        Command.RolloutStatus wait = new Command.RolloutStatus(c.namespace(), c.deployment(), Optional.of(rolloutTimeout));
        MitigationReport.Operation waited = attempt(wait, () -> awaitRollout(c.namespace(), c.deployment(), rolloutTimeout));
        if (waited.outcome() == MitigationReport.Outcome.DONE) {
            return List.of(new MitigationReport.Operation(c, MitigationReport.Outcome.DONE,
                    undone[0].message() + "; " + waited.detail(), waited.at()));
        }
        return List.of(undo, waited);
    }

    private MitigationReport.Operation attempt(Command command, Supplier<String> action) {
        try {
            String detail = action.get();
            return new MitigationReport.Operation(command, MitigationReport.Outcome.DONE, detail, clock.instant());
        } catch (ManualStep e) {
            return new MitigationReport.Operation(command, MitigationReport.Outcome.MANUAL, "for the operator: " + e.getMessage(), clock.instant());
        } catch (UnsupportedOperationException e) {
            return new MitigationReport.Operation(command, MitigationReport.Outcome.MANUAL,
                    "for the operator (the cluster plug-in cannot run it): " + command.render(), clock.instant());
        } catch (OperationFailed e) {
            return new MitigationReport.Operation(command, MitigationReport.Outcome.FAILED, e.getMessage(), clock.instant());
        } catch (ClusterException e) {
            return new MitigationReport.Operation(command, MitigationReport.Outcome.FAILED,
                    "cluster call failed (" + e.reason() + "): " + e.getMessage(), clock.instant());
        } catch (RuntimeException e) {
            LOG.warn("operation {} failed", command.render(), e);
            return new MitigationReport.Operation(command, MitigationReport.Outcome.FAILED, "failed: " + e, clock.instant());
        }
    }

    private String execute(Command command) {
        if (command instanceof Command.RolloutStatus c) {
            return awaitRollout(c.namespace(), c.kind(), c.deployment(), c.timeout().orElse(rolloutTimeout));
        }
        if (command instanceof Command.Scale c) {
            cluster.scale(c.namespace(), c.kind(), c.deployment(), c.replicas());
            return c.kind() + ".apps/" + c.deployment() + " scaled to " + c.replicas();
        }
        if (command instanceof Command.RolloutRestart c) {
            cluster.rolloutRestart(c.namespace(), c.kind(), c.deployment());
            return c.kind() + ".apps/" + c.deployment() + " restarted";
        }
        if (command instanceof Command.Cordon c) {
            cluster.cordon(c.node(), true);
            return "node/" + c.node() + " cordoned";
        }
        if (command instanceof Command.Uncordon c) {
            cluster.cordon(c.node(), false);
            return "node/" + c.node() + " uncordoned";
        }
        if (command instanceof Command.Drain c) {
            ClusterOperations.DrainResult r = cluster.drain(c.node(), new ClusterOperations.DrainOptions(c.ignoreDaemonSets(),
                    c.deleteEmptyDirData(), c.force(), c.gracePeriod().orElse(Duration.ofSeconds(30)),
                    c.timeout().orElse(rolloutTimeout)));
            return r.message() + " (" + r.evicted().size() + " pods evicted)";
        }
        if (command instanceof Command.Get c) {
            return cluster.resources(new ClusterOperations.ResourceQuery(c.kind(), c.namespace(), c.name(), c.selector(),
                    c.fieldSelector(), c.sortBy())).size() + " " + c.kind();
        }
        if (command instanceof Command.Describe c) {
            return cluster.resources(new ClusterOperations.ResourceQuery(c.kind(), c.namespace(), c.name(), c.selector(),
                    Optional.empty(), Optional.empty())).size() + " " + c.kind() + " described";
        }
        if (command instanceof Command.PodLogs c) {
            return cluster.podLogs(c.namespace(), c.pod(), new ClusterOperations.LogOptions(c.container(), c.previous(), c.tail(),
                    c.since().orElse(logWindow), c.grep().orElse(""), LOG_LIMIT)).size() + " log lines";
        }
        if (command instanceof Command.Top c) {
            return cluster.usage(new ClusterOperations.UsageQuery(c.nodes(), c.namespace(), c.name(), c.selector(), c.containers()))
                    .stream().map(RunbookRunner::usage).toList().toString();
        }
        if (command instanceof Command.Query c) {
            return c.promql() + " = " + metrics.read(c.promql(), Map.of(), clock.instant(), sampleInterval).map(Object::toString)
                    .orElse("no data");
        }
        if (command instanceof Command.DeletePods c) {
            List<String> names = c.names().isEmpty()
                    ? cluster.pods(c.namespace(), c.selector()).stream().map(Pod::name).toList() : c.names();
            return "deleted " + cluster.deletePods(c.namespace(), names, c.gracePeriod().orElse(Duration.ofSeconds(30)));
        }
        if (command instanceof Command.ListPods c) {
            return cluster.pods(c.namespace(), c.selector()).size() + " pods";
        }
        if (command instanceof Command.RolloutHistory c) {
            return cluster.rolloutHistory(c.namespace(), c.kind(), c.deployment()).size() + " revisions";
        }
        if (command instanceof Command.Logs c) {
            return readLogs(c, c.since().orElse(logWindow)).size() + " log lines";
        }
        if (command instanceof Command.PostgresReady c) {
            return probeOrFail(probe.postgresReady(c.host(), c.port(), probeTimeout));
        }
        if (command instanceof Command.RedisPing c) {
            return probeOrFail(probe.redisPing(c.host(), c.port(), probeTimeout));
        }
        if (command instanceof Command.HttpStatus c) {
            return probeOrFail(probe.httpStatus(c.url(), probeTimeout));
        }
        throw new ManualStep(((Command.Manual) command).text());
    }

    private static String probeOrFail(DependencyProbe.Result r) {
        if (!r.up()) {
            throw new OperationFailed("dependency is down: " + r.answer());
        }
        return r.answer();
    }

    /**
     * Polls rollout status until done, failed, or the timeout passes, like {@code kubectl rollout status}.
     * The clock is read after every observation: an answer that arrives after the deadline (a status call
     * that hung) counts as a timeout even when it says done, because {@code kubectl rollout status
     * --timeout} would have given up at the deadline and never seen it. An answer at the deadline exactly
     * still counts.
     */
    private String awaitRollout(String namespace, String deployment, Duration timeout) {
        return awaitRollout(namespace, "deployment", deployment, timeout);
    }

    private String awaitRollout(String namespace, String kind, String deployment, Duration timeout) {
        Instant deadline = clock.instant().plus(timeout);
        String lastMessage = "";
        while (true) {
            ClusterOperations.RolloutStatus s = cluster.rolloutStatus(namespace, kind, deployment);
            if (!s.message().equals(lastMessage)) {
                record("rollout status", s.message());
                lastMessage = s.message();
            }
            Instant answered = clock.instant();
            if (answered.isAfter(deadline)) {
                throw new OperationFailed("rollout of deployment/" + deployment + " did not finish within "
                        + Durations.format(timeout) + ": the status call answered only at " + answered + ", "
                        + Durations.format(Duration.between(deadline, answered)) + " after the deadline; last status: "
                        + s.message());
            }
            if (s.done()) {
                return s.message();
            }
            if (s.failed()) {
                throw new OperationFailed("rollout of deployment/" + deployment + " failed: " + s.message());
            }
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                throw new OperationFailed("rollout of deployment/" + deployment + " did not finish within "
                        + Durations.format(timeout) + ": " + s.message());
            }
            timers.sleep(left.compareTo(pollInterval) < 0 ? left : pollInterval);
        }
    }

    /** An operation ended unsuccessfully without an exception from the SPI. */
    private static final class OperationFailed extends io.github.incident4j.Incident4jException {
        private static final long serialVersionUID = 1L;

        OperationFailed(String message) {
            super(message);
        }
    }

    /** A manual command in a mitigation: handed to the operator. */
    private static final class ManualStep extends io.github.incident4j.Incident4jException {
        private static final long serialVersionUID = 1L;

        ManualStep(String text) {
            super(text);
        }
    }

    // ---- recovery --------------------------------------------------------------------------------

    /**
     * Verifies recovery over the hold window starting at {@code since}: samples every metric criterion
     * (and the error logs for "No new error log entries") at {@code since}, then every sample interval up
     * to {@code since + hold}, waiting through {@link Timers#sleep} for instants still ahead. Stops at
     * the first failure.
     *
     * @throws ValidationException when a variable is unbound or unsafe, before anything is read
     */
    public RecoveryReport verifyRecovery(Runbook runbook, Bindings bindings, Instant since) {
        Problems problems = new Problems();
        String ns = namespace(runbook, bindings, problems);
        Command.Logs logs = errorLogs(runbook, bindings, ns, problems);
        problems.throwIfAny("bindings for runbook '" + runbook.service() + "'");
        Duration hold = runbook.holdDuration();
        Instant end = since.plus(hold);
        Map<String, String> labels = Map.of("service", runbook.service());
        List<RecoveryCriterion> criteria = runbook.recovery();
        int[] samples = new int[criteria.size()];
        record("recovery verification started", runbook.service() + ": " + criteria.size() + " criteria over "
                + Durations.format(hold) + " from " + since);
        for (Instant t = since; !t.isAfter(end); t = t.plus(sampleInterval)) {
            Instant now = clock.instant();
            if (now.isBefore(t)) {
                timers.sleep(Duration.between(now, t));
            }
            for (int i = 0; i < criteria.size(); i++) {
                RecoveryCriterion c = criteria.get(i);
                Optional<Miss> failed = Optional.empty();
                if (c.kind() == RecoveryCriterion.Kind.METRIC) {
                    failed = metricFails(c.condition().orElseThrow(), labels, t);
                } else if (c.kind() == RecoveryCriterion.Kind.NO_NEW_ERROR_LOGS) {
                    failed = logFails(logs, since, t);
                }
                if (c.kind() == RecoveryCriterion.Kind.METRIC || c.kind() == RecoveryCriterion.Kind.NO_NEW_ERROR_LOGS) {
                    samples[i]++;
                }
                if (failed.isPresent()) {
                    Instant at = failed.get().at();
                    String value = failed.get().value();
                    record("recovery criterion failed", c.text() + ": " + value + " at " + at);
                    RecoveryReport report = new RecoveryReport(false, since, t, hold,
                            results(criteria, samples, i, at, value, failed.get().detail(), false));
                    record("recovery not verified", c.text() + " failed at " + at + " with " + value);
                    return report;
                }
            }
            if (t.equals(end)) {
                break;
            }
            if (t.plus(sampleInterval).isAfter(end)) {
                t = end.minus(sampleInterval);
            }
        }
        RecoveryReport report = new RecoveryReport(true, since, end, hold, results(criteria, samples, -1, since, "", "", true));
        record("recovery verified", runbook.service() + ": every criterion held for " + Durations.format(hold));
        return report;
    }

    /** A criterion missed: when, with what value, and why. */
    private record Miss(Instant at, String value, String detail) {
    }

    private Optional<Miss> metricFails(Condition condition, Map<String, String> labels, Instant t) {
        Optional<Quantity> value;
        try {
            value = metrics.read(condition.metricKey(), labels, t, sampleInterval);
        } catch (RuntimeException e) {
            LOG.warn("metrics source failed for {}", condition.metricKey(), e);
            return Optional.of(new Miss(t, "error: " + e.getMessage(), "the metrics source failed"));
        }
        if (value.isEmpty()) {
            return Optional.of(new Miss(t, "no data", "no value for '" + condition.metricKey() + "'"));
        }
        try {
            if (condition.holdsFor(value.get())) {
                return Optional.empty();
            }
        } catch (ValidationException e) {
            return Optional.of(new Miss(t, value.get().toString(), e.getMessage()));
        }
        return Optional.of(new Miss(t, value.get().toString(),
                condition.metric() + " was " + value.get() + ", needs " + condition.comparator().symbol() + " " + condition.threshold()));
    }

    private Optional<Miss> logFails(Command.Logs logs, Instant since, Instant t) {
        Duration back = Duration.between(since, clock.instant());
        if (back.isNegative() || back.isZero()) {
            return Optional.empty();
        }
        try {
            Optional<LogLine> first = cluster.logs(logs.namespace(), logs.selector(), back, logs.grep().orElse("ERROR"), LOG_LIMIT)
                    .stream().filter(l -> !l.at().isBefore(since) && !l.at().isAfter(t)).min(Comparator.comparing(LogLine::at));
            return first.map(l -> new Miss(l.at(), l.pod() + ": " + l.text(), "a new error log line"));
        } catch (RuntimeException e) {
            return Optional.of(new Miss(t, "error: " + e.getMessage(), "the logs could not be read"));
        }
    }

    private static List<CriterionResult> results(List<RecoveryCriterion> criteria, int[] samples, int failedIndex, Instant at,
                                                 String value, String detail, boolean complete) {
        List<CriterionResult> out = new ArrayList<>();
        for (int i = 0; i < criteria.size(); i++) {
            RecoveryCriterion c = criteria.get(i);
            boolean checked = c.kind() == RecoveryCriterion.Kind.METRIC || c.kind() == RecoveryCriterion.Kind.NO_NEW_ERROR_LOGS;
            if (i == failedIndex) {
                out.add(new CriterionResult(c, RecoveryReport.Status.FAILED, samples[i], Optional.of(at), Optional.of(value), detail));
            } else if (!checked) {
                out.add(new CriterionResult(c, RecoveryReport.Status.NOT_CHECKED, 0, Optional.empty(), Optional.empty(),
                        c.kind() == RecoveryCriterion.Kind.HOLD ? "states the hold window" : "for a person to confirm"));
            } else {
                out.add(new CriterionResult(c, complete ? RecoveryReport.Status.HELD : RecoveryReport.Status.INTERRUPTED, samples[i],
                        Optional.empty(), Optional.empty(), complete ? "held at every sample" : "held until verification stopped"));
            }
        }
        return out;
    }

    /** The logs to watch: the runbook's first {@code logs | grep} command, else the service's pods and ERROR. */
    private static Command.Logs errorLogs(Runbook runbook, Bindings bindings, String ns, Problems problems) {
        for (String template : runbook.commandTemplates()) {
            Optional<Command> c = bindCommand(template, "logs", bindings, ns, problems);
            if (c.isPresent() && c.get() instanceof Command.Logs l && l.grep().isPresent()) {
                return l;
            }
        }
        return new Command.Logs(ns, Map.of("app", safeLabel(runbook.service())), Optional.empty(), Optional.of("ERROR"));
    }

    private static String safeLabel(String service) {
        try {
            Values.checkLabelValue(service);
            return service;
        } catch (ValidationException e) {
            return "";
        }
    }

    private void record(String action, String detail) {
        try {
            timeline.record(clock.instant(), ACTOR, action, detail);
        } catch (RuntimeException e) {
            LOG.warn("timeline sink failed for '{}'", action, e);
        }
    }

    private static String selectorText(Map<String, String> selector) {
        return selector.isEmpty() ? "every pod" : String.join(",", selector.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    /**
     * Configures a {@link RunbookRunner}. {@link #build()} reports every missing part at once.
     */
    public static final class Builder {
        private @Nullable Clock clock;
        private @Nullable Timers timers;
        private @Nullable ClusterOperations cluster;
        private @Nullable DependencyProbe probe;
        private @Nullable MetricsSource metrics;
        private Approver approver = Approver.DENY_ALL;
        private TimelineSink timeline = TimelineSink.NOOP;
        private Duration rolloutTimeout = Duration.ofMinutes(5);
        private Duration pollInterval = Duration.ofSeconds(2);
        private Duration sampleInterval = Duration.ofMinutes(1);
        private Duration probeTimeout = Duration.ofSeconds(2);
        private Duration recentDeployment = Duration.ofHours(1);
        private Duration logWindow = Duration.ofMinutes(10);

        private Builder() {
        }

        /** Where time comes from; default the {@linkplain Timers#clock() timers' clock}. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** How the runner waits (required). */
        public Builder timers(Timers timers) {
            this.timers = timers;
            return this;
        }

        /** The cluster (required). */
        public Builder cluster(ClusterOperations cluster) {
            this.cluster = cluster;
            return this;
        }

        /** The dependency probe (required). */
        public Builder probe(DependencyProbe probe) {
            this.probe = probe;
            return this;
        }

        /** The metrics (required). */
        public Builder metrics(MetricsSource metrics) {
            this.metrics = metrics;
            return this;
        }

        /** Who approves mitigations; {@link Approver#DENY_ALL} by default. */
        public Builder approver(Approver approver) {
            this.approver = Objects.requireNonNull(approver, "approver");
            return this;
        }

        /** Where steps are recorded; {@link TimelineSink#NOOP} by default. */
        public Builder timeline(TimelineSink timeline) {
            this.timeline = Objects.requireNonNull(timeline, "timeline");
            return this;
        }

        /** How long a rollback waits for its rollout by default (5m; a {@code --timeout} wins). */
        public Builder rolloutTimeout(Duration timeout) {
            this.rolloutTimeout = timeout;
            return this;
        }

        /** How often rollout status is polled (2s). */
        public Builder pollInterval(Duration interval) {
            this.pollInterval = interval;
            return this;
        }

        /** How often recovery criteria are sampled (1m). */
        public Builder sampleInterval(Duration interval) {
            this.sampleInterval = interval;
            return this;
        }

        /** How long a dependency probe may take (2s). */
        public Builder probeTimeout(Duration timeout) {
            this.probeTimeout = timeout;
            return this;
        }

        /** How young a revision must be to be reported as a suspect deployment (1h). */
        public Builder recentDeploymentWindow(Duration window) {
            this.recentDeployment = window;
            return this;
        }

        /** How far back {@code kubectl logs} without {@code --since} looks (10m). */
        public Builder logWindow(Duration window) {
            this.logWindow = window;
            return this;
        }

        /**
         * The runner.
         *
         * @throws ValidationException naming every missing part and bad duration
         */
        public RunbookRunner build() {
            Problems p = new Problems();
            p.check(timers != null, "timers", null, "is required");
            p.check(cluster != null, "cluster", null, "is required");
            p.check(probe != null, "probe", null, "is required");
            p.check(metrics != null, "metrics", null, "is required");
            positive(p, "rolloutTimeout", rolloutTimeout);
            positive(p, "pollInterval", pollInterval);
            positive(p, "sampleInterval", sampleInterval);
            positive(p, "probeTimeout", probeTimeout);
            positive(p, "recentDeploymentWindow", recentDeployment);
            positive(p, "logWindow", logWindow);
            p.throwIfAny("runbook runner");
            return new RunbookRunner(this);
        }

        private static void positive(Problems p, String field, @Nullable Duration d) {
            p.check(d != null && !d.isNegative() && !d.isZero(), field, d, "must be positive");
        }
    }
}
