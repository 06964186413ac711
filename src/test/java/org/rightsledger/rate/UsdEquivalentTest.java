package org.rightsledger.rate;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.hamcrest.Matchers.nullValue;
import static org.rightsledger.support.Api.api;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rightsledger.support.Records;
import org.rightsledger.support.References;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A fine's derived.usdEquivalent uses the latest rate on or before the last day of its date,
 * next to the USD figure the source printed. (GEL: no other test uses it.)
 */
@QuarkusTest
class UsdEquivalentTest {

    private static String fine(String on, String amount, String currency) {
        ObjectNode fine = Records.fine().put("occurredOn", on);
        ((ObjectNode) fine.get("details")).putObject("amount").put("amount", amount).put("currency", currency);
        return Records.append(fine).get("id").asText();
    }

    private static void rate(String date, String usdPerUnit) {
        References.post("/v1/exchange-rates", Records.parse("{\"currency\": \"GEL\", \"source\": \"Test bank\"}")
                .put("date", date).put("usdPerUnit", usdPerUnit)).then().statusCode(201)
                .body("type", equalTo("exchange_rate"));
    }

    private static boolean ratesStored;

    @BeforeEach
    void rates() {
        if (ratesStored) {
            return;
        }
        ratesStored = true;
        rate("2021-01-01", "0.30");
        rate("2021-03-01", "0.31");
        rate("2021-03-01", "0.3125"); // a later entry for the same day wins
    }

    @Test
    void aFineIsConvertedWithTheLatestRateOnOrBeforeItsDate() {
        api().get("/v1/records/" + fine("2021-02-19", "1001", "GEL")).then().statusCode(200)
                .body("details.amount.amount", equalTo("1001"))
                .body("details.reportedUsd.amount", equalTo("145"))
                .body("derived.usdEquivalent.amount", equalTo("300.30"))
                .body("derived.usdEquivalent.rate", equalTo("0.3"))
                .body("derived.usdEquivalent.rateDate", equalTo("2021-01-01"))
                .body("derived.usdEquivalent.rateSource", equalTo("Test bank"));
        // "2021-03" ends on 31 March: the 1 March rate applies; 333.33 × 0.3125 = 104.1656… → 104.17
        api().get("/v1/records/" + fine("2021-03", "333.33", "GEL")).then()
                .body("derived.usdEquivalent.amount", equalTo("104.17"))
                .body("derived.usdEquivalent.rate", equalTo("0.3125"));
    }

    @Test
    void withoutARateThereIsNoEquivalent() {
        api().get("/v1/records/" + fine("2020-12", "100", "GEL")).then().body("derived.usdEquivalent", nullValue());
        api().get("/v1/records/" + fine("2021-05", "12.345", "USD")).then()
                .body("derived.usdEquivalent.amount", equalTo("12.34")).body("derived.usdEquivalent.rate", equalTo("1"));
    }

    /** The writer is answered without reading its record back: the rate is found before the append. */
    @ParameterizedTest
    @ValueSource(strings = { "2021-02-19 1001 GEL", "2021-03 333.33 GEL", "2020-12 100 GEL", "2021-05 12.345 USD" })
    void theAnswerToTheAppendShowsTheEquivalentAReadShows(String on_amount_currency) {
        String[] f = on_amount_currency.split(" ");
        ObjectNode fine = Records.fine().put("occurredOn", f[0]);
        ((ObjectNode) fine.get("details")).putObject("amount").put("amount", f[1]).put("currency", f[2]);
        JsonNode answer = Records.append(fine);
        JsonNode read = Records.parse(api().get("/v1/records/" + answer.get("id").asText()).then().statusCode(200)
                .extract().asString());
        assertEquals(read.get("derived"), answer.get("derived"));
    }

    @Test
    void ratesAreListedAndValidated() {
        api().get("/v1/exchange-rates?currency=GEL&from=2021-03").then().statusCode(200)
                .body("items.usdPerUnit", equalTo(java.util.List.of("0.3125", "0.31")));
        for (String bad : new String[] { "{\"currency\": \"GEL\", \"date\": \"2021-01\", \"usdPerUnit\": \"1\", \"source\": \"s\"}",
                "{\"currency\": \"GEL\", \"date\": \"2021-01-01\", \"usdPerUnit\": \"-1\", \"source\": \"s\"}",
                "{\"currency\": \"GEL\", \"date\": \"2021-01-01\", \"usdPerUnit\": 0.3, \"source\": \"s\"}",
                "{\"currency\": \"GEL\", \"date\": \"2021-01-01\", \"usdPerUnit\": \"0\", \"source\": \"s\"}",
                "{\"currency\": \"USD\", \"date\": \"2021-01-01\", \"usdPerUnit\": \"1\", \"source\": \"s\"}",
                "{\"currency\": \"GEL\", \"date\": \"2099-01-01\", \"usdPerUnit\": \"1\", \"source\": \"s\"}" }) {
            References.post("/v1/exchange-rates", bad).then().statusCode(422).contentType("application/problem+json");
        }
        api().get("/v1/exchange-rates?currency=gel").then().statusCode(400);
    }

    @ParameterizedTest
    @ValueSource(strings = { "actors", "bills", "cases", "exchange-rates" })
    void theListsAnswer(String path) {
        api().get("/v1/" + path).then().statusCode(200);
    }
}
