package io.github.incident4j.postmortem;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.common.Quantity;
import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.escalation.Target;
import io.github.incident4j.format.PostmortemMarkdown;
import io.github.incident4j.format.RunbookMarkdown;
import io.github.incident4j.incident.Alert;
import io.github.incident4j.incident.Incident;
import io.github.incident4j.incident.IncidentManager;
import io.github.incident4j.runbook.Bindings;
import io.github.incident4j.runbook.MitigationReport;
import io.github.incident4j.runbook.Runbook;
import io.github.incident4j.runbook.RunbookRunner;
import io.github.incident4j.sim.RecordingPager;
import io.github.incident4j.sim.ScriptedMetrics;
import io.github.incident4j.sim.SimulatedCluster;
import io.github.incident4j.sim.SimulatedDependencies;
import io.github.incident4j.sim.VirtualTime;
import io.github.incident4j.spi.Approver;
import io.github.incident4j.spi.ClusterOperations;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The drafter on what the real RunbookRunner records: the seed runbook on the simulated cluster. */
@DisplayName("PostmortemDrafter reads the steps the seed runbook recorded on the incident")
class PostmortemDrafterRunbookTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final String NS = "production";
    private static final String SERVICE = "service-name";

    private final VirtualTime time = VirtualTime.startingAt(T0);
    private final SimulatedCluster cluster = SimulatedCluster.builder(time.clock(), time)
            .deployment(NS, SERVICE, d -> d.replicas(3).history("service:2.2.0", "deploy v2.2.0")
                    .image("service:2.3.0").changeCause("deploy v2.3.0"))
            .build();
    private final ScriptedMetrics metrics = ScriptedMetrics.builder()
            .metric("error rate", Map.of("service", SERVICE), t -> Optional.of(allReady() ? Quantity.percent(0.05)
                    : Quantity.percent(12)))
            .metric("latency p99", Map.of("service", SERVICE), t -> Optional.of(allReady() ? Quantity.millis(180)
                    : Quantity.millis(2400)))
            .build();

    private boolean allReady() {
        return cluster.pods(NS, Map.of("app", SERVICE)).stream().allMatch(ClusterOperations.Pod::ready);
    }

    @Test
    @DisplayName("the recent revision the diagnosis saw is the preceding change; the completed rollback is the mitigation")
    void seedRunbook() throws IOException {
        Runbook runbook;
        try (InputStream in = getClass().getResourceAsStream("/seed/runbook-template.md")) {
            runbook = RunbookMarkdown.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        time.advance(Duration.ofMinutes(30));
        cluster.deployBadRevision(NS, SERVICE, "service:2.3.1", "deploy v2.3.1", "ERROR db connection leak");
        time.advance(Duration.ofMinutes(5));
        IncidentManager manager = IncidentManager.builder().clock(time.clock()).timers(time)
                .pager(new RecordingPager()).build();
        Incident incident = manager.trigger(Alert.withKey("ServiceHighErrorRate/" + SERVICE).service(SERVICE)
                .summary("ServiceHighErrorRate").severity("SEV-2").build(),
                EscalationPolicy.named("p").level(1, Target.person("Alice")).build());
        time.advance(Duration.ofMinutes(2));
        manager.acknowledge(incident.id(), "Alice");
        RunbookRunner.Builder runner = RunbookRunner.builder().clock(time.clock()).timers(time).cluster(cluster)
                .probe(SimulatedDependencies.allHealthy()).metrics(metrics).timeline(manager.timelineSink(incident.id()));
        runner.build().diagnose(runbook, Bindings.empty());
        MitigationReport rollback = runner.approver(r -> Approver.Decision.approve("Bob", "runbook step 1")).build()
                .mitigate(runbook, "Rollback deployment", Bindings.empty());
        assertThat(rollback.status()).isEqualTo(MitigationReport.Status.COMPLETED);
        Instant mitigated = time.now();
        runner.build().verifyRecovery(runbook, Bindings.empty(), time.now());
        manager.resolve(incident.id(), "Alice");

        Postmortem draft = PostmortemDrafter.withDefaults().draft(manager.find(incident.id()).orElseThrow());
        KeyTimes times = PostmortemDrafter.withDefaults().keyTimes(manager.find(incident.id()).orElseThrow(),
                java.util.List.of());

        assertThat(draft.start()).isEqualTo(LocalTime.of(9, 30));
        assertThat(times.timeToDetect()).contains(Duration.ofMinutes(5));
        assertThat(times.change()).startsWith("Revision ").endsWith(" of " + SERVICE + " deployed (seen by the runbook diagnosis)");
        assertThat(times.mitigatedAt()).isEqualTo(mitigated);
        assertThat(times.mitigation()).isEqualTo("Rollback of " + SERVICE + " completed");
        assertThat(draft.authors()).containsExactly("Alice", "Bob");
        assertThat(draft.timeline()).extracting(TimelineEntry::event)
                .contains("Mitigation 'Rollback deployment' approved by Bob", "Rollback of " + SERVICE + " completed",
                        "Resolved by Alice")
                .anySatisfy(e -> assertThat(e).startsWith("Rollback of " + SERVICE + " started (revision "))
                .anySatisfy(e -> assertThat(e).startsWith("Diagnosis found a problem: "))
                .anySatisfy(e -> assertThat(e).startsWith("Recovery verified"))
                .contains("Rollout of " + SERVICE + " finished")
                .noneSatisfy(e -> assertThat(e).contains("Waiting for"))
                .noneSatisfy(e -> assertThat(e).startsWith("Runbook: "));
        assertThat(PostmortemMarkdown.parse(PostmortemMarkdown.render(draft))).isEqualTo(draft);
        assertThat(PostmortemLint.lint(draft)).extracting(f -> f.code()).containsExactly("postmortem.no-action-items");
    }
}
