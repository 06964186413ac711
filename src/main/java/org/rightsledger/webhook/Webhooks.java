package org.rightsledger.webhook;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.rightsledger.log.LogAccessException;

/** Webhook subscriptions and their recent delivery attempts, in PostgreSQL (the primary). */
@ApplicationScoped
public class Webhooks {

    /** Delivery attempts kept per webhook. */
    static final int KEPT_ATTEMPTS = 100;

    private static final String COLUMNS = "w.id, w.api_key_id, w.url, w.types, w.secret, w.cursor, w.pending_to, "
            + "w.created_at, w.failing_since, w.failures, w.next_attempt_at, w.paused_at, w.last_error";

    private final DataSource dataSource;

    Webhooks(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A subscription as stored. {@code types} is null for every type. */
    public record Subscription(UUID id, UUID keyId, String url, List<String> types, byte[] secret, long cursor,
            Long pendingTo, Instant createdAt, Instant failingSince, int failures, Instant nextAttemptAt,
            Instant pausedAt, String lastError) {

        boolean wants(String type) {
            return types == null || types.contains(type);
        }
    }

    /** One delivery attempt. {@code status} is null when no HTTP answer came ({@code error} says why). */
    public record Attempt(String messageId, long firstPosition, long lastPosition, int entries, Instant attemptedAt,
            int durationMs, Integer status, String error, Instant nextRetryAt) {
    }

    /** What the dispatcher needs to know of a live subscription (its key not revoked, not paused). */
    record Live(UUID id, long cursor, long head, boolean due) {
    }

    DataSource dataSource() {
        return dataSource;
    }

    public long head() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement("SELECT position FROM log_head");
                ResultSet row = query.executeQuery()) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new LogAccessException("reading the log head failed", e);
        }
    }

    /**
     * Stores a subscription unless the key already has {@code maxPerKey}; the count and the insert
     * hold the key's row lock, so concurrent creations cannot both slip under the limit.
     * @return the subscription, or empty when the key is at the limit
     */
    public Optional<Subscription> create(UUID keyId, String url, List<String> types, byte[] secret, long cursor,
            int maxPerKey) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement lock = c.prepareStatement("SELECT 1 FROM api_key WHERE id = ? FOR UPDATE")) {
                    lock.setObject(1, keyId);
                    lock.executeQuery().close();
                }
                try (PreparedStatement count = c.prepareStatement("SELECT count(*) FROM webhook WHERE api_key_id = ?")) {
                    count.setObject(1, keyId);
                    try (ResultSet row = count.executeQuery()) {
                        row.next();
                        if (row.getLong(1) >= maxPerKey) {
                            c.rollback();
                            return Optional.empty();
                        }
                    }
                }
                UUID id = UUID.randomUUID();
                Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO webhook (id, api_key_id, url, types, "
                        + "secret, cursor, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    insert.setObject(1, id);
                    insert.setObject(2, keyId);
                    insert.setString(3, url);
                    insert.setArray(4, types == null ? null : c.createArrayOf("text", types.toArray()));
                    insert.setBytes(5, secret);
                    insert.setLong(6, cursor);
                    insert.setTimestamp(7, Timestamp.from(now));
                    insert.executeUpdate();
                }
                c.commit();
                return Optional.of(new Subscription(id, keyId, url, types, secret, cursor, null, now, null, 0, null,
                        null, null));
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new LogAccessException("storing a webhook failed", e);
        }
    }

    public List<Subscription> list(UUID keyId) {
        return query("SELECT " + COLUMNS + " FROM webhook w WHERE w.api_key_id = ? ORDER BY w.created_at, w.id",
                keyId);
    }

    /** The subscription, if it exists and belongs to the key. */
    public Optional<Subscription> find(UUID id, UUID keyId) {
        return query("SELECT " + COLUMNS + " FROM webhook w WHERE w.id = ? AND w.api_key_id = ?", id, keyId).stream()
                .findFirst();
    }

    public boolean delete(UUID id, UUID keyId) {
        return update("DELETE FROM webhook WHERE id = ? AND api_key_id = ?", id, keyId) > 0;
    }

    /** Delivery starts again now, with a fresh backoff (also for a webhook that was not paused). */
    public boolean resume(UUID id, UUID keyId) {
        return update("UPDATE webhook SET paused_at = NULL, failing_since = NULL, failures = 0, next_attempt_at = NULL "
                + "WHERE id = ? AND api_key_id = ?", id, keyId) > 0;
    }

    /** The newest attempts first. */
    public List<Attempt> attempts(UUID id, int limit) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement("SELECT message_id, first_position, last_position, "
                        + "entries, attempted_at, duration_ms, status, error, next_retry_at FROM webhook_delivery "
                        + "WHERE webhook_id = ? ORDER BY id DESC LIMIT ?")) {
            query.setObject(1, id);
            query.setInt(2, limit);
            List<Attempt> attempts = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    attempts.add(new Attempt(rows.getString(1), rows.getLong(2), rows.getLong(3), rows.getInt(4),
                            instant(rows, 5), rows.getInt(6), (Integer) rows.getObject(7), rows.getString(8),
                            instant(rows, 9)));
                }
            }
            return attempts;
        } catch (SQLException e) {
            throw new LogAccessException("reading webhook deliveries failed", e);
        }
    }

    /** Every live subscription (key active, not paused), with the head and whether it is due for delivery. */
    List<Live> live() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement("""
                        SELECT w.id, w.cursor, h.position,
                               w.cursor < h.position AND (w.next_attempt_at IS NULL OR w.next_attempt_at <= now())
                          FROM webhook w JOIN api_key k ON k.id = w.api_key_id CROSS JOIN log_head h
                         WHERE k.revoked_at IS NULL AND w.paused_at IS NULL
                        """);
                ResultSet rows = query.executeQuery()) {
            List<Live> live = new ArrayList<>();
            while (rows.next()) {
                live.add(new Live(rows.getObject(1, UUID.class), rows.getLong(2), rows.getLong(3), rows.getBoolean(4)));
            }
            return live;
        } catch (SQLException e) {
            throw new LogAccessException("reading webhooks failed", e);
        }
    }

    // --- used by the deliverer, on the connection that holds the subscription's lock ------------

    /** The subscription when it may be delivered now (key active, not paused), with the key's scopes. */
    static Optional<Due> due(Connection c, UUID id) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("SELECT " + COLUMNS + ", k.scopes, "
                + "(w.next_attempt_at IS NULL OR w.next_attempt_at <= now()) FROM webhook w "
                + "JOIN api_key k ON k.id = w.api_key_id WHERE w.id = ? AND k.revoked_at IS NULL "
                + "AND w.paused_at IS NULL")) {
            query.setObject(1, id);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next() || !row.getBoolean(15)) {
                    return Optional.empty();
                }
                List<String> scopes = List.of((String[]) row.getArray(14).getArray());
                return Optional.of(new Due(subscription(row), scopes.contains("restricted:read")));
            }
        }
    }

    record Due(Subscription subscription, boolean canReadRestricted) {
    }

    /** Everything up to {@code to} was acknowledged (or is not for this subscription). */
    static void advance(Connection c, UUID id, long from, long to) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE webhook SET cursor = ?, pending_to = NULL, "
                + "failing_since = NULL, failures = 0, next_attempt_at = NULL, last_error = NULL "
                + "WHERE id = ? AND cursor = ?")) {
            update.setLong(1, to);
            update.setObject(2, id);
            update.setLong(3, from);
            update.executeUpdate();
        }
    }

    /** The range of the delivery about to be attempted, so that a retry sends the same one. */
    static void pending(Connection c, UUID id, long to) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE webhook SET pending_to = ? WHERE id = ?")) {
            update.setLong(1, to);
            update.setObject(2, id);
            update.executeUpdate();
        }
    }

    static void failed(Connection c, UUID id, Instant failingSince, int failures, Instant nextAttempt,
            Instant pausedAt, String error) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE webhook SET failing_since = ?, failures = ?, "
                + "next_attempt_at = ?, paused_at = ?, last_error = ? WHERE id = ?")) {
            update.setTimestamp(1, Timestamp.from(failingSince));
            update.setInt(2, failures);
            update.setTimestamp(3, nextAttempt == null ? null : Timestamp.from(nextAttempt));
            update.setTimestamp(4, pausedAt == null ? null : Timestamp.from(pausedAt));
            update.setString(5, error);
            update.setObject(6, id);
            update.executeUpdate();
        }
    }

    static void record(Connection c, UUID id, Attempt attempt) throws SQLException {
        // Not for a webhook deleted meanwhile (its owner no longer wants to know).
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO webhook_delivery (webhook_id, message_id, "
                + "first_position, last_position, entries, attempted_at, duration_ms, status, error, next_retry_at) "
                + "SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM webhook WHERE id = ?)")) {
            insert.setObject(1, id);
            insert.setString(2, attempt.messageId());
            insert.setLong(3, attempt.firstPosition());
            insert.setLong(4, attempt.lastPosition());
            insert.setInt(5, attempt.entries());
            insert.setTimestamp(6, Timestamp.from(attempt.attemptedAt()));
            insert.setInt(7, attempt.durationMs());
            insert.setObject(8, attempt.status());
            insert.setString(9, attempt.error());
            insert.setTimestamp(10, attempt.nextRetryAt() == null ? null : Timestamp.from(attempt.nextRetryAt()));
            insert.setObject(11, id);
            insert.executeUpdate();
        }
        try (PreparedStatement prune = c.prepareStatement("DELETE FROM webhook_delivery WHERE webhook_id = ? AND id <= "
                + "(SELECT id FROM webhook_delivery WHERE webhook_id = ? ORDER BY id DESC OFFSET ? LIMIT 1)")) {
            prune.setObject(1, id);
            prune.setObject(2, id);
            prune.setInt(3, KEPT_ATTEMPTS);
            prune.executeUpdate();
        }
    }

    // --- plumbing ---------------------------------------------------------------------------------

    private List<Subscription> query(String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            List<Subscription> found = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.add(subscription(rows));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new LogAccessException("reading webhooks failed", e);
        }
    }

    private int update(String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement update = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                update.setObject(i + 1, parameters[i]);
            }
            return update.executeUpdate();
        } catch (SQLException e) {
            throw new LogAccessException("changing a webhook failed", e);
        }
    }

    private static Subscription subscription(ResultSet row) throws SQLException {
        Array types = row.getArray(4);
        long pending = row.getLong(7);
        Long pendingTo = row.wasNull() ? null : pending;
        return new Subscription(row.getObject(1, UUID.class), row.getObject(2, UUID.class), row.getString(3),
                types == null ? null : List.of((String[]) types.getArray()), row.getBytes(5), row.getLong(6),
                pendingTo, instant(row, 8), instant(row, 9), row.getInt(10), instant(row, 11),
                instant(row, 12), row.getString(13));
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        Timestamp at = row.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }
}
