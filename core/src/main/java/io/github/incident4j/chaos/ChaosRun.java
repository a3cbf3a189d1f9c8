package io.github.incident4j.chaos;

import io.github.incident4j.common.Condition;
import io.github.incident4j.common.Quantity;
import io.github.incident4j.common.TimelineSink;
import io.github.incident4j.spi.ClusterException;
import io.github.incident4j.spi.ClusterOperations;
import io.github.incident4j.spi.ClusterOperations.Pod;
import io.github.incident4j.spi.DataIntegrityCheck;
import io.github.incident4j.spi.DependencyProbe;
import io.github.incident4j.spi.FaultInjector;
import io.github.incident4j.spi.MetricsSource;
import io.github.incident4j.spi.Timers;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a {@link ChaosExperiment} as litmus-go 3.x runs a pod-delete experiment (the release followed is named
 * in {@link ChaosRunner}). Each experiment (fault) goes through litmus-go's steps: the optional default health check,
 * the pre-chaos probes (SOT and Edge evaluated in order, Continuous started), the ramp, the chaos loop (targets
 * re-listed at the top of every iteration, deletions, the chaos interval, the wait for the workload's pods to be
 * Running and ready), the ramp again, the post-chaos probes (Continuous and OnChaos closed, EOT and Edge evaluated)
 * and litmus-go's verdict rules. Every wait is a task on the injected {@link Timers} ({@link Agenda}); Continuous
 * and OnChaos probes are chains of their own tasks, beside the chaos.
 */
final class ChaosRun {

    private static final Logger LOG = LoggerFactory.getLogger(ChaosRunner.class);
    private static final String ACTOR = "chaos";
    /** The most iterations the chaos loop makes at one instant before the run is stopped as spinning. */
    private static final int MAX_ITERATIONS_AT_ONE_INSTANT = 1_000;

    /** What the runner was built with. */
    record Config(Clock clock, Timers timers, ClusterOperations cluster, MetricsSource metrics,
                  List<FaultInjector> injectors, @Nullable DataIntegrityCheck integrityCheck,
                  @Nullable DependencyProbe dependencyProbe, BlastRadiusGuard guard, TimelineSink timeline,
                  Supplier<EngineState> engineState, Duration recoveryWindow, Duration metricWindow, long seed,
                  Duration probeResolution) {
    }

    /** How an experiment ended, before litmus-go's result rules turn it into a verdict. */
    enum End {
        /** The experiment ran to its end ({@code resultDetails.Verdict = Pass}, phase Completed). */
        COMPLETED,
        /** A probe with stopOnFailure failed in a pre- or post-chaos phase ({@code RecordAfterFailure}, probe error). */
        PROBE_FAILURE,
        /** Any other failure: no target, pods that did not recover, a failing call ({@code RecordAfterFailure}). */
        ERROR,
        /** The engine was stopped: by the user, or by a Continuous/OnChaos probe with stopOnFailure. */
        STOPPED
    }

    private enum Stage {
        BEFORE(ExperimentResult.Phase.BEFORE), DURING(ExperimentResult.Phase.DURING), AFTER(ExperimentResult.Phase.AFTER);

        final ExperimentResult.Phase phase;

        Stage(ExperimentResult.Phase phase) {
            this.phase = phase;
        }
    }

    private record Outcome(boolean ok, String observed) {
    }

    /** A pod one iteration deletes: its name, and its labels (the selector of its workload's pods). */
    private record Target(String name, Map<String, String> labels) {
        static Target of(Pod pod) {
            return new Target(pod.name(), pod.labels());
        }
    }

    private final Config cfg;
    private final ChaosExperiment experiment;
    private final Instant startedAt;
    private final Agenda agenda;
    private final SplittableRandom random;
    private final Object lock = new Object();
    private final List<CheckState> checks = new ArrayList<>();
    private final List<ExperimentResult.Injection> injections = new ArrayList<>();
    private final List<ExperimentResult.Sample> samples = new ArrayList<>();
    private final List<ExperimentResult.Event> events = new ArrayList<>();
    private final Map<String, DataIntegrityCheck.Snapshot> snapshots = new LinkedHashMap<>();
    private final List<FaultFlow.Result> results = new ArrayList<>();
    private @Nullable FaultFlow current;
    private volatile @Nullable ExperimentResult result;

    ChaosRun(Config cfg, ChaosExperiment experiment) {
        this.cfg = cfg;
        this.experiment = experiment;
        this.startedAt = cfg.clock().instant();
        this.random = new SplittableRandom(cfg.seed());
        this.agenda = new Agenda(cfg.timers(), cfg.clock(), this::crashed);
    }

    // ------------------------------------------------------------------------------------------------ the driver

    /**
     * Runs to the verdict: schedules the first step, then lets time pass through the timers, exactly until the next
     * task of this run each time, until the run has a result.
     */
    ExperimentResult execute() {
        note("experiment started", experiment.name() + " on " + experiment.app().namespace() + "/"
                + experiment.app().labelSelector());
        Optional<String> refused = refusal();
        if (refused.isPresent()) {
            registerAll();
            return complete(End.STOPPED, refused.get());
        }
        for (Fault f : experiment.faults()) {
            if (injectorFor(f).isEmpty()) {
                registerAll();
                return complete(End.ERROR, "no fault injector supports '" + f.name() + "'");
            }
        }
        agenda.after(Duration.ZERO, () -> startFault(0));
        while (result == null) {
            Optional<Instant> next = agenda.nextWake();
            if (next.isEmpty()) {
                if (agenda.busy()) {
                    cfg.timers().sleep(Duration.ofMillis(10)); // real timers: a task runs on another thread
                    continue;
                }
                synchronized (lock) {
                    if (result == null) {
                        LOG.error("chaos run {} has nothing left to wait for and no verdict", experiment.name());
                        endFault(End.ERROR, "internal: the run stalled with nothing scheduled");
                    }
                }
                continue;
            }
            Duration d = Duration.between(cfg.clock().instant(), next.get());
            cfg.timers().sleep(d.isNegative() ? Duration.ZERO : d);
        }
        return Objects.requireNonNull(result);
    }

    private Optional<String> refusal() {
        if (experiment.engineState() == EngineState.STOP) {
            return Optional.of("engineState is stop");
        }
        return cfg.guard().refusal(experiment.app().namespace()).map(r -> "refused by the blast-radius guard: " + r);
    }

    Optional<FaultInjector> injectorFor(Fault fault) {
        return cfg.injectors().stream().filter(i -> i.supports(fault.name())).findFirst();
    }

    private void crashed(RuntimeException e) {
        LOG.error("chaos run {} failed unexpectedly", experiment.name(), e);
        synchronized (lock) {
            if (result == null) {
                endFault(End.ERROR, "unexpected failure: " + e);
            }
        }
    }

    private void startFault(int index) {
        synchronized (lock) {
            if (result != null) {
                return;
            }
            if (index >= experiment.faults().size()) {
                complete(null, "");
                return;
            }
            current = new FaultFlow(index, experiment.faults().get(index));
        }
        current.start();
    }

    private void endFault(End end, String reason) {
        FaultFlow f = current;
        if (f == null) {
            complete(end, reason);
        } else {
            f.end(end, reason);
        }
    }

    private void faultEnded(FaultFlow.Result r) {
        synchronized (lock) {
            results.add(r);
            if (r.end == End.STOPPED) {
                complete(null, ""); // the engine is stopped: no later experiment runs
                return;
            }
        }
        agenda.after(Duration.ZERO, () -> startFault(r.index + 1));
    }

    /** Registers every check of every fault (for a run that ends before any fault starts). */
    private void registerAll() {
        for (int i = 0; i < experiment.faults().size(); i++) {
            checks.addAll(checksOf(i, experiment.faults().get(i)));
        }
    }

    /**
     * Ends the run: litmus-go's result rules per experiment, combined over the experiments. {@code end} is given
     * when the run ends before any experiment ran (refused).
     */
    private ExperimentResult complete(@Nullable End end, String reason) {
        synchronized (lock) {
            if (result != null) {
                return result;
            }
            agenda.close();
            ExperimentResult.Verdict verdict;
            String why;
            int psp;
            if (end != null) {
                verdict = Verdicts.decide(end, checks);
                why = reason;
                psp = Verdicts.percentage(verdict, checks);
                checks.forEach(c -> c.closeAfter(verdict));
            } else {
                verdict = results.stream().map(r -> r.verdict).max(Verdicts::severity).orElse(ExperimentResult.Verdict.PASS);
                why = results.stream().filter(r -> r.verdict == verdict).map(r -> r.reason).findFirst().orElse("");
                for (int i = results.size(); i < experiment.faults().size(); i++) {
                    checks.addAll(checksOf(i, experiment.faults().get(i))); // not run: the engine was stopped before
                }
                psp = results.size() == 1 && results.size() == experiment.faults().size() ? results.get(0).percentage
                        : Verdicts.percentage(verdict, checks);
                checks.forEach(c -> c.closeAfter(verdict));
            }
            note("verdict " + verdict.litmusName(), why + " (probeSuccessPercentage " + psp + ")");
            if (verdict == ExperimentResult.Verdict.ERROR) {
                LOG.error("chaos experiment {} ended in Error: {}", experiment.name(), why);
            } else if (verdict != ExperimentResult.Verdict.PASS) {
                LOG.warn("chaos experiment {} ended {}: {}", experiment.name(), verdict.litmusName(), why);
            }
            List<ExperimentResult.Check> view = checks.stream().map(CheckState::view).toList();
            result = new ExperimentResult(experiment.name(), experiment.app().namespace(), verdict, why, startedAt,
                    cfg.clock().instant(), view, injections, samples, events, psp);
            return result;
        }
    }

    // ------------------------------------------------------------------------------------------------ checks

    /** The checks of a fault, in the order Litmus runs them: its probes, then (first fault) the hypothesis. */
    private List<CheckState> checksOf(int index, Fault fault) {
        List<CheckState> out = new ArrayList<>();
        for (Probe p : fault.probes()) {
            out.add(CheckState.probe(p, () -> evaluate(p)));
        }
        if (index == 0) {
            for (Tolerance t : experiment.hypothesis().tolerances()) {
                if (t instanceof Tolerance.Metric m) {
                    out.add(CheckState.metric(m, () -> metric(m.condition().metricKey(), m.condition(), null)));
                } else {
                    out.add(CheckState.host(t.text()));
                }
            }
        }
        return out;
    }

    private Outcome evaluate(Probe p) {
        ProbeInputs in = p.inputs();
        if (in instanceof ProbeInputs.Prom prom) {
            Condition.Comparator op = Condition.Comparator.fromText(prom.comparator().criteria()).orElse(null);
            if (op == null) {
                return new Outcome(false, "criteria '" + prom.comparator().criteria() + "' is not a comparison");
            }
            Quantity threshold = Quantity.parse(prom.comparator().value());
            return metric(prom.query(), null, c -> op.test(Quantity.count(c.toBase()), Quantity.count(threshold.toBase())));
        }
        if (in instanceof ProbeInputs.K8s k) {
            if (!k.resource().equals("pods") || !(k.operation().equals("present") || k.operation().equals("absent"))) {
                return new Outcome(false, "only pods present/absent can be checked, not " + k.resource() + " "
                        + k.operation());
            }
            String ns = k.namespace().isEmpty() ? experiment.app().namespace() : k.namespace();
            Map<String, String> selector = k.labelSelector().isEmpty() ? experiment.app().selector()
                    : AppInfo.of(ns, k.labelSelector()).selector();
            int n = cfg.cluster().pods(ns, selector).size();
            boolean ok = k.operation().equals("present") ? n > 0 : n == 0;
            return new Outcome(ok, n + " pods");
        }
        if (in instanceof ProbeInputs.Http http) {
            DependencyProbe probe = cfg.dependencyProbe();
            if (probe == null) {
                return new Outcome(false, "no DependencyProbe is configured for httpProbe");
            }
            DependencyProbe.Result r = probe.httpStatus(URI.create(http.url()), p.runProperties().probeTimeout());
            boolean ok = r.httpStatus().isPresent() && Condition.Comparator.fromText(http.criteria())
                    .map(op -> op.test(Quantity.count(r.httpStatus().getAsInt()),
                            Quantity.count(Double.parseDouble(http.responseCode()))))
                    .orElse(false);
            return new Outcome(ok, r.answer());
        }
        return new Outcome(false, "cmdProbe commands are never run by incident4j; use a host check instead");
    }

    private Outcome metric(String name, @Nullable Condition condition, @Nullable Predicate<Quantity> test) {
        Map<String, String> labels = new LinkedHashMap<>(experiment.app().selector());
        labels.put("namespace", experiment.app().namespace());
        Optional<Quantity> value = cfg.metrics().read(name, labels, cfg.clock().instant(), cfg.metricWindow());
        if (value.isEmpty()) {
            return new Outcome(false, "no data for " + name);
        }
        boolean ok = condition != null ? condition.holdsFor(value.get()) : Objects.requireNonNull(test).test(value.get());
        return new Outcome(ok, name + " = " + value.get());
    }

    private Outcome host(String text, Stage stage) {
        DataIntegrityCheck check = cfg.integrityCheck();
        if (check == null) {
            return new Outcome(false, "no DataIntegrityCheck is configured to verify it");
        }
        if (stage == Stage.BEFORE) {
            DataIntegrityCheck.Snapshot snap = check.snapshot(text);
            synchronized (lock) {
                snapshots.put(text, snap);
            }
            return new Outcome(true, "snapshot " + snap.fingerprint());
        }
        DataIntegrityCheck.Snapshot before;
        synchronized (lock) {
            before = snapshots.get(text);
        }
        if (before == null) {
            return new Outcome(false, "no snapshot was taken before");
        }
        DataIntegrityCheck.Outcome o = check.verify(text, before);
        return new Outcome(o.intact(), o.detail());
    }

    /** A probe or tolerance: how and when it runs, and what Litmus has decided about it. */
    private static final class CheckState {
        final String name;
        final String type;
        final ProbeMode mode;
        final @Nullable RunProperties run;
        final Map<String, Object> extra;
        final @Nullable Supplier<Outcome> check;
        // Written by the probe's own tasks and read by the chaos flow's (another thread with real timers).
        volatile ExperimentResult.ProbeVerdict verdict = ExperimentResult.ProbeVerdict.AWAITED;
        int passed;
        int failed;
        /** Litmus's {@code Stopped} flag: it failed with stopOnFailure. */
        volatile boolean stopped;
        /** A Continuous/OnChaos failure ({@code IsProbeFailedWithError}), read at post-chaos. */
        volatile @Nullable String error;
        volatile boolean loopOver;
        volatile Agenda.@Nullable Handle next;

        private CheckState(String name, String type, ProbeMode mode, @Nullable RunProperties run,
                           Map<String, Object> extra, @Nullable Supplier<Outcome> check) {
            this.name = name;
            this.type = type;
            this.mode = mode;
            this.run = run;
            this.extra = extra;
            this.check = check;
        }

        static CheckState probe(Probe p, Supplier<Outcome> check) {
            return new CheckState(p.name(), p.type(), p.mode(), p.runProperties(), p.extra(), check);
        }

        static CheckState metric(Tolerance.Metric m, Supplier<Outcome> check) {
            return new CheckState(m.text(), "promProbe", m.mode(), m.runProperties(), Map.of(), check);
        }

        /** A host check: snapshot before, verify after, like an Edge probe; tried once, without a timeout. */
        static CheckState host(String text) {
            return new CheckState(text, "hostCheck", ProbeMode.EDGE, null, Map.of(), null);
        }

        boolean stopOnFailure() {
            return run != null && run.stopOnFailure();
        }

        int tries() {
            return run == null ? 1 : run.tries();
        }

        void cancelLoop() {
            loopOver = true;
            Agenda.Handle h = next;
            if (h != null) {
                h.cancel();
            }
        }

        /** Litmus's {@code SetProbeVerdictAfterFailure}: what was not decided is N/A once the run fails or stops. */
        void closeAfter(ExperimentResult.Verdict verdict) {
            if (verdict != ExperimentResult.Verdict.PASS && this.verdict == ExperimentResult.ProbeVerdict.AWAITED) {
                this.verdict = ExperimentResult.ProbeVerdict.NOT_EXECUTED;
            }
        }

        ExperimentResult.Check view() {
            return new ExperimentResult.Check(name, type, mode, passed, failed, verdict);
        }

        /** {@code runProperties.probePollingInterval} (3.x duration, 2.x whole seconds); zero when not written. */
        Duration pollingInterval() {
            return duration("probePollingInterval", null);
        }

        /** {@code runProperties.initialDelay} (3.x) or {@code initialDelaySeconds} (2.x); zero when not written. */
        Duration initialDelay() {
            return duration("initialDelay", "initialDelaySeconds");
        }

        private Duration duration(String key, @Nullable String secondsKey) {
            Object v = extra.get("runProperties." + key);
            if (v == null && secondsKey != null) {
                v = extra.get("runProperties." + secondsKey);
            }
            if (v == null || v.toString().isEmpty()) {
                return Duration.ZERO;
            }
            String text = v.toString();
            if (GoText.isAtoi(text)) {
                return Duration.ofSeconds(GoText.atoi(text)); // Litmus 2.x wrote whole seconds
            }
            return GoText.parseDuration(text).orElseThrow(() -> new IllegalArgumentException("probe '" + name
                    + "': runProperties." + key + " '" + text + "' is not a duration (write e.g. '2s')"));
        }
    }

    // ------------------------------------------------------------------------------------------------ recording

    private void note(String action, String detail) {
        Instant now = cfg.clock().instant();
        synchronized (lock) {
            events.add(new ExperimentResult.Event(now, action, detail));
        }
        try {
            cfg.timeline().record(now, ACTOR, action, detail);
        } catch (RuntimeException e) {
            LOG.warn("timeline sink failed for {}", action, e);
        }
    }

    private static String fmt(Duration d) {
        return io.github.incident4j.common.Durations.format(d.withNanos(d.getNano() / 1_000_000 * 1_000_000));
    }

    // ------------------------------------------------------------------------------------------------ one fault

    /** One Litmus experiment: a fault of the engine with its probes, from the pre-chaos checks to its verdict. */
    private final class FaultFlow {

        /** The experiment's outcome after litmus-go's result rules. */
        final class Result {
            final int index;
            final End end;
            final ExperimentResult.Verdict verdict;
            final String reason;
            final int percentage;

            Result(End end, ExperimentResult.Verdict verdict, String reason, int percentage) {
                this.index = FaultFlow.this.index;
                this.end = end;
                this.verdict = verdict;
                this.reason = reason;
                this.percentage = percentage;
            }
        }

        final int index;
        final Fault fault;
        final List<CheckState> mine;
        final List<Agenda.Handle> handles = new ArrayList<>();
        PodDeleteSettings s = PodDeleteSettings.DEFAULT;
        FaultInjector.@Nullable Request request;
        @Nullable FaultInjector injector;
        volatile Stage stage = Stage.BEFORE;
        volatile boolean ended;
        int statusDelay = 2;
        int statusTimeout = 180;
        boolean healthCheck;
        int percent;
        boolean serial;
        @Nullable Instant chaosStart;
        @Nullable Instant lastIterationAt;
        int iterationsAtInstant;
        final Map<String, String> parentSelector = new LinkedHashMap<>();

        FaultFlow(int index, Fault fault) {
            this.index = index;
            this.fault = fault;
            this.mine = checksOf(index, fault);
            synchronized (lock) {
                checks.addAll(mine);
            }
        }

        // -------------------------------------------------------------------------------------- plumbing

        void after(Duration d, Runnable step) {
            Agenda.Handle[] self = new Agenda.Handle[1];
            synchronized (lock) {
                self[0] = agenda.after(d, () -> {
                    synchronized (lock) {
                        handles.remove(self[0]);
                    }
                    if (!ended) {
                        step.run();
                    }
                });
                handles.add(self[0]);
            }
        }

        /** False (and the run stopped) when the engine state says stop: Litmus's abort. */
        boolean active() {
            if (ended) {
                return false;
            }
            if (cfg.engineState().get() == EngineState.STOP) {
                note("halted", "engineState set to stop; the experiment is aborted");
                end(End.STOPPED, "engineState set to stop during the run");
                return false;
            }
            return true;
        }

        void error(String reason) {
            note("error", reason);
            end(End.ERROR, reason);
        }

        /** Ends this experiment (once): probe loops called off, litmus-go's result rules applied. */
        void end(End end, String reason) {
            Result r;
            synchronized (lock) {
                if (ended) {
                    return;
                }
                ended = true;
                mine.forEach(CheckState::cancelLoop);
                handles.forEach(Agenda.Handle::cancel);
                handles.clear();
                ExperimentResult.Verdict verdict = Verdicts.decide(end, mine);
                mine.forEach(c -> c.closeAfter(verdict));
                String why = switch (verdict) {
                    case PASS -> "every check held";
                    case FAIL -> end == End.COMPLETED || end == End.PROBE_FAILURE
                            ? "failed: " + mine.stream().filter(c -> c.verdict == ExperimentResult.ProbeVerdict.FAILED)
                                    .map(c -> c.name).toList()
                            : reason + "; and failed: " + mine.stream()
                                    .filter(c -> c.verdict == ExperimentResult.ProbeVerdict.FAILED).map(c -> c.name).toList();
                    default -> reason;
                };
                r = new Result(end, verdict, why, Verdicts.percentage(verdict, mine));
            }
            faultEnded(r);
        }

        // -------------------------------------------------------------------------------------- the steps

        void start() {
            try {
                s = fault.podDelete();
                for (String c : PodDeleteSettings.coercions(fault.env())) {
                    note("litmus reads", c);
                    LOG.warn("chaos experiment {}: {}", experiment.name(), c);
                }
                readStatusCheckTimeouts();
                healthCheck = GoText.parseBool(String.valueOf(experiment.extra().getOrDefault("spec.defaultHealthCheck", "")));
                mine.forEach(c -> {
                    c.pollingInterval();
                    c.initialDelay();
                });
            } catch (IllegalArgumentException e) {
                error(e.getMessage());
                return;
            }
            injector = injectorFor(fault).orElseThrow();
            request = new FaultInjector.Request(fault.name(), experiment.app().namespace(), experiment.app().selector(),
                    experiment.app().kind(), fault.env(), cfg.guard().maxPodsAffected());
            parentSelector.putAll(experiment.app().selector());
            note("settings", fault.name() + ": TOTAL_CHAOS_DURATION " + s.totalChaosDuration().toSeconds()
                    + "s, CHAOS_INTERVAL '" + s.chaosIntervalText() + "', SEQUENCE '" + s.sequenceText()
                    + "', PODS_AFFECTED_PERC '" + s.podsAffectedPercentText() + "', FORCE " + s.force()
                    + ", status checks every " + statusDelay + "s up to " + statusTimeout + "s");
            if (healthCheck) {
                autCheck(() -> preChaos(0));
            } else {
                preChaos(0);
            }
        }

        void readStatusCheckTimeouts() {
            int[] dt = statusCheckTimeouts(fault);
            statusDelay = dt[0];
            statusTimeout = dt[1];
        }

        /** SOT and Edge probes evaluated one after the other in order; Continuous ones started on their own. */
        void preChaos(int i) {
            if (!active()) {
                return;
            }
            if (i == mine.size()) {
                chaos();
                return;
            }
            CheckState c = mine.get(i);
            switch (c.mode) {
                case SOT, EDGE -> after(c.initialDelay(), () -> evaluate(c, o -> {
                    if (!o.ok) {
                        c.verdict = ExperimentResult.ProbeVerdict.FAILED;
                        if (c.stopOnFailure()) {
                            c.stopped = true;
                            note("probe failed", "'" + c.name + "' failed before the chaos and has stopOnFailure:"
                                    + " the experiment ends here");
                            end(End.PROBE_FAILURE, "'" + c.name + "' failed before the chaos");
                            return;
                        }
                    } else if (c.mode == ProbeMode.SOT) {
                        c.verdict = ExperimentResult.ProbeVerdict.PASSED;
                    }
                    preChaos(i + 1);
                }));
                case CONTINUOUS -> {
                    startContinuous(c);
                    preChaos(i + 1);
                }
                default -> preChaos(i + 1);
            }
        }

        void chaos() {
            stage = Stage.DURING;
            long ramp = s.rampTime().toSeconds();
            if (ramp > 0) {
                note("ramp time", ramp + "s before the chaos");
            }
            after(Duration.ofSeconds(Math.max(ramp, 0)), this::tunables);
        }

        /** litmus-go's {@code SetChaosTunables}: ranges and {@code random} resolved once, after the ramp. */
        void tunables() {
            if (!active()) {
                return;
            }
            String[] range = s.podsAffectedPercentText().split("-", -1);
            if (range.length == 2) {
                long lo = GoText.atoi(range[0]);
                long hi = GoText.atoi(range[1]);
                if (hi < lo) {
                    error("PODS_AFFECTED_PERC '" + s.podsAffectedPercentText() + "': litmus-go panics on a range whose"
                            + " upper bound is below its lower bound (rand.Intn of a negative number)");
                    return;
                }
                percent = (int) (lo + random.nextLong(hi - lo + 1));
                note("tunables", "PODS_AFFECTED_PERC drawn from " + s.podsAffectedPercentText() + ": " + percent);
            } else {
                percent = range.length > 2 ? 0 : s.podsAffectedPercent();
            }
            PodDeleteSettings.Sequence seq = s.sequence();
            if (seq == PodDeleteSettings.Sequence.RANDOM) {
                seq = random.nextInt(2) == 0 ? PodDeleteSettings.Sequence.SERIAL : PodDeleteSettings.Sequence.PARALLEL;
                note("tunables", "SEQUENCE random: " + seq.litmusName());
            }
            if (seq == PodDeleteSettings.Sequence.UNSUPPORTED) {
                error("sequence '" + s.sequenceText() + "' is not supported");
                return;
            }
            serial = seq == PodDeleteSettings.Sequence.SERIAL;
            for (CheckState c : mine) {
                if (c.mode == ProbeMode.ON_CHAOS) {
                    startOnChaos(c);
                }
            }
            chaosStart = cfg.clock().instant();
            note("chaos injection started", fault.name() + " for " + s.totalChaosDuration().toSeconds() + "s, "
                    + (serial ? "serial" : "parallel"));
            top();
        }

        /** The top of an iteration: the only place {@code TOTAL_CHAOS_DURATION} is checked. */
        void top() {
            if (!active()) {
                return;
            }
            Instant now = cfg.clock().instant();
            long elapsed = Duration.between(Objects.requireNonNull(chaosStart), now).toSeconds();
            if (elapsed >= s.totalChaosDuration().toSeconds()) {
                note("chaos injection stopped", fault.name() + " after " + elapsed + "s");
                afterChaos();
                return;
            }
            if (now.equals(lastIterationAt) && ++iterationsAtInstant > MAX_ITERATIONS_AT_ONE_INSTANT) {
                error("the chaos loop made " + MAX_ITERATIONS_AT_ONE_INSTANT + " iterations without time passing"
                        + " (status checks that take no time: statusCheckTimeouts.timeout below its delay)");
                return;
            }
            if (!now.equals(lastIterationAt)) {
                lastIterationAt = now;
                iterationsAtInstant = 0;
            }
            Consumer<List<Target>> strike = targets -> {
                if (serial) {
                    strikeSerial(targets, 0);
                } else {
                    strikeAll(targets);
                }
            };
            if (!fault.name().equals(Fault.POD_DELETE)) {
                planned(strike);
            } else {
                new Targets(strike).select();
            }
        }

        /** A host injector's own fault: its plan is the targets. */
        void planned(Consumer<List<Target>> strike) {
            List<String> names;
            try {
                names = Objects.requireNonNull(injector).plan(Objects.requireNonNull(request));
            } catch (RuntimeException e) {
                error("cluster call failed while planning " + fault.name() + ": " + e.getMessage());
                return;
            }
            if (names.isEmpty()) {
                error("no target found for " + fault.name());
                return;
            }
            strike.accept(names.stream().map(n -> new Target(n, Map.of())).toList());
        }

        void strikeAll(List<Target> targets) {
            List<String> done = new ArrayList<>();
            for (Target p : targets) {
                if (!delete(p, done)) {
                    return;
                }
            }
            record(done);
            waitInterval(() -> recover(this::top));
        }

        void strikeSerial(List<Target> targets, int k) {
            if (!active()) {
                return;
            }
            List<String> done = new ArrayList<>();
            if (!delete(targets.get(k), done)) {
                return;
            }
            record(done);
            waitInterval(() -> recover(() -> {
                if (k + 1 < targets.size()) {
                    strikeSerial(targets, k + 1);
                } else {
                    top();
                }
            }));
        }

        /** Deletes one pod as litmus-go does (one call per pod); false, with the run in Error, when it fails. */
        boolean delete(Target pod, List<String> done) {
            FaultInjector.Injected r;
            try {
                r = Objects.requireNonNull(injector).inject(Objects.requireNonNull(request), List.of(pod.name()));
            } catch (RuntimeException e) {
                record(done);
                error("failed to delete the target pod " + pod.name() + ": " + e.getMessage());
                return false;
            }
            if (ended) {
                return false;
            }
            if (r.affected().isEmpty()) {
                record(done);
                error("failed to delete the target pod: pods \"" + pod.name() + "\" not found");
                return false;
            }
            done.addAll(r.affected());
            if (parentSelector.isEmpty()) {
                pod.labels().forEach((k, v) -> {
                    if (!k.equals("pod-template-hash")) {
                        parentSelector.put(k, v);
                    }
                });
            }
            return true;
        }

        void record(List<String> deleted) {
            if (deleted.isEmpty()) {
                return;
            }
            Duration grace = s.gracePeriod();
            synchronized (lock) {
                injections.add(new ExperimentResult.Injection(cfg.clock().instant(), fault.name(), deleted, grace));
            }
            note("injected", "deleted " + deleted + " in " + experiment.app().namespace()
                    + (s.force() ? " (forced, grace period 0)" : " (grace period " + grace.toSeconds() + "s)"));
        }

        /** {@code CHAOS_INTERVAL}: drawn with RANDOMNESS ({@code RandomInterval}), else its Atoi value. */
        void waitInterval(Runnable next) {
            long wait;
            if (s.randomness()) {
                String[] parts = s.chaosIntervalText().split("-", -1);
                long lo;
                long hi;
                if (parts.length == 1) {
                    lo = 0;
                    hi = GoText.atoi(parts[0]);
                } else if (parts.length == 2) {
                    lo = GoText.atoi(parts[0]);
                    hi = GoText.atoi(parts[1]);
                } else {
                    error("unable to parse CHAOS_INTERVAL '" + s.chaosIntervalText() + "', provide in valid format");
                    return;
                }
                if (hi - lo <= 0) {
                    error("CHAOS_INTERVAL '" + s.chaosIntervalText() + "' with RANDOMNESS: litmus-go panics drawing from"
                            + " an empty range (rand.Intn(" + (hi - lo) + "))");
                    return;
                }
                wait = lo + random.nextLong(hi - lo);
                note("chaos interval", "random wait of " + wait + "s drawn from '" + s.chaosIntervalText() + "'");
            } else {
                wait = GoText.atoi(s.chaosIntervalText());
                if (wait > 0) {
                    note("chaos interval", wait + "s");
                }
            }
            after(Duration.ofSeconds(Math.max(wait, 0)), next);
        }

        // -------------------------------------------------------------------------------------- the recovery wait

        /**
         * litmus-go's {@code CheckUnTerminatedPodStatusesByWorkloadName}: the workload's pods as they are now, each
         * checked in turn for ready containers, then for phase Running, {@code timeout / delay} tries a delay
         * apart (the delay is also waited after a try that passes); a pod that does not make it is an Error.
         */
        void recover(Runnable next) {
            if (!active()) {
                return;
            }
            List<Pod> pods;
            try {
                pods = cfg.cluster().pods(experiment.app().namespace(), parentSelector);
            } catch (RuntimeException e) {
                error("cluster call failed while checking the pods' status: " + e.getMessage());
                return;
            }
            Instant since = cfg.clock().instant();
            note("recovery wait", pods.size() + " pods of " + selectorText(parentSelector) + " must be Running and"
                    + " ready (checked every " + statusDelay + "s, up to " + statusTimeout + "s each)");
            checkPods(pods, 0, () -> {
                note("recovered", pods.size() + " pods Running and ready after "
                        + fmt(Duration.between(since, cfg.clock().instant())));
                next.run();
            });
        }

        void checkPods(List<Pod> pods, int i, Runnable next) {
            if (i == pods.size()) {
                next.run();
                return;
            }
            String name = pods.get(i).name();
            retry(() -> podProblem(name, true), () -> retry(() -> podProblem(name, false),
                    () -> checkPods(pods, i + 1, next),
                    p -> error("pod " + name + " did not recover: " + p + " after " + statusTimeout + "s")),
                    p -> error("pod " + name + " did not recover: " + p + " after " + statusTimeout + "s"));
        }

        /** Why the pod is not ready (containers) or not Running; null when it is. */
        @Nullable String podProblem(String name, boolean containers) {
            Optional<Pod> pod = cfg.cluster().pods(experiment.app().namespace(), parentSelector).stream()
                    .filter(p -> p.name().equals(name)).findFirst();
            if (pod.isEmpty()) {
                return "pods \"" + name + "\" not found";
            }
            if (containers) {
                return pod.get().ready() ? null : "its containers are not ready (" + pod.get().phase()
                        + (pod.get().waitingReason().isEmpty() ? "" : ", " + pod.get().waitingReason()) + ")";
            }
            return pod.get().phase().equals("Running") ? null : "it is " + pod.get().phase() + ", not Running";
        }

        /**
         * litmus-go's {@code retry.Times(timeout / delay).Wait(delay).Try}: up to that many tries, each followed by
         * the delay (the last one and a passing one too); no try at all when the timeout is below the delay.
         */
        void retry(Supplier<@Nullable String> attempt, Runnable ok, Consumer<String> failed) {
            retry(statusTimeout / statusDelay, 0, attempt, ok, failed);
        }

        void retry(int tries, int k, Supplier<@Nullable String> attempt, Runnable ok, Consumer<String> failed) {
            if (!active()) {
                return;
            }
            if (tries <= 0) {
                ok.run();
                return;
            }
            String problem;
            try {
                problem = attempt.get();
            } catch (ClusterException e) {
                problem = e.getMessage();
            }
            String p = problem;
            after(Duration.ofSeconds(statusDelay), () -> {
                if (p == null) {
                    ok.run();
                } else if (k + 1 < tries) {
                    retry(tries, k + 1, attempt, ok, failed);
                } else {
                    failed.accept(p);
                }
            });
        }

        /** The default health check ({@code spec.defaultHealthCheck: true}): every labelled pod ready, then Running. */
        void autCheck(Runnable next) {
            if (experiment.app().labelSelector().isEmpty()) {
                next.run();
                return;
            }
            Map<String, String> sel = experiment.app().selector();
            note("health check", "every pod of " + experiment.app().labelSelector() + " must be ready and Running");
            Function<Predicate<Pod>, @Nullable String> all = test -> {
                List<Pod> pods = cfg.cluster().pods(experiment.app().namespace(), sel);
                if (pods.isEmpty()) {
                    return "no pod found with matching labels";
                }
                return pods.stream().filter(test.negate()).findFirst().map(p -> "pod " + p.name() + " is "
                        + p.phase() + (p.ready() ? "" : ", not ready")).orElse(null);
            };
            retry(() -> all.apply(Pod::ready), () -> retry(() -> all.apply(p -> p.phase().equals("Running")), next,
                    p -> error("health check failed: " + p)), p -> error("health check failed: " + p));
        }

        // -------------------------------------------------------------------------------------- after the chaos

        void afterChaos() {
            long ramp = s.rampTime().toSeconds();
            if (ramp > 0) {
                note("ramp time", ramp + "s after the chaos");
            }
            after(Duration.ofSeconds(Math.max(ramp, 0)), () -> {
                stage = Stage.AFTER;
                Duration window = cfg.recoveryWindow();
                if (!window.isZero()) {
                    note("waiting", fmt(window) + " before the post-chaos checks (the runner's recoveryWindow)");
                }
                after(window, () -> {
                    if (!active()) {
                        return;
                    }
                    if (healthCheck) {
                        autCheck(this::postChaos);
                    } else {
                        postChaos();
                    }
                });
            });
        }

        /** Continuous and OnChaos probes closed and judged on what they saw; then EOT and Edge in order. */
        void postChaos() {
            if (!active()) {
                return;
            }
            for (CheckState c : mine) {
                if (c.mode.during()) {
                    c.cancelLoop();
                    c.verdict = c.error == null ? ExperimentResult.ProbeVerdict.PASSED : ExperimentResult.ProbeVerdict.FAILED;
                }
            }
            postProbe(0);
        }

        void postProbe(int i) {
            if (!active()) {
                return;
            }
            if (i == mine.size()) {
                end(End.COMPLETED, "");
                return;
            }
            CheckState c = mine.get(i);
            if (c.mode != ProbeMode.EOT && c.mode != ProbeMode.EDGE) {
                postProbe(i + 1);
                return;
            }
            after(c.initialDelay(), () -> evaluate(c, o -> {
                if (c.verdict != ExperimentResult.ProbeVerdict.FAILED) { // an Edge probe failed before stays failed
                    c.verdict = o.ok ? ExperimentResult.ProbeVerdict.PASSED : ExperimentResult.ProbeVerdict.FAILED;
                }
                if (!o.ok && c.stopOnFailure()) {
                    c.stopped = true;
                    note("probe failed", "'" + c.name + "' failed after the chaos and has stopOnFailure");
                    end(End.PROBE_FAILURE, "'" + c.name + "' failed after the chaos");
                    return;
                }
                postProbe(i + 1);
            }));
        }

        // -------------------------------------------------------------------------------------- probes on their own timers

        /** Continuous: from the pre-chaos checks, every {@code probePollingInterval}, until a failure or post-chaos. */
        void startContinuous(CheckState c) {
            note("probe started", "'" + c.name + "' (Continuous) every " + fmt(polling(c)));
            c.next = agenda.after(c.initialDelay(), () -> loop(c, null));
        }

        /** OnChaos: from the chaos start for {@code TOTAL_CHAOS_DURATION} (less its initial delay). */
        void startOnChaos(CheckState c) {
            note("probe started", "'" + c.name + "' (OnChaos) every " + fmt(polling(c)) + " for "
                    + s.totalChaosDuration().toSeconds() + "s");
            Duration delay = c.initialDelay();
            c.next = agenda.after(delay, () -> {
                Duration rest = Duration.ofSeconds(Math.max(0, s.totalChaosDuration().toSeconds() - delay.toSeconds()));
                loop(c, cfg.clock().instant().plus(rest));
            });
        }

        Duration polling(CheckState c) {
            Duration d = c.pollingInterval();
            return d.isZero() || d.isNegative() ? cfg.probeResolution() : d;
        }

        void loop(CheckState c, @Nullable Instant until) {
            if (ended || c.loopOver) {
                return;
            }
            if (until != null && !cfg.clock().instant().isBefore(until)) {
                c.loopOver = true;
                return;
            }
            evaluate(c, o -> {
                if (!o.ok) {
                    c.error = o.observed;
                    c.loopOver = true;
                    if (c.stopOnFailure()) {
                        // stopChaosEngine: the probe is marked failed and the engine stopped; the abort ends the run.
                        c.verdict = ExperimentResult.ProbeVerdict.FAILED;
                        c.stopped = true;
                        note("aborted", "'" + c.name + "' failed and has stopOnFailure: the engine is stopped");
                        end(End.STOPPED, "'" + c.name + "' failed and has stopOnFailure");
                    }
                    return;
                }
                if (!c.loopOver) {
                    c.next = agenda.after(polling(c), () -> loop(c, until));
                }
            });
        }

        /**
         * One evaluation: up to {@code tries} tries, {@code interval} apart after a failed one, each held to
         * {@code probeTimeout} (an answer at or after it is a failed try: litmus-go's {@code TryWithTimeout}).
         */
        void evaluate(CheckState c, Consumer<Outcome> done) {
            attempt(c, 1, done);
        }

        void attempt(CheckState c, int k, Consumer<Outcome> done) {
            if (ended || (c.mode.during() && c.loopOver)) {
                return;
            }
            Stage at = stage;
            Instant asked = cfg.clock().instant();
            Outcome o;
            try {
                o = c.check == null ? host(c.name, at) : c.check.get();
            } catch (RuntimeException e) {
                o = new Outcome(false, "check failed: " + e.getMessage());
            }
            if (ended || (c.mode.during() && c.loopOver)) {
                return; // the run moved on while this try ran: Litmus no longer reads it
            }
            RunProperties run = c.run;
            if (run != null) {
                o = inTime(c.name, run.probeTimeout(), Duration.between(asked, cfg.clock().instant()), o);
            }
            if (!o.ok && k < c.tries()) {
                note("sample retried", "'" + c.name + "' try " + k + " of " + c.tries() + ": " + o.observed
                        + "; next try in " + fmt(Objects.requireNonNull(run).interval()));
                Agenda.Handle h = agenda.after(run.interval(), () -> attempt(c, k + 1, done));
                if (c.mode.during()) {
                    c.next = h;
                } else {
                    synchronized (lock) {
                        handles.add(h);
                    }
                }
                return;
            }
            Outcome result = o;
            synchronized (lock) {
                samples.add(new ExperimentResult.Sample(cfg.clock().instant(), c.name, at.phase, result.ok, result.observed));
                if (result.ok) {
                    c.passed++;
                } else {
                    c.failed++;
                }
            }
            note(result.ok ? "sample passed" : "sample failed", at.phase.name().toLowerCase(Locale.ROOT) + " '"
                    + c.name + "': " + result.observed);
            done.accept(result);
        }

        // -------------------------------------------------------------------------------------- the targets

        /** litmus-go's {@code GetTargetPods}: TARGET_PODS, else NODE_LABEL, else the app label and PODS_AFFECTED_PERC. */
        final class Targets {
            final Consumer<List<Target>> then;
            final String ns = experiment.app().namespace();

            Targets(Consumer<List<Target>> then) {
                this.then = then;
            }

            void select() {
                List<String> named = s.targetPodNames();
                if (!named.isEmpty()) {
                    if (!s.nodeLabel().isEmpty()) {
                        note("targets", "TARGET_PODS is set: it overrides NODE_LABEL");
                    }
                    verify(named, 0);
                    return;
                }
                if (experiment.app().labelSelector().isEmpty()) {
                    error("provide one of the appLabel or TARGET_PODS");
                    return;
                }
                if (!s.nodeLabel().isEmpty()) {
                    onNodes();
                    return;
                }
                List<Pod> pods = labelled();
                if (pods != null) {
                    done(byPercentage(pods, percent));
                }
            }

            /** Every TARGET_PODS name must exist: {@code GetPod(ns, name, 180, 2)}, then again with the status timings. */
            void verify(List<String> names, int i) {
                if (i == names.size()) {
                    fetch(names, 0, new ArrayList<>());
                    return;
                }
                getPod(names.get(i), 180, 2, pod -> verify(names, i + 1),
                        () -> error("pod " + names.get(i) + " doesn't exist (set by TARGET_PODS) in " + ns));
            }

            void fetch(List<String> names, int i, List<Pod> found) {
                if (i == names.size()) {
                    note("targets", "TARGET_PODS " + names);
                    done(found);
                    return;
                }
                getPod(names.get(i), statusTimeout, statusDelay, pod -> {
                    found.add(pod);
                    fetch(names, i + 1, found);
                }, () -> error("pod " + names.get(i) + " set by TARGET_PODS is gone from " + ns));
            }

            /** {@code clients.GetPod}: retried on any error (not found included), the delay waited after every try. */
            void getPod(String name, int timeout, int delay, Consumer<Pod> found, Runnable missing) {
                tryGet(name, Math.max(timeout / Math.max(delay, 1), 1), 0, delay, found, missing);
            }

            void tryGet(String name, int tries, int k, int delay, Consumer<Pod> found, Runnable missing) {
                if (!active()) {
                    return;
                }
                Optional<Pod> pod;
                try {
                    pod = cfg.cluster().pods(ns, Map.of()).stream().filter(p -> p.name().equals(name)).findFirst();
                } catch (ClusterException e) {
                    pod = Optional.empty();
                }
                Optional<Pod> seen = pod;
                after(Duration.ofSeconds(delay), () -> {
                    if (seen.isPresent()) {
                        found.accept(seen.get());
                    } else if (k + 1 < tries) {
                        tryGet(name, tries, k + 1, delay, found, missing);
                    } else {
                        missing.run();
                    }
                });
            }

            /** NODE_LABEL: the nodes (one listing, the delay waited after it), the labelled pods on them. */
            void onNodes() {
                Map<String, String> nodeSelector;
                try {
                    nodeSelector = AppInfo.of(ns, s.nodeLabel()).selector();
                } catch (RuntimeException e) {
                    error("NODE_LABEL '" + s.nodeLabel() + "' is not a label selector: " + e.getMessage());
                    return;
                }
                List<String> nodes;
                try {
                    nodes = cfg.cluster().nodes(nodeSelector);
                } catch (RuntimeException e) {
                    error("cluster call failed while listing nodes: " + e.getMessage());
                    return;
                }
                after(Duration.ofSeconds(statusDelay), () -> {
                    if (nodes.isEmpty()) {
                        error("no nodes found with matching labels " + s.nodeLabel());
                        return;
                    }
                    note("targets", "nodes matching " + s.nodeLabel() + ": " + nodes);
                    List<Pod> pods = labelled();
                    if (pods == null) {
                        return;
                    }
                    List<Pod> rotated = byPercentage(pods, 100);
                    Map<String, String> where;
                    try {
                        where = cfg.cluster().podNodes(ns, experiment.app().selector());
                    } catch (RuntimeException e) {
                        error("cluster call failed while listing pods by node: " + e.getMessage());
                        return;
                    }
                    List<Pod> onNodes = rotated.stream().filter(p -> nodes.contains(where.get(p.name()))).toList();
                    if (onNodes.isEmpty()) {
                        error("no pod found on specified node(s) " + nodes);
                        return;
                    }
                    done(byPercentage(onNodes, percent));
                });
            }

            /** The pods of the app label whose owner is of {@code appkind}; null (run in Error) when there are none. */
            @Nullable List<Pod> labelled() {
                List<Pod> pods;
                try {
                    pods = cfg.cluster().pods(ns, experiment.app().selector());
                } catch (RuntimeException e) {
                    error("cluster call failed while listing the target pods: " + e.getMessage());
                    return null;
                }
                if (experiment.app().kind().isBlank()) {
                    error("no target pods found: appinfo.appkind is not set, and Litmus only targets pods whose owner"
                            + " is of the appkind (write e.g. 'appkind: deployment')");
                    return null;
                }
                if (pods.isEmpty()) {
                    error("no target pods found for " + experiment.app().kind() + " " + experiment.app().labelSelector()
                            + " in " + ns);
                    return null;
                }
                return pods;
            }

            List<Pod> byPercentage(List<Pod> pods, int perc) {
                return ChaosRun.byPercentage(pods, perc, random);
            }

            void done(List<Pod> targets) {
                List<Pod> capped = targets;
                if (targets.size() > cfg.guard().maxPodsAffected()) {
                    capped = targets.subList(0, cfg.guard().maxPodsAffected());
                    note("capped", "the blast-radius guard allows " + cfg.guard().maxPodsAffected() + " of "
                            + targets.size() + " targets");
                }
                if (capped.isEmpty()) {
                    error("the blast-radius guard allows no pod to be deleted");
                    return;
                }
                note("targets", capped.stream().map(Pod::name).toList().toString());
                then.accept(capped.stream().map(Target::of).toList());
            }
        }
    }

    /**
     * The status-check delay and timeout in seconds: the chaos-runner sets STATUS_CHECK_DELAY/TIMEOUT from
     * {@code components.statusCheckTimeouts} (2 s and 180 s when not set or zero), overriding the engine's env.
     *
     * @throws IllegalArgumentException for a negative value
     */
    static int[] statusCheckTimeouts(Fault fault) {
        int delay = 2;
        int timeout = 180;
        Object sc = fault.extra().get("components.statusCheckTimeouts");
        if (sc instanceof Map<?, ?> m) {
            long d = m.get("delay") == null ? 0 : GoText.atoi(String.valueOf(m.get("delay")));
            long t = m.get("timeout") == null ? 0 : GoText.atoi(String.valueOf(m.get("timeout")));
            if (d < 0 || t < 0) {
                throw new IllegalArgumentException("statusCheckTimeouts must not be negative, but was delay " + d
                        + ", timeout " + t);
            }
            delay = d == 0 ? delay : (int) Math.min(d, Integer.MAX_VALUE);
            timeout = t == 0 ? timeout : (int) Math.min(t, Integer.MAX_VALUE);
        }
        return new int[] {delay, timeout};
    }

    /**
     * litmus-go's {@code filterPodsByPercentage}: duplicates dropped, {@code max(1, min(p, 100) · N / 100)} items
     * starting at a random index and going round the list.
     */
    static <T> List<T> byPercentage(List<T> items, int perc, SplittableRandom random) {
        List<T> unique = new ArrayList<>(new LinkedHashSet<>(items));
        int count = PodDeleteSettings.targetCount(perc, unique.size());
        if (count == 0) {
            return List.of();
        }
        int index = random.nextInt(unique.size());
        List<T> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(unique.get(index));
            index = (index + 1) % unique.size();
        }
        return out;
    }

    /**
     * The outcome of a try that took {@code took}: a failure when it took the probe's timeout or longer
     * ({@code TryWithTimeout} compares with {@code >=}), whatever it answered.
     */
    private static Outcome inTime(String name, Duration timeout, Duration took, Outcome answered) {
        if (took.compareTo(timeout) < 0) {
            return answered;
        }
        Duration late = took.minus(timeout);
        return new Outcome(false, "'" + name + "' answered after " + fmt(took) + (late.isZero() ? ", at"
                : ", " + (late.toMillis() == 0 ? "under 1ms" : fmt(late)) + " past") + " its probeTimeout of "
                + fmt(timeout) + ", so the try failed; it answered " + (answered.ok ? "pass" : "fail") + ": "
                + answered.observed);
    }

    private static String selectorText(Map<String, String> selector) {
        StringBuilder b = new StringBuilder();
        selector.forEach((k, v) -> b.append(b.length() == 0 ? "" : ",").append(k).append('=').append(v));
        return b.toString();
    }

    /** litmus-go's result rules ({@code pkg/result}): the verdict and probeSuccessPercentage from how it ended. */
    static final class Verdicts {
        private Verdicts() {
        }

        static ExperimentResult.Verdict decide(End end, List<CheckState> checks) {
            boolean failed = checks.stream().anyMatch(c -> c.verdict == ExperimentResult.ProbeVerdict.FAILED);
            boolean stopped = checks.stream().anyMatch(c -> c.verdict == ExperimentResult.ProbeVerdict.FAILED && c.stopped);
            if (failed) {
                return stopped ? ExperimentResult.Verdict.STOPPED : ExperimentResult.Verdict.FAIL;
            }
            return switch (end) {
                case COMPLETED -> ExperimentResult.Verdict.PASS;
                case PROBE_FAILURE -> ExperimentResult.Verdict.FAIL;
                case ERROR -> ExperimentResult.Verdict.ERROR;
                case STOPPED -> ExperimentResult.Verdict.STOPPED;
            };
        }

        /** Pass: 100; Error: 0; Fail and Stopped: probes passed × 100 / probes (integer), 0 without probes. */
        static int percentage(ExperimentResult.Verdict verdict, List<CheckState> checks) {
            return switch (verdict) {
                case PASS -> 100;
                case ERROR -> 0;
                case FAIL, STOPPED -> checks.isEmpty() ? 0 : (int) (checks.stream()
                        .filter(c -> c.verdict == ExperimentResult.ProbeVerdict.PASSED).count() * 100 / checks.size());
            };
        }

        /** Error over Stopped over Fail over Pass, to combine several experiments. */
        static int severity(ExperimentResult.Verdict a, ExperimentResult.Verdict b) {
            return Integer.compare(rank(a), rank(b));
        }

        private static int rank(ExperimentResult.Verdict v) {
            return switch (v) {
                case PASS -> 0;
                case FAIL -> 1;
                case STOPPED -> 2;
                case ERROR -> 3;
            };
        }
    }
}
