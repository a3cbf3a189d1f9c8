package io.github.incident4j.format.internal.runbook;

import io.github.incident4j.runbook.AlertRule;
import io.github.incident4j.runbook.CodeBlock;
import io.github.incident4j.runbook.DiagnosisStep;
import io.github.incident4j.runbook.Mitigation;
import java.util.List;

/**
 * How each element of a runbook is written, shared by the template writer and the splice writer. Text uses {@code \n};
 * callers convert it to the document's line ending and container prefix.
 */
final class RunbookText {

    private RunbookText() {
    }

    /** A fenced block: a fence of {@code fenceChar} longer than any run of it that starts a line of the code. */
    static String fenced(CodeBlock c, char fenceChar, int minLength) {
        int longest = 0;
        for (String line : c.text().split("\n", -1)) {
            String t = line.stripLeading();
            int run = 0;
            while (run < t.length() && t.charAt(run) == fenceChar) {
                run++;
            }
            longest = Math.max(longest, run);
        }
        String fence = String.valueOf(fenceChar).repeat(Math.max(Math.max(3, minLength), longest + 1));
        return fence + c.language() + "\n" + (c.text().isEmpty() ? "" : c.text() + "\n") + fence;
    }

    /** An indented block: every non-blank line indented by four spaces. */
    static String indented(CodeBlock c) {
        StringBuilder b = new StringBuilder();
        String[] lines = c.text().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                b.append('\n');
            }
            if (!lines[i].isEmpty()) {
                b.append("    ").append(lines[i]);
            }
        }
        return b.toString();
    }

    /** A block in its style (fenced with backticks unless told otherwise). */
    static String block(CodeBlock c) {
        return c.style() == CodeBlock.Style.INDENTED ? indented(c) : fenced(c, '`', 3);
    }

    /** An inline code span: backticks longer than any run inside, padded when the code starts or ends with one. */
    static String inline(String code) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < code.length(); i++) {
            run = code.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String ticks = "`".repeat(longest + 1);
        boolean pad = code.startsWith("`") || code.endsWith("`") || code.startsWith(" ") && code.endsWith(" ");
        return ticks + (pad ? " " : "") + code + (pad ? " " : "") + ticks;
    }

    /** The step's inline command written after its text ({@code Text: `command`}), if it has one not in the text. */
    static CodeBlock trailing(DiagnosisStep s) {
        CodeBlock last = null;
        for (CodeBlock c : s.code()) {
            if (c.style() == CodeBlock.Style.INLINE && !s.description().contains(inline(c.text()))
                    && !s.description().contains("`" + c.text() + "`")) {
                last = c;
            }
        }
        return last;
    }

    /** Whether a step has code blocks or sub-steps after its text (its text then ends with ':'). */
    static boolean hasBlocks(DiagnosisStep s) {
        return !s.substeps().isEmpty() || s.code().stream().anyMatch(c -> c.style() != CodeBlock.Style.INLINE);
    }

    /** A step's text: its description, then its trailing command or ':' before its blocks and sub-steps. */
    static String lead(DiagnosisStep s, String task, boolean colon) {
        CodeBlock trailing = trailing(s);
        String d = s.description();
        if (trailing != null) {
            return task + d + ": " + inline(trailing.text());
        }
        // the reader takes one trailing ':' off a step's text: one ending in ':' gets another
        return task + d + ((colon || d.endsWith(":")) && !d.isEmpty() ? ":" : "");
    }

    /**
     * A step as a list item's content (without the marker): its text, its code blocks after a blank line, its sub-steps
     * as a bulleted list. {@code indent} is the item's content indentation, which every line after the first gets.
     */
    static String stepItem(DiagnosisStep s, String indent) {
        StringBuilder b = new StringBuilder(lead(s, "", hasBlocks(s)));
        for (CodeBlock c : s.code()) {
            if (c.style() != CodeBlock.Style.INLINE) {
                b.append("\n\n").append(prefixed(block(c), indent));
            }
        }
        for (DiagnosisStep sub : s.substeps()) {
            b.append('\n').append(indent).append("- ").append(stepItem(sub, indent + "  "));
        }
        return b.toString();
    }

    /** Every line after the first prefixed (blank lines stay empty). */
    static String prefixed(String text, String indent) {
        if (indent.isEmpty()) {
            return indent + text;
        }
        StringBuilder b = new StringBuilder();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                b.append('\n');
            }
            b.append(lines[i].isEmpty() ? "" : indent).append(lines[i]);
        }
        return b.toString();
    }

    /** A mitigation's heading text: {@code Name (if condition)}. */
    static String mitigationHeading(Mitigation m) {
        return m.name() + m.condition().map(c -> " (if " + c + ")").orElse("");
    }

    /** An alert field's text. */
    static String alert(String key, AlertRule a) {
        return "**" + key + "**: " + inline(a.name()) + (a.conditionText().isEmpty() ? "" : " fires when " + a.conditionText());
    }

    /** A field's text. */
    static String field(String key, String value) {
        return "**" + key + "**: " + value;
    }

    /** The escalation path as written. */
    static String escalation(List<String> path) {
        return String.join(" → ", path);
    }
}
