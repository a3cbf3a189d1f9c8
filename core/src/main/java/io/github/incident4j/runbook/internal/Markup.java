package io.github.incident4j.runbook.internal;

/**
 * The few Markdown facts the model must respect so that what it holds can be written and read back:
 * headings and code fences outside fences end sections.
 */
public final class Markup {

    private Markup() {
    }

    /** Whether the line opens or closes a code fence. */
    public static boolean isFence(String line) {
        return line.startsWith("```") || line.startsWith("~~~");
    }

    /** Whether the line is an ATX heading of exactly this level ({@code ## Title}, {@code ##}). */
    public static boolean isHeading(String line, int level) {
        String marks = "#".repeat(level);
        return line.startsWith(marks) && (line.length() == level || line.charAt(level) == ' ');
    }

    public static boolean headingOutsideFence(String text, int level) {
        boolean fenced = false;
        for (String line : text.split("\n", -1)) {
            if (isFence(line)) {
                fenced = !fenced;
            } else if (!fenced && isHeading(line, level)) {
                return true;
            }
        }
        return false;
    }

    public static boolean unclosedFence(String text) {
        return text.lines().filter(Markup::isFence).count() % 2 != 0;
    }

    public static boolean hasFence(String text) {
        return text.lines().anyMatch(Markup::isFence);
    }
}
