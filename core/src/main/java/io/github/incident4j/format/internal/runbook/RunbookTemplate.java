package io.github.incident4j.format.internal.runbook;

import io.github.incident4j.runbook.AlertRule;
import io.github.incident4j.runbook.CodeBlock;
import io.github.incident4j.runbook.DiagnosisStep;
import io.github.incident4j.runbook.ExtraSection;
import io.github.incident4j.runbook.Mitigation;
import io.github.incident4j.runbook.Runbook;
import io.github.incident4j.runbook.RunbookPart;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a runbook in the template's layout ({@code # Runbook: Service — Issue}, Overview fields, Detection fields,
 * numbered diagnosis steps with sub-steps, {@code ### Name (if condition)} mitigations with their code blocks,
 * numbered recovery criteria), for runbooks built with the DSL.
 */
public final class RunbookTemplate {

    private RunbookTemplate() {
    }

    /** The runbook in the template layout, ending with a line break. */
    public static String render(Runbook r) {
        List<String> blocks = new ArrayList<>();
        if (!r.notes(RunbookPart.PREAMBLE).isEmpty()) {
            blocks.add(r.notes(RunbookPart.PREAMBLE));
        }
        blocks.add(title(r));
        if (!r.notes(RunbookPart.TITLE).isEmpty()) {
            blocks.add(r.notes(RunbookPart.TITLE));
        }
        addExtras(blocks, r, RunbookPart.TITLE);
        for (RunbookPart part : List.of(RunbookPart.OVERVIEW, RunbookPart.DETECTION, RunbookPart.DIAGNOSIS,
                RunbookPart.MITIGATION, RunbookPart.RECOVERY)) {
            if (r.has(part)) {
                blocks.add(section(r, part, "## " + part.heading()));
            }
            addExtras(blocks, r, part);
        }
        return String.join("\n\n", blocks) + "\n";
    }

    /** The template's title line. */
    static String title(Runbook r) {
        return "# Runbook: " + r.title() + (r.issueType().isEmpty() ? "" : " — " + r.issueType());
    }

    private static void addExtras(List<String> blocks, Runbook r, RunbookPart after) {
        for (ExtraSection s : r.extraSections()) {
            if (s.after() == after) {
                blocks.add(extra(s, "## "));
            }
        }
    }

    /** An extra section under a heading of the given marks ({@code "## "}). */
    static String extra(ExtraSection s, String marks) {
        return marks + s.heading() + (s.body().isEmpty() ? "" : "\n" + s.body());
    }

    /** One known part's section under the given heading line, in the template layout. */
    static String section(Runbook r, RunbookPart part, String headingLine) {
        List<String> lines = new ArrayList<>();
        lines.add(headingLine);
        switch (part) {
            case OVERVIEW -> {
                lines.add("- " + RunbookText.field("Service", r.service()));
                if (!r.owner().isEmpty()) {
                    lines.add("- " + RunbookText.field("Owner", r.owner()));
                }
                if (!r.escalationPath().isEmpty()) {
                    lines.add("- " + RunbookText.field("Escalation", RunbookText.escalation(r.escalationPath())));
                }
                r.namespace().ifPresent(ns -> lines.add("- " + RunbookText.field("Namespace", ns)));
            }
            case DETECTION -> {
                for (AlertRule a : r.alerts()) {
                    lines.add("- " + RunbookText.alert("Alert", a));
                }
                r.dashboards().forEach(d -> lines.add("- " + RunbookText.field("Dashboard", d)));
            }
            case DIAGNOSIS -> {
                for (int i = 0; i < r.diagnosis().size(); i++) {
                    String marker = (i + 1) + ". ";
                    lines.add(marker + RunbookText.stepItem(r.diagnosis().get(i), " ".repeat(marker.length())));
                }
            }
            case MITIGATION -> {
                return mitigations(r, headingLine);
            }
            case RECOVERY -> {
                for (int i = 0; i < r.recovery().size(); i++) {
                    lines.add((i + 1) + ". " + r.recovery().get(i).text());
                }
            }
            default -> throw new IllegalStateException("not a section: " + part);
        }
        String text = String.join("\n", lines);
        String notes = r.notes(part);
        return notes.isEmpty() ? text : (lines.size() == 1 ? text + "\n" : text + "\n\n") + notes;
    }

    /** A step alone, for a list item numbered {@code n}. */
    static String stepItem(DiagnosisStep s, String marker) {
        return marker + RunbookText.stepItem(s, " ".repeat(marker.length()));
    }

    private static String mitigations(Runbook r, String headingLine) {
        StringBuilder b = new StringBuilder(headingLine);
        String notes = r.notes(RunbookPart.MITIGATION);
        if (!notes.isEmpty()) {
            b.append('\n').append(notes).append('\n');
        }
        boolean first = notes.isEmpty();
        for (Mitigation m : r.mitigations()) {
            if (m.named()) {
                continue;
            }
            for (CodeBlock c : m.code()) {
                b.append(first ? "\n" : "\n\n").append(RunbookText.block(c));
                first = false;
            }
        }
        for (Mitigation m : r.mitigations()) {
            if (!m.named()) {
                continue;
            }
            b.append(first ? "\n" : "\n\n");
            first = false;
            b.append(named(m, "### "));
        }
        return b.toString();
    }

    /** A named mitigation under a heading of the given marks. */
    static String named(Mitigation m, String marks) {
        StringBuilder b = new StringBuilder(marks).append(RunbookText.mitigationHeading(m));
        if (!m.notes().isEmpty()) {
            b.append('\n').append(m.notes());
            if (!m.code().isEmpty()) {
                b.append('\n');
            }
        }
        boolean first = true;
        for (CodeBlock c : m.code()) {
            b.append(first ? "\n" : "\n\n").append(RunbookText.block(c));
            first = false;
        }
        return b.toString();
    }
}
