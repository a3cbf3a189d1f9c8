package io.github.incident4j.format.internal.markdown;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The splice writer: rewrites chosen ranges of an original text and keeps every other character, in order. Edits
 * are given by offsets into the original; they must not overlap (an insertion at the edge of a replaced range is
 * allowed). Insertions at the same offset keep the order they were given in.
 *
 * <pre>{@code
 * String out = Splice.of(text).replace(block.start(), block.end(), "new text").insert(text.length(), "\n").apply();
 * }</pre>
 *
 * <p>The output is the original's length plus the replacements' lengths: bounded by what the caller gives.
 */
public final class Splice {

    private record Edit(int start, int end, String text, int order) {
    }

    private final String original;
    private final List<Edit> edits = new ArrayList<>();

    private Splice(String original) {
        this.original = original;
    }

    /** Starts a splice of the text. */
    public static Splice of(String original) {
        return new Splice(Objects.requireNonNull(original, "original"));
    }

    /** Replaces the characters from {@code start} (inclusive) to {@code end} (exclusive). */
    public Splice replace(int start, int end, String text) {
        if (start < 0 || end < start || end > original.length()) {
            throw new IllegalArgumentException("range " + start + ".." + end + " is outside the text (0.." + original.length() + ")");
        }
        edits.add(new Edit(start, end, Objects.requireNonNull(text, "text"), edits.size()));
        return this;
    }

    /** Inserts text at an offset. */
    public Splice insert(int at, String text) {
        return replace(at, at, text);
    }

    /** Removes the characters from {@code start} to {@code end}. */
    public Splice delete(int start, int end) {
        return replace(start, end, "");
    }

    /** How many edits were given so far: a mark for {@link #rollback(int)}. */
    public int mark() {
        return edits.size();
    }

    /** Forgets the edits given after {@code mark} (a value of {@link #mark()}). */
    public Splice rollback(int mark) {
        while (edits.size() > mark) {
            edits.remove(edits.size() - 1);
        }
        return this;
    }

    /** Whether no edit was given. */
    public boolean isEmpty() {
        return edits.isEmpty();
    }

    /**
     * The edited text.
     *
     * @throws IllegalStateException when two edits overlap
     */
    public String apply() {
        if (edits.isEmpty()) {
            return original;
        }
        List<Edit> sorted = new ArrayList<>(edits);
        sorted.sort(Comparator.comparingInt(Edit::start).thenComparingInt(e -> e.end() == e.start() ? 0 : 1)
                .thenComparingInt(Edit::order));
        long size = original.length();
        for (Edit e : sorted) {
            size += e.text().length() - (e.end() - e.start());
        }
        StringBuilder out = new StringBuilder((int) Math.min(Integer.MAX_VALUE - 8, Math.max(0, size)));
        int at = 0;
        for (Edit e : sorted) {
            if (e.start() < at) {
                throw new IllegalStateException("edits overlap at offset " + e.start());
            }
            out.append(original, at, e.start()).append(e.text());
            at = e.end();
        }
        return out.append(original, at, original.length()).toString();
    }
}
