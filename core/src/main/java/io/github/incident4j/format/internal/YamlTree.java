package io.github.incident4j.format.internal;

import io.github.incident4j.common.Text;
import io.github.incident4j.format.FormatException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Reads YAML safely into {@link YamlNode}s that know their line, column and, for scalars, how they were written.
 *
 * <p>Safe means: no tag ever instantiates anything (the tree is built from snakeyaml-engine's parser events; it
 * holds only strings, mappings and lists, and a tag is kept as text for the reader to refuse); documents over
 * {@link #MAX_CHARS} characters are refused before any parsing, by their length alone; scalars over
 * {@link #MAX_SCALAR_CHARS}, nesting deeper than {@link #MAX_DEPTH} and aliases that would expand to more than
 * {@link #MAX_ALIAS_EXPANSION} nodes (the "billion laughs" bomb) are refused with a {@link FormatException} before
 * they cost memory or time. Aliases share the anchored node rather than copying it; an alias to an anchor that is
 * still open (a recursive anchor) is refused. Duplicate keys are an error; a key must be a scalar.
 *
 * <p>Scalars keep their text and their {@linkplain YamlNode.Style style}: only a plain {@code null}, {@code Null},
 * {@code NULL}, {@code ~} or nothing is YAML's null ({@link YamlNode.Scalar#isNull()}); {@code 'null'},
 * {@code "null"} and {@code '~'} are the strings they spell.
 *
 * <p>Nothing from the YAML stack leaks: its own errors become a {@link FormatException} at the place it names, and
 * any other exception it throws (snakeyaml-engine 3.0.1 threw {@code IndexOutOfBoundsException} for a character
 * outside the BMP at offsets 1024, 2049, 3074, …) becomes one at the place the parser had reached, logged at ERROR
 * as the library bug it is. The whole document is also given to the parser as one buffer, so no such chunk
 * boundary exists even with that version on the classpath. Reading costs time linear in the document's length.
 */
public final class YamlTree {

    /** Largest document read, in characters; a longer one is refused by its length, before any parsing. */
    public static final int MAX_CHARS = 1_000_000;
    /** Largest scalar read, in characters. */
    public static final int MAX_SCALAR_CHARS = 100_000;
    /** Deepest nesting of mappings and lists. */
    public static final int MAX_DEPTH = 64;
    /** Most nodes that aliases may add to a document when expanded. */
    public static final int MAX_ALIAS_EXPANSION = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(YamlTree.class);

    private final String text;
    private final ParserImpl parser;
    private final StreamReader stream;
    private final Map<String, YamlNode> anchors = new HashMap<>();
    private final Map<YamlNode, Integer> sizes = new IdentityHashMap<>();
    private long aliasExpansion;
    private @Nullable Event last;

    private YamlTree(String text, ParserImpl parser, StreamReader stream) {
        this.text = text;
        this.parser = parser;
        this.stream = stream;
    }

    /**
     * Reads one YAML document. An empty document gives a null scalar at line 1.
     *
     * @throws FormatException with line and column for malformed or unsafe YAML, and for anything the YAML
     *     parser throws
     */
    public static YamlNode parse(String text) {
        checkSize(text);
        return parse(text, new StringReader(text));
    }

    /** Reads {@code text} as {@code source} delivers it: the seam through which tests make the parser fail. */
    static YamlNode parse(String text, Reader source) {
        checkSize(text);
        // Reading no longer needs Jackson, but every YAML format writes with it: a host with a Jackson too old is
        // told at its first reader call, as documented, not at its first write.
        JacksonCompatibility.require();
        LoadSettings settings = LoadSettings.builder()
                .setLabel("document")
                .setUseMarks(true)
                .setBufferSize(text.length() + 1) // one buffer for the whole document: no chunk boundary to get wrong
                .build();
        StreamReader stream = new StreamReader(settings, source);
        YamlTree tree = new YamlTree(text, new ParserImpl(settings, stream), stream);
        try {
            return tree.readDocument();
        } catch (FormatException e) {
            throw e;
        } catch (MarkedYamlEngineException e) {
            throw malformed(e);
        } catch (ReaderException e) {
            int[] at = tree.lineAndColumn(e.getPosition());
            throw new FormatException("malformed YAML: " + Text.shown(e.getMessage() == null ? "unreadable character"
                    : oneLine(e.getMessage())) + " (U+" + String.format(java.util.Locale.ROOT, "%04X", e.getCodePoint())
                    + ")", at[0], at[1], e);
        } catch (RuntimeException e) {
            // a YamlEngineException without a place, or a bug in the parser: refuse the document where reading stopped
            int[] at = tree.reached();
            if (!(e instanceof org.snakeyaml.engine.v2.exceptions.YamlEngineException)) {
                LOG.error("The YAML parser failed with {} at line {}, column {}; the document is refused as unreadable."
                        + " This is a bug of the YAML library (or of incident4j): please report it.", e, at[0], at[1], e);
            }
            throw new FormatException("malformed YAML: the YAML parser could not read on from here ("
                    + Text.shown(oneLine(String.valueOf(e))) + ")", at[0], at[1], e);
        }
    }

    private static void checkSize(String text) {
        if (text.length() > MAX_CHARS) {
            throw new FormatException("document of " + text.length() + " characters is over the limit of "
                    + MAX_CHARS, 1, 1);
        }
    }

    private Event next() {
        Event e = parser.next();
        last = e;
        return e;
    }

    private YamlNode readDocument() {
        next(); // stream start
        Event e = next();
        if (e.getEventId() == Event.ID.StreamEnd) {
            return new YamlNode.Scalar("", null, 1, 1, YamlNode.Style.PLAIN);
        }
        YamlNode root = read(next(), 1);
        next(); // document end
        Event after = next();
        if (after.getEventId() != Event.ID.StreamEnd) {
            int[] at = start(after);
            throw new FormatException("more than one YAML document; expected exactly one", at[0], at[1]);
        }
        return root;
    }

    private YamlNode read(Event e, int depth) {
        int[] at = start(e);
        int line = at[0];
        int column = at[1];
        if (e instanceof AliasEvent alias) {
            return alias(alias.getAlias().getValue(), line, column);
        }
        String anchor = e instanceof NodeEvent n ? n.getAnchor().map(a -> a.getValue()).orElse(null) : null;
        if (anchor != null) {
            anchors.remove(anchor); // redefinition: the old node no longer answers to the name, nor does an open one
        }
        YamlNode node = switch (e.getEventId()) {
            case MappingStart -> readMapping(depth, line, column);
            case SequenceStart -> readSequence(depth, line, column);
            case Scalar -> scalar((ScalarEvent) e, line, column);
            default -> throw new FormatException("malformed YAML: unexpected " + e.getEventId(), line, column);
        };
        if (anchor != null) {
            anchors.put(anchor, node);
        }
        return node;
    }

    private YamlNode.Scalar scalar(ScalarEvent e, int line, int column) {
        String value = e.getValue();
        if (value.length() > MAX_SCALAR_CHARS) {
            throw new FormatException("a value of " + value.length() + " characters is over the limit of "
                    + MAX_SCALAR_CHARS, line, column);
        }
        YamlNode.Style style = switch (e.getScalarStyle()) {
            case SINGLE_QUOTED -> YamlNode.Style.SINGLE_QUOTED;
            case DOUBLE_QUOTED -> YamlNode.Style.DOUBLE_QUOTED;
            case LITERAL -> YamlNode.Style.LITERAL;
            case FOLDED -> YamlNode.Style.FOLDED;
            default -> YamlNode.Style.PLAIN;
        };
        return new YamlNode.Scalar(value, e.getTag().orElse(null), line, column, style);
    }

    private YamlNode readMapping(int depth, int line, int column) {
        checkDepth(depth, line, column);
        Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
        Event k;
        while ((k = next()).getEventId() != Event.ID.MappingEnd) {
            int[] keyAt = start(k);
            if (!(k instanceof ScalarEvent keyEvent)) {
                throw new FormatException("a mapping key must be a plain value, but this one is "
                        + (k instanceof AliasEvent ? "an alias" : "a mapping or a list"), keyAt[0], keyAt[1]);
            }
            YamlNode.Scalar keyNode = scalar(keyEvent, keyAt[0], keyAt[1]);
            keyEvent.getAnchor().ifPresent(a -> anchors.put(a.getValue(), keyNode));
            String name = keyNode.text();
            YamlNode.Key key = new YamlNode.Key(name, keyAt[0], keyAt[1]);
            YamlNode.Entry earlier = entries.get(name);
            if (earlier != null) {
                throw new FormatException("duplicate key '" + Text.shown(name) + "' (first at line "
                        + earlier.key().line() + ")", key.line(), key.column());
            }
            YamlNode value = read(next(), depth + 1);
            entries.put(name, new YamlNode.Entry(key, value));
        }
        YamlNode.Mapping m = new YamlNode.Mapping(entries, line, column);
        int size = 1;
        for (YamlNode.Entry entry : entries.values()) {
            size += size(entry.value());
        }
        sizes.put(m, size);
        return m;
    }

    private YamlNode readSequence(int depth, int line, int column) {
        checkDepth(depth, line, column);
        List<YamlNode> items = new ArrayList<>();
        Event e;
        while ((e = next()).getEventId() != Event.ID.SequenceEnd) {
            items.add(read(e, depth + 1));
        }
        YamlNode.Sequence s = new YamlNode.Sequence(items, line, column);
        int size = 1;
        for (YamlNode item : items) {
            size += size(item);
        }
        sizes.put(s, size);
        return s;
    }

    private YamlNode alias(String name, int line, int column) {
        YamlNode target = anchors.get(name);
        if (target == null) {
            throw new FormatException("alias *" + Text.shown(name) + " refers to no complete anchor &" + Text.shown(name)
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

    private static FormatException malformed(MarkedYamlEngineException e) {
        Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
        String context = e.getContext();
        String problem = e.getProblem();
        String what = (context == null || context.isBlank() ? "" : oneLine(context) + ": ")
                + (problem == null ? "malformed YAML" : oneLine(problem));
        return new FormatException("malformed YAML: " + Text.shown(what), mark.map(m -> m.getLine() + 1).orElse(1),
                mark.map(m -> m.getColumn() + 1).orElse(1), e);
    }

    private static String oneLine(String message) {
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /** 1-based line and column where an event starts (1, 1 if the parser gave no place). */
    private static int[] start(Event e) {
        return e.getStartMark().map(m -> new int[] {m.getLine() + 1, m.getColumn() + 1}).orElse(new int[] {1, 1});
    }

    /** Where reading had got to when the parser failed: the stream's position, else the end of the last event. */
    private int[] reached() {
        try {
            Optional<Mark> mark = stream.getMark();
            if (mark.isPresent()) {
                return new int[] {mark.get().getLine() + 1, mark.get().getColumn() + 1};
            }
        } catch (RuntimeException ignored) {
            // the stream itself is what broke: fall back to the last event
        }
        Event e = last;
        if (e != null && e.getEndMark().isPresent()) {
            Mark m = e.getEndMark().get();
            return new int[] {m.getLine() + 1, m.getColumn() + 1};
        }
        return new int[] {1, 1};
    }

    /** The 1-based line and column of the code point at {@code index} (columns count code points, as the parser's). */
    private int[] lineAndColumn(int index) {
        int line = 1;
        int column = 1;
        int cp = 0;
        for (int i = 0; i < text.length() && cp < index; cp++) {
            char c = text.charAt(i);
            i += Character.charCount(text.codePointAt(i));
            if (c == '\n' || c == '\r' && (i >= text.length() || text.charAt(i) != '\n')) {
                line++;
                column = 1;
            } else if (c != '\r') {
                column++;
            }
        }
        return new int[] {line, column};
    }
}
