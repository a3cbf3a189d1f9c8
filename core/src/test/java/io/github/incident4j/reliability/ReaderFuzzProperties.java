package io.github.incident4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.format.ChaosEngineYaml;
import io.github.incident4j.format.EscalationMatrixText;
import io.github.incident4j.format.FormatException;
import io.github.incident4j.format.OnCallYaml;
import io.github.incident4j.format.PostmortemMarkdown;
import io.github.incident4j.format.RunbookMarkdown;
import io.github.incident4j.format.internal.YamlTree;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Every reader, fed the seed documents mutated by up to five {@link SeedMutation}s per try: only a located
 * {@link FormatException} may come out, never after more than a second of CPU time. The try count is jqwik's default
 * (1,000); {@code -Djqwik.tries.default=10000} runs ten thousand per reader.
 */
class ReaderFuzzProperties {

    /** Measured in the parsing thread's CPU time, so a machine busy with other builds does not fail it. */
    static final Duration PARSE_LIMIT = Duration.ofSeconds(1);
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();
    private static final java.util.Set<String> WARMED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static String seed(String name) {
        try (InputStream in = ReaderFuzzProperties.class.getResourceAsStream("/seed/" + name)) {
            if (in == null) {
                throw new AssertionError("missing seed " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Reads, and checks what may come out; returns the outcome for jqwik's statistics. */
    static String check(String name, String seed, List<SeedMutation> mutations, Function<String, ?> reader) {
        if (WARMED.add(name)) {
            reader.apply(seed); // class loading and first-use costs are not the parser's speed
        }
        String text = SeedMutation.applyAll(seed, mutations);
        long start = CPU.getCurrentThreadCpuTime();
        String outcome;
        try {
            reader.apply(text);
            outcome = "read";
        } catch (FormatException e) {
            // B6 and B7 in RELIABILITY.md (fixed): a problem without its line fails the property
            assertThat(e.problems()).as("problems of %s", e).isNotEmpty()
                    .as("every problem located: %s", e)
                    .allSatisfy(p -> assertThat(p.line()).isGreaterThanOrEqualTo(1));
            assertThat(e.line()).isGreaterThanOrEqualTo(1);
            outcome = "FormatException";
        } catch (RuntimeException | StackOverflowError e) {
            // B9 in RELIABILITY.md (fixed): an IndexOutOfBoundsException from a reader fails here like any other
            throw new AssertionError(name + " leaked " + e + " for mutations " + mutations, e);
        }
        Duration took = Duration.ofNanos(CPU.getCurrentThreadCpuTime() - start);
        assertThat(took).as("%s parse time for mutations %s", name, mutations).isLessThan(PARSE_LIMIT);
        Statistics.label(name).collect(outcome);
        return outcome;
    }

    @Provide
    Arbitrary<List<SeedMutation>> mutations() {
        return SeedMutation.some();
    }

    @Property
    @Label("a mutated runbook reads, or fails with a located FormatException within a second")
    void runbookMarkdown(@ForAll("mutations") List<SeedMutation> mutations) {
        check("runbook", seed("runbook-template.md"), mutations, RunbookMarkdown::parse);
    }

    @Property
    @Label("a mutated postmortem reads, or fails with a located FormatException within a second")
    void postmortemMarkdown(@ForAll("mutations") List<SeedMutation> mutations) {
        check("postmortem", seed("postmortem-template.md"), mutations, PostmortemMarkdown::parse);
    }

    @Property
    @Label("a mutated on-call YAML reads, or fails with a located FormatException within a second")
    void onCallYaml(@ForAll("mutations") List<SeedMutation> mutations) {
        check("on-call YAML", seed("oncall-rotation.yaml"), mutations, OnCallYaml::parse);
    }

    @Property
    @Label("a mutated ChaosEngine YAML reads, or fails with a located FormatException within a second")
    void chaosEngineYaml(@ForAll("mutations") List<SeedMutation> mutations) {
        check("ChaosEngine YAML", seed("chaos-pod-delete.yaml"), mutations, ChaosEngineYaml::parse);
    }

    @Property
    @Label("a mutated escalation matrix reads, or fails with a located FormatException within a second")
    void escalationMatrixText(@ForAll("mutations") List<SeedMutation> mutations) {
        check("escalation matrix", seed("escalation-matrix.txt"), mutations, EscalationMatrixText::parse);
    }

    @Property
    @Label("a mutated YAML document read by the shared safe YAML tree fails only with a located FormatException")
    void yamlTree(@ForAll("mutations") List<SeedMutation> mutations) {
        check("YAML tree", seed("chaos-pod-delete.yaml"), mutations, YamlTree::parse);
    }
}
