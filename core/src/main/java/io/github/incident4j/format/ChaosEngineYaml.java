package io.github.incident4j.format;

import io.github.incident4j.ValidationException;
import io.github.incident4j.chaos.AppInfo;
import io.github.incident4j.chaos.ChaosExperiment;
import io.github.incident4j.chaos.CleanupPolicy;
import io.github.incident4j.chaos.EngineState;
import io.github.incident4j.chaos.Fault;
import io.github.incident4j.chaos.PodDeleteSettings;
import io.github.incident4j.chaos.Probe;
import io.github.incident4j.chaos.ProbeInputs;
import io.github.incident4j.chaos.ProbeMode;
import io.github.incident4j.chaos.RunProperties;
import io.github.incident4j.chaos.SteadyStateHypothesis;
import io.github.incident4j.chaos.Tolerance;
import io.github.incident4j.common.Durations;
import io.github.incident4j.common.Finding;
import io.github.incident4j.format.internal.YamlNode;
import io.github.incident4j.format.internal.YamlTree;
import io.github.incident4j.format.internal.YamlWriters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes LitmusChaos {@code ChaosEngine} YAML ({@code litmuschaos.io/v1alpha1}).
 *
 * <p>The steady-state hypothesis is read from a comment block, as teams write it next to the engine:
 * <pre>
 * # Steady-state hypothesis:
 * # - p99 latency stays below 500ms
 * # - No data loss or corruption
 * </pre>
 * Each line that reads as a condition becomes a metric tolerance; any other line a host check. A
 * {@code promProbe} on an experiment whose name is a tolerance's text carries that tolerance's mode, run
 * properties, endpoint and query. {@link #render} writes the comment block and one such promProbe per
 * metric tolerance (on the first experiment), so the output applies where Litmus runs and reads back equal.
 * Fields this model does not know are kept and written back. {@code annotationCheck}, removed from Litmus in
 * 2022, is accepted with a warning.
 *
 * <pre>{@code
 * ChaosExperiment e = ChaosEngineYaml.parse(Files.readString(path));
 * ChaosEngineYaml.Parsed p = ChaosEngineYaml.read(text);   // with warnings
 * String yaml = ChaosEngineYaml.render(e);
 * }</pre>
 */
public final class ChaosEngineYaml {

    private static final Logger LOG = LoggerFactory.getLogger(ChaosEngineYaml.class);

    /** The API version written and required. */
    public static final String API_VERSION = "litmuschaos.io/v1alpha1";

    private static final Pattern HEADER = Pattern.compile("^\\s*#\\s*steady[- ]state hypothesis\\s*:?\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ITEM = Pattern.compile("^(\\s*#\\s*-)(.*)$");
    private static final String HEADER_TEXT = "# Steady-state hypothesis:";


    private ChaosEngineYaml() {
    }

    /**
     * A document read, with what the reader noticed but accepted.
     *
     * @param experiment the experiment
     * @param warnings e.g. {@code chaos.annotation-check-removed}
     */
    public record Parsed(ChaosExperiment experiment, List<Finding> warnings) {
        /** Copies the warnings. */
        public Parsed {
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * Reads a ChaosEngine; warnings are logged.
     *
     * @throws FormatException with line and column for each problem
     */
    public static ChaosExperiment parse(String yaml) {
        Parsed parsed = read(yaml);
        parsed.warnings().forEach(w -> LOG.warn("{}", w));
        return parsed.experiment();
    }

    /**
     * Reads a ChaosEngine and returns the warnings with it.
     *
     * @throws FormatException with line and column for each problem
     */
    public static Parsed read(String yaml) {
        YamlNode root = YamlTree.parse(yaml);
        Reader reader = new Reader();
        ChaosExperiment e = reader.engine(root, yaml);
        if (!reader.problems.isEmpty() || e == null) {
            throw new FormatException(reader.problems);
        }
        return new Parsed(e, reader.warnings);
    }

    /**
     * Writes the experiment as a ChaosEngine with its hypothesis as probes and as the comment block.
     *
     * @throws ValidationException when a kept unknown field has the name of a field this writer writes itself
     */
    public static String render(ChaosExperiment e) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("apiVersion", API_VERSION);
        root.put("kind", "ChaosEngine");
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", e.name());
        putExtra(metadata, e.extra(), "metadata");
        root.put("metadata", metadata);
        Map<String, Object> spec = new LinkedHashMap<>();
        Map<String, Object> appinfo = new LinkedHashMap<>();
        appinfo.put("appns", e.app().namespace());
        appinfo.put("applabel", e.app().labelSelector());
        appinfo.put("appkind", e.app().kind());
        putExtra(appinfo, e.extra(), "appinfo");
        spec.put("appinfo", appinfo);
        spec.put("engineState", e.engineState().litmusName());
        spec.put("chaosServiceAccount", e.serviceAccount());
        spec.put("jobCleanUpPolicy", e.cleanupPolicy().litmusName());
        List<Object> experiments = new ArrayList<>();
        for (int i = 0; i < e.faults().size(); i++) {
            experiments.add(fault(e.faults().get(i), i == 0 ? e.hypothesis() : SteadyStateHypothesis.NONE));
        }
        spec.put("experiments", experiments);
        putExtra(spec, e.extra(), "spec");
        root.put("spec", spec);
        putExtra(root, e.extra(), "root");
        StringBuilder out = new StringBuilder(YamlWriters.write(YamlWriters.Style.PLAIN, root));
        if (!e.hypothesis().tolerances().isEmpty()) {
            out.append('\n').append(HEADER_TEXT).append('\n');
            e.hypothesis().tolerances().forEach(t -> out.append("# - ").append(t.text()).append('\n'));
        }
        return out.toString();
    }

    private static Map<String, Object> fault(Fault f, SteadyStateHypothesis hypothesis) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("name", f.name());
        Map<String, Object> spec = new LinkedHashMap<>();
        Map<String, Object> components = new LinkedHashMap<>();
        List<Object> env = new ArrayList<>();
        f.env().forEach((k, v) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", k);
            entry.put("value", v);
            env.add(entry);
        });
        components.put("env", env);
        putExtra(components, f.extra(), "components");
        spec.put("components", components);
        List<Object> probes = new ArrayList<>();
        f.probes().forEach(p -> probes.add(probe(p.name(), p.inputs(), p.mode(), p.runProperties(), p.extra())));
        for (Tolerance.Metric m : hypothesis.metrics()) {
            ProbeInputs.Comparator c = new ProbeInputs.Comparator("", m.condition().comparator().symbol(),
                    plainNumber(m.condition().threshold().value()));
            probes.add(probe(m.text(), new ProbeInputs.Prom(m.endpoint(), m.query(), c), m.mode(), m.runProperties(), Map.of()));
        }
        if (!probes.isEmpty()) {
            spec.put("probe", probes);
        }
        putExtra(spec, f.extra(), "spec");
        item.put("spec", spec);
        putExtra(item, f.extra(), "experiment");
        return item;
    }

    private static String plainNumber(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static Map<String, Object> probe(String name, ProbeInputs inputs, ProbeMode mode, RunProperties run,
                                             Map<String, Object> extra) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", name);
        p.put("type", inputs.type());
        Map<String, Object> in = new LinkedHashMap<>();
        if (inputs instanceof ProbeInputs.Prom prom) {
            in.put("endpoint", prom.endpoint());
            in.put("query", prom.query());
            in.put("comparator", comparator(prom.comparator()));
        } else if (inputs instanceof ProbeInputs.Http http) {
            in.put("url", http.url());
            Map<String, Object> verb = new LinkedHashMap<>();
            verb.put("criteria", http.criteria());
            verb.put("responseCode", http.responseCode());
            in.put("method", Map.of(http.method(), verb));
        } else if (inputs instanceof ProbeInputs.Cmd cmd) {
            in.put("command", cmd.command());
            in.put("comparator", comparator(cmd.comparator()));
        } else if (inputs instanceof ProbeInputs.K8s k) {
            putIfSet(in, "group", k.group());
            putIfSet(in, "version", k.version());
            putIfSet(in, "resource", k.resource());
            putIfSet(in, "namespace", k.namespace());
            putIfSet(in, "fieldSelector", k.fieldSelector());
            putIfSet(in, "labelSelector", k.labelSelector());
            putIfSet(in, "operation", k.operation());
        }
        putExtra(in, extra, "inputs");
        p.put(inputs.type() + "/inputs", in);
        p.put("mode", mode.litmusName());
        Map<String, Object> rp = new LinkedHashMap<>();
        rp.put("probeTimeout", Durations.format(run.probeTimeout()));
        rp.put("interval", Durations.format(run.interval()));
        // Litmus's CRD types these as integer and boolean, the durations as strings ("5s") since 3.0.
        rp.put("retry", run.retry());
        if (run.attempt() > 0) {
            rp.put("attempt", run.attempt()); // Litmus 3's name for the number of tries; written only when set
        } else if (extra.containsKey("runProperties.attempt")) {
            throw ValidationException.of("extra[runProperties.attempt]", extra.get("runProperties.attempt"),
                    "is a field incident4j reads itself; set it through RunProperties.attempt instead");
        }
        rp.put("stopOnFailure", run.stopOnFailure());
        putExtra(rp, extra, "runProperties");
        p.put("runProperties", rp);
        putExtra(p, extra, "probe");
        return p;
    }

    private static Map<String, Object> comparator(ProbeInputs.Comparator c) {
        Map<String, Object> m = new LinkedHashMap<>();
        putIfSet(m, "type", c.type());
        m.put("criteria", c.criteria());
        m.put("value", c.value());
        return m;
    }

    private static void putIfSet(Map<String, Object> m, String key, String value) {
        if (!value.isEmpty()) {
            m.put(key, value);
        }
    }

    private static void putExtra(Map<String, Object> target, Map<String, Object> extra, String level) {
        String prefix = level + ".";
        extra.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                String name = k.substring(prefix.length());
                if (target.containsKey(name)) {
                    throw ValidationException.of("extra[" + k + "]", name,
                            "is a field incident4j writes itself; set it through the model instead");
                }
                target.put(name, v);
            }
        });
    }

    /** One pass over a document, collecting every problem. */
    private static final class Reader {
        final List<FormatException.Problem> problems = new ArrayList<>();
        final List<Finding> warnings = new ArrayList<>();

        @Nullable ChaosExperiment engine(YamlNode root, String text) {
            YamlNode.Mapping doc = mapping(root, "the document");
            if (doc == null) {
                return null;
            }
            Map<String, Object> extra = new LinkedHashMap<>();
            requireText(doc, "apiVersion", API_VERSION);
            requireText(doc, "kind", "ChaosEngine");
            String name = "";
            YamlNode.Mapping metadata = mapping(required(doc, "metadata"), "metadata");
            if (metadata != null) {
                name = text(metadata, "name", true).orElse("");
                keepUnknown(metadata, Set.of("name"), "metadata", extra);
            }
            YamlNode.Mapping spec = mapping(required(doc, "spec"), "spec");
            keepUnknown(doc, Set.of("apiVersion", "kind", "metadata", "spec"), "root", extra);
            if (spec == null) {
                return null;
            }
            AppInfo app = appInfo(spec, extra);
            String account = text(spec, "chaosServiceAccount", true).orElse("");
            EngineState state = text(spec, "engineState", false).map(s -> enumValue(EngineState.fromLitmus(s),
                    spec, "engineState", "active or stop")).orElse(EngineState.ACTIVE);
            CleanupPolicy cleanup = text(spec, "jobCleanUpPolicy", false).map(s -> enumValue(CleanupPolicy.fromLitmus(s),
                    spec, "jobCleanUpPolicy", "retain or delete")).orElse(CleanupPolicy.RETAIN);
            spec.get("annotationCheck").ifPresent(n -> warnings.add(Finding.warning("chaos.annotation-check-removed",
                    "annotationCheck was removed from Litmus in 2022; it is kept as written but has no effect",
                    "spec.annotationCheck").atLine(n.line())));
            keepUnknown(spec, Set.of("appinfo", "chaosServiceAccount", "engineState", "jobCleanUpPolicy", "experiments"),
                    "spec", extra);
            List<Tolerance> tolerances = hypothesis(text);
            List<Fault> faults = new ArrayList<>();
            YamlNode.Sequence experiments = sequence(required(spec, "experiments"), "spec.experiments");
            List<Tolerance> bound = new ArrayList<>(tolerances);
            if (experiments != null) {
                for (YamlNode item : experiments.items()) {
                    Fault f = fault(item, bound);
                    if (f != null) {
                        faults.add(f);
                    }
                }
            }
            if (!problems.isEmpty() || app == null) {
                return null;
            }
            try {
                return new ChaosExperiment(name, app, account, state, cleanup, faults, new SteadyStateHypothesis(bound),
                        extra);
            } catch (ValidationException e) {
                e.problems().forEach(p -> problem(doc, p.toString()));
                return null;
            }
        }

        private @Nullable AppInfo appInfo(YamlNode.Mapping spec, Map<String, Object> extra) {
            YamlNode.Mapping appinfo = mapping(required(spec, "appinfo"), "spec.appinfo");
            if (appinfo == null) {
                return null;
            }
            Optional<String> ns = text(appinfo, "appns", true);
            Optional<String> label = text(appinfo, "applabel", true);
            String kind = text(appinfo, "appkind", false).orElse(AppInfo.DEFAULT_KIND);
            keepUnknown(appinfo, Set.of("appns", "applabel", "appkind"), "appinfo", extra);
            if (ns.isEmpty() || label.isEmpty()) {
                return null;
            }
            try {
                return new AppInfo(ns.get(), label.get(), kind);
            } catch (ValidationException e) {
                e.problems().forEach(p -> problem(appinfo, p.toString()));
                return null;
            }
        }

        /** Reads the comment block; tolerances are matched with their probes later. */
        private List<Tolerance> hypothesis(String text) {
            List<Tolerance> out = new ArrayList<>();
            String[] lines = text.split("\r?\n", -1);
            int i = 0;
            while (i < lines.length && !HEADER.matcher(lines[i]).matches()) {
                i++;
            }
            for (i++; i < lines.length; i++) {
                Matcher m = ITEM.matcher(lines[i]);
                if (!m.matches()) {
                    break;
                }
                String item = m.group(2).strip();
                if (item.isEmpty()) {
                    problems.add(new FormatException.Problem(i + 1, m.group(1).length() + 1,
                            "empty tolerance in the steady-state hypothesis"));
                    continue;
                }
                try {
                    out.add(Tolerance.parse(item));
                } catch (ValidationException e) {
                    problems.add(new FormatException.Problem(i + 1, m.group(1).length() + 2, e.getMessage()));
                }
            }
            return out;
        }

        private @Nullable Fault fault(YamlNode node, List<Tolerance> tolerances) {
            YamlNode.Mapping item = mapping(node, "an experiment");
            if (item == null) {
                return null;
            }
            Map<String, Object> extra = new LinkedHashMap<>();
            String name = text(item, "name", true).orElse("");
            keepUnknown(item, Set.of("name", "spec"), "experiment", extra);
            Map<String, String> env = new LinkedHashMap<>();
            Map<String, YamlNode> envAt = new LinkedHashMap<>();
            List<Probe> probes = new ArrayList<>();
            YamlNode.Mapping spec = item.get("spec").map(n -> mapping(n, "experiment spec")).orElse(null);
            if (spec != null) {
                keepUnknown(spec, Set.of("components", "probe"), "spec", extra);
                YamlNode.Mapping components = spec.get("components").map(n -> mapping(n, "components")).orElse(null);
                if (components != null) {
                    keepUnknown(components, Set.of("env"), "components", extra);
                    components.get("env").map(n -> sequence(n, "env")).ifPresent(s -> env(s, env, envAt));
                }
                spec.get("probe").map(n -> sequence(n, "probe")).ifPresent(s -> {
                    for (YamlNode p : s.items()) {
                        Probe probe = probe(p);
                        if (probe != null && !bind(probe, p, tolerances)) {
                            probes.add(probe);
                        }
                    }
                });
            }
            if (Fault.POD_DELETE.equals(name)) {
                try {
                    PodDeleteSettings.of(env);
                } catch (ValidationException e) {
                    e.problems().forEach(p -> problem(envAt.getOrDefault(p.field(), item), "env " + p));
                    return null;
                }
            }
            try {
                return new Fault(name, env, probes, extra);
            } catch (ValidationException e) {
                e.problems().forEach(p -> problem(item, p.toString()));
                return null;
            }
        }

        private void env(YamlNode.Sequence s, Map<String, String> env, Map<String, YamlNode> at) {
            for (YamlNode n : s.items()) {
                YamlNode.Mapping m = mapping(n, "an env entry");
                if (m == null) {
                    continue;
                }
                Optional<String> key = text(m, "name", true);
                if (m.get("valueFrom").isPresent()) {
                    problem(m.get("valueFrom").get(), "env valueFrom is not supported; write the value");
                }
                unknown(m, Set.of("name", "value", "valueFrom"), "env entry");
                String value = text(m, "value", false).orElse("");
                key.ifPresent(k -> {
                    if (env.put(k, value) != null) {
                        problem(m, "env " + k + " is set twice");
                    }
                    at.put(k, m.get("value").orElse(m));
                }); 
            }
        }

        /** A promProbe named after a metric tolerance gives that tolerance its settings. */
        private boolean bind(Probe probe, YamlNode at, List<Tolerance> tolerances) {
            for (int i = 0; i < tolerances.size(); i++) {
                if (tolerances.get(i) instanceof Tolerance.Metric m && m.text().equals(probe.name())
                        && probe.inputs() instanceof ProbeInputs.Prom prom) {
                    if (!probe.extra().isEmpty()) {
                        problem(at, "probe '" + probe.name() + "' checks a hypothesis tolerance and cannot carry"
                                + " other fields: " + probe.extra().keySet());
                        return true;
                    }
                    if (!prom.comparator().criteria().equals(m.condition().comparator().symbol())) {
                        warnings.add(Finding.warning("chaos.probe-differs-from-hypothesis", "probe '" + probe.name()
                                + "' compares with '" + prom.comparator().criteria() + "'; the hypothesis text wins",
                                "probe").atLine(at.line()));
                    }
                    tolerances.set(i, new Tolerance.Metric(m.text(), m.condition(), probe.mode(), probe.runProperties(),
                            prom.endpoint(), prom.query()));
                    return true;
                }
            }
            return false;
        }

        private @Nullable Probe probe(YamlNode node) {
            YamlNode.Mapping p = mapping(node, "a probe");
            if (p == null) {
                return null;
            }
            int before = problems.size();
            Map<String, Object> extra = new LinkedHashMap<>();
            String name = text(p, "name", true).orElse("");
            String type = text(p, "type", true).orElse("");
            String inputsKey = type + "/inputs";
            YamlNode.Mapping in = mapping(required(p, inputsKey), inputsKey);
            ProbeInputs inputs = in == null ? null : inputs(type, in, p, extra);
            ProbeMode mode = text(p, "mode", true).map(s -> enumValue(ProbeMode.fromLitmus(s), p, "mode",
                    "SOT, EOT, Edge, Continuous or OnChaos")).orElse(ProbeMode.SOT);
            RunProperties run = p.get("runProperties").map(n -> mapping(n, "runProperties"))
                    .map(m -> runProperties(m, extra)).orElse(RunProperties.DEFAULT);
            keepUnknown(p, Set.of("name", "type", inputsKey, "mode", "runProperties"), "probe", extra);
            if (inputs == null || problems.size() > before) {
                return null;
            }
            try {
                return new Probe(name, inputs, mode, run, extra);
            } catch (ValidationException e) {
                e.problems().forEach(x -> problem(p, x.toString()));
                return null;
            }
        }

        private @Nullable ProbeInputs inputs(String type, YamlNode.Mapping in, YamlNode.Mapping probe,
                                             Map<String, Object> extra) {
            switch (type) {
                case "promProbe" -> {
                    keepUnknown(in, Set.of("endpoint", "query", "comparator"), "inputs", extra);
                    return new ProbeInputs.Prom(text(in, "endpoint", true).orElse(""), text(in, "query", true).orElse(""),
                            comparator(in));
                }
                case "cmdProbe" -> {
                    keepUnknown(in, Set.of("command", "comparator"), "inputs", extra);
                    return new ProbeInputs.Cmd(text(in, "command", true).orElse(""), comparator(in));
                }
                case "k8sProbe" -> {
                    Set<String> known = Set.of("group", "version", "resource", "namespace", "fieldSelector",
                            "labelSelector", "operation");
                    keepUnknown(in, known, "inputs", extra);
                    return new ProbeInputs.K8s(text(in, "group", false).orElse(""), text(in, "version", false).orElse(""),
                            text(in, "resource", false).orElse(""), text(in, "namespace", false).orElse(""),
                            text(in, "fieldSelector", false).orElse(""), text(in, "labelSelector", false).orElse(""),
                            text(in, "operation", false).orElse(""));
                }
                case "httpProbe" -> {
                    keepUnknown(in, Set.of("url", "method"), "inputs", extra);
                    String url = text(in, "url", true).orElse("");
                    YamlNode.Mapping method = mapping(required(in, "method"), "method");
                    if (method == null || method.entries().size() != 1) {
                        if (method != null) {
                            problem(method, "method must hold exactly one of get or post");
                        }
                        return null;
                    }
                    YamlNode.Entry verb = method.entries().values().iterator().next();
                    YamlNode.Mapping v = mapping(verb.value(), "method." + verb.key().name());
                    if (v == null) {
                        return null;
                    }
                    unknown(v, Set.of("criteria", "responseCode"), "method." + verb.key().name());
                    return new ProbeInputs.Http(url, verb.key().name(), text(v, "criteria", true).orElse(""),
                            text(v, "responseCode", true).orElse(""));
                }
                default -> {
                    problem(probe.get("type").orElse(probe), "unknown probe type '" + type
                            + "'; expected promProbe, httpProbe, cmdProbe or k8sProbe");
                    return null;
                }
            }
        }

        private ProbeInputs.Comparator comparator(YamlNode.Mapping in) {
            YamlNode.Mapping c = mapping(required(in, "comparator"), "comparator");
            if (c == null) {
                return new ProbeInputs.Comparator("", "", "");
            }
            unknown(c, Set.of("type", "criteria", "value"), "comparator");
            return new ProbeInputs.Comparator(text(c, "type", false).orElse(""), text(c, "criteria", true).orElse(""),
                    text(c, "value", true).orElse(""));
        }

        private RunProperties runProperties(YamlNode.Mapping m, Map<String, Object> extra) {
            RunProperties d = RunProperties.DEFAULT;
            keepUnknown(m, Set.of("probeTimeout", "interval", "retry", "attempt", "stopOnFailure"), "runProperties", extra);
            Duration timeout = duration(m, "probeTimeout").orElse(d.probeTimeout());
            Duration interval = duration(m, "interval").orElse(d.interval());
            int retry = wholeNumber(m, "retry", d.retry());
            int attempt = wholeNumber(m, "attempt", d.attempt());
            boolean stop = text(m, "stopOnFailure", false).map(s -> {
                String b = s.toLowerCase(Locale.ROOT);
                if (!b.equals("true") && !b.equals("false")) {
                    problem(m.get("stopOnFailure").orElse(m), "stopOnFailure must be true or false, but was '" + s + "'");
                }
                return b.equals("true");
            }).orElse(d.stopOnFailure());
            try {
                return new RunProperties(timeout, interval, retry, attempt, stop);
            } catch (ValidationException e) {
                e.problems().forEach(p -> problem(m, p.toString()));
                return d;
            }
        }

        private int wholeNumber(YamlNode.Mapping m, String key, int otherwise) {
            return text(m, key, false).map(s -> {
                if (s.matches("\\d{1,6}")) {
                    return Integer.parseInt(s);
                }
                problem(m.get(key).orElse(m), key + " must be a whole number, but was '" + s + "'");
                return otherwise;
            }).orElse(otherwise);
        }

        private Optional<Duration> duration(YamlNode.Mapping m, String key) {
            return text(m, key, false).flatMap(s -> {
                try {
                    // Litmus before 3.0 wrote whole seconds; 3.0 writes "5s".
                    return Optional.of(Durations.parseOrSeconds(s));
                } catch (ValidationException e) {
                    problem(m.get(key).orElse(m), key + ": " + e.problems().get(0).message() + ", but was '" + s + "'");
                    return Optional.empty();
                }
            });
        }

        // ---- tree helpers ----

        private @Nullable YamlNode required(YamlNode.Mapping m, String key) {
            Optional<YamlNode> n = m.get(key);
            if (n.isEmpty()) {
                problem(m, "missing '" + key + "'");
                return null;
            }
            return n.get();
        }

        private YamlNode.@Nullable Mapping mapping(@Nullable YamlNode n, String what) {
            return as(YamlNode.Mapping.class, n, what, "a mapping");
        }

        private YamlNode.@Nullable Sequence sequence(@Nullable YamlNode n, String what) {
            return as(YamlNode.Sequence.class, n, what, "a list");
        }

        private <T extends YamlNode> @Nullable T as(Class<T> type, @Nullable YamlNode n, String what, String expected) {
            if (n == null) {
                return null;
            }
            if (type.isInstance(n)) {
                return type.cast(n);
            }
            problem(n, what + " must be " + expected + ", but is " + n.kind());
            return null;
        }

        private Optional<String> text(YamlNode.Mapping m, String key, boolean required) {
            Optional<YamlNode> n = m.get(key);
            if (n.isEmpty() || (n.get() instanceof YamlNode.Scalar s && s.isNull())) {
                if (required) {
                    problem(n.orElse(m), "missing '" + key + "'");
                }
                return Optional.empty();
            }
            if (n.get() instanceof YamlNode.Scalar s) {
                if (s.tag() != null && !s.tag().equals("!!str")) {
                    problem(s, key + " has a tag " + s.tag() + " that is not supported");
                }
                return Optional.of(s.text());
            }
            problem(n.get(), key + " must be a value, but is " + n.get().kind());
            return Optional.empty();
        }

        private void requireText(YamlNode.Mapping m, String key, String expected) {
            text(m, key, true).ifPresent(v -> {
                if (!v.equals(expected)) {
                    problem(m.get(key).orElse(m), key + " must be " + expected + ", but was '" + v + "'");
                }
            });
        }

        private <T> @Nullable T enumValue(Optional<T> value, YamlNode.Mapping m, String key, String expected) {
            if (value.isPresent()) {
                return value.get();
            }
            YamlNode at = m.get(key).orElse(m);
            String was = at instanceof YamlNode.Scalar scalar ? ", but was '" + scalar.text() + "'" : "";
            problem(at, key + " must be " + expected + was);
            return null;
        }

        private void keepUnknown(YamlNode.Mapping m, Set<String> known, String level, Map<String, Object> extra) {
            m.entries().forEach((k, e) -> {
                if (!known.contains(k)) {
                    extra.put(level + "." + k, plain(e.value()));
                }
            });
        }

        private void unknown(YamlNode.Mapping m, Set<String> known, String where) {
            m.entries().forEach((k, e) -> {
                if (!known.contains(k)) {
                    problem(e.key(), "unknown field '" + k + "' in " + where + "; expected one of " + known);
                }
            });
        }

        private Object plain(YamlNode n) {
            if (n instanceof YamlNode.Scalar s) {
                return s.text();
            }
            if (n instanceof YamlNode.Sequence s) {
                return s.items().stream().map(this::plain).toList();
            }
            Map<String, Object> out = new LinkedHashMap<>();
            ((YamlNode.Mapping) n).entries().forEach((k, e) -> out.put(k, plain(e.value())));
            return out;
        }

        private void problem(YamlNode at, String message) {
            problems.add(new FormatException.Problem(at.line(), at.column(), message));
        }

        private void problem(YamlNode.Key at, String message) {
            problems.add(new FormatException.Problem(at.line(), at.column(), message));
        }
    }

}
