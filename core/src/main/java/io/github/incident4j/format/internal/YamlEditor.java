package io.github.incident4j.format.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Changes a {@link YamlSource}'s text by replacing only the characters of the nodes that change: a scalar keeps
 * its style where the new text allows it, an entry or list item is inserted at its neighbours' indentation or
 * removed with its own lines (and the comment lines directly above it), and everything else keeps its bytes.
 * Edits are collected, then applied in one pass ({@link #apply()}), so the cost is linear in the text.
 */
public final class YamlEditor {

    /** A replacement; a weak one is dropped when a strong one overlaps it. */
    private record Splice(int start, int end, String text, int order, boolean weak) {
    }

    private final YamlSource source;
    private final String text;
    private final String nl;
    private final List<Splice> splices = new ArrayList<>();

    /** An editor of {@code source}'s text. */
    public YamlEditor(YamlSource source) {
        this.source = source;
        this.text = source.text();
        this.nl = source.newline();
    }

    /** The source edited. */
    public YamlSource source() {
        return source;
    }

    /** The line break the document uses. */
    public String newline() {
        return nl;
    }

    /** Whether any edit was made. */
    public boolean changed() {
        return !splices.isEmpty();
    }

    /** Replaces {@code [start, end)} with {@code replacement}. */
    public void replace(int start, int end, String replacement) {
        splices.add(new Splice(start, end, replacement, splices.size(), false));
    }

    /** Replaces {@code [start, end)} unless another edit touches those characters. */
    public void replaceUnlessEdited(int start, int end, String replacement) {
        splices.add(new Splice(start, end, replacement, splices.size(), true));
    }

    /** Inserts {@code s} at {@code at}. */
    public void insert(int at, String s) {
        replace(at, at, s);
    }

    /**
     * The edited text.
     *
     * @throws IllegalStateException when two edits overlap (a bug of the caller: edits are of disjoint nodes)
     */
    public String apply() {
        if (splices.isEmpty()) {
            return text;
        }
        List<Splice> strong = splices.stream().filter(s -> !s.weak()).toList();
        List<Splice> sorted = new ArrayList<>(strong);
        for (Splice w : splices) {
            if (w.weak() && strong.stream().noneMatch(s -> s.start() < w.end() && w.start() < s.end()
                    || s.start() == w.start() && s.end() == w.end())) {
                sorted.add(w);
            }
        }
        sorted.sort(Comparator.comparingInt(Splice::start).thenComparingInt(s -> s.end() - s.start())
                .thenComparingInt(Splice::order));
        StringBuilder out = new StringBuilder(text.length() + 64);
        int at = 0;
        for (Splice s : sorted) {
            if (s.start() < at) {
                throw new IllegalStateException("overlapping YAML edits at " + s.start());
            }
            out.append(text, at, s.start()).append(s.text());
            at = s.end();
        }
        return out.append(text, at, text.length()).toString();
    }

    // ------------------------------------------------------------------ line arithmetic

    /** Index of the start of the line holding {@code index}. */
    public int lineStartOf(int index) {
        int i = Math.min(index, text.length());
        while (i > 0 && text.charAt(i - 1) != '\n') {
            i--;
        }
        return i;
    }

    /**
     * Index just after the line break ending the line that holds the last character before {@code end} (a node's
     * end): the place where a following line may be inserted. A node that ends with its own line break (a block
     * scalar) gives {@code end} itself; the last line of a text without a final break gives the text's length.
     */
    public int afterLine(int end) {
        if (end > 0 && text.charAt(end - 1) == '\n') {
            return end;
        }
        int lf = text.indexOf('\n', end);
        return lf < 0 ? text.length() : lf + 1;
    }

    /** Whether only blanks precede {@code index} on its line. */
    public boolean startsLine(int index) {
        for (int i = lineStartOf(index); i < index; i++) {
            if (text.charAt(i) != ' ' && text.charAt(i) != '\t') {
                return false;
            }
        }
        return true;
    }

    /** The number of characters from the line's start to {@code index}. */
    public int columnOf(int index) {
        return index - lineStartOf(index);
    }

    /**
     * The start of the comment lines directly above the line starting at {@code lineStart} that are indented to
     * {@code indent} (no blank line between): they describe what follows and go with it when it is removed.
     */
    public int leadingComments(int lineStart, int indent) {
        int start = lineStart;
        while (start > 0) {
            int prev = lineStartOf(start - 1);
            String line = text.substring(prev, start).stripTrailing();
            if (line.length() > indent && line.charAt(indent) == '#' && line.substring(0, indent).isBlank()) {
                start = prev;
            } else {
                break;
            }
        }
        return start;
    }

    /** The index of the {@code -} introducing a block list item that starts at {@code itemStart}. */
    public int dashBefore(int itemStart) {
        int i = itemStart - 1;
        while (i >= 0 && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i--;
        }
        return i >= 0 && text.charAt(i) == '-' ? i : itemStart;
    }

    /** The character at {@code index}, or 0 outside the text. */
    public char charAt(int index) {
        return index >= 0 && index < text.length() ? text.charAt(index) : 0;
    }

    /** The text between two indexes. */
    public String slice(int start, int end) {
        return text.substring(start, end);
    }
}
