package io.github.incident4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.escalation.Target;
import io.github.incident4j.incident.Alert;
import io.github.incident4j.incident.Incident;
import io.github.incident4j.incident.IncidentManager;
import io.github.incident4j.incident.OnCallPerson;
import io.github.incident4j.incident.Roster;
import io.github.incident4j.sim.RecordingPager;
import io.github.incident4j.sim.VirtualTime;
import io.github.incident4j.spi.IncidentRecord;
import io.github.incident4j.spi.IncidentStore;
import io.github.incident4j.spi.kit.EngineFixtures;
import io.github.incident4j.store.InMemoryIncidentStore;
import io.github.incident4j.store.JdbcIncidentStore;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@DisplayName("A year of alerts in virtual time")
class SoakTest {

    private static final Logger LOG = LoggerFactory.getLogger(SoakTest.class);

    static final Instant T0 = Instant.parse("2026-01-05T08:00:00Z");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final List<OnCallPerson> ROTATION = List.of(OnCallPerson.of("Alice", Duration.ofMinutes(15)),
            OnCallPerson.of("Bob"), OnCallPerson.of("Carol", Duration.ofMinutes(10)), OnCallPerson.of("Dan"));
    static final EscalationPolicy POLICY = EngineFixtures.ON_CALL_AND_ROLES;

    /** Weekly rotation handed over on Monday 09:00 Berlin time (a wall-clock handoff, across DST). */
    static Optional<OnCallPerson> weekly(Instant at) {
        ZonedDateTime local = at.atZone(BERLIN);
        ZonedDateTime handoff = local.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                .withHour(9).withMinute(0).withSecond(0).withNano(0);
        if (handoff.isAfter(local)) {
            handoff = handoff.minusWeeks(1);
        }
        long weeks = ChronoUnit.WEEKS.between(ZonedDateTime.of(2024, 1, 1, 9, 0, 0, 0, BERLIN), handoff);
        return Optional.of(ROTATION.get((int) Math.floorMod(weeks, ROTATION.size())));
    }

    @Test
    @DisplayName("a year of a weekly rotation with a Poisson alert stream (6 a day) on the in-memory store, purging "
            + "incidents resolved over 30 days ago every month: open work, timers, timelines and the stored history "
            + "stay bounded")
    void aYearOfAlerts() {
        InMemoryIncidentStore store = new InMemoryIncidentStore();
        Soak soak = soak(store, 365, at -> store.purgeResolvedBefore(at.minus(Duration.ofDays(30)), 500));
        assertThat(soak.purged()).isGreaterThan(1_500);
        assertThat(soak.maxStored()).as("stored incidents at any checkpoint").isLessThan(500);
    }

    @Test
    @DisplayName("without retention the in-memory history grows with every incident (the reason to purge)")
    void withoutRetentionHistoryGrows() {
        Soak soak = soak(new InMemoryIncidentStore(), 365, at -> 0);
        assertThat(soak.finalStored()).isGreaterThan(2_000);
    }

    @Test
    @DisplayName("the same on the JDBC store (H2) purging incidents resolved over 30 days ago every month (120 days; "
            + "the year with -Dreliability.scale=full): the stored history stays bounded too")
    void aYearOfAlertsWithRetention() {
        JdbcIncidentStore store = H2Stores.fresh("soak");
        Soak soak = soak(store, Scale.pick(120, 365),
                at -> store.purgeResolvedBefore(at.minus(Duration.ofDays(30)), 500));
        assertThat(soak.purged()).isGreaterThan(Scale.pick(300, 1_500));
        assertThat(soak.maxStored()).as("stored incidents at any checkpoint").isLessThan(500);
    }

    /** What a year did to the store. */
    record Soak(int alerts, int finalStored, int maxStored, int purged) {
    }

    /** {@code days} of alerts, with {@code monthly} (given the instant; returning how many it purged) every 30 days. */
    Soak soak(IncidentStore store, int days, java.util.function.ToIntFunction<Instant> monthly) {
        VirtualTime time = VirtualTime.startingAt(T0);
        RecordingPager pager = new RecordingPager();
        Roster roster = Roster.builder().schedule("Backend On-Call", SoakTest::weekly)
                .role("engineering_lead", "Lead").role("vp_engineering", "VP").build();
        IncidentManager manager = IncidentManager.builder().timers(time).pager(pager).store(store)
                .roster(roster).build();
        Random random = new Random(2026L);
        double perMinute = 6.0 / (24 * 60);
        Instant end = T0.plus(Duration.ofDays(days));
        int alerts = 0;
        int repeats = 0;
        int maxOpen = 0;
        int maxPending = 0;
        int maxTimeline = 0;
        int maxStored = 0;
        int purged = 0;
        List<String> checkpoints = new ArrayList<>();
        Instant nextReport = T0.plus(Duration.ofDays(30));
        while (time.now().isBefore(end)) {
            long gapSeconds = Math.max(1, Math.round(-Math.log(1 - random.nextDouble()) / perMinute * 60));
            time.advance(Duration.ofSeconds(gapSeconds));
            String key = "alert-" + random.nextInt(40); // some alerts repeat an open incident's key
            Incident incident = manager.trigger(Alert.withKey(key).service("payments").summary("problem " + key)
                    .build(), POLICY);
            alerts++;
            if (incident.alertCount() > 1) {
                repeats++;
            } else {
                // a responder acknowledges after 1-40 minutes (sometimes after an escalation), resolves within hours
                Instant ackAt = time.now().plus(Duration.ofMinutes(1 + random.nextInt(40)));
                Instant resolveAt = ackAt.plus(Duration.ofMinutes(5 + random.nextInt(240)));
                time.schedule(ackAt, () -> manager.acknowledge(incident.id(), "responder"));
                time.schedule(resolveAt, () -> manager.resolve(incident.id(), "responder"));
            }
            maxPending = Math.max(maxPending, time.pending());
            maxTimeline = Math.max(maxTimeline, incident.timeline().size());
            boolean checkpoint = !time.now().isBefore(nextReport);
            if (alerts % 10 != 0 && !checkpoint) {
                continue; // reading the whole store costs; every tenth alert (about every 40 hours) is enough
            }
            List<IncidentRecord> all = store.all();
            int open = (int) all.stream().filter(IncidentRecord::isOpen).count();
            maxOpen = Math.max(maxOpen, open);
            maxStored = Math.max(maxStored, all.size());
            if (checkpoint) {
                purged += monthly.applyAsInt(time.now());
                checkpoints.add(all.size() + " stored/" + open + " open/" + time.pending() + " timers");
                nextReport = nextReport.plus(Duration.ofDays(30));
            }
        }
        time.advance(Duration.ofDays(1));

        List<IncidentRecord> all = store.all();
        long events = all.stream().mapToLong(r -> r.timeline().size()).sum();
        assertThat(all).allSatisfy(r -> assertThat(r.isOpen()).as("still open: %s", r.id()).isFalse());
        assertThat(all).hasSize(alerts - repeats - purged);
        assertThat(store.nextDueAt()).isEmpty();
        assertThat(time.pending()).as("timers left after everything resolved").isZero();
        assertThat(maxOpen).as("open incidents at any time").isLessThan(60);
        assertThat(maxPending).as("pending timers at any time").isLessThan(200);
        assertThat(maxTimeline).as("longest timeline").isLessThan(40);
        assertThat(events / (double) Math.max(1, all.size())).as("events per incident").isLessThan(20);
        Invariants.check(manager.incidents(), pager.deliveries());
        LOG.info("soak on {}: {} alerts in {} days, {} incidents stored at the end ({} purged, at most {} stored; {} "
                + "timeline events, {} pages); at most {} open, {} pending timers, {} events on one timeline; "
                + "monthly {}", store.getClass().getSimpleName(), alerts, days, all.size(), purged, maxStored, events,
                pager.deliveries().size(), maxOpen, maxPending, maxTimeline, checkpoints);
        return new Soak(alerts, all.size(), maxStored, purged);
    }
}
