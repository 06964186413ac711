package org.rightsledger.feed;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rightsledger.support.Api.api;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rightsledger.support.Api;
import org.rightsledger.support.Records;
import org.rightsledger.support.SseClient;
import org.rightsledger.verify.ChainVerifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class FeedTest {

    private static JsonNode page(String query) throws Exception {
        return Records.JSON.readTree(api().get("/v1/feed?" + query).then().statusCode(200).extract().asString());
    }

    @Test
    void theFeedServesEntriesAfterAPositionInOrder() throws Exception {
        long start = Api.headPosition();
        String first = Records.append(Records.fine()).get("id").asText();
        String second = Records.append(Records.ruling()).get("id").asText();
        JsonNode page = page("after=" + start + "&limit=1");
        assertEquals(1, page.get("items").size());
        assertEquals(first, page.get("items").get(0).get("id").asText());
        assertEquals(start + 1, page.get("next").asLong());
        JsonNode rest = page("after=" + page.get("next").asLong());
        assertEquals(second, rest.get("items").get(0).get("id").asText());
        JsonNode empty = page("after=" + (start + 2));
        assertEquals(0, empty.get("items").size());
        assertEquals(start + 2, empty.get("next").asLong(), "an empty page keeps the cursor");
    }

    @Test
    void theWholeFeedVerifiesFromPositionOne() throws Exception {
        Records.append(Records.fine());
        ChainVerifier chain = new ChainVerifier();
        long after = 0;
        JsonNode page;
        do {
            page = page("after=" + after + "&limit=5000");
            for (JsonNode entry : page.get("items")) {
                chain.accept(entry);
            }
            after = page.get("next").asLong();
        } while (page.get("items").size() > 0);
        assertEquals(Api.headPosition(), chain.position());
        assertEquals(Api.headHash(), chain.hash());
    }

    @ParameterizedTest
    @ValueSource(strings = { "after=-1", "after=x", "after=1.5", "limit=0", "limit=5001", "limit=many", "wait=31",
            "wait=-1", "wait=soon" })
    void badFeedParametersAre400(String query) {
        api().get("/v1/feed?" + query).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].parameter", equalTo(query.substring(0, query.indexOf('='))));
    }

    @Test
    void aLongPollAnswersWithinASecondOfTheCommit() throws Exception {
        long head = Api.headPosition();
        CompletableFuture<Response> poll = CompletableFuture
                .supplyAsync(() -> api().get("/v1/feed?wait=20&after=" + head));
        Thread.sleep(500);
        assertFalse(poll.isDone(), "nothing new yet: the poll waits");
        String id = Records.append(Records.fine()).get("id").asText();
        long committed = System.nanoTime();
        Response answer = poll.get();
        long waitedMillis = (System.nanoTime() - committed) / 1_000_000;
        answer.then().statusCode(200).body("items[0].id", equalTo(id));
        assertTrue(waitedMillis < 1000, "woke " + waitedMillis + " ms after the commit");
    }

    @Test
    void aLongPollWithNothingNewEndsEmptyAfterItsWait() {
        long head = Api.headPosition();
        api().get("/v1/feed?wait=1&after=" + (head + 1000)).then().statusCode(200)
                .body("items.size()", equalTo(0)).body("next", equalTo((int) (head + 1000)));
    }

    @Test
    void restrictedEntriesArePlaceholdersThatStillChain() throws Exception {
        long start = Api.headPosition();
        String startHash = Api.headHash();
        ObjectNode restricted = Records.detention();
        restricted.put("summary", "Canary Zhenis Restrictedova was detained.");
        restricted.put("confidentiality", "restricted");
        String id = Records.append(restricted).get("id").asText();

        String anonymous = api().get("/v1/feed?after=" + start).then().statusCode(200).extract().asString();
        assertFalse(anonymous.contains("Canary"), "the restricted content must not reach an anonymous reader");
        JsonNode placeholder = Records.JSON.readTree(anonymous).get("items").get(0);
        assertEquals(List.of("position", "id", "type", "contentHash", "hash", "redacted"),
                iterable(placeholder.fieldNames()));
        assertEquals(id, placeholder.get("id").asText());
        assertTrue(placeholder.get("redacted").asBoolean());
        ChainVerifier chain = new ChainVerifier(start, startHash);
        chain.accept(placeholder);
        assertEquals(1, chain.redacted());

        JsonNode full = Records.JSON.readTree(Api.as(Api.restrictedReader()).get("/v1/feed?after=" + start).then()
                .statusCode(200).extract().asString()).get("items").get(0);
        assertEquals("restricted", full.get("confidentiality").asText());
        new ChainVerifier(start, startHash).accept(full);

        String exported = api().get("/v1/feed/export?after=" + start).then().statusCode(200).extract().asString();
        assertFalse(exported.contains("Canary"));
        try (SseClient stream = new SseClient("?after=" + start, null)) {
            assertTrue(stream.awaitId(start + 1, 5000));
            assertFalse(stream.events.get(0).data().contains("Canary"));
            assertTrue(stream.events.get(0).data().contains("\"redacted\":true"));
        }
    }

    @Test
    void theFeedCarriesCorrectionsAndMarksWhatTheyCorrect() throws Exception {
        long start = Api.headPosition();
        String original = Records.append(Records.fine()).get("id").asText();
        ObjectNode correction = Records.fine();
        correction.put("supersedes", original);
        String corrected = Records.append(correction).get("id").asText();
        String retraction = Records.append(Records.retraction(corrected)).get("id").asText();
        JsonNode items = page("after=" + start).get("items");
        assertEquals(3, items.size());
        assertEquals(corrected, items.get(0).get("derived").get("supersededBy").asText());
        assertEquals(retraction, items.get(1).get("derived").get("retractedBy").asText());
        assertEquals("retraction", items.get(2).get("type").asText());
    }

    @Test
    void theExportIsNdjsonOfEveryEntryAfterAPosition() throws Exception {
        long start = Api.headPosition();
        String startHash = Api.headHash();
        Records.append(Records.fine());
        Records.append(Records.detention());
        Response export = api().get("/v1/feed/export?after=" + start);
        export.then().statusCode(200).contentType("application/x-ndjson");
        List<String> lines = export.asString().lines().toList();
        assertEquals(2, lines.size());
        ChainVerifier chain = new ChainVerifier(start, startHash);
        for (String line : lines) {
            chain.accept(line);
        }
        assertEquals(Api.headHash(), chain.hash());
        api().get("/v1/feed/export?after=nope").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void aStreamResumesFromLastEventIdWithoutLosingAnything() throws Exception {
        long start = Api.headPosition();
        long firstBatchEnd;
        try (SseClient stream = new SseClient("?after=" + start, null)) {
            assertEquals(200, stream.status());
            Records.append(Records.fine());
            Records.append(Records.fine());
            firstBatchEnd = start + 2;
            assertTrue(stream.awaitId(firstBatchEnd, 5000));
            assertTrue(stream.comments.stream().anyMatch(c -> c.contains("feed after")));
        } // the connection drops
        String missedOne = Records.append(Records.detention()).get("id").asText();
        String missedTwo = Records.append(Records.ruling()).get("id").asText();
        // EventSource reconnects to the same URL with the last id it saw.
        try (SseClient resumed = new SseClient("?after=" + start, Long.toString(firstBatchEnd))) {
            assertTrue(resumed.awaitId(firstBatchEnd + 2, 5000));
            assertEquals(List.of(firstBatchEnd + 1, firstBatchEnd + 2),
                    resumed.events.stream().map(SseClient.Event::id).toList());
            assertTrue(resumed.events.get(0).data().contains(missedOne));
            assertTrue(resumed.events.get(1).data().contains(missedTwo));
            assertEquals("ruling", resumed.events.get(1).type());
        }
    }

    @Test
    void aBadLastEventIdIs400() throws Exception {
        try (SseClient stream = new SseClient("", "not-a-position")) {
            assertEquals(400, stream.status());
        }
    }

    private static <T> List<T> iterable(java.util.Iterator<T> iterator) {
        List<T> list = new java.util.ArrayList<>();
        iterator.forEachRemaining(list::add);
        return list;
    }
}
