package io.github.incident4j.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incident4j.spi.Timers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Virtual time")
class VirtualTimeTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private final VirtualTime time = VirtualTime.startingAt(T0);
    private final List<String> ran = new ArrayList<>();

    private Timers.Scheduled task(String name, long seconds) {
        return time.schedule(T0.plusSeconds(seconds), () -> ran.add(name + "@" + time.now()));
    }

    @Test
    @DisplayName("runs due tasks in order of their instant, then of scheduling, with the clock at each task's instant")
    void order() {
        task("c", 20);
        task("a", 10);
        task("b", 10);
        task("later", 60);

        time.advance(Duration.ofSeconds(30));

        assertThat(ran).containsExactly("a@" + T0.plusSeconds(10), "b@" + T0.plusSeconds(10),
                "c@" + T0.plusSeconds(20));
        assertThat(time.now()).isEqualTo(T0.plusSeconds(30));
        assertThat(time.pending()).isEqualTo(1);
        assertThat(time.nextDue()).contains(T0.plusSeconds(60));
    }

    @Test
    @DisplayName("a cancelled task never runs, is not pending and is not the next due")
    void cancelled() {
        Timers.Scheduled first = task("first", 10);
        task("second", 20);

        first.cancel();

        assertThat(time.pending()).isEqualTo(1);
        assertThat(time.nextDue()).contains(T0.plusSeconds(20));
        time.advance(Duration.ofMinutes(1));
        assertThat(ran).containsExactly("second@" + T0.plusSeconds(20));
        assertThat(time.pending()).isZero();
        assertThat(time.nextDue()).isEmpty();
    }

    @Test
    @DisplayName("in a long queue, cancelled tasks at its head are skipped by the next due instant and never run")
    void cancelledAtTheHeadOfALongQueue() {
        List<Timers.Scheduled> handles = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            handles.add(task("t" + i, i));
        }
        handles.subList(0, 40).forEach(Timers.Scheduled::cancel);

        assertThat(time.pending()).isEqualTo(60);
        assertThat(time.nextDue()).contains(T0.plusSeconds(41));
        time.advance(Duration.ofSeconds(45));
        assertThat(ran).containsExactly("t41@" + T0.plusSeconds(41), "t42@" + T0.plusSeconds(42),
                "t43@" + T0.plusSeconds(43), "t44@" + T0.plusSeconds(44), "t45@" + T0.plusSeconds(45));
        assertThat(time.pending()).isEqualTo(55);
    }

    @Test
    @DisplayName("cancelling a task that already ran, or cancelling twice, changes nothing")
    void cancelIsIdempotent() {
        Timers.Scheduled done = task("done", 1);
        Timers.Scheduled twice = task("twice", 5);
        task("kept", 9);
        time.advance(Duration.ofSeconds(2));

        done.cancel();
        twice.cancel();
        twice.cancel();

        assertThat(time.pending()).isEqualTo(1);
        time.advance(Duration.ofSeconds(10));
        assertThat(ran).containsExactly("done@" + T0.plusSeconds(1), "kept@" + T0.plusSeconds(9));
    }

    @Test
    @DisplayName("of 10,000 tasks cancelled in random order but one, only that one runs (the queue drops cancelled "
            + "tasks in bulk)")
    void manyCancellations() {
        List<Timers.Scheduled> handles = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            handles.add(task("t" + i, 1 + i % 300));
        }
        Timers.Scheduled survivor = handles.remove(4_321);
        Collections.shuffle(handles, new Random(7));
        for (int i = 0; i < handles.size(); i++) {
            handles.get(i).cancel();
            if (i == 5_000) {
                assertThat(time.pending()).isEqualTo(10_000 - 5_001);
            }
        }

        assertThat(time.pending()).isEqualTo(1);
        assertThat(time.nextDue()).contains(T0.plusSeconds(1 + 4_321 % 300));
        time.advance(Duration.ofMinutes(10));
        assertThat(ran).containsExactly("t4321@" + T0.plusSeconds(1 + 4_321 % 300));
        survivor.cancel();
        assertThat(time.pending()).isZero();
    }

    @Test
    @DisplayName("a task that throws does not stop the others; time never moves backwards")
    void failuresAndNegativeDurations() {
        time.schedule(T0.plusSeconds(1), () -> {
            throw new IllegalStateException("boom");
        });
        task("after", 2);

        time.advance(Duration.ofSeconds(5));

        assertThat(ran).containsExactly("after@" + T0.plusSeconds(2));
        assertThatThrownBy(() -> time.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        time.advanceTo(T0);
        assertThat(time.now()).isEqualTo(T0.plusSeconds(5));
    }

    /** One step of a random use: schedule at an offset, cancel a handle, or advance. */
    record Step(int kind, int seconds, int which) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 120),
                Arbitraries.integers().between(0, 1_000)).as(Step::new).list().ofMaxSize(400);
    }

    @Property(tries = 300)
    @Label("after any schedules, cancellations and advances, the tasks run are those of a model, in its order")
    void matchesModel(@ForAll("steps") List<Step> steps) {
        record Planned(int id, Instant at, Timers.Scheduled handle) {
        }
        VirtualTime time = VirtualTime.startingAt(T0); // its own per try: jqwik keeps the instance across tries
        List<Planned> waiting = new ArrayList<>();
        List<Integer> expected = new ArrayList<>();
        List<Integer> actual = new ArrayList<>();
        int ids = 0;
        for (Step s : steps) {
            if (s.kind() == 0) {
                int id = ids++;
                Instant at = time.now().plusSeconds(s.seconds());
                waiting.add(new Planned(id, at, time.schedule(at, () -> actual.add(id))));
            } else if (s.kind() == 1 && !waiting.isEmpty()) {
                waiting.remove(s.which() % waiting.size()).handle().cancel();
            } else {
                Instant target = time.now().plusSeconds(s.seconds());
                List<Planned> due = new ArrayList<>(waiting.stream().filter(p -> !p.at().isAfter(target)).toList());
                due.sort(Comparator.comparing(Planned::at).thenComparingInt(Planned::id));
                due.forEach(p -> expected.add(p.id()));
                waiting.removeAll(due);
                time.advanceTo(target);
            }
            assertThat(time.pending()).isEqualTo(waiting.size());
            assertThat(time.nextDue()).isEqualTo(waiting.stream().map(Planned::at).min(Comparator.naturalOrder()));
        }
        assertThat(actual).isEqualTo(expected);
    }
}
