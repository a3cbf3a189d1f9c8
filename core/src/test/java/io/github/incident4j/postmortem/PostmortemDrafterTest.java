package io.github.incident4j.postmortem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incident4j.ValidationException;
import io.github.incident4j.common.Finding;
import io.github.incident4j.common.Severity;
import io.github.incident4j.common.TimelineSink;
import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.escalation.Target;
import io.github.incident4j.format.PostmortemMarkdown;
import io.github.incident4j.incident.Alert;
import io.github.incident4j.incident.IllegalIncidentTransitionException;
import io.github.incident4j.incident.Incident;
import io.github.incident4j.incident.IncidentId;
import io.github.incident4j.incident.IncidentManager;
import io.github.incident4j.incident.IncidentMetrics;
import io.github.incident4j.incident.OnCallPerson;
import io.github.incident4j.incident.Roster;
import io.github.incident4j.sim.RecordingPager;
import io.github.incident4j.sim.VirtualTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("PostmortemDrafter drafts a postmortem from a resolved incident")
class PostmortemDrafterTest {

    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    static final ChangeEvent DEPLOY = ChangeEvent.of(T0.minus(Duration.ofMinutes(5)),
            "Deployment v2.3.1 of payment-service rolled out");

    final VirtualTime time = VirtualTime.startingAt(T0);
    final IncidentManager manager = IncidentManager.builder().timers(time)
            .pager(new RecordingPager())
            .roster(Roster.builder().schedule("Backend On-Call", at -> Optional.of(OnCallPerson.of("Alice")))
                    .role("engineering_lead", "Dana").build())
            .build();
    final EscalationPolicy policy = EscalationPolicy.named("Backend")
            .level(1, Duration.ofMinutes(15), Target.onCall("Backend On-Call"))
            .level(2, Duration.ofMinutes(30), Target.role("engineering_lead"))
            .build();

    /**
     * 09:00 the alert fires and Alice is paged; nobody acknowledges, so at 09:15 Dana (level 2) is paged and
     * acknowledges at 09:17; notes; at 09:20 the runbook's rollback is requested, approved by Dana, run and
     * completed at 09:24; recovery is verified at 09:40; Dana resolves at 09:41. Actions are recorded with the
     * same actions and details the {@code RunbookRunner} writes.
     */
    Incident scenario() {
        Incident incident = manager.trigger(Alert.withKey("ServiceHighErrorRate/payment-service")
                .service("payment-service").summary("ServiceHighErrorRate").severity("SEV-2").build(), policy);
        IncidentId id = incident.id();
        TimelineSink sink = manager.timelineSink(id);
        time.advance(Duration.ofMinutes(17));
        manager.acknowledge(id, "Dana");
        time.advance(Duration.ofMinutes(1));
        manager.addNote(id, "Dana", "Error rate at 12%, checkout failing");
        time.advance(Duration.ofMinutes(1));
        manager.addNote(id, "Bob", "Support reports failed payments");
        time.advance(Duration.ofMinutes(1));
        sink.record(time.now(), "runbook", "mitigation requested",
                "Rollback deployment: [kubectl rollout undo deployment/payment-service -n production]");
        sink.record(time.now(), "runbook", "mitigation approved", "Rollback deployment: approved by Dana: runbook step 1");
        time.advance(Duration.ofMinutes(1));
        sink.record(time.now(), "runbook", "rollback", "deployment.apps/payment-service rolled back (revision 4 to 3)");
        sink.record(time.now(), "runbook", "rollout status",
                "Waiting for deployment \"payment-service\" rollout to finish: 1 of 3 updated replicas are available...");
        time.advance(Duration.ofMinutes(3));
        sink.record(time.now(), "runbook", "rollout status", "deployment \"payment-service\" successfully rolled out");
        sink.record(time.now(), "runbook", "operation done", "kubectl rollout undo deployment/payment-service -n production:"
                + " deployment.apps/payment-service rolled back; deployment \"payment-service\" successfully rolled out");
        sink.record(time.now(), "runbook", "mitigation completed", "Rollback deployment: 1 operation(s)");
        time.advance(Duration.ofMinutes(16));
        sink.record(time.now(), "runbook", "recovery verified", "payment-service: every criterion held for 15m");
        time.advance(Duration.ofMinutes(1));
        manager.resolve(id, "Dana");
        return manager.find(id).orElseThrow();
    }

    @Test
    @DisplayName("an undo whose rollout then fails does not count as the mitigation")
    void failedRollbackIsNotAMitigation() {
        Incident incident = manager.trigger(Alert.withKey("k").service("payment-service")
                .summary("ServiceHighErrorRate").severity("SEV-2").build(), policy);
        TimelineSink sink = manager.timelineSink(incident.id());
        time.advance(Duration.ofMinutes(5));
        manager.acknowledge(incident.id(), "Dana");
        sink.record(time.now(), "runbook", "operation done", "kubectl rollout undo deployment/payment-service -n production:"
                + " deployment.apps/payment-service rolled back (revision 3 to 2)");
        sink.record(time.now(), "runbook", "operation failed", "kubectl rollout status deployment/payment-service"
                + " -n production --timeout=5m: did not finish within 5m");
        sink.record(time.now(), "runbook", "mitigation failed", "Rollback deployment: failed after 1 operation(s) done");
        time.advance(Duration.ofMinutes(10));
        manager.resolve(incident.id(), "Dana");
        KeyTimes times = PostmortemDrafter.withDefaults().keyTimes(manager.find(incident.id()).orElseThrow(), List.of());
        assertThat(times.timeToMitigate()).isEmpty();

        // The same undo followed by a completed mitigation counts from the undo.
        assertThat(PostmortemDrafter.withDefaults().keyTimes(scenario(), List.of()).timeToMitigate())
                .contains(Duration.ofMinutes(24));
    }

    @Test
    @DisplayName("every field of the draft comes from the incident and the deployment before it")
    void fieldByField() {
        Incident incident = scenario();
        Postmortem draft = PostmortemDrafter.withDefaults().draft(incident, List.of(DEPLOY));

        assertThat(draft.title()).isEqualTo("ServiceHighErrorRate on payment-service");
        assertThat(draft.id()).isNull();
        assertThat(draft.date()).isEqualTo(LocalDate.of(2026, 3, 2));
        assertThat(draft.start()).isEqualTo(LocalTime.of(8, 55));
        assertThat(draft.end()).isEqualTo(LocalTime.of(9, 41));
        assertThat(draft.duration()).contains(Duration.ofMinutes(46));
        assertThat(draft.severity()).isEqualTo(Severity.of(2));
        assertThat(draft.impact()).isNull();
        assertThat(draft.authors()).containsExactly("Dana", "Bob");
        assertThat(draft.status()).isEqualTo(PostmortemStatus.DRAFT);
        assertThat(draft.extraFields()).containsExactly(new HeaderField("Incident", incident.id().value()));
        assertThat(draft.timeline()).containsExactly(
                TimelineEntry.at("08:55", "Deployment v2.3.1 of payment-service rolled out"),
                TimelineEntry.at("09:00", "Alert ServiceHighErrorRate fired"),
                TimelineEntry.at("09:00", "Paged Alice (level 1)"),
                TimelineEntry.at("09:15", "Escalated to level 2 (engineering_lead)"),
                TimelineEntry.at("09:15", "Paged Dana (level 2)"),
                TimelineEntry.at("09:17", "Dana acknowledged"),
                TimelineEntry.at("09:18", "Note by Dana: Error rate at 12%, checkout failing"),
                TimelineEntry.at("09:19", "Note by Bob: Support reports failed payments"),
                TimelineEntry.at("09:20", "Mitigation 'Rollback deployment' requested"),
                TimelineEntry.at("09:20", "Mitigation 'Rollback deployment' approved by Dana"),
                TimelineEntry.at("09:21", "Rollback of payment-service started (revision 4 to 3)"),
                TimelineEntry.at("09:24", "Rollback of payment-service completed"),
                TimelineEntry.at("09:24", "Mitigation 'Rollback deployment' completed"),
                TimelineEntry.at("09:40", "Recovery verified: every criterion held for 15m"),
                TimelineEntry.at("09:41", "Resolved by Dana"));
        assertThat(draft.extraSections()).containsExactly(new ExtraSection(PostmortemDrafter.KEY_TIMES_HEADING, """
                - Time to detect: 5 minutes (change 08:55 → alert 09:00)
                - Time to acknowledge: 17 minutes (alert 09:00 → Dana acknowledged 09:17)
                - Time to mitigate: 24 minutes (alert 09:00 → Rollback of payment-service completed 09:24)
                - Time to resolve: 41 minutes (alert 09:00 → resolved 09:41)""", Section.TIMELINE));
        for (Section s : PostmortemDrafter.FOR_PEOPLE) {
            assertThat(draft.isToBeWritten(s)).as(s.heading()).isTrue();
        }
        assertThat(draft.actionItems()).isEmpty();
    }

    @Test
    @DisplayName("the key times agree with the incident metrics")
    void keyTimes() {
        Incident incident = scenario();
        KeyTimes t = PostmortemDrafter.withDefaults().keyTimes(incident, List.of(DEPLOY));
        assertThat(t.timeToDetect()).contains(Duration.ofMinutes(5));
        assertThat(t.change()).isEqualTo(DEPLOY.description());
        assertThat(t.timeToAcknowledge()).isEqualTo(IncidentMetrics.timeToAcknowledge(incident))
                .contains(Duration.ofMinutes(17));
        assertThat(t.acknowledgedBy()).isEqualTo("Dana");
        assertThat(t.timeToMitigate()).contains(Duration.ofMinutes(24));
        assertThat(Optional.of(t.timeToResolve())).isEqualTo(IncidentMetrics.timeToResolve(incident))
                .contains(Duration.ofMinutes(41));
    }

    @Test
    @DisplayName("without a change before the alert the draft starts at the alert and says time to detect is unknown")
    void noChange() {
        Incident incident = scenario();
        // a change after the alert, and one before the 2-hour lookback, are not the preceding change
        Postmortem draft = PostmortemDrafter.withDefaults().draft(incident, List.of(
                ChangeEvent.of(T0.plus(Duration.ofMinutes(1)), "Feature flag flipped"),
                ChangeEvent.of(T0.minus(Duration.ofHours(3)), "Old deployment")));
        assertThat(draft.start()).isEqualTo(LocalTime.of(9, 0));
        assertThat(draft.timeline().get(0)).isEqualTo(TimelineEntry.at("09:00", "Alert ServiceHighErrorRate fired"));
        assertThat(draft.extraSections().get(0).body())
                .startsWith("- Time to detect: unknown (no deployment or change found before the alert)");
        assertThat(PostmortemDrafter.builder().changeLookback(Duration.ofHours(4)).build()
                .keyTimes(incident, List.of(ChangeEvent.of(T0.minus(Duration.ofHours(3)), "Old deployment")))
                .timeToDetect()).contains(Duration.ofHours(3));
    }

    @Test
    @DisplayName("the draft renders to Markdown that parses back equal")
    void roundTrip() {
        Postmortem draft = PostmortemDrafter.withDefaults().draft(scenario(), List.of(DEPLOY));
        String markdown = PostmortemMarkdown.render(draft);
        assertThat(markdown).contains("**Status**: draft", "## Key Times", Postmortem.TO_BE_WRITTEN,
                "| 09:15 | Escalated to level 2 (engineering_lead)");
        assertThat(PostmortemMarkdown.parse(markdown)).isEqualTo(draft);
    }

    @Test
    @DisplayName("lint accepts the to-be-written sections of a draft; only the missing action items of a SEV-2 are reported")
    void lintOfDraft() {
        Postmortem draft = PostmortemDrafter.withDefaults().draft(scenario(), List.of(DEPLOY));
        assertThat(PostmortemLint.lint(draft)).extracting(Finding::code).containsExactly("postmortem.no-action-items");

        Postmortem claimedFinal = draft.toBuilder().status(PostmortemStatus.FINAL).build();
        assertThat(PostmortemLint.lint(claimedFinal)).filteredOn(f -> f.code().equals("postmortem.placeholder-in-final"))
                .extracting(Finding::location)
                .containsExactlyInAnyOrder("impact", "summary", "rootCause", "wentWell", "wentWrong", "lessonsLearned");
    }

    @Test
    @DisplayName("an incident that is not resolved cannot be drafted")
    void unresolved() {
        Incident open = manager.trigger(Alert.withKey("k").service("payment-service").summary("DB down").build(), policy);
        assertThatThrownBy(() -> PostmortemDrafter.withDefaults().draft(open))
                .isInstanceOf(IllegalIncidentTransitionException.class)
                .hasMessageContaining("cannot draft a postmortem for incident")
                .hasMessageEndingWith("it is triggered");
    }

    @Test
    @DisplayName("an incident longer than a postmortem can hold (24 hours) is refused, not cut")
    void tooLong() {
        Incident incident = manager.trigger(Alert.withKey("k").service("payment-service").summary("DB down").build(),
                policy);
        manager.acknowledge(incident.id(), "Alice");
        time.advance(Duration.ofHours(25));
        manager.resolve(incident.id(), "Alice");
        Incident resolved = manager.find(incident.id()).orElseThrow();
        assertThatThrownBy(() -> PostmortemDrafter.withDefaults().draft(resolved))
                .isInstanceOf(ValidationException.class).hasMessageContaining("less than 24 hours");
    }

    @Test
    @DisplayName("a summary is the title when there is no alertname; reassignments and manual escalations name responders")
    void responders() {
        Incident incident = manager.trigger(Alert.withKey("db").service("payment-service")
                .summary("Primary database unreachable").severity("SEV-3").build(), policy);
        time.advance(Duration.ofMinutes(2));
        manager.escalate(incident.id(), "Alice");
        time.advance(Duration.ofMinutes(2));
        manager.reassign(incident.id(), "Dana", "Erin");
        time.advance(Duration.ofMinutes(2));
        manager.acknowledge(incident.id(), "Erin");
        time.advance(Duration.ofMinutes(10));
        manager.resolve(incident.id(), "Erin");
        Postmortem draft = PostmortemDrafter.withDefaults().draft(manager.find(incident.id()).orElseThrow());

        assertThat(draft.title()).isEqualTo("Primary database unreachable on payment-service");
        assertThat(draft.authors()).containsExactly("Alice", "Dana", "Erin");
        assertThat(draft.timeline()).extracting(TimelineEntry::event).containsExactly(
                "Alert fired: Primary database unreachable",
                "Paged Alice (level 1)",
                "Escalated to level 2 (engineering_lead) by Alice",
                "Paged Dana (level 2)",
                "Dana reassigned the incident to Erin",
                "Paged Erin (level 2, pass 2)",
                "Erin acknowledged",
                "Resolved by Erin");
        assertThat(PostmortemLint.lint(draft)).isEmpty();
    }

    @Test
    @DisplayName("chaos evidence recorded when the incident opens is placed when it happened and is the preceding change")
    void chaosEvidence() {
        time.advance(Duration.ofMinutes(3));
        Incident incident = manager.trigger(Alert.withKey("chaos/pod-delete").service("payment-service")
                .summary("Chaos experiment pod-delete ended Fail: error rate too high").build(), policy);
        TimelineSink sink = manager.timelineSink(incident.id());
        sink.record(time.now(), "chaos", "experiment started", "at " + T0 + ": pod-delete on production/payment-service");
        sink.record(time.now(), "chaos", "chaos injection started", "at " + T0.plusSeconds(30) + ": pod-delete for 60s");
        time.advance(Duration.ofMinutes(5));
        manager.resolve(incident.id(), "Alice");
        Postmortem draft = PostmortemDrafter.withDefaults().draft(manager.find(incident.id()).orElseThrow());

        assertThat(draft.start()).isEqualTo(LocalTime.of(9, 0, 30));
        assertThat(draft.timeline()).extracting(e -> e.time() + " " + e.event()).startsWith(
                "09:00 Chaos experiment started: pod-delete on production/payment-service",
                "09:00:30 Chaos injection started: pod-delete for 60s",
                "09:03 Alert fired: Chaos experiment pod-delete ended Fail: error rate too high");
        assertThat(draft.extraSections().get(0).body()).startsWith("- Time to detect: 2 minutes 30 seconds");
        assertThat(PostmortemMarkdown.parse(PostmortemMarkdown.render(draft))).isEqualTo(draft);
    }
}
