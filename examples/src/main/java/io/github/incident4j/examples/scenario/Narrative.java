package io.github.incident4j.examples.scenario;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Writes the events for a person at a terminal: a heading per step, then one aligned line per event
 * ({@code 09:05:00  PAGE       level 1 → Carol ...}) with its details indented below, and a date line
 * whenever the day changes.
 */
final class Narrative {

    static final List<String> HEADINGS = List.of(
            "Setting the scene",
            "1. Detection: a bad deployment of payment-service raises the error rate",
            "2. The incident opens and escalates",
            "3. Acknowledgement, diagnosis and rollback",
            "4. Recovery verification",
            "5. Resolution and postmortem draft",
            "6. Chaos experiment on the recovered service",
            "Result");

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd", Locale.ROOT);
    private static final int KIND_WIDTH = 10;
    private static final String INDENT = " ".repeat(TIME.format(java.time.LocalTime.MIDNIGHT).length() + 2 + KIND_WIDTH);

    private Narrative() {
    }

    /** An instant as the narrative's time column writes it, in UTC: {@code 09:05:00}. */
    static String clock(java.time.Instant at) {
        return TIME.format(at.atZone(java.time.ZoneOffset.UTC));
    }

    /** The narrative of {@code events}, with times in {@code zone}. */
    static String render(String title, List<ScenarioEvent> events, ZoneId zone) {
        StringBuilder out = new StringBuilder();
        out.append(title).append('\n');
        int step = -1;
        LocalDate day = null;
        for (ScenarioEvent e : events) {
            ZonedDateTime at = e.at().atZone(zone);
            if (e.step() != step) {
                step = e.step();
                out.append('\n').append(HEADINGS.get(step)).append('\n');
            }
            if (!at.toLocalDate().equals(day)) {
                day = at.toLocalDate();
                out.append("-- ").append(DAY.format(at)).append(" (").append(zone.getId()).append(")\n");
            }
            out.append(TIME.format(at)).append("  ").append(pad(e.kind())).append(e.text()).append('\n');
            for (String d : e.details()) {
                out.append(INDENT).append(d).append('\n');
            }
        }
        return out.toString();
    }

    private static String pad(String kind) {
        return kind.length() >= KIND_WIDTH ? kind + " " : kind + " ".repeat(KIND_WIDTH - kind.length());
    }
}
