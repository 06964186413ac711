package org.rightsledger.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.rightsledger.log.Chain;

/**
 * An entry appended by hand through the log's SQL function, in a transaction the test holds
 * and then commits or rolls back: a writer that keeps the head lock for a while, or one that
 * fails after appending. The service itself appends only through its ledger.
 */
public final class HandAppend {

    private HandAppend() {
    }

    /** Appends an entry whose content (id, type, recordedAt and recordedBy included) is {@code contentJson}. */
    public static long append(Connection transaction, UUID id, String type, String contentJson, Instant recordedAt)
            throws SQLException {
        String canonical = Chain.canonicalize(contentJson);
        try (PreparedStatement append = transaction.prepareStatement(
                "SELECT entry_position FROM append_entry(?, ?, ?, ?, false, ?)")) {
            append.setObject(1, id);
            append.setString(2, type);
            append.setString(3, canonical);
            append.setBytes(4, Chain.contentHash(canonical));
            append.setTimestamp(5, Timestamp.from(recordedAt));
            try (ResultSet appended = append.executeQuery()) {
                appended.next();
                return appended.getLong(1);
            }
        }
    }
}
