package io.github.incident4j.format;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The ChaosEngine manifests under {@code src/test/resources/litmus}, modelled on Litmus's hub and docs. */
final class LitmusFixtures {

    private LitmusFixtures() {
    }

    /** The file names, sorted. */
    static List<String> names() {
        try (Stream<Path> files = Files.list(Path.of(LitmusFixtures.class.getResource("/litmus").toURI()))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fixture's text, exactly as stored. */
    static String text(String name) {
        try (var in = LitmusFixtures.class.getResourceAsStream("/litmus/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
