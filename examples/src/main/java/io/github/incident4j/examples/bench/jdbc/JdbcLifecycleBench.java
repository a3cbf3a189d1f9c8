package io.github.incident4j.examples.bench.jdbc;

import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.escalation.Target;
import io.github.incident4j.incident.Alert;
import io.github.incident4j.incident.Incident;
import io.github.incident4j.incident.IncidentManager;
import io.github.incident4j.incident.IncidentStatus;
import io.github.incident4j.incident.Urgency;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Trigger, acknowledge and resolve throughput: one operation opens a new incident (a new dedup key; level 1 is
 * paged and the delivery recorded), acknowledges it and resolves it, on the manager of the calling JMH thread.
 * Virtual time does not move, so no escalation step interferes. Score: incidents per second, all threads together.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class JdbcLifecycleBench {

    static final EscalationPolicy POLICY = EscalationPolicy.named("Backend")
            .level(1, Duration.ofMinutes(5), Target.person("Alice"))
            .level(2, Duration.ofMinutes(5), Target.person("Bob"))
            .level(3, Target.person("Carol"))
            .build();

    /** The calling thread's manager and its own key sequence. */
    @State(Scope.Thread)
    public static class Driver {
        IncidentManager manager;
        String prefix = "";
        long next;

        @Setup(Level.Trial)
        public void pick(SharedStore shared, ThreadParams thread) {
            manager = shared.manager(thread.getThreadIndex());
            prefix = "lifecycle-" + thread.getThreadIndex() + "-";
        }
    }

    @Benchmark
    public Incident triggerAcknowledgeResolve(Driver d) {
        Alert alert = Alert.withKey(d.prefix + d.next++).service("payments").summary("checkout failing")
                .urgency(Urgency.HIGH).build();
        Incident incident = d.manager.trigger(alert, POLICY);
        d.manager.acknowledge(incident.id(), "Alice");
        Incident resolved = d.manager.resolve(incident.id(), "Alice");
        if (resolved.status() != IncidentStatus.RESOLVED) {
            throw new IllegalStateException("incident " + incident.id() + " is " + resolved.status());
        }
        return resolved;
    }
}
