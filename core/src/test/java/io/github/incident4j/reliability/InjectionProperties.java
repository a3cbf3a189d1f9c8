package io.github.incident4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.incident4j.ValidationException;
import io.github.incident4j.format.RunbookMarkdown;
import io.github.incident4j.runbook.Bindings;
import io.github.incident4j.runbook.Runbook;
import io.github.incident4j.runbook.RunbookRunner;
import io.github.incident4j.sim.ScriptedMetrics;
import io.github.incident4j.sim.SimulatedCluster;
import io.github.incident4j.sim.SimulatedDependencies;
import io.github.incident4j.sim.VirtualTime;
import io.github.incident4j.spi.Approver;
import io.github.incident4j.spi.DependencyProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A runbook written in Markdown with variables, bound to hostile values (shell metacharacters, selector
 * terms, options, newlines, path traversal and credentials in URLs, overlong values) and run through
 * diagnosis, mitigation and dry run: every run is refused with a {@link ValidationException} before the
 * simulated cluster, the dependency probe, the metrics or the timeline see anything.
 */
class InjectionProperties {

    static final String RUNBOOK = """
            # Runbook: Payment Service — High Error Rate

            ## Overview
            - **Service**: payment-service
            - **Owner**: payments-team

            ## Detection
            - **Alert**: `ServiceHighErrorRate` fires when error rate > 5% for 5m

            ## Diagnosis
            1. Check pods: `kubectl get pods -n ${ns} -l app=${app}`
            2. Check rollout history: `kubectl rollout history deployment/${app} -n ${ns}`
            3. Check error logs: `kubectl logs -n ${ns} -l app=${app} --since=10m | grep ERROR`
            4. Check dependencies:
               - Redis: `redis-cli -h ${redis} ping`
               - Upstream API: `curl -s -o /dev/null -w "%{http_code}" ${upstream}`

            ## Mitigation
            ### Rollback deployment
            ```bash
            kubectl rollout undo deployment/${app} -n ${ns}
            kubectl rollout status deployment/${app} -n ${ns}
            ```

            ### Scale up
            ```bash
            kubectl scale deployment/${app} --replicas=6 -n ${ns}
            ```

            ## Recovery Verification
            1. Error rate returns to baseline (< 0.1%)
            """;

    static final List<String> VARIABLES = List.of("ns", "app", "redis", "upstream");

    @Provide
    Arbitrary<String> hostile() {
        Arbitrary<String> fixed = Arbitraries.of(
                "production; rm -rf /", "prod && curl evil", "$(reboot)", "`id`", "prod | sh", "prod > /etc/passwd",
                "prod\nkubectl delete ns production", "prod\r\nx", "a,env=prod", "app!=x", "app in (a,b)",
                "--all-namespaces", "-A", "--kubeconfig=/tmp/k", "prod ns2", "../../etc/passwd", "prod\u0000",
                "https://upstream/../../admin", "https://user:secret@upstream/health", "file:///etc/passwd",
                "http://upstream/%2e%2e/admin", "x".repeat(300), "'; DROP TABLE incidents;--", "${ns}", "*");
        Arbitrary<String> mixed = Combinators.combine(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8),
                Arbitraries.of(";", "&", "|", "$(", "`", "\n", "\r", " ", ",", "=", "!", "..", "/", "\\", "\t", ">", "<"),
                Arbitraries.strings().alpha().ofMaxLength(8)).as((a, meta, b) -> a + meta + b);
        return Arbitraries.oneOf(fixed, mixed);
    }

    @Property(tries = 300)
    @Label("a hostile variable value is refused before anything reaches an SPI")
    void hostileValuesReachNoSpi(@ForAll("hostile") String value, @ForAll("variables") String variable) {
        VirtualTime time = VirtualTime.startingAt(Instant.parse("2026-03-02T09:00:00Z"));
        SimulatedCluster cluster = SimulatedCluster.builder(time.clock(), time)
                .deployment("production", "payment-service", d -> d.replicas(2).image("p:1")).build();
        AtomicInteger probes = new AtomicInteger();
        DependencyProbe counting = countingProbe(probes);
        AtomicInteger metricReads = new AtomicInteger();
        ScriptedMetrics metrics = ScriptedMetrics.builder().metric("error rate", t -> {
            metricReads.incrementAndGet();
            return java.util.Optional.empty();
        }).build();
        List<String> timeline = new ArrayList<>();
        RunbookRunner runner = RunbookRunner.builder().timers(time).cluster(cluster)
                .probe(counting).metrics(metrics).approver(Approver.ALLOW_ALL)
                .timeline((at, actor, action, detail) -> timeline.add(action)).rolloutTimeout(Duration.ofMinutes(1))
                .build();
        Runbook runbook = RunbookMarkdown.parse(RUNBOOK);
        Map<String, String> values = new HashMap<>(Map.of("ns", "production", "app", "payment-service",
                "redis", "redis-host", "upstream", "https://upstream.internal/health"));
        values.put(variable, value);
        Bindings bindings = Bindings.of(values);
        List<Runnable> runs = List.of(() -> runner.diagnose(runbook, bindings),
                () -> runner.mitigate(runbook, "Rollback deployment", bindings),
                () -> runner.mitigate(runbook, "Scale up", bindings),
                () -> runner.dryRun(runbook, "Rollback deployment", bindings));
        for (Runnable run : runs) {
            if (usedBy(variable, run, runs)) {
                assertThat(catchThrowable(run::run)).as("%s=%s", variable, value)
                        .isInstanceOf(ValidationException.class);
            }
        }
        for (SimulatedCluster.Operation op : SimulatedCluster.Operation.values()) {
            assertThat(cluster.calls(op)).as("%s calls after %s=%s", op, variable, value).isZero();
        }
        assertThat(probes).hasValue(0);
        assertThat(metricReads).hasValue(0);
        assertThat(timeline).as("timeline").isEmpty();
        assertThat(cluster.template("production", "payment-service").image()).isEqualTo("p:1");
    }

    /** Diagnosis uses every variable; the mitigations only the namespace and the app. */
    private static boolean usedBy(String variable, Runnable run, List<Runnable> runs) {
        return runs.indexOf(run) == 0 || variable.equals("ns") || variable.equals("app");
    }

    @Provide
    Arbitrary<String> variables() {
        return Arbitraries.of(VARIABLES);
    }

    private static DependencyProbe countingProbe(AtomicInteger calls) {
        DependencyProbe healthy = SimulatedDependencies.allHealthy();
        return (DependencyProbe) java.lang.reflect.Proxy.newProxyInstance(DependencyProbe.class.getClassLoader(),
                new Class<?>[] {DependencyProbe.class}, (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return method.invoke(healthy, args);
                    }
                    calls.incrementAndGet();
                    return method.invoke(healthy, args);
                });
    }
}
