package org.rightsledger.feed;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.rightsledger.log.LogAccessException;
import org.rightsledger.ops.ReadDataSource;
import org.rightsledger.record.Corrections;
import org.rightsledger.record.RecordRow;

/** Entries in position order, with what later entries say about them. */
@ApplicationScoped
public class FeedRepository {

    private static final String ENTRIES_AFTER = """
            SELECT e.position, e.id, e.type, e.content, e.content_hash, e.hash, e.restricted, e.recorded_at,
                   """ + Corrections.latestAsSeen("e.id") + ", " + RecordRow.RATE_COLUMNS + """
              FROM log_entry e
              LEFT JOIN record r ON r.position = e.position
            """ + RecordRow.RATE_JOIN + """
             WHERE e.position > ?
             ORDER BY e.position
            """;
    private static final int EXPORT_FETCH_SIZE = 1000;

    private final DataSource dataSource;

    /** The read datasource (a replica when configured): it lags the primary, but never has holes. */
    FeedRepository(ReadDataSource reads) {
        this.dataSource = reads.get();
    }

    public List<RecordRow> after(long after, int limit, boolean canReadRestricted) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement(ENTRIES_AFTER + " LIMIT ?")) {
            bind(query, after, canReadRestricted);
            query.setInt(4, limit);
            List<RecordRow> page = new ArrayList<>(Math.min(limit, 1000));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    page.add(row(rows));
                }
            }
            return page;
        } catch (SQLException e) {
            throw new LogAccessException("reading the feed failed", e);
        }
    }

    /** Every entry after {@code after}, streamed through a server-side cursor: constant memory. */
    public void export(long after, boolean canReadRestricted, Consumer<RecordRow> sink) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
            try (PreparedStatement query = c.prepareStatement(ENTRIES_AFTER)) {
                query.setFetchSize(EXPORT_FETCH_SIZE);
                bind(query, after, canReadRestricted);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        sink.accept(row(rows));
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new LogAccessException("exporting the log failed", e);
        }
    }

    private static void bind(PreparedStatement query, long after, boolean canReadRestricted) throws SQLException {
        query.setBoolean(1, canReadRestricted);
        query.setBoolean(2, canReadRestricted);
        query.setLong(3, after);
    }

    private static RecordRow row(ResultSet rows) throws SQLException {
        return RecordRow.from(rows);
    }
}
