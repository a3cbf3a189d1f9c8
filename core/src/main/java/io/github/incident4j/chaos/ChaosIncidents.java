package io.github.incident4j.chaos;

import io.github.incident4j.common.Severity;
import io.github.incident4j.common.TimelineSink;
import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.incident.Alert;
import io.github.incident4j.incident.Incident;
import io.github.incident4j.incident.IncidentManager;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Opens an incident when a chaos experiment fails, with the experiment's evidence on its timeline: a
 * failed experiment is a weakness found in the system, and it should reach the same people and the same
 * process as any other incident.
 *
 * <pre>{@code
 * ChaosRunner runner = ChaosRunner.builder()...
 *         .onResult(ChaosIncidents.openOnFailure(manager, policy, "payment-service", Severity.SEV_3))
 *         .build();
 * }</pre>
 */
public final class ChaosIncidents {

    private static final String ACTOR = "chaos";

    private ChaosIncidents() {
    }

    /**
     * A result listener that triggers an incident for every result with verdict Fail or Error (Pass and
     * Stopped open nothing: a stopped experiment injected nothing or was halted on purpose). The alert's
     * dedup key is {@code chaos/<experiment>}, so repeated failures of one experiment count on one open
     * incident; its category is {@code App crash}.
     */
    public static Consumer<ExperimentResult> openOnFailure(IncidentManager manager, EscalationPolicy policy,
            String service, Severity severity) {
        Objects.requireNonNull(manager, "manager");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(severity, "severity");
        return result -> {
            if (result.verdict() != ExperimentResult.Verdict.FAIL && result.verdict() != ExperimentResult.Verdict.ERROR) {
                return;
            }
            Alert alert = Alert.withKey("chaos/" + result.experiment())
                    .service(service)
                    .summary("Chaos experiment " + result.experiment() + " ended " + result.verdict().litmusName()
                            + ": " + result.reason())
                    .severity(severity)
                    .category("App crash")
                    .label("namespace", result.namespace())
                    .label("probeSuccessPercentage", String.valueOf(result.probeSuccessPercentage()))
                    .build();
            Incident incident = manager.trigger(alert, policy);
            TimelineSink sink = manager.timelineSink(incident.id());
            // The evidence predates the incident: it is recorded when the incident opens (keeping the timeline
            // in order), each line saying when it happened during the run.
            for (ExperimentResult.Event e : result.timeline()) {
                sink.record(result.endedAt(), ACTOR, e.action(), "at " + e.at() + (e.detail().isEmpty() ? "" : ": " + e.detail()));
            }
        };
    }
}
