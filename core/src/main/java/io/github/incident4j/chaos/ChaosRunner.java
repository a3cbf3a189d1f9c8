package io.github.incident4j.chaos;

import io.github.incident4j.ValidationException;
import io.github.incident4j.common.Condition;
import io.github.incident4j.common.Quantity;
import io.github.incident4j.common.TimelineSink;
import io.github.incident4j.spi.ClusterException;
import io.github.incident4j.spi.ClusterOperations;
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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link ChaosExperiment} like Litmus: checks the steady-state hypothesis, injects the fault on its
 * schedule while sampling the checks, waits for recovery, checks again, and gives a verdict.
 *
 * <ol>
 *   <li>Refuses (Stopped) a namespace the {@link BlastRadiusGuard} does not allow, or an engine in state stop.</li>
 *   <li>Before: every tolerance and every SOT/Edge probe; if one fails nothing is injected (Stopped, not steady).
 *       Host checks take their snapshot here.</li>
 *   <li>During: a strike at the start and every {@code CHAOS_INTERVAL} for {@code TOTAL_CHAOS_DURATION} (serial:
 *       one targeted pod per strike; parallel: all of them), after {@code RAMP_TIME}; metric tolerances and
 *       Continuous/OnChaos probes are sampled at their interval. A failed sample with stopOnFailure aborts the
 *       injection at once. The engine state supplier is polled before every strike and sample.</li>
 *   <li>After the recovery window: every tolerance (host checks compare with their snapshot) and every
 *       EOT/Edge probe.</li>
 *   <li>Verdict: Error when a cluster call failed (nothing more is injected), Stopped when refused, not steady or
 *       stopped, Fail when any sample failed, else Pass.</li>
 * </ol>
 *
 * <p>Metric tolerances are read from the {@link MetricsSource} by their condition's {@code metricKey()} with the
 * target's labels plus {@code namespace}; promProbes by their query text. A probe or metric tolerance is tried as
 * Litmus tries it ({@link RunProperties#tries()}: {@code attempt}, else {@code retry}, else once), waiting its
 * {@code interval} after a failed try. Checks are synchronous calls into the SPIs, and {@code probeTimeout} is
 * enforced on each try by the injected clock: an answer that arrives after it (read after the call returns)
 * is a failed try even when it says pass, as Litmus's probe would have given up before seeing it; an answer
 * exactly at the timeout still counts. httpProbes also hand the timeout to the {@link DependencyProbe}. Host
 * checks have no {@code runProperties}: they are tried once, without a timeout. A condition's {@code for 5m} is
 * not applied. cmdProbes are never run (commands are data, never passed to a shell) and count as failed;
 * httpProbes need a {@link DependencyProbe}; k8sProbes check pods present or absent. Several faults run one
 * after another between one check before and one check after.</p>
 *
 * <pre>{@code
 * ChaosRunner runner = ChaosRunner.builder()
 *         .timers(time)
 *         .cluster(cluster).metrics(metrics)
 *         .guard(BlastRadiusGuard.allowing("staging").maxPodsAffected(2))
 *         .integrityCheck(DataIntegrityCheck.fingerprint(t -> String.valueOf(orders.count())))
 *         .onResult(result -> { if (!result.passed()) openIncident(result); })
 *         .build();
 * ExperimentResult result = runner.run(ChaosEngineYaml.parse(yaml));
 * }</pre>
 */
public final class ChaosRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ChaosRunner.class);
    private static final String ACTOR = "chaos";

    private final Clock clock;
    private final Timers timers;
    private final ClusterOperations cluster;
    private final MetricsSource metrics;
    private final List<FaultInjector> injectors;
    private final @Nullable DataIntegrityCheck integrityCheck;
    private final @Nullable DependencyProbe dependencyProbe;
    private final BlastRadiusGuard guard;
    private final TimelineSink timeline;
    private final Supplier<EngineState> engineState;
    private final Duration recoveryWindow;
    private final Duration metricWindow;
    private final List<Consumer<ExperimentResult>> listeners;

    private ChaosRunner(Builder b) {
        this.timers = Objects.requireNonNull(b.timers);
        this.clock = b.clock != null ? b.clock : timers.clock();
        this.cluster = Objects.requireNonNull(b.cluster);
        this.metrics = Objects.requireNonNull(b.metrics);
        List<FaultInjector> all = new ArrayList<>(b.injectors);
        all.add(new PodDeleteInjector(cluster)); // the default comes last, so a host's own pod-delete wins
        this.injectors = List.copyOf(all);
        this.integrityCheck = b.integrityCheck;
        this.dependencyProbe = b.dependencyProbe;
        this.guard = b.guard;
        this.timeline = b.timeline;
        this.engineState = b.engineState;
        this.recoveryWindow = b.recoveryWindow;
        this.metricWindow = b.metricWindow;
        this.listeners = List.copyOf(b.listeners);
    }

    /** Starts a runner; clock, timers, cluster and metrics are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * One strike a dry run would make.
     *
     * @param at when
     * @param fault the fault
     * @param namespace where
     * @param targets the pods it would delete (as the cluster looks now)
     * @param gracePeriod the grace period it would use
     */
    public record PlannedStrike(Instant at, String fault, String namespace, List<String> targets, Duration gracePeriod) {
        /** Copies the targets. */
        public PlannedStrike {
            targets = List.copyOf(targets);
        }
    }

    /**
     * What a run would do, changing nothing.
     *
     * @param strikes every strike in order
     * @param refusal why the run would be refused, if it would
     */
    public record DryRun(List<PlannedStrike> strikes, Optional<String> refusal) {
        /** Copies the strikes. */
        public DryRun {
            strikes = List.copyOf(strikes);
            Objects.requireNonNull(refusal, "refusal");
        }
    }

    /**
     * Lists what {@link #run} would delete and when, from the pods as they are now; deletes nothing and lets no
     * time pass.
     */
    public DryRun dryRun(ChaosExperiment experiment) {
        Optional<String> refusal = refusal(experiment);
        List<PlannedStrike> strikes = new ArrayList<>();
        Instant at = clock.instant();
        for (Fault fault : experiment.faults()) {
            FaultInjector injector = injectorFor(fault).orElse(null);
            if (injector == null) {
                return new DryRun(strikes, Optional.of("no fault injector supports '" + fault.name() + "'"));
            }
            PodDeleteSettings s;
            try {
                s = fault.podDelete();
            } catch (ValidationException e) {
                return new DryRun(strikes, Optional.of("fault " + fault.name() + ": " + e.getMessage()));
            }
            FaultInjector.Request request = request(experiment, fault);
            List<String> plan;
            try {
                plan = injector.plan(request);
            } catch (RuntimeException e) {
                return new DryRun(strikes, Optional.of("cluster call failed while planning " + fault.name() + ": "
                        + e.getMessage()));
            }
            at = at.plus(s.rampTime());
            Instant end = at.plus(s.totalChaosDuration());
            int next = 0;
            for (Instant t = at; t.isBefore(end); t = t.plus(s.chaosInterval())) {
                List<String> targets = s.sequence() == PodDeleteSettings.Sequence.PARALLEL || plan.isEmpty()
                        ? plan : List.of(plan.get(next++ % plan.size()));
                strikes.add(new PlannedStrike(t, fault.name(), experiment.app().namespace(), targets, s.gracePeriod()));
            }
            at = end.plus(s.rampTime());
        }
        return new DryRun(strikes, refusal);
    }

    /** Runs the experiment to its verdict, letting time pass through the {@link Timers}. */
    public ExperimentResult run(ChaosExperiment experiment) {
        Run run = new Run(experiment);
        ExperimentResult result = run.execute();
        for (Consumer<ExperimentResult> listener : listeners) {
            try {
                listener.accept(result);
            } catch (RuntimeException e) {
                LOG.warn("a chaos result listener failed for {}", experiment.name(), e);
            }
        }
        return result;
    }

    private Optional<String> refusal(ChaosExperiment experiment) {
        if (experiment.engineState() == EngineState.STOP) {
            return Optional.of("engineState is stop");
        }
        if (!experiment.app().equalitySelector()) {
            return Optional.of("applabel '" + experiment.app().labelSelector() + "' is not made of equality selectors"
                    + " (a=b,c=d); the runner matches pods by those only");
        }
        return guard.refusal(experiment.app().namespace()).map(r -> "refused by the blast-radius guard: " + r);
    }

    private Optional<FaultInjector> injectorFor(Fault fault) {
        return injectors.stream().filter(i -> i.supports(fault.name())).findFirst();
    }

    private FaultInjector.Request request(ChaosExperiment e, Fault fault) {
        return new FaultInjector.Request(fault.name(), e.app().namespace(), e.app().selector(), e.app().kind(),
                fault.env(), guard.maxPodsAffected());
    }

    /** The state of one run. */
    private final class Run {
        private final ChaosExperiment experiment;
        private final Instant startedAt;
        private final Map<String, ExperimentResult.Check> checks = new LinkedHashMap<>();
        private final List<ExperimentResult.Injection> injections = new ArrayList<>();
        private final List<ExperimentResult.Sample> samples = new ArrayList<>();
        private final List<ExperimentResult.Event> events = new ArrayList<>();
        private final Map<String, DataIntegrityCheck.Snapshot> snapshots = new LinkedHashMap<>();
        private @Nullable String abortedBy;
        private boolean stopped;
        private @Nullable String error;

        Run(ChaosExperiment experiment) {
            this.experiment = experiment;
            this.startedAt = clock.instant();
        }

        ExperimentResult execute() {
            note("experiment started", experiment.name() + " on " + experiment.app().namespace() + "/"
                    + experiment.app().labelSelector());
            registerChecks();
            Optional<String> refused = refusal(experiment);
            if (refused.isPresent()) {
                return finish(ExperimentResult.Verdict.STOPPED, refused.get());
            }
            for (Fault f : experiment.faults()) {
                if (injectorFor(f).isEmpty()) {
                    return finish(ExperimentResult.Verdict.ERROR, "no fault injector supports '" + f.name() + "'");
                }
            }
            boolean steady = checkPhase(ExperimentResult.Phase.BEFORE);
            if (error != null) {
                return finish(ExperimentResult.Verdict.ERROR, error);
            }
            if (!steady) {
                return finish(ExperimentResult.Verdict.STOPPED, "not steady before injection: " + failedChecks()
                        + "; nothing was injected");
            }
            for (Fault f : experiment.faults()) {
                chaos(f);
                if (error != null || stopped || abortedBy != null) {
                    break;
                }
            }
            if (error != null) {
                return finish(ExperimentResult.Verdict.ERROR, error);
            }
            if (stopped) {
                return finish(ExperimentResult.Verdict.STOPPED, "engineState set to stop during the run");
            }
            note("waiting for recovery", fmt(recoveryWindow));
            sleepUntil(clock.instant().plus(recoveryWindow));
            checkPhase(ExperimentResult.Phase.AFTER);
            if (error != null) {
                return finish(ExperimentResult.Verdict.ERROR, error);
            }
            if (abortedBy != null) {
                return finish(ExperimentResult.Verdict.FAIL, "aborted: '" + abortedBy + "' failed with stopOnFailure");
            }
            List<String> failed = failedChecks();
            return failed.isEmpty() ? finish(ExperimentResult.Verdict.PASS, "every check held")
                    : finish(ExperimentResult.Verdict.FAIL, "failed: " + failed);
        }

        private void registerChecks() {
            for (Tolerance t : experiment.hypothesis().tolerances()) {
                ProbeMode mode = t instanceof Tolerance.Metric m ? m.mode() : ProbeMode.EDGE;
                checks.put(t.text(), new ExperimentResult.Check(t.text(),
                        t instanceof Tolerance.Metric ? "promProbe" : "hostCheck", mode, 0, 0));
            }
            for (Fault f : experiment.faults()) {
                for (Probe p : f.probes()) {
                    checks.put(p.name(), new ExperimentResult.Check(p.name(), p.type(), p.mode(), 0, 0));
                }
            }
        }

        /** Samples what the phase checks; returns whether all held. */
        private boolean checkPhase(ExperimentResult.Phase phase) {
            boolean all = true;
            for (Tolerance t : experiment.hypothesis().tolerances()) {
                RunProperties run = t instanceof Tolerance.Metric m ? m.runProperties() : null;
                all &= sample(t.text(), phase, run, () -> evaluate(t, phase));
            }
            for (Fault f : experiment.faults()) {
                for (Probe p : f.probes()) {
                    boolean runs = phase == ExperimentResult.Phase.BEFORE ? p.mode().before() : p.mode().after();
                    if (runs) {
                        all &= sample(p.name(), phase, p.runProperties(), () -> evaluate(p));
                    }
                }
            }
            return all;
        }

        private void chaos(Fault fault) {
            PodDeleteSettings s;
            try {
                s = fault.podDelete();
            } catch (ValidationException e) {
                error = "fault " + fault.name() + ": " + e.getMessage();
                return;
            }
            FaultInjector injector = injectorFor(fault).orElseThrow();
            FaultInjector.Request request = request(experiment, fault);
            if (!s.rampTime().isZero()) {
                note("ramp time", fmt(s.rampTime()) + " before " + fault.name());
                sleepUntil(clock.instant().plus(s.rampTime()));
            }
            Instant start = clock.instant();
            Instant end = start.plus(s.totalChaosDuration());
            note("chaos injection started", fault.name() + " for " + fmt(s.totalChaosDuration()) + " every "
                    + fmt(s.chaosInterval()) + ", " + s.sequence().litmusName() + ", force " + s.force());
            List<Sampler> samplers = samplers(start);
            Instant nextStrike = start;
            List<String> serialQueue = new ArrayList<>();
            try {
                while (true) {
                    Instant nextSample = samplers.stream().map(x -> x.next).filter(t -> !t.isAfter(end))
                            .min(Instant::compareTo).orElse(null);
                    Instant strikeAt = nextStrike.isBefore(end) ? nextStrike : null;
                    Instant next = earliest(strikeAt, nextSample);
                    if (next == null) {
                        break;
                    }
                    sleepUntil(next);
                    if (engineState.get() == EngineState.STOP) {
                        stopped = true;
                        note("halted", "engineState set to stop; no more injection");
                        break;
                    }
                    if (next.equals(strikeAt)) {
                        if (!strike(injector, request, s, serialQueue)) {
                            break;
                        }
                        nextStrike = nextStrike.plus(s.chaosInterval());
                    }
                    if (next.equals(nextSample) && !sampleDue(samplers, next)) {
                        break;
                    }
                }
                if (!stopped && error == null && abortedBy == null) {
                    sleepUntil(end);
                }
            } finally {
                try {
                    injector.stop(request);
                    note("chaos injection stopped", fault.name());
                } catch (RuntimeException e) {
                    error = "stopping " + fault.name() + " failed: " + e.getMessage();
                    note("error", error);
                }
            }
            if (!s.rampTime().isZero() && error == null && !stopped) {
                sleepUntil(clock.instant().plus(s.rampTime()));
            }
        }

        /** One strike; false when the run must end (error). */
        private boolean strike(FaultInjector injector, FaultInjector.Request request, PodDeleteSettings s,
                               List<String> serialQueue) {
            try {
                if (serialQueue.isEmpty()) {
                    serialQueue.addAll(injector.plan(request));
                }
                if (serialQueue.isEmpty()) {
                    note("nothing to inject", "no running pod matches " + experiment.app().labelSelector());
                    return true;
                }
                List<String> targets = s.sequence() == PodDeleteSettings.Sequence.PARALLEL
                        ? List.copyOf(serialQueue) : List.of(serialQueue.get(0));
                serialQueue.removeAll(targets);
                FaultInjector.Injected done = injector.inject(request, targets);
                injections.add(new ExperimentResult.Injection(clock.instant(), request.fault(), done.affected(),
                        done.gracePeriod()));
                note("injected", done.detail());
                return true;
            } catch (RuntimeException e) {
                // A failing cluster call (ClusterException) or a broken injector: inject nothing more.
                error = "cluster call failed during " + request.fault() + ": " + e.getMessage();
                note("error", error);
                return false;
            }
        }

        /** Samples every sampler due at {@code now}; false when one aborted the run. */
        private boolean sampleDue(List<Sampler> samplers, Instant now) {
            for (Sampler x : samplers) {
                if (x.next.equals(now)) {
                    x.next = now.plus(x.interval);
                    boolean ok = sample(x.name, ExperimentResult.Phase.DURING, x.run, x.check);
                    if (error != null) {
                        return false;
                    }
                    if (!ok && x.stopOnFailure) {
                        abortedBy = x.name;
                        note("aborted", "'" + x.name + "' failed and has stopOnFailure; injection halted at once");
                        return false;
                    }
                }
            }
            return true;
        }

        private List<Sampler> samplers(Instant start) {
            List<Sampler> out = new ArrayList<>();
            for (Tolerance.Metric m : experiment.hypothesis().metrics()) {
                if (m.mode().during()) {
                    out.add(new Sampler(m.text(), m.runProperties(), start, () -> evaluate(m, ExperimentResult.Phase.DURING)));
                }
            }
            for (Fault f : experiment.faults()) {
                for (Probe p : f.probes()) {
                    if (p.mode().during()) {
                        out.add(new Sampler(p.name(), p.runProperties(), start, () -> evaluate(p)));
                    }
                }
            }
            return out;
        }

        /**
         * Takes one sample: up to {@code run.tries()} tries, {@code run.interval()} apart, each held to
         * {@code run.probeTimeout()}; a host check ({@code run} null) is tried once without a timeout.
         */
        private boolean sample(String name, ExperimentResult.Phase phase, @Nullable RunProperties run,
                               Supplier<Outcome> check) {
            int tries = run == null ? 1 : run.tries();
            Duration pause = run == null ? Duration.ZERO : run.interval();
            Outcome o = null;
            for (int attempt = 1; attempt <= tries && (o == null || !o.ok); attempt++) {
                Instant asked = clock.instant();
                try {
                    o = check.get();
                } catch (ClusterException e) {
                    // The cluster itself failed, not the check: the run cannot go on.
                    error = "cluster call failed while checking '" + name + "': " + e.getMessage();
                    note("error", error);
                    return false;
                } catch (RuntimeException e) {
                    o = new Outcome(false, "check failed: " + e.getMessage());
                }
                if (run != null) {
                    o = inTime(name, run.probeTimeout(), Duration.between(asked, clock.instant()), o);
                }
                if (!o.ok && attempt < tries) {
                    note("sample retried", "'" + name + "' try " + attempt + " of " + tries + ": " + o.observed
                            + "; next try in " + fmt(pause));
                    sleepUntil(clock.instant().plus(pause));
                }
            }
            Objects.requireNonNull(o);
            Instant now = clock.instant();
            samples.add(new ExperimentResult.Sample(now, name, phase, o.ok, o.observed));
            ExperimentResult.Check c = checks.get(name);
            if (c != null) {
                checks.put(name, new ExperimentResult.Check(c.name(), c.type(), c.mode(),
                        c.passed() + (o.ok ? 1 : 0), c.failed() + (o.ok ? 0 : 1)));
            }
            note(o.ok ? "sample passed" : "sample failed", phase.name().toLowerCase(java.util.Locale.ROOT) + " '"
                    + name + "': " + o.observed);
            return o.ok;
        }

        /**
         * The outcome of a try that took {@code took}: a failure when that is longer than the probe's timeout,
         * whatever it answered. Litmus would have stopped waiting at the timeout and never seen the answer.
         */
        private static Outcome inTime(String name, Duration timeout, Duration took, Outcome answered) {
            if (took.compareTo(timeout) <= 0) {
                return answered;
            }
            Duration late = took.minus(timeout);
            return new Outcome(false, "'" + name + "' answered after " + fmt(took) + ", "
                    + (late.toMillis() == 0 ? "under 1ms" : fmt(late)) + " past its probeTimeout of " + fmt(timeout) + ", so the try failed; it answered "
                    + (answered.ok ? "pass" : "fail") + ": " + answered.observed);
        }

        private Outcome evaluate(Tolerance t, ExperimentResult.Phase phase) {
            if (t instanceof Tolerance.Metric m) {
                return metric(m.condition().metricKey(), m.condition(), null);
            }
            if (integrityCheck == null) {
                return new Outcome(false, "no DataIntegrityCheck is configured to verify it");
            }
            if (phase == ExperimentResult.Phase.BEFORE) {
                DataIntegrityCheck.Snapshot snap = integrityCheck.snapshot(t.text());
                snapshots.put(t.text(), snap);
                return new Outcome(true, "snapshot " + snap.fingerprint());
            }
            DataIntegrityCheck.Snapshot before = snapshots.get(t.text());
            if (before == null) {
                return new Outcome(false, "no snapshot was taken before");
            }
            DataIntegrityCheck.Outcome o = integrityCheck.verify(t.text(), before);
            return new Outcome(o.intact(), o.detail());
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
                int n = cluster.pods(ns, selector).size();
                boolean ok = k.operation().equals("present") ? n > 0 : n == 0;
                return new Outcome(ok, n + " pods");
            }
            if (in instanceof ProbeInputs.Http http) {
                if (dependencyProbe == null) {
                    return new Outcome(false, "no DependencyProbe is configured for httpProbe");
                }
                DependencyProbe.Result r = dependencyProbe.httpStatus(URI.create(http.url()), p.runProperties().probeTimeout());
                boolean ok = r.httpStatus().isPresent() && Condition.Comparator.fromText(http.criteria())
                        .map(op -> op.test(Quantity.count(r.httpStatus().getAsInt()),
                                Quantity.count(Double.parseDouble(http.responseCode()))))
                        .orElse(false);
                return new Outcome(ok, r.answer());
            }
            return new Outcome(false, "cmdProbe commands are never run by incident4j; use a host check instead");
        }

        private Outcome metric(String name, @Nullable Condition condition,
                               java.util.function.@Nullable Predicate<Quantity> test) {
            Map<String, String> labels = new LinkedHashMap<>(experiment.app().selector());
            labels.put("namespace", experiment.app().namespace());
            Optional<Quantity> value = metrics.read(name, labels, clock.instant(), metricWindow);
            if (value.isEmpty()) {
                return new Outcome(false, "no data for " + name);
            }
            boolean ok = condition != null ? condition.holdsFor(value.get()) : Objects.requireNonNull(test).test(value.get());
            return new Outcome(ok, name + " = " + value.get());
        }

        private List<String> failedChecks() {
            return checks.values().stream().filter(c -> c.failed() > 0).map(ExperimentResult.Check::name).toList();
        }

        private void sleepUntil(Instant at) {
            Duration d = Duration.between(clock.instant(), at);
            if (!d.isNegative() && !d.isZero()) {
                timers.sleep(d);
            }
        }

        private void note(String action, String detail) {
            Instant now = clock.instant();
            events.add(new ExperimentResult.Event(now, action, detail));
            try {
                timeline.record(now, ACTOR, action, detail);
            } catch (RuntimeException e) {
                LOG.warn("timeline sink failed for {}", action, e);
            }
        }

        private ExperimentResult finish(ExperimentResult.Verdict verdict, String reason) {
            note("verdict " + verdict.litmusName(), reason);
            return new ExperimentResult(experiment.name(), experiment.app().namespace(), verdict, reason, startedAt,
                    clock.instant(), List.copyOf(checks.values()), injections, samples, events);
        }
    }

    private static @Nullable Instant earliest(@Nullable Instant a, @Nullable Instant b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.isAfter(b) ? b : a;
    }

    private static String fmt(Duration d) {
        return io.github.incident4j.common.Durations.format(d.withNanos(d.getNano() / 1_000_000 * 1_000_000));
    }

    /** A check sampled at an interval during the fault. */
    private static final class Sampler {
        final String name;
        final Duration interval;
        final boolean stopOnFailure;
        final RunProperties run;
        final Supplier<Outcome> check;
        Instant next;

        Sampler(String name, RunProperties run, Instant start, Supplier<Outcome> check) {
            this.name = name;
            this.interval = run.interval();
            this.stopOnFailure = run.stopOnFailure();
            this.run = run;
            this.check = check;
            this.next = start.plus(run.interval());
        }
    }

    private record Outcome(boolean ok, String observed) {
    }

    /** Builds a {@link ChaosRunner}. */
    public static final class Builder {
        private @Nullable Clock clock;
        private @Nullable Timers timers;
        private @Nullable ClusterOperations cluster;
        private @Nullable MetricsSource metrics;
        private final List<FaultInjector> injectors = new ArrayList<>();
        private @Nullable DataIntegrityCheck integrityCheck;
        private @Nullable DependencyProbe dependencyProbe;
        private BlastRadiusGuard guard = BlastRadiusGuard.DENY_ALL;
        private TimelineSink timeline = TimelineSink.NOOP;
        private Supplier<EngineState> engineState = () -> EngineState.ACTIVE;
        private Duration recoveryWindow = Duration.ofSeconds(30);
        private Duration metricWindow = Duration.ofMinutes(1);
        private final List<Consumer<ExperimentResult>> listeners = new ArrayList<>();

        private Builder() {
        }

        /** The clock; default the {@linkplain Timers#clock() timers' clock}. */
        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        /** The timers through which time passes (required). */
        public Builder timers(Timers value) {
            this.timers = value;
            return this;
        }

        /** The cluster (required): pods for targets and k8sProbes, and the default pod-delete injector. */
        public Builder cluster(ClusterOperations value) {
            this.cluster = value;
            return this;
        }

        /** Where metric tolerances and promProbes are read (required). */
        public Builder metrics(MetricsSource value) {
            this.metrics = value;
            return this;
        }

        /** Adds a fault injector, asked before the default {@link PodDeleteInjector}. */
        public Builder injector(FaultInjector value) {
            injectors.add(Objects.requireNonNull(value, "injector"));
            return this;
        }

        /** Verifies host checks ("no data loss or corruption"); without one they fail. */
        public Builder integrityCheck(DataIntegrityCheck value) {
            this.integrityCheck = value;
            return this;
        }

        /** Runs httpProbes; without one they fail. */
        public Builder dependencyProbe(DependencyProbe value) {
            this.dependencyProbe = value;
            return this;
        }

        /** The blast-radius guard (default: allows nothing). */
        public Builder guard(BlastRadiusGuard value) {
            this.guard = Objects.requireNonNull(value, "guard");
            return this;
        }

        /** Where every strike, sample and decision is recorded as it happens. */
        public Builder timeline(TimelineSink value) {
            this.timeline = Objects.requireNonNull(value, "timeline");
            return this;
        }

        /** Polled before every strike and sample; {@link EngineState#STOP} halts the run. */
        public Builder engineState(Supplier<EngineState> value) {
            this.engineState = Objects.requireNonNull(value, "engineState");
            return this;
        }

        /** How long to wait after the fault before the final checks (default 30s). */
        public Builder recoveryWindow(Duration value) {
            this.recoveryWindow = Objects.requireNonNull(value, "recoveryWindow");
            return this;
        }

        /** The window metrics are read over (default 1m). */
        public Builder metricWindow(Duration value) {
            this.metricWindow = Objects.requireNonNull(value, "metricWindow");
            return this;
        }

        /** Called with every result, e.g. to open an incident for a failed experiment; failures are logged. */
        public Builder onResult(Consumer<ExperimentResult> listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws ValidationException naming every missing part
         */
        public ChaosRunner build() {
            io.github.incident4j.common.Problems problems = new io.github.incident4j.common.Problems();
            problems.check(timers != null, "timers", null, "is required");
            problems.check(cluster != null, "cluster", null, "is required");
            problems.check(metrics != null, "metrics", null, "is required");
            problems.check(!recoveryWindow.isNegative(), "recoveryWindow", recoveryWindow, "must not be negative");
            problems.check(!metricWindow.isNegative() && !metricWindow.isZero(), "metricWindow", metricWindow,
                    "must be positive");
            problems.throwIfAny("chaos runner");
            return new ChaosRunner(this);
        }
    }
}
