/**
 * Metrics from a real monitoring system: {@link io.github.incident4j.metrics.PrometheusMetricsSource} answers the
 * {@code spi.MetricsSource} questions of recovery verification and chaos steady-state checks with PromQL over
 * Prometheus's HTTP API, mapping metric names to queries with the same map {@code format.PrometheusRules} exports
 * alerting rules from. See {@code core/docs/prometheus.md}.
 */
@NullMarked
package io.github.incident4j.metrics;

import org.jspecify.annotations.NullMarked;
