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
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.rightsledger.support.PackagedService;
import org.rightsledger.support.Records;
import org.rightsledger.support.WriteLoad;
import org.rightsledger.support.WriteLoad.Outcome;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * QUARKUS_DATASOURCE_READ_JDBC_URL sends feed, long-poll, export, listing and stats reads to a second,
 * read-only datasource; appends, lookups by id and the head stay on the primary. The stand-in
 * replica is another database ({@code <LEDGER_TEST_DATABASE>_replica}) holding the ledger's schema
 * under the same name, as a streaming replica would: the one schema setting puts its connections on
 * that schema, and a plain URL without {@code currentSchema} is enough. It is a copy of the primary
 * (pg_dump | psql) taken after three appends and before the service is started with it; the primary
 * then gets a fourth append: a replica that lags by one entry, so every answer shows which
 * datasource it came from. The replica then catches up, and the feed goes on from the partner's
 * cursor without a gap.
 */
class ReadReplicaIT {

    private static final String SCHEMA = "ledger_replica_it";
    private static final String ADMIN = "replica-it-admin";
    /** Honours LEDGER_TEST_DATABASE, so that checkouts testing side by side do not share a replica. */
    private static final String REPLICA_DATABASE = PackagedService.database() + "_replica";

    @Test
    void readsGoToTheReplicaAndWritesToThePrimary() throws Exception {
        int port = PackagedService.port(8098);
        String writer;
        List<String> copied = new ArrayList<>();
        // The primary alone first: the ledger as it was before an operator added a replica.
        try (PackagedService primaryOnly = PackagedService.start(port, SCHEMA, Map.of("LEDGER_ADMIN_TOKEN", ADMIN))) {
            writer = WriteLoad.writerToken(primaryOnly, ADMIN);
            WriteLoad load = new WriteLoad(primaryOnly, writer, "replica", 1);
            for (int i = 0; i < 3; i++) {
                Outcome outcome = load.send("copied-" + i, Records.fine().toString());
                assertEquals(201, outcome.status(), outcome.toString());
                copied.add(outcome.entry().get("id").asText());
            }
        }
        replicate();

        // Read-only at the session level: a read path that tried to write would fail, not pass unnoticed.
        String replicaUrl = "jdbc:postgresql://localhost:5432/" + REPLICA_DATABASE
                + "?options=-c%20default_transaction_read_only%3Don";
        try (PackagedService service = PackagedService.start(PackagedService.jdbcUrl(SCHEMA), port, SCHEMA,
                Map.of("LEDGER_ADMIN_TOKEN", ADMIN, "QUARKUS_DATASOURCE_READ_JDBC_URL", replicaUrl))) {
            WriteLoad load = new WriteLoad(service, writer, "replica", 1);
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
            assertEquals(copied, exported(service));
            // A long-poll past the replica's end: the primary's head has moved, but the replica has nothing
            // yet, so it reads the replica again until the wait ends (no empty answer at once, which would
            // set its client polling in a loop), then answers with what the replica has (nothing), and the
            // cursor stays where it was: it lags, it does not skip.
            long started = System.nanoTime();
            JsonNode polled = json(service.get("/v1/feed?after=3&wait=2"));
            long waitedMillis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(waitedMillis >= 1900, "answered after " + waitedMillis + " ms, not at the end of the wait");
            assertEquals(0, polled.get("items").size(), polled.toString());
            assertEquals(3, polled.get("next").asLong());

            // Readiness covers both datasources and says how far each has got.
            JsonNode health = json(service.get("/q/health/ready"));
            assertEquals("UP", health.get("status").asText());
            assertTrue(health.toString().contains("\"read\":\"UP\""), health.toString());
            JsonNode log = check(health, "log");
            assertEquals(4, log.get("data").get("position").asLong(), log.toString());
            assertEquals(3, log.get("data").get("readPosition").asLong(), log.toString());

            // The replica catches up: the partner's cursor (3) now brings the ruling, and nothing else.
            replicate();
            JsonNode caughtUp = json(service.get("/v1/feed?after=3"));
            assertEquals(List.of(id), ids(caughtUp.get("items")));
            assertEquals(4, caughtUp.get("next").asLong());
            List<String> all = new ArrayList<>(copied);
            all.add(id);
            assertEquals(all, exported(service));
            assertEquals(id, json(service.get("/v1/records")).get("items").get(0).get("id").asText());
        }
    }

    /**
     * The replica catches up: the primary's schema as it is now, copied whole (pg_dump | psql) into the
     * replica database under the same name. The database is created when missing, and only the schema
     * is replaced, never the database.
     */
    private static void replicate() throws Exception {
        try (Connection db = DriverManager.getConnection(PackagedService.jdbcUrl("public"), "postgres", "");
                Statement sql = db.createStatement()) {
            boolean exists;
            try (ResultSet row = sql.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + REPLICA_DATABASE + "'")) {
                exists = row.next();
            }
            if (!exists) {
                sql.execute("CREATE DATABASE \"" + REPLICA_DATABASE + "\"");
            }
        }
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://localhost:5432/" + REPLICA_DATABASE,
                "postgres", ""); Statement sql = db.createStatement()) {
            sql.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
        Process copy = new ProcessBuilder("bash", "-c", "set -o pipefail; pg_dump -h 127.0.0.1 -U postgres --no-owner -n "
                + SCHEMA + " " + PackagedService.database() + " | psql -h 127.0.0.1 -U postgres -q -v ON_ERROR_STOP=1 "
                + REPLICA_DATABASE).redirectErrorStream(true).start();
        String output = new String(copy.getInputStream().readAllBytes());
        assertTrue(copy.waitFor(120, TimeUnit.SECONDS), "pg_dump | psql did not finish");
        assertEquals(0, copy.exitValue(), "pg_dump | psql failed: " + output);
    }

    private static List<String> exported(PackagedService service) throws Exception {
        HttpResponse<String> export = service.get("/v1/feed/export");
        assertEquals(200, export.statusCode(), export.body());
        List<String> exported = new ArrayList<>();
        for (String line : export.body().split("\n")) {
            exported.add(Records.parse(line).get("id").asText());
        }
        return exported;
    }

    private static JsonNode check(JsonNode health, String name) {
        for (JsonNode check : health.get("checks")) {
            if (name.equals(check.get("name").asText())) {
                return check;
            }
        }
        throw new AssertionError("no check " + name + " in " + health);
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
