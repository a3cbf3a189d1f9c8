package io.github.incident4j.examples.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How each reader's time grows with its input (issue 22, "bounded everywhere"): every reader parses a document of
 * about {@code chars} characters and one of twice that, both grown from its seed by repeating the part a real file
 * grows by (participants and overrides, env entries, matrix rows, diagnosis steps, timeline rows and action items).
 * A reader that runs in O(n log n) or better takes at most about 2.5 times as long for 2n as for n; the quadratic
 * duplicate check the matrix had took 4 times as long. {@link ReaderScaling} runs this benchmark and prints the
 * ratios; the inputs are checked to read in {@code ReaderScalingInputsTest}.
 *
 * <p>The sizes stay under every reader's input cap (1,000,000 characters) at 2n.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 3, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 8, time = 1)
public class ReaderScalingBench {

    /** The readers measured, by the name of their class. */
    public enum Reader {
        /** {@code OnCallYaml.parse}: participants and overrides. */
        OnCallYaml(io.github.incident4j.format.OnCallYaml::parse, ReaderScalingBench::onCall),
        /** {@code ChaosEngineYaml.parse}: env entries of the experiment. */
        ChaosEngineYaml(io.github.incident4j.format.ChaosEngineYaml::parse, ReaderScalingBench::chaosEngine),
        /** {@code EscalationMatrixText.parse}: categories (rows) of the box form. */
        EscalationMatrixText(io.github.incident4j.format.EscalationMatrixText::parse, ReaderScalingBench::matrix),
        /** {@code RunbookMarkdown.parse}: diagnosis steps. */
        RunbookMarkdown(io.github.incident4j.format.RunbookMarkdown::parse, ReaderScalingBench::runbook),
        /** {@code PostmortemMarkdown.parse}: timeline rows and action items. */
        PostmortemMarkdown(io.github.incident4j.format.PostmortemMarkdown::parse, ReaderScalingBench::postmortem);

        final Function<String, ?> parse;
        final java.util.function.IntFunction<String> input;

        Reader(Function<String, ?> parse, java.util.function.IntFunction<String> input) {
            this.parse = parse;
            this.input = input;
        }

        /** A document of this reader's format of at least {@code chars} characters (and at most one item more). */
        public String input(int chars) {
            return input.apply(chars);
        }

        /** Reads {@code text}. */
        public Object parse(String text) {
            return parse.apply(text);
        }
    }

    /** The smaller size, n, in characters; the other is 2n. */
    public static final int N = 200_000;

    @Param
    public Reader reader;

    @Param({"200000", "400000"})
    public int chars;

    private String text = "";

    @Setup(Level.Trial)
    public void input() {
        text = reader.input(chars);
        reader.parse(text); // fails the trial at once if the input does not read
    }

    @Benchmark
    public Object parse() {
        return reader.parse(text);
    }

    // ---------------------------------------------------------------- inputs

    static String seed(String name) {
        try (InputStream in = ReaderScalingBench.class.getResourceAsStream("/seed/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the seed " + name + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends {@code item.apply(i)} for i = 0, 1, ... until {@code head}, the items and {@code tail} reach {@code chars}. */
    static String grow(String head, java.util.function.IntFunction<String> item, String tail, int chars) {
        StringBuilder b = new StringBuilder(chars + 256).append(head);
        for (int i = 0; b.length() + tail.length() < chars; i++) {
            b.append(item.apply(i));
        }
        return b.append(tail).toString();
    }

    static String onCall(int chars) {
        String head = "schedule:\n  name: Backend On-Call\n  type: weekly_rotation\n  participants:\n";
        String tail = "  escalation_policy:\n    - level: 1\n      targets: [current_on_call]\n      timeout: 15m\n"
                + "    - level: 2\n      targets: [engineering_lead]\n";
        int people = Math.max(1, chars / 80);
        String participants = grow("", i -> "    - name: Person " + i + "\n      escalation_delay: 15m\n", "",
                chars / 2);
        String overrides = grow("  overrides:\n", i -> String.format(Locale.ROOT,
                "    - who: Person %d\n      from: 2026-03-%02dT09:00\n      until: 2026-03-%02dT17:00\n      reason: swap %d\n",
                i % people, 1 + i % 28, 1 + i % 28, i), "", chars - head.length() - participants.length() - tail.length());
        return head + participants + overrides + tail;
    }

    static String chaosEngine(int chars) {
        String seed = seed("chaos-pod-delete.yaml");
        String force = "              value: 'false'\n";
        int at = seed.indexOf(force) + force.length();
        return grow(seed.substring(0, at), i -> "            - name: NOTE_" + i + "\n              value: 'note " + i + "'\n",
                seed.substring(at), chars);
    }

    static String matrix(int chars) {
        String head = "┌──────────────────────────────────────────────────────┐\n"
                + "│ Category     │ L1 (On-Call)    │ L2 (Lead)    │ L3   │\n"
                + "├──────────────────────────────────────────────────────┤\n";
        String tail = "└──────────────────────────────────────────────────────┘\n";
        return grow(head, i -> String.format(Locale.ROOT, "│ Category %-4d│ Restart/rollback│ Debug fix    │ Arch │\n", i),
                tail, chars);
    }

    static String runbook(int chars) {
        String seed = seed("runbook-template.md");
        String after = "   - Upstream API: `curl -s -o /dev/null -w \"%{http_code}\" https://upstream/health`\n";
        int at = seed.indexOf(after) + after.length();
        return grow(seed.substring(0, at), i -> (5 + i) + ". Check shard " + i
                + ": `kubectl get pods -n production -l shard=" + i + "`\n", seed.substring(at), chars);
    }

    static String postmortem(int chars) {
        String seed = seed("postmortem-template.md");
        String timelineEnd = "| 14:22 | Service recovered, error rate normal       |\n";
        String itemsEnd = "| P3       | Add connection leak detector to CI        | @dev     | 2025-03-01 |\n";
        int t = seed.indexOf(timelineEnd) + timelineEnd.length();
        int a = seed.indexOf(itemsEnd) + itemsEnd.length();
        String events = grow("", i -> String.format(Locale.ROOT, "| %02d:%02d | Event %d observed |\n",
                (14 + i / 60) % 24, i % 60, i), "", chars / 2);
        String middle = seed.substring(t, a);
        String items = grow("", i -> "| P2       | Follow-up action " + i + " | @dev     | 2025-02-15 |\n", "",
                chars - seed.length() - events.length());
        return seed.substring(0, t) + events + middle + items + seed.substring(a);
    }
}
