package io.github.incident4j.common;

import java.util.Optional;

/**
 * The one rule for text, the same whatever store or reader is used (see {@code core/docs/text.md}).
 *
 * <ul>
 *   <li><b>Identifiers</b> (names, keys, roles, matrix responses, service names: anything a document or the DSL
 *       names and the engine matches or stores) are <em>checked at the edge</em>: readers and builders refuse a
 *       value holding NUL, another C0 control character, DEL, or an unpaired surrogate, with a located error.
 *       {@link #identifierProblem(String)} says what is wrong; {@link #textProblem(String)} is the same check for
 *       free text a document carries, which may also hold tab and line breaks.</li>
 *   <li><b>Free text from outside</b> (a pager's error message, an alert's summary and labels, probe output) is
 *       <em>made storable</em> before it reaches any store with {@link #storable(String)}: every such character is
 *       escaped as {@code \\uXXXX}, never dropped, so no behaviour depends on the store and two different texts
 *       stay different.</li>
 * </ul>
 *
 * <pre>{@code
 * Text.identifierProblem("Bo\0b");   // Optional["holds U+0000 (NUL) at index 2"]
 * Text.storable("fp-\uD800");        // "fp-\\uD800"
 * }</pre>
 */
public final class Text {

    private Text() {
    }

    /**
     * What makes {@code value} unfit as an identifier, if anything: the first C0 control (tab and line breaks
     * included), DEL, or unpaired surrogate, with its index.
     */
    public static Optional<String> identifierProblem(String value) {
        int i = firstForbidden(value, false);
        return i < 0 ? Optional.empty() : Optional.of(describe(value, i));
    }

    /**
     * What makes {@code value} unfit as free text in a document, if anything: as {@link #identifierProblem}, but tab,
     * line feed and carriage return are allowed.
     */
    public static Optional<String> textProblem(String value) {
        int i = firstForbidden(value, true);
        return i < 0 ? Optional.empty() : Optional.of(describe(value, i));
    }

    /**
     * {@code text} with every character a store may refuse or alter (NUL and the other C0 controls except tab, line
     * feed and carriage return, DEL, unpaired surrogates) written as {@code \\uXXXX}, and then every backslash
     * doubled, so different texts never become the same. Returns {@code text} itself when it holds none of them and
     * no backslash before {@code u} (the usual case: no copy, and ordinary backslashes stay single).
     */
    public static String storable(String text) {
        int first = firstToEscape(text);
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (forbidden(text, i, true)) {
                out.append("\\u").append(String.format(java.util.Locale.ROOT, "%04X", (int) c));
            } else if (c == '\\') {
                out.append("\\\\");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static int firstToEscape(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (forbidden(s, i, true) || c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == 'u') {
                return i;
            }
        }
        return -1;
    }

    private static int firstForbidden(String s, boolean lineBreaksAllowed) {
        for (int i = 0; i < s.length(); i++) {
            if (forbidden(s, i, lineBreaksAllowed)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean forbidden(String s, int i, boolean lineBreaksAllowed) {
        char c = s.charAt(i);
        if (c < 0x20) {
            return !(lineBreaksAllowed && (c == '\t' || c == '\n' || c == '\r'));
        }
        if (c == 0x7F) {
            return true;
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
        }
        return false;
    }

    private static String describe(String s, int i) {
        char c = s.charAt(i);
        String name = c == 0 ? " (NUL)" : c == '\t' ? " (tab)" : c == '\n' ? " (line feed)" : c == '\r'
                ? " (carriage return)" : Character.isSurrogate(c) ? " (unpaired surrogate)" : c == 0x7F ? " (DEL)"
                : " (control character)";
        return "holds U+" + String.format(java.util.Locale.ROOT, "%04X", (int) c) + name + " at index " + i;
    }
}
