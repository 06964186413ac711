package org.rightsledger.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.ToIntFunction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A partner's webhook receiver on 127.0.0.1 (the JDK's HTTP server). It records every request it
 * gets and answers with the status {@link #answer} picks; what it acknowledged (2xx) is what a
 * partner would have stored.
 */
final class Receiver implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    /** One request as received, and the status it was answered with. */
    record Request(String path, String id, String timestamp, String signature, String contentType, String body,
            int answered, Instant at) {

        /** The entries it carried: the body itself, or the items of {@code {"entries": […]}}. */
        List<JsonNode> entries() {
            try {
                JsonNode json = JSON.readTree(body);
                List<JsonNode> entries = new ArrayList<>();
                if (json.has("entries")) {
                    json.get("entries").forEach(entries::add);
                } else {
                    entries.add(json);
                }
                return entries;
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        boolean acknowledged() {
            return answered >= 200 && answered < 300;
        }

        /** The Standard Webhooks check a receiver makes. */
        boolean verifies(String secret) {
            return signature.equals(Signature.sign(Signature.parse(secret), id, Long.parseLong(timestamp), body));
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    /** The status for a request (given how many came before it); 200 unless a test says otherwise. */
    volatile ToIntFunction<String> answer = path -> 200;
    /** Handlers that answer in their own way (redirects, endless bodies), by path prefix. */
    private final List<Object[]> special = new CopyOnWriteArrayList<>();

    Receiver() throws IOException {
        this(0);
    }

    Receiver(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    void on(String pathPrefix, com.sun.net.httpserver.HttpHandler handler) {
        special.add(new Object[] { pathPrefix, handler });
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), UTF_8);
        for (Object[] handler : special) {
            if (path.startsWith((String) handler[0])) {
                requests.add(request(exchange, path, body, -1));
                ((com.sun.net.httpserver.HttpHandler) handler[1]).handle(exchange);
                return;
            }
        }
        int status = answer.applyAsInt(path);
        requests.add(request(exchange, path, body, status));
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private static Request request(HttpExchange exchange, String path, String body, int status) {
        var headers = exchange.getRequestHeaders();
        return new Request(path, headers.getFirst("webhook-id"), headers.getFirst("webhook-timestamp"),
                headers.getFirst("webhook-signature"), headers.getFirst("Content-Type"), body, status, Instant.now());
    }

    List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The entries acknowledged at the path, in the order they were received. */
    List<JsonNode> acknowledged(String path) {
        return requests(path).stream().filter(Request::acknowledged).flatMap(r -> r.entries().stream()).toList();
    }

    /** The highest position acknowledged at the path (0 for none). */
    long acknowledgedUpTo(String path) {
        return acknowledged(path).stream().mapToLong(e -> e.get("position").asLong()).max().orElse(0);
    }

    static void await(String what, Duration within, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(50);
        }
    }

    static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
