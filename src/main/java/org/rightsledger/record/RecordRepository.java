package org.rightsledger.record;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.rightsledger.log.LogAccessException;

/** The record projection: written with each record entry, read by lookups and listings. */
@ApplicationScoped
public class RecordRepository {

    // The tsvector covers English and Russian stems plus the plain words (Kazakh, names).
    private static final String SEARCH_VECTOR =
            "to_tsvector('english', ?) || to_tsvector('russian', ?) || to_tsvector('simple', ?)";
    private static final String SEARCH_QUERY = "(websearch_to_tsquery('english', ?) || "
            + "websearch_to_tsquery('russian', ?) || websearch_to_tsquery('simple', ?))";

    private static final String SELECT_ROW = """
            SELECT e.position, e.id, e.type, e.content, e.content_hash, e.hash, e.restricted, e.recorded_at,
                   (SELECT s.id FROM record s WHERE s.supersedes = r.id AND (NOT s.restricted OR ?)
                     ORDER BY s.position DESC LIMIT 1) AS superseded_by,
                   (SELECT t.id FROM record t WHERE t.retracts = r.id AND (NOT t.restricted OR ?)
                     ORDER BY t.position DESC LIMIT 1) AS retracted_by,
                   """ + RecordRow.RATE_COLUMNS + """
              FROM record r JOIN log_entry e ON e.position = r.position
            """ + RecordRow.RATE_JOIN;

    private final DataSource dataSource;

    RecordRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void insert(UUID id, long position, ValidRecord record, String searchText) {
        RecordDraft d = record.draft();
        ReducedDate occurred = record.occurred();
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement("""
                        INSERT INTO record (id, position, type, country, occurred_from, occurred_to, case_id, bill_id,
                                            actor_ids, tags, restricted, supersedes, retracts, amount, currency,
                                            sentence_days, detained_count, month_key, search)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::numeric, ?, ?, ?, ?, """ + SEARCH_VECTOR + ")")) {
            int i = 0;
            insert.setObject(++i, id);
            insert.setLong(++i, position);
            insert.setString(++i, record.type().value);
            insert.setString(++i, d.country());
            insert.setDate(++i, Date.valueOf(occurred.first()));
            insert.setDate(++i, Date.valueOf(occurred.last()));
            insert.setObject(++i, d.caseId());
            insert.setObject(++i, d.billId());
            insert.setArray(++i, c.createArrayOf("uuid", record.actorIds().toArray()));
            insert.setArray(++i, c.createArrayOf("text", record.tags().toArray()));
            insert.setBoolean(++i, record.restricted());
            insert.setObject(++i, d.supersedes());
            insert.setObject(++i, record.retracts());
            Money amount = record.fineAmount();
            insert.setString(++i, amount == null ? null : amount.amount());
            insert.setString(++i, amount == null ? null : amount.currency());
            insert.setObject(++i, record.sentenceDays());
            insert.setObject(++i, record.detainedCount());
            insert.setString(++i, d.occurredOn().substring(0, Math.min(7, d.occurredOn().length())));
            for (int k = 0; k < 3; k++) {
                insert.setString(++i, searchText);
            }
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new LogAccessException("recording the record failed", e);
        }
    }

    public Optional<RecordRow> find(UUID id, boolean canReadRestricted) {
        String sql = SELECT_ROW + " WHERE r.id = ? AND (NOT r.restricted OR ?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(sql)) {
            query.setBoolean(1, canReadRestricted);
            query.setBoolean(2, canReadRestricted);
            query.setObject(3, id);
            query.setBoolean(4, canReadRestricted);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(row(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new LogAccessException("reading a record failed", e);
        }
    }

    /** What a writer may know of a record for the checks of an append: its type and the corrections it may see. */
    public Optional<Referenced> referenced(UUID id, boolean canReadRestricted) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement("""
                        SELECT r.type,
                               (SELECT s.id FROM record s WHERE s.supersedes = r.id AND (NOT s.restricted OR ?)
                                 ORDER BY s.position DESC LIMIT 1),
                               (SELECT t.id FROM record t WHERE t.retracts = r.id AND (NOT t.restricted OR ?)
                                 ORDER BY t.position DESC LIMIT 1)
                          FROM record r WHERE r.id = ? AND (NOT r.restricted OR ?)""")) {
            query.setBoolean(1, canReadRestricted);
            query.setBoolean(2, canReadRestricted);
            query.setObject(3, id);
            query.setBoolean(4, canReadRestricted);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Referenced(RecordType.of(rows.getString(1)), rows.getObject(2, UUID.class),
                        rows.getObject(3, UUID.class)));
            }
        } catch (SQLException e) {
            throw new LogAccessException("reading a referenced record failed", e);
        }
    }

    public record Referenced(RecordType type, UUID supersededBy, UUID retractedBy) {
    }

    /** Newest first (by position); one page of at most {@code query.limit()} rows. */
    public List<RecordRow> list(RecordQuery query, boolean canReadRestricted) {
        return list(query, canReadRestricted, false);
    }

    /** A timeline: in the order events happened (then by position), at most {@code query.limit()} rows. */
    public List<RecordRow> timeline(RecordQuery query, boolean canReadRestricted) {
        return list(query, canReadRestricted, true);
    }

    /** A statement and its parameters; public so that the query-plan test explains exactly what runs. */
    public record Sql(String text, List<Object> params) {
    }

    private List<RecordRow> list(RecordQuery query, boolean canReadRestricted, boolean chronological) {
        Sql sql = listSql(query, canReadRestricted, chronological);
        try (Connection c = dataSource.getConnection(); PreparedStatement statement = c.prepareStatement(sql.text())) {
            for (int i = 0; i < sql.params().size(); i++) {
                statement.setObject(i + 1, sql.params().get(i));
            }
            List<RecordRow> page = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    page.add(row(rows));
                }
            }
            return page;
        } catch (SQLException e) {
            throw new LogAccessException("listing records failed", e);
        }
    }

    public static Sql listSql(RecordQuery query, boolean canReadRestricted, boolean chronological) {
        StringBuilder sql = new StringBuilder(SELECT_ROW).append(" WHERE (NOT r.restricted OR ?)");
        List<Object> params = new ArrayList<>(List.of(canReadRestricted, canReadRestricted, canReadRestricted));
        if (query.type() != null) {
            sql.append(" AND r.type = ?");
            params.add(query.type().value);
        }
        if (query.country() != null) {
            sql.append(" AND r.country = ?");
            params.add(query.country());
        }
        if (query.from() != null) {
            sql.append(" AND r.occurred_to >= ?");
            params.add(Date.valueOf(query.from().first()));
        }
        if (query.to() != null) {
            sql.append(" AND r.occurred_from <= ?");
            params.add(Date.valueOf(query.to().last()));
        }
        if (query.actor() != null) {
            sql.append(" AND r.actor_ids @> ARRAY[?]::uuid[]");
            params.add(query.actor());
        }
        if (query.caseId() != null) {
            sql.append(" AND r.case_id = ?");
            params.add(query.caseId());
        }
        if (query.billId() != null) {
            sql.append(" AND r.bill_id = ?");
            params.add(query.billId());
        }
        if (query.tag() != null) {
            sql.append(" AND r.tags @> ARRAY[?]::text[]");
            params.add(query.tag());
        }
        if (query.text() != null) {
            sql.append(" AND r.search @@ ").append(SEARCH_QUERY);
            params.add(query.text());
            params.add(query.text());
            params.add(query.text());
        }
        if (!query.includeSuperseded()) {
            sql.append(" AND NOT EXISTS (SELECT 1 FROM record s WHERE s.supersedes = r.id AND (NOT s.restricted OR ?))");
            sql.append(" AND NOT EXISTS (SELECT 1 FROM record t WHERE t.retracts = r.id AND (NOT t.restricted OR ?))");
            params.add(canReadRestricted);
            params.add(canReadRestricted);
        }
        if (query.before() != null) {
            sql.append(" AND r.position < ?");
            params.add(query.before());
        }
        sql.append(chronological ? " ORDER BY r.occurred_from, r.position LIMIT ?" : " ORDER BY r.position DESC LIMIT ?");
        params.add(query.limit());
        return new Sql(sql.toString(), params);
    }

    private static RecordRow row(ResultSet rows) throws SQLException {
        return RecordRow.from(rows);
    }
}
