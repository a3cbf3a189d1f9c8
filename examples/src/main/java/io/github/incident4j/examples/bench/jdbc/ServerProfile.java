package io.github.incident4j.examples.bench.jdbc;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The server side of benchmark 7: how long PostgreSQL itself works per escalation step, for incident4j and for
 * db-scheduler on the same chains, from {@code pg_stat_statements} (planning and execution inside the server: index
 * upkeep and foreign-key triggers included, parsing, the protocol and commits not), and the CPU time of every
 * PostgreSQL process and of this JVM over the same run (all of it: the server's whole cost per step, and the client's).
 * On a machine where the server and the benchmark share the cores, this is what bounds steps per second. One instance
 * each, one fresh server each; a warm-up of the same size first.
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
            Duration[] cpu = cpu();
            world.runToEnd(0, chains);
            print("incident4j (one instance, 4 worker threads)", tally.pages() - before,
                    world.database().statementStats(), cpu);
        }
        try (SchedulerChains world = new SchedulerChains(1, new ChainTally(false))) {
            world.open(1_000_000, chains);
            world.awaitUnfinishedAtMost(0, Duration.ofSeconds(120));
            world.database().resetStatementStats();
            long before = world.executions.get();
            Duration[] cpu = cpu();
            world.open(0, chains);
            world.awaitUnfinishedAtMost(0, Duration.ofSeconds(120));
            print("db-scheduler 16.7.1 (one instance, 4 threads, lock-and-fetch)", world.executions.get() - before,
                    world.database().statementStats(), cpu);
        }
    }

    /** CPU time so far: {@code [every PostgreSQL process, this JVM]} (a process that ended is not counted). */
    private static Duration[] cpu() {
        Duration server = ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                .map(p -> p.info().totalCpuDuration().orElse(Duration.ZERO)).reduce(Duration.ZERO, Duration::plus);
        return new Duration[] {server, ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO)};
    }

    private static void print(String what, long steps, List<Object[]> stats, Duration[] cpuBefore) {
        Duration[] cpu = cpu();
        double serverCpu = cpu[0].minus(cpuBefore[0]).toNanos() / 1e6;
        double clientCpu = cpu[1].minus(cpuBefore[1]).toNanos() / 1e6;
        double total = stats.stream().mapToDouble(r -> (double) r[1]).sum();
        double planning = stats.stream().mapToDouble(r -> (double) r[3]).sum();
        long calls = stats.stream().mapToLong(r -> (long) r[0]).sum();
        System.out.printf(Locale.ROOT, "%n%s: %,d steps; %,d statements (%.2f per step); %.0f ms in the server's "
                + "statements, %.3f ms per step (planning %.3f); CPU per step: PostgreSQL %.3f ms, the JVM %.3f ms%n%n",
                what, steps, calls, calls / (double) steps, total, total / steps, planning / steps, serverCpu / steps,
                clientCpu / steps);
        System.out.println("| statement | calls | per step | ms per call | ms per step | of it planning |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        stats.stream().limit(8).forEach(r -> {
            String q = ((String) r[2]).replaceAll("\\s+", " ").replace("|", "\\|");
            System.out.printf(Locale.ROOT, "| `%s` | %,d | %.2f | %.3f | %.3f | %.3f |%n",
                    q.length() > 90 ? q.substring(0, 90) + "…" : q, (long) r[0], (long) r[0] / (double) steps,
                    (double) r[1] / (long) r[0], (double) r[1] / steps, (double) r[3] / steps);
        });
    }
}
