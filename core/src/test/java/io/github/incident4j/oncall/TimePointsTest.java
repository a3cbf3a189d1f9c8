package io.github.incident4j.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

@Label("The change points of a sweep")
class TimePointsTest {

    private static final Instant FROM = Instant.parse("2024-01-01T09:00:00.250Z");
    private static final Instant TO = FROM.plusSeconds(1_000_000);

    @Property(tries = 300)
    @Label("are the distinct seconds strictly inside the range, ascending, however many runs they were added in")
    void sortedDistinctInside(@ForAll @Size(max = 40) List<@Size(max = 60) List<@LongRange(min = -1000, max = 1_001_000) Long>> runs,
                              @ForAll boolean ascendingRuns) {
        TimePoints points = new TimePoints(FROM, TO);
        TreeSet<Instant> expected = new TreeSet<>();
        for (List<Long> run : runs) {
            List<Long> seconds = new ArrayList<>(run);
            if (ascendingRuns) {
                seconds.sort(null);
            }
            for (long s : seconds) {
                Instant t = Instant.ofEpochSecond(FROM.getEpochSecond() + s);
                points.addSecond(t.getEpochSecond());
                if (t.isAfter(FROM) && t.isBefore(TO)) {
                    expected.add(t);
                }
            }
        }
        int n = points.sortDistinct();
        List<Instant> actual = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            actual.add(points.instant(points.get(i)));
            assertThat(Instant.ofEpochSecond(points.second(points.get(i)), points.nano(points.get(i))))
                    .isEqualTo(actual.get(i));
        }
        assertThat(actual).containsExactlyElementsOf(expected);
    }

    @Property(tries = 100)
    @Label("keep an instant with nanoseconds, and an instant far outside the range is ignored")
    void instantsWithNanos(@ForAll @IntRange(min = 0, max = 999_999_999) int nano,
                           @ForAll @LongRange(min = -2_000_000, max = 2_000_000) long second) {
        TimePoints points = new TimePoints(FROM, TO);
        Instant t = Instant.ofEpochSecond(FROM.getEpochSecond() + second, nano);
        points.add(t);
        points.addSecond(Instant.MAX.getEpochSecond());
        points.addSecond(Instant.MIN.getEpochSecond());
        points.add(Instant.MAX);
        boolean inside = t.isAfter(FROM) && t.isBefore(TO);
        assertThat(points.sortDistinct()).isEqualTo(inside ? 1 : 0);
        if (inside) {
            assertThat(points.instant(points.get(0))).isEqualTo(t);
        }
    }
}
