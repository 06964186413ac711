package org.rightsledger.record;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rightsledger.support.Api;
import org.rightsledger.support.Records;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** A batch is appended all or nothing, at consecutive positions. */
@QuarkusTest
class BatchTest {

    private static Response post(Object body) {
        return Api.as(Api.writer()).contentType(ContentType.JSON).body(body.toString()).post("/v1/records/batch");
    }

    @Test
    void aBatchLandsAtConsecutivePositions() throws Exception {
        ArrayNode batch = Records.JSON.createArrayNode();
        for (int i = 0; i < 25; i++) {
            batch.add(i % 3 == 0 ? Records.ruling() : Records.fine());
        }
        long head = Api.headPosition();
        JsonNode entries = Records.JSON.readTree(post(batch).then().statusCode(201).extract().asString());
        assertEquals(25, entries.size());
        for (int i = 0; i < entries.size(); i++) {
            assertEquals(head + 1 + i, entries.get(i).get("position").asLong());
            assertEquals(batch.get(i).get("type"), entries.get(i).get("type"));
            assertEquals("Test Writers", entries.get(i).get("recordedBy").asText());
        }
        assertEquals(head + 25, Api.headPosition());
        Api.api().get("/v1/records/" + entries.get(24).get("id").asText()).then().statusCode(200);
    }

    @Test
    void oneInvalidRecordRejectsTheBatchListingEachOffenderByIndex() {
        ArrayNode batch = Records.JSON.createArrayNode();
        batch.add(Records.fine());
        batch.add(Records.fine().put("country", "Kazakhstan"));
        batch.add(Records.fine());
        batch.add(Records.detention().put("summary", ""));
        long head = Api.headPosition();
        post(batch).then().statusCode(422).contentType("application/problem+json")
                .body("errors.pointer", hasItems("/1/country", "/3/summary"))
                .body("errors.size()", equalTo(2));
        assertEquals(head, Api.headPosition());
    }

    @Test
    void aBadReferenceLateInTheBatchRollsBackTheWholeBatch() {
        ArrayNode batch = Records.JSON.createArrayNode();
        batch.add(Records.fine());
        batch.add(Records.fine());
        batch.add(Records.fine().put("supersedes", UUID.randomUUID().toString()));
        long head = Api.headPosition();
        post(batch).then().statusCode(422).body("errors[0].pointer", equalTo("/2/supersedes"));
        assertEquals(head, Api.headPosition(), "the two appended before it were rolled back");
    }

    @Test
    void aBatchHoldsOneToAThousandRecords() {
        long head = Api.headPosition();
        post("[]").then().statusCode(422).contentType("application/problem+json");
        ArrayNode tooMany = Records.JSON.createArrayNode();
        for (int i = 0; i < 1001; i++) {
            tooMany.add(Records.fine());
        }
        post(tooMany).then().statusCode(422);
        post(Records.fine()).then().statusCode(400).contentType("application/problem+json");
        post("[1, 2").then().statusCode(400);
        post("[1]").then().statusCode(422).body("errors[0].pointer", equalTo("/0"));
        assertEquals(head, Api.headPosition());
    }

    @Test
    void writingABatchNeedsScopeWrite() {
        Api.api().contentType(ContentType.JSON).body("[]").post("/v1/records/batch").then().statusCode(401);
        Api.as(Api.restrictedReader()).contentType(ContentType.JSON).body("[]").post("/v1/records/batch").then()
                .statusCode(403);
    }
}
