package org.rightsledger.webhook;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rightsledger.support.Api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Managing webhooks: each key its own, the secret shown once, bad requests refused with a problem. */
@QuarkusTest
class WebhookResourceTest {

    private static Response create(String token, String body) {
        return Api.as(token).contentType(ContentType.JSON).body(body).post("/v1/webhooks");
    }

    @Test
    void aWebhookIsCreatedWithItsSecretShownOnceAndListedWithoutIt() {
        String token = Api.token("Webhook Owner", "write");
        long head = Api.headPosition();
        Response created = create(token, "{\"url\": \"http://127.0.0.1:9/owner\", \"types\": [\"ruling\", \"fine\", \"fine\"]}");
        created.then().statusCode(201)
                .header("Location", matchesPattern(".*/v1/webhooks/[0-9a-f-]{36}"))
                .body("secret", matchesPattern("whsec_[A-Za-z0-9+/]{43}="))
                .body("after", equalTo((int) head))
                .body("status", equalTo("active"))
                .body("types", equalTo(List.of("fine", "ruling")));
        String id = created.path("id");
        Api.as(token).get("/v1/webhooks").then().statusCode(200).body("items.id", hasItem(id))
                .body(not(containsString("whsec_")));
        Api.as(token).get("/v1/webhooks/" + id).then().statusCode(200).body("url", equalTo("http://127.0.0.1:9/owner"))
                .body("secret", nullValue());
        Api.as(token).get("/v1/webhooks/" + id + "/deliveries").then().statusCode(200).body("items.size()", equalTo(0));
        Api.as(token).delete("/v1/webhooks/" + id).then().statusCode(204);
        Api.as(token).get("/v1/webhooks/" + id).then().statusCode(404);
        Api.as(token).delete("/v1/webhooks/" + id).then().statusCode(404);
    }

    @Test
    void anotherKeySeesNoneOfThemNotEvenThoseOfTheSamePartner() {
        String owner = Api.token("Webhook Partner A", "write");
        String sibling = Api.token("Webhook Partner A", "write", "restricted:read"); // same partner, another key
        String id = create(owner, "{\"url\": \"http://127.0.0.1:9/a\"}").then().statusCode(201).extract().path("id");
        for (String other : List.of(sibling, Api.token("Webhook Partner B", "write"))) {
            Api.as(other).get("/v1/webhooks").then().statusCode(200).body("items.id", not(hasItem(id)));
            String unknown = "/v1/webhooks/" + UUID.randomUUID();
            String hidden = "/v1/webhooks/" + id;
            for (String suffix : List.of("", "/deliveries")) {
                String a = Api.as(other).get(hidden + suffix).then().statusCode(404).extract().path("detail");
                String b = Api.as(other).get(unknown + suffix).then().statusCode(404).extract().path("detail");
                assertEquals(b.replaceAll("[0-9a-f-]{36}", "<id>"), a.replaceAll("[0-9a-f-]{36}", "<id>"));
            }
            Api.as(other).post(hidden + "/resume").then().statusCode(404);
            Api.as(other).delete(hidden).then().statusCode(404);
        }
        Api.as(owner).get("/v1/webhooks/" + id).then().statusCode(200);
        Api.as(Api.restrictedReader()).get("/v1/webhooks/" + id).then().statusCode(403);
        Api.api().get("/v1/webhooks/" + id).then().statusCode(401);
        Api.as(Api.ADMIN_TOKEN).get("/v1/webhooks").then().statusCode(403);
    }

    @Test
    void invalidSubscriptionsAreRefusedWithAProblemAndStoreNothing() {
        String token = Api.token("Webhook Sloppy Partner", "write");
        long head = Api.headPosition();
        Map<String, String> bodies = Map.ofEntries(
                Map.entry("{}", "/url"),
                Map.entry("{\"url\": \"\"}", "/url"),
                Map.entry("{\"url\": 42}", "/url"),
                Map.entry("{\"url\": \"ftp://127.0.0.1/x\"}", "/url"),
                Map.entry("{\"url\": \"file:///etc/passwd\"}", "/url"),
                Map.entry("{\"url\": \"127.0.0.1/x\"}", "/url"),
                Map.entry("{\"url\": \"http://user:secret@127.0.0.1/x\"}", "/url"),
                Map.entry("{\"url\": \"https://nowhere.invalid/x\"}", "/url"),
                Map.entry("{\"url\": \"http://127.0.0.1:9/x\", \"types\": []}", "/types"),
                Map.entry("{\"url\": \"http://127.0.0.1:9/x\", \"types\": [\"birthday\"]}", "/types/0"),
                Map.entry("{\"url\": \"http://127.0.0.1:9/x\", \"after\": -1}", "/after"),
                Map.entry("{\"url\": \"http://127.0.0.1:9/x\", \"after\": " + (head + 1000) + "}", "/after"),
                Map.entry("{\"url\": \"http://127.0.0.1:9/x\", \"after\": \"3\"}", "/after"),
                Map.entry("{\"url\": \"http://127.0.0.1:9/x\", \"secret\": \"mine\"}", "/secret"));
        bodies.forEach((body, pointer) -> create(token, body).then().statusCode(422)
                .contentType("application/problem+json").body("errors.pointer", hasItem(pointer)));
        create(token, "{\"url\": ").then().statusCode(400);
        create(token, "[]").then().statusCode(400);
        Api.as(token).get("/v1/webhooks").then().statusCode(200).body("items.size()", equalTo(0));
        Api.as(token).get("/v1/webhooks/" + UUID.randomUUID() + "/deliveries?limit=0").then().statusCode(400);
    }

    @Test
    void aKeyHasAtMostAHundredWebhooks() {
        String token = Api.token("Webhook Hoarder", "write");
        for (int i = 0; i < 100; i++) {
            create(token, "{\"url\": \"http://127.0.0.1:9/hoard/" + i + "\", \"types\": [\"exchange_rate\"]}").then()
                    .statusCode(201);
        }
        create(token, "{\"url\": \"http://127.0.0.1:9/hoard/100\"}").then().statusCode(409)
                .body("detail", containsString("100 webhooks"));
        List<String> ids = Api.as(token).get("/v1/webhooks").then().statusCode(200).extract().path("items.id");
        assertEquals(100, ids.size());
        ids.forEach(id -> Api.as(token).delete("/v1/webhooks/" + id).then().statusCode(204));
        assertFalse(Api.as(token).get("/v1/webhooks").then().extract().path("items.size()").equals(100));
    }
}
