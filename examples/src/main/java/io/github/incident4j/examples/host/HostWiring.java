package io.github.incident4j.examples.host;

import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.escalation.Target;
import io.github.incident4j.incident.Alert;
import io.github.incident4j.incident.Incident;
import io.github.incident4j.incident.IncidentManager;
import io.github.incident4j.incident.Roster;
import io.github.incident4j.oncall.Layer;
import io.github.incident4j.oncall.Participant;
import io.github.incident4j.oncall.Restriction;
import io.github.incident4j.oncall.Schedule;
import io.github.incident4j.spi.Pager;
import io.github.incident4j.spi.SystemTimers;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * How a host application wires incident4j on real time: the schedule and the policy built with the Java DSL,
 * an {@link IncidentManager} woken by {@link SystemTimers} on a scheduler the host owns, and an orderly
 * shutdown (manager first, so no wake-up runs on a stopped scheduler; then the scheduler).
 *
 * <pre>{@code
 * try (HostWiring wiring = HostWiring.start(new WebhookPager(URI.create("https://paging.internal/hook"),
 *         HttpClient.newHttpClient(), Duration.ofSeconds(5)))) {
 *     Incident incident = wiring.trigger(Alert.withKey("payments/error-rate").service("payment-service")
 *             .summary("Error rate above 5%").severity("SEV-2").build());
 *     // ... the host's HTTP endpoint calls wiring.manager().acknowledge(incident.id(), "Alice")
 * }
 * }</pre>
 */
public final class HostWiring implements AutoCloseable {

    /** The schedule's name, as the policy's level 1 targets it. */
    public static final String SCHEDULE = "Payments On-Call";

    private final ScheduledExecutorService scheduler;
    private final SystemTimers timers;
    private final IncidentManager manager;

    private HostWiring(ScheduledExecutorService scheduler, Pager pager) {
        this.scheduler = scheduler;
        this.timers = SystemTimers.on(scheduler);
        this.manager = IncidentManager.builder()
                .timers(timers)
                .pager(pager)
                .pageDeadline(Duration.ofSeconds(10))
                .roster(Roster.builder().schedule(schedule())
                        .role("engineering_lead", "Erin")
                        .build())
                .build();
    }

    /**
     * A 24/7 weekly rotation in New York with a daytime layer in Berlin on top: later layers win, so Berlin
     * takes the pages during its office hours on weekdays and New York has the rest.
     */
    public static Schedule schedule() {
        return Schedule.named(SCHEDULE)
                .zone(ZoneId.of("Europe/Berlin"))
                .layer(Layer.of("Carol", "Dave").name("americas").weekly()
                        .zone(ZoneId.of("America/New_York"))
                        .rotationStart(LocalDateTime.of(2026, 1, 5, 9, 0)))
                .layer(Layer.of(List.of(Participant.named("Alice").withEscalationDelay(Duration.ofMinutes(10)),
                                Participant.named("Bob").withEscalationDelay(Duration.ofMinutes(10))))
                        .name("europe-daytime").weekly()
                        .rotationStart(LocalDateTime.of(2026, 1, 5, 9, 0))
                        .restrictTo(officeHours()))
                .build();
    }

    /** Monday to Friday, 09:00-18:00 each day (in the layer's zone). */
    private static Restriction[] officeHours() {
        return Stream.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)
                .map(day -> Restriction.weekly(day, LocalTime.of(9, 0), day, LocalTime.of(18, 0)))
                .toArray(Restriction[]::new);
    }

    /** On call first (10 minutes), then the engineering lead (20 minutes), then the VP; two passes. */
    public static EscalationPolicy policy() {
        return EscalationPolicy.named("Payments")
                .level(1, Duration.ofMinutes(10), Target.onCall(SCHEDULE))
                .level(2, Duration.ofMinutes(20), Target.role("engineering_lead"))
                .level(3, Duration.ofMinutes(30), Target.person("Victor"))
                .repeat(1)
                .ackTimeout(Duration.ofHours(1))
                .build();
    }

    /** Starts the engine on one daemon scheduler thread owned by this object, paging through {@code pager}. */
    public static HostWiring start(Pager pager) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "payments-incidents");
            t.setDaemon(true);
            return t;
        });
        return new HostWiring(scheduler, pager);
    }

    /** Opens an incident (or counts a repeat) under {@link #policy()}; level 1 is paged at once. */
    public Incident trigger(Alert alert) {
        return manager.trigger(alert, policy());
    }

    /** The engine, for acknowledge, resolve and queries. */
    public IncidentManager manager() {
        return manager;
    }

    /** Whether the scheduler has stopped (after {@link #close()}). */
    public boolean isTerminated() {
        return scheduler.isTerminated();
    }

    /**
     * Stops the manager (open incidents stay in its store), then the timers, then the scheduler, waiting up
     * to five seconds for a wake-up that is running.
     */
    @Override
    public void close() {
        manager.close();
        timers.close();
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
