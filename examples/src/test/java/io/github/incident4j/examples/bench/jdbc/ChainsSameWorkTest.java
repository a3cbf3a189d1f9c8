package io.github.incident4j.examples.bench.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Benchmark 7 compares incident4j and db-scheduler on escalation chains: the comparison holds only if both do the
 * same work. Each variant runs the same chains to their end on its own embedded PostgreSQL, with two instances.
 */
@DisplayName("Benchmark 7: every variant does the same work")
class ChainsSameWorkTest {

    static final int CHAINS = 40;

    static void assertChainWork(ChainTally tally) {
        assertThat(tally.pages(1)).as("level 1 pages").isEqualTo(CHAINS);
        assertThat(tally.pages(2)).as("level 2 pages").isEqualTo(CHAINS / 2);
        assertThat(tally.pages(3)).as("level 3 pages").isEqualTo(CHAINS / 2);
        assertThat(tally.cancellations()).as("cancellations (acknowledgements)").isEqualTo(CHAINS / 2);
        assertThat(tally.duplicates()).as("(chain, level) paged twice").isZero();
        assertThat(tally.pages()).isEqualTo(ChainTally.steps(CHAINS));
    }

    @Test
    @DisplayName("incident4j on two managers: each chain pages level 1; half are acknowledged, the others page "
            + "levels 2 and 3, each page once")
    void incident4j() {
        ChainTally tally = new ChainTally(true);
        try (IncidentChains chains = new IncidentChains(2, tally)) {
            chains.runToEnd(CHAINS);
        }
        assertChainWork(tally);
    }

    @Test
    @DisplayName("db-scheduler on two instances: the same pages per level and the same cancellations")
    void dbScheduler() {
        ChainTally tally = new ChainTally(true);
        try (SchedulerChains chains = new SchedulerChains(2, tally)) {
            chains.runToEnd(CHAINS);
        }
        assertChainWork(tally);
    }
}
