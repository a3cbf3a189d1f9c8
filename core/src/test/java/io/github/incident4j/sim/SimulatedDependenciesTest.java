package io.github.incident4j.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.spi.DependencyProbe.Result;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Simulated dependencies answer as they are told and record what was probed. */
@DisplayName("SimulatedDependencies")
class SimulatedDependenciesTest {

    private static final Duration T = Duration.ofSeconds(2);
    private static final URI HEALTH = URI.create("http://payment-service/healthz");

    @Test
    @DisplayName("every dependency is healthy until told otherwise")
    void healthyByDefault() {
        SimulatedDependencies deps = SimulatedDependencies.allHealthy();

        assertThat(deps.postgresReady("db", 5432, T)).isEqualTo(Result.up("accepting connections"));
        assertThat(deps.redisPing("cache", 6379, T)).isEqualTo(Result.up("PONG"));
        assertThat(deps.httpStatus(HEALTH, T).httpStatus()).hasValue(200);
        assertThat(deps.probes()).containsExactly("postgres db:5432", "redis cache:6379", "http " + HEALTH);
    }

    @Test
    @DisplayName("a dependency taken down answers like the real tool, and comes back when restored")
    void downAndUp() {
        SimulatedDependencies deps = SimulatedDependencies.allHealthy().redisDown("cache", 6379).postgresDown("db", 5432);

        assertThat(deps.redisPing("cache", 6379, T)).isEqualTo(Result.down("connection refused"));
        assertThat(deps.redisPing("cache", 6380, T).up()).isTrue();
        assertThat(deps.postgresReady("db", 5432, T).answer()).isEqualTo("no response (connection refused)");

        deps.redisUp("cache", 6379).postgresUp("db", 5432);

        assertThat(deps.redisPing("cache", 6379, T).up()).isTrue();
        assertThat(deps.postgresReady("db", 5432, T).up()).isTrue();
    }

    @Test
    @DisplayName("an HTTP status decides up (2xx, 3xx) or down")
    void httpStatus() {
        SimulatedDependencies deps = SimulatedDependencies.allHealthy().http(HEALTH, 503);

        assertThat(deps.httpStatus(HEALTH, T)).extracting(Result::up, Result::answer).containsExactly(false, "503");
        deps.http(HEALTH, 301);
        assertThat(deps.httpStatus(HEALTH, T).up()).isTrue();
        deps.http(HEALTH, Result.down("timed out after 2s"));
        assertThat(deps.httpStatus(HEALTH, T).httpStatus()).isEmpty();
    }
}
