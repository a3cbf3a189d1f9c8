package io.github.incident4j.ingest;

import io.github.incident4j.ValidationException;
import io.github.incident4j.common.Problems;
import io.github.incident4j.common.Text;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One label matcher of an {@link AlertRoute}, with Alertmanager's four operators and semantics: {@code =} and
 * {@code !=} compare the value exactly, {@code =~} and {@code !~} match a regular expression against the whole
 * value (anchored at both ends, as Alertmanager does), and a label the alert does not have counts as the empty
 * string (so {@code team!=payments} matches an alert without a {@code team} label, and {@code team=""} matches
 * only such an alert).
 *
 * <pre>{@code
 * LabelMatcher m = LabelMatcher.parse("severity=~\"critical|page\"");
 * m.matches(Map.of("severity", "page"));   // true
 * m.toString();                           // severity=~"critical|page"
 * }</pre>
 *
 * <p>The regular expressions are Java's, which agree with Alertmanager's RE2 on the usual forms (alternation,
 * classes, {@code .*}, repetition); RE2-only syntax such as {@code \pN} classes is refused when the route is built.
 */
public final class LabelMatcher {

    /** How a label's value is compared. */
    public enum Op {
        /** The value equals. */
        EQUAL("="),
        /** The value differs. */
        NOT_EQUAL("!="),
        /** The whole value matches the regular expression. */
        REGEX("=~"),
        /** The whole value does not match the regular expression. */
        NOT_REGEX("!~");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        /** The operator as written: {@code =}, {@code !=}, {@code =~}, {@code !~}. */
        public String symbol() {
            return symbol;
        }
    }

    /** A label name: Prometheus's form. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern FORM = Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(=~|!~|!=|=)\\s*(.*?)\\s*");

    private final String label;
    private final Op op;
    private final String value;
    private final Pattern pattern;

    private LabelMatcher(String label, Op op, String value, Pattern pattern) {
        this.label = label;
        this.op = op;
        this.value = value;
        this.pattern = pattern;
    }

    /**
     * A matcher.
     *
     * @throws ValidationException when the label is not a Prometheus label name, the value holds a control
     *     character, or a regular expression does not compile
     */
    public static LabelMatcher of(String label, Op op, String value) {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(value, "value");
        Problems problems = new Problems();
        problems.check(NAME.matcher(label).matches(), "label", label,
                "must be a label name (letters, digits and _, not starting with a digit)");
        Text.textProblem(value).ifPresent(p -> problems.add("value", value, p));
        Pattern pattern = null;
        if (op == Op.REGEX || op == Op.NOT_REGEX) {
            try {
                pattern = Pattern.compile("^(?:" + value + ")$");
            } catch (PatternSyntaxException e) {
                problems.add("value", value, "is not a regular expression: " + e.getDescription());
            }
        }
        problems.throwIfAny("label matcher " + label + op.symbol() + value);
        return new LabelMatcher(label, op, value, pattern == null ? Pattern.compile("") : pattern);
    }

    /**
     * Reads a matcher as Alertmanager's {@code matchers:} write it: {@code team=payments}, {@code team = "payments"},
     * {@code severity=~"critical|page"}, {@code env!~"dev|test"}. A double-quoted value may escape {@code \"} and
     * {@code \\}.
     *
     * @throws ValidationException naming what is wrong
     */
    public static LabelMatcher parse(String text) {
        Objects.requireNonNull(text, "text");
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw ValidationException.of("matcher", text,
                    "expected <label><op><value> with op one of =, !=, =~, !~ (e.g. team=payments)");
        }
        Op op = switch (m.group(2)) {
            case "=~" -> Op.REGEX;
            case "!~" -> Op.NOT_REGEX;
            case "!=" -> Op.NOT_EQUAL;
            default -> Op.EQUAL;
        };
        return of(m.group(1), op, unquote(m.group(3), text));
    }

    private static String unquote(String raw, String text) {
        if (raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"")) {
            StringBuilder out = new StringBuilder(raw.length());
            for (int i = 1; i < raw.length() - 1; i++) {
                char c = raw.charAt(i);
                if (c == '\\' && i + 1 < raw.length() - 1) {
                    char n = raw.charAt(++i);
                    if (n == 'n') {
                        out.append('\n');
                    } else if (n == '"' || n == '\\') {
                        out.append(n);
                    } else {
                        out.append('\\').append(n); // a regular expression's own escape, such as \d, stays
                    }
                } else if (c == '"') {
                    throw ValidationException.of("matcher", text, "an unescaped \" inside a quoted value");
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }
        if (raw.startsWith("\"")) {
            throw ValidationException.of("matcher", text, "the quoted value is not closed");
        }
        return raw;
    }

    /** The label compared. */
    public String label() {
        return label;
    }

    /** The operator. */
    public Op op() {
        return op;
    }

    /** The value or regular expression, unquoted. */
    public String value() {
        return value;
    }

    /** Whether the labels satisfy this matcher (a missing label counts as the empty string). */
    public boolean matches(Map<String, String> labels) {
        String actual = labels.getOrDefault(label, "");
        return switch (op) {
            case EQUAL -> actual.equals(value);
            case NOT_EQUAL -> !actual.equals(value);
            case REGEX -> pattern.matcher(actual).matches();
            case NOT_REGEX -> !pattern.matcher(actual).matches();
        };
    }

    /** The matcher in the form {@link #parse} reads, the value always quoted: {@code team="payments"}. */
    @Override
    public String toString() {
        return label + op.symbol() + "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelMatcher other && label.equals(other.label) && op == other.op && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(label, op, value);
    }
}
