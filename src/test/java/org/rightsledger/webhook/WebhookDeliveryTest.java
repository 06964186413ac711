package org.rightsledger.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rightsledger.support.Api;
import org.rightsledger.support.Records;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Webhooks deliver every new entry a key may see, in position order, at least once, signed as
 * Standard Webhooks: checked against a receiver on 127.0.0.1 and against the feed as the same
 * key reads it. The test profile allows private targets and retries after 0.2 s.
 */
@QuarkusTest
class WebhookDeliveryTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    DataSource db;

    private Receiver receiver;

    @BeforeEach
    void receiver() throws Exception {
        receiver = new Receiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    static Response subscribe(String token, String url, Object... more) {
        ObjectNode body = Records.JSON.createObjectNode().put("url", url);
        for (int i = 0; i < more.length; i += 2) {
            body.set((String) more[i], Records.JSON.valueToTree(more[i + 1]));
        }
        return Api.as(token).contentType(ContentType.JSON).body(body.toString()).post("/v1/webhooks");
    }

    static ObjectNode append(String token, ObjectNode record) {
        return Records.parse(Api.as(token).contentType(ContentType.JSON).body(record.toString()).post("/v1/records")
                .then().statusCode(201).extract().asString());
    }

    /** The feed after {@code after} up to {@code to}, as the key reads it. */
    static List<JsonNode> feed(String token, long after, long to) {
        List<JsonNode> entries = new ArrayList<>();
        for (JsonNode item : Records.parse(Api.as(token).get("/v1/feed?limit=5000&after=" + after).then()
                .statusCode(200).extract().asString()).get("items")) {
            if (item.get("position").asLong() <= to) {
                entries.add(item);
            }
        }
        return entries;
    }

    @Test
    void aReceiverThatFailsForAWhileGetsEveryEntryInOrderOnceItRecovers() throws Exception {
        String token = Api.token("Webhook Recovering Partner", "write");
        AtomicInteger calls = new AtomicInteger();
        receiver.answer = path -> calls.incrementAndGet() <= 4 ? 503 : 204;
        long start = Api.headPosition();
        Response created = subscribe(token, receiver.url("/hook"));
        created.then().statusCode(201);
        String id = created.path("id");
        String secret = created.path("secret");
        List<Long> positions = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            positions.add(append(token, i % 2 == 0 ? Records.fine() : Records.detention()).get("position").asLong());
        }
        long last = positions.get(positions.size() - 1);
        Receiver.await("the receiver acknowledged position " + last, PATIENCE,
                () -> receiver.acknowledgedUpTo("/hook") >= last);

        // Exactly the feed, entry for entry, in position order: nothing missing, nothing reordered.
        List<JsonNode> acknowledged = receiver.acknowledged("/hook");
        List<JsonNode> expected = feed(token, start, receiver.acknowledgedUpTo("/hook"));
        assertEquals(expected, acknowledged);
        assertTrue(acknowledged.stream().map(e -> e.get("position").asLong()).toList().containsAll(positions));

        List<Receiver.Request> requests = receiver.requests("/hook");
        assertTrue(requests.size() >= 5, "four failures, then success: " + requests.size());
        for (Receiver.Request request : requests) {
            assertTrue(request.verifies(secret), "signature of " + request);
            assertTrue(request.contentType().startsWith("application/json"), request.contentType());
            assertTrue(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(request.timestamp())) < 120);
        }
        // A retry is the same message: same webhook-id, same entries; the next range gets a new id.
        Receiver.Request first = requests.get(0);
        for (Receiver.Request retry : requests.subList(1, 5)) {
            assertEquals(first.id(), retry.id());
            assertEquals(first.entries().stream().map(e -> e.get("position")).toList(),
                    retry.entries().stream().map(e -> e.get("position")).toList());
        }
        assertEquals(first.id(), requests.get(4).id(), "the fifth attempt delivers what the first could not");
        // Backoff: each wait at least half of 0.2 s × 2^(n-1).
        for (int n = 1; n < 4; n++) {
            long waited = Duration.between(requests.get(n - 1).at(), requests.get(n).at()).toMillis();
            assertTrue(waited >= 100L * (1 << (n - 1)) - 20, "retry " + n + " after " + waited + " ms");
        }

        JsonNode webhook = Records.parse(Api.as(token).get("/v1/webhooks/" + id).then().statusCode(200).extract()
                .asString());
        assertEquals("active", webhook.get("status").asText());
        assertEquals(last, webhook.get("after").asLong());
        assertFalse(webhook.has("secret"));
        JsonNode deliveries = Records.parse(Api.as(token).get("/v1/webhooks/" + id + "/deliveries?limit=100").then()
                .statusCode(200).extract().asString()).get("items");
        JsonNode oldest = deliveries.get(deliveries.size() - 1);
        assertEquals(503, oldest.get("status").asInt(), oldest.toString());
        assertTrue(oldest.has("nextRetryAt"), oldest.toString());
        assertEquals(first.id(), oldest.get("messageId").asText());
        assertEquals(200 <= deliveries.get(0).get("status").asInt() && deliveries.get(0).get("status").asInt() < 300,
                true, deliveries.get(0).toString());
        assertFalse(deliveries.get(0).has("nextRetryAt"));

        String metrics = Api.raw().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String series : List.of("ledger_webhooks_deliveries_total{outcome=\"delivered\",webhook=\"" + id + "\"}",
                "ledger_webhooks_deliveries_total{outcome=\"failed\",webhook=\"" + id + "\"} 4.0",
                "ledger_webhooks_lag_entries{webhook=\"" + id + "\"}",
                "ledger_webhooks_entries_delivered_total{webhook=\"" + id + "\"} " + positions.size() + ".0")) {
            assertTrue(metrics.contains(series), series + " in\n" + metrics.lines()
                    .filter(l -> l.contains(id)).toList());
        }
    }

    @Test
    void aSubscriptionLockedByAnotherDelivererIsLeftAloneUntilTheLockGoes() throws Exception {
        String token = Api.token("Webhook Contended Partner", "write");
        String id = subscribe(token, receiver.url("/locked")).then().statusCode(201).extract().path("id");
        long position;
        // Another replica's deliverer holds the subscription's lock (its session), as in production.
        try (Connection other = db.getConnection();
                PreparedStatement lock = other.prepareStatement("SELECT pg_advisory_lock(?)")) {
            lock.setLong(1, WebhookDeliverer.lockKey(java.util.UUID.fromString(id)));
            lock.execute();
            position = append(token, Records.fine()).get("position").asLong();
            Thread.sleep(2500);
            assertTrue(receiver.requests("/locked").isEmpty(), "nothing is sent while another deliverer holds it");
            try (PreparedStatement unlock = other.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                unlock.setLong(1, WebhookDeliverer.lockKey(java.util.UUID.fromString(id)));
                unlock.execute();
            }
        }
        Receiver.await("delivered once the lock is free", PATIENCE, () -> receiver.acknowledgedUpTo("/locked") >= position);
        assertEquals(1, receiver.requests("/locked").size());
    }

    @Test
    void restrictedEntriesArriveAsPlaceholdersUnlessTheKeyMayReadThem() throws Exception {
        String writeOnly = Api.token("Webhook Write-only Partner", "write");
        String trusted = Api.token("Webhook Trusted Partner", "write", "restricted:read");
        long start = Api.headPosition();
        subscribe(writeOnly, receiver.url("/public")).then().statusCode(201);
        subscribe(trusted, receiver.url("/trusted")).then().statusCode(201);
        ObjectNode hidden = append(trusted, Records.detention().put("confidentiality", "restricted")
                .put("summary", "Webhookcanary was detained in secret."));
        long last = append(trusted, Records.fine()).get("position").asLong();
        Receiver.await("both receivers got position " + last, PATIENCE,
                () -> receiver.acknowledgedUpTo("/public") >= last && receiver.acknowledgedUpTo("/trusted") >= last);

        long position = hidden.get("position").asLong();
        JsonNode placeholder = receiver.acknowledged("/public").stream()
                .filter(e -> e.get("position").asLong() == position).findFirst().orElseThrow();
        assertTrue(placeholder.get("redacted").asBoolean(), placeholder.toString());
        assertFalse(placeholder.toString().contains("Webhookcanary"));
        assertEquals(hidden.get("hash"), placeholder.get("hash"));
        assertEquals(feed(writeOnly, start, last), receiver.acknowledged("/public"));

        JsonNode full = receiver.acknowledged("/trusted").stream().filter(e -> e.get("position").asLong() == position)
                .findFirst().orElseThrow();
        assertTrue(full.toString().contains("Webhookcanary"));
        assertEquals(feed(trusted, start, last), receiver.acknowledged("/trusted"));
        assertFalse(receiver.requests("/public").stream().anyMatch(r -> r.body().contains("Webhookcanary")));
    }

    @Test
    void onlyTheSubscribedTypesAreDeliveredAndTheOthersAreSkipped() throws Exception {
        String token = Api.token("Webhook Fines Partner", "write");
        subscribe(token, receiver.url("/fines"), "types", List.of("fine")).then().statusCode(201)
                .body("types", org.hamcrest.Matchers.equalTo(List.of("fine")));
        append(token, Records.detention());
        long fine = append(token, Records.fine()).get("position").asLong();
        long detention = append(token, Records.detention()).get("position").asLong();
        long lastFine = append(token, Records.fine()).get("position").asLong();
        Receiver.await("the fines arrived", PATIENCE, () -> receiver.acknowledgedUpTo("/fines") >= lastFine);
        List<JsonNode> got = receiver.acknowledged("/fines");
        assertEquals(List.of(fine, lastFine), got.stream().map(e -> e.get("position").asLong()).toList());
        assertTrue(got.stream().allMatch(e -> e.get("type").asText().equals("fine")));
        assertTrue(detention < lastFine);
    }

    @Test
    void manySubscriptionsAtOnceEachGetEverythingInOrder() throws Exception {
        int subscriptions = 25;
        List<String> tokens = new ArrayList<>();
        long start = Api.headPosition();
        for (int i = 0; i < subscriptions; i++) {
            String token = Api.token("Webhook Crowd " + (i % 5), "write");
            tokens.add(token);
            subscribe(token, receiver.url("/crowd/" + i), "after", start).then().statusCode(201);
        }
        ArrayNode batch = Records.JSON.createArrayNode();
        for (int i = 0; i < 30; i++) {
            batch.add(i % 3 == 0 ? Records.ruling() : Records.fine());
        }
        Api.as(tokens.get(0)).contentType(ContentType.JSON).body(batch.toString()).post("/v1/records/batch").then()
                .statusCode(201);
        for (int i = 0; i < 10; i++) {
            append(tokens.get(i), Records.detention());
        }
        long last = Api.headPosition();
        Receiver.await("every subscription reached " + last, Duration.ofSeconds(60), () -> {
            for (int i = 0; i < subscriptions; i++) {
                if (receiver.acknowledgedUpTo("/crowd/" + i) < last) {
                    return false;
                }
            }
            return true;
        });
        List<Long> expected = feed(tokens.get(0), start, last).stream().map(e -> e.get("position").asLong()).toList();
        assertEquals(last - start, expected.size());
        for (int i = 0; i < subscriptions; i++) {
            List<Long> got = receiver.acknowledged("/crowd/" + i).stream().map(e -> e.get("position").asLong()).toList();
            assertEquals(expected, got, "subscription " + i);
        }
    }

    @Test
    void afterThreeDaysOfFailuresAWebhookIsPausedSaysSoAndCanBeResumed() throws Exception {
        String token = Api.token("Webhook Absent Partner", "write");
        receiver.answer = path -> 500;
        String id = subscribe(token, receiver.url("/absent")).then().statusCode(201).extract().path("id");
        long position = append(token, Records.fine()).get("position").asLong();
        Receiver.await("a first failed attempt", PATIENCE, () -> !receiver.requests("/absent").isEmpty());
        Receiver.await("the failure is recorded", PATIENCE, () -> "retrying".equals(
                Api.as(token).get("/v1/webhooks/" + id).then().statusCode(200).extract().path("status")));
        // Three days and a bit ago, as far as the deliverer can tell.
        try (Connection c = db.getConnection(); PreparedStatement update = c.prepareStatement(
                "UPDATE webhook SET failing_since = now() - interval '73 hours' WHERE id = ?::uuid")) {
            update.setString(1, id);
            assertEquals(1, update.executeUpdate());
        }
        Receiver.await("the webhook is paused", PATIENCE, () -> "paused".equals(
                Api.as(token).get("/v1/webhooks/" + id).then().statusCode(200).extract().path("status")));
        JsonNode paused = Records.parse(Api.as(token).get("/v1/webhooks/" + id).then().extract().asString());
        assertNotNull(paused.get("pausedAt"));
        assertEquals("HTTP 500", paused.get("lastError").asText());
        assertNull(paused.get("nextAttemptAt"));
        int attempts = receiver.requests("/absent").size();
        Thread.sleep(1500);
        assertEquals(attempts, receiver.requests("/absent").size(), "a paused webhook is not attempted");

        receiver.answer = path -> 200;
        Api.as(token).post("/v1/webhooks/" + id + "/resume").then().statusCode(200).body("status",
                org.hamcrest.Matchers.equalTo("active"));
        Receiver.await("the resumed webhook delivered", PATIENCE, () -> receiver.acknowledgedUpTo("/absent") >= position);
    }

    @Test
    void revokingTheKeyStopsItsWebhooks() throws Exception {
        Response issued = Api.issueKey("Webhook Revoked Partner", "write");
        String token = issued.path("token");
        subscribe(token, receiver.url("/revoked")).then().statusCode(201);
        long first = append(token, Records.fine()).get("position").asLong();
        Receiver.await("delivery works before revocation", PATIENCE, () -> receiver.acknowledgedUpTo("/revoked") >= first);
        Api.as(Api.ADMIN_TOKEN).delete("/v1/admin/api-keys/" + issued.path("id")).then().statusCode(204);
        append(Api.writer(), Records.fine());
        Thread.sleep(2500);
        assertEquals(first, receiver.acknowledgedUpTo("/revoked"));
        assertEquals(1, receiver.requests("/revoked").size());
    }

    @Test
    void redirectsAreNotFollowedAndEndlessAnswersAreCutShort() throws Exception {
        String token = Api.token("Webhook Odd Receivers", "write");
        receiver.on("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", receiver.url("/elsewhere"));
            Receiver.respond(exchange, 307, "");
        });
        receiver.on("/endless", exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked, and it never ends
            byte[] chunk = new byte[16 * 1024];
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 100_000; i++) {
                    out.write(chunk);
                }
            } catch (java.io.IOException hungUp) {
                // the deliverer stopped reading: as it should
            }
        });
        String moved = subscribe(token, receiver.url("/moved")).then().statusCode(201).extract().path("id");
        String endless = subscribe(token, receiver.url("/endless")).then().statusCode(201).extract().path("id");
        long position = append(token, Records.fine()).get("position").asLong();
        Receiver.await("the endless answer was taken as an acknowledgement", PATIENCE, () -> position == Records.JSON
                .convertValue(Api.as(token).get("/v1/webhooks/" + endless).then().extract().path("after"), Long.class));
        Receiver.await("the redirect was answered", PATIENCE, () -> Api.as(token)
                .get("/v1/webhooks/" + moved + "/deliveries").then().extract().jsonPath().getList("items").size() > 0);
        Map<String, Object> attempt = Api.as(token).get("/v1/webhooks/" + moved + "/deliveries").then().statusCode(200)
                .extract().jsonPath().getMap("items[0]");
        assertEquals(307, attempt.get("status"));
        assertTrue(receiver.requests("/elsewhere").isEmpty(), "a redirect is never followed");
        assertEquals("retrying", Api.as(token).get("/v1/webhooks/" + moved).then().extract().path("status"));
        Api.as(token).delete("/v1/webhooks/" + moved).then().statusCode(204);
        Api.as(token).delete("/v1/webhooks/" + endless).then().statusCode(204);
    }
}
