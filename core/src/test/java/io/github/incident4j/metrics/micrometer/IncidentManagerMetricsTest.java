package io.github.incident4j.metrics.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.escalation.Target;
import io.github.incident4j.incident.Alert;
import io.github.incident4j.incident.Incident;
import io.github.incident4j.incident.IncidentManager;
import io.github.incident4j.sim.VirtualTime;
import io.github.incident4j.spi.Pager;
import io.github.incident4j.spi.kit.EngineFixtures;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The Micrometer binder counts a scripted scenario exactly")
class IncidentManagerMetricsTest {

    final VirtualTime time = VirtualTime.startingAt(EngineFixtures.T0);
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    /** Dana's pages always fail; everyone else's are delivered. */
    final Pager pager = page -> "Dana".equals(page.recipient())
            ? CompletableFuture.failedFuture(new IllegalStateException("Dana's phone is off"))
            : Pager.delivered();

    static final EscalationPolicy DANA_FIRST = EscalationPolicy.named("Dana first")
            .level(1, Duration.ofMinutes(15), Target.person("Dana"))
            .level(2, Duration.ofMinutes(30), Target.person("Alice"))
            .build();

    static Alert alert(String key) {
        return Alert.withKey(key).service("payments").summary("DB down").build();
    }

    double count(String name) {
        return registry.get(name).tag("pager", "sms").counter().count();
    }

    @Test
    @DisplayName("pages sent, failed and given up by pager, alert-to-first-page latency, open incidents, wake-up lag")
    void scriptedScenario() {
        IncidentManagerMetrics metrics = IncidentManagerMetrics.register(registry, "sms");
        IncidentManager manager = IncidentManager.builder().timers(time).pager(pager).listener(metrics)
                .maxPageAttempts(2).retryBackoff(Duration.ofSeconds(30)).build();
        metrics.watch(manager);

        // db: Alice at 0 (first page, 0 latency); Dana fails at 15m and 15m30s, given up; Victor at 45m; acked
        Incident db = manager.trigger(alert("db"), EngineFixtures.PEOPLE);
        time.advance(Duration.ofMinutes(50));
        manager.acknowledge(db.id(), "Victor");
        // cache at 50m: Dana fails twice and is given up; Alice at 65m is its first delivered page (15m latency)
        manager.trigger(alert("cache"), DANA_FIRST);
        time.advance(Duration.ofMinutes(20));
        // search at 70m: Alice at once, then resolved
        Incident search = manager.trigger(alert("search"), EngineFixtures.PEOPLE);
        manager.resolve(search.id(), "Alice");

        assertThat(count(IncidentManagerMetrics.PAGES_SENT)).isEqualTo(4);      // Alice, Victor, Alice, Alice
        assertThat(count(IncidentManagerMetrics.PAGES_FAILED)).isEqualTo(4);    // Dana twice, twice
        assertThat(count(IncidentManagerMetrics.PAGES_GIVEN_UP)).isEqualTo(2);
        assertThat(count(IncidentManagerMetrics.TRIGGERED)).isEqualTo(3);
        assertThat(count(IncidentManagerMetrics.LEVELS_SKIPPED)).isZero();
        assertThat(count(IncidentManagerMetrics.EXHAUSTED)).isZero();
        var firstPage = registry.get(IncidentManagerMetrics.FIRST_PAGE_LATENCY).tag("pager", "sms").timer();
        assertThat(firstPage.count()).isEqualTo(3);
        assertThat(firstPage.totalTime(TimeUnit.MINUTES)).isEqualTo(15.0);
        assertThat(firstPage.max(TimeUnit.MINUTES)).isEqualTo(15.0);
        assertThat(registry.get(IncidentManagerMetrics.OPEN_INCIDENTS).tag("pager", "sms").gauge().value())
                .isEqualTo(2.0);   // db acknowledged, cache escalating, search resolved
        var lag = registry.get(IncidentManagerMetrics.WAKE_UP_LAG).tag("pager", "sms").timer();
        assertThat(lag.count()).isPositive();
        assertThat(lag.max(TimeUnit.NANOSECONDS)).isZero();   // virtual time wakes exactly on time
        assertThat(registry.getMeters()).extracting(m -> m.getId().getName()).containsAll(Set.of(
                IncidentManagerMetrics.PAGES_SENT, IncidentManagerMetrics.PAGES_FAILED,
                IncidentManagerMetrics.PAGES_GIVEN_UP, IncidentManagerMetrics.FIRST_PAGE_LATENCY,
                IncidentManagerMetrics.WAKE_UP_LAG, IncidentManagerMetrics.OPEN_INCIDENTS));
    }
}
