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

    /** The contents of the code spans of one line of inline Markdown ({@code `a` and ``b``}), in order. */
    public static java.util.List<String> codeSpans(String text) {
        java.util.List<String> out = new java.util.ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            if (text.charAt(i) != '`') {
                i++;
                continue;
            }
            int run = 0;
            while (i + run < text.length() && text.charAt(i + run) == '`') {
                run++;
            }
            String fence = "`".repeat(run);
            int close = i + run;
            int found = -1;
            while (close < text.length()) {
                int at = text.indexOf(fence, close);
                if (at < 0) {
                    break;
                }
                int after = at + run;
                if ((after >= text.length() || text.charAt(after) != '`') && text.charAt(at - 1) != '`') {
                    found = at;
                    break;
                }
                close = after;
                while (close < text.length() && text.charAt(close) == '`') {
                    close++;
                }
            }
            if (found < 0) {
                i += run;
                continue;
            }
            String content = text.substring(i + run, found);
            if (content.length() >= 2 && content.startsWith(" ") && content.endsWith(" ") && !content.isBlank()) {
                content = content.substring(1, content.length() - 1);
            }
            out.add(content);
            i = found + run;
        }
        return out;
    }

    private static final java.util.regex.Pattern LIST_ITEM = java.util.regex.Pattern.compile("^ {0,3}(?:[-*+]|\\d{1,9}[.)])(?:[ \t]|$)");
    private static final java.util.regex.Pattern ANY_HEADING = java.util.regex.Pattern.compile("^ {0,3}#{1,6}(?:[ \t]|$)");

    /** Whether a line outside code fences is a list item. */
    public static boolean hasListItem(String text) {
        return anyLineOutsideFence(text, l -> LIST_ITEM.matcher(l).find());
    }

    /** Whether the first non-blank line is a list item. */
    public static boolean startsWithListItem(String text) {
        return text.lines().filter(l -> !l.isBlank()).findFirst().map(l -> LIST_ITEM.matcher(l).find()).orElse(false);
    }

    /** Whether a line outside code fences is an ATX heading of any level. */
    public static boolean hasAnyHeading(String text) {
        return anyLineOutsideFence(text, l -> ANY_HEADING.matcher(l).find());
    }

    /** Whether a code span outside code fences starts with a known program (a reader takes it for a command). */
    public static boolean hasCommandSpan(String text) {
        return anyLineOutsideFence(text, l -> codeSpans(l).stream().anyMatch(ShellText::startsWithProgram));
    }

    private static boolean anyLineOutsideFence(String text, java.util.function.Predicate<String> test) {
        boolean fenced = false;
        for (String line : text.split("\n", -1)) {
            if (isFence(line.stripLeading())) {
                fenced = !fenced;
            } else if (!fenced && test.test(line)) {
                return true;
            }
        }
        return false;
    }
}
