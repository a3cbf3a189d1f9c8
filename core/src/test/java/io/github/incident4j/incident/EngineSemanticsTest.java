package io.github.incident4j.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incident4j.ValidationException;
import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.escalation.Target;
import io.github.incident4j.oncall.Layer;
import io.github.incident4j.oncall.Participant;
import io.github.incident4j.oncall.Schedule;
import io.github.incident4j.sim.RecordingPager;
import io.github.incident4j.sim.VirtualTime;
import io.github.incident4j.spi.IncidentRecord;
import io.github.incident4j.spi.Page;
import io.github.incident4j.spi.kit.EngineFixtures;
import io.github.incident4j.store.InMemoryIncidentStore;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Escalation semantics: participant delays, paged listings, the alert's annotations")
class EngineSemanticsTest {

    final VirtualTime time = VirtualTime.startingAt(EngineFixtures.T0);
    final RecordingPager pager = new RecordingPager();
    final InMemoryIncidentStore store = new InMemoryIncidentStore();

    /** Alice on call all the time, with the seed's 15-minute escalation delay. */
    static final Schedule ONE_PERSON = Schedule.named("Backend On-Call").zone(ZoneOffset.UTC)
            .layer(Layer.of(List.of(Participant.named("Alice").withEscalationDelay(Duration.ofMinutes(15)),
                    Participant.named("Alice2").withEscalationDelay(Duration.ofMinutes(15)))).daily())
            .build();

    static final EscalationPolicy FIVE_SECONDS = EscalationPolicy.named("Fast")
            .level(1, Duration.ofSeconds(5), Target.onCall("Backend On-Call"))
            .level(2, Target.person("Dana"))
            .build();

    static Alert alert(String key, String service) {
        return Alert.withKey(key).service(service).summary("down").build();
    }

    long secondsToLevelTwo(Roster roster) {
        IncidentManager manager = IncidentManager.builder().timers(time).pager(pager).store(store).roster(roster)
                .build();
        manager.trigger(alert("db", "payments"), FIVE_SECONDS);
        time.advance(Duration.ofHours(1));
        Page dana = pager.pages().stream().filter(p -> p.level() == 2).findFirst().orElseThrow();
        return Duration.between(EngineFixtures.T0, dana.at()).toSeconds();
    }

    @Test
    @DisplayName("a participant's escalation delay replaces the level's timeout by default (the seed's meaning)")
    void delayReplacesTimeout() {
        assertThat(secondsToLevelTwo(Roster.builder().schedule(ONE_PERSON).build())).isEqualTo(15 * 60);
    }

    @Test
    @DisplayName("the named option IGNORED keeps the policy's own timeout (the DSL policy's 5 seconds)")
    void delayIgnored() {
        assertThat(secondsToLevelTwo(Roster.builder()
                .schedule(ONE_PERSON, Roster.ParticipantDelay.IGNORED).build())).isEqualTo(5);
    }

    @Test
    @DisplayName("incidents are listed a page at a time, open ones or all, by service, without a full listing")
    void pagedListing() {
        AtomicInteger n = new AtomicInteger();
        IncidentManager manager = IncidentManager.builder().timers(time).pager(pager).store(store)
                .ids(() -> IncidentId.of("INC-" + n.incrementAndGet())).build();
        for (int i = 0; i < 7; i++) {
            Incident incident = manager.trigger(alert("k" + i, i % 2 == 0 ? "payments" : "search"),
                    EngineFixtures.PEOPLE);
            if (i == 2) {
                manager.resolve(incident.id(), "Alice");
            }
        }
        IncidentPage first = manager.incidents(IncidentQuery.open().service("payments").limit(2));
        assertThat(first.items()).extracting(i -> i.id().value()).containsExactly("INC-1", "INC-5");
        assertThat(first.next()).contains(IncidentId.of("INC-5"));
        IncidentPage second = manager.incidents(IncidentQuery.open().service("payments").limit(2)
                .after(first.next().orElseThrow()));
        assertThat(second.items()).extracting(i -> i.id().value()).containsExactly("INC-7");
        assertThat(second.next()).isEmpty();
        assertThat(manager.incidents(IncidentQuery.all().service("payments")).items()).hasSize(4);
        assertThat(manager.incidents(IncidentQuery.all().limit(3)).items()).extracting(i -> i.id().value())
                .containsExactly("INC-1", "INC-2", "INC-3");
        assertThat(manager.incidents(IncidentQuery.open()).items()).hasSize(6);
        assertThat(manager.openIncidents()).isEqualTo(6);
        assertThatThrownBy(() -> IncidentQuery.open().limit(0)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("limit");
    }

    @Test
    @DisplayName("the alert's annotations are stored on the incident, shown by Incident.alert(), and carried by every "
            + "page, retries and escalations included")
    void annotationsTravel() {
        IncidentManager manager = IncidentManager.builder().timers(time).pager(pager).store(store).build();
        Alert alert = Alert.withKey("db").service("payments").summary("DB down")
                .annotation(Alert.RUNBOOK_URL, "https://runbooks.example.com/db")
                .annotation(Alert.DASHBOARD, "https://grafana.example.com/d/db")
                .annotation(Alert.DESCRIPTION, "Primary unreachable for 5m").build();
        Incident incident = manager.trigger(alert, EngineFixtures.PEOPLE);
        time.advance(Duration.ofMinutes(15));

        Incident stored = manager.find(incident.id()).orElseThrow();
        assertThat(stored.alert()).isEqualTo(alert);
        assertThat(stored.annotations()).isEqualTo(alert.annotations());
        assertThat(store.load(incident.id().value()).map(IncidentRecord::annotations)).contains(alert.annotations());
        assertThat(pager.pages()).hasSize(2).allSatisfy(p -> {
            assertThat(p.annotations()).isEqualTo(alert.annotations());
            assertThat(p.dedupKey()).isEqualTo("db");
            assertThat(p.service()).isEqualTo("payments");
        });
        assertThat(manager.acknowledgeByKey("db", "Dana").map(Incident::annotations)).contains(alert.annotations());
        assertThat(Map.copyOf(pager.pages().get(1).annotations())).containsKey(Alert.RUNBOOK_URL);
    }

    @Test
    @DisplayName("the stored kinds and statuses and the view's types and statuses are the same names, one for one")
    void storedAndViewNamesMatch() {
        assertThat(java.util.Arrays.stream(IncidentRecord.EventKind.values()).filter(k -> !k.isBookkeeping())
                .map(Enum::name)).containsExactlyElementsOf(java.util.Arrays.stream(TimelineEvent.Type.values())
                .map(Enum::name).toList());
        assertThat(java.util.Arrays.stream(IncidentRecord.Status.values()).map(Enum::name))
                .containsExactlyElementsOf(java.util.Arrays.stream(IncidentStatus.values()).map(Enum::name).toList());
        for (IncidentRecord.Status s : IncidentRecord.Status.values()) {
            assertThat(Incident.status(s).name()).isEqualTo(s.name());
        }
    }
}
