package io.github.incident4j.ingest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One notification of Alertmanager's webhook receiver (payload version 4) or of Grafana-managed alerting's webhook
 * contact point (version 1: the same shape plus Grafana's own fields), as read by {@link AlertmanagerWebhook}.
 *
 * @param source who sent it
 * @param version the payload's {@code version}: {@code 4} for Alertmanager, {@code 1} for Grafana
 * @param status {@code firing} when at least one alert of the group fires, else {@code resolved}
 * @param receiver the receiver (contact point) name
 * @param groupKey the key of the alert group (Alertmanager's route and {@code group_by} labels)
 * @param truncatedAlerts how many alerts the sender left out ({@code max_alerts}); they arrive in a later notification
 * @param groupLabels the labels the group is formed by
 * @param commonLabels the labels all alerts share
 * @param commonAnnotations the annotations all alerts share
 * @param externalUrl the sender's own URL
 * @param alerts the alerts
 * @param orgId Grafana's organisation id, for Grafana payloads
 * @param title Grafana's rendered title, if any
 * @param message Grafana's rendered message, if any
 */
public record WebhookPayload(Source source, String version, Status status, String receiver, String groupKey,
        int truncatedAlerts, Map<String, String> groupLabels, Map<String, String> commonLabels,
        Map<String, String> commonAnnotations, String externalUrl, List<Alert> alerts, OptionalLong orgId,
        Optional<String> title, Optional<String> message) {

    /** Who sent a payload. */
    public enum Source {
        /** Prometheus Alertmanager's webhook receiver. */
        ALERTMANAGER,
        /** Grafana-managed alerting's webhook contact point. */
        GRAFANA
    }

    /** Whether an alert (or a group) fires or has resolved. */
    public enum Status {
        /** Firing. */
        FIRING,
        /** Resolved. */
        RESOLVED
    }

    /** Copies the collections. */
    public WebhookPayload {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(receiver, "receiver");
        Objects.requireNonNull(groupKey, "groupKey");
        groupLabels = Map.copyOf(groupLabels);
        commonLabels = Map.copyOf(commonLabels);
        commonAnnotations = Map.copyOf(commonAnnotations);
        Objects.requireNonNull(externalUrl, "externalUrl");
        alerts = List.copyOf(alerts);
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(message, "message");
    }

    /**
     * One alert of a payload.
     *
     * @param status firing or resolved
     * @param labels the alert's labels (its identity)
     * @param annotations its annotations ({@code summary}, {@code description}, {@code runbook_url}, ...)
     * @param startsAt when it started firing
     * @param endsAt when it ended, if known (Alertmanager writes {@code 0001-01-01T00:00:00Z} for "not yet")
     * @param generatorUrl the link to the rule that produced it, if any
     * @param fingerprint the sender's fingerprint of the label set; computed with Alertmanager's algorithm when the
     *     sender gave none
     * @param silenceUrl Grafana's link to silence it, if any
     * @param dashboardUrl Grafana's link to the rule's dashboard, if any
     * @param panelUrl Grafana's link to the rule's panel, if any
     * @param valueString Grafana's rendering of the values that fired it, if any
     */
    public record Alert(Status status, Map<String, String> labels, Map<String, String> annotations, Instant startsAt,
            Optional<Instant> endsAt, Optional<String> generatorUrl, String fingerprint, Optional<String> silenceUrl,
            Optional<String> dashboardUrl, Optional<String> panelUrl, Optional<String> valueString) {

        /** Copies the maps. */
        public Alert {
            Objects.requireNonNull(status, "status");
            labels = Map.copyOf(labels);
            annotations = Map.copyOf(annotations);
            Objects.requireNonNull(startsAt, "startsAt");
            Objects.requireNonNull(endsAt, "endsAt");
            Objects.requireNonNull(generatorUrl, "generatorUrl");
            Objects.requireNonNull(fingerprint, "fingerprint");
            Objects.requireNonNull(silenceUrl, "silenceUrl");
            Objects.requireNonNull(dashboardUrl, "dashboardUrl");
            Objects.requireNonNull(panelUrl, "panelUrl");
            Objects.requireNonNull(valueString, "valueString");
        }

        /** The {@code alertname} label, or empty. */
        public String alertName() {
            return labels.getOrDefault("alertname", "");
        }
    }
}
