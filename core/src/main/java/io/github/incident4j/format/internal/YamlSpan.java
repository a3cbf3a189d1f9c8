package io.github.incident4j.format.internal;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A node of a YAML document read by {@link YamlSource}, with the exact characters it was written as: {@code start}
 * and {@code end} are indexes into the source text ({@code [start, end)}), {@code line} and {@code column} are
 * 1-based for messages. Comments, blank lines and spacing are not nodes: they are the source text between nodes,
 * which {@link YamlEditor} leaves as it is.
 *
 * <p>A node reached through an alias ({@code *name}) carries the alias's own span and {@code alias} set; its
 * children are those of the anchored node (shared, never copied).</p>
 */
public sealed interface YamlSpan permits YamlSpan.Scalar, YamlSpan.Mapping, YamlSpan.Sequence {

    /** Index of the node's first character in the source. */
    int start();

    /** Index after the node's last character (after a block scalar's line breaks). */
    int end();

    /** 1-based line of the node. */
    int line();

    /** 1-based column of the node (in code points, as editors count). */
    int column();

    /** The explicit tag as snakeyaml gives it ({@code tag:yaml.org,2002:str} for {@code !!str}), if written. */
    @Nullable String tag();

    /** The alias name when this node was written as {@code *name}. */
    @Nullable String alias();

    /** Whether the node is written in flow style ({@code {a: b}}, {@code [a]}) or inside such a collection. */
    boolean flow();

    /** A short word for messages: "a scalar", "a mapping", "a list". */
    String kind();

    /** How a scalar was written. */
    enum Style {
        /** {@code value} */
        PLAIN,
        /** {@code 'value'} */
        SINGLE_QUOTED,
        /** {@code "value"} */
        DOUBLE_QUOTED,
        /** {@code |} */
        LITERAL,
        /** {@code >} */
        FOLDED
    }

    /**
     * A scalar: its value after unquoting and unescaping, and its style.
     *
     * @param value the text the scalar stands for ({@code 'null'} gives {@code null}, the word)
     * @param style how it was written
     */
    record Scalar(String value, Style style, @Nullable String tag, @Nullable String alias, boolean flow, int start,
                  int end, int line, int column) implements YamlSpan {

        /** Whether this is YAML's null: a plain {@code ~}, {@code null} (any case YAML allows) or nothing, untagged. */
        public boolean isNull() {
            return style == Style.PLAIN && tag == null && (value.isEmpty() || value.equals("~") || value.equals("null")
                    || value.equals("Null") || value.equals("NULL"));
        }

        /** Whether the scalar was written in quotes or as a block, so it is a string whatever it says. */
        public boolean quotedOrBlock() {
            return style != Style.PLAIN;
        }

        @Override
        public String kind() {
            return "a scalar";
        }
    }

    /** A key and its value. Keys are scalars (the reader refuses others). */
    record Entry(Scalar key, YamlSpan value) {
    }

    /** A mapping in document order. */
    record Mapping(List<Entry> entries, @Nullable String tag, @Nullable String alias, boolean flow, int start, int end,
                   int line, int column) implements YamlSpan {

        /** Copies the entries. */
        public Mapping {
            entries = List.copyOf(entries);
        }

        /** The entry of {@code key}, if written. */
        public Optional<Entry> entry(String key) {
            for (Entry e : entries) {
                if (e.key().value().equals(key)) {
                    return Optional.of(e);
                }
            }
            return Optional.empty();
        }

        /** The value of {@code key}, if written. */
        public Optional<YamlSpan> get(String key) {
            return entry(key).map(Entry::value);
        }

        @Override
        public String kind() {
            return "a mapping";
        }
    }

    /** A list. */
    record Sequence(List<YamlSpan> items, @Nullable String tag, @Nullable String alias, boolean flow, int start, int end,
                    int line, int column) implements YamlSpan {

        /** Copies the items. */
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "a list";
        }
    }
}
