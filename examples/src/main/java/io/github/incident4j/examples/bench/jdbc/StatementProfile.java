package io.github.incident4j.examples.bench.jdbc;

import java.util.Locale;
import java.util.Map;

/**
 * The statement profile of benchmark 7's incident4j chains: runs chains to their end on two managers (as
 * {@link IncidentChains#runToEnd(long, int)}: all opened, then virtual time advanced level by level) with every
 * statement counted ({@link CountingDataSource}), and prints, per statement, how many ran per escalation step and
 * how long the caller waited for one (the round trip and the server's work, on a machine the server shares). Each
 * execution, commit and rollback is one round trip to PostgreSQL.
 *
 * <pre>
 * java -cp "examples/target/classes:$(cat examples/target/bench.classpath)" \
 *     io.github.incident4j.examples.bench.jdbc.StatementProfile [chains] [instances]
 * </pre>
 */
public final class StatementProfile {

    private StatementProfile() {
    }

    /** Runs the profile and prints it. */
    public static void main(String[] args) {
        int chains = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        int instances = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        CountingDataSource counting = new CountingDataSource();
        ChainTally tally = new ChainTally(false);
        try (IncidentChains world = new IncidentChains(instances, tally, counting::wrap)) {
            world.runToEnd(1_000_000, chains); // warm-up: the JIT, the caches, PostgreSQL's plans
            counting.reset();
            long pagesBefore = tally.pages();
            long start = System.nanoTime();
            world.runToEnd(0, chains);
            double seconds = (System.nanoTime() - start) / 1e9;
            long steps = tally.pages() - pagesBefore;
            Map<String, Long> counts = counting.snapshot();
            Map<String, Long> nanos = counting.nanos();
            long total = counts.values().stream().mapToLong(Long::longValue).sum();
            System.out.printf(Locale.ROOT, "%d chains, %d instances: %d steps (pages) in %.2f s, %,.0f steps/s on one"
                    + " driving thread; %d round trips, %.2f per step%n%n", chains, instances, steps, seconds,
                    steps / seconds, total, total / (double) steps);
            System.out.println("| statement | count | per step | mean wait (ms) | wait per step (ms) |");
            System.out.println("|---|---:|---:|---:|---:|");
            counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> System.out.printf(Locale.ROOT, "| `%s` | %,d | %.2f | %.3f | %.3f |%n", e.getKey()
                            .replace("|", "\\|"), e.getValue(), e.getValue() / (double) steps,
                            nanos.get(e.getKey()) / 1e6 / e.getValue(), nanos.get(e.getKey()) / 1e6 / steps));
        }
    }
}
