package io.github.incident4j.format.internal;

import io.github.incident4j.format.FormatException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.DocumentStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.MappingStartEvent;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.events.SequenceStartEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * A YAML text read losslessly: the text itself, kept whole, and its documents as {@link YamlSpan} trees that know
 * the characters each node was written as. Nothing is normalised: comments, blank lines, quoting, key order,
 * {@code True} versus {@code true}, {@code 5} versus {@code '5'}, document markers and line endings all stay in
 * {@link #text()}, and {@link YamlEditor} changes a node by replacing only its characters. This is the layer for
 * readers whose {@code render} of an unchanged document must return it byte for byte (the ChaosEngine reader uses
 * it; the on-call reader could, with the same {@link YamlValue}/{@link YamlPatch} writer).
 *
 * <p>Events come from snakeyaml-engine's parser with marks (no constructor runs, so no tag can instantiate
 * anything). Safety limits, each refused with a located {@link FormatException}: at most {@link #MAX_CHARS}
 * characters (checked before parsing, in O(1)), nesting of at most {@link #MAX_DEPTH}, aliases expanding to at
 * most {@link #MAX_ALIAS_EXPANSION} nodes, duplicate keys and non-scalar keys refused. Any exception from the YAML
 * stack becomes a {@link FormatException} with a line and column. Reading is linear in the text's length.</p>
 *
 * <pre>{@code
 * YamlSource src = YamlSource.parse(text);
 * YamlSpan root = src.single().orElseThrow();
 * }</pre>
 */
public final class YamlSource {

    private static final Logger LOG = LoggerFactory.getLogger(YamlSource.class);

    /** Largest text read, in characters. */
    public static final int MAX_CHARS = 1_000_000;
    /** Deepest nesting of mappings and lists. */
    public static final int MAX_DEPTH = 64;
    /** Most nodes aliases may add when expanded. */
    public static final int MAX_ALIAS_EXPANSION = 10_000;

    /** One document of the stream. */
    public record Document(@Nullable YamlSpan root, int start, int end, boolean explicitStart) {
    }

    private final String text;
    private final List<Document> documents;
    private final int[] lineStarts;
    private final String newline;
    private final IdentityHashMap<YamlSpan, List<YamlSpan>> aliases;

    private YamlSource(String text, List<Document> documents, int[] lineStarts,
                       IdentityHashMap<YamlSpan, List<YamlSpan>> aliases) {
        this.text = text;
        this.documents = List.copyOf(documents);
        this.lineStarts = lineStarts;
        this.aliases = aliases;
        int lf = text.indexOf('\n');
        this.newline = lf > 0 && text.charAt(lf - 1) == '\r' ? "\r\n" : "\n";
    }

    /** The text as given. */
    public String text() {
        return text;
    }

    /** The documents, in order; a document with no content has a null root. */
    public List<Document> documents() {
        return documents;
    }

    /** The line break the text uses ({@code \r\n} when its first line ends so, else {@code \n}). */
    public String newline() {
        return newline;
    }

    /** The alias nodes ({@code *name}) that stand for {@code anchored}, in document order; empty when none. */
    public List<YamlSpan> aliasesOf(YamlSpan anchored) {
        return aliases.getOrDefault(anchored, List.of());
    }

    /** The root of the only non-empty document, if there is exactly one. */
    public Optional<YamlSpan> single() {
        YamlSpan found = null;
        for (Document d : documents) {
            if (d.root() != null) {
                if (found != null) {
                    return Optional.empty();
                }
                found = d.root();
            }
        }
        return Optional.ofNullable(found);
    }

    /** 1-based line of a character index. */
    public int lineOf(int index) {
        int i = Arrays.binarySearch(lineStarts, index);
        return i >= 0 ? i + 1 : -i - 1;
    }

    /** Index of the first character of a 1-based line. */
    public int lineStart(int line) {
        return lineStarts[Math.max(0, Math.min(line, lineStarts.length) - 1)];
    }

    /** Number of lines (a text ending with a line break has an empty last line). */
    public int lineCount() {
        return lineStarts.length;
    }

    /**
     * Whether a 1-based line holds only a comment (after blanks) outside every scalar, so a {@code #} inside a
     * block scalar or a multi-line quoted string is never taken for a comment.
     */
    public boolean isCommentLine(int line, List<int[]> scalarSpans) {
        int from = lineStart(line);
        int i = from;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        if (i >= text.length() || text.charAt(i) != '#') {
            return false;
        }
        int at = i;
        int lo = 0;
        int hi = scalarSpans.size() - 1;
        while (lo <= hi) { // spans are sorted and disjoint
            int mid = (lo + hi) >>> 1;
            int[] s = scalarSpans.get(mid);
            if (at < s[0]) {
                hi = mid - 1;
            } else if (at >= s[1]) {
                lo = mid + 1;
            } else {
                return false;
            }
        }
        return true;
    }

    /** The spans of every scalar of every document, sorted: for {@link #isCommentLine}. */
    public List<int[]> scalarSpans() {
        List<int[]> out = new ArrayList<>();
        IdentityHashMap<YamlSpan, Boolean> seen = new IdentityHashMap<>();
        for (Document d : documents) {
            if (d.root() != null) {
                collect(d.root(), out, seen);
            }
        }
        out.sort((a, b) -> Integer.compare(a[0], b[0]));
        return out;
    }

    private static void collect(YamlSpan n, List<int[]> out, IdentityHashMap<YamlSpan, Boolean> seen) {
        if (n.alias() != null || seen.put(n, Boolean.TRUE) != null) {
            if (n instanceof YamlSpan.Scalar) {
                out.add(new int[] {n.start(), n.end()});
            }
            return;
        }
        if (n instanceof YamlSpan.Scalar) {
            out.add(new int[] {n.start(), n.end()});
        } else if (n instanceof YamlSpan.Mapping m) {
            for (YamlSpan.Entry e : m.entries()) {
                out.add(new int[] {e.key().start(), e.key().end()});
                collect(e.value(), out, seen);
            }
        } else if (n instanceof YamlSpan.Sequence s) {
            s.items().forEach(i -> collect(i, out, seen));
        }
    }

    /**
     * Reads a YAML stream.
     *
     * @throws FormatException with line and column for malformed or unsafe YAML, or text over {@link #MAX_CHARS}
     */
    public static YamlSource parse(String text) {
        if (text.length() > MAX_CHARS) {
            throw new FormatException("document of " + text.length() + " characters is over the limit of " + MAX_CHARS,
                    1, 1);
        }
        int[] lineStarts = lineStarts(text);
        Reader reader = new Reader(text);
        try {
            return new YamlSource(text, reader.stream(), lineStarts, reader.aliases);
        } catch (FormatException e) {
            throw e;
        } catch (MarkedYamlEngineException e) {
            Mark m = e.getProblemMark().orElse(e.getContextMark().orElse(null));
            String problem = e.getProblem() == null ? "malformed YAML" : e.getProblem();
            String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
            throw new FormatException("malformed YAML: " + problem + context, m == null ? -1 : m.getLine() + 1,
                    m == null ? -1 : m.getColumn() + 1, e);
        } catch (YamlEngineException e) {
            throw new FormatException("malformed YAML: " + firstLine(e.getMessage()), reader.line(), reader.column(), e);
        } catch (RuntimeException e) {
            // A fault of the YAML library itself on valid or invalid input: never leak it to the caller.
            LOG.error("the YAML parser failed unexpectedly near line {}; reporting it as a format error", reader.line(), e);
            throw new FormatException("could not read YAML: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage())), reader.line(), reader.column(), e);
        }
    }

    private static String firstLine(@Nullable String s) {
        return s == null ? "malformed YAML" : s.strip().lines().findFirst().orElse("malformed YAML");
    }

    private static int[] lineStarts(String text) {
        int n = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                n++;
            }
        }
        int[] starts = new int[n];
        int k = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts[k++] = i + 1;
            }
        }
        return starts;
    }

    /** Builds span trees from parser events. Not thread-safe; one per parse. */
    private static final class Reader {
        private final String text;
        private final ParserImpl parser;
        /** Character index of each code point index, or null when the text has no surrogate pairs. */
        private final int @Nullable [] charIndex;
        private final Map<String, YamlSpan> anchors = new HashMap<>();
        private final IdentityHashMap<YamlSpan, Integer> sizes = new IdentityHashMap<>();
        final IdentityHashMap<YamlSpan, List<YamlSpan>> aliases = new IdentityHashMap<>();
        private long expansion;
        private @Nullable Mark last;

        Reader(String text) {
            this.text = text;
            LoadSettings settings = LoadSettings.builder()
                    .setParseComments(false) // comments stay in the text between spans
                    .setCodePointLimit(MAX_CHARS + 1)
                    .setAllowDuplicateKeys(true) // refused here, with the first key's line
                    .build();
            this.parser = new ParserImpl(settings, new StreamReader(settings, text));
            this.charIndex = codePointIndex(text);
        }

        private static int @Nullable [] codePointIndex(String text) {
            boolean pairs = false;
            for (int i = 0; i < text.length() && !pairs; i++) {
                pairs = Character.isHighSurrogate(text.charAt(i));
            }
            if (!pairs) {
                return null;
            }
            int[] map = new int[text.codePointCount(0, text.length()) + 1];
            int cp = 0;
            for (int i = 0; i < text.length(); ) {
                map[cp++] = i;
                i += Character.charCount(text.codePointAt(i));
            }
            map[cp] = text.length();
            return map;
        }

        int line() {
            return last == null ? 1 : last.getLine() + 1;
        }

        int column() {
            return last == null ? 1 : last.getColumn() + 1;
        }

        private Event next() {
            Event e = parser.next();
            e.getStartMark().ifPresent(m -> last = m);
            return e;
        }

        private int index(Optional<Mark> mark) {
            if (mark.isEmpty()) {
                return 0;
            }
            int cp = mark.get().getIndex();
            if (charIndex == null) {
                return Math.min(cp, text.length());
            }
            return charIndex[Math.min(cp, charIndex.length - 1)];
        }

        List<Document> stream() {
            List<Document> docs = new ArrayList<>();
            next(); // StreamStart
            while (true) {
                Event e = next();
                if (e.getEventId() == Event.ID.StreamEnd) {
                    return docs;
                }
                DocumentStartEvent ds = (DocumentStartEvent) e;
                anchors.clear();
                int start = index(ds.getStartMark());
                Event content = next();
                YamlSpan root = null;
                if (content.getEventId() != Event.ID.DocumentEnd) {
                    root = node(content, 1, false);
                    content = next();
                }
                docs.add(new Document(root, start, index(content.getEndMark()), ds.isExplicit()));
            }
        }

        private YamlSpan node(Event e, int depth, boolean inFlow) {
            Optional<Mark> startMark = e.getStartMark();
            int line = startMark.map(m -> m.getLine() + 1).orElse(1);
            int column = startMark.map(m -> m.getColumn() + 1).orElse(1);
            if (e instanceof AliasEvent a) {
                return alias(a, line, column, inFlow);
            }
            NodeEvent ne = (NodeEvent) e;
            String anchor = ne.getAnchor().map(Anchor::getValue).orElse(null);
            if (anchor != null) {
                anchors.remove(anchor); // redefined: the old node no longer answers to the name
            }
            YamlSpan node;
            if (e instanceof ScalarEvent s) {
                node = new YamlSpan.Scalar(s.getValue(), style(s.getScalarStyle()), s.getTag().orElse(null), null,
                        inFlow, index(s.getStartMark()), index(s.getEndMark()), line, column);
            } else if (e instanceof MappingStartEvent m) {
                node = mapping(m, depth, inFlow, line, column);
            } else if (e instanceof SequenceStartEvent s) {
                node = sequence(s, depth, inFlow, line, column);
            } else {
                throw new FormatException("malformed YAML: unexpected " + e.getEventId(), line, column);
            }
            if (anchor != null) {
                anchors.put(anchor, node);
            }
            return node;
        }

        private YamlSpan mapping(MappingStartEvent m, int depth, boolean inFlow, int line, int column) {
            checkDepth(depth, line, column);
            boolean flow = inFlow || m.getFlowStyle() == FlowStyle.FLOW;
            String anchor = m.getAnchor().map(Anchor::getValue).orElse(null);
            List<YamlSpan.Entry> entries = new ArrayList<>();
            Map<String, YamlSpan.Scalar> keys = new HashMap<>();
            int size = 1;
            Event e;
            while ((e = next()).getEventId() != Event.ID.MappingEnd) {
                YamlSpan k = node(e, depth + 1, flow);
                if (!(k instanceof YamlSpan.Scalar key)) {
                    throw new FormatException("keys must be scalars, but this key is " + k.kind(), k.line(), k.column());
                }
                YamlSpan.Scalar first = keys.putIfAbsent(key.value(), key);
                if (first != null) {
                    throw new FormatException("duplicate key '" + key.value() + "' (first at line " + first.line() + ")",
                            key.line(), key.column());
                }
                if (anchor != null) {
                    anchors.remove(anchor); // open: an alias to it now would be recursive
                }
                YamlSpan value = node(next(), depth + 1, flow);
                entries.add(new YamlSpan.Entry(key, value));
                size += size(value);
            }
            int start = entries.isEmpty() || flow ? index(m.getStartMark()) : entries.get(0).key().start();
            int end = flow || entries.isEmpty() ? index(e.getEndMark()) : entries.get(entries.size() - 1).value().end();
            YamlSpan.Mapping node = new YamlSpan.Mapping(entries, tag(m), null, flow, start, Math.max(start, end), line,
                    column);
            sizes.put(node, size);
            return node;
        }

        private YamlSpan sequence(SequenceStartEvent s, int depth, boolean inFlow, int line, int column) {
            checkDepth(depth, line, column);
            boolean flow = inFlow || s.getFlowStyle() == FlowStyle.FLOW;
            String anchor = s.getAnchor().map(Anchor::getValue).orElse(null);
            if (anchor != null) {
                anchors.remove(anchor);
            }
            List<YamlSpan> items = new ArrayList<>();
            int size = 1;
            Event e;
            while ((e = next()).getEventId() != Event.ID.SequenceEnd) {
                YamlSpan item = node(e, depth + 1, flow);
                items.add(item);
                size += size(item);
            }
            int start = index(s.getStartMark());
            int end = flow || items.isEmpty() ? index(e.getEndMark()) : items.get(items.size() - 1).end();
            YamlSpan.Sequence node = new YamlSpan.Sequence(items, tag(s), null, flow, start, Math.max(start, end), line,
                    column);
            sizes.put(node, size);
            return node;
        }

        private static @Nullable String tag(CollectionStartEvent e) {
            return e.getTag().orElse(null);
        }

        private YamlSpan alias(AliasEvent a, int line, int column, boolean inFlow) {
            String name = a.getAlias().getValue();
            YamlSpan target = anchors.get(name);
            if (target == null) {
                throw new FormatException("alias *" + name + " refers to no complete anchor &" + name
                        + " before it (unknown or recursive anchor)", line, column);
            }
            expansion += size(target);
            if (expansion > MAX_ALIAS_EXPANSION) {
                throw new FormatException("aliases expand to more than " + MAX_ALIAS_EXPANSION
                        + " nodes; refusing a possible alias bomb", line, column);
            }
            int start = index(a.getStartMark());
            int end = index(a.getEndMark());
            YamlSpan node;
            if (target instanceof YamlSpan.Scalar s) {
                node = new YamlSpan.Scalar(s.value(), s.style(), s.tag(), name, inFlow, start, end, line, column);
            } else if (target instanceof YamlSpan.Mapping m) {
                node = new YamlSpan.Mapping(m.entries(), m.tag(), name, inFlow, start, end, line, column);
            } else {
                YamlSpan.Sequence s = (YamlSpan.Sequence) target;
                node = new YamlSpan.Sequence(s.items(), s.tag(), name, inFlow, start, end, line, column);
            }
            sizes.put(node, size(target)); // an alias inside another anchored node counts what it expands to
            aliases.computeIfAbsent(target, t -> new ArrayList<>()).add(node);
            return node;
        }

        private int size(YamlSpan n) {
            return sizes.getOrDefault(n, 1);
        }

        private static void checkDepth(int depth, int line, int column) {
            if (depth > MAX_DEPTH) {
                throw new FormatException("nesting deeper than " + MAX_DEPTH + " levels", line, column);
            }
        }

        private static YamlSpan.Style style(ScalarStyle s) {
            return switch (s) {
                case SINGLE_QUOTED -> YamlSpan.Style.SINGLE_QUOTED;
                case DOUBLE_QUOTED -> YamlSpan.Style.DOUBLE_QUOTED;
                case LITERAL -> YamlSpan.Style.LITERAL;
                case FOLDED -> YamlSpan.Style.FOLDED;
                default -> YamlSpan.Style.PLAIN;
            };
        }
    }
}
