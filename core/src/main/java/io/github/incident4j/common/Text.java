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

    /** How many characters of a value {@link #shown(String)} keeps. */
    public static final int SHOWN_CHARS = 200;

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

    /**
     * {@link #storable(String)}, and then, when that is longer than {@code maxLength} characters, cut to exactly
     * {@code maxLength}: its start, then {@code …#} and 32 hexadecimal digits of the SHA-256 of the whole storable
     * text, so two different long texts stay different (a store's field limit, see {@code spi.StoredText}, is then
     * never exceeded, and a 1 MB dedup key still matches itself). A surrogate pair is never cut in two.
     *
     * @param maxLength at least 40
     */
    public static String storable(String text, int maxLength) {
        if (maxLength < 40) {
            throw new IllegalArgumentException("maxLength must be 40 or more, but was " + maxLength);
        }
        String s = storable(text);
        if (s.length() <= maxLength) {
            return s;
        }
        byte[] digest;
        try {
            digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        StringBuilder suffix = new StringBuilder(34).append('\u2026').append('#');
        for (int i = 0; i < 16; i++) {
            suffix.append(Character.forDigit((digest[i] >> 4) & 0xF, 16)).append(Character.forDigit(digest[i] & 0xF, 16));
        }
        int end = maxLength - suffix.length();
        if (Character.isLowSurrogate(s.charAt(end)) && Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end) + suffix;
    }

    /**
     * {@code value} as an error message or log line may echo it: every character {@link #identifierProblem} refuses
     * (tab and line breaks included) and every bidirectional control (U+061C, U+200E, U+200F, U+202A..U+202E,
     * U+2066..U+2069, which could reorder the message around it) written as {@code \\uXXXX}, and anything past
     * {@value #SHOWN_CHARS} characters cut with a note of how much was left out, so a 1 MB value never makes a
     * 1 MB message. For messages only: unlike {@link #storable(String)} it is not reversible.
     */
    public static String shown(String value) {
        int end = Math.min(value.length(), SHOWN_CHARS);
        if (end > 0 && end < value.length() && Character.isHighSurrogate(value.charAt(end - 1))
                && Character.isLowSurrogate(value.charAt(end))) {
            end--; // do not cut a pair in two
        }
        StringBuilder out = new StringBuilder(end + 16);
        for (int i = 0; i < end; i++) {
            char c = value.charAt(i);
            if (forbidden(value, i, false) || isBidiControl(c)) {
                out.append("\\u").append(String.format(java.util.Locale.ROOT, "%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        if (end < value.length()) {
            out.append("… (").append(value.length() - end).append(" more characters)");
        }
        return out.toString();
    }

    private static boolean isBidiControl(char c) {
        return c == '\u061C' || c == '\u200E' || c == '\u200F' || (c >= '\u202A' && c <= '\u202E')
                || (c >= '\u2066' && c <= '\u2069');
    }

    private static int firstToEscape(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if ((suspect(c) && forbidden(s, i, true)) || c == '\\' && i + 1 < n && s.charAt(i + 1) == 'u') {
                return i;
            }
        }
        return -1;
    }

    private static int firstForbidden(String s, boolean lineBreaksAllowed) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (suspect(s.charAt(i)) && forbidden(s, i, lineBreaksAllowed)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether {@code c} may be forbidden at all: one or two comparisons for the usual character (every store save
     * scans its new text, so this loop is on the engine's hot path). */
    private static boolean suspect(char c) {
        return c < 0x20 || (c >= 0x7F && (c == 0x7F || (c >= '\uD800' && c <= '\uDFFF')));
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
