package io.github.incident4j.common;

import java.time.Instant;

/**
 * Where a runner reports what it did, step by step: the incident timeline when a runbook or chaos
 * experiment runs for an incident, or a host's own log. The incident engine supplies one per incident.
 *
 * <pre>{@code
 * TimelineSink sink = (at, actor, action, detail) -> log.info("{} {} {}: {}", at, actor, action, detail);
 * }</pre>
 */
@FunctionalInterface
public interface TimelineSink {

    /** A sink that drops everything. */
    TimelineSink NOOP = (at, actor, action, detail) -> { };

    /**
     * Records one event.
     *
     * @param at when it happened (from the injected clock)
     * @param actor who or what acted: a person, {@code runbook}, {@code chaos}
     * @param action a short verb phrase, e.g. {@code diagnosis step ok}, {@code rollback completed}
     * @param detail the evidence in plain language
     */
    void record(Instant at, String actor, String action, String detail);
}
