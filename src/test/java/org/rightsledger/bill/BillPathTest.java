package org.rightsledger.bill;

import static org.hamcrest.Matchers.equalTo;
import static org.rightsledger.support.Api.api;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rightsledger.support.Records;
import org.rightsledger.support.References;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;

/** A bill's view shows its readings in the order they happened and the stage of the latest. */
@QuarkusTest
class BillPathTest {

    private static String reading(UUID bill, String on, String chamber, String name, String stage, String outcome) {
        ObjectNode reading = Records.billReading(bill).put("occurredOn", on);
        ((ObjectNode) reading.get("details")).put("chamber", chamber).put("chamberName", name).put("stage", stage)
                .put("outcome", outcome).remove("votes");
        return Records.append(reading).get("id").asText();
    }

    @Test
    void theStageIsThatOfTheLatestReading() {
        UUID bill = References.bill("On amendments concerning propaganda of non-traditional sexual orientation");
        api().get("/v1/bills/" + bill).then().statusCode(200).body("stage", equalTo(null)).body("readings.size()", equalTo(0));
        // Appended out of order: the view orders by when they happened.
        String senate = reading(bill, "2025-12-10", "upper", "Senate", "passed", "approved");
        String first = reading(bill, "2025-10-01", "lower", "Mazhilis", "reading_1", "approved");
        String mazhilis = reading(bill, "2025-11-12", "lower", "Mazhilis", "passed", "approved");
        String wrong = reading(bill, "2025-12-30", "executive", "President", "vetoed", "rejected");
        ObjectNode correction = Records.billReading(bill).put("occurredOn", "2025-12-30").put("supersedes", wrong);
        ((ObjectNode) correction.get("details")).put("chamber", "executive").put("chamberName", "President")
                .put("stage", "signed").put("outcome", "approved").remove("votes");
        String signed = Records.append(correction).get("id").asText();

        api().get("/v1/bills/" + bill).then().statusCode(200)
                .body("readings.recordId", equalTo(List.of(first, mazhilis, senate, signed)))
                .body("readings.stage", equalTo(List.of("reading_1", "passed", "passed", "signed")))
                .body("readings.chamberName", equalTo(List.of("Mazhilis", "Mazhilis", "Senate", "President")))
                .body("stage", equalTo("signed"));
    }

    @Test
    void aCaseTimelineRunsFromDetentionToAppeal() {
        UUID courtCase = References.courtCase("Police torture after the January 2022 events");
        ObjectNode appeal = Records.ruling().put("occurredOn", "2025-06").put("caseId", courtCase.toString());
        ObjectNode verdict = Records.ruling().put("caseId", courtCase.toString());
        ObjectNode detention = Records.detention().put("occurredOn", "2024-12").put("caseId", courtCase.toString());
        String verdictId = Records.append(verdict).get("id").asText();
        ((ObjectNode) appeal.get("details")).put("instance", "appeal").put("verdict", "upheld").put("appealOf", verdictId);
        String appealId = Records.append(appeal).get("id").asText();
        String detentionId = Records.append(detention).get("id").asText();
        api().get("/v1/cases/" + courtCase + "/records").then().statusCode(200)
                .body("items.id", equalTo(List.of(detentionId, verdictId, appealId)));
        api().get("/v1/cases/" + courtCase + "/records?include=all").then().statusCode(400);
    }
}
