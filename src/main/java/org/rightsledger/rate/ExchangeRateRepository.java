package org.rightsledger.rate;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.rightsledger.ledger.Append;
import org.rightsledger.ledger.Pipeline.Step;
import org.rightsledger.log.LogAccessException;
import org.rightsledger.log.LogEntry;
import org.rightsledger.log.LogRepository;
import org.rightsledger.sql.KeysetPage;

/** The projection of exchange-rate entries: written with each entry, read by lists and by fines' USD equivalents. */
@ApplicationScoped
public class ExchangeRateRepository {

    /** The projection row of a rate entry. */
    record RateRow(UUID entryId, ExchangeRateDraft rate) {
    }

    /** Rates as the ledger writes them, with their entries. */
    static final Append.Table<RateRow> RATES = ExchangeRateRepository::insertAll;

    private final DataSource dataSource;

    ExchangeRateRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    private static Step insertAll(List<RateRow> rows) {
        return new Step("""
                INSERT INTO exchange_rate (position, currency, date, usd_per_unit, source)
                SELECT e.position, g.currency, g.date, g.usd_per_unit, g.source
                  FROM unnest(?::uuid[], ?::text[], ?::date[], ?::numeric[], ?::text[])
                       AS g (entry_id, currency, date, usd_per_unit, source)
                  JOIN log_entry e ON e.id = g.entry_id""", (statement, first) -> {
            Connection c = statement.getConnection();
            statement.setArray(first, c.createArrayOf("uuid", rows.stream().map(RateRow::entryId).toArray()));
            statement.setArray(first + 1, c.createArrayOf("text", rows.stream().map(r -> r.rate().currency()).toArray()));
            statement.setArray(first + 2, c.createArrayOf("text", rows.stream().map(r -> r.rate().date()).toArray()));
            statement.setArray(first + 3,
                    c.createArrayOf("text", rows.stream().map(r -> r.rate().usdPerUnit()).toArray()));
            statement.setArray(first + 4, c.createArrayOf("text", rows.stream().map(r -> r.rate().source()).toArray()));
            return first + 5;
        });
    }

    /** Rate entries, newest entry first. */
    public List<LogEntry> list(String currency, LocalDate from, LocalDate to, Long beforePosition, int limit) {
        StringBuilder sql = new StringBuilder("""
                SELECT e.position, e.id, e.type, e.content, e.content_hash, e.hash, e.restricted, e.recorded_at
                  FROM exchange_rate x JOIN log_entry e ON e.position = x.position WHERE true""");
        List<Object> params = new ArrayList<>();
        if (currency != null) {
            sql.append(" AND x.currency = ?");
            params.add(currency);
        }
        if (from != null) {
            sql.append(" AND x.date >= ?");
            params.add(Date.valueOf(from));
        }
        if (to != null) {
            sql.append(" AND x.date <= ?");
            params.add(Date.valueOf(to));
        }
        KeysetPage.newestFirst(sql, params, "x.position", beforePosition, limit);
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                query.setObject(i + 1, params.get(i));
            }
            List<LogEntry> entries = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    entries.add(LogRepository.entry(rows));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new LogAccessException("listing exchange rates failed", e);
        }
    }
}
