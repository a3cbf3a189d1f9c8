package io.github.incident4j.examples.scenario;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One thing the scenario reports: the narrative prints it as a line (plus indented details), {@code --json}
 * writes it as one JSON object per line with the same fields.
 *
 * @param at the virtual instant it happened
 * @param step the scenario step it belongs to: 0 setting the scene, 1 to 6 the incident, 7 the result
 * @param kind a short upper-case word: {@code PAGE}, {@code DIAGNOSE}, {@code CHECK}, ...
 * @param text the line as a person reads it
 * @param details further lines (evidence), possibly none
 * @param data machine-readable fields (strings, numbers, booleans, lists), in order
 */
record ScenarioEvent(Instant at, int step, String kind, String text, List<String> details, Map<String, Object> data) {

    /** Copies the lists and maps. */
    ScenarioEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        details = List.copyOf(details);
        data = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /** The event as one line of JSON: at, step, kind, text, then the data fields, then details if any. */
    String toJson() {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("at", at.toString());
        all.put("step", step);
        all.put("kind", kind);
        all.put("text", text);
        data.forEach(all::putIfAbsent);
        if (!details.isEmpty()) {
            all.put("details", details);
        }
        return Json.write(all);
    }
}
