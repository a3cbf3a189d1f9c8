package io.github.incident4j.oncall.archfixture;

import io.micrometer.core.instrument.MeterRegistry;

/** A deliberately bad class outside the binder's package that uses Micrometer. */
public final class BadMetrics {

    private BadMetrics() {
    }

    /** Counts something through Micrometer: only the binder may. */
    public static void count(MeterRegistry registry) {
        registry.counter("bad").increment();
    }
}
