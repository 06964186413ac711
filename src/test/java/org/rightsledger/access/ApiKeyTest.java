package org.rightsledger.access;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.rightsledger.support.Api.ADMIN_TOKEN;
import static org.rightsledger.support.Api.api;
import static org.rightsledger.support.Api.as;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rightsledger.support.Api;
import org.rightsledger.support.Records;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
class ApiKeyTest {

    @Inject
    DataSource dataSource;

    @Test
    void theAdminIssuesAKeyWhoseTokenIsShownOnceAndStoredOnlyAsAHash() throws Exception {
        Response issued = Api.issueKey("Kazakhstan Bureau for Human Rights", "write", "restricted:read");
        issued.then().statusCode(201)
                .header("Location", matchesPattern(".*/v1/admin/api-keys/[0-9a-f-]{36}"))
                .body("partner", equalTo("Kazakhstan Bureau for Human Rights"))
                .body("scopes", equalTo(List.of("restricted:read", "write")))
                .body("token", startsWith("rl_"));
        String token = issued.path("token");
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement(
                        "SELECT count(*) FROM api_key WHERE position(? in row_to_json(api_key)::text) > 0 "
                                + "OR position(? in encode(token_hash, 'escape')) > 0")) {
            query.setString(1, token);
            query.setString(2, token);
            try (ResultSet found = query.executeQuery()) {
                found.next();
                assertEquals(0, found.getInt(1), "the token must not be stored in clear");
            }
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement("SELECT token_hash FROM api_key WHERE id = ?")) {
            query.setObject(1, UUID.fromString(issued.path("id")));
            try (ResultSet found = query.executeQuery()) {
                found.next();
                byte[] expected = java.security.MessageDigest.getInstance("SHA-256")
                        .digest(token.getBytes(StandardCharsets.UTF_8));
                assertEquals(org.rightsledger.log.Chain.hex(expected), org.rightsledger.log.Chain.hex(found.getBytes(1)));
            }
        }
    }

    @Test
    void recordedByIsThePartnerOfTheKey() {
        String token = Api.issueKey("Adilet Legal Clinic", "write").path("token");
        as(token).contentType(ContentType.JSON).body(Records.fine().toString()).post("/v1/records").then()
                .statusCode(201).body("recordedBy", equalTo("Adilet Legal Clinic"));
    }

    @Test
    void aRevokedKeyIsRefusedOnItsNextRequest() {
        Response issued = Api.issueKey("Short-lived Partner", "write");
        String token = issued.path("token");
        as(token).contentType(ContentType.JSON).body(Records.fine().toString()).post("/v1/records").then()
                .statusCode(201);
        as(ADMIN_TOKEN).delete("/v1/admin/api-keys/" + issued.path("id")).then().statusCode(204);
        long head = Api.headPosition();
        as(token).contentType(ContentType.JSON).body(Records.fine().toString()).post("/v1/records").then()
                .statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", startsWith("Bearer"));
        as(token).get("/v1/log/head").then().statusCode(401);
        assertEquals(head, Api.headPosition());
        as(ADMIN_TOKEN).delete("/v1/admin/api-keys/" + issued.path("id")).then().statusCode(204);
    }

    @Test
    void adminActionsLeaveAnAuditTrailThatIsNotPublic() {
        Response issued = Api.issueKey("Audited Partner", "write");
        String id = issued.path("id");
        as(ADMIN_TOKEN).delete("/v1/admin/api-keys/" + id).then().statusCode(204);
        String trail = as(ADMIN_TOKEN).get("/v1/admin/audit?limit=10").then().statusCode(200)
                .body("[0].action", equalTo("api_key.revoked")).body("[0].keyId", equalTo(id))
                .body("[1].action", equalTo("api_key.issued")).body("[1].partner", equalTo("Audited Partner"))
                .extract().asString();
        assertFalse(trail.contains((String) issued.path("token")), "no token in the trail");
        api().get("/v1/admin/audit").then().statusCode(401);
        as(Api.writer()).get("/v1/admin/audit").then().statusCode(403);
        as(Api.restrictedReader()).get("/v1/admin/audit").then().statusCode(403);
    }

    @Test
    void revokingAnUnknownKeyIs404() {
        as(ADMIN_TOKEN).delete("/v1/admin/api-keys/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        as(ADMIN_TOKEN).delete("/v1/admin/api-keys/not-a-key").then().statusCode(404);
    }

    @Test
    void writingNeedsAKeyWithScopeWrite() {
        long head = Api.headPosition();
        api().contentType(ContentType.JSON).body(Records.fine().toString()).post("/v1/records").then()
                .statusCode(401).contentType("application/problem+json");
        as(Api.restrictedReader()).contentType(ContentType.JSON).body(Records.fine().toString()).post("/v1/records")
                .then().statusCode(403).contentType("application/problem+json");
        as(ADMIN_TOKEN).contentType(ContentType.JSON).body(Records.fine().toString()).post("/v1/records")
                .then().statusCode(403);
        assertEquals(head, Api.headPosition());
    }

    @Test
    void onlyTheAdminManagesKeys() {
        Map<String, Object> body = Map.of("partner", "Intruder", "scopes", List.of("write"));
        api().contentType(ContentType.JSON).body(body).post("/v1/admin/api-keys").then().statusCode(401);
        as(Api.writer()).contentType(ContentType.JSON).body(body).post("/v1/admin/api-keys").then().statusCode(403);
        as(Api.writer()).delete("/v1/admin/api-keys/" + UUID.randomUUID()).then().statusCode(403);
    }

    @ParameterizedTest
    @ValueSource(strings = { "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer rl_not-a-key", "token" })
    void aBadAuthorizationHeaderIs401EvenForReads(String header) {
        api().header("Authorization", header).get("/v1/records").then().statusCode(401)
                .contentType("application/problem+json");
    }

    @ParameterizedTest
    @ValueSource(strings = { "{}", "{\"partner\": \"\", \"scopes\": [\"write\"]}",
            "{\"partner\": \"P\", \"scopes\": []}", "{\"partner\": \"P\", \"scopes\": [\"admin\"]}",
            "{\"partner\": \"P\", \"scopes\": [\"write\"], \"extra\": 1}", "{\"partner\": 5, \"scopes\": [\"write\"]}" })
    void anInvalidKeyRequestIs422(String body) {
        as(ADMIN_TOKEN).contentType(ContentType.JSON).body(body).post("/v1/admin/api-keys").then().statusCode(422)
                .contentType("application/problem+json");
    }
}
