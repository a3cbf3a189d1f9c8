package io.github.incident4j.examples.stack;

import io.github.incident4j.Incident4jException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the real servers' binaries: on the {@code PATH}, else in {@code /usr/bin} (where Debian's {@code prometheus}
 * and {@code prometheus-alertmanager} packages put {@code prometheus}, {@code promtool} and
 * {@code prometheus-alertmanager}). A missing binary is an error that names the install command; nothing is skipped.
 */
public final class ServerBinaries {

    /** The command that installs every binary this package starts (what {@code .ci/run} runs when one is missing). */
    public static final String INSTALL = "apt-get update && apt-get install -y --no-install-recommends prometheus "
            + "prometheus-alertmanager";

    private ServerBinaries() {
    }

    /** A binary was not found. */
    public static final class MissingServerException extends Incident4jException {
        private static final long serialVersionUID = 1L;

        MissingServerException(String message) {
            super(message);
        }
    }

    /**
     * The path of a binary.
     *
     * @throws MissingServerException naming the binary, where it was looked for, and the install command
     */
    public static Path find(String name) {
        List<Path> tried = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isBlank()) {
                    tried.add(Path.of(dir, name));
                }
            }
        }
        tried.add(Path.of("/usr/bin", name));
        for (Path p : tried) {
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        throw new MissingServerException("'" + name + "' is not installed (looked on the PATH and in /usr/bin). These "
                + "tests run the real Prometheus and Alertmanager; install them with: " + INSTALL
                + "  (.ci/run does this on CI)");
    }
}
