package io.github.incident4j.format;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/** The postmortem corpus under {@code src/test/resources/postmortems/}, by file name, read as bytes (CRLF kept). */
final class PostmortemFixtures {

    private static Map<String, String> all;

    private PostmortemFixtures() {
    }

    static synchronized Map<String, String> all() {
        if (all == null) {
            try {
                Path dir = Path.of(PostmortemFixtures.class.getResource("/postmortems").toURI());
                Map<String, String> out = new LinkedHashMap<>();
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                        out.put(f.getFileName().toString(), new String(Files.readAllBytes(f), StandardCharsets.UTF_8));
                    }
                }
                all = java.util.Collections.unmodifiableMap(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (URISyntaxException | NullPointerException e) {
                throw new AssertionError("the postmortem fixtures are missing", e);
            }
        }
        return all;
    }

    static String get(String name) {
        String text = all().get(name);
        if (text == null) {
            throw new AssertionError("no fixture " + name);
        }
        return text;
    }
}
