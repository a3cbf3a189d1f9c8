package io.github.incident4j.format.internal;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Writes one scalar in a chosen style so that any YAML reader (1.1 or 1.2, snakeyaml or the Go reader Kubernetes
 * uses) reads back exactly the text: plain only when nothing could read it as a number, boolean, null or
 * timestamp, single quotes when the text is printable on one line, double quotes with escapes for everything else,
 * and literal or folded blocks with the right chomping and indentation indicators. Output is at most a small
 * multiple of the text ({@code \}{@code UXXXXXXXX}-style escapes are the worst case, 10 characters for one).
 */
public final class YamlScalars {

    private YamlScalars() {
    }

    /** Words some YAML reader takes for a boolean or null (1.1 included, as Kubernetes' reader does). */
    private static final Set<String> RESERVED = Set.of("null", "~", "true", "false", "yes", "no", "on", "off", "y",
            "n");
    private static final Pattern NUMBER_LIKE = Pattern.compile("[-+.]?[0-9].*|[-+]?\\.(inf|nan)", Pattern.CASE_INSENSITIVE);
    private static final Pattern DURATION = Pattern.compile("([0-9]+(ns|us|µs|ms|s|m|h|d))+");
    private static final String INDICATORS = "-?:,[]{}#&*!|>'\"%@`";

    /** Whether {@code text} may be written plain and read back as this same string. */
    public static boolean plainSafe(String text, boolean flow) {
        if (text.isEmpty() || RESERVED.contains(text.toLowerCase(Locale.ROOT)) || NUMBER_LIKE.matcher(text).matches()) {
            return false;
        }
        char first = text.charAt(0);
        char last = text.charAt(text.length() - 1);
        if (INDICATORS.indexOf(first) >= 0 || first == ' ' || last == ' ' || last == ':') {
            return false;
        }
        if (text.contains(": ") || text.contains(" #") || text.startsWith("---") || text.startsWith("...")) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7F || c >= 0x80 && !printable(text, i) || c == '\t') {
                return false;
            }
            if (flow && (c == ',' || c == '[' || c == ']' || c == '{' || c == '}')) {
                return false;
            }
        }
        return true;
    }

    private static final Pattern INT_11 = Pattern.compile("[-+]?(0b[01_]+|0x[0-9a-fA-F_]+|0o?[0-7_]+|[0-9][0-9_]*)");
    private static final Pattern FLOAT_11 = Pattern.compile(
            "[-+]?(\\.[0-9_]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");
    private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?");

    /**
     * What a plain scalar is read as by YAML readers other than as a string ({@code null}, {@code boolean},
     * {@code number}, {@code timestamp}), taking the widest reading of YAML 1.1 and 1.2 (Kubernetes reads YAML 1.1
     * booleans such as {@code yes}); null when every reader reads it as a string.
     */
    public static @Nullable String plainType(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.isEmpty() || lower.equals("~") || lower.equals("null")) {
            return "null";
        }
        if (RESERVED.contains(lower)) {
            return "boolean";
        }
        if (INT_11.matcher(text).matches() || FLOAT_11.matcher(text).matches()) {
            return "number";
        }
        return TIMESTAMP.matcher(text).matches() ? "timestamp" : null;
    }

    /** Whether a duration such as {@code 5s} or {@code 1m30s} may be written plain (it is never a number). */
    public static boolean plainDuration(String text) {
        return DURATION.matcher(text).matches();
    }

    /** {@code text} in single quotes, or null when single quotes cannot hold it (line breaks, non-printables). */
    public static @Nullable String singleQuoted(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' || !printable(text, i) || c == '\t' && (i == 0 || i == text.length() - 1)) {
                return null;
            }
        }
        return "'" + text.replace("'", "''") + "'";
    }

    /** {@code text} in double quotes with every character YAML may not hold as it is escaped. */
    public static String doubleQuoted(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2);
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                case '\0' -> out.append("\\0");
                case '\u0085', '\u2028', '\u2029' -> out.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                        out.append(c).append(text.charAt(++i));
                    } else if (c < 0x20 || c == 0x7F || !printable(text, i)) {
                        out.append(c <= 0xFF ? String.format(Locale.ROOT, "\\x%02X", (int) c)
                                : String.format(Locale.ROOT, "\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /**
     * {@code text} as a literal block ({@code |}) whose content lines are indented by {@code indent} spaces, lines
     * separated by {@code nl}; null when a block cannot hold it (carriage returns, non-printables, or nothing but
     * line breaks). The result starts with the indicator and, like the blocks YAML readers see, ends with a line
     * break.
     */
    public static @Nullable String literal(String text, int indent, String nl) {
        // A first line starting with a blank would need an indentation indicator, which counts from the parent's
        // indentation; such text goes in double quotes instead.
        if (!blockSafe(text) || indent < 1) {
            return null;
        }
        for (String line : text.split("\n", -1)) {
            if (!line.isEmpty()) {
                if (line.startsWith(" ")) {
                    return null;
                }
                break;
            }
        }
        String chomp = text.endsWith("\n\n") ? "+" : text.endsWith("\n") ? "" : "-";
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        StringBuilder out = new StringBuilder("|").append(chomp);
        String pad = " ".repeat(indent);
        for (String line : body.split("\n", -1)) {
            out.append(nl);
            if (!line.isEmpty()) {
                out.append(pad).append(line);
            }
        }
        return out.append(nl).toString();
    }

    /**
     * {@code text} as a folded block ({@code >}) when it is one line that folding leaves alone (no line break, no
     * leading blank); else null.
     */
    public static @Nullable String folded(String text, int indent, String nl) {
        if (text.isEmpty() || text.indexOf('\n') >= 0 || text.startsWith(" ") || text.startsWith("\t")
                || !blockSafe(text) || indent < 1) {
            return null;
        }
        return ">-" + nl + " ".repeat(indent) + text + nl;
    }

    private static boolean blockSafe(String text) {
        if (text.isEmpty() || text.chars().allMatch(c -> c == '\n')) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c < 0x20 && c != '\n' && c != '\t' || !printable(text, i)
                    || c == '\u0085' || c == '\u2028' || c == '\u2029' || c == '\uFEFF') {
                return false;
            }
        }
        // trailing blanks on a line before a break are kept by YAML; a line of only blanks is not
        for (String line : text.split("\n", -1)) {
            if (!line.isEmpty() && line.isBlank()) {
                return false;
            }
        }
        return true;
    }

    /** Whether the character at {@code i} is one YAML lets a document hold as it is. */
    private static boolean printable(String s, int i) {
        char c = s.charAt(i);
        if (c == '\t' || c == '\n' || c == '\r' || c >= 0x20 && c <= 0x7E) {
            return true;
        }
        // NEL, LS and PS are line breaks to snakeyaml (YAML 1.1): only escaped they stay themselves
        if (c >= 0xA0 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD) {
            return c != '\uFEFF' && c != '\u2028' && c != '\u2029';
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
        }
        return false;
    }

    /**
     * The text of a scalar for a fresh document: plain when safe, else single quotes, else double quotes. Numbers
     * and booleans are written plain; durations plain when they carry a unit.
     */
    public static String canonical(YamlValue.Scalar s, boolean flow) {
        return switch (s.kind()) {
            case INTEGER, BOOLEAN -> s.text();
            case DURATION -> plainDuration(s.text()) ? s.text() : quoted(s.text());
            case STRING -> plainSafe(s.text(), flow) ? s.text() : quoted(s.text());
        };
    }

    /** Single quotes when they can hold the text, else double quotes. */
    public static String quoted(String text) {
        String single = singleQuoted(text);
        return single != null ? single : doubleQuoted(text);
    }
}
