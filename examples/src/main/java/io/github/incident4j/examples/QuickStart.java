package io.github.incident4j.examples;

import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.escalation.Target;
import io.github.incident4j.incident.Alert;
import io.github.incident4j.incident.Incident;
import io.github.incident4j.incident.IncidentManager;
import io.github.incident4j.incident.Roster;
import io.github.incident4j.oncall.Layer;
import io.github.incident4j.oncall.ScheduleOverride;
import io.github.incident4j.oncall.Schedule;
import io.github.incident4j.sim.RecordingPager;
import io.github.incident4j.sim.VirtualTime;
import io.github.incident4j.spi.Page;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

/**
 * The README's quick start, compiled and run by {@code QuickStartTest}: a schedule and a policy built with
 * the Java DSL, and an incident escalated in virtual time.
 */
public final class QuickStart {

    private QuickStart() {
    }

    /** Builds the schedule and policy, triggers an incident, lets 15 minutes pass; returns who was paged. */
    public static List<Page> run() {
        // --- quick start (README) ---
        Schedule schedule = Schedule.named("Backend On-Call")
                .zone(ZoneId.of("Europe/Berlin"))
                .layer(Layer.of("Alice", "Bob", "Carol").weekly()          // hand off Mondays 09:00 Berlin time
                        .rotationStart(LocalDateTime.of(2026, 1, 5, 9, 0)))
                .override(ScheduleOverride.of("Dave", Instant.parse("2026-03-09T08:00:00Z"), Instant.parse("2026-03-16T08:00:00Z"))
                        .replacing("Alice").because("Alice on vacation"))
                .build();

        EscalationPolicy policy = EscalationPolicy.named("Backend")
                .level(1, Duration.ofMinutes(15), Target.onCall("Backend On-Call"))
                .level(2, Duration.ofMinutes(30), Target.role("engineering_lead"))
                .level(3, Target.role("vp_engineering"))
                .build();

        VirtualTime time = VirtualTime.startingAt(Instant.parse("2026-03-10T14:00:00Z"));
        RecordingPager pager = new RecordingPager();
        IncidentManager manager = IncidentManager.builder()
                .timers(time).pager(pager)
                .roster(Roster.builder().schedule(schedule)
                        .role("engineering_lead", "Erin").role("vp_engineering", "Frank").build())
                .build();

        Incident incident = manager.trigger(Alert.withKey("payments/error-rate").service("payment-service")
                .summary("Error rate above 5%").severity("SEV-2").build(), policy);   // Dave (covering Alice) is paged
        time.advance(Duration.ofMinutes(15));                                         // no ack: Erin is paged
        manager.acknowledge(incident.id(), "Erin");
        // --- end of quick start ---
        return pager.pages();
    }
}
