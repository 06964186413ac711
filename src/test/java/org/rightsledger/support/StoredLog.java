package org.rightsledger.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

/** What a service stored, read straight from its schema: to check it after a crash, an outage or a shutdown. */
public final class StoredLog {

    public record Stored(long position, String hash) {
    }

    private final DataSource db;

    public StoredLog(String jdbcUrl) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setURL(jdbcUrl);
        source.setUser("postgres");
        this.db = source;
    }

    /** Walks the chain (positions 1..N, every hash recomputed) and returns the last hash. */
    public String verify() throws SQLException {
        return ChainCheck.verifyStoredLog(db);
    }

    /** Every entry by id. */
    public Map<UUID, Stored> entries() throws SQLException {
        Map<UUID, Stored> entries = new HashMap<>();
        try (Connection c = db.getConnection();
                PreparedStatement query = c.prepareStatement("SELECT id, position, encode(hash, 'hex') FROM log_entry");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                entries.put(rows.getObject(1, UUID.class), new Stored(rows.getLong(2), rows.getString(3)));
            }
        }
        return entries;
    }

    /** Every Idempotency-Key claimed, with the record it stored. */
    public Map<String, UUID> idempotencyKeys() throws SQLException {
        Map<String, UUID> keys = new HashMap<>();
        try (Connection c = db.getConnection();
                PreparedStatement query = c.prepareStatement("SELECT key, record_id FROM idempotency_key");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                keys.put(rows.getString(1), rows.getObject(2, UUID.class));
            }
        }
        return keys;
    }
}
