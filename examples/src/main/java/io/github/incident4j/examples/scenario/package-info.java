/**
 * The runnable end-to-end scenario: {@link io.github.incident4j.examples.scenario.IncidentScenario} loads the
 * seed documents shipped with this module and plays a whole incident on the embedded simulation, in virtual
 * time: a bad deployment of {@code payment-service}, the alert, the escalation, diagnosis and rollback,
 * recovery verification, the postmortem draft and a chaos experiment, printed as a narrative with timestamps
 * (or as JSON lines) and checked step by step.
 *
 * <pre>
 * mvn -B -q install -DskipTests &amp;&amp; mvn -B -q -pl examples exec:java
 * mvn -B -q -pl examples exec:java -Dexec.args="--start=2026-03-09T09:00:00Z --json"
 * </pre>
 */
@NullMarked
package io.github.incident4j.examples.scenario;

import org.jspecify.annotations.NullMarked;
