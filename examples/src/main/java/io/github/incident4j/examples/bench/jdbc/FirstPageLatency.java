package io.github.incident4j.examples.bench.jdbc;

import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.escalation.Target;
import io.github.incident4j.incident.Alert;
import io.github.incident4j.incident.IncidentManager;
import io.github.incident4j.incident.Urgency;
import io.github.incident4j.spi.Page;
import io.github.incident4j.spi.Pager;
import io.github.incident4j.spi.SystemTimers;
import io.github.incident4j.store.JdbcIncidentStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Benchmark 7, row 5: alert-to-first-page latency at a fixed offered rate, open loop (alerts are sent at their
 * planned instants whether or not earlier ones are done, so a slow system shows as latency, not as a lower rate). Two
 * incident managers in real time ({@link SystemTimers}), each with its own HikariCP pool on one embedded PostgreSQL;
 * alert {@code k} is triggered on manager {@code k mod 2} by one of {@link #WORKERS} worker threads at
 * {@code start + k / rate}. Latency: from the planned instant to the pager's call for level 1 (the page leaves after
 * the incident and its claim are stored, in the durable outbox). Not JMH: JMH's sample mode is a closed loop.
 *
 * <pre>
 * java -cp "examples/target/classes:$(cat examples/target/bench.classpath)" \
 *     io.github.incident4j.examples.bench.jdbc.FirstPageLatency 200 1000
 * </pre>
 */
public final class FirstPageLatency {

    static final int INSTANCES = 2;
    static final int WORKERS = 16;
    static final int POOL_SIZE = 8;
    static final Duration WARMUP = Duration.ofSeconds(5);
    static final Duration MEASURE = Duration.ofSeconds(10);
    static final int RUNS = 5;
    static final EscalationPolicy POLICY = EscalationPolicy.named("Backend")
            .level(1, Duration.ofMinutes(15), Target.person("Alice"))
            .level(2, Duration.ofMinutes(30), Target.person("Bob"))
            .level(3, Target.person("Carol"))
            .build();

    /** p50 and p99 of one run, in milliseconds, and how many alerts it measured. */
    record Run(double p50, double p99, double max, int alerts) {
    }

    /** The runs at one rate and their summary: means, with the lowest and highest run. */
    record Result(int rate, List<Run> runs) {
        double p50() {
            return runs.stream().mapToDouble(Run::p50).average().orElse(Double.NaN);
        }

        double p99() {
            return runs.stream().mapToDouble(Run::p99).average().orElse(Double.NaN);
        }

        String describe(java.util.function.ToDoubleFunction<Run> f) {
            double mean = runs.stream().mapToDouble(f).average().orElse(Double.NaN);
            double min = runs.stream().mapToDouble(f).min().orElse(Double.NaN);
            double max = runs.stream().mapToDouble(f).max().orElse(Double.NaN);
            return String.format(Locale.ROOT, "%.1f ms (runs %.1f–%.1f)", mean, min, max);
        }
    }

    private FirstPageLatency() {
    }

    /** Measures each rate given (alerts per second; default 200 and 1000) and prints the figures. */
    public static void main(String[] args) throws InterruptedException {
        List<Integer> rates = new ArrayList<>();
        for (String a : args) {
            rates.add(Integer.parseInt(a));
        }
        for (Result r : measure(rates.isEmpty() ? List.of(200, 1000) : rates)) {
            System.out.println(line(r));
        }
    }

    static String line(Result r) {
        return String.format(Locale.ROOT, "%,d alerts/s, %d instances: p50 %s, p99 %s, %d runs of %d s", r.rate(),
                INSTANCES, r.describe(Run::p50), r.describe(Run::p99), r.runs().size(), MEASURE.toSeconds());
    }

    /** Runs {@link #RUNS} runs at each rate, each on a fresh embedded PostgreSQL. */
    static List<Result> measure(List<Integer> rates) throws InterruptedException {
        List<Result> results = new ArrayList<>();
        for (int rate : rates) {
            List<Run> runs = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                runs.add(run(rate));
            }
            results.add(new Result(rate, runs));
        }
        return results;
    }

    private static Run run(int rate) throws InterruptedException {
        ConcurrentHashMap<String, Long> sentAt = new ConcurrentHashMap<>();
        Pager pager = new Pager() {
            @Override
            public CompletionStage<Void> send(Page page) {
                if (page.level() == 1) {
                    sentAt.putIfAbsent(page.dedupKey(), System.nanoTime());
                }
                return Pager.NOOP.send(page);
            }
        };
        int warm = (int) (rate * WARMUP.toSeconds());
        int total = warm + (int) (rate * MEASURE.toSeconds());
        long[] planned = new long[total];
        SystemTimers timers = SystemTimers.startDaemon();
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
        try (BenchDatabase database = BenchDatabase.start()) {
            List<IncidentManager> managers = new ArrayList<>();
            for (int i = 0; i < INSTANCES; i++) {
                JdbcIncidentStore store = JdbcIncidentStore.on(database.pool("latency", "latency-" + i, POOL_SIZE))
                        .instanceId("instance-" + i).build();
                store.createSchemaIfMissing();
                managers.add(IncidentManager.builder().timers(timers).pager(pager).store(store)
                        .pollInterval(Duration.ofMinutes(1)).build());
            }
            long period = TimeUnit.SECONDS.toNanos(1) / rate;
            long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
            for (int k = 0; k < total; k++) {
                planned[k] = start + k * period;
                long wait = planned[k] - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                IncidentManager m = managers.get(k % INSTANCES);
                Alert alert = Alert.withKey("alert-" + k).service("payments").summary("checkout failing")
                        .urgency(Urgency.HIGH).build();
                workers.execute(() -> m.trigger(alert, POLICY));
            }
            workers.shutdown();
            if (!workers.awaitTermination(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException("alerts still being triggered after 2 minutes");
            }
            managers.forEach(IncidentManager::close);
        } finally {
            workers.shutdownNow();
            timers.close();
        }
        double[] ms = new double[total - warm];
        for (int k = warm; k < total; k++) {
            Long at = sentAt.get("alert-" + k);
            if (at == null) {
                throw new IllegalStateException("alert-" + k + " was never paged");
            }
            ms[k - warm] = (at - planned[k]) / 1e6;
        }
        Arrays.sort(ms);
        return new Run(ms[(int) (ms.length * 0.50)], ms[(int) Math.min(ms.length - 1, ms.length * 0.99)],
                ms[ms.length - 1], ms.length);
    }
}
