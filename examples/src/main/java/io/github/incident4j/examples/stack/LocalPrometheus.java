package io.github.incident4j.examples.stack;

import io.github.incident4j.Incident4jException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus ({@code prometheus} from Debian's package) on a free loopback port, its TSDB in a work folder,
 * optionally filled first with known data through {@code promtool tsdb create-blocks-from openmetrics} (backfill), so
 * queries at the data's instants answer exactly what was written. No scrape jobs: the data is what was backfilled.
 *
 * <pre>{@code
 * try (LocalPrometheus prometheus = LocalPrometheus.withData(Path.of("target/prometheus"), openMetricsText)) {
 *     PrometheusMetricsSource source = PrometheusMetricsSource.at(prometheus.url())...build();
 * }
 * }</pre>
 */
public final class LocalPrometheus implements AutoCloseable {

    private final LocalProcess process;

    private LocalPrometheus(Path dir) {
        Path workDir = dir.toAbsolutePath();
        Path data = workDir.resolve("data");
        Path config = workDir.resolve("prometheus.yml");
        int port = LocalProcess.freePort();
        try {
            Files.writeString(config, "global:\n  scrape_interval: 15s\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        process = new LocalProcess("prometheus", List.of(ServerBinaries.find("prometheus").toString(),
                "--config.file=" + config, "--storage.tsdb.path=" + data, "--web.listen-address=127.0.0.1:" + port,
                "--storage.tsdb.retention.time=100y", "--log.level=warn"), workDir, port);
    }

    /**
     * Backfills the OpenMetrics text into a fresh TSDB under {@code workDir} and starts Prometheus on it.
     *
     * @param openMetrics samples in the OpenMetrics text format, ending with {@code # EOF}
     */
    public static LocalPrometheus withData(Path dir, String openMetrics) {
        Path workDir = dir.toAbsolutePath();
        Path data = workDir.resolve("data");
        try {
            deleteRecursively(workDir);
            Files.createDirectories(data);
            Path input = workDir.resolve("backfill.om");
            Files.writeString(input, openMetrics, StandardCharsets.UTF_8);
            Process p = new ProcessBuilder(ServerBinaries.find("promtool").toString(), "tsdb", "create-blocks-from",
                    "openmetrics", input.toString(), data.toString()).redirectErrorStream(true)
                    .redirectOutput(workDir.resolve("promtool.log").toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new Incident4jException("promtool could not backfill " + input + ": "
                        + Files.readString(workDir.resolve("promtool.log"), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Incident4jException("interrupted while backfilling", e);
        }
        return new LocalPrometheus(workDir);
    }

    /** The base URL ({@code http://127.0.0.1:<port>/}). */
    public URI url() {
        return process.base();
    }

    /** The last lines of Prometheus's log. */
    public String log() {
        return process.tail();
    }

    @Override
    public void close() {
        process.close();
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
