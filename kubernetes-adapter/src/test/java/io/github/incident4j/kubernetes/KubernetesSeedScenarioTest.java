package io.github.incident4j.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.github.incident4j.chaos.BlastRadiusGuard;
import io.github.incident4j.chaos.ChaosExperiment;
import io.github.incident4j.chaos.ChaosRunner;
import io.github.incident4j.chaos.ExperimentResult;
import io.github.incident4j.chaos.PodDeleteInjector;
import io.github.incident4j.common.Quantity;
import io.github.incident4j.format.ChaosEngineYaml;
import io.github.incident4j.format.RunbookMarkdown;
import io.github.incident4j.kubernetes.KubernetesMockCluster.Release;
import io.github.incident4j.kubernetes.KubernetesMockCluster.Request;
import io.github.incident4j.runbook.Bindings;
import io.github.incident4j.runbook.DiagnosisReport;
import io.github.incident4j.runbook.DiagnosisReport.Outcome;
import io.github.incident4j.runbook.MitigationReport;
import io.github.incident4j.runbook.Runbook;
import io.github.incident4j.runbook.RunbookRunner;
import io.github.incident4j.sim.ScriptedMetrics;
import io.github.incident4j.sim.SimulatedDependencies;
import io.github.incident4j.sim.VirtualTime;
import io.github.incident4j.spi.Approver;
import io.github.incident4j.spi.ClusterOperations.Pod;
import io.github.incident4j.spi.ClusterOperations.Revision;
import io.github.incident4j.spi.DataIntegrityCheck;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The seed runbook (diagnosis and rollback) through {@link RunbookRunner}, and the seed chaos experiment's
 * pod-delete through {@link ChaosRunner} with {@link PodDeleteInjector}, both on {@link KubernetesClusterOperations}
 * against a fresh mock API server in namespace {@code production}, as the seeds say. Where a real cluster's
 * controllers would act (finishing a rollout, replacing a deleted pod), the fixture does so on virtual time.
 */
@DisplayName("the seed runbook and chaos experiment through the adapter")
class KubernetesSeedScenarioTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:35:00Z");
    private static final String NS = "production";
    private static final String SERVICE = "service-name";
    private static final Map<String, String> SERVICE_PODS = Map.of("app", SERVICE);

    private final VirtualTime time = VirtualTime.startingAt(T0);
    private KubernetesMockCluster mock;
    private KubernetesClusterOperations ops;

    @BeforeEach
    void freshCluster() {
        mock = KubernetesMockCluster.start();
        mock.serveLogs(time.clock());
        ops = KubernetesClusterOperations.using(mock.client(), time.clock());
    }

    @AfterEach
    void stopCluster() {
        mock.close();
    }

    private static String seed(String name) throws IOException {
        try (InputStream in = KubernetesSeedScenarioTest.class.getResourceAsStream("/seed/" + name)) {
            assertThat(in).as("seed " + name + " from core's test-jar").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** service-name went from 2.3.0 to 2.3.1, and every pod of 2.3.1 crash-loops, logging a leak. */
    private List<String> badRelease() {
        List<String> pods = mock.rolledOut(NS, SERVICE, SERVICE_PODS, 3, List.of(
                new Release("service:2.3.0", "deploy v2.3.0"), new Release("service:2.3.1", "deploy v2.3.1")));
        for (String pod : pods) {
            mock.podStatus(NS, pod, "Running", false, 4, "CrashLoopBackOff");
            mock.appendLog(NS, pod, "app", T0.minus(Duration.ofMinutes(25)), "ERROR before the window");
            mock.appendLog(NS, pod, "app", T0.minus(Duration.ofMinutes(2)), "ERROR db connection leak");
            mock.appendLog(NS, pod, "app", T0.minus(Duration.ofMinutes(1)), "INFO retrying");
        }
        mock.clearRequests();
        return pods;
    }

    private RunbookRunner.Builder runner() {
        return RunbookRunner.builder().timers(time).cluster(ops)
                .probe(SimulatedDependencies.allHealthy().redisDown("redis-host", 6379))
                .metrics(ScriptedMetrics.builder().build());
    }

    @Test
    @DisplayName("diagnosis reports the crash-looping pods, the revisions newest first and the error lines, reading only")
    void diagnosis() throws IOException {
        List<String> pods = badRelease();

        DiagnosisReport report = runner().build().diagnose(RunbookMarkdown.parse(seed("runbook-template.md")),
                Bindings.empty());

        assertThat(report.healthy()).isFalse();
        DiagnosisReport.Step health = report.step("1").orElseThrow();
        assertThat(health.outcome()).isEqualTo(Outcome.PROBLEM);
        assertThat(health.summary()).isEqualTo("3 of 3 pods not ready (app=service-name in production)");
        assertThat(health.pods()).extracting(Pod::name).containsExactlyElementsOf(pods);
        assertThat(health.evidence()).hasSize(3)
                .allSatisfy(e -> assertThat(e).endsWith(": CrashLoopBackOff, not ready, 4 restarts"));

        DiagnosisReport.Step deployments = report.step("2").orElseThrow();
        assertThat(deployments.revisions()).extracting(Revision::number, Revision::image, Revision::changeCause)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2L, "service:2.3.1", "deploy v2.3.1"),
                        org.assertj.core.groups.Tuple.tuple(1L, "service:2.3.0", "deploy v2.3.0"));
        assertThat(deployments.evidence().get(0)).startsWith("revision 2: image service:2.3.1, deploy v2.3.1");

        DiagnosisReport.Step logs = report.step("3").orElseThrow();
        assertThat(logs.outcome()).isEqualTo(Outcome.PROBLEM);
        assertThat(logs.logLines()).hasSize(3).allSatisfy(l -> {
            assertThat(l.text()).isEqualTo("ERROR db connection leak");
            assertThat(l.at()).isEqualTo(T0.minus(Duration.ofMinutes(2)));
        });
        assertThat(report.step("4.2").orElseThrow().outcome()).isEqualTo(Outcome.PROBLEM);

        // kubectl logs --since=10m becomes sinceSeconds=600 on every pod's log endpoint; nothing is changed.
        assertThat(mock.requests()).filteredOn(r -> r.path().contains("/log?")).hasSize(3)
                .allSatisfy(r -> assertThat(r.path()).contains("sinceSeconds=600").contains("timestamps=true"));
        assertThat(mock.requests()).extracting(Request::method).containsOnly("GET");
    }

    @Test
    @DisplayName("'Rollback deployment' is refused without approval; approved, it sends kubectl's undo patch and"
            + " waits until the controller reports the rollout done")
    void rollback() throws IOException {
        badRelease();
        Runbook runbook = RunbookMarkdown.parse(seed("runbook-template.md"));
        mock.completeRollouts(time, time.clock(), Duration.ofSeconds(20));

        MitigationReport denied = runner().build().mitigate(runbook, "Rollback deployment", Bindings.empty());
        assertThat(denied.status()).isEqualTo(MitigationReport.Status.DENIED);
        assertThat(mock.patches()).isEmpty();

        MitigationReport rollback = runner().approver(r -> Approver.Decision.approve("Alice", "runbook step 1"))
                .build().mitigate(runbook, "Rollback deployment", Bindings.empty());

        assertThat(rollback.status()).as(rollback.toString()).isEqualTo(MitigationReport.Status.COMPLETED);
        assertThat(rollback.performed()).extracting(MitigationReport.Operation::outcome)
                .containsExactly(MitigationReport.Outcome.DONE, MitigationReport.Outcome.DONE);
        assertThat(rollback.performed().get(0).detail()).startsWith("deployment.apps/service-name rolled back");
        assertThat(rollback.performed().get(1).detail())
                .isEqualTo("deployment \"service-name\" successfully rolled out");

        // One JSON patch, as kubectl sends it: the template of revision 1 without its pod-template-hash.
        assertThat(mock.patches()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("/apis/apps/v1/namespaces/production/deployments/service-name");
            assertThat(p.contentType()).startsWith("application/json-patch+json");
            JsonNode patch = KubernetesAdapterTestSupport.json(p.body());
            assertThat(patch.get(0).get("path").asString()).isEqualTo("/spec/template");
            assertThat(patch.get(0).at("/value/spec/containers/0/image").asString()).isEqualTo("service:2.3.0");
            assertThat(patch.get(0).at("/value/metadata/labels").has("pod-template-hash")).isFalse();
            assertThat(patch.get(1).at("/value/kubernetes.io~1change-cause").asString()).isEqualTo("deploy v2.3.0");
        });
        assertThat(mock.get(NS, SERVICE).getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("service:2.3.0");
        // The status was polled (every 2 s) until the controller finished, 20 s after the patch.
        assertThat(time.now()).isEqualTo(T0.plusSeconds(20));
        assertThat(mock.requests()).filteredOn(r -> r.method().equals("GET")
                && r.path().equals("/apis/apps/v1/namespaces/production/deployments/service-name")).hasSizeGreaterThan(2);
    }

    @Test
    @DisplayName("the seed pod-delete experiment passes on 3 replicas: one pod per strike, deleted with a 30 s grace"
            + " period (FORCE=false), each strike followed by the recovery wait as in litmus-go; its engine applies as a"
            + " ChaosEngine whose ChaosResult reads back as Pass")
    void podDeleteExperiment() throws IOException {
        Map<String, String> app = Map.of("app", "payment-service");
        List<String> original = mock.rolledOut(NS, "payment-service", app, 3, List.of(new Release("payment:2.3.0", "")));
        mock.replaceDeletedPods(time, time.clock(), Duration.ofSeconds(1));
        mock.clearRequests();
        ChaosExperiment experiment = ChaosEngineYaml.parse(seed("chaos-pod-delete.yaml"));
        ScriptedMetrics healthy = ScriptedMetrics.builder()
                .constant("p99 latency", Map.of(), Quantity.millis(180))
                .constant("error rate", Map.of(), Quantity.percent(0.1))
                .build();

        ExperimentResult result = ChaosRunner.builder().timers(time).cluster(ops)
                .metrics(healthy).injector(new PodDeleteInjector(ops))
                .integrityCheck(DataIntegrityCheck.fingerprint(t -> "1200 orders"))
                .guard(BlastRadiusGuard.allowing(NS).allowProduction())
                .build().run(experiment);

        assertThat(result.verdict()).as(result.reason()).isEqualTo(ExperimentResult.Verdict.PASS);
        assertThat(result.probeSuccessPercentage()).isEqualTo(100);
        // A strike, CHAOS_INTERVAL 10 s, the pods Running and ready (3 × 2 checks × 2 s): strikes at 0 s and 22 s.
        assertThat(result.injections()).hasSize(2).allSatisfy(i -> {
            assertThat(i.targets()).hasSize(1);
            assertThat(i.gracePeriod()).isEqualTo(Duration.ofSeconds(30));
        });
        List<String> targets = result.injections().stream().flatMap(i -> i.targets().stream()).toList();
        // The first strike hits one of the original pods, from litmus-go's random start (the runner's seed, 0).
        assertThat(original).contains(targets.get(0));
        assertThat(targets).doesNotHaveDuplicates();
        List<Request> deletes = mock.requests().stream().filter(r -> r.method().equals("DELETE")).toList();
        assertThat(deletes).extracting(Request::path)
                .containsExactlyElementsOf(targets.stream().map(t -> "/api/v1/namespaces/production/pods/" + t).toList());
        assertThat(deletes).allSatisfy(d -> assertThat(KubernetesAdapterTestSupport.json(d.body())
                .get("gracePeriodSeconds").asInt()).isEqualTo(30));
        // The stand-in ReplicaSet controller brought every deleted pod back.
        assertThat(ops.pods(NS, app)).hasSize(3).allMatch(Pod::ready)
                .extracting(Pod::name).doesNotContainAnyElementsOf(targets);

        GenericKubernetesResource engine = ops.chaos().applyEngine(NS, ChaosEngineYaml.render(experiment));
        assertThat(engine.getMetadata().getName()).isEqualTo("pod-delete-test");
        String stored = mock.client().getKubernetesSerialization().asJson(mock.client()
                .genericKubernetesResources(LitmusChaos.CHAOS_ENGINE).inNamespace(NS).withName("pod-delete-test").get());
        JsonNode spec = KubernetesAdapterTestSupport.json(stored).get("spec");
        assertThat(spec.at("/appinfo/appns").asString()).isEqualTo("production");
        assertThat(spec.at("/appinfo/applabel").asString()).isEqualTo("app=payment-service");
        assertThat(spec.at("/experiments/0/name").asString()).isEqualTo("pod-delete");
        assertThat(spec.at("/experiments/0/spec/components/env").toString())
                .contains("TOTAL_CHAOS_DURATION").contains("CHAOS_INTERVAL").contains("FORCE");

        // No Litmus operator runs here: write the ChaosResult it would write for this run, then read it back.
        mock.chaosResult(NS, "pod-delete-test-pod-delete", "Completed", result.verdict().litmusName(),
                Integer.toString(result.probeSuccessPercentage()));
        Optional<ChaosVerdict> verdict = ops.chaos().result(NS, "pod-delete-test", "pod-delete");
        assertThat(verdict).hasValueSatisfying(v -> {
            assertThat(v.passed()).isTrue();
            assertThat(v.probeSuccess()).hasValue(100.0);
        });
    }
}
