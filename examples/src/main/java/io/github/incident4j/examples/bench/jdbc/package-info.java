/**
 * JMH benchmarks of {@link io.github.incident4j.incident.IncidentManager} on the JDBC incident store over a real
 * PostgreSQL (embedded, started by the benchmark), next to the same operations on the in-memory store.
 *
 * <p>{@link io.github.incident4j.examples.bench.jdbc.JdbcLifecycleBench} measures trigger, acknowledge and
 * resolve of one new incident per operation; {@link io.github.incident4j.examples.bench.jdbc.JdbcEscalationBench}
 * advances virtual time so escalation steps fire, and counts escalations per second. Both run 1, 2 and 4 managers
 * sharing one store and one {@link io.github.incident4j.sim.VirtualTime}, each manager driven by its own JMH thread
 * ({@link io.github.incident4j.examples.bench.jdbc.SharedStore}). {@link
 * io.github.incident4j.examples.bench.jdbc.JdbcBenchTable#main(String[])} runs them all and prints the table of
 * {@code examples/docs/benchmarks-jdbc.md}.
 */
@NullMarked
package io.github.incident4j.examples.bench.jdbc;

import org.jspecify.annotations.NullMarked;
