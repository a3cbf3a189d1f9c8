package io.github.incident4j.format.internal;

import io.github.incident4j.format.FormatException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLParser;

/**
 * Reads YAML safely into {@link YamlNode}s that know their line and column.
 *
 * <p>Safe means: no tag ever instantiates anything (the tree holds only strings, mappings and lists;
 * a tag is kept as text for the reader to refuse); documents over {@link #MAX_CHARS} characters,
 * scalars over {@link #MAX_SCALAR_CHARS}, nesting deeper than {@link #MAX_DEPTH} and aliases that
 * would expand to more than {@link #MAX_ALIAS_EXPANSION} nodes (the "billion laughs" bomb) are refused
 * with a {@link FormatException} before they cost memory or time. Aliases share the anchored node
 * rather than copying it; an alias to an anchor that is still open (a recursive anchor) is refused.
 * Duplicate keys are an error.
 */
public final class YamlTree {

    /** Largest document read, in characters. */
    public static final int MAX_CHARS = 1_000_000;
    /** Largest scalar read, in characters. */
    public static final int MAX_SCALAR_CHARS = 100_000;
    /** Deepest nesting of mappings and lists. */
    public static final int MAX_DEPTH = 64;
    /** Most nodes that aliases may add to a document when expanded. */
    public static final int MAX_ALIAS_EXPANSION = 10_000;

    /** Initialised on first use only, after {@link JacksonCompatibility#require()}. */
    private static final class Holder {
        static final YAMLFactory FACTORY = YAMLFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(MAX_SCALAR_CHARS)
                        .maxNestingDepth(MAX_DEPTH)
                        .maxNameLength(MAX_SCALAR_CHARS)
                        .build())
                .build();
    }

    private final Map<String, YamlNode> anchors = new HashMap<>();
    private final Map<YamlNode, Integer> sizes = new IdentityHashMap<>();
    private long aliasExpansion;

    private YamlTree() {
    }

    /**
     * Reads one YAML document. An empty document gives a null scalar at line 1.
     *
     * @throws FormatException with line and column for malformed or unsafe YAML
     */
    public static YamlNode parse(String text) {
        if (text.length() > MAX_CHARS) {
            throw new FormatException("document of " + text.length() + " characters is over the limit of "
                    + MAX_CHARS, 1, 1);
        }
        JacksonCompatibility.require();
        YamlTree tree = new YamlTree();
        try (JsonParser parser = Holder.FACTORY.createParser(ObjectReadContext.empty(), text)) {
            try {
                return tree.readDocument((YAMLParser) parser);
            } catch (JacksonException e) {
                // some errors (stream constraints such as the nesting limit) carry no location: use the parser's
                throw translate(e, parser.currentLocation());
            }
        } catch (JacksonException e) {
            throw translate(e, null);
        }
    }

    private YamlNode readDocument(YAMLParser parser) {
        JsonToken first = parser.nextToken();
        if (first == null) {
            return new YamlNode.Scalar("", null, 1, 1);
        }
        YamlNode root = read(parser, first, 1);
        JsonToken extra = parser.nextToken();
        if (extra != null) {
            TokenStreamLocation at = parser.currentTokenLocation();
            throw new FormatException("more than one YAML document; expected exactly one", line(at), column(at));
        }
        return root;
    }

    private YamlNode read(YAMLParser p, JsonToken token, int depth) {
        TokenStreamLocation at = p.currentTokenLocation();
        int line = line(at);
        int column = column(at);
        if (p.isCurrentAlias()) {
            return alias(p.getString(), line, column);
        }
        String anchor = p.getObjectId() == null ? null : String.valueOf(p.getObjectId());
        if (anchor != null) {
            anchors.remove(anchor); // redefinition: the old node no longer answers to the name
        }
        YamlNode node = switch (token) {
            case START_OBJECT -> readMapping(p, depth, line, column, anchor);
            case START_ARRAY -> readSequence(p, depth, line, column, anchor);
            case VALUE_NULL -> new YamlNode.Scalar("", tag(p), line, column);
            default -> {
                String text = p.getString();
                yield new YamlNode.Scalar(text == null ? "" : text, tag(p), line, column);
            }
        };
        if (anchor != null) {
            anchors.put(anchor, node);
        }
        return node;
    }

    /**
     * The node's tag as written ({@code !foo}, or the resolved {@code tag:yaml.org,2002:str} for {@code !!str}), if
     * any. Jackson 3.0 exposes it only as a type id with the leading {@code !} removed; put it back.
     */
    private static @Nullable String tag(YAMLParser p) {
        String id = p.getTypeId();
        if (id == null) {
            return null;
        }
        return id.startsWith("tag:") ? id : "!" + id;
    }

    private YamlNode readMapping(YAMLParser p, int depth, int line, int column, String anchor) {
        checkDepth(depth, line, column);
        Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_OBJECT) {
            if (t == null) {
                throw new FormatException("unexpected end of document inside a mapping", line, column);
            }
            TokenStreamLocation keyAt = p.currentTokenLocation();
            String name = p.currentName();
            YamlNode.Key key = new YamlNode.Key(name, line(keyAt), column(keyAt));
            if (entries.containsKey(name)) {
                YamlNode.Key first = entries.get(name).key();
                throw new FormatException("duplicate key '" + name + "' (first at line " + first.line() + ")",
                        key.line(), key.column());
            }
            if (anchor != null) {
                anchors.remove(anchor); // open: an alias to it now would be recursive
            }
            YamlNode value = read(p, p.nextToken(), depth + 1);
            entries.put(name, new YamlNode.Entry(key, value));
        }
        YamlNode.Mapping m = new YamlNode.Mapping(entries, line, column);
        sizes.put(m, 1 + entries.values().stream().mapToInt(e -> size(e.value())).sum());
        return m;
    }

    private YamlNode readSequence(YAMLParser p, int depth, int line, int column, String anchor) {
        checkDepth(depth, line, column);
        List<YamlNode> items = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw new FormatException("unexpected end of document inside a list", line, column);
            }
            items.add(read(p, t, depth + 1));
        }
        YamlNode.Sequence s = new YamlNode.Sequence(items, line, column);
        sizes.put(s, 1 + items.stream().mapToInt(this::size).sum());
        return s;
    }

    private YamlNode alias(String name, int line, int column) {
        YamlNode target = anchors.get(name);
        if (target == null) {
            throw new FormatException("alias *" + name + " refers to no complete anchor &" + name
                    + " before it (unknown or recursive anchor)", line, column);
        }
        aliasExpansion += size(target);
        if (aliasExpansion > MAX_ALIAS_EXPANSION) {
            throw new FormatException("aliases expand to more than " + MAX_ALIAS_EXPANSION
                    + " nodes; refusing a possible alias bomb", line, column);
        }
        return target;
    }

    private int size(YamlNode node) {
        return sizes.getOrDefault(node, 1);
    }

    private static void checkDepth(int depth, int line, int column) {
        if (depth > MAX_DEPTH) {
            throw new FormatException("nesting deeper than " + MAX_DEPTH + " levels", line, column);
        }
    }

    private static FormatException translate(JacksonException e, @Nullable TokenStreamLocation fallback) {
        TokenStreamLocation at = e.getLocation() != null && e.getLocation().getLineNr() >= 1 ? e.getLocation()
                : fallback;
        String message = e.getOriginalMessage();
        // snakeyaml messages repeat the source excerpt; the first line says what is wrong.
        String first = message == null ? "malformed YAML" : message.strip().lines().findFirst().orElse("malformed YAML");
        String detail = message == null ? "" : message.lines()
                .filter(l -> l.startsWith("expected") || l.startsWith("found") || l.startsWith("mapping values"))
                .findFirst().map(l -> ": " + l.strip()).orElse("");
        return new FormatException("malformed YAML: " + first + detail, at == null ? -1 : line(at),
                at == null ? -1 : column(at), e);
    }

    private static int line(TokenStreamLocation at) {
        return at.getLineNr() < 1 ? -1 : at.getLineNr();
    }

    private static int column(TokenStreamLocation at) {
        return at.getColumnNr() < 1 ? -1 : at.getColumnNr();
    }
}
