package org.rightsledger.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/** Reads of the log itself: the head and single entries. */
@ApplicationScoped
public class LogRepository {

    private final DataSource dataSource;

    LogRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public LogHead head() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT position, hash, recorded_at FROM log_head");
                ResultSet head = query.executeQuery()) {
            head.next();
            Timestamp recordedAt = head.getTimestamp(3);
            return new LogHead(head.getLong(1), Chain.hex(head.getBytes(2)),
                    recordedAt == null ? null : recordedAt.toInstant());
        } catch (SQLException e) {
            throw new LogAccessException("reading the head failed", e);
        }
    }

    /** Whether an entry with this id is in the log. */
    public boolean contains(UUID id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT 1 FROM log_entry WHERE id = ?")) {
            query.setObject(1, id);
            try (ResultSet found = query.executeQuery()) {
                return found.next();
            }
        } catch (SQLException e) {
            throw new LogAccessException("looking up an entry failed", e);
        }
    }

    public static LogEntry entry(ResultSet row) throws SQLException {
        return new LogEntry(row.getLong("position"), row.getObject("id", UUID.class), row.getString("type"),
                row.getString("content"), row.getBytes("content_hash"), row.getBytes("hash"),
                row.getBoolean("restricted"), row.getTimestamp("recorded_at").toInstant());
    }
}
