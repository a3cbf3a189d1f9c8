package io.github.incident4j.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.sim.RecordingPager;
import io.github.incident4j.sim.VirtualTime;
import io.github.incident4j.spi.IncidentRecord;
import io.github.incident4j.spi.IncidentStore;
import io.github.incident4j.spi.Page;
import io.github.incident4j.store.InMemoryIncidentStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * With a step executor, the escalation steps that fall due together run at once, and the engine's promises hold
 * as with one thread: each level paged once per incident, a failing step stays due, no step lost.
 */
@DisplayName("Steps that fall due together run on the step executor")
class StepExecutorTest {

    static final Instant T0 = DurableEscalationTest.T0;

    VirtualTime time = VirtualTime.startingAt(T0);
    RecordingPager pager = new RecordingPager();
    final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void stopPool() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    IncidentManager manager(IncidentStore store, boolean withPool) {
        IncidentManager.Builder b = IncidentManager.builder().timers(time).pager(pager).store(store);
        return (withPool ? b.stepExecutor(pool) : b).build();
    }

    /** Each page as "minute recipient level pass alert", sorted: the same list whatever order the threads took. */
    List<String> pages() {
        List<String> out = new ArrayList<>();
        for (Page p : pager.deliveries()) {
            out.add(Duration.between(T0, p.at()).toMinutes() + "m " + p.recipient() + " L" + p.level() + " P" + p.pass()
                    + " " + p.dedupKey());
        }
        out.sort(null);
        return out;
    }

    @Test
    @DisplayName("four incidents due at one instant are stepped by four threads at once")
    void dueStepsRunAtOnce() {
        CyclicBarrier together = new CyclicBarrier(4);
        AtomicBoolean gate = new AtomicBoolean();
        AtomicInteger passedTogether = new AtomicInteger();
        java.util.Set<String> stepped = java.util.concurrent.ConcurrentHashMap.newKeySet();
        IncidentStore store = new DurableEscalationTest.DelegatingStore(new InMemoryIncidentStore()) {
            @Override
            public IncidentRecord save(IncidentRecord record) {
                // the step's save (its page's outcome is saved after it, also at level 2)
                if (gate.get() && record.level() == 2 && stepped.add(record.id())) {
                    try {
                        // each of the four steps waits here until all four are saving: only parallel steps pass
                        together.await(10, TimeUnit.SECONDS);
                        passedTogether.incrementAndGet();
                    } catch (Exception e) {
                        throw new IllegalStateException("the steps did not run at once", e);
                    }
                }
                return super.save(record);
            }
        };
        IncidentManager manager = manager(store, true);
        for (int i = 0; i < 4; i++) {
            manager.trigger(DurableEscalationTest.alert("db-" + i), DurableEscalationTest.POLICY);
        }
        gate.set(true);
        time.advance(Duration.ofMinutes(15));
        assertThat(passedTogether).hasValue(4);
        assertThat(pages()).filteredOn(p -> p.startsWith("15m Dana L2 P1")).hasSize(4);
    }

    @Test
    @DisplayName("200 incidents through a full escalation: the pool pages exactly what one thread pages, each "
            + "level once per incident")
    void sameWorkAsOneThread() {
        List<String> oneThread = run(false);
        List<String> fourThreads = run(true);
        assertThat(oneThread).hasSize(200 * 6).doesNotHaveDuplicates();
        assertThat(fourThreads).containsExactlyElementsOf(oneThread);
    }

    private List<String> run(boolean withPool) {
        time = VirtualTime.startingAt(T0);
        pager = new RecordingPager();
        IncidentManager manager = manager(new InMemoryIncidentStore(), withPool);
        for (int i = 0; i < 200; i++) {
            manager.trigger(DurableEscalationTest.alert("db-" + i), DurableEscalationTest.POLICY);
        }
        time.advance(Duration.ofHours(5));
        manager.close();
        return pages();
    }

    @Test
    @DisplayName("a step that fails stays due and is taken after the backoff, while the other incidents escalate")
    void failingStepStaysDue() {
        AtomicInteger failures = new AtomicInteger(2);
        IncidentStore store = new DurableEscalationTest.DelegatingStore(new InMemoryIncidentStore()) {
            @Override
            public IncidentRecord save(IncidentRecord record) {
                if (record.level() == 2 && record.dedupKey().equals("db-0") && failures.getAndDecrement() > 0) {
                    throw new IllegalStateException("connection reset");
                }
                return super.save(record);
            }
        };
        IncidentManager manager = IncidentManager.builder().timers(time).pager(pager).store(store)
                .retryBackoff(Duration.ofMinutes(1)).stepExecutor(pool).build();
        for (int i = 0; i < 8; i++) {
            manager.trigger(DurableEscalationTest.alert("db-" + i), DurableEscalationTest.POLICY);
        }
        time.advance(Duration.ofMinutes(15));
        assertThat(pages()).filteredOn(p -> p.startsWith("15m Dana L2")).hasSize(7);
        time.advance(Duration.ofMinutes(5));
        assertThat(pages()).filteredOn(p -> p.contains("Dana L2 P1")).hasSize(8);
        assertThat(failures.get()).isNegative();
    }

    @Test
    @DisplayName("a pool that refuses work (shut down) does not stop escalation: the steps run on the wake-up's thread")
    void refusedByThePool() {
        IncidentManager manager = manager(new InMemoryIncidentStore(), true);
        manager.trigger(DurableEscalationTest.alert("db"), DurableEscalationTest.POLICY);
        pool.shutdown();
        time.advance(Duration.ofMinutes(15));
        assertThat(pages()).filteredOn(p -> p.startsWith("15m Dana L2 P1")).hasSize(1);
    }
}
