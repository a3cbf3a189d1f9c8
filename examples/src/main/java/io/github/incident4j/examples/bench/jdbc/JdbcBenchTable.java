package io.github.incident4j.examples.bench.jdbc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link JdbcLifecycleBench} and {@link JdbcEscalationBench} for 1, 2 and 4 managers (JMH threads = managers;
 * forks, warmup and measurement as the classes state) on the in-memory store and on PostgreSQL, and prints one
 * Markdown table with the ratio PostgreSQL / in-memory of each pair. See {@code examples/docs/benchmarks-jdbc.md}.
 *
 * <pre>
 * java -cp "examples/target/classes:$(cat examples/target/bench.classpath)" \
 *     io.github.incident4j.examples.bench.jdbc.JdbcBenchTable          # or: ... JdbcBenchTable 1 2
 * </pre>
 *
 * <p>Arguments (optional): the manager counts to run, default {@code 1 2 4}. The JMH log goes to standard output
 * as usual; the table comes last.
 */
public final class JdbcBenchTable {

    private static final String LIFECYCLE = "JdbcLifecycleBench.triggerAcknowledgeResolve";
    private static final String ESCALATION = "JdbcEscalationBench.advance";

    private JdbcBenchTable() {
    }

    /** One figure: which benchmark, how many managers, which store. */
    record Key(String benchmark, int managers, String store) {
    }

    /** Runs the benchmarks and prints the table. */
    public static void main(String[] args) throws RunnerException {
        List<Integer> counts = new ArrayList<>();
        for (String a : args) {
            counts.add(Integer.parseInt(a));
        }
        if (counts.isEmpty()) {
            counts = List.of(1, 2, 4);
        }
        Map<Key, Result<?>> scores = new LinkedHashMap<>();
        for (int n : counts) {
            Collection<RunResult> results = new Runner(new OptionsBuilder()
                    .include(JdbcBenchTable.class.getPackageName().replace(".", "\\.")
                            + "\\.Jdbc(Lifecycle|Escalation)Bench\\..*")
                    .threads(n)
                    .param("managers", Integer.toString(n))
                    .jvmArgsPrepend("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn")
                    .build()).run();
            for (RunResult r : results) {
                String name = r.getParams().getBenchmark();
                String shortName = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
                Result<?> score = shortName.equals(ESCALATION)
                        ? r.getSecondaryResults().get("escalations") : r.getPrimaryResult();
                scores.put(new Key(shortName, n, r.getParams().getParam("store")), score);
            }
        }
        System.out.println();
        System.out.println(machine());
        System.out.println();
        System.out.println(table(scores, counts));
    }

    static String machine() {
        return String.format(Locale.ROOT, "Machine: %d processors (availableProcessors), %s %s (%s), %s %s, max heap %d MiB",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), System.getProperty("java.vendor"), System.getProperty("os.name"),
                System.getProperty("os.arch"), Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }

    static String table(Map<Key, Result<?>> scores, List<Integer> counts) {
        StringBuilder out = new StringBuilder();
        out.append("| Operation | Managers | In-memory store | JDBC store on PostgreSQL | PostgreSQL / in-memory |\n");
        out.append("|---|---:|---:|---:|---:|\n");
        for (String[] bench : new String[][] {
            {LIFECYCLE, "trigger + acknowledge + resolve (incidents/s)"},
            {ESCALATION, "escalation steps fired by advancing virtual time (escalations/s)"}}) {
            for (int n : counts) {
                Result<?> memory = scores.get(new Key(bench[0], n, "memory"));
                Result<?> postgres = scores.get(new Key(bench[0], n, "postgres"));
                out.append("| ").append(bench[1]).append(" | ").append(n).append(" | ").append(rate(memory))
                        .append(" | ").append(rate(postgres)).append(" | ")
                        .append(memory == null || postgres == null || memory.getScore() == 0 ? "-"
                                : String.format(Locale.ROOT, "%.4f (1 : %,.0f)", postgres.getScore() / memory.getScore(),
                                        memory.getScore() / postgres.getScore()))
                        .append(" |\n");
            }
        }
        return out.toString();
    }

    private static String rate(@Nullable Result<?> r) {
        if (r == null) {
            return "not run";
        }
        double error = r.getScoreError();
        return Double.isNaN(error)
                ? String.format(Locale.ROOT, "%,.0f/s", r.getScore())
                : String.format(Locale.ROOT, "%,.0f ± %,.0f/s", r.getScore(), error);
    }
}
