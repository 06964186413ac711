package org.rightsledger.access;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.rightsledger.log.LogAccessException;

/** The trail of admin actions, written in the same transaction as the action itself. */
@ApplicationScoped
public class AdminAudit {

    private final DataSource dataSource;

    AdminAudit(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public record Event(long id, Instant at, String action, UUID keyId, String partner, List<String> scopes) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String action, ApiKey key) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO admin_audit (action, key_id, partner, scopes) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, action);
            insert.setObject(2, key.id);
            insert.setString(3, key.partner);
            insert.setArray(4, c.createArrayOf("text", key.scopes));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new LogAccessException("writing the audit trail failed", e);
        }
    }

    /** Newest first. */
    public List<Event> latest(int limit) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement(
                        "SELECT id, at, action, key_id, partner, scopes FROM admin_audit ORDER BY id DESC LIMIT ?")) {
            query.setInt(1, limit);
            List<Event> events = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    events.add(new Event(rows.getLong(1), rows.getTimestamp(2).toInstant(), rows.getString(3),
                            rows.getObject(4, UUID.class), rows.getString(5),
                            Arrays.asList((String[]) rows.getArray(6).getArray())));
                }
            }
            return events;
        } catch (SQLException e) {
            throw new LogAccessException("reading the audit trail failed", e);
        }
    }
}
