/**
 * JMH benchmarks of incident4j against what a team would otherwise use (Quartz for escalation timers,
 * ical4j recurrence expansion for on-call lookups, commonmark for Markdown), and the one command that runs
 * them all and prints a table: {@link io.github.incident4j.examples.bench.BenchmarkTable}.
 *
 * <p>Every benchmark states its parameters in code (sizes, seeds, forks, iterations). Each baseline computes
 * the same answers as the incident4j side; the benchmarks check that at setup or teardown and the tests in
 * {@code examples/src/test} check it on small sizes in the normal build.
 *
 * <p>Benchmark 4 also measures {@link io.github.incident4j.examples.bench.EscalationFloor}: the escalation
 * scenario's state changes with no engine around them, against the same Quartz baseline, which bounds what any
 * engine keeping the decided design could reach.
 */
@NullMarked
package io.github.incident4j.examples.bench;

import org.jspecify.annotations.NullMarked;
