package org.rightsledger.support;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.restassured.RestAssured;

/**
 * A minimal EventSource: reads {@code id}/{@code event}/{@code data} events from the feed stream.
 * Entries (events with an id) go to {@link #events}; events without an id, such as the
 * {@code shutdown} event that ends a stream, go to {@link #signals}.
 */
public final class SseClient implements AutoCloseable {

    public record Event(long id, String type, String data) {
    }

    public final List<Event> events = new CopyOnWriteArrayList<>();
    public final List<Event> signals = new CopyOnWriteArrayList<>();
    public final List<String> comments = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile InputStream body;
    private volatile int status;
    private volatile boolean ended;
    private volatile Exception failure;

    public SseClient(String query, String lastEventId) throws Exception {
        this(URI.create("http://localhost:" + RestAssured.port + "/v1/feed/stream" + query), lastEventId);
    }

    /** A stream of any service, e.g. a packaged one: {@code stream} is the full URL. */
    public SseClient(URI stream, String lastEventId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(stream)
                .header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofInputStream());
        status = response.statusCode();
        body = response.body();
        reader = new Thread(this::read, "test-sse-client");
        reader.setDaemon(true);
        reader.start();
    }

    public int status() {
        return status;
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            Long id = null;
            String type = null;
            StringBuilder data = new StringBuilder();
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (id != null) {
                        events.add(new Event(id, type, data.toString()));
                    } else if (type != null) {
                        signals.add(new Event(-1, type, data.toString()));
                    }
                    id = null;
                    type = null;
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1));
                } else if (line.startsWith("id:")) {
                    id = Long.parseLong(line.substring(3).strip());
                } else if (line.startsWith("event:")) {
                    type = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(data.length() > 0 ? "\n" : "").append(line.substring(5).stripLeading());
                }
            }
            ended = true; // the server ended the stream
        } catch (Exception e) {
            failure = e; // closed by us, or cut
        }
    }

    /** True once the server ended the stream cleanly (not cut, not closed by us). */
    public boolean ended() {
        return ended;
    }

    /** Why reading stopped other than by a clean end, if it did. */
    public Exception failure() {
        return failure;
    }

    /** Waits until the stream ended or failed (or the timeout passed); true if it did. */
    public boolean awaitEnd(long timeoutMillis) throws InterruptedException {
        reader.join(timeoutMillis);
        return !reader.isAlive();
    }

    public long lastId() {
        return events.isEmpty() ? 0 : events.get(events.size() - 1).id();
    }

    /** Waits until an event with this id arrived (or the timeout passed). */
    public boolean awaitId(long id, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            if (lastId() >= id) {
                return true;
            }
            Thread.sleep(20);
        }
        return lastId() >= id;
    }

    @Override
    public void close() throws Exception {
        body.close();
        reader.interrupt();
    }
}
