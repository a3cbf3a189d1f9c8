package io.github.incident4j.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * One in-process run of the {@code incident4j} command: its exit code and what it printed.
 *
 * @param code the exit code
 * @param out standard output
 * @param err standard error
 */
record CliRun(int code, String out, String err) {

    /** The fixed "now" of the tests: Monday 2026-03-02 09:00 UTC, a handoff of the seed rotation. */
    static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

    /** Runs the command with the clock fixed at {@link #NOW}. */
    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Incident4jCli.commandLine(Clock.fixed(NOW, ZoneOffset.UTC))
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Copies the seed document {@code name} from the classpath into {@code dir}. */
    static Path seed(Path dir, String name) {
        try (InputStream in = CliRun.class.getResourceAsStream("/seed/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no seed document " + name);
            }
            Path file = dir.resolve(name);
            Files.write(file, in.readAllBytes());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code text} to {@code dir/name}. */
    static Path write(Path dir, String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
