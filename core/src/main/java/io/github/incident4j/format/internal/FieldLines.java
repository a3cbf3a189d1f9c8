package io.github.incident4j.format.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * Where a reader found each part of the model, by the field path the model's validation uses
 * ({@code title}, {@code notes.preamble}, {@code actionItems[2]}…), so that a problem the model reports after
 * reading can be given the line of the text it came from. Not thread-safe; one per read.
 */
public final class FieldLines {

    private final Map<String, Integer> lines = new HashMap<>();

    /** Records the 1-based line of a field path (a later call for the same path wins). */
    public void put(String field, int line) {
        lines.put(field, line);
    }

    /**
     * The line of the longest recorded path that is {@code field} itself or one of its parents
     * ({@code a} for {@code a.b} and {@code a[0]}), or {@code otherwise} when none is.
     */
    public int lineFor(String field, int otherwise) {
        int best = otherwise;
        int bestLength = -1;
        for (Map.Entry<String, Integer> e : lines.entrySet()) {
            String k = e.getKey();
            boolean parent = field.equals(k) || field.startsWith(k + ".") || field.startsWith(k + "[");
            if (parent && k.length() > bestLength) {
                best = e.getValue();
                bestLength = k.length();
            }
        }
        return best;
    }
}
