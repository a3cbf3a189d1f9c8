package io.github.incident4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What a host's runtime classpath gains from incident4j-core is exactly the design's (ARCHITECTURE.md: Jackson 3's
 * YAML format with what it brings, commonmark with GFM tables, slf4j-api, jspecify). The list is written by the
 * dependency plugin during the build ({@code target/runtime-dependencies.txt}); an optional dependency such as
 * Micrometer does not reach hosts and is not counted.
 */
class CoreDependenciesTest {

    @Test
    @DisplayName("the core jar's runtime dependencies are exactly the designed ones")
    void runtimeDependencies() throws IOException {
        List<String> artifacts = Files.readAllLines(Path.of("target", "runtime-dependencies.txt")).stream()
                .map(String::strip)
                .filter(l -> l.matches("[\\w.-]+:[\\w.-]+:jar:.*"))
                .filter(l -> !l.contains("(optional)"))
                .map(l -> l.substring(0, l.indexOf(":jar:")))
                .toList();
        assertThat(artifacts).containsExactlyInAnyOrder(
                "tools.jackson.dataformat:jackson-dataformat-yaml",
                "tools.jackson.core:jackson-databind",
                "tools.jackson.core:jackson-core",
                "com.fasterxml.jackson.core:jackson-annotations",
                "org.snakeyaml:snakeyaml-engine",
                "org.commonmark:commonmark",
                "org.commonmark:commonmark-ext-gfm-tables",
                "org.slf4j:slf4j-api",
                "org.jspecify:jspecify");
    }
}
