package org.rightsledger.support;

import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Valid record bodies to start from; tests change what they are about. */
public final class Records {

    public static final ObjectMapper JSON = new ObjectMapper();

    private Records() {
    }

    public static ObjectNode fine() {
        return parse("""
                {"type": "fine", "occurredOn": "2025-03-03", "country": "KZ", "place": "Almaty",
                 "summary": "An activist was fined 78,640 tenge for an unsanctioned rally.",
                 "tags": ["freedom-of-assembly"],
                 "sources": [{"url": "https://www.hrw.org/world-report/2026/country-chapters/kazakhstan",
                              "publisher": "Human Rights Watch", "publishedOn": "2026-01"}],
                 "details": {"amount": {"amount": "78640", "currency": "KZT"},
                             "reportedUsd": {"amount": "145", "currency": "USD"},
                             "issuedBy": "Almaty administrative court"}}""");
    }

    public static ObjectNode detention() {
        return parse("""
                {"type": "detention", "occurredOn": "2025-02", "approximate": true, "country": "KZ",
                 "summary": "All 25 members of a feminist group were detained at a meeting.",
                 "sources": [{"url": "https://timesca.com/", "publisher": "The Times of Central Asia"}],
                 "details": {"authority": "Almaty police", "detainedCount": 25, "outcome": "released"}}""");
    }

    public static ObjectNode ruling() {
        return parse("""
                {"type": "ruling", "occurredOn": "2025-01-17", "country": "KZ",
                 "summary": "Six police officers were found guilty of torturing detainees.",
                 "sources": [{"url": "https://www.hrw.org/world-report/2026/country-chapters/kazakhstan",
                              "publisher": "Human Rights Watch"}],
                 "details": {"court": "Almaty Region court", "instance": "first", "verdict": "guilty",
                             "sentence": {"kind": "imprisonment", "years": 3}}}""");
    }

    public static ObjectNode billReading(UUID billId) {
        ObjectNode reading = parse("""
                {"type": "bill_reading", "occurredOn": "2025-11-12", "country": "KZ",
                 "summary": "The Mazhilis passed the bill.",
                 "sources": [{"url": "https://www.cbsnews.com/", "publisher": "CBS News"}],
                 "details": {"chamber": "lower", "chamberName": "Mazhilis", "stage": "passed", "outcome": "approved",
                             "votes": {"for": 80, "against": 2, "abstain": 1}}}""");
        reading.put("billId", billId.toString());
        return reading;
    }

    public static ObjectNode retraction(String retracts) {
        ObjectNode retraction = parse("""
                {"type": "retraction", "occurredOn": "2025-03", "country": "KZ",
                 "summary": "Retracted: the source withdrew its report.",
                 "sources": [{"url": "https://example.org/correction", "publisher": "Example"}],
                 "details": {"reason": "The source withdrew its report."}}""");
        ((ObjectNode) retraction.get("details")).put("retracts", retracts);
        return retraction;
    }

    public static ObjectNode parse(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static Response post(Object body) {
        return Api.as(Api.writer()).contentType(ContentType.JSON).body(body.toString()).post("/v1/records");
    }

    /** Appends and returns the served entry. */
    public static ObjectNode append(ObjectNode body) {
        return parse(post(body).then().statusCode(201).extract().asString());
    }

    /** A tag no other test uses, to find exactly this test's records. */
    public static String uniqueTag() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
