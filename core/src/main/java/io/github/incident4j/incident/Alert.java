package io.github.incident4j.incident;

import io.github.incident4j.common.Problems;
import io.github.incident4j.common.Severity;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A signal from monitoring that may open an incident. Alerts with the same {@link #dedupKey()} while an
 * incident with that key is open are counted on it instead of opening another.
 *
 * <pre>{@code
 * Alert alert = Alert.withKey("payments/db-down")
 *         .service("payment-service")
 *         .summary("Primary database unreachable")
 *         .severity(Severity.SEV_1)
 *         .category("Data issue")
 *         .label("region", "eu-west-1")
 *         .annotation(Alert.RUNBOOK_URL, "https://runbooks.example.com/payments/db-down")
 *         .build();
 * }</pre>
 *
 * @param dedupKey identifies repeats of the same problem
 * @param service the alerting service
 * @param summary one line saying what is wrong
 * @param severity how bad
 * @param urgency high (escalate) or low (page level 1 only)
 * @param category the escalation-matrix category ({@code Security}), if any
 * @param labels free key/value labels (what identifies and routes the alert)
 * @param annotations free key/value annotations (what informs the responder: {@link #RUNBOOK_URL},
 *        {@link #DASHBOARD}, {@link #DESCRIPTION}, ...), carried to the incident and to every page
 */
public record Alert(String dedupKey, String service, String summary, Severity severity, Urgency urgency,
        Optional<String> category, Map<String, String> labels, Map<String, String> annotations) {

    /** The annotation naming the runbook to follow (Prometheus convention {@code runbook_url}). */
    public static final String RUNBOOK_URL = "runbook_url";
    /** The annotation naming a dashboard to look at. */
    public static final String DASHBOARD = "dashboard";
    /** The annotation holding a longer description than the summary. */
    public static final String DESCRIPTION = "description";

    /**
     * Validates the parts: key, service and summary not blank; key, service and category are identifiers under
     * {@link io.github.incident4j.common.Text the text rule} (no control character, no unpaired surrogate), so two
     * keys that differ only in such a character are refused alike by every store. Summary, labels and annotations
     * are free text from outside: any text is accepted here and made storable by the engine.
     */
    public Alert {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(urgency, "urgency");
        Objects.requireNonNull(category, "category");
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
        Problems p = new Problems();
        p.check(dedupKey != null && !dedupKey.isBlank(), "dedupKey", dedupKey, "must not be blank");
        p.check(service != null && !service.isBlank(), "service", service, "must not be blank");
        p.check(summary != null && !summary.isBlank(), "summary", summary, "must not be blank");
        category.ifPresent(c -> p.check(!c.isBlank(), "category", c, "must not be blank when given"));
        // Every field is data from monitoring (outside): never refused for its characters, which would stop paging
        // for a hostile label; the engine stores it through Text.storable, so keys stay distinct in every store.
        p.throwIfAny("alert");
    }

    /** Starts an alert with its dedup key; severity defaults to SEV-3, urgency to high. */
    public static Builder withKey(String dedupKey) {
        return new Builder(dedupKey);
    }

    /** A builder holding this alert's values. */
    public Builder toBuilder() {
        Builder b = new Builder(dedupKey).service(service).summary(summary).severity(severity).urgency(urgency);
        category.ifPresent(b::category);
        b.labels.putAll(labels);
        b.annotations.putAll(annotations);
        return b;
    }

    /** Fluent builder; {@link #build()} reports every problem at once. */
    public static final class Builder {
        private final String dedupKey;
        private String service = "";
        private String summary = "";
        private Severity severity = Severity.SEV_3;
        private Urgency urgency = Urgency.HIGH;
        private @org.jspecify.annotations.Nullable String category;
        private final Map<String, String> labels = new LinkedHashMap<>();
        private final Map<String, String> annotations = new LinkedHashMap<>();

        private Builder(String dedupKey) {
            this.dedupKey = Objects.requireNonNull(dedupKey, "dedupKey");
        }

        /** The alerting service. */
        public Builder service(String name) {
            this.service = Objects.requireNonNull(name, "service");
            return this;
        }

        /** The one-line summary. */
        public Builder summary(String text) {
            this.summary = Objects.requireNonNull(text, "summary");
            return this;
        }

        /** The severity. */
        public Builder severity(Severity value) {
            this.severity = Objects.requireNonNull(value, "severity");
            return this;
        }

        /** The severity from text such as {@code SEV-2}. */
        public Builder severity(String text) {
            return severity(Severity.parse(text));
        }

        /** The urgency. */
        public Builder urgency(Urgency value) {
            this.urgency = Objects.requireNonNull(value, "urgency");
            return this;
        }

        /** The escalation-matrix category. */
        public Builder category(String name) {
            this.category = Objects.requireNonNull(name, "category");
            return this;
        }

        /** Adds a label. */
        public Builder label(String key, String value) {
            labels.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Adds an annotation, e.g. {@code annotation(Alert.RUNBOOK_URL, "https://...")}. */
        public Builder annotation(String key, String value) {
            annotations.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Builds the alert.
         *
         * @throws io.github.incident4j.ValidationException listing every problem
         */
        public Alert build() {
            return new Alert(dedupKey, service, summary, severity, urgency, Optional.ofNullable(category), labels,
                    annotations);
        }
    }
}
