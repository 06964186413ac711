package org.rightsledger.record;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.rightsledger.support.Api;
import org.rightsledger.support.Records;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Concurrent single appends share one search-vector query: each record still gets its own vector
 * (found by its own word) and its own rate (its own USD equivalent).
 */
@QuarkusTest
class SearchVectorsTest {

    private static final int WRITERS = 24;

    @Test
    void concurrentAppendsEachGetTheirOwnVectorAndRate() throws Exception {
        String tag = Records.uniqueTag();
        Random random = new Random();
        List<String> words = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            StringBuilder word = new StringBuilder("zq");
            for (int k = 0; k < 8; k++) {
                word.append((char) ('a' + random.nextInt(26)));
            }
            words.add(word.toString());
        }
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<JsonNode>> answers = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                ObjectNode fine = Records.fine().put("summary", "A fine, reported as " + words.get(i) + ".");
                fine.putArray("tags").add(tag);
                ((ObjectNode) fine.get("details")).putObject("amount").put("amount", String.valueOf(100 + i))
                        .put("currency", "USD");
                answers.add(writers.submit(() -> Records.append(fine)));
            }
            for (int i = 0; i < WRITERS; i++) {
                JsonNode answer = answers.get(i).get();
                assertEquals((100 + i) + ".00", answer.at("/derived/usdEquivalent/amount").asText(), answer.toString());
                JsonNode found = Records.parse(Api.api().get("/v1/records?tag=" + tag + "&q=" + words.get(i)).then()
                        .statusCode(200).extract().asString()).get("items");
                assertEquals(1, found.size(), words.get(i) + " finds " + found);
                assertEquals(answer.get("id"), found.get(0).get("id"));
            }
        } finally {
            writers.shutdownNow();
        }
    }
}
