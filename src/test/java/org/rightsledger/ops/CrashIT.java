package org.rightsledger.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rightsledger.support.PackagedService;
import org.rightsledger.support.Records;
import org.rightsledger.support.StoredLog;
import org.rightsledger.support.WriteLoad;
import org.rightsledger.support.WriteLoad.Outcome;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * kill -9 under write load: 8 writers append with Idempotency-Keys, the packaged service is killed
 * (no shutdown hook, nothing flushed), then started again on the same schema. Every acknowledged
 * entry must be there as acknowledged, the chain must verify, and retrying every request that got
 * no 201 (with its key) must leave exactly one entry per key.
 */
class CrashIT {

    private static final String SCHEMA = "ledger_crash_it";
    private static final String ADMIN = "crash-it-admin";

    @Test
    void aKilledServiceKeepsEveryAcknowledgedAppend() throws Exception {
        try (PackagedService service = PackagedService.start(PackagedService.port(8095), SCHEMA,
                Map.of("LEDGER_ADMIN_TOKEN", ADMIN))) {
            WriteLoad load = new WriteLoad(service, WriteLoad.writerToken(service, ADMIN), "crash", 8);
            load.start();
            load.awaitAcknowledged(100, Duration.ofSeconds(90));
            service.kill();
            load.awaitRefused();
            List<Outcome> outcomes = load.outcomes();
            List<Outcome> acknowledged = outcomes.stream().filter(Outcome::acknowledged).toList();
            List<Outcome> unacknowledged = outcomes.stream().filter(o -> !o.acknowledged()).toList();
            // Every writer went on after the kill until it was refused a connection.
            assertEquals(8, unacknowledged.stream().filter(WriteLoad::refused).count());
            for (Outcome outcome : unacknowledged) {
                assertEquals(-1, outcome.status(), "before the kill, every append is acknowledged: " + outcome);
            }

            service.restart();
            StoredLog stored = new StoredLog(PackagedService.jdbcUrl(SCHEMA));
            Map<UUID, StoredLog.Stored> entries = stored.entries();
            for (Outcome outcome : acknowledged) {
                JsonNode entry = outcome.entry();
                StoredLog.Stored kept = entries.get(UUID.fromString(entry.get("id").asText()));
                assertNotNull(kept, "acknowledged but lost: " + outcome);
                assertEquals(entry.get("position").asLong(), kept.position());
                assertEquals(entry.get("hash").asText(), kept.hash());
            }
            String lastHash = stored.verify();
            JsonNode head = Records.parse(service.get("/v1/log/head").body());
            assertEquals(lastHash, head.get("hash").asText());
            long committedBeforeKill = entries.size();

            // Whatever the kill left undecided is decided by its key: a replay if it committed, else a new entry.
            int replayed = 0;
            for (Outcome outcome : unacknowledged) {
                Outcome retry = load.send(outcome.key(), outcome.body());
                assertEquals(201, retry.status(), retry.toString());
                replayed += retry.replayed() ? 1 : 0;
            }
            Set<String> keys = new HashSet<>();
            outcomes.forEach(o -> keys.add(o.key()));
            Map<String, UUID> claimed = stored.idempotencyKeys();
            assertEquals(keys, claimed.keySet());
            Map<UUID, StoredLog.Stored> after = stored.entries();
            assertEquals(keys.size(), after.size(), "exactly one entry per key");
            assertTrue(after.keySet().containsAll(claimed.values()));
            assertEquals(new HashSet<>(claimed.values()).size(), claimed.size());
            stored.verify();
            assertEquals(committedBeforeKill, acknowledged.size() + replayed,
                    "what the kill left committed but unanswered is exactly what the retries replayed");
            System.out.printf("CrashIT: %d acknowledged before kill -9, %d unanswered (%d of them had committed and were "
                    + "replayed); after retries %d keys, %d entries, chain verified%n", acknowledged.size(),
                    unacknowledged.size(), replayed, keys.size(), after.size());
        }
    }
}
