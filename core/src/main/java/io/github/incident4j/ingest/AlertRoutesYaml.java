package io.github.incident4j.ingest;

import io.github.incident4j.ValidationException;
import io.github.incident4j.common.Severity;
import io.github.incident4j.format.FormatException;
import io.github.incident4j.format.internal.YamlNode;
import io.github.incident4j.format.internal.YamlTree;
import io.github.incident4j.incident.Urgency;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * Reads and writes the {@code routes:} section of the rotation YAML file ({@code OnCallYaml} reads its
 * {@code schedule:} section from the same file). The routes are a list tried in order; the last one, without
 * {@code matchers}, is the default route, whose settings the others inherit. Documented with an example in
 * {@code core/docs/ingest.md}.
 *
 * <pre>{@code
 * String file = Files.readString(Path.of("oncall-rotation.yaml"));
 * OnCallConfig oncall = OnCallYaml.parse(file);
 * AlertRoutes routes = AlertRoutesYaml.parse(file);
 * }</pre>
 *
 * <pre>{@code
 * routes:
 *   - name: payments
 *     matchers: [team="payments", severity=~"critical|page"]
 *     service: payment-service
 *     category: App crash
 *     auto_resolve: true
 *   - name: default
 *     escalation_policy: Backend On-Call
 * }</pre>
 *
 * <p>Input limits are those of the project's YAML reading (size, depth, aliases; see {@code format.internal.YamlTree}).
 */
public final class AlertRoutesYaml {

    private static final Set<String> ROOT_KEYS = Set.of("schedule", "routes");
    private static final List<String> ROUTE_KEYS = List.of("name", "matchers", "service", "escalation_policy",
            "category", "severity_label", "severities", "default_severity", "urgency", "auto_resolve", "heartbeat");
    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .disable(YAMLWriteFeature.SPLIT_LINES)
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            .build();

    private final List<FormatException.Problem> problems = new ArrayList<>();

    private AlertRoutesYaml() {
    }

    /**
     * Reads the {@code routes:} section of a document (a rotation file, or a file holding only routes).
     *
     * @throws FormatException listing every problem with line and column; nothing is returned half-built
     */
    public static AlertRoutes parse(String yaml) {
        return new AlertRoutesYaml().read(YamlTree.parse(yaml));
    }

    /** Writes a table as a {@code routes:} section that {@link #parse} reads back equal. */
    public static String render(AlertRoutes table) {
        List<Object> list = new ArrayList<>();
        for (AlertRoute r : table.routes()) {
            list.add(route(r));
        }
        list.add(route(table.defaultRoute()));
        return MAPPER.writeValueAsString(Map.of("routes", list));
    }

    private static Map<String, Object> route(AlertRoute r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", r.name());
        if (!r.matchers().isEmpty()) {
            m.put("matchers", r.matchers().stream().map(LabelMatcher::toString).toList());
        }
        r.service().ifPresent(v -> m.put("service", v));
        r.policy().ifPresent(v -> m.put("escalation_policy", v));
        r.category().ifPresent(v -> m.put("category", v));
        r.severityLabel().ifPresent(v -> m.put("severity_label", v));
        if (!r.severities().isEmpty()) {
            Map<String, String> words = new LinkedHashMap<>();
            r.severities().forEach((w, s) -> words.put(w, s.label()));
            m.put("severities", words);
        }
        r.defaultSeverity().ifPresent(v -> m.put("default_severity", v.label()));
        r.urgency().ifPresent(v -> m.put("urgency", v.name().toLowerCase(Locale.ROOT)));
        r.autoResolve().ifPresent(v -> m.put("auto_resolve", v));
        r.heartbeat().ifPresent(v -> m.put("heartbeat", v));
        return m;
    }

    private AlertRoutes read(YamlNode root) {
        if (!(root instanceof YamlNode.Mapping m)) {
            throw new FormatException("expected a mapping with a 'routes' section, but found " + root.kind(),
                    root.line(), root.column());
        }
        for (YamlNode.Key k : m.keys()) {
            if (!ROOT_KEYS.contains(k.name())) {
                problems.add(new FormatException.Problem(k.line(), k.column(), "unknown field '" + k.name()
                        + "' at the top of the document (valid: " + new TreeSet<>(ROOT_KEYS) + ")"));
            }
        }
        Optional<YamlNode> node = m.get("routes");
        AlertRoutes.Builder table = AlertRoutes.builder();
        if (node.isEmpty()) {
            error(m, "missing 'routes' section");
        } else if (!(node.get() instanceof YamlNode.Sequence seq)) {
            error(node.get(), "routes: expected a list of routes, but found " + node.get().kind());
        } else if (seq.items().isEmpty()) {
            error(seq, "routes: is empty; give at least the default route (the last, without matchers)");
        } else {
            int last = seq.items().size() - 1;
            for (int i = 0; i <= last; i++) {
                YamlNode item = seq.items().get(i);
                AlertRoute r = route(item, "routes[" + i + "]", i == last ? "default" : "route-" + (i + 1));
                if (r == null) {
                    continue;
                }
                if (i == last) {
                    if (!r.matchers().isEmpty()) {
                        error(item, "routes[" + i + "]: the last route is the default route and takes no matchers "
                                + "(add a last route without matchers that names the escalation_policy)");
                    }
                    table.otherwise(r);
                } else {
                    table.route(r);
                }
            }
        }
        if (problems.isEmpty()) {
            try {
                return table.build();
            } catch (ValidationException e) {
                YamlNode at = node.orElse(m);
                for (ValidationException.Problem p : e.problems()) {
                    error(at, "routes: " + p);
                }
            }
        }
        problems.sort(Comparator.comparingInt(FormatException.Problem::line)
                .thenComparingInt(FormatException.Problem::column));
        throw new FormatException(problems);
    }

    private @Nullable AlertRoute route(YamlNode node, String path, String defaultName) {
        if (!(node instanceof YamlNode.Mapping m)) {
            error(node, path + ": expected a mapping, but found " + node.kind());
            return null;
        }
        int before = problems.size();
        for (YamlNode.Key k : m.keys()) {
            if (!ROUTE_KEYS.contains(k.name())) {
                problems.add(new FormatException.Problem(k.line(), k.column(), "unknown field '" + k.name() + "' in "
                        + path + " (valid: " + String.join(", ", ROUTE_KEYS) + ")"));
            }
        }
        String name = m.get("name").map(n -> text(n, path + ".name")).orElse(defaultName);
        AlertRoute.Builder b = AlertRoute.named(name == null ? defaultName : name);
        m.get("matchers").ifPresent(n -> {
            List<YamlNode> items = n instanceof YamlNode.Sequence s ? s.items() : List.of(n);
            for (int i = 0; i < items.size(); i++) {
                String t = text(items.get(i), path + ".matchers[" + i + "]");
                if (t != null) {
                    try {
                        b.matching(LabelMatcher.parse(t));
                    } catch (ValidationException e) {
                        error(items.get(i), path + ".matchers[" + i + "]: " + e.problems().get(0));
                    }
                }
            }
        });
        m.get("service").map(n -> text(n, path + ".service")).ifPresent(b::service);
        m.get("escalation_policy").map(n -> text(n, path + ".escalation_policy")).ifPresent(b::policy);
        m.get("category").map(n -> text(n, path + ".category")).ifPresent(b::category);
        m.get("severity_label").map(n -> text(n, path + ".severity_label")).ifPresent(b::severityLabel);
        m.get("heartbeat").map(n -> text(n, path + ".heartbeat")).ifPresent(b::heartbeat);
        m.get("severities").ifPresent(n -> {
            if (!(n instanceof YamlNode.Mapping words)) {
                error(n, path + ".severities: expected a mapping of word to severity (page: SEV-1), but found " + n.kind());
                return;
            }
            for (YamlNode.Entry e : words.entries().values()) {
                Severity s = severity(e.value(), path + ".severities." + e.key().name());
                if (s != null) {
                    b.severity(e.key().name(), s);
                }
            }
        });
        m.get("default_severity").map(n -> severity(n, path + ".default_severity")).ifPresent(b::defaultSeverity);
        m.get("urgency").ifPresent(n -> {
            String t = text(n, path + ".urgency");
            if (t != null) {
                switch (t.strip().toLowerCase(Locale.ROOT)) {
                    case "high" -> b.urgency(Urgency.HIGH);
                    case "low" -> b.urgency(Urgency.LOW);
                    default -> error(n, path + ".urgency: expected high or low, but was '" + t + "'");
                }
            }
        });
        m.get("auto_resolve").ifPresent(n -> {
            String t = text(n, path + ".auto_resolve");
            if (t != null) {
                switch (t.strip().toLowerCase(Locale.ROOT)) {
                    case "true" -> b.autoResolve(true);
                    case "false" -> b.autoResolve(false);
                    default -> error(n, path + ".auto_resolve: expected true or false, but was '" + t + "'");
                }
            }
        });
        if (problems.size() > before) {
            return null;
        }
        try {
            return b.build();
        } catch (ValidationException e) {
            for (ValidationException.Problem p : e.problems()) {
                error(m, path + "." + p);
            }
            return null;
        }
    }

    private @Nullable Severity severity(YamlNode n, String path) {
        String t = text(n, path);
        if (t == null) {
            return null;
        }
        try {
            return Severity.parse(t);
        } catch (ValidationException e) {
            error(n, path + ": " + e.problems().get(0));
            return null;
        }
    }

    private @Nullable String text(YamlNode n, String path) {
        if (!(n instanceof YamlNode.Scalar s)) {
            error(n, path + ": expected a single value, but found " + n.kind());
            return null;
        }
        if (s.tag() != null) {
            error(n, path + ": YAML tags are not accepted (found " + s.tag() + "); write the plain value");
            return null;
        }
        if (s.isNull() || s.text().isBlank()) {
            error(n, path + ": empty value");
            return null;
        }
        return s.text();
    }

    private void error(YamlNode at, String message) {
        problems.add(new FormatException.Problem(at.line(), at.column(), message));
    }
}
