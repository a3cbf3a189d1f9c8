package io.github.incident4j.examples.bench.jdbc;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Benchmark 7 in one run, one table: on embedded PostgreSQL with HikariCP, for 1, 2 and 4 instances, incident4j
 * escalation steps per second ({@link IncidentChainsBench}), db-scheduler executions per second on the same chains
 * ({@link SchedulerChainsBench}), the read-modify-write floor ({@link FloorBench}) and incident lifecycles per
 * second ({@link JdbcLifecycleBench} on PostgreSQL); then the alert-to-first-page latency at 200 and 1,000 alerts/s
 * with two instances ({@link FirstPageLatency}). Every JMH figure: {@value #FORKS} forks of {@value #ITERATIONS}
 * measured iterations of {@value #SECONDS} s after {@value #WARMUPS} warm-up iterations, with JMH's 99.9% error
 * (five forks because each fork's figure moves with its own server and JIT on this shared machine; eight warm-ups
 * because the lifecycles and the chains still climb for about ten seconds).
 *
 * <pre>
 * java -cp "examples/target/classes:$(cat examples/target/bench.classpath)" \
 *     io.github.incident4j.examples.bench.jdbc.Bench7Table            # or: ... Bench7Table 2   (one count only)
 * </pre>
 */
public final class Bench7Table {

    static final int FORKS = 5;
    static final int WARMUPS = 8;
    static final int ITERATIONS = 8;
    /** A measurement starts only when the 1-minute load average is below this (the machine is shared). */
    static final double QUIET = 1.5;
    static final int SECONDS = 2;
    /**
     * Request threads per instance in the lifecycle row. One: on the 2-core machine 4 per instance gave fewer
     * lifecycles (in a single fork of run E's code, 1,833/s against 2,548/s), the instances and PostgreSQL contending
     * for the same cores.
     */
    static final int CALLERS = 1;

    private Bench7Table() {
    }

    /** Runs everything and prints the machine, the settings and the table. */
    public static void main(String[] args) throws RunnerException, InterruptedException {
        List<Integer> counts = new ArrayList<>();
        for (String a : args) {
            counts.add(Integer.parseInt(a));
        }
        if (counts.isEmpty()) {
            counts = List.of(1, 2, 4);
        }
        String started = now();
        Map<String, Map<Integer, Result<?>>> rows = new LinkedHashMap<>();
        for (int n : counts) {
            rows.computeIfAbsent("incident4j", k -> new LinkedHashMap<>()).put(n,
                    pages(run("IncidentChainsBench", n, n, Map.of("instances", n))));
            rows.computeIfAbsent("db-scheduler", k -> new LinkedHashMap<>()).put(n,
                    pages(run("SchedulerChainsBench", 1, n, Map.of("instances", n))));
            rows.computeIfAbsent("floor", k -> new LinkedHashMap<>()).put(n,
                    run("FloorBench", n, n, Map.of("instances", n)).getPrimaryResult());
            if (n == 2) { // the issue asks for lifecycles at two instances
                rows.computeIfAbsent("lifecycle", k -> new LinkedHashMap<>()).put(n,
                        run("JdbcLifecycleBench", n * CALLERS, n, Map.of("managers", n, "callers", CALLERS,
                                "store", "postgres"))
                                .getPrimaryResult());
            }
        }
        waitForQuiet("FirstPageLatency");
        List<FirstPageLatency.Result> latency = FirstPageLatency.measure(List.of(200, 1000));
        String ended = now();
        System.out.println();
        System.out.println(JdbcBenchTable.machine());
        System.out.println("Run: " + started + " to " + ended + " UTC; load average at the end "
                + String.format(Locale.ROOT, "%.2f", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage()));
        System.out.println("JMH: " + FORKS + " forks x " + ITERATIONS + " iterations of " + SECONDS + " s after "
                + WARMUPS + " warm-up iterations; error = JMH's 99.9% confidence half-interval");
        System.out.println();
        System.out.println(table(rows, counts));
        for (FirstPageLatency.Result r : latency) {
            System.out.println("- " + FirstPageLatency.line(r));
        }
    }

    /** Waits until the machine is quiet (other users' builds done), and says what the load was. */
    static void waitForQuiet(String what) throws InterruptedException {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        long waited = 0;
        while (os.getSystemLoadAverage() >= QUIET) {
            Thread.sleep(5_000); // polling the load average: a benchmark driver, not a test
            waited += 5;
        }
        System.out.printf(Locale.ROOT, "%n>>> %s: %s, load average %.2f after waiting %d s%n", now(), what,
                os.getSystemLoadAverage(), waited);
    }

    private static String now() {
        return LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT));
    }

    private static Result<?> pages(RunResult r) {
        return r.getSecondaryResults().get("pages");
    }

    private static RunResult run(String bench, int threads, int instances, Map<String, Object> params)
            throws RunnerException, InterruptedException {
        waitForQuiet(bench + " " + params);
        ChainedOptionsBuilder o = new OptionsBuilder()
                .include(Bench7Table.class.getPackageName().replace(".", "\\.") + "\\." + bench + "\\..*")
                .threads(threads)
                .forks(FORKS)
                .warmupIterations(WARMUPS).warmupTime(TimeValue.seconds(SECONDS))
                .measurementIterations(ITERATIONS).measurementTime(TimeValue.seconds(SECONDS))
                .jvmArgsPrepend("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        params.forEach((k, v) -> o.param(k, String.valueOf(v)));
        return new Runner(o.build()).runSingle();
    }

    static String table(Map<String, Map<Integer, Result<?>>> rows, List<Integer> counts) {
        StringBuilder out = new StringBuilder("| figure (per second) |");
        counts.forEach(n -> out.append(" ").append(n).append(n == 1 ? " instance |" : " instances |"));
        out.append("\n|---|").append("---:|".repeat(counts.size())).append('\n');
        String[][] labels = {
            {"incident4j", "incident4j escalation steps (each paged through the durable outbox; 4 step threads per "
                    + "instance)"},
            {"db-scheduler", "db-scheduler 16.7.1 executions (lock-and-fetch, 4 threads per instance)"},
            {"floor", "floor: bare read-modify-write transactions"},
            {"lifecycle", "incident4j lifecycles (trigger + acknowledge + resolve; " + CALLERS + " request thread(s) "
                    + "per instance)"}};
        for (String[] l : labels) {
            out.append("| ").append(l[1]).append(" |");
            for (int n : counts) {
                out.append(' ').append(rate(rows.getOrDefault(l[0], Map.of()).get(n))).append(" |");
            }
            out.append('\n');
        }
        ratio(out, "incident4j / db-scheduler", rows.get("incident4j"), rows.get("db-scheduler"), counts);
        ratio(out, "incident4j / floor", rows.get("incident4j"), rows.get("floor"), counts);
        return out.toString();
    }

    private static void ratio(StringBuilder out, String label, @Nullable Map<Integer, Result<?>> a,
            @Nullable Map<Integer, Result<?>> b, List<Integer> counts) {
        out.append("| ").append(label).append(" |");
        for (int n : counts) {
            Result<?> x = a == null ? null : a.get(n);
            Result<?> y = b == null ? null : b.get(n);
            out.append(x == null || y == null || y.getScore() == 0 ? " - |"
                    : String.format(Locale.ROOT, " %.2f |", x.getScore() / y.getScore()));
        }
        out.append('\n');
    }

    private static String rate(@Nullable Result<?> r) {
        if (r == null) {
            return "not run";
        }
        double error = r.getScoreError();
        return Double.isNaN(error) ? String.format(Locale.ROOT, "%,.0f", r.getScore())
                : String.format(Locale.ROOT, "%,.0f ± %,.0f (%.0f%%)", r.getScore(), error,
                        100 * error / r.getScore());
    }
}
