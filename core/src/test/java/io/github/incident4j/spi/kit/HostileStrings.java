package io.github.incident4j.spi.kit;

import io.github.incident4j.common.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Strings that have broken text handling somewhere: NUL, the other C0 controls, DEL, lone and reversed surrogates,
 * right-to-left and other invisible marks, line breaks of every kind, and a 1 MiB value. Each sample says what the
 * text rule ({@link Text}, {@code core/docs/text.md}) makes of it, so a test can feed a reader, a builder or a
 * store every hostile string and check the answer the rule promises:
 *
 * <ul>
 *   <li>{@link #refusedAsIdentifier()}: an edge (reader or builder) refuses it as a name, key or response;</li>
 *   <li>{@link #refusedAsText()}: the subset refused even in free text from a document (tab and line breaks are
 *       allowed there);</li>
 *   <li>{@link #acceptedAsIdentifier()}: fine as a name: must be kept exactly, whatever the store;</li>
 *   <li>{@link #oneMebibyte()}: a long value, for sizes and caps.</li>
 * </ul>
 *
 * <p>Every sample is distinct, and the samples that differ only in what the rule forbids (such as
 * {@code "fp-\uD800"} and {@code "fp-\uDBFF"}) are both present, so a store that collapses them (PostgreSQL writes
 * both as {@code "fp-?"}) is caught. {@link Text#storable(String)} of any sample is fit free text. Use through
 * JUnit's {@code @MethodSource} or jqwik's {@code Arbitraries.of(HostileStrings.all())}.
 *
 * <pre>{@code
 * // a parameterized test with a method source "io.github.incident4j.spi.kit.HostileStrings#refusedAsIdentifier"
 * void refusesHostileNames(HostileStrings.Sample s) {
 *     assertThatThrownBy(() -> Participant.named(s.value())).isInstanceOf(ValidationException.class);
 * }
 * }</pre>
 */
public final class HostileStrings {

    /** NUL inside a name, as in the rotation that stopped escalation on PostgreSQL. */
    public static final String NUL = "Bo\0b";
    /** A dedup key ending in a lone high surrogate. */
    public static final String LONE_HIGH = "fp-\uD800";
    /** The same key with another lone high surrogate: a different key that a lossy store makes equal. */
    public static final String OTHER_LONE_HIGH = "fp-\uDBFF";
    /** A lone low surrogate. */
    public static final String LONE_LOW = "fp-\uDC00";
    /** A surrogate pair written the wrong way round: two lone surrogates. */
    public static final String REVERSED_PAIR = "fp-\uDE00\uD83D";
    /** A terminal escape sequence (ESC [ 31 m): colours a log line, or worse. */
    public static final String ANSI_ESCAPE = "\u001B[31mred\u001B[0m";
    /** The right-to-left override of "Trojan Source": allowed as text, shown escaped in messages. */
    public static final String RIGHT_TO_LEFT_OVERRIDE = "user\u202Egnp.exe";

    /**
     * One hostile string and what it is.
     *
     * @param label a short name for test reports (the value itself may not print)
     * @param value the string
     */
    public record Sample(String label, String value) {
        @Override
        public String toString() {
            return label;
        }
    }

    private HostileStrings() {
    }

    /** Refused anywhere by the text rule: NUL, C0 controls but tab and line breaks, DEL, unpaired surrogates. */
    public static List<Sample> refusedAsText() {
        return List.of(
                new Sample("NUL inside", NUL),
                new Sample("NUL alone", "\0"),
                new Sample("NUL at the end", "Bob\0"),
                new Sample("bell U+0007", "ding\u0007"),
                new Sample("backspace U+0008", "Alice\bBob"),
                new Sample("vertical tab U+000B", "a\u000Bb"),
                new Sample("form feed U+000C", "a\fb"),
                new Sample("escape sequence", ANSI_ESCAPE),
                new Sample("unit separator U+001F", "a\u001Fb"),
                new Sample("DEL U+007F", "rm\u007F"),
                new Sample("lone high surrogate U+D800", LONE_HIGH),
                new Sample("lone high surrogate U+DBFF", OTHER_LONE_HIGH),
                new Sample("lone low surrogate U+DC00", LONE_LOW),
                new Sample("lone high surrogate alone", "\uD83D"),
                new Sample("reversed surrogate pair", REVERSED_PAIR));
    }

    /** Refused as an identifier (name, key, role, response): everything {@link #refusedAsText()} has, and tab and line breaks. */
    public static List<Sample> refusedAsIdentifier() {
        List<Sample> all = new ArrayList<>(refusedAsText());
        all.add(new Sample("tab", "Alice\tBob"));
        all.add(new Sample("line feed", "Alice\nBob"));
        all.add(new Sample("carriage return", "Alice\rBob"));
        all.add(new Sample("CRLF", "Alice\r\nBob"));
        return List.copyOf(all);
    }

    /** Text the rule allows in names: kept exactly, compared exactly, whatever the store. */
    public static List<Sample> acceptedAsIdentifier() {
        return List.of(
                new Sample("right-to-left mark", "\u200FAlice"),
                new Sample("left-to-right mark", "Bob\u200E"),
                new Sample("right-to-left override", RIGHT_TO_LEFT_OVERRIDE),
                new Sample("Arabic letter mark", "x\u061Cy"),
                new Sample("Hebrew name", "שלום"),
                new Sample("byte order mark inside", "a\uFEFFb"),
                new Sample("zero-width space", "a\u200Bb"),
                new Sample("zero-width joiner family", "\uD83D\uDC69\u200D\uD83D\uDC67"),
                new Sample("emoji (a surrogate pair)", "on-call \uD83D\uDE00"),
                new Sample("combining accent", "Zoe\u0301"),
                new Sample("CJK", "值班"),
                new Sample("next line U+0085 (C1)", "a\u0085b"),
                new Sample("line separator U+2028", "a\u2028b"),
                new Sample("paragraph separator U+2029", "a\u2029b"),
                new Sample("backslash-u spelled out", "fp-\\u0000"),
                new Sample("quotes and SQL", "O'Brien\"; DROP TABLE incidents; --"),
                new Sample("YAML null spelled", "null"),
                new Sample("YAML tilde", "~"),
                new Sample("percent and braces", "%s {0} ${x}"),
                new Sample("highest code point", "\uDBFF\uDFFF"));
    }

    /** Every sample: refused and accepted alike. */
    public static List<Sample> all() {
        return Stream.concat(refusedAsIdentifier().stream(), acceptedAsIdentifier().stream()).toList();
    }

    /** A value of 1 MiB (1,048,576 characters), ending in a character a store may alter, for size limits. */
    public static String oneMebibyte() {
        return "x".repeat((1 << 20) - 1) + "\u00E9";
    }
}
