package io.github.incident4j.format.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a writer wants a YAML document to say, as a tree of scalars with their type, mappings in order and lists:
 * {@link YamlEmitter} writes it in a clean canonical layout, and {@link YamlPatch} writes the difference between two
 * such trees into a {@link YamlSource} so that everything else keeps its bytes.
 */
public sealed interface YamlValue permits YamlValue.Scalar, YamlValue.Mapping, YamlValue.Sequence {

    /** What a scalar must read back as, which decides its quoting. */
    enum Kind {
        /** Text: quoted whenever YAML (1.1 or 1.2) would read it as anything else. */
        STRING,
        /** A whole number, written plain. */
        INTEGER,
        /** {@code true}/{@code false}, written plain (in the author's capitalisation when rewriting). */
        BOOLEAN,
        /**
         * A duration string such as {@code 5s}; when the author wrote whole seconds as an integer ({@code 5}), a
         * rewrite keeps to integers while {@link Scalar#seconds()} allows it.
         */
        DURATION
    }

    /**
     * A scalar.
     *
     * @param text the value
     * @param kind what it must read back as
     * @param seconds for a {@link Kind#DURATION} of whole seconds, that number of seconds; else null
     */
    record Scalar(String text, Kind kind, @Nullable String seconds) implements YamlValue {
        /** Checks the parts. */
        public Scalar {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(kind, "kind");
        }

        /** A string. */
        public static Scalar string(String text) {
            return new Scalar(text, Kind.STRING, null);
        }

        /** A whole number. */
        public static Scalar integer(long value) {
            return new Scalar(Long.toString(value), Kind.INTEGER, null);
        }

        /** A boolean. */
        public static Scalar bool(boolean value) {
            return new Scalar(Boolean.toString(value), Kind.BOOLEAN, null);
        }
    }

    /**
     * One key of a mapping.
     *
     * @param key the key
     * @param value its value
     * @param optional whether a canonical writer may leave it out (it holds the value a reader assumes when absent)
     */
    record Field(String key, YamlValue value, boolean optional) {
        /** Checks the parts. */
        public Field {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }

    /** A mapping in writing order; keys are unique. */
    record Mapping(List<Field> fields) implements YamlValue {
        /** Copies the fields. */
        public Mapping {
            fields = List.copyOf(fields);
        }

        /** The value of {@code key}, if present. */
        public Optional<YamlValue> get(String key) {
            for (Field f : fields) {
                if (f.key().equals(key)) {
                    return Optional.of(f.value());
                }
            }
            return Optional.empty();
        }

        /** The mapping without the fields a canonical writer may leave out. */
        public Mapping required() {
            return new Mapping(fields.stream().filter(f -> !f.optional()).toList());
        }
    }

    /** A list. */
    record Sequence(List<YamlValue> items) implements YamlValue {
        /** Copies the items. */
        public Sequence {
            items = List.copyOf(items);
        }
    }

    /** Builds a {@link Mapping} field by field. */
    final class MappingBuilder {
        private final List<Field> fields = new ArrayList<>();

        /** A required field. */
        public MappingBuilder put(String key, YamlValue value) {
            fields.removeIf(f -> f.key().equals(key));
            fields.add(new Field(key, value, false));
            return this;
        }

        /** A string field. */
        public MappingBuilder put(String key, String value) {
            return put(key, Scalar.string(value));
        }

        /** A field a canonical writer leaves out. */
        public MappingBuilder optional(String key, YamlValue value) {
            fields.removeIf(f -> f.key().equals(key));
            fields.add(new Field(key, value, true));
            return this;
        }

        /** Whether {@code key} was put. */
        public boolean has(String key) {
            return fields.stream().anyMatch(f -> f.key().equals(key));
        }

        /** The mapping. */
        public Mapping build() {
            return new Mapping(fields);
        }
    }

    /** A new mapping builder. */
    static MappingBuilder mapping() {
        return new MappingBuilder();
    }

    /** The tree a span stands for, every scalar read as a string: the reading of nodes a model did not describe. */
    static YamlValue of(YamlSpan span) {
        if (span instanceof YamlSpan.Scalar s) {
            return Scalar.string(s.value());
        }
        if (span instanceof YamlSpan.Mapping m) {
            MappingBuilder b = mapping();
            m.entries().forEach(e -> b.put(e.key().value(), of(e.value())));
            return b.build();
        }
        List<YamlValue> items = new ArrayList<>();
        ((YamlSpan.Sequence) span).items().forEach(i -> items.add(of(i)));
        return new Sequence(items);
    }
}
