package io.github.incident4j.examples.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs every benchmark of this package with JMH (forks, warmup and measurement as each benchmark class
 * states) plus the heap probes in their own JVMs, and prints one Markdown table: each incident4j figure, its
 * baseline from the same run, the ratio and the target (and, for escalation, the floor's rows: a bound, not a
 * target).
 *
 * <pre>
 * mvn -B -o -q -pl core,kubernetes-adapter,examples -am package -DskipTests -Pbench
 * </pre>
 *
 * <p>Arguments (optional): a regular expression on the class name to run only some benchmarks (e.g. {@code Escalation}
 * or {@code OnCall|FinalSchedule}; the JDBC benchmarks of the {@code jdbc} subpackage have their own table), and
 * {@code --no-heap} to skip the heap probes; with Maven, pass them as {@code -Dbench.args="Escalation --no-heap"}. The JMH log goes to standard output as usual; the table comes last.
 */
public final class BenchmarkTable {

    private BenchmarkTable() {
    }

    /** Runs the benchmarks and prints the table. */
    public static void main(String[] args) throws RunnerException, IOException, InterruptedException {
        String only = "";
        boolean heap = true;
        for (String arg : String.join(" ", args).trim().split("\\s+")) {
            if (arg.isEmpty()) {
                continue;
            }
            if (arg.equals("--no-heap")) {
                heap = false;
            } else {
                only = arg;
            }
        }
        Path cpuLog = Files.createTempFile("incident4j-bench-cpu", ".tsv");
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("^" + BenchmarkTable.class.getPackageName().replace(".", "\\.") + "\\.[A-Za-z]*(" + only
                        + ")[A-Za-z]*Benchmark\\.")
                .jvmArgsPrepend("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                        "-D" + CpuTime.PROPERTY + "=" + cpuLog.toAbsolutePath());
        Collection<RunResult> results = new Runner(options.build()).run();
        Map<String, Result<?>> scores = new HashMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            scores.put(name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1), r.getPrimaryResult());
        }
        Map<String, Double> cpu = cpuPerIteration(cpuLog);
        Files.deleteIfExists(cpuLog);
        Map<String, String> probes = new LinkedHashMap<>();
        if (heap) {
            probes.putAll(probe("incidents"));
            probes.putAll(probe("storm-control"));
            probes.putAll(probe("storm"));
        }
        System.out.println();
        System.out.println(machine());
        System.out.println();
        System.out.println(table(scores, cpu, probes));
    }

    // ---------------------------------------------------------------- the table

    /** Mean process CPU nanoseconds per measured iteration, by benchmark. */
    static Map<String, Double> cpuPerIteration(Path log) throws IOException {
        Map<String, double[]> sums = new LinkedHashMap<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            String[] parts = line.split("\t");
            if (parts.length == 2) {
                double[] sum = sums.computeIfAbsent(parts[0], k -> new double[2]);
                sum[0] += Long.parseLong(parts[1]);
                sum[1]++;
            }
        }
        Map<String, Double> means = new LinkedHashMap<>();
        sums.forEach((k, v) -> means.put(k, v[0] / v[1]));
        return means;
    }

    static String table(Map<String, Result<?>> scores, Map<String, Double> cpu, Map<String, String> probes) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"#", "What", "incident4j", "Baseline (same run)", "Ratio", "Target", "Met"});

        Optional<Result<?>> who = Optional.ofNullable(scores.get("OnCallBenchmark.incident4j"));
        Optional<Result<?>> whoBase = Optional.ofNullable(scores.get("OnCallBenchmark.ical4jBaseline"));
        rows.add(who.isEmpty() ? notRun("1", "Who is on call: onCallAt, median of sampled calls") : new String[] {
            "1", "Who is on call: onCallAt, median of sampled calls",
            ns(median(who.get())), whoBase.map(b -> ns(median(b))).orElse("not run"),
            whoBase.map(b -> times(median(b) / median(who.get()))).orElse("-"), "≤ 300 ns and ≥ 100×",
            met(median(who.get()) <= 300 && whoBase.map(b -> median(b) / median(who.get()) >= 100).orElse(false))});

        Optional<Result<?>> year = Optional.ofNullable(scores.get("FinalScheduleBenchmark.incident4j"));
        Optional<Result<?>> yearBase = Optional.ofNullable(scores.get("FinalScheduleBenchmark.ical4jBaseline"));
        rows.add(year.isEmpty() ? notRun("2", "Final schedule: shifts over 365 days") : new String[] {
            "2", "Final schedule: shifts over 365 days",
            ms(year.get()), yearBase.map(BenchmarkTable::ms).orElse("not run"),
            yearBase.map(b -> times(b.getScore() / year.get().getScore())).orElse("-"), "≤ 2 ms and ≥ 20×",
            met(year.get().getScore() <= 2e6
                    && yearBase.map(b -> b.getScore() / year.get().getScore() >= 20).orElse(false))});

        Optional<Result<?>> storm = Optional.ofNullable(scores.get("AlertStormBenchmark.incident4j"));
        rows.add(storm.isEmpty() ? notRun("3", "Alert storm: 1,000,000 alerts over 10,000 keys, one thread")
                : new String[] {"3", "Alert storm: 1,000,000 alerts over 10,000 keys, one thread",
                    perSecond(storm.get(), "alerts/s"), "none (absolute target)", "-", "≥ 1,000,000 alerts/s",
                    met(1e9 / storm.get().getScore() >= 1_000_000)});
        Double stormCpu = cpu.get("AlertStormBenchmark.incident4j");
        if (stormCpu != null) {
            double rate = AlertStormBenchmark.ALERTS / (stormCpu / 1e9);
            rows.add(new String[] {"3", "Alert storm, per second of process CPU time (all JVM threads, GC included)",
                String.format(Locale.ROOT, "%,.0f alerts/s", rate), "none", "-", "≥ 1,000,000 alerts/s",
                met(rate >= 1_000_000)});
        }
        if (probes.containsKey("storm.bytes") && probes.containsKey("control.bytes")) {
            long stormBytes = Long.parseLong(probes.get("storm.bytes"));
            long control = Long.parseLong(probes.get("control.bytes"));
            long extraEvents = Long.parseLong(probes.get("storm.events")) - Long.parseLong(probes.get("control.events"));
            boolean bounded = stormBytes <= control * 1.1 && extraEvents <= AlertStormBenchmark.KEYS
                    && probes.get("storm.pages").equals(probes.get("control.pages"));
            rows.add(new String[] {"3", "Alert storm: retained heap after GC, storm vs the same 10,000 incidents "
                    + "alerted once (separate JVMs); timeline events and pages retained", kib(stormBytes) + "; "
                    + probes.get("storm.events") + " events, " + probes.get("storm.pages") + " pages",
                    kib(control) + "; " + probes.get("control.events") + " events, " + probes.get("control.pages")
                    + " pages", String.format(Locale.ROOT, "%.3f×", stormBytes / (double) control),
                    "growth bounded by open incidents", met(bounded) + " (" + extraEvents
                    + " more events: one per incident; heap within the probe's noise)"});
        }

        Optional<Result<?>> esc = Optional.ofNullable(scores.get("EscalationTimersBenchmark.incident4j"));
        Optional<Result<?>> escBase = Optional.ofNullable(scores.get("EscalationTimersBenchmark.quartzBaseline"));
        rows.add(esc.isEmpty() ? notRun("4", "Escalation timers: 100,000 incidents, 150,000 steps") : new String[] {
            "4", "Escalation timers: 100,000 incidents, 150,000 steps",
            perSecond(esc.get(), "steps/s"), escBase.map(b -> perSecond(b, "steps/s")).orElse("not run"),
            escBase.map(b -> times(b.getScore() / esc.get().getScore())).orElse("-"), "≥ 10×",
            met(escBase.map(b -> b.getScore() / esc.get().getScore() >= 10).orElse(false))});

        Double escCpu = cpu.get("EscalationTimersBenchmark.incident4j");
        Double escBaseCpu = cpu.get("EscalationTimersBenchmark.quartzBaseline");
        if (escCpu != null) {
            double steps = EscalationTimersBenchmark.STEPS;
            rows.add(new String[] {"4", "Escalation timers, per second of process CPU time (all JVM threads)",
                String.format(Locale.ROOT, "%,.0f steps/s", steps / (escCpu / 1e9)),
                escBaseCpu == null ? "not run" : String.format(Locale.ROOT, "%,.0f steps/s", steps / (escBaseCpu / 1e9)),
                escBaseCpu == null ? "-" : times(escBaseCpu / escCpu), "≥ 10×",
                met(escBaseCpu != null && escBaseCpu / escCpu >= 10)});
        }

        // The floor (EscalationFloor): what the decided design allows at best, against the same baseline.
        for (String[] floor : new String[][] {{"floorWithOutbox", "with the outbox's saves (450,000)"},
                {"floorWithoutOutbox", "without the outbox (250,000 saves; could page twice after a crash)"}}) {
            Result<?> f = scores.get("EscalationTimersBenchmark." + floor[0]);
            if (f != null) {
                rows.add(new String[] {"4", "Escalation floor: the same state changes in bare maps, no engine, "
                        + floor[1], perSecond(f, "steps/s"), escBase.map(b -> perSecond(b, "steps/s")).orElse("not run"),
                        escBase.map(b -> times(b.getScore() / f.getScore())).orElse("-"), "(bound, not a target)",
                        "-"});
            }
            Double floorCpu = cpu.get("EscalationTimersBenchmark." + floor[0]);
            if (floorCpu != null) {
                double steps = EscalationTimersBenchmark.STEPS;
                rows.add(new String[] {"4", "Escalation floor " + floor[1] + ", per second of process CPU time",
                    String.format(Locale.ROOT, "%,.0f steps/s", steps / (floorCpu / 1e9)),
                    escBaseCpu == null ? "not run" : String.format(Locale.ROOT, "%,.0f steps/s", steps / (escBaseCpu / 1e9)),
                    escBaseCpu == null ? "-" : times(escBaseCpu / floorCpu), "(bound, not a target)", "-"});
            }
        }

        if (probes.containsKey("incidents.bytesPerIncident")) {
            long per = Long.parseLong(probes.get("incidents.bytesPerIncident"));
            rows.add(new String[] {"5", "Memory: retained heap per open incident, 10-event timeline, 100,000 open",
                per + " B", "none (absolute target)", "-", "≤ 2 KiB", met(per <= 2048)});
        } else {
            rows.add(notRun("5", "Memory: retained heap per open incident"));
        }

        Optional<Result<?>> md = Optional.ofNullable(scores.get("RunbookParseBenchmark.incident4j"));
        Optional<Result<?>> mdBase = Optional.ofNullable(scores.get("RunbookParseBenchmark.commonmarkBaseline"));
        rows.add(md.isEmpty() ? notRun("6", "Runbook Markdown: parse 1,000 seed-size runbooks") : new String[] {
            "6", "Runbook Markdown: parse 1,000 seed-size runbooks",
            ms(md.get()), mdBase.map(BenchmarkTable::ms).orElse("not run"),
            mdBase.map(b -> String.format(Locale.ROOT, "%.2f× the baseline's time", md.get().getScore()
                    / b.getScore())).orElse("-"), "≤ 1.5× the baseline's time",
            met(mdBase.map(b -> md.get().getScore() / b.getScore() <= 1.5).orElse(false))});
        return markdown(rows);
    }

    private static String[] notRun(String number, String what) {
        return new String[] {number, what, "not run", "-", "-", "-", "-"};
    }

    private static double median(Result<?> r) {
        return r.getStatistics().getPercentile(50.0);
    }

    private static String met(boolean yes) {
        return yes ? "yes" : "no";
    }

    private static String ns(double nanos) {
        return String.format(Locale.ROOT, "%,.0f ns", nanos);
    }

    private static String ms(Result<?> r) {
        return String.format(Locale.ROOT, "%,.3f ms ± %.0f%%", r.getScore() / 1e6, relativeError(r));
    }

    private static String kib(long bytes) {
        return String.format(Locale.ROOT, "%,.0f KiB", bytes / 1024.0);
    }

    private static String times(double ratio) {
        return String.format(Locale.ROOT, "%,.1f×", ratio);
    }

    /** A per-operation time in ns (single-shot, divided by operations per invocation) as a rate. */
    private static String perSecond(Result<?> r, String unit) {
        return String.format(Locale.ROOT, "%,.0f %s ± %.0f%%", 1e9 / r.getScore(), unit, relativeError(r));
    }

    private static double relativeError(Result<?> r) {
        double error = r.getScoreError();
        return Double.isNaN(error) ? 0 : 100 * error / r.getScore();
    }

    static String markdown(List<String[]> rows) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            sb.append("| ").append(String.join(" | ", rows.get(i))).append(" |\n");
            if (i == 0) {
                sb.append("|").append("---|".repeat(rows.get(0).length)).append('\n');
            }
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- heap probes and the machine

    /** Runs {@link HeapProbe} in a JVM of its own and returns its {@code key=value} lines. */
    static Map<String, String> probe(String mode) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-XX:+UseSerialGC", "-Xms1g", "-Xmx1g",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
                HeapProbe.class.getName(), mode).redirectErrorStream(true).start();
        Map<String, String> values = new LinkedHashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                System.out.println("[heap probe " + mode + "] " + line);
                int eq = line.indexOf('=');
                if (eq > 0) {
                    values.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        }
        if (process.waitFor() != 0) {
            throw new IllegalStateException("the heap probe '" + mode + "' failed");
        }
        return values;
    }

    static String machine() throws IOException {
        String cpu = "unknown CPU";
        Path info = Path.of("/proc/cpuinfo");
        if (Files.isReadable(info)) {
            cpu = Files.readAllLines(info).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(cpu);
        }
        return String.format(Locale.ROOT, "Machine: %s, %d CPUs available to the JVM; %s %s (%s); %s %s",
                cpu, Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), System.getProperty("java.vm.vendor"),
                System.getProperty("os.name"), System.getProperty("os.arch"));
    }
}
