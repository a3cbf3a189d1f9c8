package io.github.incident4j.examples.scenario;

import static io.github.incident4j.examples.scenario.SimulatedPaymentService.NAMESPACE;
import static io.github.incident4j.examples.scenario.SimulatedPaymentService.SERVICE;

import io.github.incident4j.chaos.BlastRadiusGuard;
import io.github.incident4j.chaos.ChaosExperiment;
import io.github.incident4j.chaos.ChaosRunner;
import io.github.incident4j.chaos.ExperimentResult;
import io.github.incident4j.chaos.Tolerance;
import io.github.incident4j.common.Condition;
import io.github.incident4j.common.Durations;
import io.github.incident4j.common.Finding;
import io.github.incident4j.common.TimelineSink;
import io.github.incident4j.escalation.EscalationMatrix;
import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.escalation.Target;
import io.github.incident4j.format.PostmortemMarkdown;
import io.github.incident4j.incident.Alert;
import io.github.incident4j.runbook.AlertRule;
import io.github.incident4j.incident.Incident;
import io.github.incident4j.incident.IncidentId;
import io.github.incident4j.incident.IncidentManager;
import io.github.incident4j.incident.Roster;
import io.github.incident4j.incident.TimelineEvent;
import io.github.incident4j.oncall.Participant;
import io.github.incident4j.oncall.Schedule;
import io.github.incident4j.postmortem.ChangeEvent;
import io.github.incident4j.postmortem.KeyTimes;
import io.github.incident4j.postmortem.Postmortem;
import io.github.incident4j.postmortem.PostmortemDrafter;
import io.github.incident4j.postmortem.PostmortemLint;
import io.github.incident4j.runbook.Bindings;
import io.github.incident4j.runbook.Command;
import io.github.incident4j.runbook.DiagnosisReport;
import io.github.incident4j.runbook.MitigationReport;
import io.github.incident4j.runbook.RecoveryReport;
import io.github.incident4j.runbook.Runbook;
import io.github.incident4j.runbook.RunbookRunner;
import io.github.incident4j.sim.RecordingPager;
import io.github.incident4j.sim.VirtualTime;
import io.github.incident4j.spi.Approver;
import io.github.incident4j.spi.ClusterOperations;
import io.github.incident4j.spi.DataIntegrityCheck;
import io.github.incident4j.spi.Page;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * One play of the scenario: builds the simulation from the seed documents, runs the six steps in virtual
 * time, records what happened as {@link ScenarioEvent}s and checks every step's expectation.
 */
final class ScenarioRun {

    /** The escalation-matrix category of this incident. */
    static final String CATEGORY = "App crash";
    static final String SEVERITY = "SEV-2";
    static final String LEAD = "Dana";
    static final String VP = "Victor";
    static final String ROLLBACK = "Rollback deployment";

    /** How often the alert condition is evaluated, like a Prometheus rule's evaluation interval. */
    static final Duration EVALUATION_INTERVAL = Duration.ofSeconds(30);
    /** The service has run its current revision this long before the scenario starts. */
    static final Duration UPTIME_BEFORE_START = Duration.ofDays(1);
    /** Payments already settled in the simulated ledger the chaos experiment must not lose. */
    static final int SETTLED_PAYMENTS = 1200;

    /**
     * What the play produced.
     *
     * @param events everything reported, in order
     * @param failures each expectation that did not hold, one sentence each
     * @param postmortem the draft's file, if one was written
     */
    record Outcome(List<ScenarioEvent> events, List<String> failures, Optional<Path> postmortem) {
        Outcome {
            events = List.copyOf(events);
            failures = List.copyOf(failures);
        }

        int exitCode() {
            return failures.isEmpty() ? 0 : 1;
        }
    }

    private final ScenarioOptions options;
    private final List<ScenarioEvent> events = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private final VirtualTime time;
    private final SimulatedPaymentService service;
    private final RecordingPager pager = new RecordingPager();
    private final IncidentId incidentId;
    private final Duration timeToAcknowledge;
    private @Nullable SeedDocuments seeds;
    private @Nullable IncidentManager manager;
    private int step;
    private int timelineSeen;
    private final Consumer<SimulatedPaymentService> beforeDiagnosis;
    private @Nullable Path postmortem;
    private Instant deployedAt;

    private ScenarioRun(ScenarioOptions options, Consumer<SimulatedPaymentService> beforeDiagnosis) {
        this.options = options;
        this.beforeDiagnosis = beforeDiagnosis;
        this.time = VirtualTime.startingAt(options.start().minus(UPTIME_BEFORE_START));
        this.service = new SimulatedPaymentService(time);
        time.advanceTo(options.start());
        this.deployedAt = options.start();
        // the only randomness, drawn up front so the same seed always gives the same run
        Random random = new Random(options.seed());
        this.incidentId = IncidentId.of(String.format(Locale.ROOT, "INC-%04d", random.nextInt(10_000)));
        this.timeToAcknowledge = Duration.ofMinutes(1 + random.nextInt(4));
    }

    /** Plays the whole scenario; an unexpected exception ends it with a failure, never a stack trace alone. */
    static Outcome play(ScenarioOptions options) {
        return play(options, service -> { });
    }

    /**
     * Plays the scenario, changing the simulation just before the diagnosis with {@code beforeDiagnosis}: for
     * tests that a step which does not behave as expected is reported (e.g. a paused deployment refuses the
     * rollback).
     */
    static Outcome play(ScenarioOptions options, Consumer<SimulatedPaymentService> beforeDiagnosis) {
        ScenarioRun run = new ScenarioRun(options, beforeDiagnosis);
        try {
            run.all();
        } catch (RuntimeException e) {
            run.failures.add("the scenario stopped in step " + run.step + ": " + e);
            run.emit("ERROR", "stopped: " + e, List.of(), fields("exception", e.getClass().getName()));
        }
        run.result();
        return new Outcome(run.events, run.failures, Optional.ofNullable(run.postmortem));
    }

    private void all() {
        SeedDocuments docs = setTheScene();
        Instant firedAt = detect(docs);
        if (firedAt == null) {
            return;
        }
        String onCall = escalate(docs, firedAt);
        MitigationReport rollback = diagnoseAndRollBack(docs, onCall);
        if (rollback.status() != MitigationReport.Status.COMPLETED) {
            return;
        }
        verifyRecovery(docs, rollback.finishedAt());
        resolveAndDraft(onCall);
        if (options.chaos()) {
            chaos(docs);
        }
    }

    // ---- 0: the seeds and the simulation -------------------------------------------------------

    private SeedDocuments setTheScene() {
        step = 0;
        SeedDocuments docs = SeedDocuments.load(SERVICE);
        seeds = docs;
        Schedule schedule = docs.oncall().schedule();
        EscalationPolicy policy = docs.oncall().escalationPolicy();
        emit("LOAD", SeedDocuments.ROTATION + ": " + schedule.name() + ", weekly, "
                + schedule.layers().get(0).participants().stream().map(Participant::name).collect(Collectors.joining(", "))
                + "; policy " + policy.levels().stream().map(ScenarioRun::levelText).collect(Collectors.joining(" → ")));
        emit("LOAD", SeedDocuments.MATRIX + ": " + docs.matrix().categories().size() + " categories × "
                + docs.matrix().tiers().size() + " tiers; this incident is '" + CATEGORY + "': "
                + docs.matrix().tiers().stream().map(t -> t + " " + docs.matrix().response(CATEGORY, t))
                .collect(Collectors.joining(", ")));
        Runbook runbook = docs.runbook();
        emit("LOAD", SeedDocuments.RUNBOOK + ": alert " + runbook.alerts().get(0).name() + " ("
                + runbook.alerts().get(0).conditionText() + "), " + runbook.diagnosis().size() + " diagnosis steps, "
                + runbook.mitigations().size() + " mitigations, " + runbook.recovery().size()
                + " recovery criteria held for " + Durations.format(runbook.holdDuration()));
        emit("BIND", "the runbook is written for '" + SeedDocuments.RUNBOOK_PLACEHOLDER + "' and has no ${...} variables:"
                + " the scenario parses a copy with its " + docs.runbookPlaceholders() + " occurrences of '"
                + SeedDocuments.RUNBOOK_PLACEHOLDER + "' replaced by '" + SERVICE + "'");
        ChaosExperiment chaos = docs.chaos();
        emit("LOAD", SeedDocuments.CHAOS + ": " + chaos.name() + " on " + chaos.app().namespace() + "/"
                + chaos.app().labelSelector() + ", hypothesis: " + chaos.hypothesis().tolerances().stream()
                .map(Tolerance::text).collect(Collectors.joining("; ")));
        emit("LOAD", SeedDocuments.POSTMORTEM + ": the team's template (its placeholders read as absent), "
                + docs.postmortemTemplate().timeline().size() + " example timeline rows, "
                + docs.postmortemTemplate().actionItems().size() + " example action items");
        emit("ROSTER", "engineering_lead = " + LEAD + ", vp_engineering = " + VP
                + " (the rotation names these roles; the host says who fills them)");
        emit("CLUSTER", "SimulatedCluster: deployment " + NAMESPACE + "/" + SERVICE + ", " + SimulatedPaymentService.REPLICAS
                + " replicas of " + SimulatedPaymentService.GOOD_IMAGE + " (" + SimulatedPaymentService.GOOD_CAUSE
                + ", a day ago), " + service.readyPods() + " ready");
        emit("METRIC", "error rate " + service.errorRate() + ", latency p99 " + service.latency() + " (baseline)");
        emit("ONCALL", schedule.onCallAt(time.now()).orElse("nobody") + " is on call for " + schedule.name());
        manager = IncidentManager.builder().timers(time).pager(pager)
                .roster(Roster.builder().schedule(schedule).role("engineering_lead", LEAD).role("vp_engineering", VP).build())
                .matrix(docs.matrix())
                .ids(() -> incidentId)
                .build();
        return docs;
    }

    private static String levelText(io.github.incident4j.escalation.EscalationLevel level) {
        String who = level.targets().stream().map(ScenarioRun::targetText).collect(Collectors.joining(" + "));
        return "L" + level.number() + " " + who + level.timeout().map(d -> " (" + Durations.format(d) + ")").orElse("");
    }

    private static String targetText(Target t) {
        return t instanceof Target.OnCall o ? "on call for " + o.schedule() : t.name();
    }

    // ---- 1: detection ---------------------------------------------------------------------------

    private @Nullable Instant detect(SeedDocuments docs) {
        step = 1;
        deployedAt = time.now();
        service.deployBadRevision();
        long revision = service.cluster().rolloutHistory(NAMESPACE, SERVICE).stream()
                .mapToLong(ClusterOperations.Revision::number).max().orElse(0);
        emit("DEPLOY", SERVICE + " → " + SimulatedPaymentService.BAD_IMAGE + " (revision " + revision + ", \""
                + SimulatedPaymentService.BAD_CAUSE + "\"); its pods fail on start", List.of(),
                fields("image", SimulatedPaymentService.BAD_IMAGE, "revision", revision));
        AlertRule rule = docs.runbook().alerts().get(0);
        Condition condition = rule.condition().orElseThrow(() -> new IllegalStateException(
                "the runbook's alert '" + rule.name() + "' has no condition: " + rule.conditionText()));
        Duration sustain = condition.sustain().orElse(Duration.ZERO);
        ConditionWatch watch = new ConditionWatch(condition, service.metrics(), Map.of("service", SERVICE), EVALUATION_INTERVAL);
        ConditionWatch.Result result = watch.watch(time, sustain.plus(Duration.ofMinutes(30)), change -> {
            String value = change.value().map(Object::toString).orElse("no data");
            Map<String, Object> data = fields("metric", condition.metricKey(), "value", value, "holding", change.holding());
            if (change.fired()) {
                emitAt(change.at(), "ALERT", rule.name() + " fires: " + condition + " has held since "
                        + Narrative.clock(change.heldSince().orElseThrow()) + " (now " + value + ")", List.of(), data);
            } else if (change.holding()) {
                emitAt(change.at(), "METRIC", condition.metricKey() + " " + value + " " + condition.comparator().symbol() + " "
                        + condition.threshold() + ": " + rule.name() + " pending for " + Durations.format(sustain), List.of(), data);
            } else {
                emitAt(change.at(), "METRIC", condition.metricKey() + " back to " + value + "; " + rule.name()
                        + " no longer pending", List.of(), data);
            }
        });
        Instant expected = deployedAt.plus(sustain);
        Optional<Instant> fired = result.firedAt();
        check(fired.isPresent() && !fired.get().isBefore(expected) && fired.get().isBefore(expected.plus(EVALUATION_INTERVAL)),
                rule.name() + " fired " + Durations.format(sustain) + " after the bad deployment, once its condition had held for "
                        + Durations.format(sustain),
                fired.map(t -> "fired at " + t).orElse("did not fire within " + result.samples() + " samples"));
        return fired.orElse(null);
    }

    // ---- 2: incident and escalation --------------------------------------------------------------

    private String escalate(SeedDocuments docs, Instant firedAt) {
        step = 2;
        Schedule schedule = docs.oncall().schedule();
        EscalationPolicy policy = docs.oncall().escalationPolicy();
        String onCall = schedule.onCallAt(firedAt).orElseThrow(() -> new IllegalStateException(
                schedule.name() + " has nobody on call at " + firedAt));
        Condition condition = docs.runbook().alerts().get(0).condition().orElseThrow();
        Alert alert = Alert.withKey(docs.runbook().alerts().get(0).name() + "/" + SERVICE).service(SERVICE)
                .summary(condition + " on " + SERVICE)
                .severity(SEVERITY).category(CATEGORY).label("alertname", docs.runbook().alerts().get(0).name()).build();
        manager().trigger(alert, policy);
        drainTimeline(policy);
        // nobody answers level 1: the engine escalates after the on-call's escalation delay (else the level's timeout)
        Duration levelOneWait = schedule.participant(onCall).flatMap(Participant::escalationDelay)
                .or(() -> policy.level(1).timeout()).orElseThrow();
        time.advanceTo(firedAt.plus(levelOneWait));
        drainTimeline(policy);

        EscalationMatrix matrix = docs.matrix();
        List<Page> pages = pager.pages();
        check(pages.size() >= 1 && page(pages.get(0), onCall, 1, firedAt, matrix.responseAtLevel(CATEGORY, 1).orElse("")),
                "level 1 paged " + onCall + ", on call at " + Narrative.clock(firedAt) + ", with the matrix response '"
                        + matrix.responseAtLevel(CATEGORY, 1).orElse("") + "'", pagesText(pages));
        check(pages.size() == 2 && page(pages.get(1), LEAD, 2, firedAt.plus(levelOneWait),
                        matrix.responseAtLevel(CATEGORY, 2).orElse("")),
                "nobody answered, so level 2 paged " + LEAD + " (engineering_lead) after " + Durations.format(levelOneWait)
                        + " with the matrix response '" + matrix.responseAtLevel(CATEGORY, 2).orElse("") + "'", pagesText(pages));
        return onCall;
    }

    private static boolean page(Page p, String recipient, int level, Instant at, String response) {
        return p.recipient().equals(recipient) && p.level() == level && p.at().equals(at) && response.equals(p.response());
    }

    private static String pagesText(List<Page> pages) {
        return "pages: " + pages.stream().map(p -> "L" + p.level() + " " + p.recipient() + " at " + p.at() + " (" + p.response() + ")")
                .toList();
    }

    // ---- 3: acknowledgement, diagnosis, rollback -------------------------------------------------

    private MitigationReport diagnoseAndRollBack(SeedDocuments docs, String onCall) {
        step = 3;
        beforeDiagnosis.accept(service);
        EscalationPolicy policy = docs.oncall().escalationPolicy();
        time.advance(timeToAcknowledge);
        manager().acknowledge(incidentId, onCall);
        drainTimeline(policy);
        check(manager().find(incidentId).orElseThrow().acknowledgedAt().isPresent(), onCall + " acknowledged", "");

        Runbook runbook = docs.runbook();
        RunbookRunner.Builder runner = RunbookRunner.builder().timers(time)
                .cluster(service.cluster()).probe(io.github.incident4j.sim.SimulatedDependencies.allHealthy())
                .metrics(service.metrics())
                .timeline(tee(manager().timelineSink(incidentId)));
        DiagnosisReport diagnosis = runner.build().diagnose(runbook, Bindings.empty());
        emit("DIAGNOSE", "the runbook's diagnosis for " + diagnosis.service() + ": " + diagnosis.steps().size() + " steps");
        for (DiagnosisReport.Step s : diagnosis.allSteps()) {
            if (!s.substeps().isEmpty()) {
                continue;
            }
            List<String> evidence = s.outcome() == DiagnosisReport.Outcome.OK ? List.of() : firstLines(s.evidence(), 3);
            emitAt(diagnosis.finishedAt(), switch (s.outcome()) {
                        case PROBLEM -> "FOUND";
                        case OK -> "OK";
                        case MANUAL -> "MANUAL";
                        case ERROR -> "ERROR";
                    },
                    s.number() + " " + s.description() + ": " + s.summary(), evidence,
                    fields("number", s.number(), "outcome", s.outcome().name()));
        }
        Optional<DiagnosisReport.Step> pods = diagnosis.allSteps().stream()
                .filter(s -> s.command().orElse(null) instanceof Command.ListPods).findFirst();
        check(pods.isPresent() && pods.get().outcome() == DiagnosisReport.Outcome.PROBLEM && !pods.get().pods().isEmpty()
                        && pods.get().pods().stream().allMatch(p -> !p.ready() && p.status().equals("CrashLoopBackOff")),
                "diagnosis found every pod of " + SERVICE + " crash-looping",
                pods.map(p -> p.summary()).orElse("no pod step"));
        Optional<DiagnosisReport.Step> history = diagnosis.allSteps().stream()
                .filter(s -> s.command().orElse(null) instanceof Command.RolloutHistory).findFirst();
        check(history.isPresent() && history.get().outcome() == DiagnosisReport.Outcome.PROBLEM
                        && !history.get().revisions().isEmpty()
                        && history.get().revisions().get(0).changeCause().equals(SimulatedPaymentService.BAD_CAUSE),
                "diagnosis reported the recent revision (" + SimulatedPaymentService.BAD_CAUSE + ") as the suspect",
                history.map(DiagnosisReport.Step::summary).orElse("no history step"));

        Approver onCallApproves = request -> {
            emit("APPROVE", onCall + " approves '" + request.action() + "' for " + request.service()
                    + " (the scenario's Approver answers as the on-call)", List.of(), fields("by", onCall));
            return Approver.Decision.approve(onCall, "diagnosis points at the new revision; the runbook says roll back");
        };
        MitigationReport rollback = runner.approver(onCallApproves).build().mitigate(runbook, ROLLBACK, Bindings.empty());
        ClusterOperations.RolloutStatus status = service.cluster().rolloutStatus(NAMESPACE, SERVICE);
        String image = service.cluster().template(NAMESPACE, SERVICE).image();
        check(rollback.status() == MitigationReport.Status.COMPLETED && status.done()
                        && image.equals(SimulatedPaymentService.GOOD_IMAGE) && service.readyPods() == SimulatedPaymentService.REPLICAS,
                "the rollback was approved, performed and its rollout awaited: " + SERVICE + " runs "
                        + SimulatedPaymentService.GOOD_IMAGE + " again, " + SimulatedPaymentService.REPLICAS + " pods ready",
                rollback.status() + ", image " + image + ", " + status.message());
        return rollback;
    }

    private static List<String> firstLines(List<String> lines, int n) {
        if (lines.size() <= n) {
            return lines;
        }
        List<String> first = new ArrayList<>(lines.subList(0, n));
        first.add("… and " + (lines.size() - n) + " more");
        return first;
    }

    /** Runner actions go to the incident's timeline and, for the mitigation, into the narrative as they happen. */
    private TimelineSink tee(TimelineSink incident) {
        return (at, actor, action, detail) -> {
            incident.record(at, actor, action, detail);
            String kind = switch (action) {
                case "rollback" -> "ROLLBACK";
                case "rollout status" -> "ROLLOUT";
                case "mitigation requested", "mitigation completed", "mitigation failed", "mitigation denied" -> "MITIGATE";
                default -> action.startsWith("operation ") ? "MITIGATE" : null;
            };
            if (kind != null) {
                emitAt(at, kind, action.equals("rollout status") || action.equals("rollback") ? detail : action + ": " + detail,
                        List.of(), fields("actor", actor, "action", action));
            }
        };
    }

    // ---- 4: recovery ---------------------------------------------------------------------------

    private void verifyRecovery(SeedDocuments docs, Instant since) {
        step = 4;
        Runbook runbook = docs.runbook();
        RunbookRunner runner = RunbookRunner.builder().timers(time)
                .cluster(service.cluster()).probe(io.github.incident4j.sim.SimulatedDependencies.allHealthy())
                .metrics(service.metrics()).timeline(manager().timelineSink(incidentId)).build();
        emitAt(since, "RECOVERY", "watching " + runbook.recovery().size() + " criteria for " + Durations.format(runbook.holdDuration())
                + " (the runbook's hold), sampling every minute");
        RecoveryReport report = runner.verifyRecovery(runbook, Bindings.empty(), since);
        for (RecoveryReport.CriterionResult c : report.criteria()) {
            emitAt(report.until(), switch (c.status()) {
                        case HELD -> "HELD";
                        case FAILED -> "FAILED";
                        case INTERRUPTED -> "STOPPED";
                        case NOT_CHECKED -> "UNCHECKED";
                    },
                    c.criterion().text() + ": " + c.detail() + (c.samples() > 0 ? " (" + c.samples() + " samples)" : "")
                            + c.observed().map(v -> ", observed " + v).orElse(""),
                    List.of(), fields("status", c.status().name(), "samples", c.samples()));
        }
        emitAt(report.until(), "RECOVERY", report.verified() ? "recovery verified: every criterion held from "
                + Narrative.clock(report.from()) + " to " + Narrative.clock(report.until())
                : "recovery NOT verified: " + report.failure().map(f -> f.criterion().text()).orElse("?"),
                List.of(), fields("verified", report.verified()));
        check(report.verified() && report.hold().equals(Duration.ofMinutes(15)),
                "recovery verified over the runbook's 15-minute hold", "verified " + report.verified() + ", hold "
                        + Durations.format(report.hold()));
        check(pager.pages().size() == 2, "nobody else was paged after the acknowledgement", pagesText(pager.pages()));
    }

    // ---- 5: resolution and postmortem ------------------------------------------------------------

    private void resolveAndDraft(String onCall) {
        step = 5;
        manager().resolve(incidentId, onCall);
        drainTimeline(seeds().oncall().escalationPolicy());
        Incident resolved = manager().find(incidentId).orElseThrow();
        // the deployment is not on the incident's timeline (it happened before the alert): the host names it
        List<ChangeEvent> changes = List.of(ChangeEvent.of(deployedAt, "Deployment " + SimulatedPaymentService.BAD_VERSION
                + " of " + SERVICE + " rolled out (" + SimulatedPaymentService.BAD_IMAGE + ")"));
        PostmortemDrafter drafter = PostmortemDrafter.withDefaults();
        Postmortem draft = drafter.draft(resolved, changes);
        KeyTimes keys = drafter.keyTimes(resolved, changes);
        emit("KEYTIMES", "time to detect " + duration(keys.timeToDetect()) + ", to acknowledge "
                + duration(keys.timeToAcknowledge()) + ", to mitigate " + duration(keys.timeToMitigate())
                + ", to resolve " + Durations.format(keys.timeToResolve()), List.of(),
                fields("detect", duration(keys.timeToDetect()), "acknowledge", duration(keys.timeToAcknowledge()),
                        "mitigate", duration(keys.timeToMitigate()), "resolve", Durations.format(keys.timeToResolve())));
        LocalDate day = LocalDate.ofInstant(resolved.triggeredAt(), ZoneOffset.UTC);
        Path file = options.out().resolve("postmortem-" + day + ".md").toAbsolutePath().normalize();
        String markdown = PostmortemMarkdown.render(draft);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, markdown, StandardCharsets.UTF_8);
        } catch (IOException e) {
            check(false, "a postmortem draft was written", "cannot write " + file + ": " + e.getMessage());
            return;
        }
        postmortem = file;
        emit("DRAFT", "postmortem draft written to " + file, List.of(), fields("path", file.toString()));
        Postmortem readBack;
        try {
            readBack = PostmortemMarkdown.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            check(false, "the postmortem draft parses back", e.toString());
            return;
        }
        check(readBack.equals(draft), "the postmortem draft was written and parses back to the same draft", file.toString());
        List<Finding> findings = PostmortemLint.lint(readBack);
        emit("LINT", findings.isEmpty() ? "no findings" : findings.size() + " finding(s) on the draft, for the people who finish it");
        for (Finding f : findings) {
            emit("LINT", f.toString(), List.of(), fields("level", f.level().name(), "code", f.code(), "location", f.location()));
        }
    }

    // ---- 6: chaos ------------------------------------------------------------------------------

    private void chaos(SeedDocuments docs) {
        step = 6;
        ChaosExperiment experiment = docs.chaos();
        emit("OPT-IN", "chaos in namespace '" + experiment.app().namespace() + "' with BlastRadiusGuard.allowing(\""
                        + NAMESPACE + "\").allowProduction()",
                List.of("the guard refuses a production namespace unless the host opts in; the scenario does because its",
                        "'production' is the in-memory SimulatedCluster: this is a simulation, no real pod is touched"),
                fields("namespace", experiment.app().namespace(), "productionAllowed", true));
        String ledger = SETTLED_PAYMENTS + " settled payments";
        ChaosRunner runner = ChaosRunner.builder().timers(time)
                .cluster(service.cluster()).metrics(service.metrics())
                // the simulated payment ledger lives outside the pods: deleting pods must leave it as it was
                .integrityCheck(DataIntegrityCheck.fingerprint(t -> ledger))
                .guard(BlastRadiusGuard.allowing(NAMESPACE).allowProduction())
                .timeline((at, actor, action, detail) -> {
                    // passing samples during the fault are tallied below rather than listed one by one
                    boolean routine = action.equals("sample passed") && detail.startsWith("during ");
                    if (!action.startsWith("verdict") && !routine) {
                        emitAt(at, "CHAOS", action + ": " + detail, List.of(), fields("action", action));
                    }
                })
                .build();
        ExperimentResult result = runner.run(experiment);
        for (ExperimentResult.Check c : result.checks()) {
            emitAt(result.endedAt(), c.succeeded() ? "HELD" : "FAILED", c.name() + ": " + c.passed() + " of "
                    + (c.passed() + c.failed()) + " samples held", List.of(), fields("passed", c.passed(), "failed", c.failed()));
        }
        emitAt(result.endedAt(), "VERDICT", result.verdict().litmusName() + ": " + result.reason() + " (probe success "
                + result.probeSuccessPercentage() + "%, " + result.injections().size() + " pods deleted)", List.of(),
                fields("verdict", result.verdict().litmusName(), "probeSuccessPercentage", result.probeSuccessPercentage()));
        check(result.verdict() == ExperimentResult.Verdict.PASS, "the chaos experiment's verdict is Pass",
                result.verdict().litmusName() + ": " + result.reason());
    }

    // ---- result and helpers --------------------------------------------------------------------

    private void result() {
        step = 7;
        if (failures.isEmpty()) {
            emit("RESULT", "every step behaved as expected" + (options.chaos() ? "" : " (chaos experiment skipped: --no-chaos)"),
                    List.of(), fields("exitCode", 0));
        } else {
            emit("RESULT", failures.size() + " expectation(s) not met", failures, fields("exitCode", 1));
        }
    }

    /** Narrates the incident's new timeline events (runner actions are narrated where they happen). */
    private void drainTimeline(EscalationPolicy policy) {
        Incident incident = manager().find(incidentId).orElseThrow();
        List<TimelineEvent> timeline = incident.timeline();
        for (int i = timelineSeen; i < timeline.size(); i++) {
            TimelineEvent e = timeline.get(i);
            switch (e.type()) {
                case ACTION -> { }
                case TRIGGERED -> emitAt(e.at(), "OPEN", incidentId + " " + incident.severity().label() + " "
                                + incident.category().orElse("") + ": " + incident.labels().getOrDefault("alertname", "alert")
                                + ", " + incident.alert().summary(), List.of(),
                        fields("incident", incidentId.value()));
                case PAGE_DELIVERED -> {
                    String recipient = String.valueOf(e.recipient());
                    String role = e.level() >= 1 && e.level() <= policy.levels().size()
                            ? policy.level(e.level()).targets().stream().map(ScenarioRun::targetText).collect(Collectors.joining(" + "))
                            : "";
                    String tier = seeds().matrix().tierAtLevel(e.level());
                    Map<String, Object> data = fields("recipient", recipient, "level", e.level(), "pass", e.pass(),
                            "target", role, "tier", tier, "response", e.response() == null ? "" : e.response());
                    emitAt(e.at(), "PAGE", "level " + e.level() + " → " + recipient + ", " + role + " (" + CATEGORY + ": "
                            + e.response() + ")", List.of(), data);
                }
                case ESCALATED -> emitAt(e.at(), "ESCALATE", e.description(), List.of(),
                        fields("level", e.level()));
                case ACKNOWLEDGED -> emitAt(e.at(), "ACK", e.actor() + " acknowledges " + incidentId + "; escalation stops",
                        List.of(), fields("by", e.actor()));
                case RESOLVED -> emitAt(e.at(), "RESOLVE", e.actor() + " resolves " + incidentId, List.of(), fields("by", e.actor()));
                default -> emitAt(e.at(), e.type().name(), e.description(), List.of(), Map.of());
            }
        }
        timelineSeen = timeline.size();
    }

    private void check(boolean ok, String expectation, String detail) {
        emit("CHECK", (ok ? "✓ " : "✗ ") + expectation, ok || detail.isEmpty() ? List.of() : List.of(detail),
                fields("passed", ok));
        if (!ok) {
            failures.add("step " + step + ": " + expectation + (detail.isEmpty() ? "" : " (" + detail + ")"));
        }
    }

    private void emit(String kind, String text) {
        emitAt(time.now(), kind, text, List.of(), Map.of());
    }

    private void emit(String kind, String text, List<String> details, Map<String, Object> data) {
        emitAt(time.now(), kind, text, details, data);
    }

    private void emitAt(Instant at, String kind, String text) {
        emitAt(at, kind, text, List.of(), Map.of());
    }

    private void emitAt(Instant at, String kind, String text, List<String> details, Map<String, Object> data) {
        events.add(new ScenarioEvent(at, step, kind, text, details, data));
    }

    private static String duration(Optional<Duration> d) {
        return d.map(Durations::format).orElse("unknown");
    }

    /** Machine-readable fields in the order written: key, value, key, value... */
    private static Map<String, Object> fields(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private IncidentManager manager() {
        if (manager == null) {
            throw new IllegalStateException("the incident manager is built in the first step");
        }
        return manager;
    }

    private SeedDocuments seeds() {
        if (seeds == null) {
            throw new IllegalStateException("the seeds are loaded in the first step");
        }
        return seeds;
    }
}
