/**
 * The escalation engine's meters on Micrometer: {@link io.github.incident4j.metrics.micrometer.IncidentManagerMetrics},
 * an {@code IncidentListener} that counts pages sent, failed and given up by pager, times alert-to-first-page latency
 * and wake-up lag, and gauges open incidents.
 *
 * <p>Micrometer is an optional dependency of the core jar: add {@code io.micrometer:micrometer-core} to use this
 * package. No other package of incident4j refers to Micrometer (an ArchUnit rule says so), so a host without it never
 * loads a Micrometer class.
 */
@NullMarked
package io.github.incident4j.metrics.micrometer;

import org.jspecify.annotations.NullMarked;
