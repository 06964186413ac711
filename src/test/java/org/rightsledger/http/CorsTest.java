package org.rightsledger.http;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.rightsledger.support.Api;
import org.rightsledger.support.Records;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * {@code Origin} decides only what CORS is for: whether a browser may read an answer. The test
 * profile allows https://dashboard.example.org ({@code quarkus.http.cors.origins}).
 */
@QuarkusTest
class CorsTest {

    private static final String ALLOWED = "https://dashboard.example.org";
    private static final String STRANGER = "https://evil.example";

    @Test
    void aRequestFromAnOriginNotAllowedIsServedWithoutCorsHeaders() {
        // The browser withholds this answer from the page; a non-browser client just gets it.
        Api.api().header("Origin", STRANGER).get("/v1/log/head").then().statusCode(200)
                .header("Access-Control-Allow-Origin", nullValue());
        Records.post(Records.fine()).then().statusCode(201);
        Api.as(Api.writer()).header("Origin", "null").contentType(ContentType.JSON).body(Records.fine().toString())
                .post("/v1/records").then().statusCode(201).header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void itsErrorsAreTheUsualProblems() {
        Api.api().header("Origin", STRANGER).header("Authorization", "Bearer not-a-key").get("/v1/log/head").then()
                .statusCode(401).contentType("application/problem+json").header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void aPreflightFromAnOriginNotAllowedIs403Problem() {
        Api.raw().header("Origin", STRANGER).header("Access-Control-Request-Method", "POST").options("/v1/records").then()
                .statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:rights-ledger:problem:origin-not-allowed")).body("status", equalTo(403))
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void theAllowedOriginGetsCorsHeadersOnPreflightsAndAnswers() {
        Api.raw().header("Origin", ALLOWED).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type").options("/v1/records").then()
                .statusCode(200).header("Access-Control-Allow-Origin", equalTo(ALLOWED))
                .header("Access-Control-Allow-Methods", containsString("POST"));
        Api.api().header("Origin", ALLOWED).get("/v1/log/head").then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(ALLOWED))
                .header("Access-Control-Expose-Headers", containsString("RateLimit-Remaining"));
    }

    @Test
    void aMethodCorsDoesNotListIsServedWithoutCorsHeadersNotRefused() {
        // HEAD is not in quarkus.http.cors.methods; Quarkus' filter alone would answer a bare 403.
        Api.raw().header("Origin", ALLOWED).head("/v1/log/head").then().statusCode(200)
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void anOptionsRequestThatIsNotAPreflightChecksTheKeyLikeAnyOther() {
        Api.raw().options("/v1/records").then().statusCode(200).header("Allow", containsString("POST"));
        Api.raw().header("Authorization", "Bearer " + Api.writer()).options("/v1/records").then().statusCode(200);
        Api.raw().header("Authorization", "Bearer garbage").options("/v1/records").then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", containsString("Bearer"));
        // A preflight reads nothing and browsers send it without credentials: CORS answers it.
        Api.raw().header("Origin", ALLOWED).header("Access-Control-Request-Method", "GET")
                .header("Authorization", "Bearer garbage").options("/v1/records").then().statusCode(200);
    }

    @Test
    void browsersMayRevalidateRetryAndReadWhatTheHttpCachingRulesSend() {
        // docs/security.md (CORS): conditional reads and idempotent retries are allowed from a page.
        String allowedHeaders = Api.raw().header("Origin", ALLOWED).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "if-none-match,idempotency-key").options("/v1/records").then()
                .statusCode(200).extract().header("Access-Control-Allow-Headers").toLowerCase(java.util.Locale.ROOT);
        assertTrue(allowedHeaders.contains("if-none-match") && allowedHeaders.contains("idempotency-key"), allowedHeaders);
        String exposed = Api.api().header("Origin", ALLOWED).get("/v1/log/head").then().statusCode(200)
                .extract().header("Access-Control-Expose-Headers");
        for (String header : new String[] { "ETag", "Link", "Location", "WWW-Authenticate", "Retry-After",
                "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "RateLimit-Policy" }) {
            assertTrue(List.of(exposed.split("\\s*,\\s*")).contains(header), header + " not in " + exposed);
        }
    }

    @Test
    void aPageMayReadWhyItWasRefused() {
        // What a browser checks before it hands a 401 to the page: its origin allowed, and
        // WWW-Authenticate among the headers the page may read.
        var refused = Api.api().header("Origin", ALLOWED).header("Authorization", "Bearer not-a-key").get("/v1/records")
                .then().statusCode(401).header("Access-Control-Allow-Origin", equalTo(ALLOWED))
                .header("WWW-Authenticate", containsString("Bearer")).extract();
        List<String> exposed = List.of(refused.header("Access-Control-Expose-Headers").split("\\s*,\\s*"));
        assertTrue(exposed.contains("WWW-Authenticate"), exposed.toString());
        Api.as(Api.writer()).header("Origin", ALLOWED).contentType(ContentType.JSON).body("{}").post("/v1/records")
                .then().statusCode(422).header("Access-Control-Allow-Origin", equalTo(ALLOWED));
    }

    @Test
    void aPageMayRevalidateWithIfNoneMatch() {
        // The preflight a page's conditional GET needs, then the 304 it can use (CORS headers on it too).
        String allowedHeaders = Api.raw().header("Origin", ALLOWED).header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "if-none-match").options("/v1/records").then()
                .statusCode(200).extract().header("Access-Control-Allow-Headers").toLowerCase(java.util.Locale.ROOT);
        assertTrue(allowedHeaders.contains("if-none-match"), allowedHeaders);
        var page = Api.api().header("Origin", ALLOWED).get("/v1/records?limit=1").then().statusCode(200).extract();
        String exposed = page.header("Access-Control-Expose-Headers");
        assertTrue(List.of(exposed.split("\\s*,\\s*")).contains("ETag"), exposed);
        Api.api().header("Origin", ALLOWED).header("If-None-Match", page.header("ETag")).get("/v1/records?limit=1").then()
                .statusCode(304).header("Access-Control-Allow-Origin", equalTo(ALLOWED))
                .header("Vary", containsString("Origin"));
    }

    @Test
    void answersVaryOnOriginWhateverTheOrigin() {
        // Whether an answer has CORS headers depends on Origin: a shared cache must keep them apart.
        for (String origin : new String[] { ALLOWED, STRANGER, null }) {
            var request = Api.api();
            if (origin != null) {
                request = request.header("Origin", origin);
            }
            List<String> vary = request.get("/v1/log/head").then().statusCode(200).extract().headers().getValues("Vary");
            assertEquals(1, vary.stream().flatMap(v -> List.of(v.split("\\s*,\\s*")).stream())
                    .filter("Origin"::equalsIgnoreCase).count(), origin + ": Vary " + vary);
        }
        Api.raw().header("Origin", ALLOWED).header("Access-Control-Request-Method", "GET").options("/v1/records").then()
                .statusCode(200).header("Vary", containsString("Origin"));
        Api.raw().header("Origin", STRANGER).header("Access-Control-Request-Method", "GET").options("/v1/records").then()
                .statusCode(403).header("Vary", containsString("Origin"));
        Api.api().header("Origin", ALLOWED).header("Authorization", "Bearer not-a-key").get("/v1/log/head").then()
                .statusCode(401).header("Vary", containsString("Origin"))
                .header("Access-Control-Allow-Origin", equalTo(ALLOWED));
    }
}
