package io.github.incident4j.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("The reader scaling benchmark's inputs and report")
class ReaderScalingInputsTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(ReaderScalingBench.Reader.class)
    @DisplayName("each reader reads its inputs of n and 2n characters, which grow by the reader's repeated part")
    void inputsRead(ReaderScalingBench.Reader reader) {
        String n = reader.input(ReaderScalingBench.N);
        String twoN = reader.input(2 * ReaderScalingBench.N);
        assertThat(n.length()).isBetween(ReaderScalingBench.N, ReaderScalingBench.N + 400);
        assertThat(twoN.length()).isBetween(2 * ReaderScalingBench.N, 2 * ReaderScalingBench.N + 400);
        assertThat(reader.parse(n)).isNotNull();
        assertThat(reader.parse(twoN)).isNotNull();
        assertThat(reader.parse(twoN)).isNotEqualTo(reader.parse(n));
    }

    @Test
    @DisplayName("the report divides the time for 2n by the time for n and holds it to 2.5x")
    void report() {
        Map<ReaderScalingBench.Reader, Map<Integer, double[]>> scores = new EnumMap<>(ReaderScalingBench.Reader.class);
        scores.put(ReaderScalingBench.Reader.OnCallYaml, new TreeMap<>(Map.of(200_000, new double[] {10, 1},
                400_000, new double[] {21, 2})));
        scores.put(ReaderScalingBench.Reader.EscalationMatrixText, new TreeMap<>(Map.of(200_000, new double[] {10, 1},
                400_000, new double[] {40, 2})));
        assertThat(ReaderScaling.table(scores).lines()).containsExactly(
                "| Reader | n (characters) | time for n | time for 2n | ratio | target | met |",
                "|---|---|---|---|---|---|---|",
                "| OnCallYaml | 200,000 | 10.000 ms ± 10% | 21.000 ms ± 10% | 2.10× | ≤ 2.5× | yes |",
                "| EscalationMatrixText | 200,000 | 10.000 ms ± 10% | 40.000 ms ± 5% | 4.00× | ≤ 2.5× | no |");
    }
}
