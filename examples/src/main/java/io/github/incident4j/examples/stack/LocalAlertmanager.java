package io.github.incident4j.examples.stack;

import io.github.incident4j.Incident4jException;
import io.github.incident4j.format.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real Alertmanager ({@code prometheus-alertmanager} from Debian's package) on a free loopback port, clustering
 * off, its state in a work folder, configured with a webhook receiver, and a client for its {@code /api/v2/alerts}
 * (the API Prometheus itself posts alerts to).
 */
public final class LocalAlertmanager implements AutoCloseable {

    private final LocalProcess process;
    private final HttpClient client = HttpClient.newHttpClient();

    private LocalAlertmanager(Path dir, String configYaml) {
        Path workDir = dir.toAbsolutePath();
        Path config = workDir.resolve("alertmanager.yml");
        int port = LocalProcess.freePort();
        try {
            LocalPrometheus.deleteRecursively(workDir);
            Files.createDirectories(workDir);
            Files.writeString(config, configYaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        process = new LocalProcess("alertmanager", List.of(ServerBinaries.find("prometheus-alertmanager").toString(),
                "--config.file=" + config, "--storage.path=" + workDir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=", "--log.level=warn"), workDir, port);
    }

    /** Starts Alertmanager with this configuration. */
    public static LocalAlertmanager start(Path workDir, String configYaml) {
        return new LocalAlertmanager(workDir, configYaml);
    }

    /**
     * A configuration whose root route sends every alert to one webhook receiver (with a bearer token and resolved
     * notifications), flushing groups within a second, and a child route for {@code alertname="Watchdog"} that repeats
     * its notification every second, so the always-firing Watchdog beats like a heartbeat.
     */
    public static String webhookConfig(URI receiver, String bearerToken) {
        return """
                route:
                  receiver: incident4j
                  group_by: ['alertname', 'service']
                  group_wait: 0s
                  group_interval: 1s
                  repeat_interval: 1h
                  routes:
                    - matchers: ['alertname="Watchdog"']
                      receiver: incident4j
                      group_interval: 1s
                      repeat_interval: 1s
                receivers:
                  - name: incident4j
                    webhook_configs:
                      - url: '%s'
                        send_resolved: true
                        http_config:
                          authorization:
                            type: Bearer
                            credentials: '%s'
                """.formatted(receiver, bearerToken);
    }

    /** The base URL. */
    public URI url() {
        return process.base();
    }

    /** The last lines of Alertmanager's log. */
    public String log() {
        return process.tail();
    }

    /**
     * Posts one alert to {@code /api/v2/alerts}, as Prometheus does.
     *
     * @param endsAt when it ends: in the future for a firing alert (Prometheus sends now + 4 evaluation intervals),
     *     now or earlier to resolve it
     */
    public void post(Map<String, String> labels, Map<String, String> annotations, Instant startsAt, Instant endsAt) {
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("labels", labels);
        alert.put("annotations", annotations);
        alert.put("startsAt", startsAt.toString());
        alert.put("endsAt", endsAt.toString());
        alert.put("generatorURL", "http://prometheus.example:9090/graph");
        String body = Json.write(List.of(alert));
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(url().resolve("api/v2/alerts"))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new Incident4jException("Alertmanager refused the alert with " + r.statusCode() + ": " + r.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Incident4jException("interrupted while posting an alert", e);
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
