package org.rightsledger.support;

import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Actors, bills and cases for tests, created through the API. */
public final class References {

    private References() {
    }

    public static Response post(String path, Object body) {
        return Api.as(Api.writer()).contentType(ContentType.JSON).body(body.toString()).post(path);
    }

    public static ObjectNode person(String name) {
        return Records.parse("{\"kind\": \"person\", \"country\": \"KZ\"}").put("name", name);
    }

    public static UUID actor(String name) {
        return UUID.fromString(post("/v1/actors", person(name)).then().statusCode(201).extract().path("id"));
    }

    public static UUID bill(String title) {
        return UUID.fromString(post("/v1/bills", Records.parse("{\"country\": \"KZ\"}").put("title", title)).then()
                .statusCode(201).extract().path("id"));
    }

    public static UUID courtCase(String title) {
        return UUID.fromString(post("/v1/cases", Records.parse("{\"country\": \"KZ\"}").put("title", title)).then()
                .statusCode(201).extract().path("id"));
    }
}
