package io.github.incident4j.sim;

import io.github.incident4j.spi.DependencyProbe;
import io.github.incident4j.spi.DependencyProbe.Result;
import io.github.incident4j.spi.kit.DependencyProbeCompatibilityKit;
import java.net.URI;
import org.junit.jupiter.api.DisplayName;

@DisplayName("SimulatedDependencies pass the DependencyProbe compatibility kit")
class SimulatedDependenciesCompatibilityTest extends DependencyProbeCompatibilityKit {

    private final SimulatedDependencies deps = SimulatedDependencies.allHealthy()
            .postgresDown("nowhere", 1).redisDown("nowhere", 1)
            .http(URI.create("http://nowhere:1/healthz"), Result.down(SimulatedDependencies.REFUSED))
            .http(URI.create("http://payments/moved"), 302)
            .http(URI.create("http://payments/missing"), 404)
            .http(URI.create("http://payments/broken"), 503);

    @Override
    protected DependencyProbe probe() {
        return deps;
    }

    @Override
    protected Endpoint runningPostgres() {
        return new Endpoint("db", 5432);
    }

    @Override
    protected Endpoint runningRedis() {
        return new Endpoint("cache", 6379);
    }

    @Override
    protected URI answering(int status) {
        return URI.create(switch (status) {
            case 302 -> "http://payments/moved";
            case 404 -> "http://payments/missing";
            case 503 -> "http://payments/broken";
            default -> "http://payments/healthz";
        });
    }

    @Override
    protected Endpoint nothingListening() {
        return new Endpoint("nowhere", 1);
    }
}
