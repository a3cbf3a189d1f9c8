package io.github.incident4j.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.github.incident4j.ValidationException;
import io.github.incident4j.spi.DependencyProbe.Result;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import redis.embedded.RedisServer;

/** The network probe against real servers started here, and against misbehaving fake ones. */
@DisplayName("NetworkDependencyProbe")
class NetworkDependencyProbeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final Duration SHORT = Duration.ofMillis(300);
    private static final String LOOPBACK = "127.0.0.1";

    private final NetworkDependencyProbe probe = NetworkDependencyProbe.withDefaultTimeout(TIMEOUT);

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @DisplayName("against a real PostgreSQL")
    class Postgres {
        private EmbeddedPostgres postgres;

        @BeforeAll
        void start() throws IOException {
            postgres = EmbeddedPostgres.start();
        }

        @AfterAll
        void stop() throws IOException {
            postgres.close();
        }

        @Test
        @DisplayName("a running server is accepting connections")
        void running() {
            Result result = probe.postgresReady(LOOPBACK, postgres.getPort(), TIMEOUT);
            assertThat(result.up()).isTrue();
            assertThat(result.answer()).isEqualTo("accepting connections");
        }

        @Test
        @DisplayName("the probe can be repeated: it leaves no connection hanging")
        void repeated() {
            for (int i = 0; i < 5; i++) {
                assertThat(probe.postgresReady(LOOPBACK, postgres.getPort()).up()).isTrue();
            }
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @DisplayName("against a real Redis")
    class Redis {
        private RedisServer open;
        private RedisServer withPassword;
        private int openPort;
        private int passwordPort;

        @BeforeAll
        void start() throws IOException {
            // The binary is extracted from the jar under target/ (not the system temp folder) on every run.
            java.io.File binaries = java.nio.file.Files.createDirectories(
                    java.nio.file.Path.of("target", "embedded-redis")).toFile();
            redis.embedded.core.ExecutableProvider fromJar =
                    redis.embedded.core.ExecutableProvider.newJarResourceProvider(binaries);
            openPort = freePort();
            open = RedisServer.newRedisServer().executableProvider(fromJar).port(openPort).bind(LOOPBACK).build();
            open.start();
            passwordPort = freePort();
            withPassword = RedisServer.newRedisServer().executableProvider(fromJar).port(passwordPort).bind(LOOPBACK)
                    .setting("requirepass s3cret").build();
            withPassword.start();
        }

        @AfterAll
        void stop() throws IOException {
            open.stop();
            withPassword.stop();
        }

        @Test
        @DisplayName("a running server answers PONG")
        void pong() {
            Result result = probe.redisPing(LOOPBACK, openPort, TIMEOUT);
            assertThat(result.up()).isTrue();
            assertThat(result.answer()).isEqualTo("PONG");
        }

        @Test
        @DisplayName("a server that wants a password is up and says NOAUTH")
        void noAuth() {
            Result result = probe.redisPing(LOOPBACK, passwordPort);
            assertThat(result.up()).isTrue();
            assertThat(result.answer()).startsWith("(error) NOAUTH");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @DisplayName("against a JDK HTTP server")
    class Http {
        private HttpServer server;
        private int port;

        @BeforeAll
        void start() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            respond("/healthz", 200);
            respond("/moved", 302);
            respond("/broken", 503);
            respond("/missing", 404);
            server.start();
            port = server.getAddress().getPort();
        }

        private void respond(String path, int status) {
            server.createContext(path, exchange -> {
                if (status == 302) {
                    exchange.getResponseHeaders().add("Location", "/broken");
                }
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
        }

        @AfterAll
        void stop() {
            server.stop(0);
        }

        private Result get(String path) {
            return probe.httpStatus(URI.create("http://127.0.0.1:" + port + path), TIMEOUT);
        }

        @Test
        @DisplayName("a 200 is up and carries the status")
        void ok() {
            Result result = get("/healthz");
            assertThat(result.up()).isTrue();
            assertThat(result.answer()).isEqualTo("200");
            assertThat(result.httpStatus()).hasValue(200);
        }

        @Test
        @DisplayName("a redirect is not followed and counts as up")
        void redirect() {
            Result result = get("/moved");
            assertThat(result.httpStatus()).hasValue(302);
            assertThat(result.up()).isTrue();
        }

        @Test
        @DisplayName("4xx and 5xx are down with their status")
        void errors() {
            assertThat(get("/broken")).extracting(Result::up, Result::answer).containsExactly(false, "503");
            assertThat(get("/missing").httpStatus()).hasValue(404);
            assertThat(get("/missing").up()).isFalse();
        }
    }

    @Nested
    @DisplayName("when nothing listens")
    class Refused {
        @Test
        @DisplayName("every probe reports a refused connection as down")
        void refused() throws IOException {
            int port = freePort();
            assertThat(probe.postgresReady(LOOPBACK, port, TIMEOUT))
                    .extracting(Result::up, Result::answer).containsExactly(false, "no response (connection refused)");
            assertThat(probe.redisPing(LOOPBACK, port, TIMEOUT))
                    .extracting(Result::up, Result::answer).containsExactly(false, "connection refused");
            Result http = probe.httpStatus(URI.create("http://127.0.0.1:" + port + "/"), TIMEOUT);
            assertThat(http.up()).isFalse();
            assertThat(http.answer()).isEqualTo("connection refused");
            assertThat(http.httpStatus()).isEmpty();
        }
    }

    @Nested
    @DisplayName("when the server accepts and never answers")
    class Silent {
        @Test
        @DisplayName("every probe gives up after its timeout")
        void timesOut() throws IOException {
            try (FakeServer silent = new FakeServer(request -> null)) {
                assertThat(probe.postgresReady(LOOPBACK, silent.port(), SHORT))
                        .extracting(Result::up, Result::answer).containsExactly(false, "no response (timed out after 300ms)");
                assertThat(probe.redisPing(LOOPBACK, silent.port(), SHORT))
                        .extracting(Result::up, Result::answer).containsExactly(false, "timed out after 300ms");
                Result http = probe.httpStatus(URI.create("http://127.0.0.1:" + silent.port() + "/"), SHORT);
                assertThat(http.up()).isFalse();
                assertThat(http.answer()).startsWith("timed out after 300ms");
            }
        }
    }

    @Nested
    @DisplayName("when the server answers garbage")
    class Garbage {
        private final byte[] junk = "HELLO? this is not your protocol\r\n".getBytes(StandardCharsets.US_ASCII);

        @Test
        @DisplayName("PostgreSQL and Redis probes report no proper answer")
        void garbage() throws IOException {
            try (FakeServer server = new FakeServer(request -> junk)) {
                assertThat(probe.postgresReady(LOOPBACK, server.port(), TIMEOUT))
                        .extracting(Result::up, Result::answer).containsExactly(false, "no response (unexpected reply)");
                assertThat(probe.redisPing(LOOPBACK, server.port(), TIMEOUT))
                        .extracting(Result::up, Result::answer).containsExactly(false, "garbage reply");
            }
        }

        @Test
        @DisplayName("an HTTP probe answered with junk is down without a status")
        void httpGarbage() throws IOException {
            try (FakeServer server = new FakeServer(request -> junk)) {
                Result http = probe.httpStatus(URI.create("http://127.0.0.1:" + server.port() + "/"), TIMEOUT);
                assertThat(http.up()).isFalse();
                assertThat(http.httpStatus()).isEmpty();
            }
        }

        @Test
        @DisplayName("a server that closes at once is down")
        void closesAtOnce() throws IOException {
            try (FakeServer server = new FakeServer(request -> new byte[0])) {
                assertThat(probe.postgresReady(LOOPBACK, server.port(), TIMEOUT).answer())
                        .isEqualTo("no response (connection closed)");
                assertThat(probe.redisPing(LOOPBACK, server.port(), TIMEOUT).answer()).isEqualTo("connection closed");
            }
        }
    }

    @Nested
    @DisplayName("PostgreSQL error answers are judged like pg_isready")
    class PostgresErrors {
        @Test
        @DisplayName("57P03 cannot_connect_now is rejecting connections")
        void cannotConnectNow() throws IOException {
            try (FakeServer server = new FakeServer(request -> errorResponse("57P03", "the database system is starting up"))) {
                assertThat(probe.postgresReady(LOOPBACK, server.port(), TIMEOUT))
                        .extracting(Result::up, Result::answer)
                        .containsExactly(false, "rejecting connections (SQLSTATE 57P03)");
            }
        }

        @Test
        @DisplayName("an authentication failure still means accepting connections")
        void authFailure() throws IOException {
            try (FakeServer server = new FakeServer(request -> errorResponse("28000", "no pg_hba.conf entry"))) {
                assertThat(probe.postgresReady(LOOPBACK, server.port(), TIMEOUT))
                        .extracting(Result::up, Result::answer).containsExactly(true, "accepting connections");
            }
        }

        @Test
        @DisplayName("the probe sends a protocol 3.0 startup message")
        void startupMessage() throws IOException {
            try (FakeServer server = new FakeServer(request -> new byte[] {'R', 0, 0, 0, 8, 0, 0, 0, 0})) {
                assertThat(probe.postgresReady(LOOPBACK, server.port(), TIMEOUT).up()).isTrue();
                ByteBuffer first = ByteBuffer.wrap(server.firstRequest());
                assertThat(first.getInt()).isEqualTo(server.firstRequest().length);
                assertThat(first.getInt()).isEqualTo(196608);
            }
        }

        @Test
        @DisplayName("an error without a SQLSTATE is no response")
        void noSqlState() throws IOException {
            try (FakeServer server = new FakeServer(request -> errorResponse("", "odd"))) {
                assertThat(probe.postgresReady(LOOPBACK, server.port(), TIMEOUT).answer())
                        .isEqualTo("no response (unexpected reply)");
            }
        }
    }

    @Test
    @DisplayName("a zero or negative timeout is refused up front")
    void badTimeout() {
        assertThatThrownBy(() -> probe.redisPing(LOOPBACK, 1, Duration.ZERO)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> NetworkDependencyProbe.withDefaultTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(ValidationException.class);
    }

    private static byte[] errorResponse(String sqlState, String message) {
        ByteArrayOutputStream fields = new ByteArrayOutputStream();
        fields.write('S');
        fields.writeBytes("FATAL\0".getBytes(StandardCharsets.UTF_8));
        if (!sqlState.isEmpty()) {
            fields.write('C');
            fields.writeBytes((sqlState + "\0").getBytes(StandardCharsets.UTF_8));
        }
        fields.write('M');
        fields.writeBytes((message + "\0").getBytes(StandardCharsets.UTF_8));
        fields.write(0);
        byte[] body = fields.toByteArray();
        return ByteBuffer.allocate(5 + body.length).put((byte) 'E').putInt(4 + body.length).put(body).array();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * A one-thread TCP server: for each connection it reads what arrives first, then writes the reply the
     * function gives (null: says nothing and keeps the connection open until closed) and closes.
     */
    private static final class FakeServer implements AutoCloseable {
        private final ServerSocket server;
        private final Thread thread;
        private final List<Socket> open = new ArrayList<>();
        private volatile byte[] firstRequest = new byte[0];

        FakeServer(Function<byte[], byte[]> reply) throws IOException {
            server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
            thread = new Thread(() -> serve(reply), "fake-server");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return server.getLocalPort();
        }

        byte[] firstRequest() {
            return firstRequest;
        }

        private void serve(Function<byte[], byte[]> reply) {
            boolean first = true;
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    synchronized (open) {
                        open.add(socket);
                    }
                    byte[] request = readAvailable(socket.getInputStream());
                    if (first) {
                        firstRequest = request;
                        first = false;
                    }
                    byte[] answer = reply.apply(request);
                    if (answer != null) {
                        OutputStream out = socket.getOutputStream();
                        out.write(answer);
                        out.flush();
                        socket.close();
                    }
                } catch (IOException e) {
                    // closed while accepting: the test is over
                }
            }
        }

        private static byte[] readAvailable(InputStream in) throws IOException {
            byte[] buffer = new byte[4096];
            int n = in.read(buffer);
            return n <= 0 ? new byte[0] : java.util.Arrays.copyOf(buffer, n);
        }

        @Override
        public void close() throws IOException {
            server.close();
            synchronized (open) {
                for (Socket s : open) {
                    s.close();
                }
            }
        }
    }
}
