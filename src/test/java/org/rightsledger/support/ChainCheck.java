package org.rightsledger.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.rightsledger.log.Chain;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Recomputes hashes the way a partner would: from what is served, by the formulas of docs/log-format.md. */
public final class ChainCheck {

    private ChainCheck() {
    }

    /** contentHash of a served entry: the entry minus position, contentHash, hash and derived. */
    public static String contentHashOf(ObjectNode served) {
        ObjectNode content = served.deepCopy();
        content.remove(java.util.List.of("position", "contentHash", "hash", "derived"));
        return Chain.hex(Chain.contentHash(Chain.canonicalize(content.toString())));
    }

    /**
     * Walks the whole stored log: positions must be exactly 1..N, every content must hash to
     * its contentHash, every hash must chain; returns the last hash, which must be the head's.
     */
    public static String verifyStoredLog(DataSource dataSource) throws SQLException {
        byte[] previous = Chain.GENESIS;
        long expected = 1;
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement(
                        "SELECT position, content, content_hash, hash FROM log_entry ORDER BY position");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                long position = rows.getLong(1);
                assertEquals(expected, position, "positions must be gapless");
                byte[] contentHash = Chain.contentHash(Chain.canonicalize(rows.getString(2)));
                assertArrayEquals(rows.getBytes(3), contentHash, "contentHash of position " + position);
                byte[] hash = Chain.entryHash(position, previous, contentHash);
                assertArrayEquals(rows.getBytes(4), hash, "hash of position " + position);
                previous = hash;
                expected++;
            }
        }
        return Chain.hex(previous);
    }
}
