package io.github.incident4j.chaos;

import io.github.incident4j.spi.ClusterOperations.Pod;
import io.github.incident4j.spi.FaultInjector;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * {@link ChaosRunner#dryRun}: the run's schedule computed from the pods as they are now, with every pod recovering
 * at once and probes taking no time. It draws its random choices in the run's order from the run's seed.
 */
final class DryRunPlanner {

    private DryRunPlanner() {
    }

    static ChaosRunner.DryRun plan(ChaosRun.Config cfg, ChaosExperiment e) {
        List<ChaosRunner.PlannedStrike> strikes = new ArrayList<>();
        Optional<String> refusal = e.engineState() == EngineState.STOP ? Optional.of("engineState is stop")
                : cfg.guard().refusal(e.app().namespace()).map(r -> "refused by the blast-radius guard: " + r);
        SplittableRandom random = new SplittableRandom(cfg.seed());
        Instant at = cfg.clock().instant();
        String ns = e.app().namespace();
        for (Fault fault : e.faults()) {
            FaultInjector injector = cfg.injectors().stream().filter(i -> i.supports(fault.name())).findFirst().orElse(null);
            if (injector == null) {
                return new ChaosRunner.DryRun(strikes, Optional.of("no fault injector supports '" + fault.name() + "'"));
            }
            PodDeleteSettings s = fault.podDelete();
            int delay;
            int timeout;
            try {
                int[] dt = ChaosRun.statusCheckTimeouts(fault);
                delay = dt[0];
                timeout = dt[1];
            } catch (IllegalArgumentException x) {
                return new ChaosRunner.DryRun(strikes, Optional.of(x.getMessage()));
            }
            at = at.plusSeconds(Math.max(0, s.rampTime().toSeconds()));
            int percent = s.podsAffectedPercent();
            String[] range = s.podsAffectedPercentText().split("-", -1);
            if (range.length == 2 && GoText.atoi(range[1]) >= GoText.atoi(range[0])) {
                long lo = GoText.atoi(range[0]);
                percent = (int) (lo + random.nextLong(GoText.atoi(range[1]) - lo + 1));
            }
            PodDeleteSettings.Sequence seq = s.sequence();
            if (seq == PodDeleteSettings.Sequence.RANDOM) {
                seq = random.nextInt(2) == 0 ? PodDeleteSettings.Sequence.SERIAL : PodDeleteSettings.Sequence.PARALLEL;
            }
            if (seq == PodDeleteSettings.Sequence.UNSUPPORTED) {
                return new ChaosRunner.DryRun(strikes, Optional.of("sequence '" + s.sequenceText() + "' is not supported"));
            }
            List<String> targets;
            long before = 0; // seconds litmus-go spends finding the targets (GetPod, ListNode retries wait their delay)
            try {
                if (!fault.name().equals(Fault.POD_DELETE)) {
                    targets = injector.plan(new FaultInjector.Request(fault.name(), ns, e.app().selector(), e.app().kind(),
                            fault.env(), cfg.guard().maxPodsAffected()));
                } else if (!s.targetPodNames().isEmpty()) {
                    List<String> existing = cfg.cluster().pods(ns, Map.of()).stream().map(Pod::name).toList();
                    for (String name : s.targetPodNames()) {
                        if (!existing.contains(name)) {
                            return new ChaosRunner.DryRun(strikes, Optional.of("pod " + name
                                    + " doesn't exist (set by TARGET_PODS) in " + ns));
                        }
                    }
                    targets = s.targetPodNames();
                    before = (2L + delay) * targets.size();
                } else if (e.app().labelSelector().isEmpty() || e.app().kind().isBlank()) {
                    return new ChaosRunner.DryRun(strikes, Optional.of(e.app().labelSelector().isEmpty()
                            ? "provide one of the appLabel or TARGET_PODS" : "no target pods found: appinfo.appkind is not set"));
                } else {
                    List<Pod> pods = cfg.cluster().pods(ns, e.app().selector());
                    if (pods.isEmpty()) {
                        return new ChaosRunner.DryRun(strikes, Optional.of("no target pods found for "
                                + e.app().labelSelector() + " in " + ns));
                    }
                    if (!s.nodeLabel().isEmpty()) {
                        List<String> nodes = cfg.cluster().nodes(AppInfo.of(ns, s.nodeLabel()).selector());
                        Map<String, String> where = cfg.cluster().podNodes(ns, e.app().selector());
                        pods = ChaosRun.byPercentage(pods, 100, random).stream()
                                .filter(p -> nodes.contains(where.get(p.name()))).toList();
                        if (pods.isEmpty()) {
                            return new ChaosRunner.DryRun(strikes, Optional.of("no pod found on the nodes of NODE_LABEL "
                                    + s.nodeLabel()));
                        }
                        before = delay;
                    }
                    targets = ChaosRun.byPercentage(pods, percent, random).stream().map(Pod::name).toList();
                }
            } catch (RuntimeException x) {
                return new ChaosRunner.DryRun(strikes, Optional.of("cluster call failed while planning " + fault.name()
                        + ": " + x.getMessage()));
            }
            if (targets.size() > cfg.guard().maxPodsAffected()) {
                targets = targets.subList(0, cfg.guard().maxPodsAffected());
            }
            long interval = s.randomness() ? randomInterval(s.chaosIntervalText(), random) : GoText.atoi(s.chaosIntervalText());
            long workload = e.app().selector().isEmpty() ? targets.size() : cfg.cluster().pods(ns, e.app().selector()).size();
            long recovery = timeout / delay >= 1 ? 2L * delay * workload : 0; // ready, then Running: one delay each
            long step = Math.max(0, interval) + recovery;
            Instant start = at;
            boolean serial = seq == PodDeleteSettings.Sequence.SERIAL;
            while (Duration.between(start, at).toSeconds() < s.totalChaosDuration().toSeconds()) {
                Instant iteration = at;
                at = at.plusSeconds(before);
                if (serial) {
                    for (String t : targets) {
                        strikes.add(new ChaosRunner.PlannedStrike(at, fault.name(), ns, List.of(t), s.gracePeriod()));
                        at = at.plusSeconds(step);
                    }
                } else {
                    strikes.add(new ChaosRunner.PlannedStrike(at, fault.name(), ns, targets, s.gracePeriod()));
                    at = at.plusSeconds(step);
                }
                if (at.equals(iteration)) {
                    break; // iterations that take no time: litmus-go would spin; one is enough to show what it hits
                }
            }
            at = at.plusSeconds(Math.max(0, s.rampTime().toSeconds()));
        }
        return new ChaosRunner.DryRun(strikes, refusal);
    }

    private static long randomInterval(String text, SplittableRandom random) {
        String[] parts = text.split("-", -1);
        long lo = parts.length == 2 ? GoText.atoi(parts[0]) : 0;
        long hi = GoText.atoi(parts[parts.length == 2 ? 1 : 0]);
        return hi - lo > 0 && parts.length <= 2 ? lo + random.nextLong(hi - lo) : 0;
    }
}
