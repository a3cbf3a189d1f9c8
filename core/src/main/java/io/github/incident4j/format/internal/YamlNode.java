package io.github.incident4j.format.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A node of a YAML document read by {@link YamlTree}, with the 1-based line and column where it starts,
 * so every reader can report a problem at its place in the file.
 */
public sealed interface YamlNode permits YamlNode.Scalar, YamlNode.Mapping, YamlNode.Sequence {

    /** 1-based line of the node. */
    int line();

    /** 1-based column of the node. */
    int column();

    /** A short word for messages: "a scalar", "a mapping", "a list". */
    String kind();

    /** How a scalar was written. */
    enum Style {
        /** Without quotes: the only style in which {@code null}, {@code ~} or nothing is YAML's null. */
        PLAIN,
        /** In single quotes. */
        SINGLE_QUOTED,
        /** In double quotes (escapes such as {@code \0} or {@code \uD800} already decoded into the text). */
        DOUBLE_QUOTED,
        /** A literal block ({@code |}). */
        LITERAL,
        /** A folded block ({@code >}). */
        FOLDED
    }

    /**
     * A scalar as written, with its explicit tag if it had one (readers refuse tags they do not know) and its style.
     */
    record Scalar(String text, @Nullable String tag, int line, int column, Style style) implements YamlNode {

        /** A plain scalar. */
        public Scalar(String text, @Nullable String tag, int line, int column) {
            this(text, tag, line, column, Style.PLAIN);
        }

        /**
         * Whether the scalar is YAML's null: a plain {@code ~}, {@code null}, {@code Null}, {@code NULL} or nothing
         * (YAML 1.2's core schema), untagged or tagged {@code !!null}. A quoted {@code 'null'}, {@code "null"} or
         * {@code '~'} is the text it spells, never null.
         */
        public boolean isNull() {
            if (style != Style.PLAIN || (tag != null && !tag.equals(NULL_TAG))) {
                return false;
            }
            return text.isEmpty() || text.equals("~") || text.equals("null") || text.equals("Null") || text.equals("NULL");
        }

        @Override
        public String kind() {
            return "a scalar";
        }
    }

    /** The tag {@code !!null}, as the parser reports it. */
    String NULL_TAG = "tag:yaml.org,2002:null";

    /** A key of a mapping with its place. */
    record Key(String name, int line, int column) {
    }

    /** A mapping in document order. */
    record Mapping(Map<String, Entry> entries, int line, int column) implements YamlNode {
        /** Keeps the given order. */
        public Mapping {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        /** The value under {@code key}, if present. */
        public Optional<YamlNode> get(String key) {
            Entry e = entries.get(key);
            return e == null ? Optional.empty() : Optional.of(e.value());
        }

        /** The keys in document order. */
        public List<Key> keys() {
            return entries.values().stream().map(Entry::key).toList();
        }

        @Override
        public String kind() {
            return "a mapping";
        }
    }

    /** One key and its value. */
    record Entry(Key key, YamlNode value) {
    }

    /** A list. */
    record Sequence(List<YamlNode> items, int line, int column) implements YamlNode {
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
