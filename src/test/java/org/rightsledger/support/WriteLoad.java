package org.rightsledger.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Concurrent writers against a packaged service: each thread POSTs records, each with an
 * Idempotency-Key of its own, one after the other, until stopped or refused a connection, and
 * keeps every outcome (acknowledged 201, another status, or no answer at all) to be checked afterwards.
 */
public final class WriteLoad {

    /** Long enough for any answer the service owes (a 503 comes within seconds); a request past it hung. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

    /** One request: {@code status} is -1 when no HTTP answer came ({@code failure} says why). */
    public record Outcome(String key, String body, int status, Throwable failure, String responseBody,
            String contentType, String retryAfter, boolean replayed, long startedNanos, long endedNanos) {

        public boolean acknowledged() {
            return status == 201;
        }

        public long millis() {
            return (endedNanos - startedNanos) / 1_000_000;
        }

        public JsonNode entry() {
            return Records.parse(responseBody);
        }

        @Override
        public String toString() {
            return key + " -> " + (status < 0 ? failure : status + " " + responseBody) + " in " + millis() + " ms";
        }
    }

    public final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI records;
    private final String token;
    private final String prefix;
    private final int threads;
    private final List<Thread> workers = new ArrayList<>();
    private final List<Outcome> outcomes = new CopyOnWriteArrayList<>();
    private final AtomicLong acknowledged = new AtomicLong();
    private volatile boolean running;

    public WriteLoad(PackagedService service, String token, String prefix, int threads) {
        this.records = service.uri("/v1/records");
        this.token = token;
        this.prefix = prefix;
        this.threads = threads;
    }

    /** A key with scope write, issued through the admin API of a service started with this admin token. */
    public static String writerToken(PackagedService service, String adminToken) throws Exception {
        HttpResponse<String> issued = service.http.send(HttpRequest.newBuilder(service.uri("/v1/admin/api-keys"))
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"partner\": \"Load Writers\", \"scopes\": [\"write\"]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (issued.statusCode() != 201) {
            throw new AssertionError("issuing a key: " + issued.statusCode() + " " + issued.body());
        }
        return Records.parse(issued.body()).get("token").asText();
    }

    public void start() {
        running = true;
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread worker = new Thread(() -> {
                for (int i = 0; running; i++) {
                    String key = prefix + "-" + thread + "-" + i;
                    ObjectNode record = Records.fine();
                    record.put("summary", "A fine recorded under load, request " + key + ".");
                    String body = record.toString();
                    Outcome outcome = send(key, body);
                    outcomes.add(outcome);
                    if (outcome.acknowledged()) {
                        acknowledged.incrementAndGet();
                    }
                    if (refused(outcome)) {
                        break; // the service is gone: more attempts would only be more of the same
                    }
                }
            }, "write-load-" + t);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
    }

    /** POSTs {@code body} with Idempotency-Key {@code key}. */
    public Outcome send(String key, String body) {
        HttpRequest request = HttpRequest.newBuilder(records).timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Outcome(key, body, response.statusCode(), null, response.body(),
                    response.headers().firstValue("Content-Type").orElse(null),
                    response.headers().firstValue("Retry-After").orElse(null),
                    response.headers().firstValue("Idempotent-Replayed").isPresent(), started, System.nanoTime());
        } catch (IOException e) {
            return new Outcome(key, body, -1, e, null, null, null, false, started, System.nanoTime());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(key, body, -1, e, null, null, null, false, started, System.nanoTime());
        }
    }

    public long acknowledged() {
        return acknowledged.get();
    }

    /** Waits until at least {@code count} more requests were acknowledged, at most {@code timeout}. */
    public void awaitAcknowledged(long count, Duration timeout) throws InterruptedException {
        long target = acknowledged.get() + count;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (acknowledged.get() < target) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + acknowledged.get() + " acknowledged, wanted " + target + "; last: "
                        + (outcomes.isEmpty() ? "none" : outcomes.get(outcomes.size() - 1)));
            }
            Thread.sleep(20);
        }
    }

    /** Stops the writers after their current request (each has at most REQUEST_TIMEOUT left). */
    public void stop() throws InterruptedException {
        running = false;
        join();
    }

    /** The service is gone: waits until every writer was refused a connection and stopped by itself. */
    public void awaitRefused() throws InterruptedException {
        join();
        running = false;
    }

    private void join() throws InterruptedException {
        for (Thread worker : workers) {
            worker.join(REQUEST_TIMEOUT.toMillis() + 5000);
            if (worker.isAlive()) {
                throw new AssertionError(worker.getName() + " did not stop");
            }
        }
    }

    public List<Outcome> outcomes() {
        return List.copyOf(outcomes);
    }

    public static boolean hung(Outcome outcome) {
        return outcome.failure() instanceof HttpTimeoutException;
    }

    /** No connection: nothing listens on the port (any more). */
    public static boolean refused(Outcome outcome) {
        for (Throwable t = outcome.failure(); t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException) {
                return true;
            }
        }
        return false;
    }
}
