package io.github.incident4j.examples.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link ReaderScalingBench} and prints, per reader, the time for n and 2n characters and their ratio against
 * the target: at most {@value #TARGET}× (a reader in O(n log n) or better; a quadratic one shows 4×).
 *
 * <pre>
 * mvn -B -o -q -pl core,kubernetes-adapter,examples -am package -DskipTests -Pbench
 * java -cp "examples/target/classes:$(cat examples/target/bench.classpath)" \
 *      io.github.incident4j.examples.bench.ReaderScaling
 * </pre>
 *
 * <p>Arguments (optional): a reader's name to run only that one (e.g. {@code EscalationMatrixText}), and
 * {@code --smoke} to check that everything runs in a few seconds (no fork, no warm-up, one short iteration: the
 * figures are then meaningless). A full run takes about 7 minutes (5 readers × 2 sizes × 3 forks × 13 s).
 */
public final class ReaderScaling {

    /** The largest ratio of the time for 2n to the time for n that meets the target. */
    public static final double TARGET = 2.5;

    private ReaderScaling() {
    }

    /** Runs the benchmark and prints the table. */
    public static void main(String[] args) throws RunnerException {
        boolean smoke = false;
        String only = "";
        for (String arg : args) {
            if (arg.equals("--smoke")) {
                smoke = true;
            } else if (!arg.isBlank()) {
                only = arg.strip();
            }
        }
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("^" + ReaderScalingBench.class.getName().replace(".", "\\.") + "\\.")
                .jvmArgsPrepend("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        if (!only.isEmpty()) {
            options.param("reader", only);
        }
        if (smoke) {
            options.forks(0).warmupIterations(0).measurementIterations(1).measurementTime(TimeValue.milliseconds(200));
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        Map<ReaderScalingBench.Reader, Map<Integer, double[]>> scores = new EnumMap<>(ReaderScalingBench.Reader.class);
        for (RunResult r : results) {
            ReaderScalingBench.Reader reader = ReaderScalingBench.Reader.valueOf(r.getParams().getParam("reader"));
            int chars = Integer.parseInt(r.getParams().getParam("chars"));
            scores.computeIfAbsent(reader, k -> new TreeMap<>()).put(chars,
                    new double[] {r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError()});
        }
        System.out.println();
        System.out.println(table(scores));
    }

    /** The Markdown table: one row per reader with both sizes measured. */
    static String table(Map<ReaderScalingBench.Reader, Map<Integer, double[]>> scores) {
        List<String> rows = new ArrayList<>();
        rows.add("| Reader | n (characters) | time for n | time for 2n | ratio | target | met |");
        rows.add("|---|---|---|---|---|---|---|");
        scores.forEach((reader, bySize) -> {
            if (bySize.size() < 2) {
                return;
            }
            List<Map.Entry<Integer, double[]>> sizes = new ArrayList<>(bySize.entrySet());
            Map.Entry<Integer, double[]> n = sizes.get(0);
            Map.Entry<Integer, double[]> twoN = sizes.get(sizes.size() - 1);
            double ratio = twoN.getValue()[0] / n.getValue()[0];
            rows.add(String.format(Locale.ROOT, "| %s | %,d | %s | %s | %.2f× | ≤ %.1f× | %s |", reader, n.getKey(),
                    ms(n.getValue()), ms(twoN.getValue()), ratio, TARGET, ratio <= TARGET ? "yes" : "no"));
        });
        return String.join("\n", rows);
    }

    private static String ms(double[] score) {
        double error = score[0] == 0 || Double.isNaN(score[1]) ? 0 : 100 * score[1] / score[0];
        return String.format(Locale.ROOT, "%.3f ms ± %.0f%%", score[0], error);
    }
}
