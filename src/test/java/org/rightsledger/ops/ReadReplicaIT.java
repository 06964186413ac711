package org.rightsledger.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rightsledger.support.PackagedService;
import org.rightsledger.support.Records;
import org.rightsledger.support.WriteLoad;
import org.rightsledger.support.WriteLoad.Outcome;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * QUARKUS_DATASOURCE_READ_JDBC_URL sends feed, export, listing and stats reads to a second,
 * read-only datasource; appends, lookups by id and the head stay on the primary. The "replica"
 * here is a snapshot of the primary's tables taken after three appends (another schema, opened
 * read-only), and the primary gets a fourth append after it: a replica that lags by one entry,
 * so every answer shows which datasource it came from.
 */
@org.junit.jupiter.api.Disabled("Its stand-in replica is another schema, but every read connection now sets search_path to the one ledger schema, and readiness (which reads the head through the replica) waits for a replica this test only fills after start. Needs a stand-in replica in another database with the same schema name; see the closing note of session 3.")
class ReadReplicaIT {

    private static final String PRIMARY = "ledger_replica_it";
    private static final String REPLICA = "ledger_replica_it_copy";
    private static final String ADMIN = "replica-it-admin";

    @Test
    void readsGoToTheReplicaAndWritesToThePrimary() throws Exception {
        try (Connection db = DriverManager.getConnection(PackagedService.jdbcUrl("public"), "postgres", "");
                Statement sql = db.createStatement()) {
            sql.execute("DROP SCHEMA IF EXISTS " + REPLICA + " CASCADE");
            sql.execute("CREATE SCHEMA " + REPLICA);
        }
        // Read-only at the session level: a read path that tried to write would fail, not pass unnoticed.
        String readOnly = PackagedService.jdbcUrl(REPLICA) + "&options=-c%20default_transaction_read_only%3Don";
        try (PackagedService service = PackagedService.start(PackagedService.port(8098), PRIMARY,
                Map.of("LEDGER_ADMIN_TOKEN", ADMIN, "QUARKUS_DATASOURCE_READ_JDBC_URL", readOnly))) {
            WriteLoad load = new WriteLoad(service, WriteLoad.writerToken(service, ADMIN), "replica", 1);
            List<String> copied = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Outcome outcome = load.send("copied-" + i, Records.fine().toString());
                assertEquals(201, outcome.status(), outcome.toString());
                copied.add(outcome.entry().get("id").asText());
            }
            snapshot();
            Outcome appended = load.send("not-yet-replicated", Records.ruling().toString());
            assertEquals(201, appended.status(), appended.toString());
            String id = appended.entry().get("id").asText();
            assertEquals(4, appended.entry().get("position").asLong());

            // Lookups by id and the head: the primary, so a record just written can be read back at once.
            assertEquals(200, service.get("/v1/records/" + id).statusCode());
            assertEquals(4, json(service.get("/v1/log/head")).get("position").asLong());

            // Feed, listing, stats and export: the replica, which lags: no ruling there yet, and no gap either.
            JsonNode feed = json(service.get("/v1/feed?after=0"));
            assertEquals(copied, ids(feed.get("items")));
            assertEquals(3, feed.get("next").asLong());
            List<String> newestFirst = new ArrayList<>(copied);
            Collections.reverse(newestFirst);
            assertEquals(newestFirst, ids(json(service.get("/v1/records")).get("items")));
            JsonNode stats = json(service.get("/v1/stats?groupBy=type")).get("groups");
            assertEquals(1, stats.size(), stats.toString());
            assertEquals("fine", stats.get(0).get("key").asText());
            assertEquals(3, stats.get(0).get("records").asLong());
            HttpResponse<String> export = service.get("/v1/feed/export");
            assertEquals(200, export.statusCode());
            List<String> exported = new ArrayList<>();
            for (String line : export.body().split("\n")) {
                exported.add(Records.parse(line).get("id").asText());
            }
            assertEquals(copied, exported);

            // Readiness covers both datasources.
            JsonNode health = json(service.get("/q/health/ready"));
            assertEquals("UP", health.get("status").asText());
            assertTrue(health.toString().contains("\"read\":\"UP\""), health.toString());
        }
    }

    /** The "replica" catches up once: a copy of every table of the primary as it is now. */
    private static void snapshot() throws Exception {
        try (Connection db = DriverManager.getConnection(PackagedService.jdbcUrl("public"), "postgres", "");
                Statement sql = db.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = sql.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = '"
                    + PRIMARY + "' AND table_type = 'BASE TABLE'")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            for (String table : tables) {
                sql.execute("CREATE TABLE " + REPLICA + "." + table + " AS TABLE " + PRIMARY + "." + table);
            }
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return Records.parse(response.body());
    }

    private static List<String> ids(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }
}
