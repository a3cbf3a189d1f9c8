package io.github.incident4j.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incident4j.ValidationException;
import io.github.incident4j.common.Quantity;
import io.github.incident4j.runbook.DiagnosisReport.Outcome;
import io.github.incident4j.sim.VirtualTime;
import io.github.incident4j.spi.Approver;
import io.github.incident4j.spi.ClusterException;
import io.github.incident4j.spi.ClusterOperations.LogLine;
import io.github.incident4j.spi.ClusterOperations.Pod;
import io.github.incident4j.spi.ClusterOperations.Revision;
import io.github.incident4j.spi.ClusterOperations.RolloutStatus;
import io.github.incident4j.spi.DependencyProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunbookRunnerTest {

    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    final VirtualTime time = VirtualTime.startingAt(T0);
    final Fakes.Cluster cluster = new Fakes.Cluster(time.clock());
    final Fakes.Probe probe = new Fakes.Probe();
    final Fakes.Metrics metrics = new Fakes.Metrics();
    final Fakes.Timeline timeline = new Fakes.Timeline();
    final List<Approver.Request> asked = new ArrayList<>();

    static Runbook runbook() {
        return Runbook.forService("payment-service")
                .title("Payment Service", "High Error Rate")
                .owner("payments")
                .escalation("#incident", "on-call", "lead")
                .alert("PaymentHighErrorRate", "error rate > 5% for 5m")
                .diagnose("Check service health", "kubectl get pods -n ${ns} -l app=payment-service")
                .diagnose("Check recent deployments", "kubectl rollout history deployment/payment-service -n ${ns}")
                .diagnose("Check error logs", "kubectl logs -n ${ns} -l app=payment-service --since=10m | grep ERROR")
                .diagnose(DiagnosisStep.of("Check dependencies",
                        DiagnosisStep.of("Database", "pg_isready -h db-host"),
                        DiagnosisStep.of("Redis", "redis-cli -h redis-host ping")))
                .diagnose("Ask the upstream team", "page upstream-oncall")
                .mitigation("Rollback deployment",
                        "kubectl rollout undo deployment/payment-service -n ${ns}",
                        "kubectl rollout status deployment/payment-service -n ${ns}")
                .mitigationIf("Scale and restart", "load-related",
                        "kubectl scale deployment/payment-service --replicas=6 -n ${ns}",
                        "kubectl rollout restart deployment/payment-service -n ${ns}",
                        "kubectl rollout history deployment/payment-service -n ${ns}")
                .recovery("Error rate returns to baseline (< 0.1%)")
                .recovery("Latency p99 returns to baseline (< 500ms)")
                .recovery("No new error log entries")
                .recovery("Confirm in dashboard for 15 minutes")
                .build();
    }

    static final Bindings BINDINGS = Bindings.of(Map.of("ns", "production"));

    RunbookRunner runner(Approver approver) {
        return RunbookRunner.builder().timers(time).cluster(cluster).probe(probe).metrics(metrics)
                .approver(request -> {
                    asked.add(request);
                    return approver.decide(request);
                })
                .timeline(timeline).pollInterval(Duration.ofSeconds(2)).sampleInterval(Duration.ofMinutes(1)).build();
    }

    @Test
    @DisplayName("diagnosis reports the crash-looping pod, the recent revision, the error lines and the Redis that is down")
    void diagnosisEvidence() {
        cluster.pods = List.of(
                new Pod("payment-service-1", "Running", true, 0, "", Map.of("app", "payment-service"), Optional.of(T0)),
                new Pod("payment-service-2", "Running", false, 7, "CrashLoopBackOff", Map.of("app", "payment-service"), Optional.of(T0)));
        cluster.revisions = List.of(
                new Revision(3, "v1.2", "pay:1.2", T0.minus(Duration.ofDays(3))),
                new Revision(4, "v1.3", "pay:1.3", T0.minus(Duration.ofDays(1))),
                new Revision(5, "v1.4 faulty", "pay:1.4", T0.minus(Duration.ofMinutes(8))));
        cluster.logLines = List.of(
                new LogLine("payment-service-2", "app", T0.minus(Duration.ofMinutes(2)), "ERROR connection to redis refused"),
                new LogLine("payment-service-1", "app", T0.minus(Duration.ofMinutes(1)), "INFO ok"),
                new LogLine("payment-service-2", "app", T0.minus(Duration.ofMinutes(30)), "ERROR too old"));
        probe.answers.put("redis-host", DependencyProbe.Result.down("connection refused"));

        DiagnosisReport report = runner(Approver.DENY_ALL).diagnose(runbook(), BINDINGS);

        assertThat(report.allSteps()).extracting(DiagnosisReport.Step::number, DiagnosisReport.Step::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple("1", Outcome.PROBLEM),
                org.assertj.core.groups.Tuple.tuple("2", Outcome.PROBLEM),
                org.assertj.core.groups.Tuple.tuple("3", Outcome.PROBLEM),
                org.assertj.core.groups.Tuple.tuple("4", Outcome.PROBLEM),
                org.assertj.core.groups.Tuple.tuple("4.1", Outcome.OK),
                org.assertj.core.groups.Tuple.tuple("4.2", Outcome.PROBLEM),
                org.assertj.core.groups.Tuple.tuple("5", Outcome.MANUAL));
        assertThat(report.step("1").orElseThrow().evidence())
                .containsExactly("payment-service-2: CrashLoopBackOff, not ready, 7 restarts");
        assertThat(report.step("1").orElseThrow().summary()).isEqualTo("1 of 2 pods not ready (app=payment-service in production)");
        assertThat(report.step("2").orElseThrow().summary()).contains("revision 5", "8m ago", "suspect");
        assertThat(report.step("2").orElseThrow().revisions()).extracting(Revision::number).containsExactly(5L, 4L, 3L);
        assertThat(report.step("3").orElseThrow().logLines()).extracting(LogLine::text).containsExactly("ERROR connection to redis refused");
        assertThat(report.step("4.2").orElseThrow().summary()).isEqualTo("Redis at redis-host:6379 is down: connection refused");
        assertThat(report.step("4").orElseThrow().summary()).isEqualTo("Redis: Redis at redis-host:6379 is down: connection refused");
        assertThat(report.step("5").orElseThrow().summary()).isEqualTo("run by hand: page upstream-oncall");
        assertThat(report.healthy()).isFalse();
        assertThat(probe.calls).containsExactly("postgres db-host:5432", "redis redis-host:6379");
        assertThat(timeline.actions()).startsWith("diagnosis started").endsWith("diagnosis finished")
                .contains("diagnosis step problem", "diagnosis step ok", "diagnosis step manual");
        assertThat(timeline.events).allMatch(e -> e.at().equals(T0) && e.actor().equals("runbook"));
    }

    @Test
    @DisplayName("a cluster failure makes that step an error and the diagnosis goes on")
    void diagnosisError() {
        cluster.failing.put("pods", new ClusterException(ClusterException.Reason.FORBIDDEN, "pods is forbidden"));
        DiagnosisReport report = runner(Approver.DENY_ALL).diagnose(runbook(), BINDINGS);
        assertThat(report.step("1").orElseThrow().outcome()).isEqualTo(Outcome.ERROR);
        assertThat(report.step("1").orElseThrow().summary()).contains("FORBIDDEN", "pods is forbidden");
        assertThat(report.step("2")).isPresent();
        assertThat(cluster.calls).anyMatch(c -> c.startsWith("rolloutHistory"));
    }

    @Test
    @DisplayName("a mitigation is denied by default: the approver is asked with the exact operations and nothing runs")
    void deniedByDefault() {
        RunbookRunner runner = RunbookRunner.builder().timers(time).cluster(cluster).probe(probe)
                .metrics(metrics).timeline(timeline).build();
        MitigationReport report = runner.mitigate(runbook(), "Rollback deployment", BINDINGS);
        assertThat(report.status()).isEqualTo(MitigationReport.Status.DENIED);
        assertThat(report.decision().orElseThrow().approved()).isFalse();
        assertThat(report.performed()).isEmpty();
        assertThat(cluster.calls).isEmpty();
        assertThat(timeline.actions()).containsExactly("mitigation requested", "mitigation denied");
    }

    @Test
    @DisplayName("a dry run returns the exact operations, asks nobody and runs nothing")
    void dryRun() {
        MitigationReport report = runner(Approver.ALLOW_ALL).dryRun(runbook(), "rollback deployment", BINDINGS);
        assertThat(report.status()).isEqualTo(MitigationReport.Status.DRY_RUN);
        assertThat(report.plannedLines()).containsExactly(
                "kubectl rollout undo deployment/payment-service -n production",
                "kubectl rollout status deployment/payment-service -n production");
        assertThat(asked).isEmpty();
        assertThat(cluster.calls).isEmpty();
    }

    @Test
    @DisplayName("an approved rollback undoes and waits for the rollout, polling in virtual time until it is done")
    void approvedRollbackWaits() {
        for (int i = 0; i < 5; i++) {
            cluster.statuses.add(new RolloutStatus(false, false, "Waiting for deployment \"payment-service\" rollout to finish: "
                    + i + " of 3 updated replicas are available...", 3, 3, i));
        }
        cluster.statuses.add(new RolloutStatus(true, false, "deployment \"payment-service\" successfully rolled out", 3, 3, 3));
        MitigationReport report = runner(Approver.ALLOW_ALL).mitigate(runbook(), "Rollback deployment", BINDINGS);

        assertThat(report.status()).isEqualTo(MitigationReport.Status.COMPLETED);
        assertThat(asked).singleElement().satisfies(r -> {
            assertThat(r.service()).isEqualTo("payment-service");
            assertThat(r.action()).isEqualTo("Rollback deployment");
            assertThat(r.operations()).containsExactly(
                    "kubectl rollout undo deployment/payment-service -n production",
                    "kubectl rollout status deployment/payment-service -n production");
        });
        assertThat(report.performed()).extracting(MitigationReport.Operation::outcome)
                .containsExactly(MitigationReport.Outcome.DONE, MitigationReport.Outcome.DONE);
        assertThat(report.performed().get(0).detail()).contains("rolled back", "successfully rolled out");
        assertThat(cluster.calls.get(0)).isEqualTo("rolloutUndo[production, payment-service, OptionalLong.empty]");
        assertThat(cluster.calls.stream().filter(c -> c.startsWith("rolloutStatus"))).hasSize(7);
        assertThat(time.now()).isEqualTo(T0.plusSeconds(10));
        assertThat(report.finishedAt()).isEqualTo(T0.plusSeconds(10));
        assertThat(timeline.actions()).contains("mitigation approved", "rollback", "rollout status", "mitigation completed");
    }

    @Test
    @DisplayName("a rollback whose rollout never finishes: the undo is reported done, its wait fails at the timeout, "
            + "and the runbook's status command does not run")
    void rollbackTimesOut() {
        cluster.lastStatus = new RolloutStatus(false, false, "Waiting for deployment \"payment-service\" rollout to finish: 0 of 3 updated replicas are available...", 3, 3, 0);
        RunbookRunner runner = RunbookRunner.builder().timers(time).cluster(cluster).probe(probe)
                .metrics(metrics).approver(Approver.ALLOW_ALL).timeline(timeline).rolloutTimeout(Duration.ofMinutes(1))
                .pollInterval(Duration.ofSeconds(7)).build();
        MitigationReport report = runner.mitigate(runbook(), "Rollback deployment", BINDINGS);

        assertThat(report.status()).isEqualTo(MitigationReport.Status.FAILED);
        MitigationReport.Operation failed = report.failure().orElseThrow();
        assertThat(failed.command()).isEqualTo(new Command.RolloutStatus("production", "payment-service",
                Optional.of(Duration.ofMinutes(1))));
        assertThat(failed.detail()).contains("did not finish within 1m", "0 of 3 updated replicas");
        assertThat(failed.at()).isEqualTo(T0.plus(Duration.ofMinutes(1)));
        assertThat(report.done()).singleElement().satisfies(undo -> {
            assertThat(undo.command()).isInstanceOf(Command.RolloutUndo.class);
            assertThat(undo.detail()).contains("rolled back (revision 5 to 4)");
            assertThat(undo.at()).isEqualTo(T0);
        });
        assertThat(report.performed()).hasSize(2);
        assertThat(cluster.calls.stream().filter(c -> c.startsWith("rolloutStatus"))).hasSize(10);
        assertThat(time.now()).isEqualTo(T0.plus(Duration.ofMinutes(1)));
        assertThat(timeline.actions()).endsWith("operation failed", "mitigation failed");
    }

    @ParameterizedTest(name = "status answers after {0}s: {1}")
    @CsvSource({"299, COMPLETED", "300, COMPLETED", "301, FAILED", "7200, FAILED"})
    @DisplayName("a status answer that arrives after the 5m rollout timeout counts as a timeout, even when it says done")
    void lateStatusAnswerIsATimeout(long seconds, MitigationReport.Status expected) {
        cluster.duringStatus = () -> time.advance(Duration.ofSeconds(seconds));
        MitigationReport report = runner(Approver.ALLOW_ALL).mitigate(runbook(), "Rollback deployment", BINDINGS);

        assertThat(report.status()).as(report.toString()).isEqualTo(expected);
        assertThat(report.done()).first().satisfies(undo -> assertThat(undo.command()).isInstanceOf(Command.RolloutUndo.class));
        if (expected == MitigationReport.Status.FAILED) {
            assertThat(report.failure()).hasValueSatisfying(f -> {
                assertThat(f.command().render()).isEqualTo(
                        "kubectl rollout status deployment/payment-service -n production --timeout=5m");
                assertThat(f.detail()).contains("did not finish within 5m", "after the deadline", "successfully rolled out");
                assertThat(f.at()).isEqualTo(T0.plusSeconds(seconds));
            });
            assertThat(cluster.calls.stream().filter(c -> c.startsWith("rolloutStatus"))).hasSize(1);
        }
    }

    @Test
    @DisplayName("a failing operation stops the mitigation; the report names it and what was already done")
    void failingOperationStops() {
        cluster.failing.put("rolloutRestart", new ClusterException(ClusterException.Reason.CONFLICT, "deployment is paused"));
        MitigationReport report = runner(Approver.ALLOW_ALL).mitigate(runbook(), "Scale and restart", BINDINGS);

        assertThat(report.status()).isEqualTo(MitigationReport.Status.FAILED);
        assertThat(report.done()).extracting(MitigationReport.Operation::command)
                .containsExactly(new Command.Scale("production", "payment-service", 6));
        assertThat(report.failure().orElseThrow().command()).isEqualTo(new Command.RolloutRestart("production", "payment-service"));
        assertThat(report.failure().orElseThrow().detail()).contains("CONFLICT", "deployment is paused");
        assertThat(cluster.calls).noneMatch(c -> c.startsWith("rolloutHistory"));
        assertThat(timeline.events.get(timeline.events.size() - 1).detail())
                .contains("kubectl rollout restart deployment/payment-service -n production", "after 1 operation(s) done");
    }

    @Test
    @DisplayName("an unknown mitigation is refused with the names the runbook has")
    void unknownMitigation() {
        assertThatThrownBy(() -> runner(Approver.ALLOW_ALL).mitigate(runbook(), "Pray", BINDINGS))
                .isInstanceOf(ValidationException.class).hasMessageContaining("Rollback deployment");
        assertThat(asked).isEmpty();
    }

    @Test
    @DisplayName("recovery is verified when every criterion held at every sample of the 15-minute hold")
    void recoveryVerified() {
        metrics.values = (m, t) -> Optional.of(m.equals("error rate") ? Quantity.percent(0.05) : Quantity.millis(300));
        cluster.logLines = List.of(new LogLine("p", "app", T0.minusSeconds(1), "ERROR before the window"));

        RecoveryReport report = runner(Approver.DENY_ALL).verifyRecovery(runbook(), BINDINGS, T0);

        assertThat(report.verified()).isTrue();
        assertThat(report.hold()).isEqualTo(Duration.ofMinutes(15));
        assertThat(report.until()).isEqualTo(T0.plus(Duration.ofMinutes(15)));
        assertThat(time.now()).isEqualTo(T0.plus(Duration.ofMinutes(15)));
        assertThat(report.criteria()).extracting(RecoveryReport.CriterionResult::status).containsExactly(
                RecoveryReport.Status.HELD, RecoveryReport.Status.HELD, RecoveryReport.Status.HELD, RecoveryReport.Status.NOT_CHECKED);
        assertThat(report.criteria().get(0).samples()).isEqualTo(16);
        assertThat(metrics.calls).contains("error rate@" + T0.plus(Duration.ofMinutes(15)) + "{service=payment-service}");
        assertThat(cluster.calls).anyMatch(c -> c.startsWith("logs[production, {app=payment-service}") && c.endsWith("ERROR]"));
        assertThat(timeline.actions()).containsExactly("recovery verification started", "recovery verified");
        assertThat(timeline.events.get(1).at()).isEqualTo(T0.plus(Duration.ofMinutes(15)));
    }

    @Test
    @DisplayName("recovery fails with the criterion, the instant and the value when the error rate rises in the window")
    void recoveryFails() {
        Instant rise = T0.plus(Duration.ofMinutes(7));
        metrics.values = (m, t) -> Optional.of(m.equals("error rate")
                ? (t.isBefore(rise) ? Quantity.percent(0.05) : Quantity.percent(2.5)) : Quantity.millis(300));

        RecoveryReport report = runner(Approver.DENY_ALL).verifyRecovery(runbook(), BINDINGS, T0);

        assertThat(report.verified()).isFalse();
        RecoveryReport.CriterionResult failure = report.failure().orElseThrow();
        assertThat(failure.criterion().text()).isEqualTo("Error rate returns to baseline (< 0.1%)");
        assertThat(failure.failedAt()).contains(rise);
        assertThat(failure.observed()).contains("2.5%");
        assertThat(failure.detail()).isEqualTo("Error rate was 2.5%, needs < 0.1%");
        assertThat(report.criteria().get(1).status()).isEqualTo(RecoveryReport.Status.INTERRUPTED);
        assertThat(time.now()).isEqualTo(rise);
        assertThat(timeline.actions()).containsExactly("recovery verification started", "recovery criterion failed", "recovery not verified");
    }

    @Test
    @DisplayName("recovery fails on a new error log line, and on a metric without data")
    void recoveryFailsOnLogsAndMissingData() {
        metrics.values = (m, t) -> Optional.of(m.equals("error rate") ? Quantity.percent(0.05) : Quantity.millis(300));
        Instant errorAt = T0.plus(Duration.ofMinutes(4)).plusSeconds(10);
        cluster.logLines = List.of(new LogLine("payment-service-1", "app", errorAt, "ERROR again"));
        RecoveryReport logs = runner(Approver.DENY_ALL).verifyRecovery(runbook(), BINDINGS, T0);
        assertThat(logs.failure().orElseThrow().criterion().kind()).isEqualTo(RecoveryCriterion.Kind.NO_NEW_ERROR_LOGS);
        assertThat(logs.failure().orElseThrow().failedAt()).contains(errorAt);
        assertThat(logs.failure().orElseThrow().observed()).contains("payment-service-1: ERROR again");

        metrics.values = (m, t) -> m.equals("error rate") ? Optional.of(Quantity.percent(0.05)) : Optional.empty();
        RecoveryReport noData = runner(Approver.DENY_ALL).verifyRecovery(runbook(), BINDINGS, time.now());
        assertThat(noData.failure().orElseThrow().criterion().text()).startsWith("Latency p99");
        assertThat(noData.failure().orElseThrow().observed()).contains("no data");
    }

    @Test
    @DisplayName("a command that changes the cluster is never run during diagnosis")
    void diagnosisNeverMutates() {
        Runbook r = Runbook.forService("payment-service")
                .diagnose("Restart it", "kubectl rollout restart deployment/payment-service -n production")
                .diagnose("Kill pods", "kubectl delete pods -l app=payment-service -n production")
                .build();
        DiagnosisReport report = runner(Approver.ALLOW_ALL).diagnose(r, Bindings.empty());
        assertThat(report.allSteps()).extracting(DiagnosisReport.Step::outcome).containsOnly(Outcome.MANUAL);
        assertThat(report.step("1").orElseThrow().summary()).startsWith("changes the cluster");
        assertThat(cluster.calls).isEmpty();
        assertThat(asked).isEmpty();
    }

    @Test
    @DisplayName("diagnosis reports a pod held by a crash-looping init container, and a terminating one, by kubectl's status")
    void diagnosisByKubectlStatus() {
        Map<String, String> app = Map.of("app", "payment-service");
        cluster.pods = List.of(
                new Pod("payment-service-1", "Pending", "Init:CrashLoopBackOff", false, 4, "CrashLoopBackOff", app,
                        Optional.of(T0)),
                new Pod("payment-service-2", "Running", "Terminating", true, 0, "", app, Optional.of(T0)),
                new Pod("payment-service-3", "Running", "Running", true, 0, "", app, Optional.of(T0)),
                new Pod("payment-migrate-1", "Succeeded", "Completed", false, 0, "", app, Optional.of(T0)));
        Runbook r = Runbook.forService("payment-service")
                .diagnose("Check service health", "kubectl get pods -l app=payment-service -n production").build();

        DiagnosisReport.Step step = runner(Approver.DENY_ALL).diagnose(r, Bindings.empty()).step("1").orElseThrow();

        assertThat(step.outcome()).isEqualTo(Outcome.PROBLEM);
        assertThat(step.evidence()).containsExactly("payment-service-1: Init:CrashLoopBackOff, not ready, 4 restarts",
                "payment-service-2: Terminating, ready, 0 restarts");
        assertThat(step.summary()).isEqualTo("2 of 4 pods not running and ready (app=payment-service in production)");
    }

    @Test
    @DisplayName("deleting pods by selector deletes the pods the selector lists")
    void deleteBySelector() {
        cluster.pods = List.of(new Pod("payment-service-2", "Running", false, 9, "CrashLoopBackOff",
                Map.of("app", "payment-service"), Optional.empty()));
        Runbook r = Runbook.forService("payment-service")
                .mitigation("Kill pods", "kubectl delete pods -l app=payment-service -n production --grace-period=0")
                .build();
        MitigationReport report = runner(Approver.ALLOW_ALL).mitigate(r, "Kill pods", Bindings.empty());
        assertThat(report.status()).isEqualTo(MitigationReport.Status.COMPLETED);
        assertThat(cluster.calls).containsExactly("pods[production, {app=payment-service}]",
                "deletePods[production, [payment-service-2], PT0S]");
        assertThat(report.performed().get(0).detail()).isEqualTo("deleted [payment-service-2]");
    }

    @Test
    @DisplayName("the builder names every missing part at once")
    void builderReportsAll() {
        assertThatThrownBy(() -> RunbookRunner.builder().sampleInterval(Duration.ZERO).build())
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .extracting(ValidationException.Problem::field)
                        .containsExactly("timers", "cluster", "probe", "metrics", "sampleInterval"));
    }
}
