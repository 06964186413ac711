package org.rightsledger.ledger;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.rightsledger.support.Api;
import org.rightsledger.support.Records;

import com.fasterxml.jackson.databind.node.ArrayNode;

import io.quarkus.test.junit.QuarkusTest;

/**
 * After a large append the planner's statistics follow at once, not a minute later when
 * autovacuum wakes: the log and its projection are analyzed in the background once the
 * log has doubled since the last time.
 */
@QuarkusTest
class PlannerStatisticsTest {

    @Inject
    PlannerStatistics statistics;
    @Inject
    DataSource dataSource;
    @ConfigProperty(name = "ledger.statistics.min-appends")
    long minAppends;

    @Test
    void aLoadThatDoublesTheLogRefreshesTheStatisticsOfTheLogAndItsProjection() throws Exception {
        long analyzesBefore = statistics.analyzes();
        long needed = Math.max(minAppends, Api.headPosition()) + 1; // the log doubles
        String writer = Api.writer();
        for (long appended = 0; appended < needed; appended += 1000) {
            ArrayNode batch = Records.JSON.createArrayNode();
            for (int i = 0; i < Math.min(1000, needed - appended); i++) {
                batch.add(Records.detention());
            }
            Api.as(writer).contentType("application/json").body(batch.toString()).post("/v1/records/batch").then()
                    .statusCode(201);
        }
        long deadline = System.currentTimeMillis() + 30_000;
        while (statistics.analyzes() == analyzesBefore && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(statistics.analyzes() > analyzesBefore, "an ANALYZE ran after " + needed + " appends");
        try (Connection c = dataSource.getConnection(); Statement query = c.createStatement();
                ResultSet analyzed = query.executeQuery("SELECT count(*) FROM pg_stat_user_tables WHERE schemaname = "
                        + "current_schema() AND relname IN ('log_entry', 'record') AND last_analyze > now() - interval '1 minute'")) {
            analyzed.next();
            assertTrue(analyzed.getInt(1) == 2, "both tables analyzed within the last minute");
        }
    }
}
