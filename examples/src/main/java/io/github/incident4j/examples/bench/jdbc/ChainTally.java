package io.github.incident4j.examples.bench.jdbc;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The work of benchmark 7's escalation chains, the same for every variant: chain {@code c} pages level 1; an even
 * chain is then acknowledged (its next level is cancelled); an odd one goes on to level 2 and level 3. So {@code n}
 * chains make {@code n} level-1 pages, {@code n/2} pages at levels 2 and 3, {@code n/2} cancellations: {@code 2n}
 * pages (steps) in all. A tally counts what a variant did and that no (chain, level) was paged twice.
 */
final class ChainTally {

    /** Levels per chain. */
    static final int LEVELS = 3;

    private final AtomicLongArray pages = new AtomicLongArray(LEVELS + 1);
    private final AtomicLong cancellations = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final boolean checkOnce;

    /** A tally; {@code checkOnce} also remembers every (chain, level) to count duplicates (tests, not benchmarks). */
    ChainTally(boolean checkOnce) {
        this.checkOnce = checkOnce;
    }

    /** Whether chain {@code c} is acknowledged after its level-1 page. */
    static boolean acknowledged(long chain) {
        return chain % 2 == 0;
    }

    /** Steps (pages) {@code chains} chains make. */
    static long steps(long chains) {
        return chains + 2 * (chains / 2);
    }

    void paged(String chain, int level) {
        pages.incrementAndGet(level);
        if (checkOnce && !seen.add(chain + "/" + level)) {
            duplicates.incrementAndGet();
        }
    }

    void cancelled() {
        cancellations.incrementAndGet();
    }

    long pages(int level) {
        return pages.get(level);
    }

    long pages() {
        long n = 0;
        for (int l = 1; l <= LEVELS; l++) {
            n += pages.get(l);
        }
        return n;
    }

    long cancellations() {
        return cancellations.get();
    }

    long duplicates() {
        return duplicates.get();
    }

    @Override
    public String toString() {
        return "pages per level " + pages(1) + "/" + pages(2) + "/" + pages(3) + ", cancellations " + cancellations()
                + ", duplicates " + duplicates();
    }
}
