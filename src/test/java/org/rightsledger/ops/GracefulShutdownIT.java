package org.rightsledger.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rightsledger.support.PackagedService;
import org.rightsledger.support.Records;
import org.rightsledger.support.SseClient;
import org.rightsledger.support.StoredLog;
import org.rightsledger.support.WriteLoad;
import org.rightsledger.support.WriteLoad.Outcome;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * SIGTERM under load, as an orchestrator stops an instance: 8 writers append and 3 SSE clients
 * follow the feed. Every request the service took must be answered (no acknowledged append lost,
 * no connection cut under a request it had taken: its schema holds exactly the acknowledged
 * entries); requests it did not take get a 503 problem or find the port closed, and stored nothing.
 * Every stream ends cleanly, with {@code event: shutdown} after the last entry it was sent.
 */
class GracefulShutdownIT {

    private static final String SCHEMA = "ledger_shutdown_it";
    private static final String ADMIN = "shutdown-it-admin";

    @Test
    void sigtermFinishesWhatWasTakenAndEndsStreamsWithAFinalEvent() throws Exception {
        try (PackagedService service = PackagedService.start(PackagedService.port(8097), SCHEMA,
                Map.of("LEDGER_ADMIN_TOKEN", ADMIN))) {
            WriteLoad load = new WriteLoad(service, WriteLoad.writerToken(service, ADMIN), "sigterm", 8);
            List<SseClient> streams = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                streams.add(new SseClient(service.uri("/v1/feed/stream?after=0"), null));
            }
            load.start();
            load.awaitAcknowledged(60, Duration.ofSeconds(60));
            long signalled = System.nanoTime();
            int exitCode = service.terminate();
            long exited = System.nanoTime();
            load.awaitRefused();

            List<Outcome> outcomes = load.outcomes();
            List<Outcome> acknowledged = new ArrayList<>();
            List<Outcome> turnedAway = new ArrayList<>();
            List<Outcome> refused = new ArrayList<>();
            List<Outcome> cut = new ArrayList<>();
            for (Outcome outcome : outcomes) {
                if (outcome.acknowledged()) {
                    acknowledged.add(outcome);
                } else if (outcome.status() == 503) {
                    assertEquals("application/problem+json", outcome.contentType());
                    assertEquals("urn:rights-ledger:problem:unavailable",
                            Records.parse(outcome.responseBody()).get("type").asText());
                    assertNotNull(outcome.retryAfter());
                    turnedAway.add(outcome);
                } else if (WriteLoad.refused(outcome)) {
                    refused.add(outcome);
                } else if (outcome.status() < 0 && !WriteLoad.hung(outcome)) {
                    cut.add(outcome); // sent on a connection the server closed: proven below never to have been taken
                } else {
                    fail("neither answered, turned away nor refused: " + outcome);
                }
            }
            assertEquals(8, refused.size(), "each writer went on until the port was closed");

            for (SseClient stream : streams) {
                assertTrue(stream.awaitEnd(10_000), "the stream ended");
                assertTrue(stream.ended(), "the stream ended cleanly, not cut: " + stream.failure());
                assertEquals(1, stream.signals.size(), "one final event");
                SseClient.Event farewell = stream.signals.get(0);
                assertEquals("shutdown", farewell.type());
                assertEquals(stream.lastId(), Records.parse(farewell.data()).get("after").asLong(),
                        "the final event came after the last entry sent");
                assertTrue(stream.lastId() > 0);
            }

            // What the stopped service left in its schema: exactly what it acknowledged, nothing it took without answering.
            StoredLog stored = new StoredLog(PackagedService.jdbcUrl(SCHEMA));
            Map<UUID, StoredLog.Stored> entries = stored.entries();
            for (Outcome outcome : acknowledged) {
                JsonNode entry = outcome.entry();
                StoredLog.Stored kept = entries.get(UUID.fromString(entry.get("id").asText()));
                assertNotNull(kept, "acknowledged but lost: " + outcome);
                assertEquals(entry.get("hash").asText(), kept.hash());
            }
            assertEquals(acknowledged.size(), entries.size(), "nothing stored but what was acknowledged");
            Set<String> acknowledgedKeys = new HashSet<>();
            acknowledged.forEach(o -> acknowledgedKeys.add(o.key()));
            assertEquals(acknowledgedKeys, stored.idempotencyKeys().keySet(),
                    "no request turned away, refused or cut had been taken");
            stored.verify();
            for (SseClient stream : streams) {
                stream.close();
            }
            System.out.printf("GracefulShutdownIT: SIGTERM to exit %d ms (exit code %d); %d appends acknowledged, "
                    + "%d turned away with 503, %d refused, %d cut before being taken, 0 lost; %d streams ended with "
                    + "event: shutdown at positions %s%n", (exited - signalled) / 1_000_000, exitCode,
                    acknowledged.size(), turnedAway.size(), refused.size(), cut.size(), streams.size(),
                    streams.stream().map(SseClient::lastId).toList());
        }
    }
}
