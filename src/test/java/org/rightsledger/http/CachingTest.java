package org.rightsledger.http;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rightsledger.support.Api.api;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rightsledger.support.Api;
import org.rightsledger.support.Records;
import org.rightsledger.support.References;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Reads can be cached and revalidated (docs/api.md, "Caching and compression"): an {@code ETag}
 * computed from what this caller gets, {@code If-None-Match} answered with 304, a
 * {@code Cache-Control} on every answer and a {@code Vary} that names what the answer depends on.
 */
@QuarkusTest
class CachingTest {

    private static final String REVALIDATE = "no-cache";
    private static final String YEAR = "public, max-age=31536000, immutable";

    /** A read, then the same read with If-None-Match: 304, no body, the same caching headers. */
    private static Response revalidates(RequestSpecification first, RequestSpecification again, String path) {
        Response fresh = first.get(path).then().statusCode(200).extract().response();
        String etag = fresh.header("ETag");
        assertNotNull(etag, path + " has no ETag");
        Response notModified = again.header("If-None-Match", etag).get(path).then().statusCode(304)
                .body(emptyString()).extract().response();
        assertEquals(etag, notModified.header("ETag"), path);
        assertEquals(fresh.header("Cache-Control"), notModified.header("Cache-Control"), path);
        assertEquals(varies(fresh), varies(notModified), path);
        return fresh;
    }

    private static List<String> varies(Response response) {
        return response.headers().getValues("Vary").stream().flatMap(v -> List.of(v.split("\\s*,\\s*")).stream())
                .map(v -> v.toLowerCase(Locale.ROOT)).sorted().toList();
    }

    @Test
    void aRecordHasAnEtagAndIfNoneMatchIsAnswered304() {
        String id = Records.append(Records.fine()).get("id").asText();
        Response fresh = revalidates(api(), api(), "/v1/records/" + id);
        assertEquals(REVALIDATE, fresh.header("Cache-Control"));
        assertTrue(varies(fresh).containsAll(List.of("origin", "authorization", "accept-encoding")), varies(fresh).toString());
        String etag = fresh.header("ETag");
        assertTrue(etag.matches("\"[A-Za-z0-9_-]{22}\""), etag);

        // A list of tags, weak or strong (weak comparison), and "*": any of them matches.
        for (String ifNoneMatch : new String[] { "\"nope\", " + etag, "W/" + etag, "\"a\",W/" + etag + " ,\"b\"", "*" }) {
            api().header("If-None-Match", ifNoneMatch).get("/v1/records/" + id).then().statusCode(304).body(emptyString());
        }
        // Other tags, and what is not a tag, do not.
        for (String ifNoneMatch : new String[] { "\"nope\"", etag.replace("\"", ""), "W/\"x\", \"y\"", "\"" }) {
            api().header("If-None-Match", ifNoneMatch).get("/v1/records/" + id).then().statusCode(200)
                    .header("ETag", etag);
        }
        // HEAD: the same validators, no body.
        api().head("/v1/records/" + id).then().statusCode(200).header("ETag", etag);
        api().header("If-None-Match", etag).head("/v1/records/" + id).then().statusCode(304);
        // The same bytes, the same tag.
        api().get("/v1/records/" + id).then().header("ETag", etag);
    }

    @Test
    void aCorrectionChangesTheTagOfWhatItCorrects() {
        ObjectNode fine = Records.append(Records.fine());
        String id = fine.get("id").asText();
        String before = api().get("/v1/records/" + id).then().statusCode(200).extract().header("ETag");
        Records.append(Records.retraction(id));
        // derived.retracted is new: the old tag no longer matches, the answer is the new record.
        String after = api().header("If-None-Match", before).get("/v1/records/" + id).then().statusCode(200)
                .body("derived.retracted", equalTo(true)).extract().header("ETag");
        assertNotEquals(before, after);
    }

    @Test
    void pagesHaveEtagsThatChangeWithTheirContent() {
        String tag = Records.uniqueTag();
        ObjectNode record = Records.detention();
        record.putArray("tags").add(tag);
        Records.append(record);
        UUID actor = References.actor("Caching Testova");
        ObjectNode named = Records.detention();
        named.putArray("actors").addObject().put("actorId", actor.toString()).put("role", "detainee");
        Records.append(named);
        long start = Api.headPosition() - 3;
        for (String path : new String[] { "/v1/records?tag=" + tag, "/v1/records?limit=2", "/v1/records?q=feminist",
                "/v1/actors?limit=5", "/v1/actors/" + actor + "/revisions", "/v1/actors/" + actor + "/records",
                "/v1/bills", "/v1/cases", "/v1/exchange-rates", "/v1/stats?groupBy=type", "/v1/feed?after=" + start,
                "/v1/feed?after=" + start + "&limit=1", "/v1/log/head", "/v1/log/checkpoint", "/v1/log/public-key" }) {
            Response page = revalidates(api(), api(), path);
            assertEquals(REVALIDATE, page.header("Cache-Control"), path);
        }
        String before = api().get("/v1/records?tag=" + tag).then().extract().header("ETag");
        String feedBefore = api().get("/v1/feed?after=" + start).then().extract().header("ETag");
        ObjectNode another = Records.fine();
        another.putArray("tags").add(tag);
        Records.append(another);
        api().header("If-None-Match", before).get("/v1/records?tag=" + tag).then().statusCode(200)
                .body("items.size()", equalTo(2));
        api().header("If-None-Match", feedBefore).get("/v1/feed?after=" + start).then().statusCode(200);
    }

    @Test
    void whatAReaderWithoutTheScopeGetsHasItsOwnTag() {
        long start = Api.headPosition();
        ObjectNode restricted = Records.detention();
        restricted.put("confidentiality", "restricted");
        String id = Records.append(restricted).get("id").asText();
        String path = "/v1/feed?after=" + start;

        Response placeholder = revalidates(api(), api(), path);
        Response full = revalidates(Api.as(Api.restrictedReader()), Api.as(Api.restrictedReader()), path);
        assertNotEquals(placeholder.header("ETag"), full.header("ETag"));
        assertEquals("private, no-cache", full.header("Cache-Control"));
        // The tag of the full view tells an anonymous reader nothing: it gets its own view, 200.
        api().header("If-None-Match", full.header("ETag")).get(path).then().statusCode(200)
                .body("items[0].redacted", equalTo(true));
        api().header("If-None-Match", full.header("ETag")).get("/v1/records/" + id).then().statusCode(404);
        Response record = revalidates(Api.as(Api.restrictedReader()), Api.as(Api.restrictedReader()), "/v1/records/" + id);
        assertEquals("private, no-cache", record.header("Cache-Control"));
    }

    @Test
    void entitiesKeepTheirRevisionAsTag() {
        UUID actor = References.actor("Revision Tagova");
        Response fresh = revalidates(api(), api(), "/v1/actors/" + actor);
        assertEquals("\"1\"", fresh.header("ETag"));
        assertEquals(REVALIDATE, fresh.header("Cache-Control"));
        // The pseudonym or the name, depending on the caller's scope.
        assertTrue(varies(fresh).contains("authorization"), varies(fresh).toString());
        Api.as(Api.writer()).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body(References.person("Revision Tagova II").toString())
                .put("/v1/actors/" + actor).then().statusCode(200).header("ETag", "\"2\"");
        api().header("If-None-Match", "\"1\"").get("/v1/actors/" + actor).then().statusCode(200).header("ETag", "\"2\"");
        api().header("If-None-Match", "\"2\"").get("/v1/actors/" + actor).then().statusCode(304);
        UUID courtCase = References.courtCase("Tagged v. State");
        revalidates(api(), api(), "/v1/cases/" + courtCase);
    }

    @Test
    void aBillIsNeverStoredItsReadingsChangeWithoutARevision() {
        UUID bill = References.bill("On caching");
        api().get("/v1/bills/" + bill).then().statusCode(200).header("ETag", "\"1\"")
                .header("Cache-Control", "no-store");
        Records.append(Records.billReading(bill));
        // Still revision 1, but a new stage: "1" must not be taken for the view a cache kept.
        api().header("If-None-Match", "\"1\"").get("/v1/bills/" + bill).then().statusCode(200)
                .header("ETag", "\"1\"").body("stage", equalTo("passed"));
    }

    @Test
    void treeRootsAndProofsOfAFixedSizeAreImmutable() {
        Records.append(Records.fine());
        long head = Api.headPosition();
        for (String path : new String[] { "/v1/log/tree?size=2", "/v1/log/proofs/inclusion?position=1&treeSize=" + head,
                "/v1/log/proofs/consistency?from=1&to=" + head }) {
            Response proof = revalidates(api(), api(), path);
            assertEquals(YEAR, proof.header("Cache-Control"), path);
            // The same for everyone: no Vary on Authorization.
            assertFalse(varies(proof).contains("authorization"), path + ": " + varies(proof));
            Api.as(Api.writer()).get(path).then().statusCode(200)
                    .header("Cache-Control", "private, max-age=31536000, immutable");
        }
        // The head moves: it is revalidated.
        api().get("/v1/log/head").then().header("Cache-Control", REVALIDATE);
    }

    @Test
    void answersToAuthorizedRequestsArePrivate() {
        Api.as(Api.writer()).get("/v1/records?limit=1").then().statusCode(200).header("Cache-Control", "private, no-cache");
        Api.as(Api.writer()).get("/v1/webhooks").then().statusCode(200).header("Cache-Control", "private, no-cache")
                .header("Vary", containsString("Authorization"));
    }

    @Test
    void problemsAreNeverStored() {
        api().get("/v1/records/" + UUID.randomUUID()).then().statusCode(404).header("Cache-Control", "no-store");
        api().get("/v1/records?limit=0").then().statusCode(400).header("Cache-Control", "no-store");
        api().header("Authorization", "Bearer not-a-key").get("/v1/log/head").then().statusCode(401)
                .header("Cache-Control", "no-store");
        Api.raw().get("/v1/no-such-thing").then().statusCode(404).header("Cache-Control", "no-store");
        // Written at the edge, before any resource is found.
        Api.raw().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "GET")
                .options("/v1/records").then().statusCode(403).header("Cache-Control", "no-store");
        // A problem answers no If-None-Match.
        api().header("If-None-Match", "*").get("/v1/records/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void theExportAndTheStreamAreNeitherHashedNorStored() {
        long start = Api.headPosition() - 1;
        api().get("/v1/feed/export?after=" + start).then().statusCode(200).header("ETag", nullValue())
                .header("Cache-Control", "no-store");
        api().header("If-None-Match", "*").get("/v1/feed/export?after=" + start).then().statusCode(200)
                .body(not(emptyString()));
    }
}
