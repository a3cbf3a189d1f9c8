package io.github.incident4j.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.chaos.AppInfo;
import io.github.incident4j.chaos.ChaosExperiment;
import io.github.incident4j.chaos.CleanupPolicy;
import io.github.incident4j.chaos.EngineState;
import io.github.incident4j.chaos.Fault;
import io.github.incident4j.chaos.Probe;
import io.github.incident4j.chaos.ProbeInputs;
import io.github.incident4j.chaos.ProbeMode;
import io.github.incident4j.chaos.RunProperties;
import io.github.incident4j.chaos.SteadyStateHypothesis;
import io.github.incident4j.chaos.Tolerance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

@Label("ChaosEngineYaml round trip")
class ChaosEngineYamlProperties {

    @Property(tries = 200)
    @Label("parse(render(x)) equals x for generated ChaosEngine documents")
    void roundTrip(@ForAll("experiments") ChaosExperiment e) {
        String yaml = ChaosEngineYaml.render(e);
        ChaosExperiment back = ChaosEngineYaml.parse(yaml);
        assertThat(back).isEqualTo(e);
        assertThat(ChaosEngineYaml.render(back)).isEqualTo(yaml);
    }

    @Property(tries = 200)
    @Label("the canonical writer's output is bounded by a small multiple of the experiment's text")
    void bounded(@ForAll("experiments") ChaosExperiment e) {
        assertThat(ChaosEngineYaml.render(e).length()).isLessThanOrEqualTo(12 * size(e.toString()) + 400);
    }

    /** The characters of the model's text (its toString repeats every value once, plus a constant per part). */
    private static int size(String modelText) {
        return modelText.length();
    }

    /** Text that YAML must quote or escape now and then; never YAML's null words. */
    private static Arbitrary<String> text() {
        return Arbitraries.strings().withChars("abcXYZ019 :#'\"-_/.{}[]&*!%@,")
                .ofMinLength(1).ofMaxLength(14)
                .filter(s -> !s.isBlank() && !s.strip().equals("~") && !s.equalsIgnoreCase("null"));
    }

    private static Arbitrary<String> word() {
        return Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(8)
                .filter(s -> !s.equalsIgnoreCase("null"));
    }

    private static Arbitrary<Duration> seconds() {
        return Arbitraries.integers().between(1, 600).map(Duration::ofSeconds);
    }

    private static Arbitrary<RunProperties> runProperties() {
        return Combinators.combine(seconds(), seconds(), Arbitraries.integers().between(0, 5),
                        Arbitraries.integers().between(0, 5), Arbitraries.of(true, false))
                .as(RunProperties::new);
    }

    private static Arbitrary<ProbeInputs.Comparator> comparator() {
        return Combinators.combine(Arbitraries.of("", "int", "string"), Arbitraries.of("<", ">=", "==", "contains"), text())
                .as(ProbeInputs.Comparator::new);
    }

    private static Arbitrary<ProbeInputs> inputs() {
        Arbitrary<String> maybe = Arbitraries.oneOf(Arbitraries.just(""), word());
        Arbitrary<String> maybeText = Arbitraries.oneOf(Arbitraries.just(""), text());
        Arbitrary<String[]> tls = Combinators.combine(Arbitraries.of("", "500", "2000"), Arbitraries.of("", "true", "False"))
                .as((timeout, skip) -> new String[] {timeout, skip});
        Arbitrary<ProbeInputs> http = Combinators.combine(text(), Arbitraries.of("get", "post"), Arbitraries.of("==", "!="),
                        word(), maybeText, maybeText, maybe, tls)
                .as((url, verb, criteria, code, body, path, type, t) -> new ProbeInputs.Http(url, verb, criteria, code, body,
                        path, type, t[0], t[1]));
        Arbitrary<ProbeInputs> cmd = Combinators.combine(text(), comparator(),
                        Arbitraries.maps(word().map(w -> "k" + w), text()).ofMaxSize(3))
                .as((c, cmp, source) -> new ProbeInputs.Cmd(c, cmp, new LinkedHashMap<>(source)));
        return Arbitraries.oneOf(
                Combinators.combine(text(), text(), maybeText, comparator()).as(ProbeInputs.Prom::new),
                http, cmd,
                Combinators.combine(maybe, maybe, maybe, maybe, maybe, maybe, maybe, maybe).as(ProbeInputs.K8s::new));
    }

    private static Arbitrary<Map<String, Object>> extra(String... levels) {
        Arbitrary<Object> value = Arbitraries.oneOf(text().map(s -> (Object) s),
                text().list().ofMaxSize(3).map(l -> (Object) l),
                Arbitraries.maps(word().map(w -> "k" + w), text()).ofMaxSize(3).map(m -> (Object) new LinkedHashMap<>(m)));
        return Arbitraries.maps(Combinators.combine(Arbitraries.of(levels), word()).as((l, w) -> l + ".x" + w), value)
                .ofMaxSize(3).map(LinkedHashMap::new);
    }

    private static Arbitrary<Probe> probe(int index) {
        return Combinators.combine(text(), inputs(), Arbitraries.of(ProbeMode.class), runProperties(),
                        extra("probe", "inputs", "runProperties"))
                .as((name, in, mode, run, extra) -> new Probe("probe " + index + " " + name, in, mode, run, extra));
    }

    private static Arbitrary<Fault> fault() {
        Arbitrary<Fault> podDelete = Combinators.combine(Arbitraries.integers().between(1, 120),
                        Arbitraries.integers().between(1, 30), Arbitraries.of("true", "false"),
                        Arbitraries.integers().between(0, 100), Arbitraries.of("serial", "parallel"))
                .as((total, interval, force, perc, seq) -> Fault.named(Fault.POD_DELETE)
                        .env("TOTAL_CHAOS_DURATION", String.valueOf(total)).env("CHAOS_INTERVAL", String.valueOf(interval))
                        .env("FORCE", force).env("PODS_AFFECTED_PERC", String.valueOf(perc)).env("SEQUENCE", seq).build());
        Arbitrary<Fault> other = Combinators.combine(Arbitraries.of("pod-cpu-hog", "pod-network-latency", "container-kill"),
                        Arbitraries.maps(word().map(w -> "ENV_" + w), Arbitraries.oneOf(text(), Arbitraries.just("")))
                                .ofMaxSize(4),
                        extra("experiment", "spec", "components"))
                .as((name, env, extra) -> new Fault(name, new LinkedHashMap<>(env), List.of(), extra));
        return Combinators.combine(Arbitraries.oneOf(podDelete, other), Arbitraries.integers().between(0, 3))
                .flatAs((f, n) -> {
                    List<Arbitrary<Probe>> probes = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        probes.add(probe(i));
                    }
                    return Combinators.combine(probes).as(ps -> new Fault(f.name(), f.env(), ps, f.extra()));
                });
    }

    private static Arbitrary<Tolerance> tolerance(int index) {
        Arbitrary<Tolerance> metric = Combinators.combine(Arbitraries.of("p99 latency", "error rate", "queue depth"),
                        Arbitraries.of("<", "stays below", ">=", "at most"), Arbitraries.integers().between(0, 5000),
                        Arbitraries.of("ms", "%", "s", ""), Arbitraries.of(ProbeMode.class), runProperties(), text(),
                        text().filter(q -> !q.isBlank()))
                .as((m, op, v, unit, mode, run, endpoint, query) -> Tolerance.Metric.of(m + " " + index + " " + op + " " + v + unit)
                        .mode(mode).runProperties(run).prometheus(endpoint, query));
        Arbitrary<Tolerance> host = Arbitraries.of("No data loss or corruption", "Orders keep their totals", "Ledger balances")
                .map(t -> new Tolerance.HostCheck(t + " " + index));
        return Arbitraries.oneOf(metric, host);
    }

    @Provide
    Arbitrary<ChaosExperiment> experiments() {
        Arbitrary<AppInfo> app = Combinators.combine(Arbitraries.oneOf(word(), Arbitraries.just("")), word(), word(),
                        Arbitraries.of("deployment", "statefulset", ""))
                .as((ns, k, v, kind) -> new AppInfo(ns, "app=" + k + ",tier=" + v, kind));
        Arbitrary<List<Fault>> faults = fault().list().ofMinSize(1).ofMaxSize(3);
        Arbitrary<SteadyStateHypothesis> hypothesis = Arbitraries.integers().between(0, 4).flatMap(n -> {
            List<Arbitrary<Tolerance>> ts = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ts.add(tolerance(i));
            }
            return Combinators.combine(ts).as(SteadyStateHypothesis::new);
        });
        Arbitrary<ChaosExperiment> targeted = Combinators.combine(word(), app, word(), Arbitraries.of(EngineState.class),
                        Arbitraries.of(CleanupPolicy.class), faults, hypothesis, extra("root", "metadata", "spec", "appinfo"))
                .as(ChaosExperiment::new);
        Arbitrary<ChaosExperiment> infra = Combinators.combine(word(), Arbitraries.of("", "sa"), faults, hypothesis,
                        extra("root", "metadata", "spec"))
                .as((name, sa, fs, h, x) -> new ChaosExperiment(name, AppInfo.NONE, sa, EngineState.ACTIVE,
                        CleanupPolicy.RETAIN, fs, h, x));
        return Arbitraries.oneOf(targeted, infra);
    }
}
