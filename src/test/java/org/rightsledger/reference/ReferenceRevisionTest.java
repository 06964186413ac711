package org.rightsledger.reference;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rightsledger.support.Api.api;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.rightsledger.support.Api;
import org.rightsledger.support.Records;
import org.rightsledger.support.References;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Every change to an actor, bill or case is a revision entry, written only on top of the one the writer saw. */
@QuarkusTest
class ReferenceRevisionTest {

    private static Response put(String path, String ifMatch, Object body) {
        var request = Api.as(Api.writer()).contentType(ContentType.JSON).body(body.toString());
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.put(path);
    }

    @ParameterizedTest
    @ValueSource(strings = { "actors", "bills", "cases" })
    void aRevisionNeedsIfMatchWithTheLatestRevision(String kind) {
        ObjectNode body = kind.equals("actors") ? References.person("Lukpan Akhmedyarov")
                : Records.parse("{\"country\": \"KZ\", \"title\": \"Original title\"}");
        Response created = References.post("/v1/" + kind, body);
        created.then().statusCode(201).header("ETag", "\"1\"")
                .header("Location", matchesPattern(".*/v1/" + kind + "/[0-9a-f-]{36}")).body("revision", equalTo(1));
        String path = "/v1/" + kind + "/" + created.path("id");
        api().get(path).then().statusCode(200).header("ETag", "\"1\"");

        ObjectNode changed = body.deepCopy();
        changed.put(kind.equals("actors") ? "name" : "title", "Changed");
        long head = Api.headPosition();
        put(path, null, changed).then().statusCode(428).contentType("application/problem+json");
        put(path, "\"7\"", changed).then().statusCode(412).contentType("application/problem+json");
        put(path, "yesterday", changed).then().statusCode(400);
        assertEquals(head, Api.headPosition());
        put(path, "\"1\"", changed).then().statusCode(200).header("ETag", "\"2\"").body("revision", equalTo(2));
        put(path, "\"1\"", changed).then().statusCode(412);

        api().get(path).then().statusCode(200).header("ETag", "\"2\"");
        api().get(path + "/revisions").then().statusCode(200).body("revision", equalTo(List.of(1, 2)));
        assertEquals(head + 1, Api.headPosition());
        api().get("/v1/feed?after=" + head).then().statusCode(200)
                .body("items[0].type", equalTo(kind.equals("actors") ? "actor_revision"
                        : kind.equals("bills") ? "bill_revision" : "case_revision"))
                .body("items[0].revision", equalTo(2));
    }

    @Test
    void concurrentRevisionsOfOneRevisionLetExactlyOneWin() throws Exception {
        String path = "/v1/cases/" + References.courtCase("Six police officers, torture of detainees");
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            int n = i;
            statuses.add(pool.submit(() -> {
                go.await();
                return put(path, "\"1\"", Records.parse("{\"country\": \"KZ\"}").put("title", "Title " + n)).statusCode();
            }));
        }
        go.countDown();
        List<Integer> seen = new ArrayList<>();
        for (Future<Integer> status : statuses) {
            seen.add(status.get());
        }
        pool.shutdown();
        assertEquals(1, seen.stream().filter(s -> s == 200).count(), seen.toString());
        assertEquals(writers - 1, seen.stream().filter(s -> s == 412).count(), seen.toString());
        api().get(path + "/revisions").then().body("revision", equalTo(List.of(1, 2)));
    }

    @Test
    void unknownEntitiesAre404() {
        api().get("/v1/actors/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
        api().get("/v1/bills/not-an-id").then().statusCode(404);
        String bill = References.bill("A bill").toString();
        api().get("/v1/cases/" + bill).then().statusCode(404);
        put("/v1/actors/" + UUID.randomUUID(), "\"1\"", References.person("Nobody")).then().statusCode(404);
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"name\": \"No kind\"}", "{\"kind\": \"alien\", \"name\": \"X\"}",
            "{\"kind\": \"person\", \"name\": \"\"}", "{\"kind\": \"person\", \"name\": \"X\", \"country\": \"kz\"}",
            "{\"kind\": \"person\", \"name\": \"X\", \"protected\": true}",
            "{\"kind\": \"person\", \"name\": \"X\", \"extra\": 1}" })
    void anInvalidActorIs422(String body) {
        long head = Api.headPosition();
        References.post("/v1/actors", body).then().statusCode(422).contentType("application/problem+json");
        assertEquals(head, Api.headPosition());
    }

    @Test
    void aBillsInitiatorsMustBeActors() {
        References.post("/v1/bills", Records.parse("{\"country\": \"KZ\", \"title\": \"T\", \"initiators\": [\""
                + UUID.randomUUID() + "\"]}")).then().statusCode(422).body("errors[0].pointer", equalTo("/initiators/0"));
        UUID sary = References.actor("Aidos Sary");
        References.post("/v1/bills", Records.parse("{\"country\": \"KZ\", \"title\": \"T\", \"initiators\": [\""
                + sary + "\"]}")).then().statusCode(201).body("initiators[0]", equalTo(sary.toString()));
    }

    @Test
    void writingNeedsScopeWrite() {
        api().contentType(ContentType.JSON).body("{}").post("/v1/actors").then().statusCode(401);
        Api.as(Api.restrictedReader()).contentType(ContentType.JSON).body("{}").post("/v1/cases").then().statusCode(403);
    }

    @Test
    void listsFilterAndPage() {
        String country = "MN";
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(0, References.post("/v1/cases",
                    Records.parse("{\"title\": \"Ulaanbaatar case " + i + "\"}").put("country", country)).path("id"));
        }
        Response first = api().get("/v1/cases?country=MN&limit=2");
        first.then().statusCode(200).body("items.id", equalTo(created.subList(0, 2)));
        String next = first.path("next");
        api().get("/v1/cases?country=MN&limit=2&cursor=" + next).then().statusCode(200)
                .body("items.id", equalTo(created.subList(2, 3))).body("next", equalTo(null));
        api().get("/v1/cases?country=KZ&limit=2&cursor=" + next).then().statusCode(400);
        api().get("/v1/cases?q=Ulaanbaatar&country=MN").then().statusCode(200).body("items.size()", equalTo(3));
        api().get("/v1/actors?country=kz").then().statusCode(400);
        api().get("/v1/bills?limit=0").then().statusCode(400);
    }
}
