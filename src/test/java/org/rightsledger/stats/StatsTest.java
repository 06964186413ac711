package org.rightsledger.stats;

import static org.hamcrest.Matchers.equalTo;
import static org.rightsledger.support.Api.api;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rightsledger.support.Api;
import org.rightsledger.support.Records;
import org.rightsledger.support.References;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;

/** Dashboard figures checked against values computed by hand; 1998 belongs to this test alone. */
@QuarkusTest
class StatsTest {

    private static boolean stored;

    private static ObjectNode in1998(ObjectNode record, String on) {
        return record.put("occurredOn", on).put("country", "AM");
    }

    @BeforeEach
    void records() {
        if (stored) {
            return;
        }
        stored = true;
        References.post("/v1/exchange-rates", Records.parse(
                "{\"currency\": \"AMD\", \"date\": \"1998-01-01\", \"usdPerUnit\": \"0.002\", \"source\": \"Test bank\"}"))
                .then().statusCode(201);
        ObjectNode detention = in1998(Records.detention(), "1998-02-03"); // 25 people
        Records.append(detention);
        ObjectNode small = in1998(Records.detention(), "1998-02-20");
        ((ObjectNode) small.get("details")).put("detainedCount", 3);
        Records.append(small);
        ObjectNode tenDays = in1998(Records.ruling(), "1998-03-01");
        ((ObjectNode) tenDays.get("details")).putObject("sentence").put("kind", "administrative_detention").put("days", 10);
        Records.append(tenDays);
        Records.append(in1998(Records.ruling(), "1998-03-02")); // imprisonment, 3 years = 1095 days
        ObjectNode suspended = in1998(Records.ruling(), "1998-03-03");
        ((ObjectNode) suspended.get("details")).putObject("sentence").put("kind", "suspended").put("years", 2);
        Records.append(suspended); // not detention: 0 days
        ObjectNode fine = in1998(Records.fine(), "1998-03-04");
        ((ObjectNode) fine.get("details")).putObject("amount").put("amount", "150000").put("currency", "AMD");
        String replaced = Records.append(fine).get("id").asText(); // superseded below: does not count
        ObjectNode corrected = in1998(Records.fine(), "1998-03-04").put("supersedes", replaced);
        ((ObjectNode) corrected.get("details")).putObject("amount").put("amount", "100000").put("currency", "AMD");
        Records.append(corrected); // 200.00 USD
        ObjectNode dollars = in1998(Records.fine(), "1998");
        ((ObjectNode) dollars.get("details")).putObject("amount").put("amount", "50.5").put("currency", "USD");
        Records.append(dollars);
        ObjectNode secret = in1998(Records.fine(), "1998-03-05").put("confidentiality", "restricted");
        ((ObjectNode) secret.get("details")).putObject("amount").put("amount", "1000").put("currency", "USD");
        Records.append(secret);
        ObjectNode retracted = in1998(Records.detention(), "1998-02-04");
        String gone = Records.append(retracted).get("id").asText();
        Records.append(in1998(Records.retraction(gone), "1998-02-05"));
    }

    @Test
    void countsDetentionDaysAndFinesByType() {
        api().get("/v1/stats?groupBy=type&from=1998&to=1998").then().statusCode(200)
                .body("groupBy", equalTo("type"))
                .body("groups.key", equalTo(List.of("detention", "fine", "ruling")))
                .body("groups.records", equalTo(List.of(2, 2, 3)))
                .body("groups[0].detainedPeople", equalTo(28))
                .body("groups[1].fineTotalUsd", equalTo("250.50"))
                .body("groups[2].detentionDays", equalTo(1105));
    }

    @Test
    void groupsByMonthWithYearDatedRecordsInTheirYear() {
        api().get("/v1/stats?groupBy=month&from=1998&to=1998").then().statusCode(200)
                .body("groups.key", equalTo(List.of("1998", "1998-02", "1998-03")))
                .body("groups.records", equalTo(List.of(1, 2, 4)))
                .body("groups[2].fineTotalUsd", equalTo("200.00"));
    }

    @Test
    void restrictedRecordsCountOnlyForThoseWhoMaySeeThem() {
        api().get("/v1/stats?groupBy=country&from=1998&to=1998").then()
                .body("groups", equalTo(List.of(Map.ofEntries(Map.entry("key", "AM"), Map.entry("records", 7),
                        Map.entry("detentions", 2), Map.entry("detainedPeople", 28), Map.entry("rulings", 3),
                        Map.entry("detentionDays", 1105), Map.entry("fines", 2), Map.entry("fineTotalUsd", "250.50"),
                        Map.entry("finesWithoutRate", 0), Map.entry("billReadings", 0)))));
        Api.as(Api.restrictedReader()).get("/v1/stats?groupBy=country&from=1998&to=1998").then()
                .body("groups[0].records", equalTo(8)).body("groups[0].fineTotalUsd", equalTo("1250.50"));
    }

    @Test
    void badParametersAre400() {
        api().get("/v1/stats?groupBy=week").then().statusCode(400).contentType("application/problem+json");
        api().get("/v1/stats?from=1998-13").then().statusCode(400);
    }
}
