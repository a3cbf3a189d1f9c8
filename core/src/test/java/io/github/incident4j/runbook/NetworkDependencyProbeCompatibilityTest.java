package io.github.incident4j.runbook;

import com.sun.net.httpserver.HttpServer;
import io.github.incident4j.spi.DependencyProbe;
import io.github.incident4j.spi.kit.DependencyProbeCompatibilityKit;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import redis.embedded.RedisServer;

/** The network probe runs the kit against real servers on loopback: PostgreSQL, Redis and a JDK HTTP server. */
@DisplayName("NetworkDependencyProbe passes the DependencyProbe compatibility kit against real servers")
class NetworkDependencyProbeCompatibilityTest extends DependencyProbeCompatibilityKit {

    private static final String LOOPBACK = "127.0.0.1";
    private static EmbeddedPostgres postgres;
    private static RedisServer redis;
    private static int redisPort;
    private static HttpServer http;

    @BeforeAll
    static void startServers() throws IOException {
        postgres = EmbeddedPostgres.start();
        redisPort = freePort();
        redis = RedisServer.newRedisServer().port(redisPort).bind(LOOPBACK).build();
        redis.start();
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        for (int status : new int[] {200, 302, 404, 503}) {
            http.createContext("/" + status, exchange -> {
                if (status == 302) {
                    exchange.getResponseHeaders().add("Location", "/503");
                }
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
        }
        http.start();
    }

    @AfterAll
    static void stopServers() throws IOException {
        http.stop(0);
        redis.stop();
        postgres.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    protected DependencyProbe probe() {
        return NetworkDependencyProbe.withDefaultTimeout(TIMEOUT);
    }

    @Override
    protected Endpoint runningPostgres() {
        return new Endpoint(LOOPBACK, postgres.getPort());
    }

    @Override
    protected Endpoint runningRedis() {
        return new Endpoint(LOOPBACK, redisPort);
    }

    @Override
    protected URI answering(int status) {
        return URI.create("http://" + LOOPBACK + ":" + http.getAddress().getPort() + "/" + status);
    }

    @Override
    protected Endpoint nothingListening() {
        try {
            return new Endpoint(LOOPBACK, freePort());
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
