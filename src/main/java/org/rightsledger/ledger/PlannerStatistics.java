package org.rightsledger.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keeps PostgreSQL's planner statistics in step with large appends. Autovacuum analyzes a table
 * only after its nap (a minute) and once a tenth of it changed; right after a bulk load into a
 * young log the planner still believes the tables nearly empty, and a filtered page of 50 scans
 * and sorts every row (65 ms instead of 1). So once the log has doubled since the last refresh
 * (the entries appended since then are at least half of it, and at least
 * {@code ledger.statistics.min-appends}), one background {@code ANALYZE} of the log and its
 * projection runs; never two at once, never in an append's way. The planner's row counts are
 * then never off by more than half, which is what its plans need; an ANALYZE of a large log takes
 * seconds of the database's CPU, so a tenth (autovacuum's rule, which still applies) would cost
 * appends a twentieth of their throughput under a steady load.
 */
@ApplicationScoped
public class PlannerStatistics {

    private static final Logger LOG = Logger.getLogger(PlannerStatistics.class);
    static final String ANALYZE = "ANALYZE log_entry, record";

    private final DataSource dataSource;
    private final long minAppends;
    private final AtomicLong sinceAnalyze = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong analyzes = new AtomicLong();

    PlannerStatistics(DataSource dataSource, @ConfigProperty(name = "ledger.statistics.min-appends") long minAppends) {
        this.dataSource = dataSource;
        this.minAppends = minAppends;
    }

    /** Entries just committed, the last at {@code head} (the log's length); may start a refresh. */
    void appended(int entries, long head) {
        long since = sinceAnalyze.addAndGet(entries);
        if (since >= Math.max(minAppends, head / 2) && running.compareAndSet(false, true)) {
            sinceAnalyze.set(0);
            Thread analyze = new Thread(this::analyze, "ledger-analyze");
            analyze.setDaemon(true);
            analyze.start();
        }
    }

    /** How many refreshes this instance ran. */
    public long analyzes() {
        return analyzes.get();
    }

    private void analyze() {
        try (Connection c = dataSource.getConnection(); Statement analyze = c.createStatement()) {
            analyze.execute(ANALYZE);
            analyzes.incrementAndGet();
        } catch (SQLException e) {
            LOG.warnf("refreshing the planner's statistics failed (%s); autovacuum will in time", e.getMessage());
        } finally {
            running.set(false);
        }
    }
}
