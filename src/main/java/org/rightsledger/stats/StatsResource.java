package org.rightsledger.stats;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.rightsledger.access.CurrentCaller;
import org.rightsledger.log.LogAccessException;
import org.rightsledger.ops.ReadDataSource;
import org.rightsledger.problem.ProblemException;
import org.rightsledger.record.RecordRow;
import org.rightsledger.record.ReducedDate;

/**
 * Figures for dashboards: per month, type or country, how many records, detentions and
 * people detained, days of detention imposed by rulings, fines and their total in US dollars.
 * Counts only what the reader may see, and only current records (not superseded or retracted).
 */
@Path("/v1/stats")
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {

    /** A record dated to a month or a day counts in its month; one dated only to a year, in the year. */
    public static final String MONTH = "r.month_key";

    private final DataSource dataSource;
    private final CurrentCaller caller;

    StatsResource(ReadDataSource reads, CurrentCaller caller) {
        this.dataSource = reads.get();
        this.caller = caller;
    }

    public record Group(String key, long records, long detentions, long detainedPeople, long rulings,
            long detentionDays, long fines, String fineTotalUsd, long finesWithoutRate, long billReadings) {
    }

    public record Stats(String groupBy, String from, String to, List<Group> groups) {
    }

    @PermitAll
    @GET
    public Stats stats(@QueryParam("groupBy") String groupBy, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        String key = switch (groupBy == null ? "month" : groupBy) {
            case "month" -> MONTH;
            case "type" -> "r.type";
            case "country" -> "r.country";
            default -> throw ProblemException.badParameter("groupBy", "must be month, type or country");
        };
        ReducedDate first = ReducedDate.param("from", from);
        ReducedDate last = ReducedDate.param("to", to);
        boolean canReadRestricted = caller.get().canReadRestricted();
        String sql = sql(key);
        List<Group> groups = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(sql)) {
            query.setBoolean(1, canReadRestricted);
            query.setBoolean(2, canReadRestricted);
            query.setBoolean(3, canReadRestricted);
            query.setDate(4, Date.valueOf(first == null ? java.time.LocalDate.of(1, 1, 1) : first.first()));
            query.setDate(5, Date.valueOf(last == null ? java.time.LocalDate.of(9999, 12, 31) : last.last()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    BigDecimal usd = rows.getBigDecimal("fine_total_usd")
                            .setScale(RecordRow.USD_SCALE, RoundingMode.HALF_EVEN);
                    groups.add(new Group(rows.getString("key"), rows.getLong("records"), rows.getLong("detentions"),
                            rows.getLong("detained_people"), rows.getLong("rulings"), rows.getLong("detention_days"),
                            rows.getLong("fines"), usd.toPlainString(), rows.getLong("fines_without_rate"),
                            rows.getLong("bill_readings")));
                }
            }
        } catch (SQLException e) {
            throw new LogAccessException("computing statistics failed", e);
        }
        return new Stats(groupBy == null ? "month" : groupBy, from, to, groups);
    }


    /**
     * The aggregate for one grouping expression. Parameters: may read restricted (three times),
     * first day, last day. Public so that the query-plan test times exactly this statement.
     */
    public static String sql(String key) {
        return """
                SELECT %s AS key,
                       count(*) AS records,
                       count(*) FILTER (WHERE r.type = 'detention') AS detentions,
                       coalesce(sum(r.detained_count), 0) AS detained_people,
                       count(*) FILTER (WHERE r.type = 'ruling') AS rulings,
                       coalesce(sum(r.sentence_days), 0) AS detention_days,
                       count(*) FILTER (WHERE r.type = 'fine') AS fines,
                       coalesce(sum(r.amount * CASE WHEN r.currency = 'USD' THEN 1 ELSE rate.usd_per_unit END), 0)
                           AS fine_total_usd,
                       count(*) FILTER (WHERE r.type = 'fine' AND r.currency <> 'USD' AND rate.usd_per_unit IS NULL)
                           AS fines_without_rate,
                       count(*) FILTER (WHERE r.type = 'bill_reading') AS bill_readings
                  FROM record r
                %s
                 WHERE r.type <> 'retraction'
                   AND (NOT r.restricted OR ?)
                   -- NOT IN over the (few) corrections hashes them once: one sequential pass, no anti-join by id.
                   AND r.id NOT IN (SELECT s.supersedes FROM record s
                                     WHERE s.supersedes IS NOT NULL AND (NOT s.restricted OR ?))
                   AND r.id NOT IN (SELECT t.retracts FROM record t
                                     WHERE t.retracts IS NOT NULL AND (NOT t.restricted OR ?))
                   AND r.occurred_to >= ? AND r.occurred_from <= ?
                 GROUP BY 1 ORDER BY 1""".formatted(key, RecordRow.RATE_JOIN);
    }
}
