package io.github.incident4j.chaos;

import io.github.incident4j.ValidationException;
import io.github.incident4j.common.Problems;
import io.github.incident4j.common.Text;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The application an experiment targets, Litmus's {@code appinfo}: namespace, label selector and kind, each kept
 * exactly as written. Litmus's CRD makes all three optional and lets each be empty (node, cloud and other infra
 * faults have no {@code appinfo}; chaos-charts ship {@code appns: ''}), so empty text means "not given" and
 * {@link #NONE} is an {@code appinfo} with nothing in it. Whether a combination makes sense for a fault (the Litmus
 * operator refuses an {@code applabel} without an {@code appkind}) is the lint's to say ({@code chaos.ChaosLint}).
 *
 * <pre>{@code
 * AppInfo app = AppInfo.of("staging", "app=payment-service");   // kind deployment
 * app.selector();                                             // {app=payment-service}
 * }</pre>
 *
 * @param namespace {@code appns}
 * @param labelSelector {@code applabel}: a Kubernetes label selector, e.g. {@code app=web,tier=api}
 * @param kind {@code appkind}: deployment, statefulset, daemonset, deploymentconfig, rollout; empty when not written,
 *     which Litmus cannot run a pod fault against (no pod's owner has an empty kind: the experiment ends in Error)
 */
public record AppInfo(String namespace, String labelSelector, String kind) {

    /** The kind {@link #of(String, String)} gives. */
    public static final String DEFAULT_KIND = "deployment";

    /** No application: the {@code appinfo} of infra faults, or one whose fields are all empty. */
    public static final AppInfo NONE = new AppInfo("", "", "");

    /** Checks the text of every part at once (no control characters); any selector text is kept. */
    public AppInfo {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(labelSelector, "labelSelector");
        Objects.requireNonNull(kind, "kind");
        Problems problems = new Problems();
        Text.identifierProblem(namespace).ifPresent(p -> problems.add("appinfo.appns", namespace, p));
        Text.identifierProblem(labelSelector).ifPresent(p -> problems.add("appinfo.applabel", labelSelector, p));
        Text.identifierProblem(kind).ifPresent(p -> problems.add("appinfo.appkind", kind, p));
        problems.throwIfAny("appinfo");
    }

    /** A deployment target. */
    public static AppInfo of(String namespace, String labelSelector) {
        return new AppInfo(namespace, labelSelector, DEFAULT_KIND);
    }

    /** Whether nothing is given (no namespace, selector or kind). */
    public boolean isEmpty() {
        return namespace.isEmpty() && labelSelector.isEmpty() && kind.isEmpty();
    }

    /** Whether the selector is empty or made only of equality requirements ({@code a=b}, {@code a==b}). */
    public boolean equalitySelector() {
        try {
            parseSelector(labelSelector);
            return true;
        } catch (ValidationException e) {
            return false;
        }
    }

    /**
     * The selector as a map, in the order written; empty when no selector is given.
     *
     * @throws ValidationException when the selector has set-based requirements ({@code app in (a,b)}, {@code !x},
     *     {@code a!=b}), which incident4j's runner does not match; see {@link #equalitySelector()}
     */
    public Map<String, String> selector() {
        return parseSelector(labelSelector);
    }

    private static Map<String, String> parseSelector(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text.isBlank()) {
            return Collections.unmodifiableMap(out);
        }
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
