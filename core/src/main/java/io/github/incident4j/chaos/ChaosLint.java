package io.github.incident4j.chaos;

import io.github.incident4j.ValidationException;
import io.github.incident4j.common.Durations;
import io.github.incident4j.common.Finding;
import io.github.incident4j.common.PromQl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a chaos experiment as Litmus will read it, so a manifest that lints clean does what it says on a cluster.
 *
 * <p>Env values are read as litmus-go reads them: most numbers with {@code strconv.Atoi}, whose error litmus-go
 * ignores, so {@code TOTAL_CHAOS_DURATION: '15m'} becomes 0 and the chaos lasts no time at all; the message gives
 * the fix ({@code '15m'} → {@code '900'}). {@code CHAOS_INTERVAL} of pod-delete (and the kafka and cassandra faults
 * built on it) may be a range such as {@code '5-10'} only with {@code RANDOMNESS: 'true'}. Flags are read with
 * {@code strconv.ParseBool}. The Litmus operator refuses an {@code applabel} without {@code appkind}. A promProbe's
 * query must be PromQL ({@link PromQl}), as must the query of every metric tolerance.</p>
 *
 * <p>Each finding's location is a path into the manifest ({@code spec.experiments[0].spec.components.env[
 * TOTAL_CHAOS_DURATION].value}; {@code hypothesis[1]} for a tolerance), which {@code format.ChaosEngineYaml.lint}
 * turns into a line. The litmus-go sources each rule follows are named in {@code core/docs/formats.md}.</p>
 *
 * <pre>{@code
 * List<Finding> findings = ChaosLint.lint(experiment);
 * }</pre>
 */
public final class ChaosLint {

    private ChaosLint() {
    }

    /** What an integer env value means, for the fix in the message. */
    private enum Unit {
        SECONDS, MILLISECONDS, PERCENT, COUNT
    }

    private record IntegerEnv(Unit unit, String source) {
    }

    private static final String GENERIC = "pkg/generic/<fault>/environment/environment.go";

    /** Env values litmus-go reads with strconv.Atoi, ignoring the error (so a malformed value is 0). */
    private static final Map<String, IntegerEnv> INTEGERS = Map.ofEntries(
            Map.entry("TOTAL_CHAOS_DURATION", new IntegerEnv(Unit.SECONDS, GENERIC)),
            Map.entry("CHAOS_INTERVAL", new IntegerEnv(Unit.SECONDS, GENERIC)),
            Map.entry("RAMP_TIME", new IntegerEnv(Unit.SECONDS, GENERIC)),
            Map.entry("STATUS_CHECK_DELAY", new IntegerEnv(Unit.SECONDS, GENERIC)),
            Map.entry("STATUS_CHECK_TIMEOUT", new IntegerEnv(Unit.SECONDS, GENERIC)),
            Map.entry("TERMINATION_GRACE_PERIOD_SECONDS", new IntegerEnv(Unit.SECONDS, GENERIC)),
            Map.entry("PODS_AFFECTED_PERC", new IntegerEnv(Unit.PERCENT, GENERIC)),
            Map.entry("NODES_AFFECTED_PERC", new IntegerEnv(Unit.PERCENT, "pkg/generic/node-*/environment/environment.go")),
            Map.entry("NETWORK_LATENCY", new IntegerEnv(Unit.MILLISECONDS, "pkg/generic/network-chaos/environment/environment.go")),
            Map.entry("NETWORK_PACKET_LOSS_PERCENTAGE", new IntegerEnv(Unit.PERCENT,
                    "pkg/generic/network-chaos/environment/environment.go")),
            Map.entry("NETWORK_PACKET_DUPLICATION_PERCENTAGE", new IntegerEnv(Unit.PERCENT,
                    "pkg/generic/network-chaos/environment/environment.go")),
            Map.entry("NETWORK_PACKET_CORRUPTION_PERCENTAGE", new IntegerEnv(Unit.PERCENT,
                    "pkg/generic/network-chaos/environment/environment.go")),
            Map.entry("CPU_CORES", new IntegerEnv(Unit.COUNT, "pkg/generic/stress-chaos/environment/environment.go")),
            Map.entry("MEMORY_CONSUMPTION", new IntegerEnv(Unit.COUNT, "pkg/generic/stress-chaos/environment/environment.go")),
            Map.entry("NUMBER_OF_WORKERS", new IntegerEnv(Unit.COUNT, "pkg/generic/stress-chaos/environment/environment.go")),
            Map.entry("FILESYSTEM_UTILIZATION_PERCENTAGE", new IntegerEnv(Unit.PERCENT,
                    "pkg/generic/stress-chaos/environment/environment.go")),
            Map.entry("FILESYSTEM_UTILIZATION_BYTES", new IntegerEnv(Unit.COUNT,
                    "pkg/generic/stress-chaos/environment/environment.go")),
            Map.entry("NODE_CPU_CORE", new IntegerEnv(Unit.COUNT, "pkg/generic/node-cpu-hog/environment/environment.go")),
            Map.entry("MEMORY_CONSUMPTION_PERCENTAGE", new IntegerEnv(Unit.PERCENT,
                    "pkg/generic/node-memory-hog/environment/environment.go")),
            Map.entry("MEMORY_CONSUMPTION_MEBIBYTES", new IntegerEnv(Unit.COUNT,
                    "pkg/generic/node-memory-hog/environment/environment.go")),
            Map.entry("FILL_PERCENTAGE", new IntegerEnv(Unit.PERCENT, "pkg/generic/disk-fill/environment/environment.go")),
            Map.entry("EPHEMERAL_STORAGE_MEBIBYTES", new IntegerEnv(Unit.COUNT,
                    "pkg/generic/disk-fill/environment/environment.go")),
            Map.entry("DATA_BLOCK_SIZE", new IntegerEnv(Unit.COUNT, "pkg/generic/disk-fill/environment/environment.go")),
            Map.entry("KILL_COUNT", new IntegerEnv(Unit.COUNT, "pkg/generic/pod-delete/environment/environment.go (2.x)")));

    /** Flags litmus-go reads with strconv.ParseBool, ignoring the error (so a malformed value is false). */
    private static final Set<String> BOOLEANS = Set.of("FORCE", "RANDOMNESS", "DEFAULT_APP_HEALTH_CHECK",
            "ANNOTATION_CHECK");
    private static final Set<String> PARSE_BOOL = Set.of("1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE",
            "false", "False");
    /** Faults whose CHAOS_INTERVAL litmus-go reads as text: a range with RANDOMNESS, else strconv.Atoi. */
    private static final Set<String> RANGED_INTERVAL = Set.of("pod-delete", "kafka-broker-pod-failure",
            "cassandra-pod-delete");
    private static final Set<String> APP_KINDS = Set.of("deployment", "statefulset", "daemonset", "deploymentconfig",
            "rollout");
    private static final Set<String> K8S_OPERATIONS = Set.of("present", "absent", "create", "delete");
    private static final Pattern ATOI = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern RANGE = Pattern.compile("([0-9]+)-([0-9]+)");

    /** Every finding of {@code e}, errors first in document order. */
    public static List<Finding> lint(ChaosExperiment e) {
        List<Finding> out = new ArrayList<>();
        appInfo(e, out);
        if (e.serviceAccount().isEmpty()) {
            out.add(Finding.warning("chaos.service-account-missing", "no chaosServiceAccount: the chaos runner gets the"
                    + " namespace's default service account, which usually may not run experiments", "spec"));
        }
        for (int i = 0; i < e.faults().size(); i++) {
            Fault f = e.faults().get(i);
            String at = "spec.experiments[" + i + "]";
            env(f, at + ".spec.components.env", out);
            target(e, f, at, out);
            for (Probe p : f.probes()) {
                probe(p, at + ".spec.probe[" + p.name() + "]", out);
            }
        }
        hypothesis(e, out);
        List<Finding> sorted = new ArrayList<>(out.stream().filter(f -> f.level() == Finding.Level.ERROR).toList());
        out.stream().filter(f -> f.level() != Finding.Level.ERROR).forEach(sorted::add);
        return List.copyOf(sorted);
    }

    private static void appInfo(ChaosExperiment e, List<Finding> out) {
        AppInfo app = e.app();
        if (!app.labelSelector().isEmpty() && app.kind().isEmpty()) {
            out.add(Finding.error("chaos.appkind-missing", "applabel '" + app.labelSelector() + "' without appkind: the"
                    + " Litmus operator refuses it; add appkind: deployment (or statefulset, daemonset, deploymentconfig,"
                    + " rollout)", "spec.appinfo"));
        }
        if (!app.kind().isEmpty() && !APP_KINDS.contains(app.kind())) {
            out.add(Finding.error("chaos.appkind-unknown", "appkind '" + app.kind() + "' is none of " + APP_KINDS
                    + ", which Litmus's CRD allows", "spec.appinfo.appkind"));
        }
    }

    private static void target(ChaosExperiment e, Fault f, String at, List<Finding> out) {
        boolean podLevel = f.name().startsWith("pod-") || f.name().equals("container-kill") || f.name().equals("disk-fill");
        if (podLevel && e.app().labelSelector().isEmpty() && f.env().getOrDefault("TARGET_PODS", "").isEmpty()) {
            out.add(Finding.warning("chaos.no-target", f.name() + " has neither an applabel nor TARGET_PODS; litmus-go"
                    + " stops with \"please provide one of the appLabel or TARGET_PODS\""
                    + " (chaoslib/litmus/" + f.name() + "/lib)", at));
        }
    }

    private static void env(Fault f, String at, List<Finding> out) {
        boolean random = Set.of("1", "t", "T", "TRUE", "true", "True").contains(f.env().getOrDefault("RANDOMNESS", ""));
        f.env().forEach((name, value) -> {
            String where = at + "[" + name + "].value";
            if (value.isEmpty()) {
                return; // litmus-go's Getenv takes its default for an empty value
            }
            if (name.equals("CHAOS_INTERVAL") && RANGED_INTERVAL.contains(f.name())) {
                interval(f, value, random, where, out);
            } else if (INTEGERS.containsKey(name)) {
                integer(f.name(), name, value, INTEGERS.get(name), where, out);
            } else if (BOOLEANS.contains(name) && !PARSE_BOOL.contains(value)) {
                out.add(Finding.error("chaos.env-not-a-flag", name + ": '" + value + "' is not a flag litmus-go can read;"
                        + " strconv.ParseBool fails and litmus-go takes false (" + GENERIC.replace("<fault>", f.name())
                        + "): write 'true' or 'false'",
                        where));
            } else if (name.equals("SEQUENCE") && !Set.of("serial", "parallel", "random")
                    .contains(value.toLowerCase(Locale.ROOT))) {
                out.add(Finding.error("chaos.env-sequence", "SEQUENCE: '" + value + "' is none of serial, parallel or"
                        + " random; litmus-go stops with \"" + value + " sequence is not supported\" (chaoslib/litmus/"
                        + f.name() + "/lib)", where));
            }
        });
    }

    private static void interval(Fault f, String value, boolean random, String where, List<Finding> out) {
        String source = "chaoslib/litmus/pod-delete/lib/pod-delete.go and pkg/utils/common/common.go RandomInterval";
        Matcher range = RANGE.matcher(value);
        if (range.matches()) {
            if (!random) {
                out.add(Finding.error("chaos.env-range-without-randomness", "CHAOS_INTERVAL: '" + value + "' is a range,"
                        + " which litmus-go reads only with RANDOMNESS: 'true'; without it strconv.Atoi fails and the"
                        + " interval is 0 s (" + source + "): add RANDOMNESS: 'true' or write one number such as '"
                        + range.group(2) + "'", where));
            } else if (Long.parseLong(range.group(1)) >= Long.parseLong(range.group(2))) {
                out.add(Finding.error("chaos.env-range-empty", "CHAOS_INTERVAL: '" + value + "' must have its lower bound"
                        + " below its upper bound; litmus-go draws rand.Intn(upper - lower), which fails otherwise ("
                        + source + ")", where));
            }
            return;
        }
        if (random && ATOI.matcher(value).matches() && Long.parseLong(value.replace("+", "")) <= 0) {
            out.add(Finding.error("chaos.env-range-empty", "CHAOS_INTERVAL: '" + value + "' with RANDOMNESS draws a random"
                    + " interval below it, so it must be above 0 (" + source + ")", where));
            return;
        }
        integer(f.name(), "CHAOS_INTERVAL", value, INTEGERS.get("CHAOS_INTERVAL"), where, out);
    }

    private static void integer(String fault, String name, String value, IntegerEnv kind, String where,
                                List<Finding> out) {
        String source = kind.source().replace("<fault>", fault);
        if (ATOI.matcher(value).matches()) {
            if (value.length() > 10 || Long.parseLong(value.replace("+", "")) > Integer.MAX_VALUE) {
                out.add(Finding.error("chaos.env-not-an-integer", name + ": '" + value + "' is too large for litmus-go's"
                        + " int; strconv.Atoi fails and litmus-go takes 0 (" + source + ")", where));
            } else if (value.startsWith("-")) {
                out.add(Finding.error("chaos.env-negative", name + ": '" + value + "' is negative; litmus-go reads it as"
                        + " it is, which no fault means (" + source + ")", where));
            } else if (kind.unit() == Unit.PERCENT && Long.parseLong(value.replace("+", "")) > 100) {
                out.add(Finding.warning("chaos.env-percent", name + ": '" + value + "' is above 100 percent; litmus-go"
                        + " caps it at 100", where));
            }
            return;
        }
        String consequence = name.equals("TOTAL_CHAOS_DURATION") ? " and the chaos lasts 0 s" : "";
        out.add(Finding.error("chaos.env-not-an-integer", name + ": '" + value + "' is not a whole number; litmus-go"
                + " reads it with strconv.Atoi and ignores the error, so it becomes 0" + consequence + " ("
                + source + "): " + fix(value, kind.unit()), where));
    }

    /** The value litmus-go would read as meant, e.g. {@code '15m'} gives {@code write '900'}. */
    private static String fix(String value, Unit unit) {
        String v = value.strip();
        if (ATOI.matcher(v).matches()) {
            return "write '" + v + "' without blanks";
        }
        if (unit == Unit.SECONDS || unit == Unit.MILLISECONDS) {
            Optional<Duration> d = duration(v);
            if (d.isPresent()) {
                long n = unit == Unit.SECONDS ? d.get().toSeconds() : d.get().toMillis();
                boolean exact = unit == Unit.SECONDS ? d.get().toMillisPart() == 0 : d.get().getNano() % 1_000_000 == 0;
                return "write '" + n + "'" + (exact ? "" : " (rounded down)") + (unit == Unit.SECONDS ? " (seconds)"
                        : " (milliseconds)");
            }
        }
        if (unit == Unit.PERCENT && v.endsWith("%") && ATOI.matcher(v.substring(0, v.length() - 1).strip()).matches()) {
            return "write '" + v.substring(0, v.length() - 1).strip() + "'";
        }
        return "write a whole number" + (unit == Unit.SECONDS ? " of seconds" : unit == Unit.MILLISECONDS
                ? " of milliseconds" : "");
    }

    private static Optional<Duration> duration(String v) {
        try {
            return Optional.of(Durations.parse(v));
        } catch (ValidationException e) {
            return Optional.empty();
        }
    }

    private static void probe(Probe p, String at, List<Finding> out) {
        String inputs = at + "." + p.type() + "/inputs";
        if (p.inputs() instanceof ProbeInputs.Prom prom) {
            if (prom.endpoint().isBlank()) {
                out.add(Finding.error("chaos.probe-endpoint-missing", "promProbe '" + p.name() + "' has no endpoint",
                        inputs));
            }
            if (prom.query().isBlank() && prom.queryPath().isBlank()) {
                out.add(Finding.error("chaos.probe-query-missing", "promProbe '" + p.name() + "' has neither a query"
                        + " nor a queryPath", inputs));
            } else if (!prom.query().isBlank()) {
                promQl("promProbe '" + p.name() + "'", prom.query(), inputs + ".query", out);
            }
            comparator(p, prom.comparator(), inputs, out);
        } else if (p.inputs() instanceof ProbeInputs.Http http) {
            if (http.url().isBlank()) {
                out.add(Finding.error("chaos.probe-url-missing", "httpProbe '" + p.name() + "' has no url", inputs));
            }
            if (http.criteria().isBlank() || http.responseCode().isBlank()) {
                out.add(Finding.error("chaos.probe-criteria-missing", "httpProbe '" + p.name() + "' needs method."
                        + http.method() + ".criteria and responseCode", inputs + ".method"));
            }
            if (http.method().equals("post") && http.body().isEmpty() && http.bodyPath().isEmpty()) {
                out.add(Finding.error("chaos.probe-body-missing", "httpProbe '" + p.name() + "' posts neither a body nor"
                        + " a bodyPath; litmus-go stops with \"Any one of body or bodyPath is required\"", inputs + ".method"));
            }
        } else if (p.inputs() instanceof ProbeInputs.Cmd cmd) {
            if (cmd.command().isBlank()) {
                out.add(Finding.error("chaos.probe-command-missing", "cmdProbe '" + p.name() + "' has no command", inputs));
            }
            comparator(p, cmd.comparator(), inputs, out);
        } else if (p.inputs() instanceof ProbeInputs.K8s k) {
            if (k.version().isBlank() || k.resource().isBlank()) {
                out.add(Finding.error("chaos.probe-resource-missing", "k8sProbe '" + p.name() + "' needs version and"
                        + " resource", inputs));
            }
            if (!K8S_OPERATIONS.contains(k.operation())) {
                out.add(Finding.error("chaos.probe-operation", "k8sProbe '" + p.name() + "' operation '" + k.operation()
                        + "' is none of " + K8S_OPERATIONS, inputs));
            }
        }
    }

    private static void comparator(Probe p, ProbeInputs.Comparator c, String inputs, List<Finding> out) {
        if (c.criteria().isBlank()) {
            out.add(Finding.error("chaos.probe-comparator-missing", p.type() + " '" + p.name() + "' has no"
                    + " comparator.criteria", inputs + ".comparator"));
        }
    }

    private static void promQl(String what, String query, String where, List<Finding> out) {
        PromQl.check(query).ifPresent(problem -> out.add(Finding.error("chaos.probe-query-not-promql", what + ": query '"
                + abbreviate(query) + "' is not PromQL (" + problem + "); a metric's name is not a query, give the PromQL"
                + " that measures it", where)));
    }

    private static String abbreviate(String s) {
        String one = s.replace('\n', ' ');
        return one.length() <= 80 ? one : one.substring(0, 77) + "...";
    }

    private static void hypothesis(ChaosExperiment e, List<Finding> out) {
        List<Tolerance> ts = e.hypothesis().tolerances();
        for (int i = 0; i < ts.size(); i++) {
            if (ts.get(i) instanceof Tolerance.Metric m) {
                if (m.hasPromQl()) {
                    promQl("tolerance '" + m.text() + "'", m.query(), "hypothesis[" + i + "]", out);
                } else {
                    out.add(Finding.info("chaos.tolerance-without-promql", "tolerance '" + m.text() + "' has no PromQL, so"
                            + " on a Litmus cluster nothing checks it; give its metric's query"
                            + " (ChaosExperiment.withPromQl) to write it as a promProbe", "hypothesis[" + i + "]"));
                }
            }
        }
    }
}
