package org.rightsledger.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

import javax.sql.DataSource;

/**
 * The log head, locked by a test the way every append locks it. While it is held, the group
 * the committer has taken waits for the lock and every later append queues, so a test can
 * choose exactly which requests share the next group: send one request, wait until the
 * committer is blocked, send the group, wait until it is queued, then {@link #close release}.
 */
public final class HeldHead implements AutoCloseable {

    private static final long PATIENCE_MILLIS = 60_000;

    private final DataSource dataSource;
    private final Connection connection;

    private HeldHead(DataSource dataSource) throws SQLException {
        this.dataSource = dataSource;
        this.connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        try (PreparedStatement lock = connection.prepareStatement("SELECT position FROM log_head FOR UPDATE");
                ResultSet head = lock.executeQuery()) {
            head.next();
        }
    }

    public static HeldHead hold(DataSource dataSource) throws SQLException {
        return new HeldHead(dataSource);
    }

    /** Waits until some session of this database waits for a lock: the committer, on the head. */
    public void awaitCommitterBlocked() throws SQLException, InterruptedException {
        await("the committer to wait for the head lock", () -> {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement waiting = c.prepareStatement("""
                            SELECT count(*) FROM pg_stat_activity
                             WHERE datname = current_database() AND wait_event_type = 'Lock'""");
                    ResultSet rows = waiting.executeQuery()) {
                rows.next();
                return rows.getLong(1) > 0;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /**
     * Waits until {@code count} appends queue behind the held head, {@code queued} being the ledger's
     * (or the committer's) count of them: the group that will be written together on release.
     */
    public void awaitQueued(IntSupplier queued, int count) throws InterruptedException {
        await(count + " appends queued", () -> queued.getAsInt() == count);
    }

    /** Waits for a condition that concurrent requests will make true; fails after a minute. */
    public static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + PATIENCE_MILLIS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("gave up waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    /** Releases the head: the waiting group goes on. */
    @Override
    public void close() throws SQLException {
        try {
            connection.rollback();
        } finally {
            connection.close();
        }
    }
}
