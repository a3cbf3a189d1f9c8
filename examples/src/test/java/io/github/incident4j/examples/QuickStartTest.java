package io.github.incident4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.spi.Page;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class QuickStartTest {

    @Test
    @DisplayName("the README quick start pages the override's Dave, then the engineering lead")
    void quickStartPagesAsTheReadmeSays() {
        assertThat(QuickStart.run()).extracting(Page::recipient, Page::level)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Dave", 1),
                        org.assertj.core.groups.Tuple.tuple("Erin", 2));
    }
}
