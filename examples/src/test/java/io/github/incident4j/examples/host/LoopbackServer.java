package io.github.incident4j.examples.host;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A JDK {@link HttpServer} on the loopback interface that records every request and answers with a status and
 * a body the test sets, or holds the answer until {@link #close()} (to make a client time out).
 */
final class LoopbackServer implements AutoCloseable {

    /** A request as received. */
    record Received(String method, String path, String query, com.sun.net.httpserver.Headers headers, String body) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile int status = 200;
    private volatile String contentType = "text/plain";
    private volatile String answer = "ok";
    private volatile boolean hold;

    LoopbackServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Answers every request with {@code code} and a JSON or text body. */
    LoopbackServer answer(int code, String type, String body) {
        this.status = code;
        this.contentType = type;
        this.answer = body;
        return this;
    }

    /** Holds every answer until {@link #close()}. */
    LoopbackServer hold() {
        this.hold = true;
        return this;
    }

    URI uri(String path) {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + path);
    }

    /** The next request, waiting up to five seconds for it. */
    Received next() throws InterruptedException {
        Received r = received.poll(5, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no request reached the server within 5 seconds");
        }
        return r;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            URI u = exchange.getRequestURI();
            received.add(new Received(exchange.getRequestMethod(), u.getPath(), u.getRawQuery() == null ? ""
                    : u.getRawQuery(), exchange.getRequestHeaders(), body));
            if (hold) {
                release.await();
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
