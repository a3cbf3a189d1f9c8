package io.github.incident4j.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.common.Quantity;
import io.github.incident4j.format.RunbookMarkdown;
import io.github.incident4j.sim.SimulatedCluster;
import io.github.incident4j.sim.VirtualTime;
import io.github.incident4j.spi.Approver;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Runbooks as teams write them run through the SPIs: typed operations, queries, expected output")
class TypedOperationsRunnerTest {

    final VirtualTime time = VirtualTime.startingAt(Instant.parse("2026-03-02T09:00:00Z"));
    final SimulatedCluster cluster = SimulatedCluster.builder(time.clock(), time)
            .deployment("web", "checkout", d -> d.replicas(4).image("shop/checkout:1.4")).build();
    final Fakes.Probe probe = new Fakes.Probe();
    final Fakes.Metrics metrics = new Fakes.Metrics();
    final Fakes.Timeline timeline = new Fakes.Timeline();

    static String fixture(String name) {
        try (InputStream in = TypedOperationsRunnerTest.class.getResourceAsStream("/runbooks/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    RunbookRunner runner(Approver approver) {
        return RunbookRunner.builder().timers(time).cluster(cluster).probe(probe).metrics(metrics).approver(approver)
                .timeline(timeline).build();
    }

    @Test
    @DisplayName("node disk pressure: get nodes, describe, sorted events and pods by field selector are run; "
            + "the cordon, drain and uncordon mitigation runs only with approval and moves the node's pods")
    void nodeMaintenance() {
        cluster.addNode("worker-1", Map.of("role", "worker"));
        cluster.addNode("worker-2", Map.of("role", "worker"));
        cluster.recordEvent("web", "Warning", "Evicted", "Pod", "checkout-old", "The node was low on resource: ephemeral-storage.");
        Runbook runbook = RunbookMarkdown.parse(fixture("mixed/node-disk-pressure.md"));
        Bindings bindings = Bindings.of(Map.of("NODE", "worker-1"));

        DiagnosisReport report = runner(Approver.DENY_ALL).diagnose(runbook, bindings);

        assertThat(report.steps()).extracting(DiagnosisReport.Step::command).extracting(Optional::get)
                .hasExactlyElementsOfTypes(Command.Get.class, Command.Describe.class, Command.Get.class, Command.Get.class);
        assertThat(report.step("1").orElseThrow().evidence()).containsExactly("worker-1: Ready", "worker-2: Ready");
        assertThat(report.step("3").orElseThrow().outcome()).isEqualTo(DiagnosisReport.Outcome.PROBLEM);
        assertThat(report.step("3").orElseThrow().evidence()).singleElement().asString().contains("Warning Evicted");
        long onWorker1 = cluster.pods("web", Map.of()).stream()
                .filter(p -> cluster.nodeOf("web", p.name()).orElseThrow().equals("worker-1")).count();
        assertThat(report.step("4").orElseThrow().summary()).startsWith(onWorker1 + " pods");

        MitigationReport denied = runner(Approver.DENY_ALL).mitigate(runbook, "Mitigation", bindings);
        assertThat(denied.status()).isEqualTo(MitigationReport.Status.DENIED);
        assertThat(cluster.unschedulable("worker-1")).isFalse();

        MitigationReport done = runner(Approver.ALLOW_ALL).mitigate(runbook, "Mitigation", bindings);
        assertThat(done.status()).isEqualTo(MitigationReport.Status.COMPLETED);
        assertThat(done.planned()).hasExactlyElementsOfTypes(Command.Cordon.class, Command.Drain.class, Command.Uncordon.class);
        assertThat(done.done()).extracting(MitigationReport.Operation::detail)
                .containsExactly("node/worker-1 cordoned", "node/worker-1 drained (" + onWorker1 + " pods evicted)",
                        "node/worker-1 uncordoned");
        assertThat(cluster.unschedulable("worker-1")).isFalse();
    }

    @Test
    @DisplayName("a console block's commands run one by one; a manual one shows the output the runbook expects")
    void expectedOutput() {
        Runbook runbook = RunbookMarkdown.parse(fixture("openshift/etcdMembersDown.md"));
        DiagnosisReport report = runner(Approver.DENY_ALL).diagnose(runbook, Bindings.empty());

        DiagnosisReport.Step shell = report.step("4").orElseThrow();
        assertThat(shell.outcome()).isEqualTo(DiagnosisReport.Outcome.MANUAL);
        assertThat(shell.summary()).contains("run by hand: oc debug node/master-0", "run by hand: chroot /host",
                "run by hand: crictl exec -it 3f1c2d9a8b7e etcdctl endpoint health -w table");
        assertThat(shell.evidence()).contains("expected: Starting pod/master-0-debug ...",
                "expected: CONTAINER      IMAGE          CREATED       STATE     NAME      ATTEMPT");
        assertThat(report.step("1").orElseThrow().command()).containsInstanceOf(Command.Get.class);
    }

    @Test
    @DisplayName("a PromQL block is asked of the metrics source; a followed log (-f) stays manual with its reason")
    void queries() {
        metrics.values = (m, t) -> m.startsWith("sum by (upstream)") ? Optional.of(Quantity.count(3)) : Optional.empty();
        Runbook runbook = RunbookMarkdown.parse(fixture("template/gateway-5xx.md"));
        Bindings none = Bindings.empty();

        DiagnosisReport report = runner(Approver.DENY_ALL).diagnose(runbook, none);

        assertThat(report.step("1").orElseThrow().command()).contains(new Command.Query(
                "sum by (upstream) (rate(gateway_requests_total{code=~\"5..\"}[5m]))"));
        assertThat(report.step("1").orElseThrow().summary()).isEqualTo("query answers 3");
        assertThat(metrics.calls).anySatisfy(c -> assertThat(c).startsWith("sum by (upstream) (rate(gateway_requests_total{code"));

        Runbook follow = Runbook.forService("web").diagnose("Tail", "kubectl logs -f web-1 -n web").build();
        DiagnosisReport tail = runner(Approver.DENY_ALL).diagnose(follow, none);
        assertThat(tail.step("1").orElseThrow().summary()).contains("run by hand", "without end");
    }

    @Test
    @DisplayName("variables of a query are bound and checked like a command's")
    void queryVariables() {
        Runbook runbook = Runbook.forService("db").diagnose(new DiagnosisStep("Space left",
                List.of(CodeBlock.fenced("promql", "kubelet_volume_stats_available_bytes{persistentvolumeclaim=\"$PVC\"}")), List.of()))
                .build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> runner(Approver.DENY_ALL).diagnose(runbook,
                        Bindings.of(Map.of("PVC", "data\"} or vector(1) #"))))
                .isInstanceOf(io.github.incident4j.ValidationException.class).hasMessageContaining("${PVC}");
        DiagnosisReport ok = runner(Approver.DENY_ALL).diagnose(runbook, Bindings.of(Map.of("PVC", "data-pg-0")));
        assertThat(ok.step("1").orElseThrow().command()).contains(new Command.Query(
                "kubelet_volume_stats_available_bytes{persistentvolumeclaim=\"data-pg-0\"}"));
    }
}
