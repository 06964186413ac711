package org.rightsledger.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.rightsledger.support.PackagedService;
import org.rightsledger.support.Records;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One schema setting: QUARKUS_FLYWAY_SCHEMAS. The packaged jar with the JDBC URL every PostgreSQL
 * user writes (no currentSchema) migrates that schema and serves from it; a service that cannot read
 * its log is not ready; and a schema that is not where it should be stops the start with the cause.
 */
class SchemaSettingIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "schema-it-admin";

    static String plainUrl() {
        return "jdbc:postgresql://localhost:5432/" + PackagedService.database();
    }

    static void sql(String statement) throws Exception {
        try (Connection db = DriverManager.getConnection(plainUrl(), "postgres", ""); Statement sql = db.createStatement()) {
            sql.execute(statement);
        }
    }

    @Test
    void aPlainJdbcUrlServesFromTheSchemaSettingAndReadinessFollowsTheLog() throws Exception {
        String schema = "ledger_schema_it";
        sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        // A currentSchema in the URL pointing elsewhere changes nothing: the schema setting wins on every connection.
        for (String url : List.of(plainUrl(), plainUrl() + "?currentSchema=public")) {
            try (PackagedService service = PackagedService.start(url, PackagedService.port(8111), schema,
                    Map.of("LEDGER_ADMIN_TOKEN", ADMIN))) {
                String token = JSON.readTree(post(service, "/v1/admin/api-keys", ADMIN,
                        "{\"partner\": \"Schema test\", \"scopes\": [\"write\"]}").body()).path("token").asText();
                HttpResponse<String> appended = post(service, "/v1/records", token, Records.fine().toString());
                assertEquals(201, appended.statusCode(), url + ": " + appended.body());
                String id = JSON.readTree(appended.body()).path("id").asText();
                assertEquals(200, service.get("/v1/records/" + id).statusCode(), url);
                assertEquals(200, service.get("/v1/records?type=fine").statusCode(), url);

                // The log's head table gone from where the connections look: not ready, and the check says why.
                sql("ALTER TABLE " + schema + ".log_head RENAME TO log_head_away");
                try {
                    HttpResponse<String> ready = service.get("/q/health/ready");
                    assertEquals(503, ready.statusCode(), ready.body());
                    JsonNode log = check(JSON.readTree(ready.body()), "log");
                    assertEquals("DOWN", log.path("status").asText(), ready.body());
                    assertTrue(log.path("data").path("error").asText().contains("log_head"), ready.body());
                } finally {
                    sql("ALTER TABLE " + schema + ".log_head_away RENAME TO log_head");
                }
                HttpResponse<String> ready = service.get("/q/health/ready");
                assertEquals(200, ready.statusCode(), ready.body());
                assertTrue(check(JSON.readTree(ready.body()), "log").path("data").path("position").asLong() >= 1, ready.body());
            }
        }
        try (Connection db = DriverManager.getConnection(plainUrl(), "postgres", ""); Statement sql = db.createStatement();
                var head = sql.executeQuery("SELECT position FROM " + schema + ".log_head")) {
            head.next();
            assertEquals(2, head.getLong(1), "both appends went to the schema of the setting");
        }
    }

    @Test
    void aSchemaThatIsNotWhereItShouldBeStopsTheStartNamingTheCause() throws Exception {
        String migrated = "ledger_schema_it_migrated";
        String empty = "ledger_schema_it_empty";
        sql("DROP SCHEMA IF EXISTS " + migrated + " CASCADE");
        sql("DROP SCHEMA IF EXISTS " + empty + " CASCADE");
        // A log migrated into one schema...
        PackagedService.start(plainUrl(), PackagedService.port(8112), migrated, Map.of()).close();
        // ... and a service told to use another one without migrating it.
        File log = new File("target/" + empty + ".log");
        ProcessBuilder builder = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-jar",
                "target/quarkus-app/quarkus-run.jar").redirectErrorStream(true).redirectOutput(log);
        builder.environment().putAll(Map.of("QUARKUS_DATASOURCE_JDBC_URL", plainUrl(), "QUARKUS_FLYWAY_SCHEMAS", empty,
                "QUARKUS_FLYWAY_MIGRATE_AT_START", "false", "QUARKUS_HTTP_PORT", Integer.toString(PackagedService.port(8112))));
        Process process = builder.start();
        try {
            assertTrue(process.waitFor(90, TimeUnit.SECONDS), "the service should refuse to start");
            assertNotEquals(0, process.exitValue());
            String output = Files.readString(log.toPath());
            assertTrue(output.contains("The log's tables are not where the service looks for them"), output);
            assertTrue(output.contains("QUARKUS_FLYWAY_SCHEMAS is \"" + empty + "\""), output);
            assertTrue(output.matches("(?s).*table log_head is in schemas? [^.]*\\b" + migrated + "\\b.*"), "names where the log is:\n" + output);
        } finally {
            process.destroyForcibly().waitFor();
        }
    }

    private static JsonNode check(JsonNode health, String name) {
        for (JsonNode check : health.path("checks")) {
            if (name.equals(check.path("name").asText())) {
                return check;
            }
        }
        throw new AssertionError("no health check named " + name + ": " + health);
    }

    private static HttpResponse<String> post(PackagedService service, String path, String token, String body)
            throws Exception {
        return service.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + service.port + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
