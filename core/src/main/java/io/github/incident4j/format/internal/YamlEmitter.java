package io.github.incident4j.format.internal;

import java.util.List;

/**
 * Writes a {@link YamlValue} in a clean canonical layout: block style, two spaces per level, lists indented under
 * their key ({@code env:} then {@code - name: ...} two spaces in), fields a reader assumes when absent left out,
 * scalars quoted only when they must be (see {@link YamlScalars#canonical}), multi-line text as a literal block.
 * Output is linear in the tree's size.
 */
public final class YamlEmitter {

    private YamlEmitter() {
    }

    /** A document whose root is {@code root}, ending with a line break. */
    public static String document(YamlValue.Mapping root, String nl) {
        StringBuilder out = new StringBuilder();
        mapping(root.required(), 0, false, nl, out);
        return out.append(nl).toString();
    }

    /**
     * The lines of a block mapping at {@code indent}; when {@code firstInline} the first line gets no indentation
     * (it follows a {@code - } already written). No line break after the last line.
     */
    public static void mapping(YamlValue.Mapping m, int indent, boolean firstInline, String nl, StringBuilder out) {
        List<YamlValue.Field> fields = m.required().fields();
        if (fields.isEmpty()) {
            out.append(firstInline ? "" : " ".repeat(indent)).append("{}");
            return;
        }
        for (int i = 0; i < fields.size(); i++) {
            YamlValue.Field f = fields.get(i);
            if (i > 0) {
                out.append(nl);
            }
            if (i > 0 || !firstInline) {
                out.append(" ".repeat(indent));
            }
            out.append(key(f.key())).append(':').append(afterKey(f.value(), indent, nl));
        }
    }

    /** The lines of a block list at {@code indent}, as {@link #mapping}. */
    public static void sequence(YamlValue.Sequence s, int indent, boolean firstInline, String nl, StringBuilder out) {
        if (s.items().isEmpty()) {
            out.append(firstInline ? "" : " ".repeat(indent)).append("[]");
            return;
        }
        for (int i = 0; i < s.items().size(); i++) {
            if (i > 0) {
                out.append(nl);
            }
            if (i > 0 || !firstInline) {
                out.append(" ".repeat(indent));
            }
            out.append("- ");
            item(s.items().get(i), indent + 2, nl, out);
        }
    }

    /** A list item's content after its {@code - }, continuation lines at {@code indent}. */
    public static void item(YamlValue v, int indent, String nl, StringBuilder out) {
        if (v instanceof YamlValue.Mapping m) {
            mapping(m, indent, true, nl, out);
        } else if (v instanceof YamlValue.Sequence s) {
            sequence(s, indent, true, nl, out);
        } else {
            out.append(scalar((YamlValue.Scalar) v, indent, nl));
        }
    }

    /**
     * What follows {@code key:} for a value whose key is at {@code keyIndent}: {@code " text"}, or a line break and
     * the nested block two spaces in. No line break at the end.
     */
    public static String afterKey(YamlValue v, int keyIndent, String nl) {
        if (v instanceof YamlValue.Scalar s) {
            return " " + scalar(s, keyIndent + 2, nl);
        }
        StringBuilder out = new StringBuilder();
        if (v instanceof YamlValue.Mapping m) {
            if (m.required().fields().isEmpty()) {
                return " {}";
            }
            out.append(nl);
            mapping(m, keyIndent + 2, false, nl, out);
        } else {
            YamlValue.Sequence s = (YamlValue.Sequence) v;
            if (s.items().isEmpty()) {
                return " []";
            }
            out.append(nl);
            sequence(s, keyIndent + 2, false, nl, out);
        }
        return out.toString();
    }

    /** A scalar in block context; multi-line text as a literal block whose lines are at {@code indent}. */
    public static String scalar(YamlValue.Scalar s, int indent, String nl) {
        if (s.kind() == YamlValue.Kind.STRING && s.text().indexOf('\n') >= 0) {
            String block = YamlScalars.literal(s.text(), Math.max(1, indent), nl);
            if (block != null) {
                return block.substring(0, block.length() - nl.length());
            }
        }
        return YamlScalars.canonical(s, false);
    }

    /** A key, quoted when it must be. */
    public static String key(String key) {
        return YamlScalars.plainSafe(key, false) ? key : YamlScalars.quoted(key);
    }

    /** The value in flow style: {@code {a: b, c: [d]}}. */
    public static String flow(YamlValue v) {
        if (v instanceof YamlValue.Scalar s) {
            return s.kind() == YamlValue.Kind.STRING && !YamlScalars.plainSafe(s.text(), true)
                    ? YamlScalars.quoted(s.text()) : YamlScalars.canonical(s, true);
        }
        StringBuilder out = new StringBuilder();
        if (v instanceof YamlValue.Mapping m) {
            out.append('{');
            List<YamlValue.Field> fields = m.required().fields();
            for (int i = 0; i < fields.size(); i++) {
                out.append(i == 0 ? "" : ", ").append(YamlScalars.plainSafe(fields.get(i).key(), true)
                        ? fields.get(i).key() : YamlScalars.quoted(fields.get(i).key()))
                        .append(": ").append(flow(fields.get(i).value()));
            }
            return out.append('}').toString();
        }
        out.append('[');
        List<YamlValue> items = ((YamlValue.Sequence) v).items();
        for (int i = 0; i < items.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(flow(items.get(i)));
        }
        return out.append(']').toString();
    }
}
