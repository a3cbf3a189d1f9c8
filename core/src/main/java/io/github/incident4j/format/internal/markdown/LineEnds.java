package io.github.incident4j.format.internal.markdown;

/**
 * Line endings of a document, so that text a writer adds uses the document's own: {@code \n}, {@code \r\n} or
 * {@code \r}.
 */
public final class LineEnds {

    private LineEnds() {
    }

    /** The first line ending of the text, or {@code \n} when it has none. */
    public static String dominant(String text) {
        int i = indexOfBreak(text, 0);
        if (i < 0) {
            return "\n";
        }
        if (text.charAt(i) == '\r') {
            return i + 1 < text.length() && text.charAt(i + 1) == '\n' ? "\r\n" : "\r";
        }
        return "\n";
    }

    /** The text, written with {@code \n} line ends, with each {@code \n} replaced by {@code eol}. */
    public static String convert(String text, String eol) {
        return eol.equals("\n") ? text : text.replace("\n", eol);
    }

    /** The text with every line ending ({@code \r\n}, {@code \r}) written as {@code \n}. */
    public static String normalize(String text) {
        if (text.indexOf('\r') < 0) {
            return text;
        }
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }

    /** The offset of the first {@code \n} or {@code \r} at or after {@code from}, or -1. */
    public static int indexOfBreak(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                return i;
            }
        }
        return -1;
    }

    /** The offset just after the line break at {@code at} ({@code \r\n} counts as one). */
    public static int afterBreak(String text, int at) {
        if (at >= text.length()) {
            return at;
        }
        if (text.charAt(at) == '\r' && at + 1 < text.length() && text.charAt(at + 1) == '\n') {
            return at + 2;
        }
        return text.charAt(at) == '\n' || text.charAt(at) == '\r' ? at + 1 : at;
    }

    /**
     * Text written with {@code \n} line ends, placed inside a container: every line after the first starts with
     * {@code prefix} (blank lines get the prefix without its trailing spaces), and each {@code \n} becomes {@code eol}.
     */
    public static String continueLines(String text, String prefix, String eol) {
        if (text.indexOf('\n') < 0) {
            return text;
        }
        String blankPrefix = prefix.stripTrailing();
        StringBuilder b = new StringBuilder(text.length() + 16);
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                b.append(eol).append(lines[i].isEmpty() ? blankPrefix : prefix);
            }
            b.append(lines[i]);
        }
        return b.toString();
    }
}
