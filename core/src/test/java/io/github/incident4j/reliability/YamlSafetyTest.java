package io.github.incident4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.incident4j.format.ChaosEngineYaml;
import io.github.incident4j.format.FormatException;
import io.github.incident4j.format.OnCallYaml;
import io.github.incident4j.format.internal.YamlTree;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Unsafe YAML through every YAML reader")
class YamlSafetyTest {

    /** Counts its instantiations: a YAML tag that named it must never create one. */
    public static final class Canary {
        static final AtomicInteger CREATED = new AtomicInteger();

        public Canary() {
            CREATED.incrementAndGet();
        }

        public Canary(String ignored) {
            CREATED.incrementAndGet();
        }
    }

    static final Map<String, Function<String, ?>> READERS = Map.of(
            "YamlTree", YamlTree::parse, "OnCallYaml", OnCallYaml::parse, "ChaosEngineYaml", ChaosEngineYaml::parse);

    @BeforeAll
    static void warmUp() {
        // class loading and first use are not what the one-second limit measures
        READERS.values().forEach(r -> catchThrowable(() -> r.apply(ReaderFuzzProperties.seed("chaos-pod-delete.yaml"))));
    }

    static String aliasBomb() {
        StringBuilder s = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 10; i++) {
            String p = "*a" + (i - 1);
            s.append("a").append(i).append(": &a").append(i).append(" [").append(String.join(", ",
                    java.util.Collections.nCopies(9, p))).append("]\n");
        }
        return s.toString();
    }

    static Stream<Arguments> unsafe() {
        Map<String, String> documents = new java.util.LinkedHashMap<>();
        documents.put("billion laughs (9^10 nodes through aliases)", aliasBomb());
        documents.put("recursive anchor", "a: &a\n  b: *a\n");
        documents.put("recursive anchor in a list", "a: &a [1, *a]\n");
        documents.put("huge scalar (200,000 chars)", "schedule:\n  name: " + "x".repeat(200_000) + "\n");
        documents.put("huge key (200,000 chars)", "x".repeat(200_000) + ": 1\n");
        documents.put("document over the size limit", "# " + "y".repeat(YamlTree.MAX_CHARS) + "\n");
        documents.put("flow nesting 10,000 deep", "[".repeat(10_000) + "]".repeat(10_000));
        documents.put("block nesting 100 deep", nested(100));
        documents.put("two documents", "a: 1\n---\nb: 2\n");
        List<Arguments> args = new java.util.ArrayList<>();
        READERS.forEach((reader, parse) -> documents.forEach((name, text) -> args.add(
                Arguments.of(reader, name, text))));
        return args.stream();
    }

    private static String nested(int depth) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            s.append("  ".repeat(i)).append("k").append(i).append(":\n");
        }
        return s.append("  ".repeat(depth)).append("v\n").toString();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("unsafe")
    @DisplayName("is refused with a located FormatException (how fast: ReaderScalingBench, never a timed test)")
    void refused(String reader, String name, String text) {
        Throwable thrown = catchThrowable(() -> READERS.get(reader).apply(text));
        assertThat(thrown).as("%s on %s", reader, name).isInstanceOf(FormatException.class);
        FormatException e = (FormatException) thrown;
        assertThat(e.line()).as("line of %s", e.getMessage()).isGreaterThanOrEqualTo(1);
        assertThat(e.getMessage()).isNotBlank().hasSizeLessThan(2_000);
    }

    static Stream<Arguments> tags() {
        String canary = Canary.class.getName();
        List<String> documents = List.of(
                "a: !!" + canary + " x\n",
                "a: !<tag:yaml.org,2002:" + canary + "> [x]\n",
                "a: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x\"]]]]\n",
                "schedule: !!" + canary + "\n  name: x\n",
                "!!" + canary + " {}\n");
        List<Arguments> args = new java.util.ArrayList<>();
        READERS.keySet().forEach(reader -> documents.forEach(d -> args.add(Arguments.of(reader, d))));
        return args.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("tags")
    @DisplayName("a tag naming a class instantiates nothing: the text reads as data or fails with a FormatException")
    void tagsInstantiateNothing(String reader, String text) {
        int before = Canary.CREATED.get();
        Throwable thrown = catchThrowable(() -> READERS.get(reader).apply(text));
        assertThat(thrown).satisfiesAnyOf(t -> assertThat(t).isNull(), t -> assertThat(t).isInstanceOf(FormatException.class));
        assertThat(Canary.CREATED.get()).isEqualTo(before);
    }

    @Test
    @DisplayName("flow nesting one level past the limit is refused at line 1 (the location Jackson's limit omits)")
    void nestingLimitIsLocated() {
        Throwable thrown = catchThrowable(() -> YamlTree.parse("a: 1\nb: " + "[".repeat(70) + "]".repeat(70)));
        assertThat(thrown).isInstanceOfSatisfying(FormatException.class, e -> assertThat(e.line()).isEqualTo(2));
    }
}
