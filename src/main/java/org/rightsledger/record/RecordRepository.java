package org.rightsledger.record;

import static org.rightsledger.sql.Visibility.visible;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.rightsledger.ledger.Append;
import org.rightsledger.ledger.Pipeline.Step;
import org.rightsledger.log.LogAccessException;
import org.rightsledger.ops.ReadDataSource;
import org.rightsledger.sql.KeysetPage;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/** The record projection: written with each record entry, read by lookups and listings. */
@ApplicationScoped
public class RecordRepository {

    /**
     * The document's words, stemmed once: PostgreSQL's {@code russian} configuration stems ASCII
     * words with the English stemmer and the others (Russian, Kazakh) with the Russian one. The
     * query asks the {@code english}, {@code russian} and {@code simple} readings of what was
     * typed (any may match), and the {@code russian} reading always finds the words this vector
     * holds. One parse instead of three: the vector was nine tenths of a record append's cost.
     */
    private static final String SEARCH_VECTORS = """
            SELECT to_tsvector('russian', u.t)::text, rate.usd_per_unit, rate.date, rate.source
              FROM unnest(?::text[], ?::text[], ?::date[]) WITH ORDINALITY AS u (t, currency, occurred_to, i)
              LEFT JOIN LATERAL (SELECT x.usd_per_unit, x.date, x.source FROM exchange_rate x
                                  WHERE x.currency = u.currency AND x.date <= u.occurred_to
                                  ORDER BY x.date DESC, x.position DESC LIMIT 1) rate ON true
             ORDER BY u.i""";
    private static final String SEARCH_QUERY = "(websearch_to_tsquery('english', ?) || "
            + "websearch_to_tsquery('russian', ?) || websearch_to_tsquery('simple', ?))";

    /** A record with what is known of it after the fact; two parameters: canReadRestricted, twice. */
    private static final String SELECT_ROW = "SELECT e.position, e.id, e.type, e.content, e.content_hash, e.hash, "
            + "e.restricted, e.recorded_at, " + Corrections.latestAsSeen("r.id") + ", " + RecordRow.RATE_COLUMNS
            + " FROM record r JOIN log_entry e ON e.position = r.position " + RecordRow.RATE_JOIN;

    private final DataSource dataSource;
    /**
     * The listing (GET /v1/records) reads the read datasource (a replica when configured). Lookups by id,
     * reference checks and timelines (which entity views and write answers embed) stay on the primary.
     */
    private final DataSource reads;

    RecordRepository(DataSource dataSource, ReadDataSource reads) {
        this.dataSource = dataSource;
        this.reads = reads.get();
    }

    /**
     * A record's row in the projection; its position is its entry's, appended before in the same
     * transaction. The search vector (tsvector text) is computed before, by {@link #searchVectors};
     * so is, for a single record's answer, a fine's rate ({@code fine}, null otherwise).
     */
    public record Projection(UUID id, ValidRecord record, String searchText, String searchVector, RecordRow.Fine fine) {
    }

    /**
     * The projections with their search vectors and, when {@code withRates}, each fine with the
     * rate that converts it to US dollars now ({@link RecordRow#RATE_JOIN}'s rule): in one query
     * on the writer's own connection. Parsing the words is the costliest part of a record's
     * append; done here it runs beside other writers, not inside the one group transaction that
     * holds the head lock. The rate saves the writer a read of its record after the commit.
     */
    public List<Projection> searchVectors(List<Projection> projections, boolean withRates) {
        int n = projections.size();
        String[] texts = new String[n];
        String[] currencies = new String[n];
        String[] occurredTo = new String[n];
        for (int i = 0; i < n; i++) {
            Projection p = projections.get(i);
            texts[i] = p.searchText();
            Money amount = p.record().fineAmount();
            if (withRates && amount != null) {
                currencies[i] = amount.currency();
                occurredTo[i] = p.record().occurred().last().toString();
            }
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(SEARCH_VECTORS)) {
            query.setArray(1, c.createArrayOf("text", texts));
            query.setArray(2, c.createArrayOf("text", currencies));
            query.setArray(3, c.createArrayOf("text", occurredTo));
            List<Projection> indexed = new ArrayList<>(n);
            try (ResultSet rows = query.executeQuery()) {
                for (int i = 0; i < n; i++) {
                    Projection p = projections.get(i);
                    if (!rows.next()) {
                        throw new IllegalStateException("no search vector for record " + p.id());
                    }
                    // A currency was asked for exactly the fines whose rate is wanted.
                    RecordRow.Fine fine = currencies[i] == null ? null
                            : new RecordRow.Fine(new BigDecimal(p.record().fineAmount().amount()), currencies[i],
                                    rows.getBigDecimal(2), rows.getObject(3, LocalDate.class), rows.getString(4));
                    indexed.add(new Projection(p.id(), p.record(), p.searchText(), rows.getString(1), fine));
                }
            }
            return indexed;
        } catch (SQLException e) {
            throw new LogAccessException("computing search vectors failed", e);
        }
    }

    /** The projection as the ledger writes it, with the record's entry. */
    static final Append.Table<Projection> PROJECTION = RecordRepository::insertAll;

    /** Inserts the rows in one statement, for entries appended before in the same transaction. */
    private static Step insertAll(List<Projection> projections) {
        return new Step("""
                INSERT INTO record (id, position, type, country, occurred_from, occurred_to, case_id, bill_id,
                                    actor_ids, tags, restricted, supersedes, retracts, amount, currency,
                                    sentence_days, detained_count, month_key, search)
                SELECT r.id, e.position, r.type, r.country, r.occurred_from, r.occurred_to, r.case_id, r.bill_id,
                       ARRAY(SELECT a FROM jsonb_array_elements_text(r.actor_ids::jsonb) WITH ORDINALITY x (a, i)
                              ORDER BY i)::uuid[],
                       ARRAY(SELECT t FROM jsonb_array_elements_text(r.tags::jsonb) WITH ORDINALITY x (t, i) ORDER BY i),
                       r.restricted, r.supersedes, r.retracts, r.amount::numeric, r.currency, r.sentence_days,
                       r.detained_count, r.month_key, r.search::tsvector

                  FROM unnest(?::uuid[], ?::text[], ?::text[], ?::date[], ?::date[], ?::uuid[], ?::uuid[], ?::text[],
                              ?::text[], ?::boolean[], ?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::int[], ?::int[],
                              ?::text[], ?::text[])
                       AS r (id, type, country, occurred_from, occurred_to, case_id, bill_id, actor_ids, tags, restricted,
                             supersedes, retracts, amount, currency, sentence_days, detained_count, month_key, search)
                  JOIN log_entry e ON e.id = r.id""", (statement, first) -> {
            int n = projections.size();
            Object[][] columns = new Object[18][n];
            for (int k = 0; k < n; k++) {
                Projection projection = projections.get(k);
                ValidRecord record = projection.record();
                RecordDraft d = record.draft();
                ReducedDate occurred = record.occurred();
                Money amount = record.fineAmount();
                Object[] row = { projection.id(), record.type().value, d.country(), occurred.first().toString(),
                        occurred.last().toString(), d.caseId(), d.billId(), jsonArray(record.actorIds()),
                        jsonArray(record.tags()), record.restricted(), d.supersedes(), record.retracts(),
                        amount == null ? null : amount.amount(), amount == null ? null : amount.currency(),
                        record.sentenceDays(), record.detainedCount(),
                        d.occurredOn().substring(0, Math.min(7, d.occurredOn().length())),
                        Objects.requireNonNull(projection.searchVector(), "the search vector is computed before the append") };
                for (int column = 0; column < row.length; column++) {
                    columns[column][k] = row[column];
                }
            }
            String[] types = { "uuid", "text", "text", "text", "text", "uuid", "uuid", "text", "text", "boolean", "uuid",
                    "uuid", "text", "text", "int4", "int4", "text", "text" };
            Connection c = statement.getConnection();
            for (int column = 0; column < types.length; column++) {
                statement.setArray(first + column, c.createArrayOf(types[column], columns[column]));
            }
            return first + types.length;
        });
    }

    /** Ids and slugs as a JSON array: per-row arrays of different lengths cannot travel in one SQL array. */
    private static String jsonArray(List<?> values) {
        StringBuilder json = new StringBuilder("[");
        for (Object value : values) {
            json.append(json.length() == 1 ? "\"" : ",\"")
                    .append(JsonStringEncoder.getInstance().quoteAsString(value.toString())).append('"');
        }
        return json.append(']').toString();
    }

    public Optional<RecordRow> find(UUID id, boolean canReadRestricted) {
        String sql = SELECT_ROW + " WHERE r.id = ? AND " + visible("r");
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

    /**
     * What a writer may know of records for the checks of an append, keyed by id, as the
     * caller's transaction sees them: their type and the corrections it may see. The records it
     * may not read are absent.
     */
    public static Map<UUID, Referenced> referenced(Connection c, Collection<UUID> ids, boolean canReadRestricted)
            throws SQLException {
        Map<UUID, Referenced> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        try (PreparedStatement query = c.prepareStatement("SELECT r.id, r.type, " + Corrections.latestAsSeen("r.id")
                + " FROM record r WHERE r.id = ANY (?) AND " + visible("r"))) {
            query.setBoolean(1, canReadRestricted);
            query.setBoolean(2, canReadRestricted);
            query.setArray(3, c.createArrayOf("uuid", ids.toArray()));
            query.setBoolean(4, canReadRestricted);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.put(rows.getObject(1, UUID.class), new Referenced(RecordType.of(rows.getString(2)),
                            rows.getObject(3, UUID.class), rows.getObject(4, UUID.class)));
                }
            }
        }
        return found;
    }

    public record Referenced(RecordType type, UUID supersededBy, UUID retractedBy) {
    }

    /** Newest first (by position); one page of at most {@code query.limit()} rows. */
    public List<RecordRow> list(RecordQuery query, boolean canReadRestricted) {
        return list(reads, query, canReadRestricted, false);
    }

    /** A timeline: in the order events happened (then by position), at most {@code query.limit()} rows. */
    public List<RecordRow> timeline(RecordQuery query, boolean canReadRestricted) {
        return list(dataSource, query, canReadRestricted, true);
    }

    /** A statement and its parameters; public so that the query-plan test explains exactly what runs. */
    public record Sql(String text, List<Object> params) {
    }

    private List<RecordRow> list(DataSource source, RecordQuery query, boolean canReadRestricted, boolean chronological) {
        Sql sql = listSql(query, canReadRestricted, chronological);
        try (Connection c = source.getConnection(); PreparedStatement statement = c.prepareStatement(sql.text())) {
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
        StringBuilder sql = new StringBuilder(SELECT_ROW).append(" WHERE ").append(visible("r"));
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
            sql.append(Corrections.CURRENT_AS_SEEN);
            params.add(canReadRestricted);
            params.add(canReadRestricted);
        }
        KeysetPage.page(sql, params, "r.position", query.before(),
                chronological ? "r.occurred_from, r.position" : "r.position DESC", query.limit());
        return new Sql(sql.toString(), params);
    }

    private static RecordRow row(ResultSet rows) throws SQLException {
        return RecordRow.from(rows);
    }
}
