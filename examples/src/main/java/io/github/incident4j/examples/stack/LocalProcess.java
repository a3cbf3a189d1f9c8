package io.github.incident4j.examples.stack;

import io.github.incident4j.Incident4jException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server process started on a free loopback port with its data and log in a work folder, ready once its
 * {@code /-/ready} answers 200 (waited on with a deadline), and stopped by {@link #close()}.
 */
class LocalProcess implements AutoCloseable {

    private static final Duration READY_WITHIN = Duration.ofSeconds(60);

    private final String name;
    private final Process process;
    private final Path log;
    private final URI base;

    LocalProcess(String name, List<String> command, Path workDir, int port) {
        this.name = name;
        this.base = URI.create("http://127.0.0.1:" + port + "/");
        this.log = workDir.resolve(name + ".log");
        try {
            Files.createDirectories(workDir);
            process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name + ": " + command, e);
        }
        awaitReady();
    }

    /** A free TCP port on the loopback interface. */
    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server's base URL, ending in {@code /}. */
    URI base() {
        return base;
    }

    private void awaitReady() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new Incident4jException(name + " exited with " + process.exitValue() + " before it was ready; its log:\n"
                        + tail());
            }
            try {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(base.resolve("-/ready"))
                        .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new Incident4jException("interrupted while waiting for " + name, e);
            }
            if (System.nanoTime() > deadline) {
                close();
                throw new Incident4jException(name + " was not ready within " + READY_WITHIN + "; its log:\n" + tail());
            }
            try {
                process.waitFor(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The last lines of the server's log. */
    String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
