package org.rightsledger.rate;

import java.math.BigDecimal;
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
import jakarta.transaction.Transactional;

import org.rightsledger.log.LogAccessException;
import org.rightsledger.log.LogAppender;
import org.rightsledger.log.LogEntry;
import org.rightsledger.log.LogRepository;
import org.rightsledger.problem.ProblemException;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Exchange rates are log entries too; a later entry for the same currency and day wins. */
@ApplicationScoped
public class ExchangeRateService {

    private final LogAppender log;
    private final DataSource dataSource;
    private final ObjectMapper json;

    ExchangeRateService(LogAppender log, DataSource dataSource, ObjectMapper json) {
        this.log = log;
        this.dataSource = dataSource;
        this.json = json;
    }

    @Transactional
    public LogEntry create(ExchangeRateDraft rate, String partner) {
        return create(UUID.randomUUID(), rate, partner);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public LogEntry create(UUID id, ExchangeRateDraft rate, String partner) {
        BigDecimal usdPerUnit = new BigDecimal(rate.usdPerUnit());
        if (usdPerUnit.signum() <= 0) {
            throw ProblemException.invalid("/usdPerUnit", "must be more than 0");
        }
        if ("USD".equals(rate.currency())) {
            throw ProblemException.invalid("/currency", "a rate converts another currency to USD");
        }
        LogEntry entry = log.append(id, "exchange_rate", json.valueToTree(rate), false, partner);
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO exchange_rate (position, currency, date, usd_per_unit, source) VALUES (?, ?, ?, ?, ?)")) {
            insert.setLong(1, entry.position());
            insert.setString(2, rate.currency());
            insert.setDate(3, Date.valueOf(LocalDate.parse(rate.date())));
            insert.setBigDecimal(4, usdPerUnit);
            insert.setString(5, rate.source());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new LogAccessException("recording an exchange rate failed", e);
        }
        return entry;
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
        if (beforePosition != null) {
            sql.append(" AND x.position < ?");
            params.add(beforePosition);
        }
        sql.append(" ORDER BY x.position DESC LIMIT ?");
        params.add(limit);
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
