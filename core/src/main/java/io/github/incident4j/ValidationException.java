package io.github.incident4j;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A builder or factory refused its input. Carries every problem found at once, each naming the field
 * (as a path such as {@code layers[1].participants}) and echoing the bad value, so a user fixes all of
 * them in one go instead of one per run.
 *
 * <pre>{@code
 * try {
 *     Schedule.named("").build();
 * } catch (ValidationException e) {
 *     e.problems().forEach(p -> log.warn("{}: {}", p.field(), p.message()));
 * }
 * }</pre>
 */
public class ValidationException extends Incident4jException {

    private static final long serialVersionUID = 1L;

    /**
     * One refused value.
     *
     * @param field path of the field, e.g. {@code layers[0].turnLength}
     * @param value the refused value as text, or {@code null} when it was missing
     * @param message what is wrong with it
     */
    public record Problem(String field, @Nullable String value, String message) {
        /** Validates the parts. */
        public Problem {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String toString() {
            return value == null ? field + ": " + message : field + ": " + message + ", but was '" + value + "'";
        }
    }

    private final transient List<Problem> problems;

    /** Creates an exception for the given problems (at least one). */
    public ValidationException(String subject, List<Problem> problems) {
        super(message(subject, problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ValidationException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** Creates an exception for a single problem. */
    public static ValidationException of(String field, @Nullable Object value, String message) {
        return new ValidationException(field, List.of(new Problem(field, value == null ? null : String.valueOf(value), message)));
    }

    /** Every problem found, in the order they were found. */
    public List<Problem> problems() {
        return problems;
    }

    private static String message(String subject, List<Problem> problems) {
        if (problems.size() == 1) {
            return "invalid " + subject + ": " + problems.get(0);
        }
        return "invalid " + subject + " (" + problems.size() + " problems):"
                + problems.stream().map(p -> "\n  - " + p).collect(Collectors.joining());
    }
}
