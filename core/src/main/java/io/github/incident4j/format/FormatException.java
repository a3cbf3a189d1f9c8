package io.github.incident4j.format;

import io.github.incident4j.Incident4jException;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A document could not be read. Says where: {@link #line()} and {@link #column()} are 1-based, or -1
 * when unknown. A reader that found several problems in one file reports all of them in
 * {@link #problems()}; {@code line()} and {@code column()} are those of the first.
 *
 * <pre>{@code
 * try {
 *     OnCallYaml.parse(text);
 * } catch (FormatException e) {
 *     System.err.println("rotation.yaml:" + e.line() + ":" + e.column() + ": " + e.getMessage());
 * }
 * }</pre>
 */
public class FormatException extends Incident4jException {

    private static final long serialVersionUID = 1L;

    /**
     * One problem at a place in the document.
     *
     * @param line 1-based line, or -1
     * @param column 1-based column, or -1
     * @param message what is wrong, naming the field and value where there is one
     */
    public record Problem(int line, int column, String message) {
        /** Validates the parts. */
        public Problem {
            Objects.requireNonNull(message, "message");
            line = line < 1 ? -1 : line;
            column = column < 1 ? -1 : column;
        }

        @Override
        public String toString() {
            if (line < 1) {
                return message;
            }
            return "line " + line + (column > 0 ? ", column " + column : "") + ": " + message;
        }
    }

    private final transient List<Problem> problems;

    /** A single problem at a line and column (1-based; -1 when unknown). */
    public FormatException(String message, int line, int column) {
        this(List.of(new Problem(line, column, message)), null);
    }

    /** A single problem with the low-level cause that revealed it. */
    public FormatException(String message, int line, int column, @Nullable Throwable cause) {
        this(List.of(new Problem(line, column, message)), cause);
    }

    /** Several problems of one document (at least one). */
    public FormatException(List<Problem> problems) {
        this(problems, null);
    }

    private FormatException(List<Problem> problems, @Nullable Throwable cause) {
        super(message(problems), cause);
        this.problems = List.copyOf(problems);
    }

    /** 1-based line of the (first) problem, or -1 when unknown. */
    public int line() {
        return problems.get(0).line();
    }

    /** 1-based column of the (first) problem, or -1 when unknown. */
    public int column() {
        return problems.get(0).column();
    }

    /** Every problem found, in document order where known. */
    public List<Problem> problems() {
        return problems;
    }

    private static String message(List<Problem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a FormatException needs at least one problem");
        }
        if (problems.size() == 1) {
            return problems.get(0).toString();
        }
        return problems.size() + " problems:" + problems.stream().map(p -> "\n  " + p).collect(Collectors.joining());
    }
}
