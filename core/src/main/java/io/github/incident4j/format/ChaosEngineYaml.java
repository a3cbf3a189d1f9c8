package io.github.incident4j.format;

import io.github.incident4j.ValidationException;
import io.github.incident4j.chaos.AppInfo;
import io.github.incident4j.chaos.ChaosExperiment;
import io.github.incident4j.chaos.ChaosLint;
import io.github.incident4j.chaos.CleanupPolicy;
import io.github.incident4j.chaos.EngineState;
import io.github.incident4j.chaos.Fault;
import io.github.incident4j.chaos.ManifestSource;
import io.github.incident4j.chaos.Probe;
import io.github.incident4j.chaos.ProbeInputs;
import io.github.incident4j.chaos.ProbeMode;
import io.github.incident4j.chaos.RunProperties;
import io.github.incident4j.chaos.SteadyStateHypothesis;
import io.github.incident4j.chaos.Tolerance;
import io.github.incident4j.common.Finding;
import io.github.incident4j.common.Problems;
import io.github.incident4j.common.Text;
import io.github.incident4j.format.internal.YamlEditor;
import io.github.incident4j.format.internal.YamlEmitter;
import io.github.incident4j.format.internal.YamlPatch;
import io.github.incident4j.format.internal.YamlScalars;
import io.github.incident4j.format.internal.YamlSource;
import io.github.incident4j.format.internal.YamlSpan;
import io.github.incident4j.format.internal.YamlValue;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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
 * Reads and writes LitmusChaos {@code ChaosEngine} manifests ({@code litmuschaos.io/v1alpha1}), losslessly.
 *
 * <p><b>What is read.</b> Every manifest the Litmus 2.x and 3.x ChaosEngine CRD accepts: {@code appinfo} optional
 * (node, cloud and other infra faults have none) and its fields empty when written so, {@code metadata.name} or
 * only {@code generateName}, env values exactly as written (ranges such as {@code CHAOS_INTERVAL: '5-10'},
 * {@code valueFrom} entries), every probe input of the CRD (httpProbe get/post with {@code body}, {@code bodyPath},
 * {@code contentType}, {@code responseTimeout}, {@code insecureSkipVerify}; cmdProbe {@code source}; k8sProbe
 * {@code group} to {@code operation}; promProbe {@code query} or {@code queryPath}) and run properties as 2.x
 * integers ({@code interval: 5}) or 3.x duration strings ({@code interval: 5s}). Fields this model does not know
 * are kept. A file may hold other documents beside its one ChaosEngine (they are kept as they are). Whether
 * litmus-go would read the values as the author meant is {@link #lint}'s to say, not the reader's.</p>
 *
 * <p>The steady-state hypothesis is read from a comment block, as teams write it next to the engine:</p>
 * <pre>
 * # Steady-state hypothesis:
 * # - p99 latency stays below 500ms
 * # - No data loss or corruption
 * </pre>
 * <p>Each line that reads as a condition becomes a metric tolerance; any other line a host check. A
 * {@code promProbe} named after a tolerance gives it its mode, run properties, endpoint and query.</p>
 *
 * <p><b>What is written.</b> {@link #render} of an experiment read by {@link #parse} returns the manifest byte for
 * byte when nothing changed: comments, quoting, key order, number spelling, {@code False} versus {@code false},
 * blank lines, document markers and line endings included. A changed field is rewritten in place in its own style
 * and its neighbours keep their bytes; a value the author did not write is added only when it was changed, never as
 * a default. An experiment built in code renders in a clean canonical layout. A metric tolerance with PromQL
 * ({@link ChaosExperiment#withPromQl}) is written as a promProbe; one without stays a comment line, since a metric's
 * name is not a query.</p>
 *
 * <p>Input is capped at {@link #MAX_CHARS} characters, refused before parsing; reading is linear in the input, and
 * any failure of the YAML stack is a {@link FormatException} with line and column.</p>
 *
 * <pre>{@code
 * ChaosExperiment e = ChaosEngineYaml.parse(Files.readString(path));
 * String same = ChaosEngineYaml.render(e);                        // the file's own bytes
 * List<Finding> findings = ChaosEngineYaml.lint(text);             // as litmus-go would read it
 * }</pre>
 */
public final class ChaosEngineYaml {

    private static final Logger LOG = LoggerFactory.getLogger(ChaosEngineYaml.class);

    /** The API version written and required. */
    public static final String API_VERSION = "litmuschaos.io/v1alpha1";

    /** Largest manifest read, in characters. */
    public static final int MAX_CHARS = YamlSource.MAX_CHARS;

    private static final Pattern HEADER = Pattern.compile("^\\s*#\\s*steady[- ]state hypothesis\\s*:?\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ITEM = Pattern.compile("^(\\s*#\\s*-)(.*)$");
    private static final String HEADER_TEXT = "# Steady-state hypothesis:";
    private static final Set<String> STANDARD_TAGS = Set.of("tag:yaml.org,2002:str", "tag:yaml.org,2002:int",
            "tag:yaml.org,2002:bool", "tag:yaml.org,2002:float", "tag:yaml.org,2002:null", "!");
    private static final Pattern GO_DURATION = Pattern.compile("(?:([0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|ms|s|m|h))+");
    private static final Pattern GO_DURATION_PART = Pattern.compile("([0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|ms|s|m|h)");

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
        YamlSource src = YamlSource.parse(yaml);
        int doc = engineDocument(src);
        YamlSpan root = src.documents().get(doc).root();
        Reader reader = new Reader(src);
        ChaosExperiment e;
        try {
            e = reader.engine(root, doc);
        } catch (FormatException x) {
            throw x;
        } catch (ValidationException x) {
            throw new FormatException(x.getMessage(), root.line(), root.column(), x);
        } catch (RuntimeException x) {
            LOG.error("reading a ChaosEngine failed unexpectedly; reporting it as a format error", x);
            throw new FormatException("could not read the ChaosEngine: " + x, 1, 1, x);
        }
        if (!reader.problems.isEmpty() || e == null) {
            throw new FormatException(reader.problems.isEmpty()
                    ? List.of(new FormatException.Problem(1, 1, "not a ChaosEngine")) : reader.problems);
        }
        return new Parsed(e, reader.warnings);
    }

    /**
     * The findings of a manifest: what the reader noticed, the manifest's own typing (run properties as the target
     * Litmus version's CRD types them, env values as strings) and {@link ChaosLint}'s reading of the values as
     * litmus-go reads them, each with its line.
     *
     * @throws FormatException when the manifest cannot be read at all
     */
    public static List<Finding> lint(String yaml) {
        Parsed p = read(yaml);
        Origin origin = (Origin) p.experiment().source();
        List<Finding> out = new ArrayList<>(p.warnings());
        out.addAll(new DocumentLint().lint(origin.root));
        for (Finding f : ChaosLint.lint(p.experiment())) {
            out.add(f.line() > 0 ? f : f.atLine(line(origin, p.experiment(), f.location())));
        }
        return List.copyOf(out);
    }

    /** The line of a lint location: a path into the manifest, or {@code hypothesis[i]} for a tolerance. */
    private static int line(Origin origin, ChaosExperiment e, String location) {
        Matcher m = Pattern.compile("hypothesis\\[([0-9]+)]").matcher(location);
        if (m.matches()) {
            int i = Integer.parseInt(m.group(1));
            String text = e.hypothesis().tolerances().get(i).text();
            Integer fault = origin.boundFault.get(text);
            if (fault != null) {
                return resolve(origin.root, "spec.experiments[" + fault + "].spec.probe[" + text + "].promProbe/inputs.query")
                        .map(YamlSpan::line).orElse(origin.root.line());
            }
            return origin.block.first() > 0 ? origin.block.first() + i : origin.root.line();
        }
        return keyLine(origin.root, location);
    }

    /** The line of a path: its node's, or for a block mapping or list, the line of the key that holds it. */
    private static int keyLine(YamlSpan root, String location) {
        int dot = location.lastIndexOf('.');
        YamlSpan node = resolve(root, location).orElse(root);
        if (node.flow() || node instanceof YamlSpan.Scalar || dot < 0 || location.endsWith("]")) {
            return node.line();
        }
        String key = location.substring(dot + 1);
        return resolve(root, location.substring(0, dot)).filter(YamlSpan.Mapping.class::isInstance)
                .flatMap(p -> ((YamlSpan.Mapping) p).entry(key)).map(e -> e.key().line()).orElse(node.line());
    }

    /**
     * Writes the experiment. A read experiment gives back its manifest with only the changed fields rewritten; one
     * built in code is written in a canonical layout, with its hypothesis as promProbes (tolerances with PromQL) and
     * as the comment block.
     *
     * @throws ValidationException when a kept unknown field has the name of a field this writer writes itself, or a
     *     metric tolerance has probe settings but no PromQL to write them with
     */
    public static String render(ChaosExperiment e) {
        Origin origin = e.source() instanceof Origin o ? o : null;
        YamlValue.Mapping tree = tree(e, origin == null ? Map.of() : origin.boundFault, origin != null && origin.litmus2);
        if (origin == null) {
            StringBuilder out = new StringBuilder(YamlEmitter.document(tree, "\n"));
            if (!e.hypothesis().tolerances().isEmpty()) {
                out.append('\n').append(HEADER_TEXT).append('\n');
                e.hypothesis().tolerances().forEach(t -> out.append("# - ").append(t.text()).append('\n'));
            }
            return out.toString();
        }
        List<String> texts = e.hypothesis().tolerances().stream().map(Tolerance::text).toList();
        if (tree.equals(origin.base) && texts.equals(origin.block.texts)) {
            return origin.text();
        }
        YamlEditor editor = new YamlEditor(origin.src);
        YamlPatch.apply(editor, origin.root, origin.base, tree);
        if (!texts.equals(origin.block.texts)) {
            rewriteHypothesis(editor, origin, texts);
        }
        return editor.apply();
    }

    // ------------------------------------------------------------------ documents

    /** The index of the document holding the ChaosEngine: the only one, or the only one of kind ChaosEngine. */
    private static int engineDocument(YamlSource src) {
        List<Integer> nonEmpty = new ArrayList<>();
        List<Integer> engines = new ArrayList<>();
        for (int i = 0; i < src.documents().size(); i++) {
            YamlSpan root = src.documents().get(i).root();
            if (root == null) {
                continue;
            }
            nonEmpty.add(i);
            if (root instanceof YamlSpan.Mapping m && m.get("kind").orElse(null) instanceof YamlSpan.Scalar k
                    && k.value().equals("ChaosEngine")) {
                engines.add(i);
            }
        }
        if (nonEmpty.isEmpty()) {
            throw new FormatException("empty document; expected a ChaosEngine", 1, 1);
        }
        if (nonEmpty.size() == 1) {
            return nonEmpty.get(0);
        }
        if (engines.size() == 1) {
            return engines.get(0);
        }
        YamlSpan at = src.documents().get(engines.isEmpty() ? nonEmpty.get(1) : engines.get(1)).root();
        throw new FormatException(engines.isEmpty() ? "no document of kind ChaosEngine among " + nonEmpty.size()
                : engines.size() + " ChaosEngine documents; expected one per file", at.line(), at.column());
    }

    // ------------------------------------------------------------------ the kept source

    /** The hypothesis comment block: its header line and item lines (1-based; -1 when there is none). */
    private record Block(int header, int first, int last, String prefix, List<String> texts) {
        static final Block NONE = new Block(-1, -1, -1, "# -", List.of());
    }

    /** What render needs of the manifest an experiment was read from. */
    private static final class Origin implements ManifestSource {
        final YamlSource src;
        final YamlSpan root;
        final YamlValue.Mapping base;
        final Map<String, Integer> boundFault;
        final Block block;
        final boolean litmus2;

        Origin(YamlSource src, YamlSpan root, YamlValue.Mapping base, Map<String, Integer> boundFault, Block block,
               boolean litmus2) {
            this.src = src;
            this.root = root;
            this.base = base;
            this.boundFault = Map.copyOf(boundFault);
            this.block = block;
            this.litmus2 = litmus2;
        }

        @Override
        public String text() {
            return src.text();
        }

        @Override
        public String toString() {
            return "ChaosEngine manifest of " + src.text().length() + " characters";
        }
    }

    private static void rewriteHypothesis(YamlEditor editor, Origin origin, List<String> texts) {
        YamlSource src = origin.src;
        String nl = src.newline();
        StringBuilder items = new StringBuilder();
        texts.forEach(t -> items.append(origin.block.prefix).append(' ').append(t).append(nl));
        Block b = origin.block;
        if (b.header > 0) {
            int from = b.first > 0 ? src.lineStart(b.first) : src.lineStart(b.header + 1);
            int to = b.last > 0 ? lineEnd(src, b.last) : from;
            if (texts.isEmpty()) {
                editor.replace(src.lineStart(b.header), to, "");
            } else {
                editor.replace(from, to, items.toString());
            }
            return;
        }
        int at = editor.afterLine(origin.root.end());
        String lead = at > 0 && editor.charAt(at - 1) != '\n' ? nl : "";
        editor.insert(at, lead + nl + HEADER_TEXT + nl + items);
    }

    /** The index after the line break ending a 1-based line (or the text's end). */
    private static int lineEnd(YamlSource src, int line) {
        return line < src.lineCount() ? src.lineStart(line + 1) : src.text().length();
    }

    // ------------------------------------------------------------------ model to tree

    /**
     * The manifest an experiment stands for. {@code litmus2}: durations as whole seconds and {@code retry} written,
     * as Litmus 2.x's CRD types them (for a manifest written so); else 3.x duration strings.
     */
    private static YamlValue.Mapping tree(ChaosExperiment e, Map<String, Integer> boundFault, boolean litmus2) {
        Problems clashes = new Problems();
        YamlValue.MappingBuilder root = YamlValue.mapping();
        root.put("apiVersion", API_VERSION);
        root.put("kind", "ChaosEngine");
        YamlValue.MappingBuilder metadata = YamlValue.mapping();
        Object generated = e.extra().get("metadata.generateName");
        if (!(generated instanceof String g && g.equals(e.name()))) {
            metadata.put("name", e.name());
        }
        putExtra(metadata, e.extra(), "metadata", clashes);
        root.put("metadata", metadata.build());
        YamlValue.MappingBuilder spec = YamlValue.mapping();
        if (!e.app().equals(AppInfo.NONE)) {
            YamlValue.MappingBuilder app = YamlValue.mapping();
            optionalText(app, "appns", e.app().namespace());
            optionalText(app, "applabel", e.app().labelSelector());
            optionalText(app, "appkind", e.app().kind());
            putExtra(app, e.extra(), "appinfo", clashes);
            spec.put("appinfo", app.build());
        }
        spec.put("engineState", e.engineState().litmusName());
        optionalText(spec, "chaosServiceAccount", e.serviceAccount());
        YamlValue.Scalar cleanup = YamlValue.Scalar.string(e.cleanupPolicy().litmusName());
        if (e.cleanupPolicy() == CleanupPolicy.RETAIN) {
            spec.optional("jobCleanUpPolicy", cleanup);
        } else {
            spec.put("jobCleanUpPolicy", cleanup);
        }
        putExtra(spec, e.extra(), "spec", clashes);
        List<List<YamlValue>> hypothesisProbes = new ArrayList<>();
        e.faults().forEach(f -> hypothesisProbes.add(new ArrayList<>()));
        for (Tolerance.Metric m : e.hypothesis().metrics()) {
            if (m.hasPromQl() || boundFault.containsKey(m.text())) {
                int at = Math.min(boundFault.getOrDefault(m.text(), 0), Math.max(0, e.faults().size() - 1));
                if (!hypothesisProbes.isEmpty()) {
                    hypothesisProbes.get(at).add(toleranceProbe(m, clashes, litmus2));
                }
            } else if (!m.defaultSettings()) {
                clashes.add("hypothesis", m.text(), "has probe settings (mode, run properties or endpoint) but no PromQL"
                        + " to write a promProbe with; give one with Tolerance.Metric.prometheus or withPromQl");
            }
        }
        List<YamlValue> experiments = new ArrayList<>();
        for (int i = 0; i < e.faults().size(); i++) {
            experiments.add(fault(e.faults().get(i), hypothesisProbes.get(i), clashes, litmus2));
        }
        spec.put("experiments", new YamlValue.Sequence(experiments));
        root.put("spec", spec.build());
        putExtra(root, e.extra(), "root", clashes);
        clashes.throwIfAny("chaos experiment " + e.name());
        return root.build();
    }

    private static YamlValue fault(Fault f, List<YamlValue> extraProbes, Problems clashes, boolean litmus2) {
        YamlValue.MappingBuilder item = YamlValue.mapping();
        item.put("name", f.name());
        YamlValue.MappingBuilder spec = YamlValue.mapping();
        YamlValue.MappingBuilder components = YamlValue.mapping();
        List<YamlValue> env = new ArrayList<>();
        f.env().forEach((k, v) -> {
            YamlValue.MappingBuilder entry = YamlValue.mapping().put("name", k);
            if (v.isEmpty()) {
                entry.optional("value", YamlValue.Scalar.string(v));
            } else {
                entry.put("value", v);
            }
            env.add(entry.build());
        });
        f.extra().forEach((k, v) -> {
            if (k.startsWith("env.")) {
                YamlValue.MappingBuilder entry = YamlValue.mapping().put("name", k.substring(4));
                if (v instanceof Map<?, ?> fields) {
                    fields.forEach((fk, fv) -> entry.put(String.valueOf(fk), value(fv)));
                }
                env.add(entry.build());
            }
        });
        putField(components, "env", new YamlValue.Sequence(env), env.isEmpty());
        putExtra(components, f.extra(), "components", clashes);
        YamlValue.Mapping comp = components.build();
        putField(spec, "components", comp, comp.required().fields().isEmpty());
        List<YamlValue> probes = new ArrayList<>();
        f.probes().forEach(p -> probes.add(probe(p.name(), p.inputs(), p.mode(), p.runProperties(), p.extra(), clashes,
                litmus2)));
        probes.addAll(extraProbes);
        putField(spec, "probe", new YamlValue.Sequence(probes), probes.isEmpty());
        putExtra(spec, f.extra(), "spec", clashes);
        YamlValue.Mapping s = spec.build();
        putField(item, "spec", s, s.required().fields().isEmpty());
        putExtra(item, f.extra(), "experiment", clashes);
        return item.build();
    }

    private static YamlValue toleranceProbe(Tolerance.Metric m, Problems clashes, boolean litmus2) {
        ProbeInputs.Comparator c = new ProbeInputs.Comparator("", m.condition().comparator().symbol(),
                plainNumber(m.condition().threshold().toBase()));
        return probe(m.text(), new ProbeInputs.Prom(m.endpoint(), m.query(), c), m.mode(), m.runProperties(), Map.of(),
                clashes, litmus2);
    }

    private static String plainNumber(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static YamlValue probe(String name, ProbeInputs inputs, ProbeMode mode, RunProperties run,
                                   Map<String, Object> extra, Problems clashes, boolean litmus2) {
        YamlValue.MappingBuilder p = YamlValue.mapping();
        p.put("name", name);
        p.put("type", inputs.type());
        YamlValue.MappingBuilder in = YamlValue.mapping();
        if (inputs instanceof ProbeInputs.Prom prom) {
            in.put("endpoint", prom.endpoint());
            optionalText(in, "query", prom.query());
            optionalText(in, "queryPath", prom.queryPath());
            in.put("comparator", comparator(prom.comparator(), extra, clashes));
        } else if (inputs instanceof ProbeInputs.Http http) {
            in.put("url", http.url());
            if (!http.insecureSkipVerify().isEmpty()) {
                in.put("insecureSkipVerify", typed(http.insecureSkipVerify()));
            }
            if (!http.responseTimeout().isEmpty()) {
                in.put("responseTimeout", typed(http.responseTimeout()));
            }
            YamlValue.MappingBuilder verb = YamlValue.mapping();
            optionalText(verb, "contentType", http.contentType());
            optionalText(verb, "body", http.body());
            optionalText(verb, "bodyPath", http.bodyPath());
            verb.put("criteria", http.criteria());
            verb.put("responseCode", http.responseCode());
            putExtra(verb, extra, "method", clashes);
            in.put("method", YamlValue.mapping().put(http.method(), verb.build()).build());
        } else if (inputs instanceof ProbeInputs.Cmd cmd) {
            in.put("command", cmd.command());
            in.put("comparator", comparator(cmd.comparator(), extra, clashes));
            if (!cmd.source().isEmpty()) {
                in.put("source", value(cmd.source()));
            }
        } else if (inputs instanceof ProbeInputs.K8s k) {
            optionalText(in, "group", k.group());
            optionalText(in, "version", k.version());
            optionalText(in, "resource", k.resource());
            optionalText(in, "resourceNames", k.resourceNames());
            optionalText(in, "namespace", k.namespace());
            optionalText(in, "fieldSelector", k.fieldSelector());
            optionalText(in, "labelSelector", k.labelSelector());
            optionalText(in, "operation", k.operation());
        }
        putExtra(in, extra, "inputs", clashes);
        p.put(inputs.type() + "/inputs", in.build());
        p.put("mode", mode.litmusName());
        YamlValue.MappingBuilder rp = YamlValue.mapping();
        rp.put("probeTimeout", duration(run.probeTimeout(), litmus2));
        rp.put("interval", duration(run.interval(), litmus2));
        putField(rp, "retry", YamlValue.Scalar.integer(run.retry()), !litmus2 && run.retry() == RunProperties.DEFAULT.retry());
        putField(rp, "attempt", YamlValue.Scalar.integer(run.attempt()), run.attempt() == 0);
        putField(rp, "stopOnFailure", YamlValue.Scalar.bool(run.stopOnFailure()), !run.stopOnFailure());
        putExtra(rp, extra, "runProperties", clashes);
        p.put("runProperties", rp.build());
        putExtra(p, extra, "probe", clashes);
        return p.build();
    }

    private static YamlValue comparator(ProbeInputs.Comparator c, Map<String, Object> extra, Problems clashes) {
        YamlValue.MappingBuilder m = YamlValue.mapping();
        optionalText(m, "type", c.type());
        m.put("criteria", c.criteria());
        m.put("value", c.value());
        putExtra(m, extra, "comparator", clashes);
        return m.build();
    }

    /**
     * A Go duration string ({@code 1m30s}, {@code 500ms}) that a rewrite may keep as whole seconds; for a 2.x
     * manifest, whole seconds as an integer.
     */
    private static YamlValue.Scalar duration(Duration d, boolean litmus2) {
        YamlValue.Scalar go = duration(d);
        return litmus2 && go.seconds() != null ? new YamlValue.Scalar(go.seconds(), YamlValue.Kind.INTEGER, null) : go;
    }

    private static YamlValue.Scalar duration(Duration d) {
        StringBuilder s = new StringBuilder();
        long hours = d.toHours();
        int minutes = d.toMinutesPart();
        int seconds = d.toSecondsPart();
        int millis = d.toMillisPart();
        if (hours > 0) {
            s.append(hours).append('h');
        }
        if (minutes > 0) {
            s.append(minutes).append('m');
        }
        if (seconds > 0) {
            s.append(seconds).append('s');
        }
        if (millis > 0 || s.length() == 0) {
            s.append(millis).append("ms");
        }
        boolean whole = d.toMillisPart() == 0 && d.getNano() % 1_000_000 == 0;
        return new YamlValue.Scalar(s.toString(), YamlValue.Kind.DURATION, whole ? Long.toString(d.getSeconds()) : null);
    }

    /** A value read as text, kept typed when it reads as a boolean or whole number so it is rewritten plain. */
    private static YamlValue.Scalar typed(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.equals("true") || lower.equals("false")) {
            return new YamlValue.Scalar(text, YamlValue.Kind.BOOLEAN, null);
        }
        if (text.matches("-?[0-9]{1,18}")) {
            return new YamlValue.Scalar(text, YamlValue.Kind.INTEGER, null);
        }
        return YamlValue.Scalar.string(text);
    }

    private static void optionalText(YamlValue.MappingBuilder m, String key, String value) {
        putField(m, key, YamlValue.Scalar.string(value), value.isEmpty());
    }

    private static void putField(YamlValue.MappingBuilder m, String key, YamlValue value, boolean optional) {
        if (optional) {
            m.optional(key, value);
        } else {
            m.put(key, value);
        }
    }

    private static YamlValue value(Object v) {
        if (v instanceof List<?> list) {
            List<YamlValue> items = new ArrayList<>();
            list.forEach(x -> items.add(value(x)));
            return new YamlValue.Sequence(items);
        }
        if (v instanceof Map<?, ?> map) {
            YamlValue.MappingBuilder b = YamlValue.mapping();
            map.forEach((k, x) -> b.put(String.valueOf(k), value(x)));
            return b.build();
        }
        return YamlValue.Scalar.string(String.valueOf(v));
    }

    private static void putExtra(YamlValue.MappingBuilder target, Map<String, Object> extra, String level, Problems clashes) {
        String prefix = level + ".";
        extra.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                String name = k.substring(prefix.length());
                if (target.has(name)) {
                    clashes.add("extra[" + k + "]", name, "is a field incident4j writes itself; set it through the model instead");
                } else {
                    target.put(name, value(v));
                }
            }
        });
    }

    // ------------------------------------------------------------------ reading

    /** One pass over a document, collecting every problem. */
    private static final class Reader {
        final YamlSource src;
        final List<FormatException.Problem> problems = new ArrayList<>();
        final List<Finding> warnings = new ArrayList<>();
        final Map<String, Integer> boundFault = new HashMap<>();

        Reader(YamlSource src) {
            this.src = src;
        }

        @Nullable ChaosExperiment engine(YamlSpan rootNode, int docIndex) {
            YamlSpan.Mapping doc = mapping(rootNode, "the document");
            if (doc == null) {
                return null;
            }
            checkText(doc);
            Map<String, Object> extra = new LinkedHashMap<>();
            requireText(doc, "apiVersion", API_VERSION);
            requireText(doc, "kind", "ChaosEngine");
            String name = "";
            YamlSpan.Mapping metadata = mapping(required(doc, "metadata"), "metadata");
            if (metadata != null) {
                Optional<String> n = text(metadata, "name", false);
                Optional<String> generated = text(metadata, "generateName", false);
                if (n.isPresent() && !n.get().isEmpty()) {
                    name = n.get();
                } else if (generated.isPresent() && !generated.get().isEmpty()) {
                    name = generated.get();
                } else {
                    problem(metadata, "missing 'name' (or 'generateName') in metadata");
                }
                keepUnknown(metadata, Set.of("name"), "metadata", extra);
            }
            YamlSpan.Mapping spec = mapping(required(doc, "spec"), "spec");
            keepUnknown(doc, Set.of("apiVersion", "kind", "metadata", "spec"), "root", extra);
            if (spec == null) {
                return null;
            }
            AppInfo app = appInfo(spec, extra);
            String account = text(spec, "chaosServiceAccount", false).orElse("");
            EngineState state = text(spec, "engineState", false).filter(s -> !s.isEmpty()).map(s -> enumValue(
                    EngineState.fromLitmus(s), spec, "engineState", "active or stop")).orElse(EngineState.ACTIVE);
            CleanupPolicy cleanup = text(spec, "jobCleanUpPolicy", false).filter(s -> !s.isEmpty()).map(s -> enumValue(
                    CleanupPolicy.fromLitmus(s), spec, "jobCleanUpPolicy", "retain or delete")).orElse(CleanupPolicy.RETAIN);
            spec.get("annotationCheck").ifPresent(n -> warnings.add(Finding.warning("chaos.annotation-check-removed",
                    "annotationCheck was removed from Litmus in 2022; it is kept as written but has no effect",
                    "spec.annotationCheck").atLine(n.line())));
            keepUnknown(spec, Set.of("appinfo", "chaosServiceAccount", "engineState", "jobCleanUpPolicy", "experiments"),
                    "spec", extra);
            Block block = hypothesisBlock(src.documents().get(docIndex));
            List<Tolerance> tolerances = tolerances(block);
            List<Fault> faults = new ArrayList<>();
            YamlSpan.Sequence experiments = sequence(required(spec, "experiments"), "spec.experiments");
            List<Tolerance> bound = new ArrayList<>(tolerances);
            if (experiments != null) {
                for (YamlSpan item : experiments.items()) {
                    Fault f = fault(item, bound, faults.size());
                    if (f != null) {
                        faults.add(f);
                    }
                }
            }
            if (!problems.isEmpty() || app == null || state == null || cleanup == null) {
                return null;
            }
            try {
                ChaosExperiment built = new ChaosExperiment(name, app, account, state, cleanup, faults,
                        new SteadyStateHypothesis(bound), extra);
                boolean litmus2 = writtenForLitmus2(rootNode);
                YamlValue.Mapping base = tree(built, boundFault, litmus2);
                return built.withSource(new Origin(src, rootNode, base, boundFault, block, litmus2));
            } catch (ValidationException e) {
                e.problems().forEach(p -> problem(doc, p.toString()));
                return null;
            }
        }

        /** Names and keys must be identifiers, every other text free of control characters (issue 22's rule). */
        private void checkText(YamlSpan node) {
            if (node instanceof YamlSpan.Scalar s) {
                Text.textProblem(s.value()).ifPresent(p -> problem(s, "text " + p));
            } else if (node instanceof YamlSpan.Mapping m) {
                for (YamlSpan.Entry e : m.entries()) {
                    Text.identifierProblem(e.key().value()).ifPresent(p -> problem(e.key(), "key " + p));
                    if (e.key().value().equals("name") && e.value() instanceof YamlSpan.Scalar n) {
                        Text.identifierProblem(n.value()).ifPresent(p -> problem(n, "name " + p));
                    } else if (e.value().alias() == null) {
                        checkText(e.value());
                    }
                }
            } else if (node instanceof YamlSpan.Sequence s) {
                s.items().stream().filter(i -> i.alias() == null).forEach(this::checkText);
            }
        }

        private @Nullable AppInfo appInfo(YamlSpan.Mapping spec, Map<String, Object> extra) {
            Optional<YamlSpan> node = spec.get("appinfo");
            if (node.isEmpty() || node.get() instanceof YamlSpan.Scalar s && s.isNull()) {
                return AppInfo.NONE;
            }
            YamlSpan.Mapping appinfo = mapping(node.get(), "spec.appinfo");
            if (appinfo == null) {
                return null;
            }
            String ns = text(appinfo, "appns", false).orElse("");
            String label = text(appinfo, "applabel", false).orElse("");
            String kind = text(appinfo, "appkind", false).orElse("");
            keepUnknown(appinfo, Set.of("appns", "applabel", "appkind"), "appinfo", extra);
            try {
                return new AppInfo(ns, label, kind);
            } catch (ValidationException e) {
                e.problems().forEach(p -> problem(appinfo, p.toString()));
                return null;
            }
        }

        /** Finds the comment block in the engine's document; a {@code #} inside a scalar is never taken for one. */
        private Block hypothesisBlock(YamlSource.Document doc) {
            List<int[]> scalars = src.scalarSpans();
            int firstLine = src.lineOf(doc.start());
            int lastLine = Math.min(src.lineCount(), src.lineOf(Math.max(doc.start(), doc.end())));
            // a document's comments may run after its last node, up to the next document
            int nextDoc = nextDocumentLine(doc);
            lastLine = Math.max(lastLine, nextDoc - 1);
            for (int line = firstLine; line <= lastLine; line++) {
                if (!src.isCommentLine(line, scalars) || !HEADER.matcher(lineText(line)).matches()) {
                    continue;
                }
                List<String> texts = new ArrayList<>();
                int first = -1;
                int last = -1;
                String prefix = "# -";
                for (int l = line + 1; l <= lastLine && src.isCommentLine(l, scalars); l++) {
                    Matcher m = ITEM.matcher(lineText(l));
                    if (!m.matches()) {
                        break;
                    }
                    if (first < 0) {
                        first = l;
                        prefix = m.group(1).stripLeading();
                    }
                    last = l;
                    texts.add(m.group(2).strip());
                }
                return new Block(line, first, last, prefix, texts);
            }
            return Block.NONE;
        }

        private int nextDocumentLine(YamlSource.Document doc) {
            List<YamlSource.Document> docs = src.documents();
            int i = docs.indexOf(doc);
            return i + 1 < docs.size() ? src.lineOf(docs.get(i + 1).start()) : src.lineCount() + 1;
        }

        private String lineText(int line) {
            int from = src.lineStart(line);
            int to = line < src.lineCount() ? src.lineStart(line + 1) : src.text().length();
            return src.text().substring(from, to).stripTrailing();
        }

        /** Reads the block's items; tolerances are matched with their probes later. */
        private List<Tolerance> tolerances(Block block) {
            List<Tolerance> out = new ArrayList<>();
            for (int i = 0; i < block.texts().size(); i++) {
                int line = block.first() + i;
                String item = block.texts().get(i);
                int column = lineText(line).indexOf('-') + 2;
                if (item.isEmpty()) {
                    problems.add(new FormatException.Problem(line, column, "empty tolerance in the steady-state hypothesis"));
                    continue;
                }
                try {
                    out.add(Tolerance.parse(item));
                } catch (ValidationException e) {
                    problems.add(new FormatException.Problem(line, column + 1, e.getMessage()));
                }
            }
            return out;
        }

        private @Nullable Fault fault(YamlSpan node, List<Tolerance> tolerances, int index) {
            YamlSpan.Mapping item = mapping(node, "an experiment");
            if (item == null) {
                return null;
            }
            Map<String, Object> extra = new LinkedHashMap<>();
            String name = text(item, "name", true).orElse("");
            keepUnknown(item, Set.of("name", "spec"), "experiment", extra);
            Map<String, String> env = new LinkedHashMap<>();
            List<Probe> probes = new ArrayList<>();
            YamlSpan.Mapping spec = item.get("spec").filter(n -> !isNull(n)).map(n -> mapping(n, "experiment spec"))
                    .orElse(null);
            if (spec != null) {
                keepUnknown(spec, Set.of("components", "probe"), "spec", extra);
                YamlSpan.Mapping components = spec.get("components").filter(n -> !isNull(n))
                        .map(n -> mapping(n, "components")).orElse(null);
                if (components != null) {
                    keepUnknown(components, Set.of("env"), "components", extra);
                    components.get("env").filter(n -> !isNull(n)).map(n -> sequence(n, "env"))
                            .ifPresent(s -> env(s, env, extra));
                }
                spec.get("probe").filter(n -> !isNull(n)).map(n -> sequence(n, "probe")).ifPresent(s -> {
                    for (YamlSpan p : s.items()) {
                        Probe probe = probe(p);
                        if (probe != null && !bind(probe, p, tolerances, index)) {
                            probes.add(probe);
                        }
                    }
                });
            }
            try {
                return new Fault(name, env, probes, extra);
            } catch (ValidationException e) {
                e.problems().forEach(p -> problem(item, p.toString()));
                return null;
            }
        }

        private void env(YamlSpan.Sequence s, Map<String, String> env, Map<String, Object> extra) {
            for (YamlSpan n : s.items()) {
                YamlSpan.Mapping m = mapping(n, "an env entry");
                if (m == null) {
                    continue;
                }
                Optional<String> key = text(m, "name", true);
                if (key.isEmpty()) {
                    continue;
                }
                String k = key.get();
                if (env.containsKey(k) || extra.containsKey("env." + k)) {
                    problem(m, "env " + k + " is set twice");
                    continue;
                }
                if (m.entries().stream().anyMatch(e -> !e.key().value().equals("name") && !e.key().value().equals("value"))) {
                    // valueFrom (a secret or config map) and anything else the entry holds: kept as written
                    Map<String, Object> fields = new LinkedHashMap<>();
                    m.entries().stream().filter(e -> !e.key().value().equals("name"))
                            .forEach(e -> fields.put(e.key().value(), plain(e.value())));
                    extra.put("env." + k, fields);
                } else {
                    env.put(k, text(m, "value", false).orElse(""));
                }
            }
        }

        /** A promProbe named after a metric tolerance gives that tolerance its settings. */
        private boolean bind(Probe probe, YamlSpan at, List<Tolerance> tolerances, int faultIndex) {
            for (int i = 0; i < tolerances.size(); i++) {
                if (tolerances.get(i) instanceof Tolerance.Metric m && m.text().equals(probe.name())
                        && probe.inputs() instanceof ProbeInputs.Prom prom) {
                    if (!probe.extra().isEmpty() || !prom.queryPath().isEmpty() || !prom.comparator().type().isEmpty()) {
                        warnings.add(Finding.warning("chaos.probe-fields-not-modelled", "probe '" + probe.name()
                                + "' checks a hypothesis tolerance; its other fields are kept in the manifest, but the"
                                + " runner checks the tolerance", "probe").atLine(at.line()));
                    }
                    if (!prom.comparator().criteria().equals(m.condition().comparator().symbol())) {
                        warnings.add(Finding.warning("chaos.probe-differs-from-hypothesis", "probe '" + probe.name()
                                + "' compares with '" + prom.comparator().criteria() + "'; the hypothesis text wins",
                                "probe").atLine(at.line()));
                    }
                    try {
                        tolerances.set(i, new Tolerance.Metric(m.text(), m.condition(), probe.mode(), probe.runProperties(),
                                prom.endpoint().isBlank() ? Tolerance.Metric.DEFAULT_ENDPOINT : prom.endpoint(),
                                prom.query()));
                    } catch (ValidationException e) {
                        e.problems().forEach(p -> problem(at, p.toString()));
                    }
                    boundFault.put(m.text(), faultIndex);
                    return true;
                }
            }
            return false;
        }

        private @Nullable Probe probe(YamlSpan node) {
            YamlSpan.Mapping p = mapping(node, "a probe");
            if (p == null) {
                return null;
            }
            int before = problems.size();
            Map<String, Object> extra = new LinkedHashMap<>();
            String name = text(p, "name", true).orElse("");
            String type = text(p, "type", true).orElse("");
            String inputsKey = type + "/inputs";
            YamlSpan.Mapping in = type.isEmpty() ? null : mapping(required(p, inputsKey), inputsKey);
            ProbeInputs inputs = in == null ? null : inputs(type, in, p, extra);
            ProbeMode mode = text(p, "mode", false).filter(s -> !s.isEmpty()).map(s -> enumValue(ProbeMode.fromLitmus(s),
                    p, "mode", "SOT, EOT, Edge, Continuous or OnChaos")).orElse(ProbeMode.SOT);
            RunProperties run = p.get("runProperties").filter(n -> !isNull(n)).map(n -> mapping(n, "runProperties"))
                    .map(m -> runProperties(m, extra)).orElse(RunProperties.DEFAULT);
            keepUnknown(p, Set.of("name", "type", inputsKey, "mode", "runProperties"), "probe", extra);
            if (inputs == null || mode == null || problems.size() > before) {
                return null;
            }
            try {
                return new Probe(name, inputs, mode, run, extra);
            } catch (ValidationException e) {
                e.problems().forEach(x -> problem(p, x.toString()));
                return null;
            }
        }

        private @Nullable ProbeInputs inputs(String type, YamlSpan.Mapping in, YamlSpan.Mapping probe,
                                             Map<String, Object> extra) {
            switch (type) {
                case "promProbe" -> {
                    keepUnknown(in, Set.of("endpoint", "query", "queryPath", "comparator"), "inputs", extra);
                    return new ProbeInputs.Prom(text(in, "endpoint", false).orElse(""), text(in, "query", false).orElse(""),
                            text(in, "queryPath", false).orElse(""), comparator(in, extra));
                }
                case "cmdProbe" -> {
                    keepUnknown(in, Set.of("command", "comparator", "source"), "inputs", extra);
                    Map<String, Object> source = new LinkedHashMap<>();
                    in.get("source").filter(n -> !isNull(n)).ifPresent(n -> {
                        if (n instanceof YamlSpan.Mapping m) {
                            m.entries().forEach(e -> source.put(e.key().value(), plain(e.value())));
                        } else {
                            extra.put("inputs.source", plain(n)); // 1.x wrote a word here
                        }
                    });
                    return new ProbeInputs.Cmd(text(in, "command", false).orElse(""), comparator(in, extra), source);
                }
                case "k8sProbe" -> {
                    keepUnknown(in, Set.of("group", "version", "resource", "resourceNames", "namespace", "fieldSelector",
                            "labelSelector", "operation"), "inputs", extra);
                    return new ProbeInputs.K8s(text(in, "group", false).orElse(""), text(in, "version", false).orElse(""),
                            text(in, "resource", false).orElse(""), text(in, "namespace", false).orElse(""),
                            text(in, "fieldSelector", false).orElse(""), text(in, "labelSelector", false).orElse(""),
                            text(in, "operation", false).orElse(""), text(in, "resourceNames", false).orElse(""));
                }
                case "httpProbe" -> {
                    keepUnknown(in, Set.of("url", "method", "insecureSkipVerify", "responseTimeout"), "inputs", extra);
                    String url = text(in, "url", false).orElse("");
                    YamlSpan.Mapping method = mapping(required(in, "method"), "method");
                    if (method == null) {
                        return null;
                    }
                    if (method.entries().size() != 1) {
                        problem(method, "method must hold one of get or post, but holds " + method.entries().size()
                                + " entries");
                        return null;
                    }
                    YamlSpan.Entry verb = method.entries().get(0);
                    String verbName = verb.key().value();
                    if (!verbName.equals("get") && !verbName.equals("post")) {
                        problem(verb.key(), "method must be get or post, but was '" + verbName + "'");
                        return null;
                    }
                    YamlSpan.Mapping v = isNull(verb.value()) ? null : mapping(verb.value(), "method." + verbName);
                    if (v == null) {
                        if (isNull(verb.value())) {
                            problem(verb.value(), "method." + verbName + " needs criteria and responseCode");
                        }
                        return null;
                    }
                    // body fields belong to post in the CRD; on a get they are read the same way, so nothing is lost
                    keepUnknown(v, Set.of("criteria", "responseCode", "contentType", "body", "bodyPath"), "method", extra);
                    return new ProbeInputs.Http(url, verbName, text(v, "criteria", false).orElse(""),
                            text(v, "responseCode", false).orElse(""), text(v, "body", false).orElse(""),
                            text(v, "bodyPath", false).orElse(""), text(v, "contentType", false).orElse(""),
                            text(in, "responseTimeout", false).orElse(""), text(in, "insecureSkipVerify", false).orElse(""));
                }
                default -> {
                    problem(probe.get("type").orElse(probe), "unknown probe type '" + type
                            + "'; expected promProbe, httpProbe, cmdProbe or k8sProbe");
                    return null;
                }
            }
        }

        private ProbeInputs.Comparator comparator(YamlSpan.Mapping in, Map<String, Object> extra) {
            YamlSpan.Mapping c = in.get("comparator").filter(n -> !isNull(n)).map(n -> mapping(n, "comparator")).orElse(null);
            if (c == null) {
                return new ProbeInputs.Comparator("", "", "");
            }
            keepUnknown(c, Set.of("type", "criteria", "value"), "comparator", extra);
            return new ProbeInputs.Comparator(text(c, "type", false).orElse(""), text(c, "criteria", false).orElse(""),
                    text(c, "value", false).orElse(""));
        }

        private RunProperties runProperties(YamlSpan.Mapping m, Map<String, Object> extra) {
            RunProperties d = RunProperties.DEFAULT;
            keepUnknown(m, Set.of("probeTimeout", "interval", "retry", "attempt", "stopOnFailure"), "runProperties", extra);
            Duration timeout = duration(m, "probeTimeout").orElse(d.probeTimeout());
            Duration interval = duration(m, "interval").orElse(d.interval());
            int retry = wholeNumber(m, "retry", d.retry());
            int attempt = wholeNumber(m, "attempt", d.attempt());
            boolean stop = text(m, "stopOnFailure", false).filter(s -> !s.isEmpty()).map(s -> {
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

        private int wholeNumber(YamlSpan.Mapping m, String key, int otherwise) {
            return text(m, key, false).filter(s -> !s.isEmpty()).map(s -> {
                if (s.strip().matches("\\d{1,6}")) {
                    return Integer.parseInt(s.strip());
                }
                problem(m.get(key).orElse(m), key + " must be a whole number, but was '" + s + "'");
                return otherwise;
            }).orElse(otherwise);
        }

        private Optional<Duration> duration(YamlSpan.Mapping m, String key) {
            return text(m, key, false).filter(s -> !s.isEmpty()).flatMap(s -> {
                Optional<Duration> d = parseDuration(s);
                if (d.isEmpty()) {
                    problem(m.get(key).orElse(m), key + " must be whole seconds (Litmus 2.x: 5) or a duration (Litmus"
                            + " 3.x: 5s, 500ms, 1m30s), but was '" + s + "'");
                }
                return d;
            });
        }

        // ---- tree helpers ----

        private static boolean isNull(YamlSpan n) {
            return n instanceof YamlSpan.Scalar s && s.isNull();
        }

        private @Nullable YamlSpan required(YamlSpan.Mapping m, String key) {
            Optional<YamlSpan> n = m.get(key);
            if (n.isEmpty()) {
                problem(m, "missing '" + key + "'");
                return null;
            }
            return n.get();
        }

        private YamlSpan.@Nullable Mapping mapping(@Nullable YamlSpan n, String what) {
            return as(YamlSpan.Mapping.class, n, what, "a mapping");
        }

        private YamlSpan.@Nullable Sequence sequence(@Nullable YamlSpan n, String what) {
            return as(YamlSpan.Sequence.class, n, what, "a list");
        }

        private <T extends YamlSpan> @Nullable T as(Class<T> type, @Nullable YamlSpan n, String what, String expected) {
            if (n == null) {
                return null;
            }
            if (type.isInstance(n)) {
                return type.cast(n);
            }
            problem(n, what + " must be " + expected + ", but is " + n.kind());
            return null;
        }

        private Optional<String> text(YamlSpan.Mapping m, String key, boolean required) {
            Optional<YamlSpan> n = m.get(key);
            if (n.isEmpty() || isNull(n.get())) {
                if (required) {
                    problem(n.isPresent() ? n.get() : m, "missing '" + key + "'");
                }
                return n.isPresent() ? Optional.of("") : Optional.empty();
            }
            if (n.get() instanceof YamlSpan.Scalar s) {
                if (s.tag() != null && !STANDARD_TAGS.contains(s.tag())) {
                    problem(s, key + " has a tag " + s.tag() + " that is not supported");
                }
                return Optional.of(s.value());
            }
            problem(n.get(), key + " must be a value, but is " + n.get().kind());
            return Optional.empty();
        }

        private void requireText(YamlSpan.Mapping m, String key, String expected) {
            text(m, key, true).ifPresent(v -> {
                if (!v.equals(expected)) {
                    problem(m.get(key).orElse(m), key + " must be " + expected + ", but was '" + v + "'");
                }
            });
        }

        private <T> @Nullable T enumValue(Optional<T> value, YamlSpan.Mapping m, String key, String expected) {
            if (value.isPresent()) {
                return value.get();
            }
            YamlSpan at = m.get(key).orElse(m);
            String was = at instanceof YamlSpan.Scalar scalar ? ", but was '" + scalar.value() + "'" : "";
            problem(at, key + " must be " + expected + was);
            return null;
        }

        private void keepUnknown(YamlSpan.Mapping m, Set<String> known, String level, Map<String, Object> extra) {
            for (YamlSpan.Entry e : m.entries()) {
                if (!known.contains(e.key().value())) {
                    extra.put(level + "." + e.key().value(), plain(e.value()));
                }
            }
        }

        private Object plain(YamlSpan n) {
            if (n instanceof YamlSpan.Scalar s) {
                return s.isNull() ? "" : s.value();
            }
            if (n instanceof YamlSpan.Sequence s) {
                List<Object> items = new ArrayList<>();
                s.items().forEach(i -> items.add(plain(i)));
                return items;
            }
            Map<String, Object> out = new LinkedHashMap<>();
            ((YamlSpan.Mapping) n).entries().forEach(e -> out.put(e.key().value(), plain(e.value())));
            return out;
        }

        private void problem(YamlSpan at, String message) {
            problems.add(new FormatException.Problem(at.line(), at.column(), message));
        }
    }

    /**
     * Reads a run-property duration: whole seconds ({@code 5}, Litmus 2.x) or a Go duration ({@code 5s},
     * {@code 500ms}, {@code 1m30s}, {@code 1.5s}, Litmus 3.x). Empty when it is neither or not positive.
     */
    static Optional<Duration> parseDuration(String text) {
        String s = text.strip();
        if (s.matches("[0-9]{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(s)));
        }
        if (s.length() > 64 || !GO_DURATION.matcher(s).matches()) {
            return Optional.empty();
        }
        Matcher m = GO_DURATION_PART.matcher(s);
        BigDecimal nanos = BigDecimal.ZERO;
        while (m.find()) {
            BigDecimal n = new BigDecimal(m.group(1).startsWith(".") ? "0" + m.group(1) : m.group(1));
            long unit = switch (m.group(2)) {
                case "ns" -> 1L;
                case "us", "µs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            nanos = nanos.add(n.multiply(BigDecimal.valueOf(unit)));
        }
        if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(nanos.longValue()));
    }

    /** Whether most probe durations of a manifest are written as 2.x integers ({@code interval: 5}). */
    private static boolean writtenForLitmus2(YamlSpan root) {
        int integers = 0;
        int strings = 0;
        if (resolve(root, "spec.experiments").orElse(null) instanceof YamlSpan.Sequence experiments) {
            for (YamlSpan exp : experiments.items()) {
                if (resolve(exp, "spec.probe").orElse(null) instanceof YamlSpan.Sequence probes && exp != probes) {
                    for (YamlSpan p : probes.items()) {
                        for (String key : List.of("probeTimeout", "interval")) {
                            if (resolve(p, "runProperties." + key).orElse(null) instanceof YamlSpan.Scalar s
                                    && s != p && !s.isNull()) {
                                if (s.style() == YamlSpan.Style.PLAIN && s.value().matches("[0-9]+")) {
                                    integers++;
                                } else {
                                    strings++;
                                }
                            }
                        }
                    }
                }
            }
        }
        return integers > strings;
    }

    // ------------------------------------------------------------------ locations

    /**
     * The node at a path such as {@code spec.experiments[0].spec.components.env[TOTAL_CHAOS_DURATION]}: keys
     * separated by dots, {@code [n]} a list index, {@code [name]} the list item of that {@code name}.
     */
    static Optional<YamlSpan> resolve(YamlSpan root, String path) {
        YamlSpan at = root;
        if (path.isBlank()) {
            return Optional.empty();
        }
        for (String part : path.split("\\.(?![^\\[]*\\])")) {
            int bracket = part.indexOf('[');
            String key = bracket < 0 ? part : part.substring(0, bracket);
            if (!key.isEmpty()) {
                if (!(at instanceof YamlSpan.Mapping m) || m.get(key).isEmpty()) {
                    return Optional.of(at);
                }
                at = m.get(key).get();
            }
            while (bracket >= 0) {
                int close = part.indexOf(']', bracket);
                if (close < 0 || !(at instanceof YamlSpan.Sequence s)) {
                    return Optional.of(at);
                }
                String sel = part.substring(bracket + 1, close);
                YamlSpan found = null;
                if (sel.matches("[0-9]+")) {
                    int i = Integer.parseInt(sel);
                    found = i < s.items().size() ? s.items().get(i) : null;
                } else {
                    for (YamlSpan item : s.items()) {
                        if (item instanceof YamlSpan.Mapping m && m.get("name").orElse(null) instanceof YamlSpan.Scalar n
                                && n.value().equals(sel)) {
                            found = item;
                        }
                    }
                }
                if (found == null) {
                    return Optional.of(at);
                }
                at = found;
                bracket = part.indexOf('[', close);
            }
        }
        return Optional.of(at);
    }

    // ------------------------------------------------------------------ the manifest's own typing

    /**
     * Checks what only the written YAML shows: run properties typed as the target Litmus version's CRD types them
     * (2.x integers, 3.x duration strings; the version is inferred from the manifest: one version per manifest, the
     * one most of its typed fields are written for), and env values written as strings.
     */
    private static final class DocumentLint {
        private final List<Finding> out = new ArrayList<>();


        /** A field whose writing tells the Litmus version: {@code v2} when written for 2.x. */
        private record Typed(YamlSpan.Scalar node, String path, String field, boolean v2, boolean duration) {
        }

        private record RunProps(YamlSpan.Mapping node, String probe, String path) {
        }

        List<Finding> lint(YamlSpan root) {
            List<Typed> typed = new ArrayList<>();
            List<RunProps> runProps = new ArrayList<>();
            YamlSpan experiments = resolve(root, "spec.experiments").orElse(null);
            if (!(experiments instanceof YamlSpan.Sequence list)) {
                return out;
            }
            for (int i = 0; i < list.items().size(); i++) {
                String at = "spec.experiments[" + i + "]";
                YamlSpan exp = list.items().get(i);
                YamlSpan.Mapping spec = exp instanceof YamlSpan.Mapping m && m.get("spec").orElse(null) instanceof YamlSpan.Mapping s
                        ? s : null;
                if (spec == null) {
                    continue;
                }
                if (spec.get("components").orElse(null) instanceof YamlSpan.Mapping c
                        && c.get("env").orElse(null) instanceof YamlSpan.Sequence env) {
                    envValues(env, at + ".spec.components.env");
                }
                if (spec.get("probe").orElse(null) instanceof YamlSpan.Sequence ps) {
                    for (YamlSpan p : ps.items()) {
                        probe(p, at, typed, runProps);
                    }
                }
            }
            versions(typed, runProps);
            return out;
        }

        private void envValues(YamlSpan.Sequence env, String at) {
            for (YamlSpan item : env.items()) {
                if (item instanceof YamlSpan.Mapping m && m.get("value").orElse(null) instanceof YamlSpan.Scalar v
                        && v.style() == YamlSpan.Style.PLAIN && v.tag() == null && !v.isNull()) {
                    String type = YamlScalars.plainType(v.value());
                    if (type != null) {
                        String name = m.get("name").orElse(null) instanceof YamlSpan.Scalar n ? n.value() : "?";
                        out.add(Finding.error("chaos.env-not-a-string", "env " + name + ": value " + v.value()
                                + " is read as a YAML " + type + ", and Kubernetes takes env values only as strings:"
                                + " write '" + v.value() + "'", at + "[" + name + "].value").atLine(v.line()));
                    }
                }
            }
        }

        private void probe(YamlSpan probe, String at, List<Typed> typed, List<RunProps> runProps) {
            if (!(probe instanceof YamlSpan.Mapping p)) {
                return;
            }
            String name = p.get("name").orElse(null) instanceof YamlSpan.Scalar n ? n.value() : "?";
            String path = at + ".spec.probe[" + name + "]";
            if (!(p.get("runProperties").orElse(null) instanceof YamlSpan.Mapping rp)) {
                out.add(Finding.error("chaos.run-properties-missing", "probe '" + name + "' has no runProperties; Litmus"
                        + " needs at least probeTimeout and interval", path).atLine(p.line()));
                return;
            }
            runProps.add(new RunProps(rp, name, path + ".runProperties"));
            for (String key : List.of("probeTimeout", "interval", "probePollingInterval", "initialDelay",
                    "evaluationTimeout")) {
                if (rp.get(key).orElse(null) instanceof YamlSpan.Scalar s && !s.isNull()) {
                    boolean integer = s.style() == YamlSpan.Style.PLAIN && s.value().matches("[0-9]+");
                    typed.add(new Typed(s, path + ".runProperties." + key, key, integer, true));
                    if (!integer && parseDuration(s.value()).isEmpty()) {
                        out.add(Finding.error("chaos.run-property-not-a-duration", "probe '" + name + "': " + key + " '"
                                + s.value() + "' is neither whole seconds (Litmus 2.x) nor a duration such as 5s"
                                + " (Litmus 3.x)", path + ".runProperties." + key).atLine(s.line()));
                    } else if (!integer && s.value().strip().matches("[0-9]+")) {
                        out.add(Finding.warning("chaos.run-property-no-unit", "probe '" + name + "': " + key + " '"
                                + s.value() + "' is a string without a unit; Litmus 3.x reads durations such as '"
                                + s.value().strip() + "s'", path + ".runProperties." + key).atLine(s.line()));
                    }
                }
            }
            for (String key : List.of("attempt", "initialDelay", "evaluationTimeout", "verbosity")) {
                rp.entry(key).ifPresent(e -> typed.add(new Typed(e.key(), path + ".runProperties." + key, key, false, false)));
            }
            rp.entry("initialDelaySeconds").ifPresent(e -> typed.add(new Typed(e.key(), path
                    + ".runProperties.initialDelaySeconds", "initialDelaySeconds", true, false)));
            if (p.get("httpProbe/inputs").orElse(null) instanceof YamlSpan.Mapping in) {
                in.entry("responseTimeout").ifPresent(e -> typed.add(new Typed(e.key(), path
                        + ".httpProbe/inputs.responseTimeout", "responseTimeout", true, false)));
            }
            for (String key : List.of("probeTimeout", "interval")) {
                if (rp.get(key).isEmpty()) {
                    out.add(Finding.error("chaos.run-property-missing", "probe '" + name + "' has no runProperties."
                            + key + "; Litmus's CRD requires it", path + ".runProperties").atLine(rp.line()));
                }
            }
        }

        /** One target version per manifest: 2.x types durations as integers, 3.x as strings with a unit. */
        private void versions(List<Typed> typed, List<RunProps> runProps) {
            long v2 = typed.stream().filter(Typed::v2).count();
            long v3 = typed.size() - v2;
            if (v2 == 0 && v3 == 0) {
                return;
            }
            boolean target2 = v2 > v3;
            if (target2) {
                for (RunProps rp : runProps) {
                    if (rp.node().get("retry").isEmpty()) {
                        out.add(Finding.error("chaos.run-property-missing", "probe '" + rp.probe() + "' has no"
                                + " runProperties.retry, which Litmus 2.x's CRD requires: write retry: 1", rp.path())
                                .atLine(rp.node().line()));
                    }
                }
            }
            if (v2 == 0 || v3 == 0) {
                return;
            }
            Typed example = typed.stream().filter(t -> t.v2() == target2).findFirst().orElseThrow();
            String because = " (" + example.field() + " at line " + example.node().line() + ")";
            for (Typed t : typed) {
                if (t.v2() == target2) {
                    continue;
                }
                if (t.duration()) {
                    String fix = target2 ? parseDuration(t.node().value()).filter(d -> d.getNano() == 0)
                            .map(d -> "write " + d.getSeconds()).orElse("write whole seconds")
                            : "write " + t.node().value().strip() + "s";
                    out.add(Finding.error("chaos.litmus-version-mixed", t.field() + ": " + t.node().value() + " is typed"
                            + " for Litmus " + (t.v2() ? "2.x (an integer)" : "3.x (a duration string)") + ", but this"
                            + " manifest is written for Litmus " + (target2 ? "2.x" : "3.x") + because + ", whose CRD"
                            + " refuses it: " + fix, t.path()).atLine(t.node().line()));
                } else {
                    out.add(Finding.error("chaos.litmus-version-mixed", t.field() + " is a Litmus " + (t.v2() ? "2.x"
                            : "3.x") + " field, but this manifest is written for Litmus " + (target2 ? "2.x" : "3.x")
                            + because, t.path()).atLine(t.node().line()));
                }
            }
        }
    }
}
