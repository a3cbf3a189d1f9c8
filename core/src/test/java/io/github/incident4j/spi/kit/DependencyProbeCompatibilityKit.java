package io.github.incident4j.spi.kit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.spi.DependencyProbe;
import io.github.incident4j.spi.DependencyProbe.Result;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What every {@link DependencyProbe} must answer, the real one and a simulation alike: a PostgreSQL accepting
 * connections, a Redis answering {@code PONG}, HTTP 2xx and 3xx up and 4xx and 5xx down with their status (a
 * redirect not followed), and a refused connection down with the same words as {@code pg_isready} and
 * {@code redis-cli}. Extend it with the probe and the endpoints of the world it probes (real servers on loopback
 * for a network probe, the simulation's own names for a simulated one).
 */
public abstract class DependencyProbeCompatibilityKit {

    /** The timeout every probe is given. */
    protected static final Duration TIMEOUT = Duration.ofSeconds(3);

    /** A host and port. */
    public record Endpoint(String host, int port) {
    }

    /** The probe under test. */
    protected abstract DependencyProbe probe();

    /** Where a PostgreSQL accepts connections. */
    protected abstract Endpoint runningPostgres();

    /** Where a Redis answers {@code PING}. */
    protected abstract Endpoint runningRedis();

    /** A URL that answers {@code status} (200, 302 redirecting elsewhere, 404 and 503 are asked for). */
    protected abstract URI answering(int status);

    /** Where nothing listens (connections are refused). */
    protected abstract Endpoint nothingListening();

    @Test
    @DisplayName("a running PostgreSQL is up and accepting connections, every time it is asked")
    void postgresUp() {
        Endpoint pg = runningPostgres();
        for (int i = 0; i < 3; i++) {
            assertThat(probe().postgresReady(pg.host(), pg.port(), TIMEOUT))
                    .isEqualTo(Result.up("accepting connections"));
        }
    }

    @Test
    @DisplayName("a running Redis is up and answers PONG")
    void redisUp() {
        Endpoint redis = runningRedis();
        assertThat(probe().redisPing(redis.host(), redis.port(), TIMEOUT)).isEqualTo(Result.up("PONG"));
    }

    @Test
    @DisplayName("HTTP 2xx and 3xx are up, 4xx and 5xx down, each with its status; a redirect is not followed")
    void httpStatuses() {
        for (int status : new int[] {200, 302, 404, 503}) {
            Result result = probe().httpStatus(answering(status), TIMEOUT);
            assertThat(result.httpStatus()).as("status of %s", status).hasValue(status);
            assertThat(result.up()).as("up for %s", status).isEqualTo(status < 400);
        }
    }

    @Test
    @DisplayName("a refused connection is down, in the words of pg_isready and redis-cli, with no HTTP status")
    void refused() {
        Endpoint none = nothingListening();
        assertThat(probe().postgresReady(none.host(), none.port(), TIMEOUT))
                .isEqualTo(Result.down("no response (connection refused)"));
        assertThat(probe().redisPing(none.host(), none.port(), TIMEOUT)).isEqualTo(Result.down("connection refused"));
        Result http = probe().httpStatus(URI.create("http://" + none.host() + ":" + none.port() + "/healthz"),
                TIMEOUT);
        assertThat(http.up()).isFalse();
        assertThat(http.answer()).isEqualTo("connection refused");
        assertThat(http.httpStatus()).isEmpty();
    }
}
