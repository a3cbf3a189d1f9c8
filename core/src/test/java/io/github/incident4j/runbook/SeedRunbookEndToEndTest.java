package io.github.incident4j.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.common.Quantity;
import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.escalation.Target;
import io.github.incident4j.format.PostmortemMarkdown;
import io.github.incident4j.format.RunbookMarkdown;
import io.github.incident4j.incident.Alert;
import io.github.incident4j.incident.Incident;
import io.github.incident4j.incident.IncidentManager;
import io.github.incident4j.incident.TimelineEvent;
import io.github.incident4j.postmortem.KeyTimes;
import io.github.incident4j.postmortem.Postmortem;
import io.github.incident4j.postmortem.PostmortemDrafter;
import io.github.incident4j.postmortem.PostmortemLint;
import io.github.incident4j.postmortem.TimelineEntry;
import io.github.incident4j.runbook.DiagnosisReport.Outcome;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The seed runbook template, end to end on the embedded simulation: a bad revision crash-loops the
 * service, Redis is down; diagnosis finds both, the rollback runs only once approved, recovery is verified
 * over the runbook's 15-minute hold, and every step lands on the incident's timeline.
 */
@DisplayName("The seed runbook runs end to end on SimulatedCluster")
class SeedRunbookEndToEndTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final String NS = "production";
    private static final String SERVICE = "service-name";
    private static final Map<String, String> SELECTOR = Map.of("app", SERVICE);

    private final VirtualTime time = VirtualTime.startingAt(T0);
    private final SimulatedCluster cluster = SimulatedCluster.builder(time.clock(), time)
            .deployment(NS, SERVICE, d -> d.replicas(3)
                    .history("service:2.2.0", "deploy v2.2.0")
                    .image("service:2.3.0").changeCause("deploy v2.3.0"))
            .build();
    private final SimulatedDependencies dependencies = SimulatedDependencies.allHealthy().redisDown("redis-host", 6379);

    /** Error rate and latency follow the pods: bad while any pod of the service is not ready. */
    private final ScriptedMetrics metrics = ScriptedMetrics.builder()
            .metric("error rate", Map.of("service", SERVICE), t -> Optional.of(allReady() ? Quantity.percent(0.05)
                    : Quantity.percent(12)))
            .metric("latency p99", Map.of("service", SERVICE), t -> Optional.of(allReady() ? Quantity.millis(180)
                    : Quantity.millis(2400)))
            .build();

    private boolean allReady() {
        return cluster.pods(NS, SELECTOR).stream().allMatch(ClusterOperations.Pod::ready);
    }

    private static Runbook seed() throws IOException {
        try (InputStream in = SeedRunbookEndToEndTest.class.getResourceAsStream("/seed/runbook-template.md")) {
            return RunbookMarkdown.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** The scenario's start: a bad revision at 09:30, the alert at 09:35 opening an incident; the runner reports to it. */
    private record Opened(IncidentManager manager, Incident incident, RunbookRunner.Builder runner) {
    }

    private Opened badDeployThenAlert() {
        time.advance(Duration.ofMinutes(30));
        cluster.deployBadRevision(NS, SERVICE, "service:2.3.1", "deploy v2.3.1", "ERROR db connection leak");
        time.advance(Duration.ofMinutes(5));
        IncidentManager manager = IncidentManager.builder().timers(time)
                .pager(new RecordingPager()).build();
        Incident incident = manager.trigger(Alert.withKey("ServiceHighErrorRate/" + SERVICE).service(SERVICE)
                .summary("ServiceHighErrorRate").severity("SEV-2").build(),
                EscalationPolicy.named("p").level(1, Target.person("Alice")).build());
        return new Opened(manager, incident, RunbookRunner.builder().timers(time)
                .cluster(cluster).probe(dependencies).metrics(metrics).timeline(manager.timelineSink(incident.id())));
    }

    @Test
    @DisplayName("diagnose, roll back with approval, verify recovery over 15 minutes, all on the incident timeline")
    void seedEndToEnd() throws IOException {
        Runbook runbook = seed();
        Opened opened = badDeployThenAlert();
        IncidentManager manager = opened.manager();
        Incident incident = opened.incident();
        RunbookRunner.Builder runner = opened.runner();

        // Diagnosis: crash-looping pods, the recent revision, the error lines, Redis down.
        DiagnosisReport diagnosis = runner.build().diagnose(runbook, Bindings.empty());
        assertThat(diagnosis.healthy()).isFalse();
        DiagnosisReport.Step pods = diagnosis.step("1").orElseThrow();
        assertThat(pods.outcome()).isEqualTo(Outcome.PROBLEM);
        assertThat(pods.pods()).hasSize(3).allSatisfy(p -> {
            assertThat(p.ready()).isFalse();
            assertThat(p.waitingReason()).isEqualTo("CrashLoopBackOff");
            assertThat(p.restarts()).isPositive();
        });
        assertThat(diagnosis.step("2").orElseThrow().revisions())
                .extracting(ClusterOperations.Revision::changeCause)
                .contains("deploy v2.3.1", "deploy v2.3.0");
        assertThat(diagnosis.step("2").orElseThrow().revisions().stream()
                .max(java.util.Comparator.comparingLong(ClusterOperations.Revision::number)).orElseThrow().changeCause())
                .isEqualTo("deploy v2.3.1");
        assertThat(diagnosis.step("3").orElseThrow().logLines()).isNotEmpty()
                .allSatisfy(l -> assertThat(l.text()).contains("ERROR"));
        assertThat(diagnosis.step("4.1").orElseThrow().outcome()).isEqualTo(Outcome.OK);
        assertThat(diagnosis.step("4.2").orElseThrow().outcome()).isEqualTo(Outcome.PROBLEM);
        assertThat(diagnosis.step("4.2").orElseThrow().probe()).hasValueSatisfying(r -> assertThat(r.up()).isFalse());

        // Mitigation: refused by default, performed once approved, waiting for the rollout.
        MitigationReport denied = runner.build().mitigate(runbook, "Rollback deployment", Bindings.empty());
        assertThat(denied.status()).isEqualTo(MitigationReport.Status.DENIED);
        assertThat(cluster.template(NS, SERVICE).image()).isEqualTo("service:2.3.1");

        MitigationReport rollback = runner.approver(r -> Approver.Decision.approve("Alice", "runbook step 1"))
                .build().mitigate(runbook, "Rollback deployment", Bindings.empty());
        assertThat(rollback.status()).isEqualTo(MitigationReport.Status.COMPLETED);
        assertThat(rollback.performed()).hasSize(2);
        assertThat(cluster.template(NS, SERVICE).image()).isEqualTo("service:2.3.0");
        assertThat(cluster.rolloutStatus(NS, SERVICE).done()).isTrue();

        // Recovery: every criterion holds over the 15-minute hold.
        Instant since = time.now();
        RecoveryReport recovery = runner.build().verifyRecovery(runbook, Bindings.empty(), since);
        assertThat(recovery.verified()).as(recovery.toString()).isTrue();
        assertThat(recovery.hold()).isEqualTo(Duration.ofMinutes(15));
        assertThat(time.now()).isEqualTo(since.plus(Duration.ofMinutes(15)));

        // Every step is on the incident's timeline, in order.
        Incident after = manager.find(incident.id()).orElseThrow();
        assertThat(after.timeline()).filteredOn(e -> e.type() == TimelineEvent.Type.ACTION)
                .extracting(TimelineEvent::description)
                .anySatisfy(d -> assertThat(d).containsIgnoringCase("diagnos"))
                .anySatisfy(d -> assertThat(d).containsIgnoringCase("rollout undo"))
                .anySatisfy(d -> assertThat(d).containsIgnoringCase("recovery"));
        assertThat(after.timeline()).extracting(TimelineEvent::at).isSorted();
    }

    @Test
    @DisplayName("recovery is not verified while the bad revision still runs, and the report says which criterion failed")
    void recoveryFailsWithoutRollback() throws IOException {
        Runbook runbook = seed();
        cluster.deployBadRevision(NS, SERVICE, "service:2.3.1", "deploy v2.3.1", "ERROR db connection leak");
        time.advance(Duration.ofMinutes(5));
        RecoveryReport recovery = RunbookRunner.builder().timers(time)
                .cluster(cluster).probe(dependencies).metrics(metrics).build()
                .verifyRecovery(runbook, Bindings.empty(), time.now());
        assertThat(recovery.verified()).isFalse();
        assertThat(recovery.failure()).hasValueSatisfying(f -> {
            assertThat(f.criterion().text()).startsWith("Error rate");
            assertThat(f.observed()).hasValueSatisfying(v -> assertThat(v).contains("12"));
        });
    }

    @Test
    @DisplayName("a postmortem drafted from the incident: the recent revision the diagnosis saw is the preceding change; the completed rollback is the mitigation")
    void draftedPostmortem() throws IOException {
        Runbook runbook = seed();
        Opened opened = badDeployThenAlert();
        IncidentManager manager = opened.manager();
        Incident incident = opened.incident();
        RunbookRunner.Builder runner = opened.runner();
        time.advance(Duration.ofMinutes(2));
        manager.acknowledge(incident.id(), "Alice");
        runner.build().diagnose(runbook, Bindings.empty());
        MitigationReport rollback = runner.approver(r -> Approver.Decision.approve("Bob", "runbook step 1")).build()
                .mitigate(runbook, "Rollback deployment", Bindings.empty());
        assertThat(rollback.status()).isEqualTo(MitigationReport.Status.COMPLETED);
        Instant mitigated = time.now();
        runner.build().verifyRecovery(runbook, Bindings.empty(), time.now());
        manager.resolve(incident.id(), "Alice");

        Postmortem draft = PostmortemDrafter.withDefaults().draft(manager.find(incident.id()).orElseThrow());
        KeyTimes times = PostmortemDrafter.withDefaults().keyTimes(manager.find(incident.id()).orElseThrow(),
                List.of());

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
