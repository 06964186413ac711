package org.rightsledger.access;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

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
}
