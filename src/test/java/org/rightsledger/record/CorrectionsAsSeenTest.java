package org.rightsledger.record;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.rightsledger.support.Api;
import org.rightsledger.support.Records;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * A record is corrected (superseded or retracted) once, as far as the writer can see. A
 * restricted correction does not count for a writer without {@code restricted:read}: were its
 * correction refused with a 409, the 409 would tell it that a restricted correction exists.
 * So it is appended, and readers with {@code restricted:read} see two current versions.
 */
@QuarkusTest
class CorrectionsAsSeenTest {

    private static String writeOnly() {
        return Api.token("Corrections Write-only", "write");
    }

    private static String fullWriter() {
        return Api.token("Corrections Full", "write", "restricted:read");
    }

    private static Response post(String token, ObjectNode body) {
        return Api.as(token).contentType(ContentType.JSON).body(body.toString()).post("/v1/records");
    }

    private static String append(String token, ObjectNode body) {
        return post(token, body).then().statusCode(201).extract().path("id");
    }

    @Test
    void aWriterWhoCannotSeeARestrictedCorrectionCorrectsTheRecordItSees() {
        String tag = Records.uniqueTag();
        String original = append(writeOnly(), Records.detention().put("summary", "Original.").set("tags",
                Records.JSON.createArrayNode().add(tag)));
        String secret = append(fullWriter(), Records.detention().put("supersedes", original)
                .put("confidentiality", "restricted").put("summary", "Restricted correction."));

        // To the write-only partner the original is current, and its correction is appended.
        Api.as(writeOnly()).get("/v1/records/" + original).then().statusCode(200).body("derived.supersededBy",
                equalTo(null));
        Response answer = post(writeOnly(), Records.detention().put("supersedes", original).put("summary", "Public fix.")
                .set("tags", Records.JSON.createArrayNode().add(tag)));
        answer.then().statusCode(201);
        assertFalse(answer.asString().contains(secret), "the answer names no restricted entry");
        String fix = answer.path("id");

        // The public sees original -> fix; readers with restricted:read see both corrections current.
        Api.api().get("/v1/records/" + original).then().body("derived.supersededBy", equalTo(fix));
        Api.api().get("/v1/records?tag=" + tag).then().body("items.id", equalTo(List.of(fix)));
        Api.as(fullWriter()).get("/v1/records/" + original).then().body("derived.supersededBy", equalTo(fix));
        Api.as(fullWriter()).get("/v1/records?type=detention&limit=200").then().body("items.id", hasItems(fix, secret))
                .body("items.id", not(hasItems(original)));

        // Now a correction everyone can see exists: a 409 for both writers.
        long head = Api.headPosition();
        post(writeOnly(), Records.detention().put("supersedes", original)).then().statusCode(409);
        post(fullWriter(), Records.detention().put("supersedes", original)).then().statusCode(409);
        assertEquals(head, Api.headPosition());
    }

    @Test
    void aWriterWhoCanSeeTheRestrictedCorrectionGets409() {
        String original = append(writeOnly(), Records.fine());
        append(fullWriter(), Records.fine().put("supersedes", original).put("confidentiality", "restricted"));
        long head = Api.headPosition();
        post(fullWriter(), Records.fine().put("supersedes", original)).then().statusCode(409)
                .contentType("application/problem+json").body("type", equalTo("urn:rights-ledger:problem:conflict"));
        post(fullWriter(), Records.retraction(original)).then().statusCode(409);
        assertEquals(head, Api.headPosition());
    }

    @Test
    void aRestrictedRetractionIsInvisibleToTheWriterWhoCannotReadItToo() {
        String original = append(writeOnly(), Records.ruling());
        append(fullWriter(), Records.retraction(original).put("confidentiality", "restricted"));
        String retraction = append(writeOnly(), Records.retraction(original));
        Api.api().get("/v1/records/" + original).then().body("derived.retracted", equalTo(true))
                .body("derived.retractedBy", equalTo(retraction));
        post(writeOnly(), Records.retraction(original)).then().statusCode(409);
    }

    @Test
    void concurrentCorrectionsOfOneRecordStoreExactlyOne() throws Exception {
        // The check runs under the head lock, so it holds without a unique index (restricted ones have none).
        String original = append(fullWriter(), Records.fine());
        long head = Api.headPosition();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> tries = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                tries.add(() -> post(fullWriter(), Records.fine().put("supersedes", original)
                        .put("confidentiality", "restricted")).statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(tries)) {
                statuses.add(f.get());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
            assertEquals(7, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        } finally {
            pool.shutdown();
        }
        assertEquals(head + 1, Api.headPosition());
    }
}
