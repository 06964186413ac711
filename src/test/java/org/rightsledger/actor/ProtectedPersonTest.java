package org.rightsledger.actor;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rightsledger.support.Api.api;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.rightsledger.support.Api;
import org.rightsledger.support.Records;
import org.rightsledger.support.References;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** A protected person's name reaches only readers with restricted:read; everyone else sees the pseudonym. */
@QuarkusTest
class ProtectedPersonTest {

    private static final String CANARY = "Canaryname Secretova";

    @Test
    void aProtectedPersonIsKnownByPseudonymToEveryoneElse() throws Exception {
        long start = Api.headPosition();
        ObjectNode person = References.person(CANARY).put("protected", true).put("pseudonym", "Arsen");
        person.putArray("aliases").add("Canaryalias");
        String id = References.post("/v1/actors", person).then().statusCode(201).extract().path("id");
        ObjectNode record = Records.detention();
        record.putArray("actors").addObject().put("actorId", id).put("role", "detainee");
        Records.append(record);
        String update = References.post("/v1/actors", References.person("Somebody Else")).path("id");

        List<String> anonymous = List.of(
                api().get("/v1/actors/" + id).then().statusCode(200).body("name", equalTo("Arsen"))
                        .body("aliases.size()", equalTo(0)).body("protected", equalTo(true)).extract().asString(),
                api().get("/v1/actors/" + id + "/revisions").then().statusCode(200).extract().asString(),
                api().get("/v1/actors/" + id + "/records").then().statusCode(200).body("items.size()", equalTo(1))
                        .extract().asString(),
                api().get("/v1/actors?q=Arsen").then().statusCode(200).extract().asString(),
                api().get("/v1/actors?limit=200").then().statusCode(200).extract().asString(),
                api().get("/v1/feed?after=" + start).then().statusCode(200).extract().asString(),
                api().get("/v1/feed/export?after=" + start).then().statusCode(200).extract().asString(),
                api().get("/v1/records?actor=" + id).then().statusCode(200).extract().asString());
        for (String body : anonymous) {
            assertFalse(body.contains("Canary"), body);
        }
        api().get("/v1/actors?q=Canaryname").then().statusCode(200).body("items.size()", equalTo(0));
        api().get("/v1/feed?after=" + start + "&limit=1").then().body("items[0].redacted", equalTo(true));

        Api.as(Api.restrictedReader()).get("/v1/actors/" + id).then().statusCode(200)
                .body("name", equalTo(CANARY)).body("pseudonym", equalTo("Arsen"))
                .body("aliases", equalTo(List.of("Canaryalias")));
        Api.as(Api.restrictedReader()).get("/v1/actors?q=Canaryname").then().body("items[0].id", equalTo(id));
        String privileged = Api.as(Api.restrictedReader()).get("/v1/feed?after=" + start).then().extract().asString();
        assertTrue(privileged.contains(CANARY));
        assertFalse(update == null);
    }

    @Test
    void aProtectedPersonNeedsAPseudonym() {
        Api.as(Api.writer()).contentType(ContentType.JSON)
                .body(References.person("Anyone").put("protected", true).toString()).post("/v1/actors").then()
                .statusCode(422).body("errors[0].pointer", equalTo("/pseudonym"));
    }
}
