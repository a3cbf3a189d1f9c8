package io.github.incident4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.escalation.Target;
import io.github.incident4j.incident.Alert;
import io.github.incident4j.incident.Incident;
import io.github.incident4j.incident.IncidentManager;
import io.github.incident4j.incident.IncidentStatus;
import io.github.incident4j.incident.TimelineEvent;
import io.github.incident4j.sim.RecordingPager;
import io.github.incident4j.sim.VirtualTime;
import io.github.incident4j.spi.Page;
import io.github.incident4j.spi.StoreUnavailableException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The database goes away while managers run, and comes back on the same data directory. */
@DisplayName("PostgreSQL restarted under running managers")
class JdbcStoreRestartTest {

    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    static final EscalationPolicy POLICY = EscalationPolicy.named("Backend")
            .level(1, Duration.ofMinutes(5), Target.person("Alice"))
            .level(2, Duration.ofMinutes(5), Target.person("Bob"))
            .build();

    @TempDir
    Path dataDirectory;

    EmbeddedPostgres postgres;
    final VirtualTime time = VirtualTime.startingAt(T0);
    final RecordingPager pager = new RecordingPager();

    EmbeddedPostgres start(int port) {
        try {
            return EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false)
                    .setPort(port).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterEach
    void stop() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    static Alert alert(String key) {
        return Alert.withKey(key).service("payments").summary(key + " failing").build();
    }

    @Test
    @DisplayName("calls during the outage fail with StoreUnavailableException; retried after the restart they "
            + "succeed, the missed escalation is taken at the next wake-up, nothing is lost or paged twice")
    void restart() throws IOException {
        postgres = start(0);
        int port = postgres.getPort();
        DataSource database = TestDatabases.freshPostgres(postgres);
        TestPool poolA = new TestPool(database);
        TestPool poolB = new TestPool(database);
        IncidentManager a = IncidentManager.builder().timers(time).pager(pager)
                .store(TestDatabases.storeOn(poolA, "a")).build();
        IncidentManager b = IncidentManager.builder().timers(time).pager(pager)
                .store(TestDatabases.storeOn(poolB, "b")).build();
        Incident db = a.trigger(alert("db"), POLICY);
        time.advance(Duration.ofMinutes(2));
        TestPool careless = new TestPool(database).withoutValidation();
        JdbcIncidentStore carelessStore = TestDatabases.storeOn(careless, "c");

        postgres.close();
        postgres = null;
        assertThatThrownBy(() -> b.trigger(alert("cache"), POLICY)).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> a.acknowledge(db.id(), "Alice")).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> b.find(db.id())).isInstanceOf(StoreUnavailableException.class);
        time.advance(Duration.ofMinutes(6)); // db's level 2 falls due at 5m, while the database is down
        assertThat(pager.deliveries()).extracting(Page::recipient).containsExactly("Alice");

        postgres = start(port);
        // a connection that died with the old server fails as unavailable too, not as a raw SQLException
        assertThatThrownBy(() -> carelessStore.load(db.id().value())).isInstanceOf(StoreUnavailableException.class)
                .hasCauseInstanceOf(java.sql.SQLException.class);
        assertThat(carelessStore.load(db.id().value())).isPresent();
        // the host retries what failed; nothing was half-written
        Incident cache = b.trigger(alert("cache"), POLICY);
        Incident repeat = a.trigger(alert("db"), POLICY);
        assertThat(repeat.id()).isEqualTo(db.id());
        assertThat(repeat.alertCount()).isEqualTo(2);
        // The step db missed during the outage (due at 5m) is retried after each failed wake-up and taken as soon
        // as the store answers again, at 8m, on the first wake-up after the restart.
        time.advance(Duration.ofMinutes(5));
        assertThat(pager.deliveries()).extracting(p -> (p.incidentId().equals(db.id().value()) ? "db " : "cache ")
                + p.recipient() + " " + Duration.between(T0, p.at()).toMinutes() + "m")
                .containsExactly("db Alice 0m", "cache Alice 8m", "db Bob 8m", "cache Bob 13m");
        b.acknowledge(db.id(), "Bob");
        time.advance(Duration.ofHours(1));

        assertThat(pager.deliveries()).extracting(Page::idempotencyKey).doesNotHaveDuplicates();
        assertThat(pager.deliveries()).extracting(Page::recipient)
                .containsExactly("Alice", "Alice", "Bob", "Bob");
        Incident dbAfter = a.find(db.id()).orElseThrow();
        assertThat(dbAfter.status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
        assertThat(dbAfter.alertCount()).isEqualTo(2);
        assertThat(dbAfter.timeline()).extracting(TimelineEvent::type).containsExactly(
                TimelineEvent.Type.TRIGGERED, TimelineEvent.Type.PAGE_DELIVERED, TimelineEvent.Type.REPEAT_ALERTS,
                TimelineEvent.Type.ESCALATED, TimelineEvent.Type.PAGE_DELIVERED,
                // level 2's timeout counts from when Bob was paged (8m30s, the first wake-up the store answered),
                // not from when it fell due (5m): his acknowledgement at 13m is within his 5 minutes
                TimelineEvent.Type.ACKNOWLEDGED);
        List<TimelineEvent> cacheTimeline = b.find(cache.id()).orElseThrow().timeline();
        assertThat(cacheTimeline).extracting(TimelineEvent::type).containsExactly(TimelineEvent.Type.TRIGGERED,
                TimelineEvent.Type.PAGE_DELIVERED, TimelineEvent.Type.ESCALATED, TimelineEvent.Type.PAGE_DELIVERED,
                TimelineEvent.Type.ESCALATION_EXHAUSTED);
        assertThat(cacheTimeline.get(2).at()).isEqualTo(T0.plus(Duration.ofMinutes(13)));
        assertThat(cacheTimeline.get(4).at()).isEqualTo(T0.plus(Duration.ofMinutes(18)));
        poolA.close();
        poolB.close();
        careless.close();
    }
}
