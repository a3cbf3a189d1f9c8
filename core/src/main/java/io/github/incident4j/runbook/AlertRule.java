package io.github.incident4j.runbook;

import io.github.incident4j.common.Condition;
import java.util.Objects;
import java.util.Optional;

/**
 * A detection alert: its name and the condition it fires on, as written ({@code error rate > 5% for 5m}).
 *
 * @param name the alert name, e.g. {@code ServiceHighErrorRate}
 * @param conditionText the condition as written, or empty when the runbook gives none
 */
public record AlertRule(String name, String conditionText) {

    /** Validates the parts (the runbook checks their grammar). */
    public AlertRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(conditionText, "conditionText");
    }

    /** The parsed condition, when the text is one. */
    public Optional<Condition> condition() {
        return Condition.tryParse(conditionText);
    }
}
