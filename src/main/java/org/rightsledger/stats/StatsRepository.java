package org.rightsledger.stats;

import static org.rightsledger.sql.Visibility.visible;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.rightsledger.log.LogAccessException;
import org.rightsledger.ops.ReadDataSource;
import org.rightsledger.record.Corrections;
import org.rightsledger.record.RecordRow;
import org.rightsledger.stats.StatsResource.Group;

/** The aggregates behind GET /v1/stats, over the current records the reader may see. */
@ApplicationScoped
public class StatsRepository {

    /** A record dated to a month or a day counts in its month; one dated only to a year, in the year. */
    public static final String MONTH = "r.month_key";

    private final DataSource dataSource;

    /** The read datasource (a replica when configured). */
    StatsRepository(ReadDataSource reads) {
        this.dataSource = reads.get();
    }

    /** Groups by {@code key} (an SQL expression over record {@code r}), for records that overlap [first, last]. */
    public List<Group> groups(String key, LocalDate first, LocalDate last, boolean canReadRestricted) {
        List<Group> groups = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(sql(key))) {
            query.setBoolean(1, canReadRestricted);
            query.setBoolean(2, canReadRestricted);
            query.setBoolean(3, canReadRestricted);
            query.setDate(4, Date.valueOf(first));
            query.setDate(5, Date.valueOf(last));
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
        return groups;
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
                   AND %s %s
                   AND r.occurred_to >= ? AND r.occurred_from <= ?
                 GROUP BY 1 ORDER BY 1""".formatted(key, RecordRow.RATE_JOIN, visible("r"),
                Corrections.CURRENT_AS_SEEN_IN_BULK);
    }
}
