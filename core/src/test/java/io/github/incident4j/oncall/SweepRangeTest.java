package io.github.incident4j.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

@Label("The offsets of a sweep's range")
class SweepRangeTest {

    private static final Instant FROM = Instant.parse("2024-01-01T09:00:00.250Z");
    private static final Instant TO = FROM.plusSeconds(1_000_000);

    @Property(tries = 300)
    @Label("map an instant near the range to nanoseconds after its start and back, clamped at its end")
    void offsetsRoundTrip(@ForAll @IntRange(min = 0, max = 999_999_999) int nano,
                          @ForAll @LongRange(min = -2_000_000, max = 2_000_000) long second) {
        SweepRange range = new SweepRange(FROM, TO);
        Instant t = Instant.ofEpochSecond(FROM.getEpochSecond() + second, nano);
        long offset = range.clampedOffset(t);
        if (t.isBefore(TO)) {
            assertThat(offset).isEqualTo(range.offset(t.getEpochSecond(), t.getNano()));
            assertThat(range.instant(offset)).isEqualTo(t);
            assertThat(Long.signum(offset)).isEqualTo(t.compareTo(FROM) == 0 ? 0 : Integer.signum(t.compareTo(FROM)));
        } else {
            assertThat(offset).isEqualTo(range.span());
        }
        assertThat(range.instant(range.span())).isEqualTo(TO);
    }

    @Property(tries = 50)
    @Label("clamp an instant far outside the range without overflowing")
    void farInstantsAreClamped(@ForAll @IntRange(min = 0, max = 999_999_999) int nano) {
        SweepRange range = new SweepRange(FROM, TO);
        assertThat(range.clampedOffset(Instant.MAX.getEpochSecond(), nano)).isEqualTo(range.span());
        assertThat(range.clampedOffset(Instant.MIN.getEpochSecond(), nano)).isEqualTo(-1);
        assertThat(range.clampedOffset(Instant.MAX)).isEqualTo(range.span());
    }
}
