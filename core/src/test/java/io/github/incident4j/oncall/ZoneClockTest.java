package io.github.incident4j.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

@Label("ZoneClock agrees with java.time")
class ZoneClockTest {

    @Provide
    Arbitrary<ZoneId> zones() {
        return Arbitraries.of(ScheduleArbitraries.ZONES);
    }

    /** Seconds from 1960 to 2210, dense around DST changes of 2026 too. */
    @Provide
    Arbitrary<Long> seconds() {
        long from = LocalDateTime.of(1960, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
        long to = LocalDateTime.of(2210, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
        long march = Instant.parse("2026-03-29T01:00:00Z").getEpochSecond();
        long october = Instant.parse("2026-10-25T01:00:00Z").getEpochSecond();
        return Arbitraries.oneOf(Arbitraries.longs().between(from, to),
                Arbitraries.longs().between(march - 3 * 86_400, march + 3 * 86_400),
                Arbitraries.longs().between(october - 3 * 86_400, october + 3 * 86_400));
    }

    @Property(tries = 2000)
    @Label("offsets and wall-clock readings of an instant are those of ZoneRules")
    void offsets(@ForAll("zones") ZoneId zone, @ForAll("seconds") long s) {
        ZoneClock clock = ZoneClock.of(zone);
        int expected = zone.getRules().getOffset(Instant.ofEpochSecond(s)).getTotalSeconds();
        assertThat(clock.offsetAt(s)).isEqualTo(expected);
        assertThat(clock.local(s)).isEqualTo(s + expected);
        long deep = clock.deepLocal(s);
        if (deep != ZoneClock.NOT_DEEP) {
            assertThat(deep).isEqualTo(s + expected);
        }
    }

    @Property(tries = 2000)
    @Label("a reading maps to its instant, the earlier one in an overlap and the transition in a gap")
    void instants(@ForAll("zones") ZoneId zone, @ForAll("seconds") long localSeconds) {
        LocalDateTime ldt = LocalDateTime.ofEpochSecond(localSeconds, 0, ZoneOffset.UTC);
        ZoneOffsetTransition t = zone.getRules().getTransition(ldt);
        long expected;
        if (t == null) {
            expected = ldt.atZone(zone).toEpochSecond();
        } else if (t.isGap()) {
            expected = t.toEpochSecond();
        } else {
            expected = ldt.toEpochSecond(t.getOffsetBefore());
        }
        ZoneClock clock = ZoneClock.of(zone);
        assertThat(clock.instant(localSeconds)).isEqualTo(expected);
        assertThat(clock.instant(localSeconds + 1)).isGreaterThanOrEqualTo(expected);
    }

    @Property(tries = 300)
    @Label("a reader walking readings, mostly forward, maps each as instant() does, across DST changes")
    void readerAgreesWithInstant(@ForAll("zones") ZoneId zone, @ForAll("seconds") long first,
                                 @ForAll @Size(max = 200) List<@LongRange(min = -86_400, max = 3 * 86_400) Long> steps) {
        ZoneClock clock = ZoneClock.of(zone);
        ZoneClock.Reader reader = clock.new Reader();
        long local = first;
        for (long step : steps) {
            local += step;
            assertThat(reader.instant(local)).as("reading %d", local).isEqualTo(clock.instant(local));
        }
    }
}
