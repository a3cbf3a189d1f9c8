package io.github.incident4j.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incident4j.ValidationException;
import io.github.incident4j.common.Severity;
import io.github.incident4j.escalation.Target;
import io.github.incident4j.reliability.Concurrently;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Incident values")
class IncidentValuesTest {

    @Test
    @DisplayName("a manager reads the time of its timers unless its builder is given another clock")
    void clockFromTimers() {
        Instant start = Instant.parse("2026-03-02T09:00:00Z");
        io.github.incident4j.sim.VirtualTime time = io.github.incident4j.sim.VirtualTime.startingAt(start);
        io.github.incident4j.escalation.EscalationPolicy policy = io.github.incident4j.escalation.EscalationPolicy
                .named("p").level(1, Target.person("Ann")).build();
        IncidentManager fromTimers = IncidentManager.builder().timers(time)
                .pager(new io.github.incident4j.sim.RecordingPager()).build();
        time.advance(Duration.ofMinutes(7));
        assertThat(fromTimers.trigger(Alert.withKey("a").service("s").summary("x").build(), policy).triggeredAt())
                .isEqualTo(start.plus(Duration.ofMinutes(7)));

        Instant other = Instant.parse("2030-01-01T00:00:00Z");
        IncidentManager ownClock = IncidentManager.builder().timers(time)
                .clock(java.time.Clock.fixed(other, java.time.ZoneOffset.UTC))
                .pager(new io.github.incident4j.sim.RecordingPager()).build();
        assertThat(ownClock.trigger(Alert.withKey("b").service("s").summary("x").build(), policy).triggeredAt())
                .isEqualTo(other);
    }

    @Test
    @DisplayName("an alert without service or summary is refused with both problems named")
    void alertValidation() {
        assertThatThrownBy(() -> Alert.withKey(" ").build()).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).problems())
                        .extracting(ValidationException.Problem::field)
                        .containsExactly("dedupKey", "service", "summary"));
        Alert alert = Alert.withKey("k").service("s").summary("x").label("a", "b")
                .annotation(Alert.RUNBOOK_URL, "https://runbooks.example.com/k").build();
        assertThat(alert.toBuilder().build()).isEqualTo(alert);
        assertThat(alert.annotations()).containsExactly(java.util.Map.entry("runbook_url", "https://runbooks.example.com/k"));
        assertThat(alert.severity()).isEqualTo(Severity.SEV_3);
        assertThat(alert.urgency()).isEqualTo(Urgency.HIGH);
    }

    @Test
    @DisplayName("a roster resolves persons, schedules and roles, and says why a target resolves to nobody")
    void roster() {
        Instant at = Instant.parse("2026-03-02T09:00:00Z");
        Roster roster = Roster.builder()
                .schedule("Backend", t -> Optional.of(OnCallPerson.of("Alice", Duration.ofMinutes(15))))
                .schedule("Empty", t -> Optional.empty())
                .role("lead", "Dana")
                .roleOnCall("backup", "Backend")
                .build();
        assertThat(roster.resolve(Target.person("Eve"), at).person()).contains(OnCallPerson.of("Eve"));
        assertThat(roster.resolve(Target.onCall("Backend"), at).person())
                .contains(OnCallPerson.of("Alice", Duration.ofMinutes(15)));
        assertThat(roster.resolve(Target.role("lead"), at).person()).contains(OnCallPerson.of("Dana"));
        assertThat(roster.resolve(Target.role("backup"), at).person().map(OnCallPerson::name)).contains("Alice");
        assertThat(roster.resolve(Target.onCall("Empty"), at).explanation())
                .isEqualTo("schedule 'Empty' has nobody on call at 2026-03-02T09:00:00Z");
        assertThat(roster.resolve(Target.role("cto"), at).explanation()).isEqualTo("role 'cto' is not in the roster");
        assertThat(roster.resolve(Target.onCall("Nope"), at).explanation())
                .isEqualTo("schedule 'Nope' is not in the roster");
    }

    @Test
    @DisplayName("a roster with duplicate or blank names is refused with every problem")
    void rosterValidation() {
        assertThatThrownBy(() -> Roster.builder().schedule("S", t -> Optional.empty()).schedule("S", t -> Optional.empty())
                .role("lead", "A").role("lead", "B").role("vp", " ").build())
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).problems()).hasSize(3));
        assertThatThrownBy(() -> OnCallPerson.of("A", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("random incident ids are INC- and a version-4 UUID, distinct across ids and threads")
    void randomIds() {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        Concurrently.run(2, thread -> {
            for (int i = 0; i < 50_000; i++) {
                String value = IncidentId.random().value();
                assertThat(value).startsWith("INC-").hasSize(40);
                UUID uuid = UUID.fromString(value.substring(4));
                assertThat(uuid.version()).isEqualTo(4);
                assertThat(uuid.variant()).isEqualTo(2);
                assertThat(seen.add(value)).as("unique id %s", value).isTrue();
            }
        });
        assertThat(seen).hasSize(100_000);
    }
}
