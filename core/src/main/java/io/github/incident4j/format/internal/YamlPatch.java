package io.github.incident4j.format.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Writes into a document what changed between two {@link YamlValue} trees, and nothing else: {@code old} is what
 * the document was read as, {@code neu} what it must now say. Unchanged parts keep their bytes (comments, quoting,
 * spelling); a changed scalar is rewritten in its own style ({@code 'x'} stays single-quoted, {@code False} becomes
 * {@code True}, whole seconds written as {@code 5} stay integers); a key the author did not write is added only when
 * its new value differs from what was assumed; a removed key or item goes with its lines. Lists of mappings with
 * unique {@code name}s (env entries, probes, experiments) are matched by name, other lists by position.
 *
 * <pre>{@code
 * YamlEditor editor = new YamlEditor(source);
 * YamlPatch.apply(editor, root, before, after);
 * String text = editor.apply();
 * }</pre>
 */
public final class YamlPatch {

    private final YamlEditor ed;
    private final String nl;

    private YamlPatch(YamlEditor ed) {
        this.ed = ed;
        this.nl = ed.newline();
    }

    /** Records in {@code editor} the edits that turn {@code node}, read as {@code old}, into {@code neu}. */
    public static void apply(YamlEditor editor, YamlSpan node, YamlValue old, YamlValue neu) {
        new YamlPatch(editor).patch(node, old, neu, -2, false);
    }

    /**
     * What to write for a value the document does not have: {@code neu} without the parts equal to {@code old}
     * (the values a reader assumed), so no default is added that was not changed.
     */
    public static YamlValue delta(@Nullable YamlValue old, YamlValue neu) {
        if (old instanceof YamlValue.Mapping om && neu instanceof YamlValue.Mapping nm) {
            List<YamlValue.Field> fields = new ArrayList<>();
            for (YamlValue.Field f : nm.fields()) {
                YamlValue ov = om.get(f.key()).orElse(null);
                if (ov == null ? !f.optional() : !ov.equals(f.value())) {
                    fields.add(new YamlValue.Field(f.key(), ov == null ? f.value() : delta(ov, f.value()), false));
                }
            }
            return new YamlValue.Mapping(fields);
        }
        if (old instanceof YamlValue.Sequence os && neu instanceof YamlValue.Sequence ns) {
            Map<String, YamlValue> byName = named(os) ? byName(os) : Map.of();
            List<YamlValue> items = new ArrayList<>();
            for (int i = 0; i < ns.items().size(); i++) {
                YamlValue item = ns.items().get(i);
                String name = name(item);
                YamlValue was = name != null && !byName.isEmpty() ? byName.get(name)
                        : byName.isEmpty() && i < os.items().size() ? os.items().get(i) : null;
                if (!item.equals(was)) {
                    items.add(item);
                }
            }
            return new YamlValue.Sequence(items);
        }
        return neu;
    }

    // ------------------------------------------------------------------ dispatch

    /**
     * @param parentIndent indentation of the key owning the node, or of the {@code -} of the item it is
     * @param item whether the node is a list item
     */
    private void patch(YamlSpan node, @Nullable YamlValue old, YamlValue neu, int parentIndent, boolean item) {
        YamlValue was = old != null ? old : YamlValue.of(node);
        if (was.equals(neu)) {
            return;
        }
        if (node.alias() == null) {
            keepAliases(node);
            if (node instanceof YamlSpan.Scalar s && neu instanceof YamlValue.Scalar n) {
                ed.replace(s.start(), s.end(), scalar(s, n, parentIndent));
                return;
            }
            if (node instanceof YamlSpan.Mapping m && neu instanceof YamlValue.Mapping n && was instanceof YamlValue.Mapping o
                    && !m.entries().isEmpty()) {
                mapping(m, o, n);
                return;
            }
            if (node instanceof YamlSpan.Sequence s && neu instanceof YamlValue.Sequence n
                    && was instanceof YamlValue.Sequence o && !s.items().isEmpty()) {
                sequence(s, o, n);
                return;
            }
        }
        replaceNode(node, neu, parentIndent, item);
    }

    // ------------------------------------------------------------------ scalars

    private String scalar(YamlSpan.Scalar node, YamlValue.Scalar neu, int parentIndent) {
        String prefix = node.start() == node.end() && (ed.charAt(node.start() - 1) == ':' || ed.charAt(node.start() - 1) == '-')
                ? " " : "";
        String value = neu.text();
        boolean block = node.style() == YamlSpan.Style.LITERAL || node.style() == YamlSpan.Style.FOLDED;
        String text = switch (neu.kind()) {
            case INTEGER -> like(node, value, true);
            case BOOLEAN -> like(node, respellBoolean(node.value(), value), true);
            case DURATION -> {
                boolean wasSeconds = node.value().strip().matches("[0-9]+");
                if (wasSeconds && neu.seconds() != null) {
                    yield like(node, neu.seconds(), true);
                }
                yield like(node, value, YamlScalars.plainDuration(value));
            }
            case STRING -> string(node, value, parentIndent);
        };
        if (block && !text.startsWith("|") && !text.startsWith(">")) {
            // the block's span held its line break(s); a quoted or plain replacement needs them back
            return prefix + text + nl + blockTail(node);
        }
        if (block) {
            boolean keep = blockHeader(node).contains("+") || text.startsWith("|+");
            return prefix + text + (keep ? "" : blockTail(node));
        }
        return prefix + text;
    }

    /** The blank lines a block scalar's span holds after its content (not part of the value unless kept). */
    private String blockTail(YamlSpan.Scalar node) {
        String span = ed.slice(node.start(), node.end());
        int last = span.length() - 1;
        while (last >= 0 && (span.charAt(last) == '\n' || span.charAt(last) == '\r' || span.charAt(last) == ' ')) {
            last--;
        }
        int lf = span.indexOf('\n', last + 1);
        return lf < 0 ? "" : span.substring(lf + 1);
    }

    private String blockHeader(YamlSpan.Scalar node) {
        String span = ed.slice(node.start(), node.end());
        int lf = span.indexOf('\n');
        return lf < 0 ? span : span.substring(0, lf);
    }

    /** {@code value} as a plain token when the node was plain and {@code plainOk}, else in the node's quotes. */
    private String like(YamlSpan.Scalar node, String value, boolean plainOk) {
        return switch (node.style()) {
            case PLAIN -> plainOk ? value : YamlScalars.quoted(value);
            case DOUBLE_QUOTED -> YamlScalars.doubleQuoted(value);
            default -> YamlScalars.quoted(value);
        };
    }

    private String string(YamlSpan.Scalar node, String value, int parentIndent) {
        switch (node.style()) {
            case PLAIN -> {
                return YamlScalars.plainSafe(value, node.flow()) ? value : YamlScalars.quoted(value);
            }
            case SINGLE_QUOTED -> {
                return YamlScalars.quoted(value);
            }
            case DOUBLE_QUOTED -> {
                return YamlScalars.doubleQuoted(value);
            }
            default -> {
                int indent = contentIndent(node, parentIndent);
                String block = node.style() == YamlSpan.Style.FOLDED ? YamlScalars.folded(value, indent, nl) : null;
                if (block == null) {
                    block = YamlScalars.literal(value, indent, nl);
                }
                return block != null ? block : YamlScalars.doubleQuoted(value);
            }
        }
    }

    /** The indentation of a block scalar's content lines, or two more than its key's when it has none. */
    private int contentIndent(YamlSpan.Scalar node, int parentIndent) {
        String span = ed.slice(node.start(), node.end());
        int lf = span.indexOf('\n');
        while (lf >= 0 && lf + 1 < span.length()) {
            int i = lf + 1;
            int n = 0;
            while (i < span.length() && span.charAt(i) == ' ') {
                i++;
                n++;
            }
            if (i < span.length() && span.charAt(i) != '\n' && span.charAt(i) != '\r') {
                return n;
            }
            lf = span.indexOf('\n', i);
        }
        return Math.max(1, parentIndent + 2);
    }

    /** {@code true}/{@code false} in the capitalisation the author used ({@code False} gives {@code True}). */
    static String respellBoolean(String was, String value) {
        if (was.length() > 1 && was.equals(was.toUpperCase(Locale.ROOT))) {
            return value.toUpperCase(Locale.ROOT);
        }
        if (!was.isEmpty() && Character.isUpperCase(was.charAt(0))) {
            return Character.toUpperCase(value.charAt(0)) + value.substring(1);
        }
        return value;
    }

    // ------------------------------------------------------------------ mappings

    private void mapping(YamlSpan.Mapping m, YamlValue.Mapping old, YamlValue.Mapping neu) {
        Set<String> keep = new HashSet<>();
        neu.fields().forEach(f -> keep.add(f.key()));
        List<YamlSpan.Entry> removed = new ArrayList<>();
        for (YamlSpan.Entry e : m.entries()) {
            String k = e.key().value();
            if (!keep.contains(k) && old.get(k).isPresent()) { // a key no tree knows is left alone
                removed.add(e);
            }
        }
        // inserts grouped by the written entry they follow (null: before the first)
        Map<YamlSpan.@Nullable Entry, List<YamlValue.Field>> inserts = new LinkedHashMap<>();
        YamlSpan.Entry previous = null;
        int written = m.entries().size() - removed.size();
        for (YamlValue.Field f : neu.fields()) {
            YamlSpan.Entry de = m.entry(f.key()).orElse(null);
            YamlValue ov = old.get(f.key()).orElse(null);
            if (de != null) {
                patch(de.value(), ov, f.value(), ed.columnOf(de.key().start()), false);
                previous = de;
            } else if (ov != null ? !ov.equals(f.value()) : !f.optional()) {
                inserts.computeIfAbsent(previous, x -> new ArrayList<>())
                        .add(new YamlValue.Field(f.key(), delta(ov, f.value()), false));
                written++;
            }
        }
        if (written == 0) {
            ed.replace(m.start(), m.end(), m.flow() ? "{}" : "{}");
            return;
        }
        if (m.flow()) {
            flowMappingEdits(m, removed, inserts);
            return;
        }
        int indent = ed.columnOf(m.entries().get(0).key().start());
        List<YamlSpan.Entry> entries = m.entries();
        if (removed.size() == entries.size() && !ed.startsLine(entries.get(0).key().start())) {
            // every written key goes and new ones come, on a "- " line: write the item afresh
            replaceNode(m, delta(old, neu), indent, true);
            return;
        }
        for (int i = 0; i < entries.size(); i++) {
            YamlSpan.Entry e = entries.get(i);
            if (!removed.contains(e)) {
                continue;
            }
            int keyStart = e.key().start();
            if (ed.startsLine(keyStart)) {
                int from = ed.leadingComments(ed.lineStartOf(keyStart), indent);
                ed.replace(from, ed.afterLine(e.value().end()), "");
                continue;
            }
            // The first key of a list item, on its "- " line: the next kept key moves up onto that line, and the
            // removed entries between them go with the same edit.
            int next = i + 1;
            while (next < entries.size() && removed.contains(entries.get(next))) {
                next++;
            }
            YamlSpan.Entry kept = entries.get(next); // exists: written > 0 and inserts follow a kept entry or the first
            int keptLine = ed.lineStartOf(kept.key().start());
            int comments = ed.leadingComments(keptLine, indent);
            ed.replace(keyStart, comments < keptLine ? comments : kept.key().start(), "");
            i = next - 1;
        }
        inserts.forEach((after, fields) -> insertBlockEntries(m, after, fields, indent));
    }

    private void insertBlockEntries(YamlSpan.Mapping m, YamlSpan.@Nullable Entry after, List<YamlValue.Field> fields,
                                    int indent) {
        StringBuilder lines = new StringBuilder();
        for (YamlValue.Field f : fields) {
            lines.append(" ".repeat(indent)).append(YamlEmitter.key(f.key())).append(':')
                    .append(YamlEmitter.afterKey(f.value(), indent, nl)).append(nl);
        }
        YamlSpan.Entry first = m.entries().get(0);
        if (after == null && ed.startsLine(first.key().start())) {
            ed.insert(ed.lineStartOf(first.key().start()), lines.toString());
            return;
        }
        YamlSpan.Entry anchor = after != null ? after : first;
        int at = ed.afterLine(anchor.value().end());
        insertLines(at, lines.toString());
    }

    /** Inserts whole lines at a line start, or after the last line when the text has no final line break. */
    private void insertLines(int at, String lines) {
        if (at > 0 && ed.charAt(at - 1) != '\n') {
            ed.insert(at, nl + lines.substring(0, lines.length() - nl.length()));
        } else {
            ed.insert(at, lines);
        }
    }

    private void flowMappingEdits(YamlSpan.Mapping m, List<YamlSpan.Entry> removed,
                                  Map<YamlSpan.@Nullable Entry, List<YamlValue.Field>> inserts) {
        List<YamlSpan.Entry> entries = m.entries();
        for (YamlSpan.Entry e : removed) {
            int i = entries.indexOf(e);
            if (i + 1 < entries.size()) {
                ed.replace(e.key().start(), entries.get(i + 1).key().start(), "");
            } else if (i > 0) {
                ed.replace(entries.get(i - 1).value().end(), e.value().end(), "");
            } else {
                ed.replace(e.key().start(), e.value().end(), "");
            }
        }
        inserts.forEach((after, fields) -> {
            String text = flowFields(fields);
            if (after != null) {
                ed.insert(after.value().end(), ", " + text);
            } else if (!entries.isEmpty()) {
                ed.insert(entries.get(0).key().start(), text + ", ");
            } else {
                ed.insert(m.start() + 1, text);
            }
        });
    }

    private static String flowFields(List<YamlValue.Field> fields) {
        String f = YamlEmitter.flow(new YamlValue.Mapping(fields));
        return f.substring(1, f.length() - 1);
    }

    // ------------------------------------------------------------------ sequences

    private void sequence(YamlSpan.Sequence s, YamlValue.Sequence old, YamlValue.Sequence neu) {
        boolean named = named(old) && named(neu) && namedSpans(s);
        List<YamlSpan> removed = new ArrayList<>();
        Map<@Nullable YamlSpan, List<YamlValue>> inserts = new LinkedHashMap<>();
        int dash = s.flow() ? 0 : ed.columnOf(ed.dashBefore(s.items().get(0).start()));
        int written;
        if (named) {
            Map<String, YamlSpan> docByName = new HashMap<>();
            s.items().forEach(i -> docByName.put(spanName(i), i));
            Map<String, YamlValue> oldByName = byName(old);
            Set<String> keep = new HashSet<>();
            neu.items().forEach(i -> keep.add(name(i)));
            for (YamlSpan i : s.items()) {
                if (!keep.contains(spanName(i)) && oldByName.containsKey(spanName(i))) { // unknown items stay
                    removed.add(i);
                }
            }
            written = s.items().size() - removed.size();
            YamlSpan previous = null;
            for (YamlValue item : neu.items()) {
                String n = name(item);
                YamlSpan doc = docByName.get(n);
                YamlValue was = oldByName.get(n);
                if (doc != null) {
                    patch(doc, was, item, dash, true);
                    previous = doc;
                } else if (!item.equals(was)) {
                    inserts.computeIfAbsent(previous, x -> new ArrayList<>()).add(item);
                    written++;
                }
            }
        } else {
            if (old.items().size() != s.items().size()) {
                replaceNode(s, neu, dash, false);
                return;
            }
            int common = Math.min(old.items().size(), neu.items().size());
            for (int i = 0; i < common; i++) {
                patch(s.items().get(i), old.items().get(i), neu.items().get(i), dash, true);
            }
            for (int i = common; i < s.items().size(); i++) {
                removed.add(s.items().get(i));
            }
            for (int i = common; i < neu.items().size(); i++) {
                inserts.computeIfAbsent(s.items().get(s.items().size() - 1), x -> new ArrayList<>()).add(neu.items().get(i));
            }
            written = neu.items().size();
        }
        if (written == 0) {
            ed.replace(s.start(), s.end(), "[]");
            return;
        }
        if (s.flow()) {
            flowSequenceEdits(s, removed, inserts);
            return;
        }
        for (YamlSpan item : removed) {
            int d = ed.dashBefore(item.start());
            int from = ed.startsLine(d) ? ed.leadingComments(ed.lineStartOf(d), dash) : d;
            ed.replace(from, ed.afterLine(item.end()), "");
        }
        inserts.forEach((after, items) -> {
            StringBuilder lines = new StringBuilder();
            for (YamlValue v : items) {
                lines.append(" ".repeat(dash)).append("- ");
                YamlEmitter.item(v, dash + 2, nl, lines);
                lines.append(nl);
            }
            YamlSpan first = s.items().get(0);
            int firstDash = ed.dashBefore(first.start());
            if (after == null && ed.startsLine(firstDash)) {
                ed.insert(ed.lineStartOf(firstDash), lines.toString());
            } else {
                insertLines(ed.afterLine((after != null ? after : first).end()), lines.toString());
            }
        });
    }

    private void flowSequenceEdits(YamlSpan.Sequence s, List<YamlSpan> removed, Map<@Nullable YamlSpan, List<YamlValue>> inserts) {
        List<YamlSpan> items = s.items();
        for (YamlSpan item : removed) {
            int i = items.indexOf(item);
            if (i + 1 < items.size()) {
                ed.replace(item.start(), items.get(i + 1).start(), "");
            } else if (i > 0) {
                ed.replace(items.get(i - 1).end(), item.end(), "");
            } else {
                ed.replace(item.start(), item.end(), "");
            }
        }
        inserts.forEach((after, values) -> {
            String text = YamlEmitter.flow(new YamlValue.Sequence(values));
            text = text.substring(1, text.length() - 1);
            if (after != null) {
                ed.insert(after.end(), ", " + text);
            } else if (!items.isEmpty()) {
                ed.insert(items.get(0).start(), text + ", ");
            } else {
                ed.insert(s.start() + 1, text);
            }
        });
    }

    // ------------------------------------------------------------------ aliases

    /**
     * Before {@code anchored} changes, each alias of it gets a copy of its text as it was, so the change does not
     * reach the places that only referred to it (an alias that changes too is rewritten whole, which wins).
     */
    private void keepAliases(YamlSpan anchored) {
        List<YamlSpan> aliases = ed.source().aliasesOf(anchored);
        if (aliases.isEmpty()) {
            return;
        }
        String original = ed.slice(anchored.start(), anchored.end());
        boolean block = !anchored.flow() && !(anchored instanceof YamlSpan.Scalar s
                && s.style() != YamlSpan.Style.LITERAL && s.style() != YamlSpan.Style.FOLDED);
        for (YamlSpan alias : aliases) {
            if (!block) {
                ed.replaceUnlessEdited(alias.start(), alias.end(), original.strip());
                continue;
            }
            int lineStart = ed.lineStartOf(alias.start());
            int indent = 0;
            while (ed.charAt(lineStart + indent) == ' ') {
                indent++;
            }
            int from = alias.start();
            while (from > lineStart && ed.charAt(from - 1) == ' ') {
                from--;
            }
            String text = anchored instanceof YamlSpan.Scalar ? " " + original.stripTrailing()
                    : nl + reindent(original.stripTrailing(), ed.columnOf(anchored.start()), indent + 2);
            ed.replaceUnlessEdited(from, alias.end(), text);
        }
    }

    /** {@code block}'s lines moved from indentation {@code from} (its first line's) to {@code to}. */
    private String reindent(String block, int from, int to) {
        StringBuilder out = new StringBuilder();
        String[] lines = block.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (i > 0) {
                out.append(nl);
            }
            if (line.isBlank()) {
                continue;
            }
            int lead = 0;
            while (lead < line.length() && line.charAt(lead) == ' ') {
                lead++;
            }
            int keep = i == 0 ? 0 : Math.max(0, lead - from);
            out.append(" ".repeat(to + keep)).append(line.substring(i == 0 ? 0 : lead));
        }
        return out.toString();
    }

    // ------------------------------------------------------------------ whole nodes

    /** Writes {@code neu} in place of {@code node}, in the node's context (flow or block). */
    private void replaceNode(YamlSpan node, YamlValue neu, int parentIndent, boolean item) {
        if (node.flow()) {
            ed.replace(node.start(), node.end(), YamlEmitter.flow(neu));
            return;
        }
        if (neu instanceof YamlValue.Scalar s) {
            String text = node instanceof YamlSpan.Scalar sc && node.alias() == null ? scalar(sc, s, parentIndent)
                    : YamlEmitter.scalar(s, Math.max(1, parentIndent + 2), nl);
            ed.replace(node.start(), node.end(), text);
            return;
        }
        boolean empty = neu instanceof YamlValue.Mapping m ? m.required().fields().isEmpty()
                : ((YamlValue.Sequence) neu).items().isEmpty();
        if (empty) {
            String text = neu instanceof YamlValue.Mapping ? "{}" : "[]";
            String prefix = node.start() == node.end() && ed.charAt(node.start() - 1) == ':' ? " " : "";
            ed.replace(node.start(), node.end(), prefix + text);
            return;
        }
        StringBuilder out = new StringBuilder();
        boolean blockCollection = node.alias() == null && !(node instanceof YamlSpan.Scalar);
        if (blockCollection || item) {
            int indent = ed.columnOf(node.start());
            if (neu instanceof YamlValue.Mapping m) {
                YamlEmitter.mapping(m, indent, true, nl, out);
            } else {
                YamlEmitter.sequence((YamlValue.Sequence) neu, indent, true, nl, out);
            }
            ed.replace(node.start(), node.end(), out.toString());
            return;
        }
        // a scalar or an alias after "key:": the block goes on the next lines, two spaces in
        int from = node.start();
        while (from > 0 && ed.charAt(from - 1) == ' ') {
            from--;
        }
        ed.replace(from, node.end(), YamlEmitter.afterKey(neu, Math.max(0, parentIndent), nl));
    }

    // ------------------------------------------------------------------ names

    private static @Nullable String name(YamlValue v) {
        if (v instanceof YamlValue.Mapping m && m.get("name").orElse(null) instanceof YamlValue.Scalar s) {
            return s.text();
        }
        return null;
    }

    private static boolean named(YamlValue.Sequence s) {
        return uniquelyNamed(s.items(), YamlPatch::name);
    }

    /** Whether every item has a {@code name} and no two the same one. */
    private static <T> boolean uniquelyNamed(List<T> items, java.util.function.Function<T, @Nullable String> name) {
        Set<String> seen = new HashSet<>();
        for (T i : items) {
            String n = name.apply(i);
            if (n == null || !seen.add(n)) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, YamlValue> byName(YamlValue.Sequence s) {
        Map<String, YamlValue> out = new HashMap<>();
        s.items().forEach(i -> out.put(name(i), i));
        return out;
    }

    private static @Nullable String spanName(YamlSpan n) {
        if (n instanceof YamlSpan.Mapping m && m.get("name").orElse(null) instanceof YamlSpan.Scalar s) {
            return s.value();
        }
        return null;
    }

    private static boolean namedSpans(YamlSpan.Sequence s) {
        return uniquelyNamed(s.items(), YamlPatch::spanName);
    }
}
