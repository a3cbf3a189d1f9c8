/**
 * Alerts in. {@link io.github.incident4j.ingest.AlertmanagerWebhook} reads the webhook payloads of Prometheus
 * Alertmanager and Grafana-managed alerting; {@link io.github.incident4j.ingest.AlertRoutes} is the label routing
 * table (matchers {@code = != =~ !~}, first match wins, a default route) that picks service, escalation policy,
 * severity words, matrix category, urgency and auto-resolve, written in the DSL or in the rotation file's
 * {@code routes:} section ({@link io.github.incident4j.ingest.AlertRoutesYaml}); and
 * {@link io.github.incident4j.ingest.AlertIngest} applies payloads to an {@code IncidentManager} with the logic of an
 * HTTP receiver that any web framework can mount. See {@code core/docs/ingest.md}.
 */
@NullMarked
package io.github.incident4j.ingest;

import org.jspecify.annotations.NullMarked;
