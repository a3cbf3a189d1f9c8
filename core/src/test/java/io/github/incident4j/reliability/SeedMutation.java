package io.github.incident4j.reliability;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * One edit of a document, as a value jqwik can generate and shrink: positions are taken modulo the document's
 * size when applied, so any generated edit applies to any document.
 *
 * @param kind what to do
 * @param a a line or character position
 * @param b a second position, or a length
 * @param payload which junk, or how much
 */
record SeedMutation(Kind kind, int a, int b, int payload) {

    /** The edits the issue names: line edits, truncation, junk bytes, tabs, BOMs, CRLF, long lines, nesting. */
    enum Kind {
        DELETE_LINE, DUPLICATE_LINE, SWAP_LINES, TRUNCATE, INSERT_BYTES, INSERT_TAB, INSERT_BOM, CRLF,
        LONG_LINE, DEEP_NESTING, INDENT_LINE
    }

    private static final String JUNK = "\u0000\u0001\u0007\u001b\u007f\u0085\u00a0\u2028\u2029\ufeff\ufffd\ud800"
            + "\udc00{}[]:|#>-*`&!%@'\"\\\t\r\n ";

    static Arbitrary<SeedMutation> any() {
        Arbitrary<Integer> position = Arbitraries.integers().between(0, 1 << 20);
        return Combinators.combine(Arbitraries.of(Kind.class), position, position,
                Arbitraries.integers().between(0, 1 << 16)).as(SeedMutation::new);
    }

    static Arbitrary<List<SeedMutation>> some() {
        return any().list().ofMinSize(1).ofMaxSize(5);
    }

    static String applyAll(String text, List<SeedMutation> mutations) {
        String s = text;
        for (SeedMutation m : mutations) {
            s = m.apply(s);
        }
        return s;
    }

    /** This edit applied to {@code text}; {@code nesting} gives the opening and closing of one nesting level. */
    String apply(String text) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        int n = lines.size();
        int line = a % n;
        int at = text.isEmpty() ? 0 : a % (text.length() + 1);
        return switch (kind) {
            case DELETE_LINE -> {
                lines.remove(line);
                yield String.join("\n", lines);
            }
            case DUPLICATE_LINE -> {
                lines.add(line, lines.get(line));
                yield String.join("\n", lines);
            }
            case SWAP_LINES -> {
                java.util.Collections.swap(lines, line, b % n);
                yield String.join("\n", lines);
            }
            case TRUNCATE -> text.substring(0, at);
            case INSERT_BYTES -> {
                StringBuilder junk = new StringBuilder();
                for (int i = 0; i <= b % 8; i++) {
                    junk.append(JUNK.charAt((payload + i * 7) % JUNK.length()));
                }
                yield text.substring(0, at) + junk + text.substring(at);
            }
            case INSERT_TAB -> text.substring(0, at) + "\t" + text.substring(at);
            case INSERT_BOM -> (payload % 2 == 0 ? "\ufeff" + text : text.substring(0, at) + "\ufeff" + text.substring(at));
            case CRLF -> text.replace("\n", payload % 3 == 0 ? "\r" : "\r\n");
            case LONG_LINE -> {
                lines.add(line, "x".repeat(1_000 + payload * 4));
                yield String.join("\n", lines);
            }
            case DEEP_NESTING -> {
                int depth = 10 + payload % 3_000;
                String nest = switch (b % 4) {
                    case 0 -> "[".repeat(depth) + "]".repeat(depth);
                    case 1 -> "{a: ".repeat(depth) + "}".repeat(depth);
                    case 2 -> ">".repeat(depth) + " quoted";
                    default -> nestedBlock(Math.min(depth, 400));
                };
                lines.add(line, nest);
                yield String.join("\n", lines);
            }
            case INDENT_LINE -> {
                lines.set(line, " ".repeat(1 + b % 12) + lines.get(line));
                yield String.join("\n", lines);
            }
        };
    }

    private static String nestedBlock(int depth) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            s.append("  ".repeat(i)).append(i % 2 == 0 ? "k" + i + ":" : "- ").append('\n');
        }
        return s.toString();
    }
}
