package io.github.incident4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.sim.RecordingPager;
import io.github.incident4j.sim.VirtualTime;
import io.github.incident4j.spi.IncidentRecord;
import io.github.incident4j.spi.Page;
import io.github.incident4j.spi.Pager;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The manager killed and rebuilt on the same store at points jqwik chooses in a long scenario: the final store
 * (every record, every timeline event, every version) and the pages delivered equal an uninterrupted run's.
 */
class EngineRestartProperties {

    static final int STEPS = 400;
    static final List<LongScenario.Step> SCENARIO = LongScenario.steps(20_260_302L, STEPS);

    /** Fails the first attempt of every third escalation step (by key), whatever the order of calls. */
    static final class KeyedFlakyPager implements Pager {
        final RecordingPager receiver = new RecordingPager();

        @Override
        public CompletionStage<Void> send(Page page) {
            if (page.attempt() == 1 && Math.floorMod(page.idempotencyKey().hashCode(), 3) == 0) {
                return CompletableFuture.failedFuture(new ReceivingPager.NetworkFailure("first attempt fails"));
            }
            return receiver.send(page);
        }
    }

    static LongScenario.Run reference(Function<VirtualTime, Pager> pagers) {
        return new LongScenario.Run(pagers).play(SCENARIO, Set.of());
    }

    static final LongScenario.Run UNINTERRUPTED = reference(t -> new RecordingPager());
    static final LongScenario.Run FLAKY_REFERENCE = reference(t -> new KeyedFlakyPager());

    @Property(tries = 60)
    @Label("killing and rebuilding the manager between steps changes nothing: same records, same timelines, "
            + "same pages")
    void restartsBetweenSteps(@ForAll @Size(min = 1, max = 12) Set<@IntRange(min = 0, max = STEPS - 1) Integer> kills) {
        LongScenario.Run run = new LongScenario.Run(t -> new RecordingPager()).play(SCENARIO, kills);
        List<IncidentRecord> expected = UNINTERRUPTED.records();
        assertThat(run.records()).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(run.records().get(i)).as("record %s", expected.get(i).id()).isEqualTo(expected.get(i));
        }
        assertThat(((RecordingPager) run.pager).deliveries())
                .isEqualTo(((RecordingPager) UNINTERRUPTED.pager).deliveries());
    }

    @Property(tries = 30)
    @Label("killing the manager while a failed page waits for its retry loses no page (B8, fixed in main)")
    void restartsWithPendingRetries(@ForAll @Size(min = 1, max = 12) Set<@IntRange(min = 0, max = STEPS - 1) Integer> kills) {
        LongScenario.Run reference = FLAKY_REFERENCE;
        LongScenario.Run run = new LongScenario.Run(t -> new KeyedFlakyPager()).play(SCENARIO, kills);
        assertThat(((KeyedFlakyPager) run.pager).receiver.pages())
                .isEqualTo(((KeyedFlakyPager) reference.pager).receiver.pages());
        assertThat(run.records()).isEqualTo(reference.records());
    }
}
