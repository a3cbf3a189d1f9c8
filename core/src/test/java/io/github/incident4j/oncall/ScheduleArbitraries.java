package io.github.incident4j.oncall;

import io.github.incident4j.escalation.EscalationLevel;
import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.escalation.Target;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators of schedules and configs for properties, in zones with DST changes (also half-hour ones). */
public final class ScheduleArbitraries {

    /** Zones with and without DST, one with a 30-minute change. */
    public static final List<ZoneId> ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("Europe/Berlin"),
            ZoneId.of("America/New_York"), ZoneId.of("Asia/Kolkata"), ZoneId.of("Australia/Lord_Howe"),
            ZoneId.of("America/Santiago"));
    /** Names participants are drawn from. */
    public static final List<String> NAMES = List.of("Alice", "Bob", "Carol", "Dave", "Erin", "Frank");
    /** Around 2026: the instants ranges and overrides are drawn from. */
    public static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

    private ScheduleArbitraries() {
    }

    /** A zone. */
    public static Arbitrary<ZoneId> zones() {
        return Arbitraries.of(ZONES);
    }

    /** An instant within about two years of 2026-01-01 to the second, now and then centuries away. */
    public static Arbitrary<Instant> instants() {
        Arbitrary<Instant> near = Arbitraries.longs().between(-200L * 86_400, 600L * 86_400).map(EPOCH::plusSeconds);
        Arbitrary<Instant> far = Arbitraries.longs().between(-80L * 365 * 86_400, 400L * 365 * 86_400)
                .map(EPOCH::plusSeconds);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(9, near), net.jqwik.api.Tuple.of(1, far));
    }

    /** The length of a range to resolve: a second to forty days. */
    public static Arbitrary<Duration> spans() {
        return Arbitraries.longs().between(1, 40L * 86_400).map(Duration::ofSeconds);
    }

    /** A local date-time within two years of 2026, to the minute. */
    static Arbitrary<LocalDateTime> localDateTimes() {
        return Arbitraries.longs().between(-400L * 1440, 400L * 1440)
                .map(m -> LocalDateTime.of(2026, 1, 1, 0, 0).plusMinutes(m));
    }

    static Arbitrary<LocalTime> times() {
        return Arbitraries.integers().between(0, 24 * 4 - 1).map(q -> LocalTime.of(q / 4, (q % 4) * 15));
    }

    static Arbitrary<Restriction> restrictions() {
        Arbitrary<Restriction> daily = Combinators.combine(times(), times()).filter((a, b) -> !a.equals(b))
                .as(Restriction::daily);
        Arbitrary<Restriction> weekly = Combinators.combine(Arbitraries.of(DayOfWeek.class), times(),
                        Arbitraries.of(DayOfWeek.class), times())
                .filter((d1, t1, d2, t2) -> d1 != d2 || !t1.equals(t2))
                .as(Restriction::weekly);
        return Arbitraries.oneOf(daily, weekly);
    }

    static Arbitrary<Participant> participants() {
        return Combinators.combine(Arbitraries.of(NAMES),
                        Arbitraries.of(Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1)).optional(0.5),
                        zones().optional(0.3))
                .as(Participant::new);
    }

    /** Turn lengths: daily, weekly, and custom ones. */
    public static Arbitrary<Duration> turnLengths() {
        return Arbitraries.of(Duration.ofDays(1), Duration.ofDays(7), Duration.ofHours(12), Duration.ofDays(14),
                Duration.ofHours(8).plusMinutes(30), Duration.ofMinutes(90));
    }

    /** A layer of 1-4 participants, with optional zone, bounds and restrictions. */
    public static Arbitrary<Layer> layers() {
        Arbitrary<List<Participant>> people = participants().list().ofMinSize(1).ofMaxSize(4);
        Arbitrary<Optional<Instant>> starts = instants().optional(0.3);
        Arbitrary<Optional<Duration>> spans = Arbitraries.longs().between(3_600, 120L * 86_400)
                .map(Duration::ofSeconds).optional(0.3);
        return Combinators.combine(Arbitraries.of("Primary", "Secondary", "EU", "US").optional(0.5), people,
                        turnLengths(), localDateTimes(), zones().optional(0.4), starts, spans,
                        restrictions().list().ofMaxSize(2).injectDuplicates(0).withoutEdgeCases())
                .as((name, ps, turn, anchor, zone, start, span, windows) -> new Layer(name, ps, turn, anchor, zone, start,
                        start.flatMap(s -> span.map(s::plus)), windows));
    }

    /** An override, sometimes limited to a replaced person. */
    public static Arbitrary<ScheduleOverride> overrides() {
        return Combinators.combine(Arbitraries.of(NAMES), instants(),
                        Arbitraries.longs().between(60, 20L * 86_400), Arbitraries.of(NAMES).optional(0.4),
                        Arbitraries.of("vacation", "swap", "conference").optional(0.5))
                .as((who, from, len, replaces, reason) -> new ScheduleOverride(who, from, from.plusSeconds(len), replaces, reason));
    }

    /** A schedule of 1-3 layers and 0-4 overrides. */
    public static Arbitrary<Schedule> schedules() {
        return Combinators.combine(Arbitraries.of("Backend On-Call", "Payments", "SRE"), zones(),
                        layers().list().ofMinSize(1).ofMaxSize(3), overrides().list().ofMaxSize(4))
                .as((name, zone, layers, overrides) -> Schedule.named(name).zone(zone).layers(layers)
                        .overrides(overrides).build());
    }

    /** A config: a schedule and a policy of 1-3 levels with all kinds of target. */
    public static Arbitrary<OnCallConfig> configs() {
        return schedules().flatMap(schedule -> policies(schedule.name()).map(p -> OnCallConfig.of(schedule, p)));
    }

    static Arbitrary<EscalationPolicy> policies(String scheduleName) {
        Arbitrary<Target> targets = Arbitraries.oneOf(Arbitraries.just(Target.onCall(scheduleName)),
                Arbitraries.of("Other Schedule", "current_on_call").map(Target::onCall),
                Arbitraries.of(NAMES).map(Target::person),
                Arbitraries.of("engineering_lead", "vp_engineering", "current_on_call").map(Target::role));
        Arbitrary<List<List<Target>>> levelTargets = targets.list().ofMinSize(1).ofMaxSize(2).list().ofMinSize(1).ofMaxSize(3);
        Arbitrary<Optional<Duration>> timeouts = Arbitraries.of(Duration.ofMinutes(5), Duration.ofMinutes(15),
                Duration.ofHours(1).plusMinutes(30)).optional(0.8);
        return Combinators.combine(levelTargets, timeouts.list().ofSize(3), Arbitraries.integers().between(0, 3),
                        Arbitraries.of(Duration.ofHours(4)).optional(0.3), Arbitraries.of(scheduleName, "Backend Policy"))
                .as((lts, tos, repeat, ack, name) -> {
                    List<EscalationLevel> levels = new ArrayList<>();
                    for (int i = 0; i < lts.size(); i++) {
                        Optional<Duration> timeout = i == lts.size() - 1 && repeat > 0 ? Optional.of(Duration.ofMinutes(30)) : tos.get(i);
                        levels.add(new EscalationLevel(i + 1, lts.get(i), timeout));
                    }
                    return new EscalationPolicy(name, levels, repeat, ack);
                });
    }
}
