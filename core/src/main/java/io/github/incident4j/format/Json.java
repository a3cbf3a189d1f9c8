package io.github.incident4j.format;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON in and out for the packages that speak HTTP ({@code ingest}, {@code notify}, {@code metrics}), so that only
 * {@code format} and {@code ingest} touch Jackson. {@link #parse} gives a tree whose every node knows its 1-based
 * line and column, so a reader can name the field and the place of a bad value; {@link #write} turns plain maps,
 * lists, strings, numbers, booleans and nulls into compact JSON.
 *
 * <pre>{@code
 * Json.Value v = Json.parse("{\"status\":\"success\",\"data\":{\"result\":[]}}", 1 << 20);
 * v.asObject().get("status");                       // Optional[Str[success]]
 * String body = Json.write(Map.of("routing_key", key, "event_action", "resolve"));
 * }</pre>
 *
 * <p>Limits: the caller gives the largest document it accepts, refused by its length before any parsing;
 * nesting deeper than {@link #MAX_DEPTH} and strings or names longer than {@link #MAX_STRING_CHARS} are refused;
 * duplicate names in one object are an error (JSON leaves them undefined, and a second {@code "status"} must
 * never silently win). Parsing is linear in the document's length.
 */
public final class Json {

    /** Deepest nesting of objects and arrays. */
    public static final int MAX_DEPTH = 64;
    /** Longest string or member name, in characters. */
    public static final int MAX_STRING_CHARS = 1_000_000;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(MAX_STRING_CHARS)
                    .maxNameLength(MAX_STRING_CHARS)
                    .maxNumberLength(1000)
                    .build())
            .build();
    private static final JsonMapper WRITER = JsonMapper.builder().build();

    private Json() {
    }

    /** A JSON value with the 1-based line and column where it starts. */
    public sealed interface Value permits Obj, Arr, Str, Num, Bool, Null {
        /** 1-based line. */
        int line();

        /** 1-based column. */
        int column();

        /** A short phrase for messages: "a string", "an object", ... */
        String kind();

        /** This value as an object, if it is one. */
        default Optional<Obj> object() {
            return this instanceof Obj o ? Optional.of(o) : Optional.empty();
        }

        /** This value's text, if it is a string. */
        default Optional<String> string() {
            return this instanceof Str s ? Optional.of(s.value()) : Optional.empty();
        }
    }

    /** A member of an object: its name, where the name is, and its value. */
    public record Member(String name, int line, int column, Value value) {
        /** Checks the parts. */
        public Member {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    /** An object; members keep their order. */
    public record Obj(Map<String, Member> members, int line, int column) implements Value {
        /** Copies the members, keeping their order. */
        public Obj {
            members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
        }

        /** The value of a member, if present. */
        public Optional<Value> get(String name) {
            Member m = members.get(name);
            return m == null ? Optional.empty() : Optional.of(m.value());
        }

        @Override
        public String kind() {
            return "an object";
        }
    }

    /** An array. */
    public record Arr(List<Value> items, int line, int column) implements Value {
        /** Copies the items. */
        public Arr {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "an array";
        }
    }

    /** A string. */
    public record Str(String value, int line, int column) implements Value {
        /** Checks the value. */
        public Str {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String kind() {
            return "a string";
        }
    }

    /** A number, exactly as written. */
    public record Num(BigDecimal value, int line, int column) implements Value {
        /** Checks the value. */
        public Num {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String kind() {
            return "a number";
        }
    }

    /** {@code true} or {@code false}. */
    public record Bool(boolean value, int line, int column) implements Value {
        @Override
        public String kind() {
            return "a boolean";
        }
    }

    /** {@code null}. */
    public record Null(int line, int column) implements Value {
        @Override
        public String kind() {
            return "null";
        }
    }

    /**
     * Reads one JSON document.
     *
     * @param maxChars the longest document accepted; a longer one is refused before it is parsed
     * @throws FormatException with line and column for malformed JSON, a document over a limit, duplicate names
     *     or trailing content
     */
    public static Value parse(String text, int maxChars) {
        Objects.requireNonNull(text, "text");
        if (text.length() > maxChars) {
            throw new FormatException("document of " + text.length() + " characters is over the limit of "
                    + maxChars, 1, 1);
        }
        try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), text)) {
            try {
                JsonToken first = p.nextToken();
                if (first == null) {
                    throw new FormatException("empty document; expected a JSON value", 1, 1);
                }
                Value root = read(p, first);
                if (p.nextToken() != null) {
                    TokenStreamLocation at = p.currentTokenLocation();
                    throw new FormatException("unexpected content after the JSON value", line(at), column(at));
                }
                return root;
            } catch (JacksonException e) {
                throw translate(e, p.currentLocation());
            }
        } catch (JacksonException e) {
            throw translate(e, null);
        }
    }

    private static Value read(JsonParser p, JsonToken token) {
        TokenStreamLocation at = p.currentTokenLocation();
        int line = line(at);
        int column = column(at);
        return switch (token) {
            case START_OBJECT -> {
                Map<String, Member> members = new LinkedHashMap<>();
                JsonToken t;
                while ((t = p.nextToken()) == JsonToken.PROPERTY_NAME) {
                    TokenStreamLocation nameAt = p.currentTokenLocation();
                    String name = p.currentName();
                    Member earlier = members.get(name);
                    if (earlier != null) {
                        throw new FormatException("duplicate name '" + name + "' (first at line " + earlier.line()
                                + ", column " + earlier.column() + ")", line(nameAt), column(nameAt));
                    }
                    Value v = read(p, p.nextToken());
                    members.put(name, new Member(name, line(nameAt), column(nameAt), v));
                }
                if (t != JsonToken.END_OBJECT) {
                    throw new FormatException("unexpected end of document inside an object", line, column);
                }
                yield new Obj(members, line, column);
            }
            case START_ARRAY -> {
                List<Value> items = new ArrayList<>();
                JsonToken t;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (t == null) {
                        throw new FormatException("unexpected end of document inside an array", line, column);
                    }
                    items.add(read(p, t));
                }
                yield new Arr(items, line, column);
            }
            case VALUE_STRING -> new Str(p.getString(), line, column);
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new Num(p.getDecimalValue(), line, column);
            case VALUE_TRUE -> new Bool(true, line, column);
            case VALUE_FALSE -> new Bool(false, line, column);
            case VALUE_NULL -> new Null(line, column);
            default -> throw new FormatException("unexpected " + token, line, column);
        };
    }

    /**
     * Writes maps (with string keys), lists, strings, numbers, booleans and nulls as compact JSON. Map order is
     * kept, so a {@link LinkedHashMap} gives a stable body.
     */
    public static String write(@Nullable Object value) {
        try {
            return WRITER.writeValueAsString(value);
        } catch (JacksonException e) {
            throw new FormatException("cannot write JSON: " + e.getOriginalMessage(), -1, -1, e);
        }
    }

    private static FormatException translate(JacksonException e, @Nullable TokenStreamLocation fallback) {
        TokenStreamLocation at = e.getLocation() != null && e.getLocation().getLineNr() >= 1 ? e.getLocation() : fallback;
        String message = e.getOriginalMessage();
        String first = message == null ? "malformed JSON" : message.strip().lines().findFirst().orElse("malformed JSON");
        return new FormatException("malformed JSON: " + first, at == null ? -1 : line(at), at == null ? -1 : column(at), e);
    }

    private static int line(TokenStreamLocation at) {
        return at.getLineNr() < 1 ? -1 : at.getLineNr();
    }

    private static int column(TokenStreamLocation at) {
        return at.getColumnNr() < 1 ? -1 : at.getColumnNr();
    }
}
