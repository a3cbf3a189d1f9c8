package io.github.incident4j.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.format.RunbookMarkdown;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The runbook Markdown benchmark's inputs")
class RunbookParseBaselineTest {

    @Test
    @DisplayName("are 1,000 distinct seed-size runbooks, each read with its own service")
    void inputs() {
        String[] texts = RunbookParseBenchmark.texts(RunbookParseBenchmark.RUNBOOKS);

        assertThat(texts).hasSize(1_000).doesNotHaveDuplicates();
        assertThat(texts[7].length()).isBetween(RunbookParseBenchmark.seed().length() - 50,
                RunbookParseBenchmark.seed().length() + 50);
        assertThat(RunbookMarkdown.parse(texts[7]).service()).isEqualTo("service-7");
        assertThat(RunbookMarkdown.parse(texts[999]).service()).isEqualTo("service-999");
    }
}
