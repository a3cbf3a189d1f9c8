package io.github.incident4j.chaos;

import io.github.incident4j.ValidationException;
import io.github.incident4j.common.Problems;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The application an experiment targets, Litmus's {@code appinfo}: namespace, label selector and kind.
 *
 * <pre>{@code
 * AppInfo app = AppInfo.of("staging", "app=payment-service");   // kind deployment
 * app.selector();                                             // {app=payment-service}
 * }</pre>
 *
 * @param namespace {@code appns}
 * @param labelSelector {@code applabel}: equality selectors joined by commas, e.g. {@code app=web,tier=api}
 * @param kind {@code appkind}: deployment, statefulset, daemonset, ...; empty when not written, which Litmus cannot
 *     run a pod fault against (no pod's owner has an empty kind: the experiment ends in Error)
 */
public record AppInfo(String namespace, String labelSelector, String kind) {

    /** The kind when none is given. */
    public static final String DEFAULT_KIND = "deployment";

    /** Validates every part at once. */
    public AppInfo {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(labelSelector, "labelSelector");
        Objects.requireNonNull(kind, "kind");
        Problems problems = new Problems();
        problems.check(!namespace.isBlank(), "appinfo.appns", namespace, "must not be blank");
        try {
            parseSelector(labelSelector);
        } catch (ValidationException e) {
            problems.addAll("appinfo", e);
        }
        problems.throwIfAny("appinfo");
    }

    /** A deployment target. */
    public static AppInfo of(String namespace, String labelSelector) {
        return new AppInfo(namespace, labelSelector, DEFAULT_KIND);
    }

    /** The selector as a map, in the order written. */
    public Map<String, String> selector() {
        return parseSelector(labelSelector);
    }

    private static Map<String, String> parseSelector(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        Problems problems = new Problems();
        for (String part : text.split(",", -1)) {
            int eq = part.indexOf('=');
            String key = eq < 0 ? "" : part.substring(0, eq).strip();
            String value = eq < 0 ? "" : part.substring(eq + 1).strip();
            if (value.startsWith("=")) {
                value = value.substring(1).strip(); // "app==web" is also an equality selector
            }
            if (problems.check(eq > 0 && !key.isEmpty() && !value.isEmpty() && !key.contains("!"),
                    "applabel", text, "expected equality selectors like 'app=web' or 'app=web,tier=api'")) {
                out.put(key, value);
            }
        }
        problems.throwIfAny("label selector");
        return Collections.unmodifiableMap(out);
    }
}
