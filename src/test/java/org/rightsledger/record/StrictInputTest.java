package org.rightsledger.record;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.rightsledger.support.Api;
import org.rightsledger.support.Hostile;
import org.rightsledger.support.Records;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * A record is stored exactly as sent, or not at all. Each case here was once accepted and
 * stored as something the client did not send (found by HostileInputTest): invalid UTF-8 as
 * U+FFFD, {@code " held"} as {@code held}, {@code null} as {@code false}, year 0000 as a date
 * PostgreSQL cannot hold.
 */
@QuarkusTest
class StrictInputTest {

    @Test
    void bytesThatAreNotUtf8Are400AndStoreNothing() {
        long head = Api.headPosition();
        String fine = Records.fine().toString();
        int at = fine.indexOf("Almaty\"") + 3;
        for (byte[] bad : Hostile.INVALID_UTF8) {
            byte[] body = Hostile.concat(fine.substring(0, at).getBytes(UTF_8), bad, fine.substring(at).getBytes(UTF_8));
            Api.as(Api.writer()).contentType(ContentType.JSON).body(body).post("/v1/records").then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:rights-ledger:problem:malformed-json"))
                    .body("detail", equalTo("The request body is not valid UTF-8"));
        }
        assertEquals(head, Api.headPosition());
    }

    @Test
    void validUtf8BeyondAsciiIsStoredAsSent() {
        ObjectNode record = Records.fine().put("place", "Алматы \ud83c\uddf0\ud83c\uddff");
        Records.append(record);
        assertEquals("Алматы \ud83c\uddf0\ud83c\uddff", Records.append(record).get("place").asText());
    }

    static Stream<Arguments> notQuiteValid() {
        return Stream.of(
                bad("/details/outcome", r -> details(r).put("outcome", " held")),
                bad("/details/outcome", r -> details(r).put("outcome", "held ")),
                bad("/details/outcome", r -> details(r).put("outcome", "HELD")),
                bad("/details/outcome", r -> details(r).put("outcome", "")),
                bad("/type", r -> r.put("type", "detention\t")),
                bad("/confidentiality", r -> r.put("confidentiality", " public")),
                bad("/approximate", r -> r.putNull("approximate")),
                bad("/place", r -> r.putNull("place")),
                bad("/tags", r -> r.putNull("tags")),
                bad("/details/legalBasis", r -> details(r).putNull("legalBasis")),
                bad("/occurredOn", r -> r.put("occurredOn", "0000")),
                bad("/occurredOn", r -> r.put("occurredOn", "0000-01")),
                bad("/occurredOn", r -> r.put("occurredOn", "0000-02-29")),
                bad("/details/start", r -> details(r).put("start", "0000-01-01T10:00:00Z")),
                bad("/details/start", r -> details(r).put("start", "0000-06-01T10:00")));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("notQuiteValid")
    void aValueTheContractDoesNotAllowIs422(String pointer, String body) {
        long head = Api.headPosition();
        Api.as(Api.writer()).contentType(ContentType.JSON).body(body).post("/v1/records").then().statusCode(422)
                .contentType("application/problem+json").body("errors.pointer", hasItem(pointer));
        assertEquals(head, Api.headPosition());
    }

    @Test
    void theFirstYearIsOne() {
        assertEquals("0001", Records.append(Records.detention().put("occurredOn", "0001")).get("occurredOn").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = { "from=0000", "to=0000-12", "from=0000-01-01" })
    void yearZeroIsNoDateToFilterBy(String query) {
        Api.api().get("/v1/records?" + query).then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:rights-ledger:problem:invalid-parameter"));
    }

    private static ObjectNode details(ObjectNode record) {
        return (ObjectNode) record.get("details");
    }

    private static Arguments bad(String pointer, Consumer<ObjectNode> change) {
        ObjectNode record = Records.detention();
        change.accept(record);
        return Arguments.of(pointer, record.toString());
    }
}
