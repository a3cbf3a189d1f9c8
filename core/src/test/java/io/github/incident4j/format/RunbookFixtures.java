package io.github.incident4j.format;

import io.github.incident4j.runbook.Runbook;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The runbook fixtures in {@code src/test/resources/runbooks}: real-world layouts, read byte for byte. */
final class RunbookFixtures {

    /** A fixture: its path under {@code runbooks/} and its exact text. */
    record Fixture(String name, String text) {
        /** The name a runbook without a title gets: the file's name without its extension. */
        String baseName() {
            String file = name.substring(name.lastIndexOf('/') + 1);
            return file.endsWith(".md") ? file.substring(0, file.length() - 3) : file;
        }

        Runbook parse() {
            return RunbookMarkdown.parse(text, baseName());
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static List<Fixture> all;

    private RunbookFixtures() {
    }

    static synchronized List<Fixture> all() {
        if (all == null) {
            try {
                Path root = Path.of(RunbookFixtures.class.getResource("/runbooks").toURI());
                try (Stream<Path> files = Files.walk(root)) {
                    all = files.filter(p -> p.toString().endsWith(".md")).sorted()
                            .map(p -> new Fixture(root.relativize(p).toString().replace('\\', '/'), read(p))).toList();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return all;
    }

    private static String read(Path p) {
        try {
            return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
