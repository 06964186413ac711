package org.rightsledger.record;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.rightsledger.support.Api;
import org.rightsledger.support.Records;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
class IdempotencyTest {

    private static Response post(String key, Object body) {
        return Api.as(Api.writer()).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body.toString())
                .post("/v1/records");
    }

    @Test
    void aRetryWithTheSameKeyReplaysTheFirstEntry() {
        String key = UUID.randomUUID().toString();
        ObjectNode body = Records.fine();
        Response first = post(key, body);
        first.then().statusCode(201);
        assertNull(first.header("Idempotent-Replayed"));
        long head = Api.headPosition();

        // Same content, other whitespace and key order: still the same request.
        Response retry = post(key, "\n " + Records.JSON.createObjectNode().setAll(body).toPrettyString());
        retry.then().statusCode(201).header("Idempotent-Replayed", "true")
                .header("Location", first.header("Location"));
        assertEquals(first.jsonPath().getString("id"), retry.jsonPath().getString("id"));
        assertEquals(first.jsonPath().getLong("position"), retry.jsonPath().getLong("position"));
        assertEquals(head, Api.headPosition());
    }

    @Test
    void theSameKeyWithAnotherBodyIs422() {
        String key = UUID.randomUUID().toString();
        post(key, Records.fine()).then().statusCode(201);
        long head = Api.headPosition();
        ObjectNode other = Records.fine();
        other.put("summary", "Another fine altogether.");
        post(key, other).then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:rights-ledger:problem:idempotency-key-reused"));
        assertEquals(head, Api.headPosition());
    }

    @Test
    void keysBelongToTheirPartner() {
        String key = UUID.randomUUID().toString();
        post(key, Records.fine()).then().statusCode(201);
        Api.as(Api.token("Another Newsroom", "write")).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(Records.detention().toString()).post("/v1/records").then().statusCode(201)
                .body("type", equalTo("detention"));
    }

    @Test
    void aKeyMustBeVisibleAscii() {
        post("", Records.fine()).then().statusCode(400).contentType("application/problem+json");
        post("x".repeat(256), Records.fine()).then().statusCode(400);
    }

    @Test
    void concurrentRequestsWithOneKeyStoreOneEntry() throws Exception {
        String key = UUID.randomUUID().toString();
        ObjectNode body = Records.fine();
        long head = Api.headPosition();
        int clients = 8;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> responses = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Callable<Response> request = () -> {
                start.await();
                return post(key, body);
            };
            responses.add(pool.submit(request));
        }
        start.countDown();
        Set<String> ids = new java.util.HashSet<>();
        for (Future<Response> response : responses) {
            Response r = response.get();
            assertEquals(201, r.statusCode(), r.asString());
            ids.add(r.jsonPath().getString("id"));
        }
        pool.shutdown();
        assertEquals(1, ids.size(), "every client gets the one entry");
        assertEquals(head + 1, Api.headPosition());
        assertEquals(1, responses.stream().map(f -> {
            try {
                return f.get().header("Idempotent-Replayed");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).filter(h -> h == null).collect(Collectors.counting()).intValue(), "exactly one request appended");
    }
}
