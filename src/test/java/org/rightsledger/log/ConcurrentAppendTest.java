package org.rightsledger.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.rightsledger.support.Api;
import org.rightsledger.support.ChainCheck;
import org.rightsledger.support.Records;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Many writers at once: positions stay exactly 1..N, nothing is lost or stored twice, and
 * the chain recomputed from the stored entries ends in the head hash.
 */
@QuarkusTest
class ConcurrentAppendTest {

    private static final int WRITERS = 12;
    private static final int APPENDS_EACH = 25;

    @Inject
    DataSource dataSource;

    @Test
    void concurrentWritersGetGaplessPositionsAndAnIntactChain() throws Exception {
        long before = Api.headPosition();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<ObjectNode>>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            writers.add(pool.submit(() -> {
                start.await();
                List<ObjectNode> appended = new ArrayList<>();
                for (int i = 0; i < APPENDS_EACH; i++) {
                    ObjectNode record = (writer + i) % 2 == 0 ? Records.fine() : Records.detention();
                    record.put("summary", "writer " + writer + " append " + i);
                    appended.add(Records.append(record));
                }
                return appended;
            }));
        }
        start.countDown();
        Set<String> ids = new HashSet<>();
        Set<Long> positions = new HashSet<>();
        for (Future<List<ObjectNode>> writer : writers) {
            for (ObjectNode entry : writer.get()) {
                assertTrue(ids.add(entry.get("id").asText()), "an id served twice");
                assertTrue(positions.add(entry.get("position").asLong()), "a position served twice");
                assertEquals(entry.get("contentHash").asText(), ChainCheck.contentHashOf(entry));
            }
        }
        pool.shutdown();

        int appended = WRITERS * APPENDS_EACH;
        assertEquals(appended, ids.size());
        long head = Api.headPosition();
        assertTrue(head >= before + appended);
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement("SELECT count(*), min(position), max(position) FROM log_entry");
                ResultSet stats = query.executeQuery()) {
            stats.next();
            assertEquals(head, stats.getLong(1), "no holes: as many entries as the head position");
            assertEquals(1, stats.getLong(2));
            assertEquals(head, stats.getLong(3));
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement("SELECT id::text FROM log_entry WHERE id::text = ANY (?)")) {
            query.setArray(1, c.createArrayOf("text", ids.toArray()));
            Set<String> stored = new HashSet<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    stored.add(rows.getString(1));
                }
            }
            assertEquals(ids, stored, "every acknowledged entry is stored, once");
        }
        assertEquals(Api.headHash(), ChainCheck.verifyStoredLog(dataSource));
    }
}
