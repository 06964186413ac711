package org.rightsledger.record;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.rightsledger.support.Api;
import org.rightsledger.support.Records;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Bad input is answered with a problem naming the offending field, and stores nothing: the
 * head of the log is the same before and after.
 */
@QuarkusTest
class RecordValidationTest {

    static Stream<Arguments> invalidRecords() {
        return Stream.of(
                bad("/type", r -> r.remove("type")),
                bad("/type", r -> r.put("type", "arrest")),
                bad("/type", r -> r.put("type", 3)),
                bad("/occurredOn", r -> r.remove("occurredOn")),
                bad("/occurredOn", r -> r.put("occurredOn", "2099-01-01")),
                bad("/occurredOn", r -> r.put("occurredOn", "2025-13")),
                bad("/occurredOn", r -> r.put("occurredOn", "2025-02-30")),
                bad("/occurredOn", r -> r.put("occurredOn", "14/06/2025")),
                bad("/occurredOn", r -> r.put("occurredOn", "2025-06-14T10:00:00Z")),
                bad("/approximate", r -> r.put("approximate", "yes")),
                bad("/country", r -> r.put("country", "kz")),
                bad("/country", r -> r.put("country", "KAZ")),
                bad("/country", r -> r.put("country", "XX")),
                bad("/summary", r -> r.put("summary", "")),
                bad("/summary", r -> r.put("summary", "x".repeat(4001))),
                bad("/summary", r -> r.remove("summary")),
                bad("/summary", r -> r.put("summary", "PostgreSQL text cannot hold \u0000 this")),
                bad("/sources/0/publisher", r -> ((ObjectNode) r.get("sources").get(0)).put("publisher", "\u0000")),
                bad("/language", r -> r.put("language", "english language")),
                bad("/tags/0", r -> r.putArray("tags").add("Freedom Of Assembly")),
                bad("/tags", r -> r.put("tags", "lgbt")),
                bad("/sources", r -> r.putArray("sources")),
                bad("/sources", r -> r.remove("sources")),
                bad("/sources/0/url", r -> ((ObjectNode) r.get("sources").get(0)).put("url", "ftp://example.org/x")),
                bad("/sources/0/url", r -> ((ObjectNode) r.get("sources").get(0)).put("url", "not a url")),
                bad("/sources/0/publisher", r -> ((ObjectNode) r.get("sources").get(0)).remove("publisher")),
                bad("/sources/0/publishedOn", r -> ((ObjectNode) r.get("sources").get(0)).put("publishedOn", "June")),
                bad("/sources/0/extra", r -> ((ObjectNode) r.get("sources").get(0)).put("extra", 1)),
                bad("/confidentiality", r -> r.put("confidentiality", "secret")),
                bad("/caseId", r -> r.put("caseId", "case-1")),
                bad("/actors/0/role", r -> r.putArray("actors").addObject()
                        .put("actorId", "7b1c3d2e-0f4a-4b5c-8d9e-0a1b2c3d4e5f").put("role", "hero")),
                bad("/actors/0/actorId", r -> r.putArray("actors").addObject().put("role", "fined")),
                bad("/unknownField", r -> r.put("unknownField", true)),
                bad("/recordedBy", r -> r.put("recordedBy", "someone else")),
                bad("/position", r -> r.put("position", 1)),
                bad("/details", r -> r.remove("details")),
                bad("/details", r -> r.put("details", "a fine")),
                bad("/details/amount", r -> details(r).remove("amount")),
                bad("/details/amount/amount", r -> details(r).putObject("amount").put("amount", 78640).put("currency", "KZT")),
                bad("/details/amount/amount", r -> details(r).putObject("amount").put("amount", "78,640").put("currency", "KZT")),
                bad("/details/amount/amount", r -> details(r).putObject("amount").put("amount", "-5").put("currency", "KZT")),
                bad("/details/amount/currency", r -> details(r).putObject("amount").put("amount", "1").put("currency", "tenge")),
                bad("/details/reportedUsd/currency", r -> details(r).putObject("reportedUsd").put("amount", "1").put("currency", "EUR")),
                bad("/details/issuedBy", r -> details(r).remove("issuedBy")),
                bad("/details/detainedCount", r -> detention(r).put("detainedCount", 0)),
                bad("/details/detainedCount", r -> detention(r).put("detainedCount", 2.5)),
                bad("/details/detainedCount", r -> detention(r).put("detainedCount", "25")),
                bad("/details/outcome", r -> detention(r).put("outcome", "freed")),
                bad("/details/end", r -> detention(r).put("start", "2025-02-14").put("end", "2025-02-13")),
                bad("/details/start", r -> detention(r).put("start", "yesterday")),
                bad("/details/instance", r -> ruling(r).put("instance", "second")),
                bad("/details/verdict", r -> ruling(r).remove("verdict")),
                bad("/details/sentence/kind", r -> ruling(r).putObject("sentence").put("years", 3)),
                bad("/details/sentence/years", r -> ruling(r).putObject("sentence").put("kind", "imprisonment").put("years", -3)),
                bad("/billId", r -> {
                    r.removeAll();
                    r.setAll(Records.billReading(java.util.UUID.randomUUID()));
                    r.remove("billId");
                }),
                bad("/details/stage", r -> {
                    r.removeAll();
                    r.setAll(Records.billReading(java.util.UUID.randomUUID()));
                    ((ObjectNode) r.get("details")).put("stage", "reading_4");
                }),
                bad("/details/votes/for", r -> {
                    r.removeAll();
                    r.setAll(Records.billReading(java.util.UUID.randomUUID()));
                    ((ObjectNode) r.get("details").get("votes")).put("for", -1);
                }),
                bad("/details/reason", r -> {
                    r.removeAll();
                    r.setAll(Records.retraction(java.util.UUID.randomUUID().toString()));
                    ((ObjectNode) r.get("details")).remove("reason");
                }));
    }

    private static Arguments bad(String pointer, Consumer<ObjectNode> change) {
        return Arguments.of(pointer, change);
    }

    private static ObjectNode details(ObjectNode record) {
        return (ObjectNode) record.get("details");
    }

    private static ObjectNode detention(ObjectNode record) {
        record.removeAll();
        record.setAll(Records.detention());
        return details(record);
    }

    private static ObjectNode ruling(ObjectNode record) {
        record.removeAll();
        record.setAll(Records.ruling());
        return details(record);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRecords")
    void anInvalidRecordIs422NamingTheFieldAndStoresNothing(String pointer, Consumer<ObjectNode> change) {
        ObjectNode record = Records.fine();
        change.accept(record);
        String head = Api.headHash();
        Records.post(record).then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("status", equalTo(422))
                .body("title", notNullValue())
                .body("type", equalTo("urn:rights-ledger:problem:validation"))
                .body("errors.pointer", hasItem(pointer));
        assertEquals(head, Api.headHash());
    }

    /** A lone surrogate (sent as a JSON escape) is not text: stored, it would silently become "?". */
    @ParameterizedTest
    @ValueSource(strings = { "Hostile \\ud800 text", "a\\udc00b", "\\udfff\\ud800" })
    void anUnpairedSurrogateIs422AndStoresNothing(String escaped) {
        String body = Records.fine().put("place", "PLACE").toString().replace("PLACE", escaped);
        String head = Api.headHash();
        Api.as(Api.writer()).contentType(ContentType.JSON).body(body).post("/v1/records").then()
                .statusCode(422).contentType("application/problem+json").body("errors.pointer", hasItem("/place"));
        assertEquals(head, Api.headHash());
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "   ", "{", "{\"type\": \"fine\",}", "[1, 2]", "\"fine\"", "42", "null",
            "{\"type\": \"fine\"} trailing", "{\"type\": \"fine\", \"type\": \"ruling\"}", "\u0000" })
    void malformedJsonIs400AndStoresNothing(String body) {
        String head = Api.headHash();
        Api.as(Api.writer()).contentType(ContentType.JSON).body(body).post("/v1/records").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:rights-ledger:problem:malformed-json"));
        assertEquals(head, Api.headHash());
    }

    @ParameterizedTest
    @ValueSource(strings = { "type=arrest", "country=kz", "from=2025-13", "to=yesterday", "actor=nobody",
            "case=1", "bill=x", "tag=Not%20A%20Slug", "include=everything", "cursor=!!!", "cursor=djEuMS5hYmM",
            "from=2025-06&to=2025-05", "q=%20%20", "limit=0" })
    void badQueryParametersAre400(String query) {
        Api.api().urlEncodingEnabled(false).get("/v1/records?" + query).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:rights-ledger:problem:invalid-parameter"))
                .body("errors[0].parameter", notNullValue());
    }
}
