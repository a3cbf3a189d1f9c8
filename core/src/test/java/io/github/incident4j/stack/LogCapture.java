package io.github.incident4j.stack;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Captures what slf4j-simple (the tests' logging backend, which writes to the current {@code System.err}) logs while
 * it is open, so a test can check that a failure was logged at ERROR.
 */
public final class LogCapture implements AutoCloseable {

    private final PrintStream original = System.err;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    private LogCapture() {
        System.setErr(new PrintStream(new TeeStream(), true, StandardCharsets.UTF_8));
    }

    /** Starts capturing. */
    public static LogCapture start() {
        return new LogCapture();
    }

    /** The lines logged so far. */
    public synchronized List<String> lines() {
        return buffer.toString(StandardCharsets.UTF_8).lines().toList();
    }

    /** The lines logged at ERROR so far. */
    public List<String> errors() {
        return lines().stream().filter(l -> l.contains("ERROR ") || l.startsWith("[") && l.contains("] ERROR")).toList();
    }

    @Override
    public void close() {
        System.setErr(original);
    }

    private final class TeeStream extends java.io.OutputStream {
        @Override
        public void write(int b) {
            synchronized (LogCapture.this) {
                buffer.write(b);
            }
            original.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (LogCapture.this) {
                buffer.write(b, off, len);
            }
            original.write(b, off, len);
        }
    }
}
