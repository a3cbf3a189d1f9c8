/**
 * The second runnable scenario, on the real stack ({@link io.github.incident4j.examples.stack.StackScenario}):
 * a real Alertmanager fires into the engine through {@link io.github.incident4j.examples.host.AlertReceiver},
 * pages go to a loopback PagerDuty-compatible {@link io.github.incident4j.examples.stack.PagerDutyInbox}, recovery
 * is verified on a real Prometheus with known data ({@link io.github.incident4j.examples.stack.PaymentMetrics},
 * {@link io.github.incident4j.examples.stack.RecoveryOnPrometheus}). The launchers
 * {@link io.github.incident4j.examples.stack.LocalPrometheus} and
 * {@link io.github.incident4j.examples.stack.LocalAlertmanager} start Debian's binaries on free loopback ports.
 */
@NullMarked
package io.github.incident4j.examples.stack;

import org.jspecify.annotations.NullMarked;
