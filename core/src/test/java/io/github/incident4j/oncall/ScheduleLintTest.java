package io.github.incident4j.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.common.Finding;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Schedule lint")
class ScheduleLintTest {

    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");

    private static Schedule healthy() {
        return Schedule.named("Healthy").zone(ZoneId.of("Europe/Berlin"))
                .layer(Layer.of("Alice", "Bob", "Carol").weekly())
                .build();
    }

    private static List<String> codes(Schedule s) {
        return ScheduleLint.check(s, NOW).stream().map(Finding::code).toList();
    }

    @Test
    @DisplayName("finds nothing in a weekly rotation of three people with full coverage")
    void healthyIsClean() {
        assertThat(ScheduleLint.check(healthy(), NOW)).isEmpty();
    }

    @Test
    @DisplayName("warns about turns longer than one week, at the layer's turn length")
    void turnTooLong() {
        Schedule s = healthy().toBuilder().layers(List.of(Layer.of("A", "B").turnLength(Duration.ofDays(14)).build())).build();
        assertThat(ScheduleLint.check(s, NOW)).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("oncall.turn-too-long");
            assertThat(f.level()).isEqualTo(Finding.Level.WARNING);
            assertThat(f.location()).isEqualTo("schedule.layers[0].turn_length");
        });
        Schedule week = healthy().toBuilder().layers(List.of(Layer.of("A", "B").turnLength(Duration.ofDays(7)).build())).build();
        assertThat(codes(week)).doesNotContain("oncall.turn-too-long");
    }

    @Test
    @DisplayName("warns about fewer than two people in a rotation")
    void tooFewParticipants() {
        assertThat(codes(healthy().toBuilder().layers(List.of(Layer.of("A").build())).build()))
                .containsExactly("oncall.too-few-participants");
        assertThat(codes(healthy().toBuilder().layers(List.of(Layer.of("A", "B").build())).build()))
                .doesNotContain("oncall.too-few-participants");
    }

    @Test
    @DisplayName("warns about gaps in the next four weeks, and only those")
    void gaps() {
        Schedule gappy = healthy().toBuilder().layers(List.of(Layer.of("A", "B")
                .restrictTo(Restriction.daily(LocalTime.of(9, 0), LocalTime.of(17, 0))).build())).build();
        List<Finding> findings = ScheduleLint.check(gappy, NOW);
        assertThat(findings).extracting(Finding::code).containsExactly("oncall.coverage-gap");
        assertThat(findings.get(0).message()).contains("29 gap(s)", "first from 2026-03-01T00:00:00Z to 2026-03-01T08:00:00Z");
        Schedule endsLater = healthy().toBuilder().layers(List.of(Layer.of("A", "B")
                .endingAt(NOW.plus(Duration.ofDays(29))).build())).build();
        assertThat(codes(endsLater)).doesNotContain("oncall.coverage-gap");
        Schedule endsSooner = healthy().toBuilder().layers(List.of(Layer.of("A", "B")
                .endingAt(NOW.plus(Duration.ofDays(27))).build())).build();
        assertThat(codes(endsSooner)).contains("oncall.coverage-gap");
    }

    @Test
    @DisplayName("warns about a participant listed twice in a layer, at the second listing")
    void duplicate() {
        Schedule s = healthy().toBuilder().layers(List.of(Layer.of("A", "B", "A").build())).build();
        assertThat(ScheduleLint.check(s, NOW)).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("oncall.duplicate-participant");
            assertThat(f.location()).isEqualTo("schedule.layers[0].participants[2]");
        });
        assertThat(codes(healthy())).doesNotContain("oncall.duplicate-participant");
    }

    @Test
    @DisplayName("warns about a team 8 or more hours apart without follow-the-sun layers")
    void followTheSun() {
        Participant berlin = Participant.named("Anna").withZone(ZoneId.of("Europe/Berlin"));
        Participant sf = Participant.named("Sam").withZone(ZoneId.of("America/Los_Angeles"));
        Schedule global = healthy().toBuilder().layers(List.of(Layer.of(List.of(berlin, sf)).build())).build();
        assertThat(codes(global)).containsExactly("oncall.needs-follow-the-sun");

        Participant berlin2 = Participant.named("Ben").withZone(ZoneId.of("Europe/Berlin"));
        Participant sf2 = Participant.named("Sue").withZone(ZoneId.of("America/Los_Angeles"));
        Schedule sun = healthy().toBuilder().layers(List.of(
                Layer.of(List.of(berlin, berlin2)).zone(ZoneId.of("Europe/Berlin"))
                        .restrictTo(Restriction.daily(LocalTime.of(6, 0), LocalTime.of(18, 0))).build(),
                Layer.of(List.of(sf, sf2)).zone(ZoneId.of("America/Los_Angeles"))
                        .restrictTo(Restriction.daily(LocalTime.of(9, 0), LocalTime.of(21, 0))).build())).build();
        assertThat(codes(sun)).doesNotContain("oncall.needs-follow-the-sun");

        Participant london = Participant.named("Lou").withZone(ZoneId.of("Europe/London"));
        Schedule near = healthy().toBuilder().layers(List.of(Layer.of(List.of(berlin, london)).build())).build();
        assertThat(codes(near)).doesNotContain("oncall.needs-follow-the-sun");
    }

    @Test
    @DisplayName("reports an override that ends before it starts as an error, and one entirely in the past")
    void overrides() {
        Schedule s = healthy().toBuilder()
                .override(ScheduleOverride.of("X", NOW.plusSeconds(3600), NOW))
                .override(ScheduleOverride.of("Y", NOW.minus(Duration.ofDays(3)), NOW.minus(Duration.ofDays(2))))
                .override(ScheduleOverride.of("Z", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1))))
                .build();
        List<Finding> findings = ScheduleLint.check(s, NOW);
        assertThat(findings).extracting(Finding::code, Finding::level, Finding::location).containsExactly(
                org.assertj.core.groups.Tuple.tuple("oncall.override-inverted", Finding.Level.ERROR, "schedule.overrides[0]"),
                org.assertj.core.groups.Tuple.tuple("oncall.override-in-past", Finding.Level.INFO, "schedule.overrides[1]"));
    }

    @Test
    @DisplayName("lints the seed-style rotation anchored in 2024 without findings")
    void seedStyle() {
        Schedule s = Schedule.named("Backend On-Call")
                .layer(Layer.of("Alice", "Bob", "Carol").rotationStart(LocalDateTime.of(2024, 1, 1, 9, 0)))
                .build();
        assertThat(ScheduleLint.check(s, NOW)).isEmpty();
    }

    @Test
    @DisplayName("warns where a participant's escalation delay disagrees with the timeout of a level paging the on-call,"
            + " and not where they agree (the seed's 15m and 15m)")
    void delayDisagreesWithTimeout() {
        Schedule s = Schedule.named("Backend On-Call").zone(ZoneId.of("UTC"))
                .layer(Layer.of(List.of(Participant.named("Alice").withEscalationDelay(Duration.ofMinutes(15)),
                        Participant.named("Bob"), Participant.named("Carol").withEscalationDelay(Duration.ofSeconds(5))))
                        .weekly())
                .build();
        io.github.incident4j.escalation.EscalationPolicy policy = io.github.incident4j.escalation.EscalationPolicy
                .named("Backend")
                .level(1, Duration.ofSeconds(5), io.github.incident4j.escalation.Target.onCall("Backend On-Call"))
                .level(2, Duration.ofMinutes(30), io.github.incident4j.escalation.Target.role("engineering_lead"))
                .build();
        List<Finding> findings = ScheduleLint.check(OnCallConfig.of(s, policy), NOW).stream()
                .filter(f -> f.code().equals("oncall.delay-differs-from-timeout")).toList();
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.level()).isEqualTo(Finding.Level.WARNING);
            assertThat(f.location()).isEqualTo("schedule.layers[0].participants[0].escalation_delay");
            assertThat(f.message()).contains("Alice's escalation_delay 15m replaces level 1's timeout 5s");
        });
        io.github.incident4j.escalation.EscalationPolicy agreeing = io.github.incident4j.escalation.EscalationPolicy
                .named("Backend")
                .level(1, Duration.ofMinutes(15), io.github.incident4j.escalation.Target.onCall("Backend On-Call"))
                .level(2, Duration.ofMinutes(30), io.github.incident4j.escalation.Target.role("engineering_lead"))
                .build();
        assertThat(ScheduleLint.check(OnCallConfig.of(s, agreeing), NOW))
                .filteredOn(f -> f.code().equals("oncall.delay-differs-from-timeout"))
                .extracting(Finding::location).containsExactly("schedule.layers[0].participants[2].escalation_delay");
    }
}
