package org.rightsledger.problem;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import static org.rightsledger.support.Api.raw;

import org.junit.jupiter.api.Test;
import org.rightsledger.support.Api;
import org.rightsledger.support.Hostile;
import org.rightsledger.support.RawHttp;
import org.rightsledger.support.Records;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/** Every error the framework raises is RFC 9457 problem+json too. */
@QuarkusTest
class HttpErrorsTest {

    @Test
    void anUnknownPathIs404() {
        raw().get("/v2/nothing-here").then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404)).body("title", equalTo("Not Found")).body("type", equalTo("about:blank"))
                .body("detail", notNullValue());
    }

    @Test
    void aWrongMethodIs405() {
        raw().delete("/v1/log/head").then().statusCode(405).contentType("application/problem+json")
                .body("status", equalTo(405));
        raw().put("/v1/records").then().statusCode(405).contentType("application/problem+json");
    }

    @Test
    void anUnsupportedMediaTypeIs415() {
        long head = Api.headPosition();
        Api.as(Api.writer()).contentType(ContentType.XML).body("<fine/>").post("/v1/records").then().statusCode(415)
                .contentType("application/problem+json").body("status", equalTo(415));
        assertEquals(head, Api.headPosition());
    }

    @Test
    void aBodyWithoutContentTypeIs415AndStoresNothing() {
        long head = Api.headPosition();
        for (String path : new String[] { "/v1/records", "/v1/records/batch" }) {
            String body = path.endsWith("batch") ? "[" + Records.fine() + "]" : Records.fine().toString();
            // Over a socket: HTTP clients add a Content-Type of their own.
            RawHttp.RawResponse answer = RawHttp.send(RestAssured.port, "POST", path,
                    List.<String[]> of(new String[] { "Authorization", "Bearer " + Api.writer() }),
                    body.getBytes(StandardCharsets.UTF_8), -1, false, false, 10_000);
            assertEquals(415, answer.status(), Hostile.preview(answer.body(), 300));
            assertEquals("application/problem+json", answer.header("Content-Type"));
            assertTrue(new String(answer.body(), StandardCharsets.UTF_8)
                    .contains("The request has a body but no Content-Type; send Content-Type: application/json"));
        }
        assertEquals(head, Api.headPosition());
    }

    @Test
    void aCharsetParameterIsIgnoredTheBodyIsUtf8() {
        // RFC 8259 §11: application/json has no charset parameter, and it has no effect.
        long head = Api.headPosition();
        for (String charset : new String[] { "utf-16", "ISO-8859-1", "nonsense" }) {
            Api.as(Api.writer()).contentType("application/json; charset=" + charset)
                    .body(Records.fine().put("place", "Алматы").toString().getBytes(StandardCharsets.UTF_8))
                    .post("/v1/records").then().statusCode(201).body("place", equalTo("Алматы"));
        }
        assertEquals(head + 3, Api.headPosition());
    }

    @Test
    void anUnacceptableAcceptIs406() {
        raw().accept("text/html").get("/v1/log/head").then().statusCode(406).contentType("application/problem+json");
    }

    @Test
    void anOversizedBodyIs413AndStoresNothing() {
        long head = Api.headPosition();
        var record = Records.fine();
        record.put("summary", "x".repeat(9 * 1024 * 1024));
        Api.as(Api.writer()).contentType(ContentType.JSON).body(record.toString()).post("/v1/records").then()
                .statusCode(413).contentType("application/problem+json").body("status", equalTo(413));
        assertEquals(head, Api.headPosition());
    }

    @Test
    void tooDeeplyNestedJsonIs400() {
        String deep = "{\"details\":" + "[".repeat(100) + "]".repeat(100) + "}";
        Api.as(Api.writer()).contentType(ContentType.JSON).body(deep).post("/v1/records").then().statusCode(400)
                .contentType("application/problem+json");
    }
}
