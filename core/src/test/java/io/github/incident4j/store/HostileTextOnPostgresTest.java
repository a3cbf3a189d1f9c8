package io.github.incident4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.escalation.Target;
import io.github.incident4j.incident.Alert;
import io.github.incident4j.incident.Incident;
import io.github.incident4j.incident.IncidentManager;
import io.github.incident4j.incident.OnCallPerson;
import io.github.incident4j.incident.Roster;
import io.github.incident4j.sim.VirtualTime;
import io.github.incident4j.spi.IncidentStore;
import io.github.incident4j.spi.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 22, items 1 to 3, as found by the fault-injection campaign: on PostgreSQL, hostile text from outside must
 * neither hold a page, nor stop an escalation, nor merge two alerts. Only the public API, so the same test runs on
 * any version of the engine (it fails on main before the engine redesign, commit fe2b9a8).
 */
@DisplayName("Hostile text on PostgreSQL: no held page, no stopped escalation, no merged alerts")
class HostileTextOnPostgresTest {

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private final VirtualTime time = VirtualTime.startingAt(T0);
    private final List<String> calls = new CopyOnWriteArrayList<>();

    private IncidentManager manager(IncidentStore store, Roster roster, String failOnce, String error) {
        return IncidentManager.builder().timers(time).store(store).roster(roster)
                .maxPageAttempts(3).retryBackoff(Duration.ofSeconds(30))
                .pager((Page page) -> {
                    calls.add(page.recipient() + " #" + page.attempt());
                    return page.recipient().equals(failOnce) && page.attempt() == 1
                            ? CompletableFuture.failedFuture(new IllegalStateException(error))
                            : CompletableFuture.completedFuture(null);
                }).build();
    }

    private static Alert alert(String key) {
        return Alert.withKey(key).service("payments").summary("DB down").build();
    }

    @Test
    @DisplayName("item 1: a pager error holding a NUL is recorded and the page is retried")
    void pagerErrorWithNul() {
        IncidentManager manager = manager(TestDatabases.storeOn(POSTGRES.freshDatabase(), "pg"), Roster.EMPTY,
                "Alice", "bad \0 answer");
        manager.trigger(alert("db"), EscalationPolicy.named("Backend")
                .level(1, Duration.ofMinutes(15), Target.person("Alice")).level(2, Target.person("Dana")).build());
        time.advance(Duration.ofMinutes(5));
        assertThat(calls).containsExactly("Alice #1", "Alice #2");
        manager.close();
    }

    @Test
    @DisplayName("item 2: a level whose on-call person's name holds a NUL does not stop the escalation: the later "
            + "level is paged")
    void personWithNul() {
        Roster roster = Roster.builder().schedule("Ops", at -> Optional.of(OnCallPerson.of("Bo\0b"))).build();
        IncidentManager manager = manager(TestDatabases.storeOn(POSTGRES.freshDatabase(), "pg"), roster, "", "");
        manager.trigger(alert("db"), EscalationPolicy.named("Backend")
                .level(1, Duration.ofMinutes(15), Target.person("Alice"))
                .level(2, Duration.ofMinutes(15), Target.onCall("Ops"))
                .level(3, Target.person("Victor")).build());
        time.advance(Duration.ofHours(1));
        assertThat(calls).contains("Alice #1", "Victor #1").doesNotContain("Bo\0b #1");
        manager.close();
    }

    @Test
    @DisplayName("item 3: two dedup keys that differ only in an unpaired surrogate open two incidents")
    void keysDifferingInALoneSurrogate() {
        IncidentStore store = TestDatabases.storeOn(POSTGRES.freshDatabase(), "pg");
        IncidentManager manager = manager(store, Roster.EMPTY, "", "");
        EscalationPolicy policy = EscalationPolicy.named("Backend").level(1, Target.person("Alice")).build();
        Incident a = manager.trigger(alert("fp-\uD800"), policy);
        Incident b = manager.trigger(alert("fp-\uDBFF"), policy);
        assertThat(a.id()).isNotEqualTo(b.id());
        assertThat(store.all()).hasSize(2);
        manager.close();
    }
}
