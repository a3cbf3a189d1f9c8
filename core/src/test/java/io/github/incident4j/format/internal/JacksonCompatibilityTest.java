package io.github.incident4j.format.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The Jackson on a host's classpath is checked before the YAML readers touch it")
class JacksonCompatibilityTest {

    static Map<String, @Nullable String> versions(@Nullable String core, @Nullable String databind,
            @Nullable String yaml, @Nullable String annotations) {
        Map<String, @Nullable String> m = new LinkedHashMap<>();
        m.put("tools.jackson.core:jackson-core", core);
        m.put("tools.jackson.core:jackson-databind", databind);
        m.put("tools.jackson.dataformat:jackson-dataformat-yaml", yaml);
        m.put("com.fasterxml.jackson.core:jackson-annotations", annotations);
        return m;
    }

    @Test
    @DisplayName("this build's own classpath passes, and require() returns")
    void ownClasspath() {
        assertThat(JacksonCompatibility.problem(JacksonCompatibility.found(getClass().getClassLoader()))).isEmpty();
        JacksonCompatibility.require();
    }

    @Test
    @DisplayName("Spring Boot 4.0's Jackson 3.1 with annotations 2.21 passes")
    void boot4() {
        assertThat(JacksonCompatibility.problem(versions("3.1.4", "3.1.4", "3.1.4", "2.21"))).isEmpty();
        assertThat(JacksonCompatibility.problem(versions("3.0.0", "3.0.0", "3.0.0", "2.20"))).isEmpty();
    }

    @Test
    @DisplayName("Spring Boot 3.5's annotations 2.19 under Jackson 3.3 names both versions and the one-line fix")
    void boot35() {
        assertThat(JacksonCompatibility.problem(versions("3.3.0", "3.3.0", "3.3.0", "2.19.2"))).get().asString()
                .contains("jackson-annotations 2.19.2 is too old: Jackson 3.3.0 needs 2.23 or later")
                .contains("import tools.jackson:jackson-bom:3.3.0")
                .contains("BEFORE spring-boot-dependencies");
    }

    @Test
    @DisplayName("mixed minors, a missing artifact and a Jackson older than the minimum are each named")
    void otherProblems() {
        assertThat(JacksonCompatibility.problem(versions("3.1.4", "3.3.0", "3.3.0", "2.23"))).get().asString()
                .contains("jackson-core 3.1.4 does not match jackson-databind 3.3.0");
        assertThat(JacksonCompatibility.problem(versions("3.3.0", "3.3.0", null, "2.23"))).get().asString()
                .contains("tools.jackson.dataformat:jackson-dataformat-yaml is not on the classpath");
        assertThat(JacksonCompatibility.problem(versions("3.3.0", "3.3.0", "3.3.0", null))).get().asString()
                .contains("jackson-annotations is not on the classpath");
        assertThat(JacksonCompatibility.problem(versions("3.0.0-rc9", "3.0.0-rc9", "3.0.0-rc9", "2.20")))
                .isEmpty(); // a pre-release of 3.0.0 reads as 3.0.0: the floor is about API, not qualifiers
        assertThat(JacksonCompatibility.parse("2.19.2")).containsExactly(2, 19, 2);
        assertThat(JacksonCompatibility.parse("2.20")).containsExactly(2, 20, 0);
    }
}
