package io.github.incident4j.format.internal.markdown;

import io.github.incident4j.format.FormatException;
import io.github.incident4j.format.internal.YamlNode;
import io.github.incident4j.format.internal.YamlTree;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Front matter at the top of a document: YAML between {@code ---} lines (Jekyll, Hugo, GitLab, Docusaurus) or TOML
 * between {@code +++} lines (Hugo). CommonMark does not know it (it would read {@code ---} as a rule and the
 * YAML as a heading), so the document keeps it as an opaque leading slice and parses its top-level keys here.
 *
 * @param start offset of the opening fence (after a byte order mark, if any)
 * @param end offset just after the closing fence line's content (its line break is not part of the slice)
 * @param line 1-based line of the opening fence
 * @param fence {@code ---} or {@code +++}
 * @param content the text between the fences, with {@code \n} line ends
 * @param contentLine 1-based line where the content starts
 * @param values the top-level keys with scalar values, in order (a list value is joined with ", ")
 * @param yaml the YAML tree, when the front matter is YAML and reads
 * @param problem why the YAML does not read, located in the document, when it does not
 */
public record FrontMatter(int start, int end, int line, String fence, String content, int contentLine,
                          Map<String, String> values, @Nullable YamlNode yaml, @Nullable FormatException problem) {

    /** Copies the values. */
    public FrontMatter {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The value of a top-level key (case-insensitive), if it has a scalar one. */
    public Optional<String> value(String key) {
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (e.getKey().equalsIgnoreCase(key)) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }

    /** The front matter starting at {@code from} (0, or 1 after a byte order mark), if the text has one. */
    static @Nullable FrontMatter find(String text, int from, LineIndex lines) {
        String fence = text.startsWith("---", from) ? "---" : text.startsWith("+++", from) ? "+++" : null;
        if (fence == null) {
            return null;
        }
        int openEnd = LineEnds.indexOfBreak(text, from);
        if (openEnd < 0 || !text.substring(from + 3, openEnd).isBlank()) {
            return null;
        }
        int contentStart = LineEnds.afterBreak(text, openEnd);
        int at = contentStart;
        while (at < text.length()) {
            int lineEnd = LineEnds.indexOfBreak(text, at);
            int contentEnd = lineEnd < 0 ? text.length() : lineEnd;
            if (isClosing(text, at, contentEnd, fence)) {
                String content = LineEnds.normalize(text.substring(contentStart, at));
                int contentLine = lines.line(contentStart);
                return parsed(from, contentEnd, lines.line(from), fence, content, contentLine);
            }
            if (lineEnd < 0) {
                break;
            }
            at = LineEnds.afterBreak(text, lineEnd);
        }
        return null;
    }

    private static boolean isClosing(String text, int start, int end, String fence) {
        String line = text.substring(start, end).stripTrailing();
        return line.equals(fence) || fence.equals("---") && line.equals("...");
    }

    private static FrontMatter parsed(int start, int end, int line, String fence, String content, int contentLine) {
        Map<String, String> values = new LinkedHashMap<>();
        if (fence.equals("+++")) {
            toml(content, values);
            return new FrontMatter(start, end, line, fence, content, contentLine, values, null, null);
        }
        try {
            YamlNode yaml = YamlTree.parse(content);
            if (yaml instanceof YamlNode.Mapping m) {
                m.entries().forEach((k, e) -> scalar(e.value()).ifPresent(v -> values.put(k, v)));
            }
            return new FrontMatter(start, end, line, fence, content, contentLine, values, yaml, null);
        } catch (FormatException e) {
            FormatException located = new FormatException(e.problems().stream().map(p -> new FormatException.Problem(
                    p.line() < 1 ? contentLine : p.line() + contentLine - 1, p.column(), "front matter: " + p.message())).toList());
            return new FrontMatter(start, end, line, fence, content, contentLine, values, null, located);
        } catch (RuntimeException e) {
            // the YAML stack must never stop a Markdown read: the front matter is then kept as opaque text
            FormatException located = new FormatException("front matter: unreadable YAML: " + e, contentLine, 1, e);
            return new FrontMatter(start, end, line, fence, content, contentLine, values, null, located);
        }
    }

    private static Optional<String> scalar(YamlNode node) {
        if (node instanceof YamlNode.Scalar s) {
            return Optional.of(s.text());
        }
        if (node instanceof YamlNode.Sequence seq && seq.items().stream().allMatch(i -> i instanceof YamlNode.Scalar)) {
            return Optional.of(String.join(", ", seq.items().stream().map(i -> ((YamlNode.Scalar) i).text()).toList()));
        }
        return Optional.empty();
    }

    /** {@code key = "value"} lines of TOML; tables and arrays of tables are not read. */
    private static void toml(String content, Map<String, String> values) {
        for (String l : content.split("\n", -1)) {
            String line = l.strip();
            if (line.startsWith("[")) {
                break;
            }
            int eq = line.indexOf('=');
            if (eq <= 0 || line.startsWith("#")) {
                continue;
            }
            String value = line.substring(eq + 1).strip();
            if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
                value = value.substring(1, value.length() - 1);
            }
            values.putIfAbsent(line.substring(0, eq).strip(), value);
        }
    }
}
