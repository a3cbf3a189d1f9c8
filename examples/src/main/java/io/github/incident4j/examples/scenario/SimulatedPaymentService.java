package io.github.incident4j.examples.scenario;

import io.github.incident4j.common.Quantity;
import io.github.incident4j.sim.ScriptedMetrics;
import io.github.incident4j.sim.SimulatedCluster;
import io.github.incident4j.sim.VirtualTime;
import io.github.incident4j.spi.ClusterOperations;
import io.github.incident4j.spi.MetricsSource;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * {@code payment-service} on the embedded simulation: a {@link SimulatedCluster} deployment of three replicas
 * and {@link ScriptedMetrics} that follow its pods the way a service behind a Kubernetes {@code Service} does.
 * Requests go only to ready pods, so:
 * <ul>
 *   <li>error rate: the baseline 0.05% while at least one pod is ready; 100% (every request refused) while
 *       none is, as when every pod of a bad revision crash-loops;</li>
 *   <li>p99 latency: 180ms at full strength, growing as the load is shared by fewer ready pods
 *       (180ms × replicas / ready), 5000ms (the gateway's timeout) with none.</li>
 * </ul>
 * The series read the simulated pods as they are at the moment of reading; every reader here reads at the
 * current virtual instant, so a window over them averages equal samples.
 *
 * <p>Pods start in 5 seconds and are replaced 2 seconds after a deletion, so a replica lost to the chaos
 * experiment is back before its next strike 10 seconds later.
 */
final class SimulatedPaymentService {

    static final String NAMESPACE = "production";
    static final String SERVICE = "payment-service";
    static final Map<String, String> SELECTOR = Map.of("app", SERVICE);
    static final int REPLICAS = 3;
    static final String GOOD_IMAGE = "payment:2.3.0";
    static final String GOOD_CAUSE = "deploy v2.3.0";
    static final String BAD_IMAGE = "payment:2.3.1";
    static final String BAD_VERSION = "v2.3.1";
    static final String BAD_CAUSE = "deploy " + BAD_VERSION;
    static final String BAD_ERROR = "ERROR PaymentController: HikariPool-1 - Connection is not available, request timed out";

    static final Quantity BASELINE_ERROR_RATE = Quantity.percent(0.05);
    static final double BASELINE_LATENCY_MS = 180;
    static final double TIMEOUT_MS = 5000;

    /** The metric names: the runbook writes "latency p99", the chaos seed "p99 latency"; both are this series. */
    static final String ERROR_RATE = "error rate";
    static final String LATENCY_P99 = "latency p99";
    static final String P99_LATENCY = "p99 latency";

    private final SimulatedCluster cluster;
    private final ScriptedMetrics metrics;

    SimulatedPaymentService(VirtualTime time) {
        this.cluster = SimulatedCluster.builder(time.clock(), time)
                .podStartupDelay(Duration.ofSeconds(5))
                .podReplacementDelay(Duration.ofSeconds(2))
                .deployment(NAMESPACE, SERVICE, d -> d.replicas(REPLICAS)
                        .history("payment:2.2.0", "deploy v2.2.0")
                        .image(GOOD_IMAGE).changeCause(GOOD_CAUSE))
                .build();
        ScriptedMetrics.Series latency = t -> Optional.of(latency());
        // no labels: these scripts answer the runbook's queries (service=...) and the chaos runner's (app=..., namespace=...)
        this.metrics = ScriptedMetrics.builder()
                .metric(ERROR_RATE, t -> Optional.of(errorRate()))
                .metric(LATENCY_P99, latency)
                .metric(P99_LATENCY, latency)
                .build();
    }

    SimulatedCluster cluster() {
        return cluster;
    }

    MetricsSource metrics() {
        return metrics;
    }

    /** Rolls out the bad revision: its pods fail on start and crash-loop, logging {@link #BAD_ERROR}. */
    void deployBadRevision() {
        cluster.deployBadRevision(NAMESPACE, SERVICE, BAD_IMAGE, BAD_CAUSE, BAD_ERROR);
    }

    long readyPods() {
        return cluster.pods(NAMESPACE, SELECTOR).stream().filter(ClusterOperations.Pod::ready).count();
    }

    Quantity errorRate() {
        return readyPods() == 0 ? Quantity.percent(100) : BASELINE_ERROR_RATE;
    }

    Quantity latency() {
        long ready = readyPods();
        return Quantity.millis(ready == 0 ? TIMEOUT_MS : Math.round(BASELINE_LATENCY_MS * REPLICAS / ready));
    }
}
