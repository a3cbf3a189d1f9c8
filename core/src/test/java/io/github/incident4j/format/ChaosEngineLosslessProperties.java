package io.github.incident4j.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.chaos.ChaosExperiment;
import io.github.incident4j.chaos.Fault;
import io.github.incident4j.chaos.Probe;
import io.github.incident4j.chaos.ProbeInputs;
import io.github.incident4j.chaos.ProbeMode;
import io.github.incident4j.format.internal.YamlSource;
import io.github.incident4j.format.internal.YamlSpan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

@Label("ChaosEngineYaml writes back what it read, and an edit changes only its own lines")
class ChaosEngineLosslessProperties {

    @Provide
    Arbitrary<String> fixtures() {
        return Arbitraries.of(LitmusFixtures.names());
    }

    @Provide
    Arbitrary<String> values() {
        Arbitrary<String> text = Arbitraries.strings().withChars("abcXYZ0129 -_:#'\"\\/.,{}[]&*!|>%@`?~é\uD83D")
                .ofMinLength(0).ofMaxLength(14).map(s -> s.replace("\uD83D", "\uD83D\uDE00"));
        Arbitrary<String> tricky = Arbitraries.of("900", "true", "False", "null", "~", "", "5-10", "15m", "a: b",
                "# not a comment", "line one\nline two", "trailing\n", " padded ", "tab\there", "0x1F", "2024-01-01");
        return Arbitraries.oneOf(text, tricky);
    }

    @Property(tries = 100)
    @Label("every fixture renders back byte for byte")
    void unchanged(@ForAll("fixtures") String name) {
        String text = LitmusFixtures.text(name);
        assertThat(ChaosEngineYaml.render(ChaosEngineYaml.parse(text))).isEqualTo(text);
    }

    @Property(tries = 400)
    @Label("a fixture with characters cut, repeated or inserted reads back byte for byte or is a located FormatException")
    void mangled(@ForAll("fixtures") String name, @ForAll @IntRange(min = 0, max = 100_000) int at,
                 @ForAll @IntRange(min = 1, max = 40) int length, @ForAll @IntRange(min = 0, max = 3) int how,
                 @ForAll("values") String inserted) {
        String text = LitmusFixtures.text(name);
        int from = at % text.length();
        int to = Math.min(text.length(), from + length);
        String mangled = switch (how) {
            case 0 -> text.substring(0, from) + text.substring(to);
            case 1 -> text.substring(0, to) + text.substring(from, to) + text.substring(to);
            case 2 -> text.substring(0, from) + inserted + text.substring(from);
            default -> text.substring(0, from) + text.substring(from, to).replace(' ', '\t') + text.substring(to);
        };
        ChaosExperiment e;
        try {
            e = ChaosEngineYaml.parse(mangled);
        } catch (FormatException x) {
            assertThat(x.line()).as(x.getMessage()).isGreaterThanOrEqualTo(1);
            return;
        }
        assertThat(ChaosEngineYaml.render(e)).isEqualTo(mangled);
        assertThat(ChaosEngineYaml.lint(mangled)).allSatisfy(f -> assertThat(f.line()).isPositive());
    }

    @Property(tries = 300)
    @Label("changing one env value rewrites only that value's lines")
    void envEdit(@ForAll("fixtures") String name, @ForAll @IntRange(min = 0, max = 1000) int pick,
                 @ForAll("values") String value) {
        String text = LitmusFixtures.text(name);
        ChaosExperiment e = ChaosEngineYaml.parse(text);
        int[] slot = pick(e, pick, f -> f.env().size());
        Fault fault = e.faults().get(slot[0]);
        String key = new ArrayList<>(fault.env().keySet()).get(slot[1]);
        Assume.that(!fault.env().get(key).equals(value));
        ChaosExperiment edited = replaceFault(e, slot[0], fault.toBuilder().env(key, value).build());

        String out = ChaosEngineYaml.render(edited);

        assertThat(ChaosEngineYaml.parse(out)).isEqualTo(edited);
        YamlSpan root = root(text);
        YamlSpan entry = at(root, "spec", "experiments", "#" + slot[0], "spec", "components", "env", "@" + key);
        YamlSpan valueNode = ((YamlSpan.Mapping) entry).get("value").orElse(entry);
        assertOnlyLinesOf(text, out, valueNode);
    }

    @Property(tries = 300)
    @Label("changing one probe field rewrites only that field's lines")
    void probeEdit(@ForAll("fixtures") String name, @ForAll @IntRange(min = 0, max = 1000) int pick,
                   @ForAll @IntRange(min = 0, max = 3) int field, @ForAll @IntRange(min = 1, max = 5400) int seconds,
                   @ForAll("values") String value) {
        String text = LitmusFixtures.text(name);
        ChaosExperiment e = ChaosEngineYaml.parse(text);
        int[] slot = pick(e, pick, f -> f.probes().size());
        Fault fault = e.faults().get(slot[0]);
        Probe probe = fault.probes().get(slot[1]);
        Probe changed;
        String[] path;
        switch (field) {
            case 0 -> {
                changed = new Probe(probe.name(), probe.inputs(), probe.mode(),
                        probe.runProperties().withInterval(Duration.ofSeconds(seconds)), probe.extra());
                path = new String[] {"runProperties", "interval"};
            }
            case 1 -> {
                ProbeMode mode = ProbeMode.values()[seconds % ProbeMode.values().length];
                changed = new Probe(probe.name(), probe.inputs(), mode, probe.runProperties(), probe.extra());
                path = new String[] {"mode"};
            }
            case 2 -> {
                changed = new Probe(probe.name(), probe.inputs(), probe.mode(),
                        probe.runProperties().withProbeTimeout(Duration.ofMillis(seconds * 250L)), probe.extra());
                path = new String[] {"runProperties", "probeTimeout"};
            }
            default -> {
                ProbeInputs in = probe.inputs();
                Assume.that(!value.isBlank());
                if (in instanceof ProbeInputs.Http h) {
                    changed = withInputs(probe, new ProbeInputs.Http(value, h.method(), h.criteria(), h.responseCode(),
                            h.body(), h.bodyPath(), h.contentType(), h.responseTimeout(), h.insecureSkipVerify()));
                    path = new String[] {"httpProbe/inputs", "url"};
                } else if (in instanceof ProbeInputs.Prom p) {
                    changed = withInputs(probe, new ProbeInputs.Prom(value, p.query(), p.queryPath(), p.comparator()));
                    path = new String[] {"promProbe/inputs", "endpoint"};
                } else if (in instanceof ProbeInputs.Cmd c) {
                    changed = withInputs(probe, new ProbeInputs.Cmd(value, c.comparator(), c.source()));
                    path = new String[] {"cmdProbe/inputs", "command"};
                } else {
                    ProbeInputs.K8s k = (ProbeInputs.K8s) in;
                    changed = withInputs(probe, new ProbeInputs.K8s(k.group(), k.version(), k.resource(), value,
                            k.fieldSelector(), k.labelSelector(), k.operation(), k.resourceNames()));
                    path = new String[] {"k8sProbe/inputs", "namespace"};
                }
            }
        }
        Assume.that(!changed.equals(probe));
        List<Probe> probes = new ArrayList<>(fault.probes());
        probes.set(slot[1], changed);
        ChaosExperiment edited = replaceFault(e, slot[0], new Fault(fault.name(), fault.env(), probes, fault.extra()));

        String out = ChaosEngineYaml.render(edited);

        assertThat(ChaosEngineYaml.parse(out)).isEqualTo(edited);
        YamlSpan root = root(text);
        YamlSpan probeNode = at(root, "spec", "experiments", "#" + slot[0], "spec", "probe", "@" + probe.name());
        YamlSpan node = probeNode;
        for (String step : path) {
            if (node.alias() != null || !(node instanceof YamlSpan.Mapping m) || m.get(step).isEmpty()) {
                break; // an alias is rewritten whole; a missing field is inserted into what holds it
            }
            node = m.get(step).get();
        }
        if (!text.contains(": *")) {
            // with aliases, the places that referred to a changed anchor get a copy of it too
            assertOnlyLinesOf(text, out, node);
        }
    }

    @Property(tries = 100)
    @Label("rendering an edited manifest writes at most a small multiple of the input and the edit")
    void bounded(@ForAll("fixtures") String name, @ForAll("values") String value) {
        String text = LitmusFixtures.text(name);
        ChaosExperiment e = ChaosEngineYaml.parse(text);
        Fault f = e.faults().get(0);
        ChaosExperiment edited = replaceFault(e, 0, f.toBuilder().env("TOTAL_CHAOS_DURATION", value)
                .env("EXTRA_" + Math.abs(value.hashCode()), value).build());
        String out = ChaosEngineYaml.render(edited);
        assertThat(out.length()).isLessThanOrEqualTo(text.length() + 12 * value.length() + 200);
        String canonical = ChaosEngineYaml.render(edited.withSource(null));
        assertThat(canonical.length()).isLessThanOrEqualTo(4 * text.length() + 12 * value.length() + 200);
    }

    // ------------------------------------------------------------------ helpers

    /** One {fault, index} of the parts {@code count} gives per fault, chosen by {@code pick}; none skips the try. */
    private static int[] pick(ChaosExperiment e, int pick, java.util.function.ToIntFunction<Fault> count) {
        List<int[]> slots = new ArrayList<>();
        for (int f = 0; f < e.faults().size(); f++) {
            for (int i = 0; i < count.applyAsInt(e.faults().get(f)); i++) {
                slots.add(new int[] {f, i});
            }
        }
        Assume.that(!slots.isEmpty());
        return slots.get(pick % slots.size());
    }

    private static Probe withInputs(Probe p, ProbeInputs in) {
        return new Probe(p.name(), in, p.mode(), p.runProperties(), p.extra());
    }

    private static ChaosExperiment replaceFault(ChaosExperiment e, int i, Fault f) {
        List<Fault> faults = new ArrayList<>(e.faults());
        faults.set(i, f);
        return e.toBuilder().faults(faults).build();
    }

    private static YamlSpan root(String text) {
        YamlSource src = YamlSource.parse(text);
        for (YamlSource.Document d : src.documents()) {
            if (d.root() instanceof YamlSpan.Mapping m && m.get("kind").orElse(null) instanceof YamlSpan.Scalar k
                    && k.value().equals("ChaosEngine")) {
                return m;
            }
        }
        throw new AssertionError("no ChaosEngine document");
    }

    /** Walks keys, {@code #n} list indexes and {@code @name} named list items. */
    private static YamlSpan at(YamlSpan root, String... path) {
        YamlSpan n = root;
        for (String step : path) {
            if (step.startsWith("#")) {
                n = ((YamlSpan.Sequence) n).items().get(Integer.parseInt(step.substring(1)));
            } else if (step.startsWith("@")) {
                String want = step.substring(1);
                n = ((YamlSpan.Sequence) n).items().stream().filter(i -> i instanceof YamlSpan.Mapping m
                        && m.get("name").orElse(null) instanceof YamlSpan.Scalar s && s.value().equals(want))
                        .findFirst().orElseThrow();
            } else {
                n = ((YamlSpan.Mapping) n).get(step).orElseThrow();
            }
        }
        return n;
    }

    /**
     * The lines that differ between {@code before} and {@code after} are lines of {@code node} (the value rewritten,
     * or what holds a value that was not written), or an insertion inside it.
     */
    private static void assertOnlyLinesOf(String before, String after, YamlSpan node) {
        List<String> a = before.lines().toList();
        List<String> b = after.lines().toList();
        int prefix = 0;
        while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.size() - prefix && suffix < b.size() - prefix
                && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
            suffix++;
        }
        int firstChanged = prefix + 1;               // 1-based, in the old text
        int lastChanged = a.size() - suffix;         // 1-based, inclusive; below firstChanged for a pure insertion
        YamlSource src = YamlSource.parse(before);
        int first = node.line();
        int last = src.lineOf(Math.max(node.start(), node.end() - 1));
        String context = "lines " + first + "-" + last + " of\n" + before + "\n---\n" + after;
        if (lastChanged >= firstChanged) {
            assertThat(firstChanged).as(context).isGreaterThanOrEqualTo(first);
            assertThat(lastChanged).as(context).isLessThanOrEqualTo(last);
        } else {
            assertThat(firstChanged).as(context).isBetween(first, last + 1);
        }
    }
}
