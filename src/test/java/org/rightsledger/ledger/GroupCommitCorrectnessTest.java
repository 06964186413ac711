package org.rightsledger.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.rightsledger.support.Api;
import org.rightsledger.support.ChainCheck;
import org.rightsledger.support.HeldHead;
import org.rightsledger.support.Records;
import org.rightsledger.support.References;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Group-commit correctness under concurrent load. Many clients send a mix of valid records,
 * invalid ones (an unknown actor, an unknown field) and idempotent retries — several clients
 * with one key and body at once, and one with that key and another body. Then: every 201
 * corresponds to exactly one stored entry and nothing else was stored, positions stay
 * contiguous, the chain verifies, each answer is about its own request, and no 4xx reached a
 * neighbour of the group it was refused in.
 */
@QuarkusTest
class GroupCommitCorrectnessTest {

    private static final int CLIENTS = 16;
    private static final int REQUESTS_EACH = 8;
    private static final int KEYS = 4;

    @Inject
    DataSource dataSource;

    @Inject
    Ledger ledger;

    @Inject
    MeterRegistry meters;

    /** What a client sent and what it expects in kind. */
    private record Sent(Kind kind, String idempotencyKey, ObjectNode body, String marker) {
    }

    private enum Kind {
        VALID, UNKNOWN_ACTOR, UNKNOWN_FIELD, KEYED, KEYED_OTHER_BODY
    }

    private record Answer(Sent sent, Response response) {
    }

    @Test
    void everyAcknowledgedEntryIsStoredOnceAndEveryRefusalIsAboutItsOwnRequest() throws Exception {
        UUID actor = References.actor("Group Commit Witness");
        Map<String, ObjectNode> keyedBodies = new HashMap<>();
        Map<String, ObjectNode> otherBodies = new HashMap<>();
        for (int k = 0; k < KEYS; k++) {
            String key = "group-commit-" + UUID.randomUUID();
            keyedBodies.put(key, fine("keyed record " + k));
            otherBodies.put(key, fine("another body for key " + k));
        }
        List<String> keys = List.copyOf(keyedBodies.keySet());
        List<List<Sent>> plans = new ArrayList<>();
        for (int client = 0; client < CLIENTS; client++) {
            List<Sent> plan = new ArrayList<>();
            for (int i = 0; i < REQUESTS_EACH; i++) {
                plan.add(request(client, i, actor, keys, keyedBodies, otherBodies));
            }
            plans.add(plan);
        }

        long before = Api.headPosition();
        DistributionSummary sizes = meters.get("ledger.append.group.size").summary();
        long groupsBefore = sizes.count();
        double membersBefore = sizes.totalAmount();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS + 1);
        List<Future<List<Answer>>> clients = new ArrayList<>();
        // Every client's first request is a valid append: held back by the head, they make one large group.
        Sent opener = new Sent(Kind.VALID, null, fine("the group before the load"), null);
        Future<Response> opening;
        try (HeldHead head = HeldHead.hold(dataSource)) {
            opening = pool.submit(() -> post(opener));
            head.awaitCommitterBlocked();
            CountDownLatch go = new CountDownLatch(1);
            for (List<Sent> plan : plans) {
                clients.add(pool.submit(() -> {
                    go.await();
                    List<Answer> answers = new ArrayList<>();
                    for (Sent sent : plan) {
                        answers.add(new Answer(sent, post(sent)));
                    }
                    return answers;
                }));
            }
            go.countDown();
            head.awaitQueued(ledger::queued, CLIENTS); // every client's first request
        }
        List<Answer> answers = new ArrayList<>(List.of(new Answer(opener, opening.get())));
        for (Future<List<Answer>> client : clients) {
            answers.addAll(client.get());
        }
        pool.shutdown();

        Map<String, Stored> stored = storedAfter(before);
        Set<String> acknowledged = new HashSet<>();
        for (Answer answer : answers) {
            Response response = answer.response();
            Sent sent = answer.sent();
            switch (response.statusCode()) {
                case 201 -> {
                    ObjectNode entry = (ObjectNode) Records.parse(response.asString());
                    String id = entry.get("id").asText();
                    assertEquals(sent.body().get("summary").asText(), entry.get("summary").asText(),
                            "a 201 answers with its own request's record");
                    assertEquals(entry.get("contentHash").asText(), ChainCheck.contentHashOf(entry));
                    Stored entryStored = stored.get(id);
                    assertTrue(entryStored != null, "acknowledged " + id + " is stored");
                    assertEquals(entryStored.position(), entry.get("position").asLong());
                    assertEquals(entryStored.hash(), entry.get("hash").asText());
                    acknowledged.add(id);
                }
                case 422 -> assertRefusedForItsOwnInput(sent, response);
                default -> throw new AssertionError(sent.kind() + " answered " + response.statusCode() + ": "
                        + response.asString());
            }
            if (sent.kind() == Kind.VALID) {
                assertEquals(201, response.statusCode(), response.asString());
            }
            if (sent.kind() == Kind.UNKNOWN_ACTOR || sent.kind() == Kind.UNKNOWN_FIELD) {
                assertEquals(422, response.statusCode(), response.asString());
            }
        }
        assertEquals(acknowledged, stored.keySet(), "exactly the acknowledged entries were stored");
        for (String key : keys) {
            assertOneEntryFor(key, answers, stored);
        }

        long head = Api.headPosition();
        assertEquals(before + stored.size(), head, "the head moved by the stored entries");
        assertEquals(Api.headHash(), ChainCheck.verifyStoredLog(dataSource), "positions 1..N, every hash chains");
        assertTrue(sizes.totalAmount() - membersBefore > sizes.count() - groupsBefore,
                "some group held more than one append");
    }

    /** Client {@code c}'s request {@code i}: the first is always a valid append, then a mix. */
    private static Sent request(int c, int i, UUID actor, List<String> keys, Map<String, ObjectNode> keyedBodies,
            Map<String, ObjectNode> otherBodies) {
        String marker = "client " + c + " request " + i;
        String key = keys.get((c + i) % keys.size());
        int kind = i == 0 ? (c % 4 == 0 ? 3 : c % 4 == 1 ? 4 : 0) : (c * 7 + i * 3) % 6;
        return switch (kind) {
            case 1 -> {
                UUID unknown = UUID.randomUUID();
                ObjectNode body = fine(marker);
                body.putArray("actors").addObject().put("actorId", unknown.toString()).put("role", "fined");
                yield new Sent(Kind.UNKNOWN_ACTOR, null, body, unknown.toString());
            }
            case 2 -> {
                String field = "unexpected" + c + "x" + i;
                yield new Sent(Kind.UNKNOWN_FIELD, null, fine(marker).put(field, true), field);
            }
            case 3 -> new Sent(Kind.KEYED, key, keyedBodies.get(key), key);
            case 4 -> c % 3 == 0 ? new Sent(Kind.KEYED_OTHER_BODY, key, otherBodies.get(key), key)
                    : new Sent(Kind.KEYED, key, keyedBodies.get(key), key);
            default -> {
                ObjectNode body = (c + i) % 2 == 0 ? fine(marker) : Records.detention().put("summary", marker);
                if (i % 3 == 0) {
                    body.putArray("actors").addObject().put("actorId", actor.toString()).put("role", "detainee");
                }
                yield new Sent(Kind.VALID, null, body, marker);
            }
        };
    }

    private static void assertRefusedForItsOwnInput(Sent sent, Response response) {
        JsonNode problem = Records.parse(response.asString());
        String detail = problem.get("detail").asText();
        switch (sent.kind()) {
            case UNKNOWN_ACTOR -> {
                assertEquals("/actors/0/actorId", problem.get("errors").get(0).get("pointer").asText());
                assertTrue(detail.contains(sent.marker()), "about its own actor: " + detail);
            }
            case UNKNOWN_FIELD -> assertTrue(detail.contains("'" + sent.marker() + "'"), "about its own field: " + detail);
            case KEYED, KEYED_OTHER_BODY -> {
                assertEquals("urn:rights-ledger:problem:idempotency-key-reused", problem.get("type").asText());
                assertTrue(detail.contains(sent.marker()), "about its own key: " + detail);
            }
            default -> throw new AssertionError("a valid record was refused: " + detail);
        }
    }

    /**
     * One entry per key, from whichever body came first: every request with that body is
     * answered with it (one appended, the rest replayed), every request with the other body 422.
     */
    private static void assertOneEntryFor(String key, List<Answer> answers, Map<String, Stored> stored) {
        List<Answer> withKey = answers.stream().filter(a -> key.equals(a.sent().idempotencyKey())).toList();
        List<String> storedSummaries = new ArrayList<>();
        Set<String> summariesSent = new HashSet<>();
        withKey.forEach(a -> summariesSent.add(a.sent().body().get("summary").asText()));
        stored.values().stream().map(Stored::summary).filter(summariesSent::contains).forEach(storedSummaries::add);
        assertEquals(1, storedSummaries.size(), key + " stored " + storedSummaries);
        String winner = storedSummaries.get(0);
        Set<String> ids = new HashSet<>();
        int appended = 0;
        for (Answer answer : withKey) {
            if (answer.sent().body().get("summary").asText().equals(winner)) {
                assertEquals(201, answer.response().statusCode(), answer.response().asString());
                ids.add(answer.response().jsonPath().getString("id"));
                appended += answer.response().header("Idempotent-Replayed") == null ? 1 : 0;
            } else {
                assertEquals(422, answer.response().statusCode(), answer.response().asString());
            }
        }
        assertEquals(1, ids.size(), "every request with the key's first body gets its one entry");
        assertEquals(1, appended, "one appended, every other was replayed");
    }

    private record Stored(long position, String hash, String summary) {
    }

    private Map<String, Stored> storedAfter(long position) throws Exception {
        Map<String, Stored> stored = new HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement("""
                        SELECT id::text, position, encode(hash, 'hex'), content::jsonb ->> 'summary'
                          FROM log_entry WHERE position > ?""")) {
            query.setLong(1, position);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    assertNull(stored.put(rows.getString(1),
                            new Stored(rows.getLong(2), rows.getString(3), rows.getString(4))), "an id stored twice");
                }
            }
        }
        return stored;
    }

    private static ObjectNode fine(String summary) {
        return Records.fine().put("summary", summary);
    }

    private static Response post(Sent sent) {
        var request = Api.as(Api.writer()).contentType(ContentType.JSON).body(sent.body().toString());
        if (sent.idempotencyKey() != null) {
            request.header("Idempotency-Key", sent.idempotencyKey());
        }
        return request.post("/v1/records");
    }
}
