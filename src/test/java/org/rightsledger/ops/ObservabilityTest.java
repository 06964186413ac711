package org.rightsledger.ops;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rightsledger.support.Api.api;
import static org.rightsledger.support.Api.raw;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.rightsledger.support.Api;
import org.rightsledger.support.Records;
import org.rightsledger.support.SseClient;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Request ids on every answer and in every problem; the service's own metrics at /q/metrics. */
@QuarkusTest
class ObservabilityTest {

    private static final Pattern UUID_FORM = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @Test
    void aSafeIncomingRequestIdIsEchoedAndCarriedByTheProblem() {
        String id = "partner-42.sync:7_" + UUID.randomUUID().toString().substring(0, 8);
        api().header("X-Request-Id", id).get("/v1/records/" + UUID.randomUUID()).then().statusCode(404)
                .header("X-Request-Id", id).contentType("application/problem+json").body("requestId", equalTo(id));
        api().header("X-Request-Id", id).get("/v1/log/head").then().statusCode(200).header("X-Request-Id", id);
    }

    @Test
    void withoutOneEachRequestGetsAFreshId() {
        Response first = api().get("/v1/log/head");
        Response second = api().get("/v1/log/head");
        String a = first.header("X-Request-Id");
        String b = second.header("X-Request-Id");
        assertTrue(UUID_FORM.matcher(a).matches(), a);
        assertTrue(UUID_FORM.matcher(b).matches(), b);
        assertNotEquals(a, b);
    }

    @Test
    void anUnsafeOrLongIdIsReplacedNotRepeated() {
        for (String unsafe : new String[] { "a b", "<script>alert(1)</script>", "x".repeat(65), "id\"quote", "naïve", "" }) {
            Response answer = api().header("X-Request-Id", unsafe).get("/v1/records?limit=abc");
            answer.then().statusCode(400).contentType("application/problem+json");
            String id = answer.header("X-Request-Id");
            assertTrue(UUID_FORM.matcher(id).matches(), "replaced: " + unsafe + " -> " + id);
            assertEquals(id, answer.jsonPath().getString("requestId"));
        }
        String longest = "y".repeat(64);
        api().header("X-Request-Id", longest).get("/v1/log/head").then().header("X-Request-Id", longest);
    }

    @Test
    void problemsFromEveryLayerCarryTheRequestId() {
        // JAX-RS (unknown path), our filters (401), validation (422), and the Vert.x routes ahead of JAX-RS (413).
        String id = "every-layer-" + UUID.randomUUID();
        raw().header("X-Request-Id", id).get("/v2/nothing-here").then().statusCode(404).body("requestId", equalTo(id));
        api().header("X-Request-Id", id).header("Authorization", "Bearer not-a-key").get("/v1/log/head").then()
                .statusCode(401).body("requestId", equalTo(id)).header("X-Request-Id", id);
        Api.as(Api.writer()).header("X-Request-Id", id).contentType(ContentType.JSON).body("{\"type\": \"fine\"}")
                .post("/v1/records").then().statusCode(422).body("requestId", equalTo(id));
        var huge = Records.fine();
        huge.put("summary", "x".repeat(9 * 1024 * 1024));
        Api.as(Api.writer()).header("X-Request-Id", id).contentType(ContentType.JSON).body(huge.toString())
                .post("/v1/records").then().statusCode(413).header("X-Request-Id", id).body("requestId", equalTo(id));
    }

    @Test
    void metricsShowTheHeadAndTheOpenStreams() throws Exception {
        assertTrue(metric("ledger_rate_limit_rejections_total{bucket=\"address\"}") >= 0);
        assertTrue(metric("ledger_rate_limit_rejections_total{bucket=\"key\"}") >= 0);
        assertTrue(metric("ledger_database_unavailable_total") >= 0);
        assertTrue(metric("ledger_feed_stream_lag_entries") >= 0);

        long head = Records.append(Records.fine()).get("position").asLong();
        // The gauge follows the head watcher, which learns of the append by NOTIFY (or its poll, within a second).
        assertTrue(awaitMetric("ledger_log_head_position", value -> value >= head), "head position reaches " + head);

        double open = metric("ledger_feed_streams_open");
        try (SseClient stream = new SseClient("?after=" + head, null)) {
            assertEquals(200, stream.status());
            assertTrue(awaitMetric("ledger_feed_streams_open", value -> value >= open + 1), "one more open stream");
            long next = Records.append(Records.fine()).get("position").asLong();
            assertTrue(stream.awaitId(next, 10_000));
            assertTrue(awaitMetric("ledger_feed_stream_lag_entries", value -> value == 0), "a caught-up stream lags 0");
        }
    }

    private static boolean awaitMetric(String name, java.util.function.DoublePredicate condition) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            if (condition.test(metric(name))) {
                return true;
            }
            Thread.sleep(50);
        }
        return condition.test(metric(name));
    }

    /** One sample of the Prometheus exposition, by its name and labels as written there. */
    private static double metric(String sample) {
        String exposition = raw().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(sample) + " (\\S+)$").matcher(exposition);
        assertTrue(line.find(), sample + " is not exposed");
        return Double.parseDouble(line.group(1));
    }
}
