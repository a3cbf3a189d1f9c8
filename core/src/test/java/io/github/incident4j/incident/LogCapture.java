package io.github.incident4j.incident;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Captures what the test logger (slf4j-simple, which writes each line to the current {@code System.err}) prints
 * while it is open, so a test can assert that a failure is logged at ERROR.
 */
final class LogCapture implements AutoCloseable {

    private final PrintStream original = System.err;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    LogCapture() {
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    }

    /** The lines logged at ERROR so far. */
    List<String> errors() {
        return lines().stream().filter(l -> l.contains(" ERROR ")).toList();
    }

    /** Every line logged so far. */
    List<String> lines() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Override
    public void close() {
        System.setErr(original);
        System.err.print(bytes.toString(StandardCharsets.UTF_8));
    }
}
