package org.rightsledger.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.rightsledger.client.ApiClient;
import org.rightsledger.client.api.FeedApi;
import org.rightsledger.client.api.LogApi;
import org.rightsledger.client.model.ActorRevisionEntry;
import org.rightsledger.client.model.BillRevisionEntry;
import org.rightsledger.client.model.CaseRevisionEntry;
import org.rightsledger.client.model.Entry;
import org.rightsledger.client.model.ExchangeRateEntry;
import org.rightsledger.client.model.FeedEntry;
import org.rightsledger.client.model.FeedPage;
import org.rightsledger.client.model.LogHead;
import org.rightsledger.client.model.RedactedEntry;
import org.rightsledger.support.Api;
import org.rightsledger.support.Records;
import org.rightsledger.support.References;

import com.fasterxml.jackson.databind.DeserializationFeature;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A partner mirrors the whole feed through the Java client that openapi-generator makes from the
 * contract (generated and compiled by the build): every kind of entry and of record details is read
 * into its own class, positions run 1…head without holes, and the last hash is the head's.
 */
@QuarkusTest
class ClientMirrorTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void theGeneratedJavaClientMirrorsTheWholeFeed() throws Exception {
        logOfEveryKind();
        Map<String, Integer> anonymous = mirror(null);
        for (String kind : Set.of("Entry", "ActorRevisionEntry", "BillRevisionEntry", "CaseRevisionEntry",
                "ExchangeRateEntry", "RedactedEntry", "DetentionDetails", "FineDetails", "RulingDetails",
                "BillReadingDetails", "RetractionDetails")) {
            assertTrue(anonymous.getOrDefault(kind, 0) > 0, "no " + kind + " read through the client: " + anonymous);
        }
        Map<String, Integer> researcher = mirror(Api.restrictedReader());
        assertEquals(0, researcher.getOrDefault("RedactedEntry", 0), "a restricted:read key sees every entry in full");
    }

    /** Pages the feed with the generated client; returns how many entries and details of each class it read. */
    private Map<String, Integer> mirror(String token) throws Exception {
        ApiClient client = new ApiClient();
        client.updateBaseUri(base.toString().replaceAll("/$", ""));
        // The alternatives of FeedEntry and Details are told apart by their properties (each one is
        // additionalProperties: false in the contract); the generated default mapper ignores unknown ones.
        client.setObjectMapper(client.getObjectMapper().copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));
        if (token != null) {
            client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        }
        FeedApi feed = new FeedApi(client);
        LogHead head = new LogApi(client).getLogHead();
        Map<String, Integer> kinds = new TreeMap<>();
        long position = 0;
        String hash = null;
        FeedPage page = feed.readFeed(0L, 100, 0);
        while (!page.getItems().isEmpty()) {
            for (FeedEntry item : page.getItems()) {
                Object entry = item.getActualInstance();
                kinds.merge(entry.getClass().getSimpleName(), 1, Integer::sum);
                long served;
                if (entry instanceof Entry record) {
                    served = record.getPosition();
                    hash = record.getHash();
                    kinds.merge(record.getDetails().getActualInstance().getClass().getSimpleName(), 1, Integer::sum);
                } else if (entry instanceof RedactedEntry redacted) {
                    served = redacted.getPosition();
                    hash = redacted.getHash();
                } else if (entry instanceof ActorRevisionEntry actor) {
                    served = actor.getPosition();
                    hash = actor.getHash();
                } else if (entry instanceof BillRevisionEntry bill) {
                    served = bill.getPosition();
                    hash = bill.getHash();
                } else if (entry instanceof CaseRevisionEntry courtCase) {
                    served = courtCase.getPosition();
                    hash = courtCase.getHash();
                } else {
                    ExchangeRateEntry rate = (ExchangeRateEntry) entry;
                    served = rate.getPosition();
                    hash = rate.getHash();
                }
                assertEquals(++position, served, "positions run without holes");
            }
            page = feed.readFeed(page.getNext(), 100, 0);
        }
        assertTrue(position >= head.getPosition(), "mirrored up to the head read before (" + head.getPosition() + ")");
        if (position == head.getPosition()) {
            assertEquals(head.getHash(), hash, "the last entry's hash is the head's");
        }
        return kinds;
    }

    private static void logOfEveryKind() {
        String fine = Records.append(Records.fine()).get("id").asText();
        Records.append(Records.detention());
        Records.append(Records.ruling());
        Records.append(Records.billReading(References.bill("Mirror bill")));
        Records.append(Records.retraction(fine));
        Records.append(Records.fine().put("confidentiality", "restricted"));
        References.actor("Mirror actor");
        References.post("/v1/actors", References.person("Mirror protected").put("protected", true).put("pseudonym", "M."))
                .then().statusCode(201);
        References.courtCase("Mirror case");
        References.post("/v1/exchange-rates", Records.parse(
                "{\"currency\": \"KGS\", \"date\": \"2025-01-02\", \"usdPerUnit\": \"0.0115\", \"source\": \"Mirror bank\"}"))
                .then().statusCode(201);
    }
}
