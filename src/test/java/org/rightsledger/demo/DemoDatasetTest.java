package org.rightsledger.demo;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rightsledger.support.Api.as;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rightsledger.support.Api;
import org.rightsledger.support.Records;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;

/** The demo dataset is valid, cites its sources, and imports idempotently. */
@QuarkusTest
class DemoDatasetTest {

    private static final Path DATASET = Path.of("src/main/resources/demo/records.ndjson");

    @Test
    void theDatasetImportsOnceAndCoversEveryRecordType() throws Exception {
        String ndjson = Files.readString(DATASET);
        List<String> lines = ndjson.lines().filter(l -> !l.isBlank()).toList();
        assertTrue(lines.size() >= 30, "at least 30 real entries");

        var first = as(Api.ADMIN_TOKEN).contentType("application/x-ndjson").body(ndjson.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/v1/admin/import");
        first.then().statusCode(200);
        int imported = first.path("imported");
        int skipped = first.path("skipped");
        assertEquals(lines.size(), imported + skipped);
        as(Api.ADMIN_TOKEN).contentType("application/x-ndjson").body(ndjson.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/v1/admin/import").then()
                .statusCode(200).body("imported", equalTo(0)).body("skipped", equalTo(lines.size()));

        Map<String, Integer> types = new HashMap<>();
        for (String line : lines) {
            JsonNode record = Records.JSON.readTree(line);
            types.merge(record.get("type").asText(), 1, Integer::sum);
            if (List.of("actor", "bill", "case", "exchange_rate").contains(record.get("type").asText())) {
                continue;
            }
            JsonNode served = Records.parse(Api.api().get("/v1/records/" + record.get("id").asText())
                    .then().statusCode(200).extract().asString());
            assertEquals(record.get("summary"), served.get("summary"));
            assertTrue(served.get("sources").size() >= 1);
            assertEquals("rights-ledger demo dataset", served.get("recordedBy").asText());
        }
        for (String type : List.of("detention", "fine", "ruling", "bill_reading")) {
            assertTrue(types.getOrDefault(type, 0) >= 2, type + " is covered: " + types);
        }
        assertTrue(types.values().stream().mapToInt(Integer::intValue).sum() - types.getOrDefault("actor", 0)
                - types.getOrDefault("bill", 0) - types.getOrDefault("case", 0)
                - types.getOrDefault("exchange_rate", 0) >= 30, "at least 30 real records: " + types);
        assertTrue(types.getOrDefault("actor", 0) >= 10, types.toString());
        // "Arsen", who asked not to be named, is a protected person: anonymous readers see only the pseudonym.
        Api.api().get("/v1/actors/b5b6c05d-79ac-4468-938c-d71433e9c1fe").then().body("name", equalTo("Arsen")).body("protected", equalTo(true));
        // The LGBT "propaganda" bill has its Mazhilis reading; Toregozhina's fine its USD equivalent.
        Api.api().get("/v1/bills/c352adf2-ecd9-4f22-8fe0-d9bd99c9a9ae").then().statusCode(200)
                .body("stage", equalTo("passed")).body("readings[0].chamberName", equalTo("Mazhilis"));
        Api.api().get("/v1/records/aa96b8a2-a1a4-44b6-96bc-627db7aedd94").then()
                .body("derived.usdEquivalent.amount", equalTo("156.49"));
    }

    @Test
    void anInvalidLineRejectsTheWholeImport() {
        long head = Api.headPosition();
        String ndjson = Records.fine().put("id", java.util.UUID.randomUUID().toString()) + "\n"
                + Records.fine().put("id", java.util.UUID.randomUUID().toString()).put("country", "Kazakhstan") + "\n";
        as(Api.ADMIN_TOKEN).contentType("application/x-ndjson").body(ndjson.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/v1/admin/import").then()
                .statusCode(422).body("errors[0].pointer", equalTo("/1/country"));
        assertEquals(head, Api.headPosition());
    }

    @Test
    void onlyTheAdminImports() {
        Api.as(Api.writer()).contentType("application/x-ndjson").body(new byte[0]).post("/v1/admin/import").then()
                .statusCode(403);
    }
}
