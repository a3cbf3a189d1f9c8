package io.github.incident4j.spi;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Checks a dependency the way an operator would from a shell: {@code pg_isready}, {@code redis-cli ping},
 * {@code curl -w "%{http_code}"}. A probe never throws for a dependency that is down: it answers with a
 * {@link Result} that says how it answered (refused, timed out, garbage, status code).
 */
public interface DependencyProbe {

    /** PostgreSQL readiness at host:port, judged like {@code pg_isready}. */
    Result postgresReady(String host, int port, Duration timeout);

    /** Redis {@code PING} at host:port. */
    Result redisPing(String host, int port, Duration timeout);

    /** The HTTP status of a GET to the URL. */
    Result httpStatus(URI url, Duration timeout);

    /**
     * How a dependency answered.
     *
     * @param up whether it is up and ready (for HTTP: a 2xx or 3xx status)
     * @param answer what it answered, in the words of the tool it replaces, e.g. {@code accepting connections},
     *     {@code PONG}, {@code 200}, {@code connection refused}, {@code timed out after 2s}
     * @param httpStatus the HTTP status, for HTTP probes that got one
     */
    record Result(boolean up, String answer, OptionalInt httpStatus) {
        /** Validates the parts. */
        public Result {
            Objects.requireNonNull(answer, "answer");
            Objects.requireNonNull(httpStatus, "httpStatus");
        }

        /** An up result. */
        public static Result up(String answer) {
            return new Result(true, answer, OptionalInt.empty());
        }

        /** A down result. */
        public static Result down(String answer) {
            return new Result(false, answer, OptionalInt.empty());
        }
    }
}
