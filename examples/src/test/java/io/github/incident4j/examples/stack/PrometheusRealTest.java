package io.github.incident4j.examples.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.incident4j.chaos.BlastRadiusGuard;
import io.github.incident4j.chaos.ChaosExperiment;
import io.github.incident4j.chaos.ChaosRunner;
import io.github.incident4j.chaos.ExperimentResult;
import io.github.incident4j.common.Quantity;
import io.github.incident4j.format.ChaosEngineYaml;
import io.github.incident4j.metrics.PrometheusException;
import io.github.incident4j.metrics.PrometheusMetricsSource;
import io.github.incident4j.runbook.RecoveryReport;
import io.github.incident4j.runbook.Runbook;
import io.github.incident4j.sim.SimulatedCluster;
import io.github.incident4j.sim.VirtualTime;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PrometheusMetricsSource on the real Prometheus 2.42 ({@code prometheus} and {@code promtool}, Debian package) with
 * known data backfilled by promtool: readings, Prometheus's own errors, empty results and NaN, recovery verification
 * that passes on a recovered series and fails on a relapsing one, and the chaos steady-state hypothesis. The samples
 * Prometheus returned are written to {@code target/stack/recovery-samples.txt}.
 */
class PrometheusRealTest {

    private static final Logger LOG = LoggerFactory.getLogger(PrometheusRealTest.class);
    private static final Instant SINCE = PaymentMetrics.RECOVERY.plus(Duration.ofMinutes(1));
    private static LocalPrometheus prometheus;
    private static final StringBuilder REPORT = new StringBuilder();

    @BeforeAll
    static void start() {
        prometheus = LocalPrometheus.withData(Path.of("target/stack/prometheus"), PaymentMetrics.openMetrics());
    }

    @AfterAll
    static void stop() throws IOException {
        if (prometheus != null) {
            prometheus.close();
        }
        Files.createDirectories(Path.of("target/stack"));
        Files.writeString(Path.of("target/stack/recovery-samples.txt"), REPORT.toString(), StandardCharsets.UTF_8);
    }

    private static PrometheusMetricsSource source(Runbook runbook) {
        return RecoveryOnPrometheus.source(prometheus.url(), runbook);
    }

    private static void report(String title, RecoveryOnPrometheus.Outcome o) {
        StringBuilder b = new StringBuilder(title).append(": verified=").append(o.report().verified()).append('\n');
        o.report().criteria().forEach(c -> b.append("  ").append(c.status()).append("  ").append(c.criterion().text())
                .append(" (").append(c.samples()).append(" samples)").append(c.failedAt().map(t -> " failed at " + t).orElse(""))
                .append(c.observed().map(v -> " with " + v).orElse("")).append('\n'));
        o.samples().forEach((metric, samples) -> b.append("  ").append(metric).append(": ").append(samples.stream()
                .map(s -> s.at().toString().substring(11, 16) + "=" + String.format(java.util.Locale.ROOT, "%.4f", s.value()))
                .collect(Collectors.joining(" "))).append('\n'));
        LOG.info("\n{}", b);
        synchronized (REPORT) {
            REPORT.append(b);
        }
    }

    @Test
    @DisplayName("metrics read the backfilled values in the runbook's units: error rate in percent, p99 latency in seconds")
    void readings() {
        PrometheusMetricsSource source = source(RecoveryOnPrometheus.runbook(PaymentMetrics.RECOVERED));
        Map<String, String> payment = Map.of("service", PaymentMetrics.RECOVERED);
        Instant incident = PaymentMetrics.START.plus(Duration.ofMinutes(10));
        Instant recovered = PaymentMetrics.START.plus(Duration.ofMinutes(25));

        Quantity during = source.read("error rate", payment, incident, Duration.ofMinutes(1)).orElseThrow();
        Quantity after = source.read("Error Rate", payment, recovered, Duration.ofMinutes(1)).orElseThrow();
        Quantity p99 = source.read("p99 latency", payment, recovered, Duration.ofMinutes(1)).orElseThrow();

        assertThat(during.unit()).isEqualTo(Quantity.Unit.PERCENT);
        assertThat(during.value()).isCloseTo(12.0, within(1e-6));
        assertThat(after.value()).isCloseTo(0.05, within(1e-6));
        assertThat(p99.unit()).isEqualTo(Quantity.Unit.SECONDS);
        assertThat(p99.value()).isCloseTo(0.1 + 0.09 / 0.095 * 0.15, within(1e-6));   // within the 0.1..0.25 bucket
        assertThat(p99).isLessThan(Quantity.parse("500ms"));
    }

    @Test
    @DisplayName("recovery verification passes on the recovered series: every criterion held for 15 minutes")
    void recoveryPasses() {
        Runbook runbook = RecoveryOnPrometheus.runbook(PaymentMetrics.RECOVERED);
        RecoveryOnPrometheus.Outcome o = RecoveryOnPrometheus.verify(source(runbook), runbook, SINCE);
        report("recovered " + PaymentMetrics.RECOVERED + " from " + SINCE, o);

        assertThat(o.report().verified()).isTrue();
        assertThat(o.report().hold()).isEqualTo(Duration.ofMinutes(15));
        assertThat(o.report().criteria()).filteredOn(c -> c.status() == RecoveryReport.Status.HELD)
                .extracting(RecoveryReport.CriterionResult::samples).containsExactly(16, 16);
        assertThat(o.samples().get("error rate")).hasSize(16).allSatisfy(s -> assertThat(s.value()).isCloseTo(0.05, within(1e-6)));
        assertThat(o.samples().get("p99 latency")).hasSize(16).allSatisfy(s -> assertThat(s.value()).isLessThan(0.5));
    }

    @Test
    @DisplayName("recovery verification fails on the relapsing series at the first sample after the relapse, with the value seen")
    void recoveryFailsOnRelapse() {
        Runbook runbook = RecoveryOnPrometheus.runbook(PaymentMetrics.RELAPSING);
        RecoveryOnPrometheus.Outcome o = RecoveryOnPrometheus.verify(source(runbook), runbook, SINCE);
        report("relapsing " + PaymentMetrics.RELAPSING + " from " + SINCE, o);

        assertThat(o.report().verified()).isFalse();
        RecoveryReport.CriterionResult failed = o.report().failure().orElseThrow();
        assertThat(failed.criterion().text()).isEqualTo("Error rate returns to baseline (< 0.1%)");
        assertThat(failed.failedAt()).contains(PaymentMetrics.RELAPSE); // the window ending at 09:32 holds the first bad step
        assertThat(Quantity.parse(failed.observed().orElseThrow())).isGreaterThan(Quantity.percent(0.1));
        assertThat(failed.samples()).isEqualTo(12);                     // 09:21 .. 09:32
        assertThat(o.samples().get("error rate")).anySatisfy(s -> assertThat(s.value()).isCloseTo(3.0, within(0.5)));
    }

    @Test
    @DisplayName("the chaos steady-state hypothesis runs on Prometheus: Pass while recovered, not Pass during the incident")
    void chaosSteadyState() throws IOException {
        ChaosExperiment experiment;
        try (InputStream in = PrometheusRealTest.class.getResourceAsStream("/seed/chaos-pod-delete.yaml")) {
            experiment = ChaosEngineYaml.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        PrometheusMetricsSource source = PrometheusMetricsSource.at(prometheus.url()).queries(PaymentMetrics.PROMQL)
                .unitsFrom(experiment.hypothesis()).timeout(Duration.ofSeconds(10)).build();

        ExperimentResult healthy = runChaos(experiment, source, PaymentMetrics.START.plus(Duration.ofMinutes(22)));
        ExperimentResult sick = runChaos(experiment, source, PaymentMetrics.START.plus(Duration.ofMinutes(5)));

        assertThat(healthy.verdict()).as(healthy.reason()).isEqualTo(ExperimentResult.Verdict.PASS);
        assertThat(healthy.samples()).filteredOn(s -> s.check().toLowerCase(java.util.Locale.ROOT).contains("latency"))
                .isNotEmpty().allSatisfy(s -> assertThat(s.passed()).isTrue());
        assertThat(sick.verdict()).isNotEqualTo(ExperimentResult.Verdict.PASS);
        assertThat(sick.samples()).anySatisfy(s -> assertThat(s.observed()).contains("error rate = 12%"));
    }

    private static ExperimentResult runChaos(ChaosExperiment experiment, PrometheusMetricsSource source, Instant at) {
        VirtualTime time = VirtualTime.startingAt(at);
        SimulatedCluster cluster = SimulatedCluster.builder(time.clock(), time)
                .deployment("production", "payment-service", d -> d.replicas(3).image("payment:2.3.0")).build();
        return ChaosRunner.builder().timers(time).cluster(cluster).metrics(source)
                .integrityCheck(io.github.incident4j.spi.DataIntegrityCheck.fingerprint(t -> "ledger"))
                .guard(BlastRadiusGuard.allowing("production").allowProduction()).build().run(experiment);
    }

    @Test
    @DisplayName("a bad query fails with Prometheus's own error text and type; an unknown series is no data; NaN is no data; "
            + "+Inf and several series are errors")
    void errorsEmptyAndNaN() {
        PrometheusMetricsSource source = source(RecoveryOnPrometheus.runbook(PaymentMetrics.RECOVERED));
        Instant at = PaymentMetrics.START.plus(Duration.ofMinutes(25));
        Map<String, String> none = Map.of();

        assertThatThrownBy(() -> source.read("sum(rate(http_requests_total[1m]", none, at, Duration.ofMinutes(1)))
                .isInstanceOfSatisfying(PrometheusException.class, e -> {
                    assertThat(e.errorType()).contains("bad_data");
                    assertThat(e.status()).hasValue(400);
                    assertThat(e.getMessage()).contains("parse error").contains("unclosed left parenthesis");
                });
        assertThat(source.read("error rate", Map.of("service", "no-such-service"), at, Duration.ofMinutes(1))).isEmpty();
        assertThat(source.read("0/0", none, at, Duration.ofMinutes(1))).isEmpty();
        assertThat(source.instant("0/0", at)).singleElement().satisfies(s -> assertThat(s.samples().get(0).value()).isNaN());
        assertThatThrownBy(() -> source.read("1/0", none, at, Duration.ofMinutes(1))).hasMessageContaining("+Inf");
        assertThatThrownBy(() -> source.read("http_requests_total", none, at, Duration.ofMinutes(1)))
                .hasMessageContaining("returned 4 series").hasMessageContaining("aggregate");
        assertThatThrownBy(() -> source.read("http_requests_total[1m]", none, at, Duration.ofMinutes(1)))
                .hasMessageContaining("returned a matrix");
        assertThatThrownBy(() -> source.read("error rate", Map.of("team", "x"), at, Duration.ofMinutes(1)))
                .hasMessageContaining("uses ${service|app}, but no label");
    }

    @Test
    @DisplayName("range queries return every series with its samples at the step")
    void range() {
        PrometheusMetricsSource source = source(RecoveryOnPrometheus.runbook(PaymentMetrics.RECOVERED));
        List<PrometheusMetricsSource.Series> series = source.range("sum by (service) (rate(http_requests_total[1m]))",
                PaymentMetrics.START.plus(Duration.ofMinutes(5)), PaymentMetrics.START.plus(Duration.ofMinutes(10)),
                Duration.ofMinutes(1));
        assertThat(series).hasSize(2);
        assertThat(series).allSatisfy(s -> {
            assertThat(s.samples()).hasSize(6);
            assertThat(s.samples()).allSatisfy(x -> assertThat(x.value()).isCloseTo(20.0, within(1e-9)));
        });
        assertThat(series).extracting(s -> s.labels().get("service"))
                .containsExactlyInAnyOrder(PaymentMetrics.RECOVERED, PaymentMetrics.RELAPSING);
    }
}
