package io.github.incident4j.runbook;

import io.github.incident4j.common.Durations;
import io.github.incident4j.spi.DependencyProbe;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A {@link DependencyProbe} that talks to the real dependency over the network with nothing but the JDK:
 * plain sockets for PostgreSQL and Redis, {@link HttpClient} for HTTP. It never throws for a dependency
 * that is down; every failure becomes a {@link Result} that says how the dependency answered.
 *
 * <pre>{@code
 * DependencyProbe probe = NetworkDependencyProbe.withDefaultTimeout(Duration.ofSeconds(2));
 * probe.postgresReady("db.internal", 5432, Duration.ofSeconds(2));   // up, "accepting connections"
 * probe.redisPing("cache.internal", 6379, Duration.ofSeconds(2));    // up, "PONG"
 * probe.httpStatus(URI.create("http://payment/healthz"), Duration.ofSeconds(2)); // up, "200"
 * }</pre>
 *
 * <h2>How each answer is judged</h2>
 * <ul>
 *   <li><b>PostgreSQL</b>, like {@code pg_isready} (libpq's {@code PQping}): a protocol 3.0
 *       StartupMessage is sent and only the server's first message is read. An authentication request
 *       ({@code 'R'}) means <em>accepting connections</em>. An ErrorResponse ({@code 'E'}) with a SQLSTATE
 *       also means <em>accepting connections</em> (the server is up and judged the login, e.g. 28000 or
 *       3D000), except 57P03 {@code cannot_connect_now} (starting up, shutting down, in recovery), which
 *       is <em>rejecting connections</em> and down. A refused or timed-out connection, a closed
 *       connection or any other reply is <em>no response</em> and down. No SSLRequest is sent: a server
 *       that insists on TLS answers the plain startup with an ErrorResponse, which already shows it is up.</li>
 *   <li><b>Redis</b>: {@code PING} in RESP; {@code +PONG} is up. An error reply {@code -NOAUTH ...} is also
 *       up: the server is alive and only wants the password the application has and the probe does not.
 *       Every other error reply ({@code -LOADING}, {@code -MASTERDOWN}, {@code -ERR max number of clients
 *       reached}, ...) is down, answered as {@code redis-cli} prints it: {@code (error) LOADING ...}.</li>
 *   <li><b>HTTP</b>: a GET over HTTP/1.1 that follows no redirects; a 2xx or 3xx status is up, the answer
 *       is the status code as {@code curl -w "%{http_code}"} prints it.</li>
 * </ul>
 *
 * <p>The timeout bounds connecting and each read (the probe reads no clock); a probe can thus take up to
 * about twice the timeout. Thread-safe.
 */
public final class NetworkDependencyProbe implements DependencyProbe {

    /** The SQLSTATE pg_isready reports as "rejecting connections". */
    static final String CANNOT_CONNECT_NOW = "57P03";
    private static final int PROTOCOL_3_0 = 196608;
    private static final int MAX_PG_MESSAGE = 64 * 1024;
    private static final int MAX_REDIS_LINE = 512;
    private static final byte[] REDIS_PING = "*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Duration defaultTimeout;
    private final HttpClient http;

    private NetworkDependencyProbe(Duration defaultTimeout) {
        this.defaultTimeout = requirePositive(defaultTimeout);
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(defaultTimeout)
                .build();
    }

    /** A probe whose convenience methods (without a timeout argument) wait at most {@code timeout}. */
    public static NetworkDependencyProbe withDefaultTimeout(Duration timeout) {
        return new NetworkDependencyProbe(timeout);
    }

    /** A probe with a default timeout of 5 seconds. */
    public static NetworkDependencyProbe create() {
        return new NetworkDependencyProbe(Duration.ofSeconds(5));
    }

    /** The timeout used by the methods that take none. */
    public Duration defaultTimeout() {
        return defaultTimeout;
    }

    /** {@link #postgresReady(String, int, Duration)} with the default timeout. */
    public Result postgresReady(String host, int port) {
        return postgresReady(host, port, defaultTimeout);
    }

    /** {@link #redisPing(String, int, Duration)} with the default timeout. */
    public Result redisPing(String host, int port) {
        return redisPing(host, port, defaultTimeout);
    }

    /** {@link #httpStatus(URI, Duration)} with the default timeout. */
    public Result httpStatus(URI url) {
        return httpStatus(url, defaultTimeout);
    }

    @Override
    public Result postgresReady(String host, int port, Duration timeout) {
        requirePositive(timeout);
        try (Socket socket = connect(host, port, timeout)) {
            OutputStream out = socket.getOutputStream();
            out.write(startupMessage());
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int type = in.read();
            if (type == 'R') {
                int length = in.readInt();
                if (length < 8 || length > MAX_PG_MESSAGE) {
                    return Result.down("no response (unexpected reply)");
                }
                terminate(out);
                return Result.up("accepting connections");
            }
            if (type == 'E') {
                String sqlState = readSqlState(in);
                if (sqlState == null) {
                    return Result.down("no response (unexpected reply)");
                }
                return CANNOT_CONNECT_NOW.equals(sqlState)
                        ? Result.down("rejecting connections (SQLSTATE " + sqlState + ")")
                        : Result.up("accepting connections");
            }
            return type < 0 ? Result.down("no response (connection closed)") : Result.down("no response (unexpected reply)");
        } catch (IOException e) {
            return Result.down("no response (" + describe(e, timeout) + ")");
        }
    }

    @Override
    public Result redisPing(String host, int port, Duration timeout) {
        requirePositive(timeout);
        try (Socket socket = connect(host, port, timeout)) {
            OutputStream out = socket.getOutputStream();
            out.write(REDIS_PING);
            out.flush();
            String line = readRespLine(socket.getInputStream());
            if (line == null) {
                return Result.down("garbage reply");
            }
            if (line.equals("+PONG")) {
                return Result.up("PONG");
            }
            if (line.startsWith("-")) {
                String error = line.substring(1);
                return error.startsWith("NOAUTH") ? Result.up("(error) " + error) : Result.down("(error) " + error);
            }
            return Result.down("garbage reply");
        } catch (EOFException e) {
            return Result.down("connection closed");
        } catch (IOException e) {
            return Result.down(describe(e, timeout));
        }
    }

    @Override
    public Result httpStatus(URI url, Duration timeout) {
        requirePositive(timeout);
        Objects.requireNonNull(url, "url");
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(url).GET().timeout(timeout).build();
        } catch (IllegalArgumentException e) {
            return Result.down("invalid URL: " + url);
        }
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return new Result(status >= 200 && status < 400, String.valueOf(status), OptionalInt.of(status));
        } catch (HttpConnectTimeoutException e) {
            return Result.down("timed out after " + Durations.format(timeout) + " connecting");
        } catch (HttpTimeoutException e) {
            return Result.down("timed out after " + Durations.format(timeout));
        } catch (IOException e) {
            return Result.down(describe(e, timeout));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.down("interrupted");
        }
    }

    private static Socket connect(String host, int port, Duration timeout) throws IOException {
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), millis);
            socket.setSoTimeout(millis);
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** StartupMessage: length, protocol 3.0, then name/value pairs ending in an empty name. */
    private static byte[] startupMessage() {
        ByteArrayOutputStream params = new ByteArrayOutputStream();
        for (String s : new String[] {"user", "postgres", "database", "postgres", "application_name", "pg_isready"}) {
            params.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            params.write(0);
        }
        params.write(0);
        byte[] body = params.toByteArray();
        return ByteBuffer.allocate(8 + body.length).putInt(8 + body.length).putInt(PROTOCOL_3_0).put(body).array();
    }

    private static void terminate(OutputStream out) {
        try {
            out.write(new byte[] {'X', 0, 0, 0, 4});
            out.flush();
        } catch (IOException e) {
            // the answer is already known; a failed goodbye changes nothing
        }
    }

    /** Reads an ErrorResponse body and returns its 5-character SQLSTATE, or null when there is none. */
    private static @org.jspecify.annotations.Nullable String readSqlState(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 4 || length > MAX_PG_MESSAGE) {
            return null;
        }
        byte[] body = new byte[length - 4];
        in.readFully(body);
        int i = 0;
        while (i < body.length && body[i] != 0) {
            byte field = body[i++];
            int end = i;
            while (end < body.length && body[end] != 0) {
                end++;
            }
            if (end == body.length) {
                return null;
            }
            String value = new String(body, i, end - i, StandardCharsets.UTF_8);
            if (field == 'C') {
                return value.length() == 5 ? value : null;
            }
            i = end + 1;
        }
        return null;
    }

    /** One RESP line without its CRLF, or null when the reply is not a line. */
    private static @org.jspecify.annotations.Nullable String readRespLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (line.size() <= MAX_REDIS_LINE) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException();
            }
            if (b == '\r') {
                return in.read() == '\n' ? line.toString(StandardCharsets.UTF_8) : null;
            }
            line.write(b);
        }
        return null;
    }

    private static String describe(IOException e, Duration timeout) {
        if (e instanceof SocketTimeoutException) {
            return "timed out after " + Durations.format(timeout);
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        if (e instanceof UnknownHostException) {
            return "unknown host " + e.getMessage();
        }
        if (e instanceof NoRouteToHostException) {
            return "no route to host";
        }
        if (e instanceof EOFException) {
            return "connection closed";
        }
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }

    private static Duration requirePositive(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw io.github.incident4j.ValidationException.of("timeout", timeout, "must be positive");
        }
        return timeout;
    }
}
