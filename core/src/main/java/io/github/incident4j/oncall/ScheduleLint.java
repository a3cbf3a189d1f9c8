package io.github.incident4j.oncall;

import io.github.incident4j.common.Durations;
import io.github.incident4j.common.Finding;
import io.github.incident4j.escalation.EscalationLevel;
import io.github.incident4j.escalation.Target;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the on-call best practices written in the seed rotation ("maximum 1 week rotation, minimum 2
 * people", "follow-the-sun for global teams") into {@link Finding}s, each located by a config path such as
 * {@code schedule.layers[0].participants[2]}:
 * <ul>
 *   <li>{@code oncall.turn-too-long} (warning): a layer's turns last longer than one week;</li>
 *   <li>{@code oncall.too-few-participants} (warning): a layer rotates fewer than two distinct people;</li>
 *   <li>{@code oncall.coverage-gap} (warning): nobody is on call somewhere in the 4 weeks after {@code now};</li>
 *   <li>{@code oncall.duplicate-participant} (warning): a person is listed twice in one layer;</li>
 *   <li>{@code oncall.needs-follow-the-sun} (warning): the team spans zones 8 or more hours apart but the
 *       schedule has no follow-the-sun layers (two or more layers with their own zones and restrictions);</li>
 *   <li>{@code oncall.override-inverted} (error): an override ends before or when it starts;</li>
 *   <li>{@code oncall.override-in-past} (info): an override lies entirely before {@code now};</li>
 *   <li>{@code oncall.delay-differs-from-timeout} (warning, for a whole {@link OnCallConfig}): a participant's
 *       {@code escalation_delay} differs from the timeout of a level that pages the schedule's on-call, which it
 *       replaces when that participant is paged.</li>
 * </ul>
 * Time is passed in, never read: the same schedule and instant always give the same findings.
 *
 * <pre>{@code
 * List<Finding> findings = ScheduleLint.check(schedule, clock.instant());
 * }</pre>
 */
public final class ScheduleLint {

    /** How far ahead coverage is checked. */
    public static final Duration LOOKAHEAD = Duration.ofDays(28);
    /** Longest turn the practices allow. */
    public static final Duration MAX_TURN = Duration.ofDays(7);
    /** Spread of zones from which a team needs follow-the-sun layers. */
    public static final Duration FOLLOW_THE_SUN_SPREAD = Duration.ofHours(8);

    private ScheduleLint() {
    }

    /**
     * Lints the schedule of a config, and where its escalation policy pages the schedule's on-call, every
     * participant whose {@code escalation_delay} disagrees with that level's timeout ({@code
     * oncall.delay-differs-from-timeout}, a warning: the delay replaces the timeout when that participant is paged,
     * see {@code Roster.ParticipantDelay}).
     */
    public static List<Finding> check(OnCallConfig config, Instant now) {
        List<Finding> findings = new ArrayList<>(check(config.schedule(), now));
        checkDelays(config, findings);
        return List.copyOf(findings);
    }

    private static void checkDelays(OnCallConfig config, List<Finding> findings) {
        Schedule schedule = config.schedule();
        for (EscalationLevel level : config.escalationPolicy().levels()) {
            boolean pagesOnCall = level.targets().stream()
                    .anyMatch(t -> t instanceof Target.OnCall o && o.schedule().equals(schedule.name()));
            if (!pagesOnCall) {
                continue;
            }
            for (int i = 0; i < schedule.layers().size(); i++) {
                List<Participant> people = schedule.layers().get(i).participants();
                for (int j = 0; j < people.size(); j++) {
                    Participant p = people.get(j);
                    Duration delay = p.escalationDelay().orElse(null);
                    if (delay == null || delay.equals(level.timeout().orElse(null))) {
                        continue;
                    }
                    findings.add(Finding.warning("oncall.delay-differs-from-timeout", p.name() + "'s escalation_delay "
                            + Durations.format(delay) + " replaces level " + level.number() + "'s "
                            + level.timeout().map(t -> "timeout " + Durations.format(t)).orElse("lack of a timeout")
                            + " whenever " + p.name() + " is paged as the on-call of '" + schedule.name()
                            + "'; make them agree, or drop the delay", "schedule.layers[" + i + "].participants[" + j
                            + "].escalation_delay"));
                }
            }
        }
    }

    /** Lints a schedule as of {@code now}. */
    public static List<Finding> check(Schedule schedule, Instant now) {
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < schedule.layers().size(); i++) {
            checkLayer(schedule.layers().get(i), "schedule.layers[" + i + "]", findings);
        }
        checkCoverage(schedule, now, findings);
        checkZones(schedule, now, findings);
        for (int i = 0; i < schedule.overrides().size(); i++) {
            checkOverride(schedule.overrides().get(i), "schedule.overrides[" + i + "]", now, findings);
        }
        return List.copyOf(findings);
    }

    private static void checkLayer(Layer layer, String path, List<Finding> findings) {
        if (layer.turnLength().compareTo(MAX_TURN) > 0) {
            findings.add(Finding.warning("oncall.turn-too-long", "turns of " + describe(layer.turnLength())
                    + " are longer than one week; keep rotations to a week at most", path + ".turn_length"));
        }
        Map<String, Integer> firstSeen = new HashMap<>();
        for (int j = 0; j < layer.participants().size(); j++) {
            String name = layer.participants().get(j).name();
            Integer first = firstSeen.putIfAbsent(name, j);
            if (first != null) {
                findings.add(Finding.warning("oncall.duplicate-participant", name + " is listed twice (also at position "
                        + (first + 1) + "), which gives them more turns than the others", path + ".participants[" + j + "]"));
            }
        }
        if (firstSeen.size() < 2) {
            findings.add(Finding.warning("oncall.too-few-participants", "the rotation has " + firstSeen.size()
                    + " person; rotate at least two people so nobody is on call all the time", path + ".participants"));
        }
    }

    private static void checkCoverage(Schedule schedule, Instant now, List<Finding> findings) {
        List<Gap> gaps = schedule.gaps(now, now.plus(LOOKAHEAD));
        if (!gaps.isEmpty()) {
            Duration total = gaps.stream().map(Gap::duration).reduce(Duration.ZERO, Duration::plus);
            Gap first = gaps.get(0);
            findings.add(Finding.warning("oncall.coverage-gap", gaps.size() + " gap(s) with nobody on call in the 4 weeks from "
                    + now + ", " + describe(total) + " in all; the first from " + first.start() + " to " + first.end(),
                    "schedule"));
        }
    }

    private static void checkZones(Schedule schedule, Instant now, List<Finding> findings) {
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        Set<ZoneId> zones = new HashSet<>();
        for (Layer layer : schedule.layers()) {
            for (Participant p : layer.participants()) {
                ZoneId zone = p.zone().orElse(layer.effectiveZone(schedule.zone()));
                zones.add(zone);
                int offset = zone.getRules().getOffset(now).getTotalSeconds();
                min = Math.min(min, offset);
                max = Math.max(max, offset);
            }
        }
        if (zones.isEmpty() || max - min < FOLLOW_THE_SUN_SPREAD.getSeconds()) {
            return;
        }
        Set<ZoneId> regional = new HashSet<>();
        for (Layer layer : schedule.layers()) {
            if (layer.zone().isPresent() && !layer.restrictions().isEmpty()) {
                regional.add(layer.zone().get());
            }
        }
        if (regional.size() < 2) {
            findings.add(Finding.warning("oncall.needs-follow-the-sun", "the team spans time zones "
                    + describe(Duration.ofSeconds(max - min)) + " apart " + zones.stream().map(ZoneId::getId).sorted().toList()
                    + " without follow-the-sun layers; give each region a layer in its own zone restricted to its working hours",
                    "schedule.layers"));
        }
    }

    private static void checkOverride(ScheduleOverride o, String path, Instant now, List<Finding> findings) {
        if (!o.until().isAfter(o.from())) {
            findings.add(Finding.error("oncall.override-inverted", "the override for " + o.who() + " ends at " + o.until()
                    + ", not after it starts at " + o.from() + ", so it covers nothing", path));
        } else if (!o.until().isAfter(now)) {
            findings.add(Finding.info("oncall.override-in-past", "the override for " + o.who() + " ended at " + o.until()
                    + ", before " + now + "; remove it", path));
        }
    }

    private static String describe(Duration d) {
        return Durations.format(d.withNanos(0));
    }
}
