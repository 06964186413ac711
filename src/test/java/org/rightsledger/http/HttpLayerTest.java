package org.rightsledger.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rightsledger.support.Api;
import org.rightsledger.support.Hostile;
import org.rightsledger.support.RawHttp;
import org.rightsledger.support.RawHttp.RawResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Requests that fail below the REST layer, sent byte for byte over a socket. Those our routes
 * see are problems that say what was wrong and nothing about the server; those Netty or
 * Quarkus answer before any route (see docs/design-notes.md#bare-answers-before-routing) get a bare 4xx or a closed
 * connection, and never a 5xx.
 */
@QuarkusTest
class HttpLayerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static RawResponse raw(String request) {
        return RawHttp.sendBytes(RestAssured.port, request.getBytes(StandardCharsets.ISO_8859_1), 10_000);
    }

    private static JsonNode problem(RawResponse answer, int status) throws Exception {
        assertEquals(status, answer.status(), Hostile.preview(answer.body(), 300));
        assertEquals("application/problem+json", answer.header("Content-Type"));
        JsonNode problem = JSON.readTree(answer.body());
        assertEquals(status, problem.get("status").asInt());
        assertTrue(problem.get("type").isTextual() && problem.get("title").isTextual(), problem.toString());
        String text = problem.toString();
        for (String internal : List.of("Exception", "stack", "vertx", "Error id", "\tat ")) {
            assertFalse(text.contains(internal), "the problem shows server internals: " + text);
        }
        return problem;
    }

    @Test
    void aRequestWithoutHostIs400Problem() throws Exception {
        problem(raw("GET /v1/log/head HTTP/1.1\r\nConnection: close\r\n\r\n"), 400);
    }

    @ParameterizedTest
    @ValueSource(strings = { "a b:c:d", "[::1", "localhost:99999999", "@", "exa mple.org" })
    void aMalformedHostIs400Problem(String host) throws Exception {
        problem(raw("GET /v1/log/head HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n"), 400);
    }

    @ParameterizedTest
    @ValueSource(strings = { "/v1/records/%2e%2e/%2e%2e/q/metrics", "/v1/records/../../q/metrics", "/v1/./log/head",
            "/v1/records/%2E%2E/%2e%2E/q/health", "/v1/records/%2e" })
    void aPathWithDotSegmentsIs400AndReachesNothing(String path) throws Exception {
        RawResponse answer = raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        JsonNode problem = problem(answer, 400);
        assertTrue(problem.get("detail").asText().contains("'..' segment"), problem.toString());
    }

    @Test
    void aChunkedBodyOverTheLimitIs413Problem() throws Exception {
        long head = Api.headPosition();
        byte[] body = new byte[9 * 1024 * 1024];
        Arrays.fill(body, (byte) ' ');
        RawResponse answer = RawHttp.send(RestAssured.port, "POST", "/v1/records",
                List.<String[]> of(new String[] { "Authorization", "Bearer " + Api.writer() },
                        new String[] { "Content-Type", "application/json" }),
                body, -1, true, false, 10_000);
        problem(answer, 413);
        assertEquals(head, Api.headPosition());
    }

    @Test
    void aChunkedBodyWithinTheLimitIsRead() {
        String record = org.rightsledger.support.Records.fine().toString();
        RawResponse answer = RawHttp.send(RestAssured.port, "POST", "/v1/records",
                List.<String[]> of(new String[] { "Authorization", "Bearer " + Api.writer() },
                        new String[] { "Content-Type", "application/json" }),
                record.getBytes(StandardCharsets.UTF_8), -1, true, false, 10_000);
        assertEquals(201, answer.status(), Hostile.preview(answer.body(), 300));
    }

    /**
     * Answered by Netty (request line, headers, framing) or by Quarkus' URI check before any
     * route exists, so no problem body can be given: the documented answer is the bare status
     * below, or (for framing) a closed connection. Never a 5xx, never a hang.
     */
    @Test
    void whatIsRefusedBeforeRoutingGetsABare4xxOrAClosedConnection() {
        String ok = "Host: localhost\r\nConnection: close\r\n\r\n";
        Object[][] cases = {
                { "GET /v1/log/head\r\n" + ok, 400 },
                { "\u0000\u0001 garbage\r\n\r\n", 400 },
                { "GET /v1/records?q=" + "a".repeat(5000) + " HTTP/1.1\r\n" + ok, 414 },
                { "GET /v1/log/head HTTP/1.1\r\nX-Big: " + "a".repeat(30_000) + "\r\n" + ok, 431 },
                { "GET /v1/records?q=%zz HTTP/1.1\r\n" + ok, 400 },
                { "GET /v1/records/%zz HTTP/1.1\r\n" + ok, 400 },
                { "GET /v1/log/head HTTP/1.1\r\nX-A: a\u0001b\r\n" + ok, 400 },
                { "POST /v1/records HTTP/1.1\r\nContent-Length: abc\r\n" + ok, 400 },
                { "POST /v1/records HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n" + ok + "0\r\n\r\n",
                        400 },
                { "POST /v1/records HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n" + ok
                        + "zz\r\n\r\n", -1 } };
        for (Object[] c : cases) {
            RawResponse answer = raw((String) c[0]);
            int expected = (int) c[1];
            String what = Hostile.preview((String) c[0], 80) + " answered " + answer.status() + " "
                    + Hostile.preview(answer.body(), 100) + " " + answer.note();
            if (expected < 0) {
                assertTrue(answer.status() == -1 || (answer.status() >= 400 && answer.status() < 500), what);
                assertFalse(String.valueOf(answer.note()).contains("timed out"), what);
            } else {
                assertEquals(expected, answer.status(), what);
                assertEquals(0, answer.body().length, what);
            }
        }
    }
}
