package io.github.incident4j.examples.bench.jdbc;

import io.github.incident4j.spi.Page;
import io.github.incident4j.spi.Pager;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * Delivers every page at once and counts escalation pages (any page but level 1 of the first pass) on the
 * counters registered by the calling thread: the engine sends pages on the thread that took the step, so each JMH
 * thread counts the escalations it performed.
 */
final class CountingPager implements Pager {

    private final ThreadLocal<JdbcEscalationBench.@Nullable Counters> counters = new ThreadLocal<>();

    /** Counts this thread's escalation pages on {@code c} from now on. */
    void countOnThisThread(JdbcEscalationBench.Counters c) {
        counters.set(c);
    }

    @Override
    public CompletionStage<Void> send(Page page) {
        if (page.level() > 1 || page.pass() > 1) {
            JdbcEscalationBench.Counters c = counters.get();
            if (c != null) {
                c.sent++;
            }
        }
        return Pager.NOOP.send(page);
    }
}
