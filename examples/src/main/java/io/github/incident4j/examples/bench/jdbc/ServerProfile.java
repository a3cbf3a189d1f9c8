package io.github.incident4j.examples.bench.jdbc;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The server side of benchmark 7: how long PostgreSQL itself works per escalation step, for incident4j and for
 * db-scheduler on the same chains, from {@code pg_stat_statements} (execution time inside the server: index upkeep
 * and foreign-key triggers included, planning and commits not). On a machine where the server and the benchmark
 * share the cores, this is what bounds steps per second once the client waits on the server. One instance each, one
 * fresh server each; a warm-up of the same size first.
 *
 * <pre>
 * java -cp "examples/target/classes:$(cat examples/target/bench.classpath)" \
 *     io.github.incident4j.examples.bench.jdbc.ServerProfile [chains]
 * </pre>
 */
public final class ServerProfile {

    private ServerProfile() {
    }

    /** Runs both profiles and prints them. */
    public static void main(String[] args) {
        int chains = args.length > 0 ? Integer.parseInt(args[0]) : 4_000;
        BenchDatabase.statementStats = true;
        ChainTally tally = new ChainTally(false);
        try (IncidentChains world = new IncidentChains(1, tally)) {
            world.runToEnd(1_000_000, chains);
            world.database().resetStatementStats();
            long before = tally.pages();
            world.runToEnd(0, chains);
            print("incident4j (one instance, 4 worker threads)", tally.pages() - before,
                    world.database().statementStats());
        }
        try (SchedulerChains world = new SchedulerChains(1, new ChainTally(false))) {
            world.open(1_000_000, chains);
            world.awaitUnfinishedAtMost(0, Duration.ofSeconds(120));
            world.database().resetStatementStats();
            long before = world.executions.get();
            world.open(0, chains);
            world.awaitUnfinishedAtMost(0, Duration.ofSeconds(120));
            print("db-scheduler 16.7.1 (one instance, 4 threads, lock-and-fetch)", world.executions.get() - before,
                    world.database().statementStats());
        }
    }

    private static void print(String what, long steps, List<Object[]> stats) {
        double total = stats.stream().mapToDouble(r -> (double) r[1]).sum();
        long calls = stats.stream().mapToLong(r -> (long) r[0]).sum();
        System.out.printf(Locale.ROOT, "%n%s: %,d steps; %,d statements (%.2f per step); %.0f ms in the server, "
                + "%.3f ms per step%n%n", what, steps, calls, calls / (double) steps, total, total / steps);
        System.out.println("| statement | calls | per step | ms per call | ms per step |");
        System.out.println("|---|---:|---:|---:|---:|");
        stats.stream().limit(8).forEach(r -> {
            String q = ((String) r[2]).replaceAll("\\s+", " ").replace("|", "\\|");
            System.out.printf(Locale.ROOT, "| `%s` | %,d | %.2f | %.3f | %.3f |%n",
                    q.length() > 90 ? q.substring(0, 90) + "…" : q, (long) r[0], (long) r[0] / (double) steps,
                    (double) r[1] / (long) r[0], (double) r[1] / steps);
        });
    }
}
