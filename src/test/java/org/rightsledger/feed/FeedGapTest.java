package org.rightsledger.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.rightsledger.record.RecordContent;
import org.rightsledger.record.RecordParser;
import org.rightsledger.support.Api;
import org.rightsledger.support.HandAppend;
import org.rightsledger.support.Records;
import org.rightsledger.support.SseClient;
import org.rightsledger.verify.ChainVerifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The gap test. Writers append at once — over HTTP, and in-process in transactions that are
 * held open a few milliseconds longer or rolled back at the end — while two readers tail the
 * feed in small pages and one listens to the stream. Every reader must end with exactly the
 * acknowledged entries, in contiguous positions, none rolled back, and a chain that verifies.
 */
@QuarkusTest
class FeedGapTest {

    private static final int HTTP_WRITERS = 4;
    private static final int SLOW_WRITERS = 3;
    private static final int FAILING_WRITERS = 2;
    private static final int APPENDS_EACH = 15;

    @Inject
    DataSource dataSource;

    @Inject
    RecordParser parser;

    @Inject
    ObjectMapper json;

    @Test
    void everyReaderSeesExactlyTheAcknowledgedEntriesInOrder() throws Exception {
        long start = Api.headPosition();
        String startHash = Api.headHash();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Set<String> rolledBack = ConcurrentHashMap.newKeySet();
        AtomicBoolean writing = new AtomicBoolean(true);

        try (SseClient stream = new SseClient("?after=" + start, null)) {
            ExecutorService pool = Executors.newFixedThreadPool(HTTP_WRITERS + SLOW_WRITERS + FAILING_WRITERS + 2);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < HTTP_WRITERS; w++) {
                writers.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < APPENDS_EACH; i++) {
                        acknowledged.add(Records.append(Records.fine()).get("id").asText());
                    }
                    return null;
                }));
            }
            for (int w = 0; w < SLOW_WRITERS + FAILING_WRITERS; w++) {
                boolean failing = w >= SLOW_WRITERS;
                writers.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < APPENDS_EACH; i++) {
                        UUID id = UUID.randomUUID();
                        try (Connection c = dataSource.getConnection()) {
                            c.setAutoCommit(false);
                            Instant recordedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                            String content = json.writeValueAsString(RecordContent.of(id,
                                    parser.parse(Records.detention()), recordedAt, "In-process Writers"));
                            HandAppend.append(c, id, "detention", content, recordedAt);
                            sleep(failing ? 2 : 5); // hold the head lock a little longer
                            if (failing) {
                                c.rollback(); // roll this append back
                                rolledBack.add(id.toString());
                            } else {
                                c.commit();
                                acknowledged.add(id.toString());
                            }
                        }
                    }
                    return null;
                }));
            }
            List<Future<List<JsonNode>>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                int pageSize = 3 + 4 * r;
                readers.add(pool.submit(() -> tail(start, pageSize, writing)));
            }
            go.countDown();
            for (Future<?> writer : writers) {
                writer.get();
            }
            writing.set(false);
            long end = Api.headPosition();
            assertEquals(start + acknowledged.size(), end, "the head moved by exactly the acknowledged entries");
            assertEquals(FAILING_WRITERS * APPENDS_EACH, rolledBack.size());

            for (Future<List<JsonNode>> reader : readers) {
                assertReaderSaw(reader.get(), start, startHash, end, acknowledged, rolledBack);
            }
            assertTrue(stream.awaitId(end, 10_000), "the stream reached the head");
            List<JsonNode> streamed = new ArrayList<>();
            for (SseClient.Event event : stream.events) {
                JsonNode entry = Records.JSON.readTree(event.data());
                assertEquals(event.id(), entry.get("position").asLong());
                assertEquals(event.type(), entry.get("type").asText());
                streamed.add(entry);
            }
            assertReaderSaw(streamed, start, startHash, end, acknowledged, rolledBack);
            pool.shutdown();
        }
    }

    /** Follows the feed in small pages, long-polling when caught up, until writing stopped and the head is reached. */
    private static List<JsonNode> tail(long start, int pageSize, AtomicBoolean writing) throws Exception {
        List<JsonNode> seen = new ArrayList<>();
        long after = start;
        while (true) {
            boolean wasWriting = writing.get();
            JsonNode page = Records.JSON.readTree(Api.api().get("/v1/feed?after=" + after + "&limit=" + pageSize + "&wait=1")
                    .then().statusCode(200).extract().asString());
            page.get("items").forEach(seen::add);
            after = page.get("next").asLong();
            if (!wasWriting && page.get("items").isEmpty() && after >= Api.headPosition()) {
                return seen;
            }
        }
    }

    private static void assertReaderSaw(List<JsonNode> seen, long start, String startHash, long end,
            Set<String> acknowledged, Set<String> rolledBack) throws ChainVerifier.Failure {
        ChainVerifier chain = new ChainVerifier(start, startHash);
        Set<String> ids = new java.util.HashSet<>();
        for (JsonNode entry : seen) {
            chain.accept(entry); // contiguous positions, content and chain verified
            ids.add(entry.get("id").asText());
        }
        assertEquals(end, chain.position(), "the reader reached the head");
        assertEquals(Api.headHash(), chain.hash());
        assertEquals(acknowledged, ids, "exactly the acknowledged entries, none twice");
        assertTrue(ids.stream().noneMatch(rolledBack::contains), "nothing rolled back");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
