package io.github.incident4j.examples.stack;

import io.github.incident4j.common.Condition;
import io.github.incident4j.metrics.PrometheusMetricsSource;
import io.github.incident4j.runbook.Bindings;
import io.github.incident4j.runbook.RecoveryCriterion;
import io.github.incident4j.runbook.RecoveryReport;
import io.github.incident4j.runbook.Runbook;
import io.github.incident4j.runbook.RunbookRunner;
import io.github.incident4j.sim.SimulatedCluster;
import io.github.incident4j.sim.SimulatedDependencies;
import io.github.incident4j.sim.VirtualTime;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recovery verification on a real Prometheus: a service's runbook with the seed runbook's recovery criteria
 * ({@code error rate < 0.1%}, {@code p99 latency < 500ms}, held for 15 minutes), checked by {@link RunbookRunner}
 * through {@link PrometheusMetricsSource} in virtual time placed over the data's hour, so each sample is Prometheus's
 * answer at that instant. The samples Prometheus returned over the hold window come back with the report.
 */
public final class RecoveryOnPrometheus {

    /** How often the criteria are sampled. */
    public static final Duration SAMPLE_EVERY = Duration.ofMinutes(1);

    private RecoveryOnPrometheus() {
    }

    /**
     * The report and what Prometheus answered.
     *
     * @param report the runner's report
     * @param samples per metric, Prometheus's samples over the hold window (a range query at the sampling step)
     */
    public record Outcome(RecoveryReport report, Map<String, List<PrometheusMetricsSource.Sample>> samples) {
    }

    /** The runbook of a service with the seed runbook's recovery verification. */
    public static Runbook runbook(String service) {
        return Runbook.forService(service).title(service, "High error rate").owner("payments-team")
                .alert("ServiceHighErrorRate", "error rate > 5% for 5m")
                .recovery("Error rate returns to baseline (< 0.1%)")
                .recovery("Latency p99 returns to baseline (< 500ms)")
                .recovery("Confirm in dashboard for 15 minutes")
                .build();
    }

    /** A source on the Prometheus at {@code url} with {@link PaymentMetrics#PROMQL}, units from the runbook. */
    public static PrometheusMetricsSource source(URI url, Runbook runbook) {
        return PrometheusMetricsSource.at(url).queries(PaymentMetrics.PROMQL).unitsFrom(runbook)
                .timeout(Duration.ofSeconds(10)).build();
    }

    /** Verifies recovery of the runbook's service from {@code since} over its hold. */
    public static Outcome verify(PrometheusMetricsSource source, Runbook runbook, Instant since) {
        VirtualTime time = VirtualTime.startingAt(since);
        RunbookRunner runner = RunbookRunner.builder().timers(time)
                .cluster(SimulatedCluster.builder(time.clock(), time).build())
                .probe(SimulatedDependencies.allHealthy())
                .metrics(source).sampleInterval(SAMPLE_EVERY).build();
        RecoveryReport report = runner.verifyRecovery(runbook, Bindings.empty(), since);
        Map<String, List<PrometheusMetricsSource.Sample>> samples = new LinkedHashMap<>();
        Map<String, String> labels = Map.of("service", runbook.service());
        for (RecoveryCriterion c : runbook.recovery()) {
            c.condition().map(Condition::metricKey).ifPresent(metric -> {
                List<PrometheusMetricsSource.Series> series = source.range(source.promql(metric, labels, SAMPLE_EVERY),
                        since, since.plus(runbook.holdDuration()), SAMPLE_EVERY);
                samples.put(metric, series.isEmpty() ? List.of() : series.get(0).samples());
            });
        }
        return new Outcome(report, samples);
    }
}
