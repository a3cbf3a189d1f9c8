package io.github.incident4j.chaos;

import io.github.incident4j.common.Problems;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies Litmus fields this model does not know, so a document keeps them on render. Keys are
 * {@code level.name} (e.g. {@code metadata.labels}, {@code components.nodeSelector}); values are text,
 * lists or mappings of those, copied deeply and unmodifiable, in document order.
 */
final class LitmusFields {

    private LitmusFields() {
    }

    static Map<String, Object> copy(Map<String, ?> fields, Problems problems, String path) {
        Map<String, Object> out = new LinkedHashMap<>();
        fields.forEach((k, v) -> {
            problems.check(k.indexOf('.') > 0 && k.indexOf('.') < k.length() - 1, path + "[" + k + "]", k,
                    "must be written 'level.name', e.g. 'metadata.labels'");
            out.put(k, value(v, problems, path + "[" + k + "]"));
        });
        return Collections.unmodifiableMap(out);
    }

    /** A deep, unmodifiable copy of a value (text, lists and mappings of those); other values are a problem. */
    static Object value(Object v, Problems problems, String path) {
        if (v instanceof String) {
            return v;
        }
        if (v instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                copy.add(value(list.get(i), problems, path + "[" + i + "]"));
            }
            return Collections.unmodifiableList(copy);
        }
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, x) -> copy.put(String.valueOf(k), value(x, problems, path + "." + k)));
            return Collections.unmodifiableMap(copy);
        }
        problems.add(path, v, "must be text, a list or a mapping");
        return String.valueOf(v);
    }
}
