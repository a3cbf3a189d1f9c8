package io.github.incident4j.sim;

import io.github.incident4j.spi.DependencyProbe;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Dependencies whose answers a test or demo sets: the simulated {@link DependencyProbe}. Every dependency
 * answers as healthy until told otherwise; answers can change at any time (a Redis goes down mid-incident).
 *
 * <pre>{@code
 * SimulatedDependencies deps = SimulatedDependencies.allHealthy()
 *     .redisDown("payment-redis", 6379);              // answers "connection refused"
 * deps.redisPing("payment-redis", 6379, Duration.ofSeconds(2));   // down, "connection refused"
 * deps.postgresReady("payment-db", 5432, Duration.ofSeconds(2));  // up, "accepting connections"
 * }</pre>
 *
 * <p>Thread-safe. {@link #probes()} lists what was probed, in order, e.g. {@code redis payment-redis:6379}.
 */
public final class SimulatedDependencies implements DependencyProbe {

    /** What a refused connection answers. */
    public static final String REFUSED = "connection refused";

    private final Map<String, Result> answers = new ConcurrentHashMap<>();
    private final List<String> probes = new ArrayList<>();

    private SimulatedDependencies() {
    }

    /** Every dependency up: PostgreSQL accepting connections, Redis answering PONG, HTTP answering 200. */
    public static SimulatedDependencies allHealthy() {
        return new SimulatedDependencies();
    }

    /** Sets how the PostgreSQL at host:port answers. */
    public SimulatedDependencies postgres(String host, int port, Result answer) {
        answers.put(key("postgres", host + ":" + port), Objects.requireNonNull(answer, "answer"));
        return this;
    }

    /** Sets how the Redis at host:port answers. */
    public SimulatedDependencies redis(String host, int port, Result answer) {
        answers.put(key("redis", host + ":" + port), Objects.requireNonNull(answer, "answer"));
        return this;
    }

    /** Sets the HTTP status the URL answers (2xx and 3xx are up). */
    public SimulatedDependencies http(URI url, int status) {
        answers.put(key("http", url.toString()), new Result(status >= 200 && status < 400, String.valueOf(status),
                OptionalInt.of(status)));
        return this;
    }

    /** Sets how the URL answers when it gives no status (refused, timed out). */
    public SimulatedDependencies http(URI url, Result answer) {
        answers.put(key("http", url.toString()), Objects.requireNonNull(answer, "answer"));
        return this;
    }

    /** The PostgreSQL at host:port refuses connections; {@code pg_isready} says "no response". */
    public SimulatedDependencies postgresDown(String host, int port) {
        return postgres(host, port, Result.down("no response (" + REFUSED + ")"));
    }

    /** The Redis at host:port refuses connections. */
    public SimulatedDependencies redisDown(String host, int port) {
        return redis(host, port, Result.down(REFUSED));
    }

    /** Makes the PostgreSQL at host:port healthy again. */
    public SimulatedDependencies postgresUp(String host, int port) {
        answers.remove(key("postgres", host + ":" + port));
        return this;
    }

    /** Makes the Redis at host:port healthy again. */
    public SimulatedDependencies redisUp(String host, int port) {
        answers.remove(key("redis", host + ":" + port));
        return this;
    }

    @Override
    public Result postgresReady(String host, int port, Duration timeout) {
        return answer("postgres", host + ":" + port, Result.up("accepting connections"));
    }

    @Override
    public Result redisPing(String host, int port, Duration timeout) {
        return answer("redis", host + ":" + port, Result.up("PONG"));
    }

    @Override
    public Result httpStatus(URI url, Duration timeout) {
        return answer("http", url.toString(), new Result(true, "200", OptionalInt.of(200)));
    }

    /** What was probed, in order: {@code postgres host:port}, {@code redis host:port}, {@code http URL}. */
    public List<String> probes() {
        synchronized (probes) {
            return List.copyOf(probes);
        }
    }

    private Result answer(String kind, String target, Result healthy) {
        String key = key(kind, target);
        synchronized (probes) {
            probes.add(key);
        }
        return answers.getOrDefault(key, healthy);
    }

    private static String key(String kind, String target) {
        return kind + " " + target;
    }
}
