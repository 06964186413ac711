package org.rightsledger.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.rightsledger.support.PackagedService;
import org.rightsledger.support.Records;
import org.rightsledger.support.WriteLoad;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * Restarts lose nothing: the packaged service is killed (kill -9) while every delivery is
 * failing and pending, and stopped (SIGTERM) while deliveries are under way; started again on
 * the same schema, it delivers every entry to every webhook, in position order, from where the
 * receivers' acknowledgements left off (repeats only of unacknowledged messages, same webhook-id).
 */
class WebhookRestartIT {

    private static final String SCHEMA = "ledger_webhook_it";
    private static final String ADMIN = "webhook-it-admin";
    private static final List<String> PATHS = List.of("/a", "/b", "/c");

    @Test
    void pendingDeliveriesSurviveAKillAndAStop() throws Exception {
        try (Receiver receiver = new Receiver();
                PackagedService service = PackagedService.start(PackagedService.port(8117), SCHEMA, Map.of(
                        "LEDGER_ADMIN_TOKEN", ADMIN,
                        "LEDGER_WEBHOOKS_ALLOW_PRIVATE_TARGETS", "true",
                        "LEDGER_WEBHOOKS_RETRY_INITIAL", "PT0.2S",
                        "LEDGER_WEBHOOKS_RETRY_MAX", "PT1S"))) {
            String token = WriteLoad.writerToken(service, ADMIN);
            receiver.answer = path -> 503; // every receiver is down
            Map<String, String> secrets = new LinkedHashMap<>();
            for (String path : PATHS) {
                JsonNode created = post(service, token, "/v1/webhooks", "{\"url\": \"" + receiver.url(path) + "\"}", 201);
                secrets.put(path, created.get("secret").asText());
            }
            ArrayNode batch = Records.JSON.createArrayNode();
            for (int i = 0; i < 40; i++) {
                batch.add(i % 2 == 0 ? Records.fine() : Records.detention());
            }
            post(service, token, "/v1/records/batch", batch.toString(), 201);
            for (int i = 0; i < 10; i++) {
                post(service, token, "/v1/records", Records.ruling().toString(), 201);
            }
            Receiver.await("every webhook was attempted", Duration.ofSeconds(60),
                    () -> PATHS.stream().allMatch(p -> !receiver.requests(p).isEmpty()));

            service.kill();
            // Back up: /b fails three more times first.
            AtomicInteger bFailures = new AtomicInteger();
            receiver.answer = path -> path.equals("/b") && bFailures.incrementAndGet() <= 3 ? 500 : 200;
            service.restart();
            long head = head(service);
            assertEquals(50, head);
            awaitAll(receiver, head);
            for (String path : PATHS) {
                assertComplete(receiver, path, feed(service, token), secrets.get(path));
            }

            // Now SIGTERM while deliveries are under way: a slow receiver, entries one by one.
            Map<String, AtomicInteger> slow = new ConcurrentHashMap<>();
            receiver.answer = path -> {
                slow.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return 200;
            };
            for (int i = 0; i < 15; i++) {
                post(service, token, "/v1/records", Records.fine().toString(), 201);
            }
            Receiver.await("deliveries under way", Duration.ofSeconds(30),
                    () -> slow.values().stream().mapToInt(AtomicInteger::get).sum() > 0);
            service.terminate(); // SIGTERM: the JVM exits with 143 after its shutdown
            receiver.answer = path -> 200;
            service.restart();
            long newHead = head(service);
            assertEquals(65, newHead);
            awaitAll(receiver, newHead);
            List<JsonNode> feed = feed(service, token);
            for (String path : PATHS) {
                assertComplete(receiver, path, feed, secrets.get(path));
            }
        }
    }

    private static void awaitAll(Receiver receiver, long head) throws InterruptedException {
        Receiver.await("every webhook acknowledged position " + head, Duration.ofSeconds(90),
                () -> PATHS.stream().allMatch(p -> receiver.acknowledgedUpTo(p) >= head));
    }

    /**
     * What the receiver acknowledged, read as a partner would (a message id seen before is
     * dropped), is the feed: every position, once, in order; and every request verifies.
     */
    private static void assertComplete(Receiver receiver, String path, List<JsonNode> feed, String secret) {
        Map<String, List<JsonNode>> stored = new LinkedHashMap<>();
        for (Receiver.Request request : receiver.requests(path)) {
            assertTrue(request.verifies(secret), path + ": signature of " + request.id());
            if (request.acknowledged()) {
                stored.putIfAbsent(request.id(), request.entries());
            }
        }
        List<Long> positions = new ArrayList<>();
        stored.values().forEach(entries -> entries.forEach(e -> positions.add(e.get("position").asLong())));
        List<Long> expected = feed.stream().map(e -> e.get("position").asLong()).toList();
        assertEquals(expected, positions, path + ": every entry, once, in position order");
        List<JsonNode> entries = new ArrayList<>();
        stored.values().forEach(entries::addAll);
        for (int i = 0; i < entries.size(); i++) {
            assertEquals(feed.get(i).get("hash"), entries.get(i).get("hash"), path + " at " + i);
        }
    }

    private static JsonNode post(PackagedService service, String token, String path, String body, int expected)
            throws Exception {
        HttpResponse<String> response = service.http.send(HttpRequest.newBuilder(service.uri(path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(expected, response.statusCode(), response.body());
        return Records.JSON.readTree(response.body());
    }

    private static long head(PackagedService service) throws Exception {
        return Records.JSON.readTree(service.get("/v1/log/head").body()).get("position").asLong();
    }

    private static List<JsonNode> feed(PackagedService service, String token) throws Exception {
        HttpResponse<String> page = service.get("/v1/feed?after=0&limit=5000", "Authorization", "Bearer " + token);
        List<JsonNode> items = new ArrayList<>();
        Records.JSON.readTree(page.body()).get("items").forEach(items::add);
        return items;
    }
}
