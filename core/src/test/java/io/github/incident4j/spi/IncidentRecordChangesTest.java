package io.github.incident4j.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.escalation.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("IncidentRecord.Changes")
class IncidentRecordChangesTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private static IncidentRecord.Event event(int seconds, String type) {
        return new IncidentRecord.Event(T0.plusSeconds(seconds), "incident4j", IncidentRecord.EventKind.valueOf(type), null, 0, 0, null, null);
    }

    private static IncidentRecord record() {
        EscalationPolicy policy = EscalationPolicy.named("Backend")
                .level(1, Duration.ofMinutes(15), Target.person("Alice")).build();
        return new IncidentRecord("i1", 3, new IncidentRecord.Origin( "k", "payments", "DB down", "SEV-2", true, null, Map.of(), Map.of()), policy, IncidentRecord.Status.TRIGGERED, 1, 1, 1, null, T0, null, null, null, 1, T0, List.of(event(0, "TRIGGERED")));
    }

    @Test
    @DisplayName("appends events after the base timeline, as an unmodifiable list equal to any list of them")
    void appends() {
        IncidentRecord base = record();
        IncidentRecord.Changes b = base.changes();
        List<IncidentRecord.Event> expected = new ArrayList<>(base.timeline());
        for (int i = 1; i <= 9; i++) {
            IncidentRecord.Event e = event(i, "NOTE");
            b.append(e);
            expected.add(e);
            assertThat(b.lastEventAt()).isEqualTo(e.at());
        }
        IncidentRecord built = b.build();

        assertThat(built.timeline()).containsExactlyElementsOf(expected);
        assertThat(built.timeline()).isEqualTo(List.copyOf(expected)).hasSameHashCodeAs(List.copyOf(expected));
        assertThat(List.copyOf(expected)).isEqualTo(built.timeline());
        assertThat(built).isEqualTo(new IncidentRecord(built.id(), built.version(), new IncidentRecord.Origin( built.dedupKey(),
                built.service(), built.summary(), built.severity(), built.highUrgency(), built.category(),
                built.labels(), Map.of()), built.policy(), built.status(), built.level(), built.pass(), built.roundStartPass(),
                built.nextDueAt(), built.triggeredAt(), null, null, null, 1, T0, expected));
        assertThatThrownBy(() -> built.timeline().add(event(99, "NOTE")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> built.timeline().set(0, event(99, "NOTE")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(base.timeline()).hasSize(1);
    }

    @Test
    @DisplayName("builds on a built timeline, and leaves the base timeline as it was")
    void buildsOnBuilt() {
        IncidentRecord first = record().changes().append(event(1, "NOTE")).build();
        IncidentRecord second = first.changes().append(event(2, "NOTE")).append(event(3, "NOTE")).build();

        assertThat(first.timeline()).extracting(e -> e.kind().name()).containsExactly("TRIGGERED", "NOTE");
        assertThat(second.timeline()).extracting(e -> e.at().getEpochSecond() - T0.getEpochSecond())
                .containsExactly(0L, 1L, 2L, 3L);
        assertThat(first.withVersion(9).timeline()).isSameAs(first.timeline());
    }

    @Test
    @DisplayName("a builder given no event keeps the base timeline, and refuses a null event")
    void noEvent() {
        IncidentRecord base = record();
        assertThat(base.changes().status(IncidentRecord.Status.ACKNOWLEDGED).build().timeline()).isSameAs(base.timeline());
        assertThatThrownBy(() -> base.changes().append(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    @DisplayName("a newly opened incident is version 0, triggered, before level 1, with one alert and one TRIGGERED row")
    void opened() {
        EscalationPolicy policy = EscalationPolicy.named("Backend")
                .level(1, Duration.ofMinutes(15), Target.person("Alice")).build();
        IncidentRecord.Origin origin = IncidentRecord.Origin.of("k", "payments", "DB down", "SEV-2");
        IncidentRecord r = IncidentRecord.opened("i1", origin, policy, T0);
        assertThat(r.version()).isZero();
        assertThat(r.status()).isEqualTo(IncidentRecord.Status.TRIGGERED);
        assertThat(r.isOpen()).isTrue();
        assertThat(List.of(r.level(), r.pass(), r.roundStartPass())).containsExactly(0, 1, 1);
        assertThat(r.alertCount()).isEqualTo(1);
        assertThat(r.triggeredAt()).isEqualTo(T0);
        assertThat(r.lastSeenAt()).isEqualTo(T0);
        assertThat(r.nextDueAt()).isNull();
        assertThat(r.timeline()).containsExactly(IncidentRecord.Event.of(T0, "payments",
                IncidentRecord.EventKind.TRIGGERED, "SEV-2 DB down"));
        assertThat(r.highUrgency()).isTrue();
        assertThat(r.labels()).isEmpty();
        assertThat(r.annotations()).isEmpty();
    }

    @Test
    @DisplayName("a row earlier than the last is appended at the last row's instant, so the timeline stays ordered")
    void appendKeepsOrder() {
        IncidentRecord.Changes b = record().changes();
        b.append(event(10, "NOTE"));
        b.append(IncidentRecord.Event.note(T0.plusSeconds(5), "Alice", "late"));
        assertThat(b.build().timeline()).extracting(e -> e.at().getEpochSecond() - T0.getEpochSecond())
                .containsExactly(0L, 10L, 10L);
        assertThat(b.build().timeline().get(2).detail()).isEqualTo("late");
    }

    @Test
    @DisplayName("row factories fill only what their kind has; only claims and withdrawn claims are bookkeeping")
    void rowFactories() {
        IncidentRecord.Event page = IncidentRecord.Event.page(T0, "incident4j", IncidentRecord.EventKind.PAGE_DELIVERED,
                "Alice", 2, 1, "SecOps", null);
        assertThat(page).isEqualTo(new IncidentRecord.Event(T0, "incident4j", IncidentRecord.EventKind.PAGE_DELIVERED,
                "Alice", 2, 1, "SecOps", null));
        assertThat(IncidentRecord.Event.step(T0, "incident4j", IncidentRecord.EventKind.ESCALATED, 2, 1, "why"))
                .isEqualTo(new IncidentRecord.Event(T0, "incident4j", IncidentRecord.EventKind.ESCALATED, null, 2, 1,
                        null, "why"));
        assertThatThrownBy(() -> IncidentRecord.Event.page(T0, "x", IncidentRecord.EventKind.PAGE_FAILED, null, 1, 1,
                null, null)).isInstanceOf(NullPointerException.class);
        assertThat(java.util.Arrays.stream(IncidentRecord.EventKind.values())
                .filter(IncidentRecord.EventKind::isBookkeeping))
                .containsExactly(IncidentRecord.EventKind.PAGE_PENDING, IncidentRecord.EventKind.PAGE_UNSENT);
        assertThat(IncidentRecord.Status.RESOLVED.isOpen()).isFalse();
        assertThat(IncidentRecord.Status.ACKNOWLEDGED.isOpen()).isTrue();
    }
}
