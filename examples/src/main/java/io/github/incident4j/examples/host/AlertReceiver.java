package io.github.incident4j.examples.host;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.github.incident4j.ingest.AlertIngest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook receiver Alertmanager (or Grafana) posts to, as a JDK {@link HttpServer} handler over
 * {@link AlertIngest}: {@code POST} only (405 otherwise), a body over the ingest's limit is refused with 413 as soon as
 * its {@code Content-Length} or its first extra byte says so, and the ingest's answer (200, 400, 401, 415, 503, ...)
 * goes back with its headers and a one-line text body. Any other web framework mounts {@link AlertIngest#handle} the
 * same way.
 *
 * <pre>{@code
 * AlertIngest ingest = AlertIngest.builder().manager(manager).routes(routes).policy(policy)
 *         .bearerToken(token).build();
 * try (AlertReceiver receiver = AlertReceiver.start(ingest, new InetSocketAddress("0.0.0.0", 9095))) {
 *     // Alertmanager: webhook_configs: [{url: http://host:9095/alerts, http_config: {authorization: {credentials: token}}}]
 * }
 * }</pre>
 */
public final class AlertReceiver implements HttpHandler, AutoCloseable {

    /** The path the receiver serves. */
    public static final String PATH = "/alerts";

    private static final Logger LOG = LoggerFactory.getLogger(AlertReceiver.class);

    private final AlertIngest ingest;
    private final HttpServer server;
    private final ExecutorService executor;

    private AlertReceiver(AlertIngest ingest, InetSocketAddress address) {
        this.ingest = Objects.requireNonNull(ingest, "ingest");
        try {
            this.server = HttpServer.create(address, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + address, e);
        }
        this.executor = Executors.newFixedThreadPool(4);
        server.createContext(PATH, this);
        server.setExecutor(executor);
        server.start();
    }

    /** Serves {@value #PATH} on the address until closed. */
    public static AlertReceiver start(AlertIngest ingest, InetSocketAddress address) {
        return new AlertReceiver(ingest, address);
    }

    /** The receiver's URL, e.g. {@code http://127.0.0.1:9095/alerts}. */
    public URI url() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
        return URI.create("http://" + host + ":" + a.getPort() + PATH);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST")) {
                exchange.getResponseHeaders().add("Allow", "POST");
                answer(exchange, 405, "method " + exchange.getRequestMethod() + " not allowed; POST the webhook payload",
                        Map.of());
                return;
            }
            String length = exchange.getRequestHeaders().getFirst("Content-Length");
            if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > ingest.maxBytes()) {
                answer(exchange, 413, "payload of " + length + " bytes is over the limit of " + ingest.maxBytes(), Map.of());
                return;
            }
            byte[] body = readAtMost(exchange.getRequestBody(), ingest.maxBytes() + 1);
            Map<String, List<String>> headers = new LinkedHashMap<>(exchange.getRequestHeaders());
            AlertIngest.Response r = ingest.handle(body, headers);
            answer(exchange, r.status(), r.message(), r.headers());
        } catch (RuntimeException e) {
            LOG.error("alert receiver failed", e);
            throw e;
        }
    }

    /** Reads at most {@code max} bytes: a longer body is cut there, and the ingest then refuses it as too large. */
    private static byte[] readAtMost(InputStream in, int max) throws IOException {
        return in.readNBytes(max);
    }

    private static void answer(HttpExchange exchange, int status, String message, Map<String, String> headers)
            throws IOException {
        byte[] bytes = (message + "\n").getBytes(StandardCharsets.UTF_8);
        headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
