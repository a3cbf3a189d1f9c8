package io.github.incident4j.examples.bench;

import io.github.incident4j.oncall.Layer;
import io.github.incident4j.oncall.ScheduleOverride;
import io.github.incident4j.oncall.Restriction;
import io.github.incident4j.oncall.Schedule;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The schedule of benchmarks 1 and 2, described once and built twice: as an incident4j {@link Schedule} and as
 * iCalendar events ({@link IcalSchedule}).
 *
 * <p>A realistic schedule in UTC, lowest priority first: a weekly primary layer of six people (handoff Monday
 * 09:00); a daily secondary layer of four restricted to nights (20:00 to 08:00); three follow-the-sun regional
 * layers of three people each, weekly in their own zones (Asia/Tokyo, Europe/London, America/Los_Angeles)
 * and restricted to local working hours (Monday to Friday, 09:00 to 17:00, local time across DST); and
 * {@value #OVERRIDES} overrides of one hour to three days, starting anywhere in the two years around the
 * rotation start (2024-01-01), each by one of the people of the schedule or a stand-in. Lookups are at
 * {@value #QUERIES} instants drawn uniformly within two years either side of the rotation start. Everything
 * random is seeded.
 */
final class OnCallFixture {

    static final Instant ROTATION_START = Instant.parse("2024-01-01T09:00:00Z");
    static final Instant EARLIEST = ROTATION_START.minus(Duration.ofDays(731));
    static final Instant LATEST = ROTATION_START.plus(Duration.ofDays(731));
    static final int OVERRIDES = 1_000;
    static final int QUERIES = 1 << 14;
    static final long SEED = 9_2024L;

    /**
     * One layer: people taking weekly or daily turns from {@code rotationStart} (local, in {@code zone}), on duty
     * only in a daily window ({@code windowStart} for {@code windowLength}) on {@code days}, or throughout the
     * turn when {@code windowStart} is null.
     */
    record LayerSpec(String name, List<String> people, int turnDays, ZoneId zone, LocalDateTime rotationStart,
            @org.jspecify.annotations.Nullable LocalTime windowStart, Duration windowLength, Set<DayOfWeek> days) {
    }

    /** An override: {@code who} from {@code from} until {@code until} (exclusive). */
    record OverrideSpec(String who, Instant from, Instant until) {
    }

    static final LocalDateTime START_LOCAL = LocalDateTime.of(2024, 1, 1, 9, 0);
    static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

    static List<LayerSpec> layers() {
        return List.of(
                new LayerSpec("primary", List.of("ana", "ben", "chen", "dara", "eli", "fay"), 7, ZoneOffset.UTC,
                        START_LOCAL, null, Duration.ZERO, EnumSet.allOf(DayOfWeek.class)),
                new LayerSpec("nights", List.of("gus", "hana", "ivan", "jo"), 1, ZoneOffset.UTC, START_LOCAL,
                        LocalTime.of(20, 0), Duration.ofHours(12), EnumSet.allOf(DayOfWeek.class)),
                new LayerSpec("apac", List.of("kenji", "lin", "mei"), 7, ZoneId.of("Asia/Tokyo"), START_LOCAL,
                        LocalTime.of(9, 0), Duration.ofHours(8), WEEKDAYS),
                new LayerSpec("emea", List.of("nora", "otto", "pia"), 7, ZoneId.of("Europe/London"), START_LOCAL,
                        LocalTime.of(9, 0), Duration.ofHours(8), WEEKDAYS),
                new LayerSpec("amer", List.of("quinn", "rosa", "sam"), 7, ZoneId.of("America/Los_Angeles"),
                        START_LOCAL, LocalTime.of(9, 0), Duration.ofHours(8), WEEKDAYS));
    }

    static List<OverrideSpec> overrides() {
        SplittableRandom random = new SplittableRandom(SEED);
        List<String> people = new ArrayList<>();
        layers().forEach(l -> people.addAll(l.people()));
        people.add("standin");
        long span = Duration.ofDays(730).toMinutes();
        Instant first = ROTATION_START.minus(Duration.ofDays(365));
        List<OverrideSpec> result = new ArrayList<>(OVERRIDES);
        for (int i = 0; i < OVERRIDES; i++) {
            Instant from = first.plus(Duration.ofMinutes(random.nextLong(span)));
            Duration length = Duration.ofMinutes(60 + random.nextLong(72 * 60 - 60));
            result.add(new OverrideSpec(people.get(random.nextInt(people.size())), from, from.plus(length)));
        }
        return result;
    }

    /** Instants uniformly within two years either side of the rotation start, to the second. */
    static Instant[] queries(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long span = LATEST.getEpochSecond() - EARLIEST.getEpochSecond();
        Instant[] result = new Instant[n];
        for (int i = 0; i < n; i++) {
            result[i] = EARLIEST.plusSeconds(random.nextLong(span));
        }
        return result;
    }

    /** The schedule as incident4j models it. */
    static Schedule schedule() {
        Schedule.Builder b = Schedule.named("Backend On-Call").zone(ZoneOffset.UTC);
        for (LayerSpec spec : layers()) {
            Layer.Builder layer = Layer.of(spec.people().toArray(new String[0])).name(spec.name())
                    .turnLength(Duration.ofDays(spec.turnDays())).rotationStart(spec.rotationStart())
                    .zone(spec.zone());
            if (spec.windowStart() != null) {
                LocalTime start = spec.windowStart();
                LocalTime end = start.plus(spec.windowLength());
                if (spec.days().size() == 7) {
                    layer.restrictTo(Restriction.daily(start, end));
                } else {
                    layer.restrictTo(spec.days().stream().map(d -> Restriction.weekly(d, start, d, end))
                            .toArray(Restriction[]::new));
                }
            }
            b.layer(layer.build());
        }
        for (OverrideSpec o : overrides()) {
            b.override(ScheduleOverride.of(o.who(), o.from(), o.until()));
        }
        return b.build();
    }

    /** The schedule as iCalendar events. */
    static IcalSchedule ical() {
        return new IcalSchedule(layers(), overrides(), EARLIEST.minus(Duration.ofDays(30)));
    }
}
