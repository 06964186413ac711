package org.rightsledger.record;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rightsledger.support.Api.api;
import static org.rightsledger.support.Records.append;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rightsledger.support.Api;
import org.rightsledger.support.ChainCheck;
import org.rightsledger.support.Records;
import org.rightsledger.support.References;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class RecordResourceTest {

    @Test
    void anAppendedRecordIsServedWithItsPlaceInTheChain() {
        long before = Api.headPosition();
        ObjectNode created = Records.post(Records.fine()).then()
                .statusCode(201)
                .header("Location", matchesPattern(".*/v1/records/[0-9a-f-]{36}"))
                .body("type", equalTo("fine"))
                .body("recordedBy", equalTo("Test Writers"))
                .body("details.amount.amount", equalTo("78640"))
                .body("language", equalTo("en"))
                .body("confidentiality", equalTo("public"))
                .body("approximate", equalTo(false))
                .extract().as(ObjectNode.class);
        assertEquals(before + 1, created.get("position").asLong());
        assertEquals(created.get("contentHash").asText(), ChainCheck.contentHashOf(created),
                "contentHash must be recomputable from the served entry");

        ObjectNode fetched = api().get("/v1/records/" + created.get("id").asText())
                .then().statusCode(200).extract().as(ObjectNode.class);
        assertEquals(created, fetched);
        api().get("/v1/log/head").then().statusCode(200)
                .body("hash", equalTo(created.get("hash").asText()))
                .body("recordedAt", equalTo(created.get("recordedAt").asText()));
    }

    @Test
    void theChainLinksConsecutiveEntries() {
        ObjectNode first = append(Records.detention());
        ObjectNode second = append(Records.ruling());
        if (second.get("position").asLong() == first.get("position").asLong() + 1) {
            byte[] expected = org.rightsledger.log.Chain.entryHash(second.get("position").asLong(),
                    org.rightsledger.log.Chain.unhex(first.get("hash").asText()),
                    org.rightsledger.log.Chain.unhex(second.get("contentHash").asText()));
            assertEquals(org.rightsledger.log.Chain.hex(expected), second.get("hash").asText());
        } else {
            throw new AssertionError("another test appended in between; positions "
                    + first.get("position") + ", " + second.get("position"));
        }
    }

    @Test
    void anUnknownRecordIs404() {
        api().get("/v1/records/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
        api().get("/v1/records/not-a-uuid").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void listingsFilterByTypeCountryTagCaseBillAndActor() {
        String tag = Records.uniqueTag();
        UUID caseId = References.courtCase("Feminita: an unregistered organization");
        UUID billId = References.bill("On amendments to the law on the protection of children's rights");
        UUID actor = References.actor("Zhanar Sekerbayeva");
        ObjectNode fine = Records.fine();
        fine.putArray("tags").add(tag);
        fine.put("caseId", caseId.toString());
        fine.putArray("actors").addObject().put("actorId", actor.toString()).put("role", "fined");
        String fineId = append(fine).get("id").asText();
        ObjectNode detention = Records.detention();
        detention.putArray("tags").add(tag);
        detention.put("country", "KG");
        detention.put("caseId", caseId.toString());
        String detentionId = append(detention).get("id").asText();
        ObjectNode reading = Records.billReading(billId);
        reading.putArray("tags").add(tag);
        String readingId = append(reading).get("id").asText();

        assertEquals(List.of(readingId, detentionId, fineId), ids("tag=" + tag));
        assertEquals(List.of(fineId), ids("tag=" + tag + "&type=fine"));
        assertEquals(List.of(detentionId), ids("tag=" + tag + "&country=KG"));
        assertEquals(List.of(detentionId, fineId), ids("case=" + caseId));
        assertEquals(List.of(readingId), ids("bill=" + billId));
        assertEquals(List.of(fineId), ids("actor=" + actor));
    }

    @Test
    void fromAndToSelectRecordsWhosePeriodOverlaps() {
        String tag = Records.uniqueTag();
        ObjectNode month = Records.fine();
        month.put("occurredOn", "2024-06");
        month.putArray("tags").add(tag);
        String monthId = append(month).get("id").asText();
        ObjectNode day = Records.fine();
        day.put("occurredOn", "2024-07-15");
        day.putArray("tags").add(tag);
        String dayId = append(day).get("id").asText();
        ObjectNode year = Records.fine();
        year.put("occurredOn", "2023");
        year.putArray("tags").add(tag);
        String yearId = append(year).get("id").asText();

        assertEquals(List.of(monthId), ids("tag=" + tag + "&from=2024-06-30&to=2024-07-14"));
        assertEquals(List.of(dayId, monthId), ids("tag=" + tag + "&from=2024-06-30"));
        assertEquals(List.of(yearId), ids("tag=" + tag + "&to=2023-12-31"));
        assertEquals(List.of(yearId, dayId, monthId), ids("tag=" + tag + "&from=2023-12&to=2024"));
        assertEquals(List.of(), ids("tag=" + tag + "&from=2025"));
    }

    @Test
    void fullTextSearchCoversSummaryAndDetailsInEnglishRussianAndKazakh() {
        String tag = Records.uniqueTag();
        ObjectNode english = Records.ruling();
        english.put("summary", "Officers were convicted of torturing protesters.");
        english.putArray("tags").add(tag);
        String englishId = append(english).get("id").asText();
        ObjectNode russian = Records.fine();
        russian.put("summary", "Активистку оштрафовали за одиночный пикет.");
        russian.put("language", "ru");
        russian.putArray("tags").add(tag);
        String russianId = append(russian).get("id").asText();

        ObjectNode kazakh = Records.fine();
        kazakh.put("summary", "Алматы қаласының әкімшілік соты белсендіге айыппұл салды.");
        kazakh.put("language", "kk");
        kazakh.putArray("tags").add(tag);
        String kazakhId = append(kazakh).get("id").asText();

        assertEquals(List.of(kazakhId), ids("tag=" + tag + "&q=айыппұл"));
        assertEquals(List.of(kazakhId), ids("tag=" + tag + "&q=қаласының"));
        assertEquals(List.of(englishId), ids("tag=" + tag + "&q=torture"));
        assertEquals(List.of(englishId), ids("tag=" + tag + "&q=Almaty Region"), "details.court is searched");
        assertEquals(List.of(russianId), ids("tag=" + tag + "&q=пикет"));
        assertEquals(List.of(russianId), ids("tag=" + tag + "&q=оштрафовали"));
        assertEquals(List.of(), ids("tag=" + tag + "&q=parliament"));
    }

    @Test
    void pagesFollowTheCursorWithoutGapsOrRepeats() {
        String tag = Records.uniqueTag();
        List<String> appended = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ObjectNode fine = Records.fine();
            fine.putArray("tags").add(tag);
            appended.add(0, append(fine).get("id").asText());
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var response = api().queryParam("tag", tag).queryParam("limit", 3)
                    .queryParams(cursor == null ? java.util.Map.of() : java.util.Map.of("cursor", cursor))
                    .get("/v1/records").then().statusCode(200).extract();
            JsonPath page = response.jsonPath();
            seen.addAll(page.getList("items.id"));
            cursor = page.getString("next");
            if (cursor != null) {
                assertTrue(response.header("Link").contains("rel=\"next\""), response.header("Link"));
                assertTrue(response.header("Link").contains("cursor=" + cursor), response.header("Link"));
            } else {
                assertNull(response.header("Link"));
            }
            pages++;
        } while (cursor != null);
        assertEquals(appended, seen);
        assertEquals(3, pages);
    }

    @Test
    void aCursorOnlyWorksForTheQueryThatIssuedIt() {
        String tag = Records.uniqueTag();
        for (int i = 0; i < 2; i++) {
            ObjectNode fine = Records.fine();
            fine.putArray("tags").add(tag);
            append(fine);
        }
        String cursor = api().get("/v1/records?limit=1&tag=" + tag).then().extract().path("next");
        assertNotNull(cursor);
        api().get("/v1/records?limit=1&tag=" + tag + "&type=detention&cursor=" + cursor).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].parameter", equalTo("cursor"));
    }

    @Test
    void aCorrectionSupersedesAndHidesTheOriginalByDefault() {
        String tag = Records.uniqueTag();
        ObjectNode original = Records.fine();
        original.putArray("tags").add(tag);
        String originalId = append(original).get("id").asText();
        ObjectNode correction = Records.fine();
        correction.putArray("tags").add(tag);
        ((ObjectNode) correction.get("details")).putObject("amount").put("amount", "78650").put("currency", "KZT");
        correction.put("supersedes", originalId);
        String correctionId = append(correction).get("id").asText();

        assertEquals(List.of(correctionId), ids("tag=" + tag));
        assertEquals(List.of(correctionId, originalId), ids("tag=" + tag + "&include=superseded"));
        api().get("/v1/records/" + originalId).then().statusCode(200)
                .body("derived.supersededBy", equalTo(correctionId))
                .body("supersedes", nullValue());
        api().get("/v1/records/" + correctionId).then().statusCode(200)
                .body("supersedes", equalTo(originalId));

        // Superseding it again would fork history: correct the correction instead.
        ObjectNode fork = Records.fine();
        fork.put("supersedes", originalId);
        Records.post(fork).then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void aRecordSupersedesOnlyAnExistingRecordOfItsType() {
        String fineId = append(Records.fine()).get("id").asText();
        ObjectNode wrongType = Records.detention();
        wrongType.put("supersedes", fineId);
        long head = Api.headPosition();
        Records.post(wrongType).then().statusCode(422).body("errors[0].pointer", equalTo("/supersedes"));
        ObjectNode unknown = Records.fine();
        unknown.put("supersedes", UUID.randomUUID().toString());
        Records.post(unknown).then().statusCode(422).body("errors[0].pointer", equalTo("/supersedes"));
        assertEquals(head, Api.headPosition());
    }

    @Test
    void aRetractionIsAnEntryThatMarksAndHidesTheRecord() {
        String tag = Records.uniqueTag();
        ObjectNode fine = Records.fine();
        fine.putArray("tags").add(tag);
        String fineId = append(fine).get("id").asText();
        ObjectNode retraction = Records.retraction(fineId);
        retraction.putArray("tags").add(tag);
        ObjectNode retracted = append(retraction);
        String retractionId = retracted.get("id").asText();
        assertEquals("retraction", retracted.get("type").asText());

        api().get("/v1/records/" + fineId).then().statusCode(200)
                .body("derived.retracted", equalTo(true))
                .body("derived.retractedBy", equalTo(retractionId));
        assertEquals(List.of(retractionId), ids("tag=" + tag));
        assertEquals(List.of(retractionId, fineId), ids("tag=" + tag + "&include=superseded"));
        Records.post(Records.retraction(fineId)).then().statusCode(409);
        Records.post(Records.retraction(retractionId)).then().statusCode(422)
                .body("errors[0].pointer", equalTo("/details/retracts"));
        Records.post(Records.retraction(UUID.randomUUID().toString())).then().statusCode(422);
    }

    @Test
    void anAppealAndAFineMayPointOnlyToARuling() {
        String rulingId = append(Records.ruling()).get("id").asText();
        String detentionId = append(Records.detention()).get("id").asText();
        ObjectNode appeal = Records.ruling();
        ((ObjectNode) appeal.get("details")).put("instance", "appeal").put("verdict", "upheld")
                .put("appealOf", rulingId);
        append(appeal);
        ObjectNode badAppeal = Records.ruling();
        ((ObjectNode) badAppeal.get("details")).put("appealOf", detentionId);
        Records.post(badAppeal).then().statusCode(422).body("errors[0].pointer", equalTo("/details/appealOf"));
        ObjectNode fine = Records.fine();
        ((ObjectNode) fine.get("details")).put("rulingId", rulingId);
        append(fine);
        ((ObjectNode) fine.get("details")).put("rulingId", UUID.randomUUID().toString());
        Records.post(fine).then().statusCode(422).body("errors[0].pointer", equalTo("/details/rulingId"));
    }

    @Test
    void aRecordMayNameOnlyActorsCasesAndBillsThatExist() {
        long head = Api.headPosition();
        Records.post(Records.fine().put("caseId", UUID.randomUUID().toString())).then().statusCode(422)
                .body("errors[0].pointer", equalTo("/caseId"));
        Records.post(Records.billReading(UUID.randomUUID())).then().statusCode(422)
                .body("errors[0].pointer", equalTo("/billId"));
        ObjectNode fine = Records.fine();
        fine.putArray("actors").addObject().put("actorId", UUID.randomUUID().toString()).put("role", "fined");
        Records.post(fine).then().statusCode(422).body("errors[0].pointer", equalTo("/actors/0/actorId"));
        // an id of another kind is no better
        Records.post(Records.fine().put("caseId", References.bill("A bill, not a case").toString())).then()
                .statusCode(422);
        assertEquals(head + 1, Api.headPosition(), "only the bill was stored");
    }

    @Test
    void restrictedRecordsExistOnlyForReadersWithRestrictedRead() {
        String tag = Records.uniqueTag();
        ObjectNode restricted = Records.detention();
        restricted.put("confidentiality", "restricted");
        restricted.putArray("tags").add(tag);
        String id = append(restricted).get("id").asText();

        api().get("/v1/records/" + id).then().statusCode(404);
        assertEquals(List.of(), ids("tag=" + tag));
        Api.as(Api.restrictedReader()).get("/v1/records/" + id).then().statusCode(200)
                .body("confidentiality", equalTo("restricted"));
        Api.as(Api.restrictedReader()).get("/v1/records?tag=" + tag).then().statusCode(200)
                .body("items[0].id", equalTo(id));
    }

    @Test
    void aWriterWithoutRestrictedReadCannotProbeForRestrictedRecords() {
        String secret = Api.as(Api.token("Trusted Researchers", "write", "restricted:read")).contentType("application/json")
                .body(Records.fine().put("confidentiality", "restricted").toString()).post("/v1/records").then()
                .statusCode(201).extract().path("id");
        String unknown = UUID.randomUUID().toString();
        // The same answer as for an id that does not exist, and nothing stored.
        long head = Api.headPosition();
        for (String id : List.of(secret, unknown)) {
            Records.post(Records.fine().put("supersedes", id)).then().statusCode(422)
                    .body("errors[0].detail", equalTo("no record " + id));
            Records.post(Records.retraction(id)).then().statusCode(422)
                    .body("errors[0].detail", equalTo("no record " + id));
        }
        assertEquals(head, Api.headPosition());
        // One who may read it may correct it.
        Api.as(Api.token("Trusted Researchers", "write", "restricted:read")).contentType("application/json")
                .body(Records.fine().put("confidentiality", "restricted").put("supersedes", secret).toString())
                .post("/v1/records").then().statusCode(201);
    }

    @Test
    void unicodeBeyondTheBasicPlaneIsKeptExactly() {
        String text = "Emoji \uD83D\uDCF0 and Kazakh \u049B\u0430\u0437\u0430\u049B";
        ObjectNode fine = Records.fine().put("place", text);
        String id = append(fine).get("id").asText();
        api().get("/v1/records/" + id).then().statusCode(200).body("place", equalTo(text));
    }

    @Test
    void theDefaultsAreWrittenIntoTheHashedContent() {
        ObjectNode created = append(Records.ruling());
        assertEquals("en", created.get("language").asText());
        assertEquals("public", created.get("confidentiality").asText());
        assertTrue(created.get("tags").isArray());
        assertTrue(created.get("actors").isArray());
        assertNotNull(created.get("recordedAt"));
        api().get("/v1/records?limit=1").then().statusCode(200).body("items[0].position", notNullValue())
                .body("next", notNullValue());
    }

    @Test
    void theLimitIsBounded() {
        api().get("/v1/records?limit=200").then().statusCode(200);
        for (String limit : List.of("0", "201", "-1", "abc", "1.5", "99999999999")) {
            api().get("/v1/records?limit=" + limit).then().statusCode(400)
                    .contentType("application/problem+json").body("detail", containsString("limit"));
        }
    }

    static List<String> ids(String query) {
        return api().get("/v1/records?limit=200&" + query).then().statusCode(200).extract().jsonPath()
                .getList("items.id");
    }
}
