package org.rightsledger.cache;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rightsledger.support.Api.api;

import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.rightsledger.record.RecordContent;
import org.rightsledger.record.RecordParser;
import org.rightsledger.support.Api;
import org.rightsledger.support.HandAppend;
import org.rightsledger.support.Records;
import org.rightsledger.support.References;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Read answers are rendered once per log head and served from memory while it stays put; every
 * append retires them, whoever made it, and an answer never crosses from one reader's view of
 * restricted records to another's.
 */
@QuarkusTest
class AnswerCacheTest {

    @Inject
    DataSource dataSource;
    @Inject
    ObjectMapper json;
    @Inject
    RecordParser parser;

    @Test
    void aSecondReadAtTheSameHeadIsServedFromMemoryWithTheSameBytes() {
        String id = Records.append(Records.detention()).get("id").asText();
        String first = api().get("/v1/records/" + id).then().statusCode(200).extract().asString();
        double before = hits();
        String second = api().get("/v1/records/" + id).then().statusCode(200).extract().asString();
        assertEquals(first, second);
        assertTrue(hits() > before, "the second read was a hit");
    }

    @Test
    void anExchangeRateAppendedAfterAFineWasReadChangesItsUsdEquivalent() {
        String currency = "AMD"; // no other test gives this currency a rate
        ObjectNode fine = Records.fine().put("occurredOn", "2019-06-01");
        ((ObjectNode) fine.get("details")).putObject("amount").put("amount", "1000").put("currency", currency);
        String id = Records.append(fine).get("id").asText();
        api().get("/v1/records/" + id).then().body("derived.usdEquivalent", nullValue());

        References.post("/v1/exchange-rates", Records.parse("{\"currency\": \"AMD\", \"source\": \"Test bank\"}")
                .put("date", "2019-05-31").put("usdPerUnit", "0.002")).then().statusCode(201);
        api().get("/v1/records/" + id).then().body("derived.usdEquivalent.amount", equalTo("2.00"));
    }

    @Test
    void aPageReadBeforeAnAppendShowsTheNewRecordRightAfterIt() {
        String tag = Records.uniqueTag();
        String first = Records.append(Records.detention().set("tags", Records.JSON.createArrayNode().add(tag)))
                .get("id").asText();
        api().get("/v1/records?tag=" + tag).then().body("items.id", equalTo(java.util.List.of(first)));
        String second = Records.append(Records.detention().set("tags", Records.JSON.createArrayNode().add(tag)))
                .get("id").asText();
        api().get("/v1/records?tag=" + tag).then().body("items.id", equalTo(java.util.List.of(second, first)));
    }

    @Test
    void aRestrictedRecordReadInFullIsNeverServedToAReaderWithoutRestrictedRead() {
        String tag = Records.uniqueTag();
        String id = Api.as(Api.writer()).contentType("application/json")
                .body(Records.detention().put("confidentiality", "restricted").put("summary", "Named in confidence.")
                        .set("tags", Records.JSON.createArrayNode().add(tag)).toString())
                .post("/v1/records").then().statusCode(201).extract().path("id");
        String reader = Api.restrictedReader();
        Api.as(reader).get("/v1/records/" + id).then().statusCode(200).body("summary", equalTo("Named in confidence."));
        Api.as(reader).get("/v1/records?tag=" + tag).then().body("items.id", hasItem(id));

        api().get("/v1/records/" + id).then().statusCode(404);
        api().get("/v1/records?tag=" + tag).then().body("items.id", not(hasItem(id)));
    }

    @Test
    void anAppendByAnotherWriterRetiresTheAnswersOnceItsNotificationArrives() throws Exception {
        String id = Records.append(Records.detention()).get("id").asText();
        api().get("/v1/records/" + id).then().statusCode(200);
        double missesBefore = misses();
        api().get("/v1/records/" + id).then().statusCode(200);
        assertEquals(missesBefore, misses(), "while the head stays put, the answer is served from memory");

        // Another instance (here: SQL by hand, as another writer would) appends; this instance
        // hears of it by NOTIFY, and the next read renders the record anew.
        UUID other = UUID.randomUUID();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            Instant recordedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            HandAppend.append(c, other, "detention", json.writeValueAsString(RecordContent.of(other,
                    parser.parse(Records.detention()), recordedAt, "Another Instance")), recordedAt);
            c.commit();
        }
        long deadline = System.currentTimeMillis() + 5_000;
        boolean rendered = false;
        while (!rendered && System.currentTimeMillis() < deadline) {
            api().get("/v1/records/" + id).then().statusCode(200);
            rendered = misses() > missesBefore;
            Thread.sleep(20);
        }
        assertTrue(rendered, "an answer of the old head was retired within 5 s of another writer's append");
    }

    private static double misses() {
        return counter("rendered");
    }

    private static double hits() {
        return counter("from-memory");
    }

    private static double counter(String result) {
        return api().get("/q/metrics").asString().lines()
                .filter(l -> l.startsWith("ledger_answers_total{") && l.contains("result=\"" + result + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
