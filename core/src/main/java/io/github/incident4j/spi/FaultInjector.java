package io.github.incident4j.spi;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Injects a chaos fault into a target and stops it. A chaos runner owns the schedule (when to strike,
 * how often, for how long); an injector knows what one strike does. The pod-delete implementation
 * ({@code io.github.incident4j.chaos.PodDeleteInjector}) works through {@link ClusterOperations}.
 *
 * <pre>{@code
 * FaultInjector.Request r = new FaultInjector.Request("pod-delete", "staging", Map.of("app", "web"),
 *         "deployment", Map.of("FORCE", "true"), 2);
 * List<String> pods = injector.plan(r);           // what one strike would hit now
 * FaultInjector.Injected done = injector.inject(r, pods);
 * injector.stop(r);
 * }</pre>
 *
 * <p>Implementations throw {@link ClusterException} when the cluster refuses or fails a call; the runner
 * then ends the experiment with verdict Error and injects nothing more.
 */
public interface FaultInjector {

    /** Whether this injector handles the fault (a Litmus experiment name such as {@code pod-delete}). */
    boolean supports(String fault);

    /** The objects one strike would hit now, in order, changing nothing. */
    List<String> plan(Request request);

    /**
     * Strikes the named objects (a subset of a {@link #plan}) once.
     *
     * @throws ClusterException when the cluster call fails
     */
    Injected inject(Request request, List<String> targets);

    /** Stops the fault and undoes what can be undone (a deleted pod cannot; a network fault can). */
    void stop(Request request);

    /**
     * What to strike.
     *
     * @param fault the fault name, e.g. {@code pod-delete}
     * @param namespace the target namespace
     * @param selector the target's equality label selector
     * @param kind the target's kind, e.g. {@code deployment}
     * @param settings the fault's settings (Litmus env: {@code FORCE}, {@code PODS_AFFECTED_PERC}, ...)
     * @param maxAffected the most objects one strike may hit (the blast-radius cap)
     */
    record Request(String fault, String namespace, Map<String, String> selector, String kind,
                   Map<String, String> settings, int maxAffected) {
        /** Copies the maps. */
        public Request {
            Objects.requireNonNull(fault, "fault");
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(kind, "kind");
            selector = Map.copyOf(selector);
            settings = Map.copyOf(settings);
            if (maxAffected < 0) {
                throw new IllegalArgumentException("maxAffected must not be negative, but was " + maxAffected);
            }
        }
    }

    /**
     * What one strike did.
     *
     * @param affected the objects actually hit
     * @param gracePeriod the grace period used, for faults that delete ({@link Duration#ZERO} forced)
     * @param detail a sentence for the timeline
     */
    record Injected(List<String> affected, Duration gracePeriod, String detail) {
        /** Copies the list. */
        public Injected {
            affected = List.copyOf(affected);
            Objects.requireNonNull(gracePeriod, "gracePeriod");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
