package org.rightsledger.ledger;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rightsledger.support.Api;
import org.rightsledger.support.ChainCheck;
import org.rightsledger.support.HeldHead;
import org.rightsledger.support.RefusedCommit;
import org.rightsledger.support.Records;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Group commit, one group at a time: the test holds the log head, so the requests it sends
 * queue up and are written together when it lets go ({@link HeldHead}). A member that cannot
 * be written is answered with its own problem and the rest of its group is committed; a
 * commit that fails answers the whole group with 503 and stores none of it.
 */
@QuarkusTest
class GroupCommitTest {

    @Inject
    DataSource dataSource;

    @Inject
    Ledger ledger;

    @Inject
    MeterRegistry meters;

    private final ExecutorService clients = Executors.newCachedThreadPool();

    @AfterEach
    void stopClients() {
        clients.shutdownNow();
    }

    @Test
    void aGroupWithOneFailingMemberCommitsTheOthers() throws Exception {
        String corrected = Records.append(Records.fine()).get("id").asText();
        long before = Api.headPosition();
        Groups groupsBefore = groups();
        Future<Response> first;
        List<Future<Response>> group;
        try (HeldHead head = HeldHead.hold(dataSource)) {
            first = send(null, fine("waits for the head"));
            head.awaitCommitterBlocked();
            group = List.of(send(null, correction(corrected, "one correction")),
                    send(null, correction(corrected, "a rival correction")),
                    send(null, fine("a neighbour")), send(null, fine("another neighbour")));
            head.awaitQueued(ledger::queued, group.size());
        }

        Response one = group.get(0).get();
        Response rival = group.get(1).get();
        assertEquals(new Groups(groupsBefore.count() + 2, groupsBefore.members() + 5), groups(),
                "the four requests were written as one group");
        assertEquals(List.of(201, 409), List.of(one.statusCode(), rival.statusCode()).stream().sorted().toList(),
                "of two corrections of one record, exactly one is written");
        Response refused = one.statusCode() == 409 ? one : rival;
        refused.then().contentType("application/problem+json")
                .body("type", containsString("conflict")).body("detail", containsString(corrected));
        Response written = one.statusCode() == 201 ? one : rival;
        List<String> acknowledged = new ArrayList<>();
        for (Response response : List.of(first.get(), written, group.get(2).get(), group.get(3).get())) {
            assertEquals(201, response.statusCode(), response.asString());
            acknowledged.add(response.jsonPath().getString("summary"));
        }
        assertEquals(acknowledged.stream().sorted().toList(), storedSummariesAfter(before).stream().sorted().toList(),
                "every 201 is stored, the refused member is not");
        assertEquals(Api.headHash(), ChainCheck.verifyStoredLog(dataSource));
    }

    @Test
    void aRecordCorrectedWhileItsRequestWaitedIsA409AndItsGroupCommits() throws Exception {
        String corrected = Records.append(Records.fine()).get("id").asText();
        long before = Api.headPosition();
        Future<Response> first;
        Future<Response> late;
        Future<Response> neighbour;
        try (HeldHead head = HeldHead.hold(dataSource)) {
            first = send(null, correction(corrected, "the correction that got there first"));
            head.awaitCommitterBlocked();
            late = send(null, correction(corrected, "a correction that came too late"));
            neighbour = send(null, fine("a neighbour of the late correction"));
            head.awaitQueued(ledger::queued, 2);
        }

        first.get().then().statusCode(201);
        late.get().then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString(corrected + " was already superseded"));
        neighbour.get().then().statusCode(201);
        assertEquals(List.of("the correction that got there first", "a neighbour of the late correction"),
                storedSummariesAfter(before));
        assertEquals(Api.headHash(), ChainCheck.verifyStoredLog(dataSource));
    }

    @Test
    void aRetryThatRacedItsFirstRequestReplaysTheFirstEntry() throws Exception {
        String key = UUID.randomUUID().toString();
        ObjectNode body = fine("sent twice with one key");
        long before = Api.headPosition();
        Future<Response> first;
        Future<Response> retry;
        Future<Response> neighbour;
        try (HeldHead head = HeldHead.hold(dataSource)) {
            first = send(key, body);
            head.awaitCommitterBlocked();
            retry = send(key, body);
            neighbour = send(null, fine("a neighbour of the retry"));
            head.awaitQueued(ledger::queued, 2);
        }

        Response original = first.get();
        original.then().statusCode(201);
        assertNull(original.header("Idempotent-Replayed"));
        Response replayed = retry.get();
        replayed.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertEquals(original.jsonPath().getString("id"), replayed.jsonPath().getString("id"));
        assertEquals(original.jsonPath().getLong("position"), replayed.jsonPath().getLong("position"));
        neighbour.get().then().statusCode(201);
        assertEquals(List.of("sent twice with one key", "a neighbour of the retry"), storedSummariesAfter(before));
    }

    @Test
    void requestsWithOneKeyInOneGroupStoreOneEntry() throws Exception {
        String key = UUID.randomUUID().toString();
        ObjectNode body = fine("one key, three times in one group");
        ObjectNode otherBody = fine("one key, another body");
        long before = Api.headPosition();
        List<Future<Response>> sameBody = new ArrayList<>();
        Future<Response> first;
        Future<Response> other;
        Future<Response> neighbour;
        try (HeldHead head = HeldHead.hold(dataSource)) {
            first = send(null, fine("waits for the head"));
            head.awaitCommitterBlocked();
            for (int i = 0; i < 3; i++) {
                sameBody.add(send(key, body));
            }
            other = send(key, otherBody);
            neighbour = send(null, fine("a neighbour of the keyed requests"));
            head.awaitQueued(ledger::queued, 5);
        }

        first.get().then().statusCode(201);
        neighbour.get().then().statusCode(201);
        List<String> stored = storedSummariesAfter(before);
        assertEquals(3, stored.size(), "the first request, one entry for the key, the neighbour: " + stored);
        if (stored.contains("one key, three times in one group")) {
            other.get().then().statusCode(422).body("type", containsString("idempotency-key-reused"))
                    .body("detail", containsString(key));
            List<String> ids = new ArrayList<>();
            int appended = 0;
            for (Future<Response> response : sameBody) {
                response.get().then().statusCode(201);
                ids.add(response.get().jsonPath().getString("id"));
                appended += response.get().header("Idempotent-Replayed") == null ? 1 : 0;
            }
            assertEquals(1, ids.stream().distinct().count(), "all three answered with the one entry");
            assertEquals(1, appended, "one appended, two replayed");
        } else {
            assertTrue(stored.contains("one key, another body"), stored.toString());
            other.get().then().statusCode(201);
            for (Future<Response> response : sameBody) {
                response.get().then().statusCode(422).body("type", containsString("idempotency-key-reused"));
            }
        }
        assertEquals(Api.headHash(), ChainCheck.verifyStoredLog(dataSource));
    }

    @Test
    void aFailedCommitAnswersTheWholeGroupWith503AndStoresNothing() throws Exception {
        long before = Api.headPosition();
        List<Future<Response>> group;
        try (RefusedCommit refused = RefusedCommit.of(dataSource, "log_entry", "NEW.content LIKE '%refused at commit%'")) {
            try (HeldHead head = HeldHead.hold(dataSource)) {
                send(null, fine("waits for the head"));
                head.awaitCommitterBlocked();
                group = List.of(send(null, fine("refused at commit")), send(null, fine("a neighbour")),
                        send(UUID.randomUUID().toString(), fine("a keyed neighbour")));
                head.awaitQueued(ledger::queued, group.size());
            }
            for (Future<Response> response : group) {
                response.get().then().statusCode(503).contentType("application/problem+json")
                        .header("Retry-After", "5").body("type", containsString("unavailable"));
            }
        }
        assertEquals(List.of("waits for the head"), storedSummariesAfter(before), "nothing of the failed group");
        Records.append(fine("after the failure")).get("position").asLong();
        assertEquals(Api.headHash(), ChainCheck.verifyStoredLog(dataSource));
    }

    @Test
    void theMetricsAreServed() {
        Records.append(fine("measured"));
        String metrics = Api.raw().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String metric : List.of("ledger_append_seconds_count", "ledger_append_seconds_bucket",
                "ledger_append_group_size_count", "ledger_append_queued")) {
            assertTrue(metrics.contains(metric), metric + " in /q/metrics");
        }
    }

    private static ObjectNode fine(String summary) {
        return Records.fine().put("summary", summary);
    }

    private static ObjectNode correction(String supersedes, String summary) {
        return fine(summary).put("supersedes", supersedes);
    }

    private Future<Response> send(String idempotencyKey, ObjectNode body) {
        return clients.submit(() -> {
            var request = Api.as(Api.writer()).contentType(ContentType.JSON).body(body.toString());
            if (idempotencyKey != null) {
                request.header("Idempotency-Key", idempotencyKey);
            }
            return request.post("/v1/records");
        });
    }

    private record Groups(long count, double members) {
    }

    private Groups groups() {
        DistributionSummary sizes = meters.get("ledger.append.group.size").summary();
        return new Groups(sizes.count(), sizes.totalAmount());
    }

    /** The summaries of the entries stored after a position, in position order. */
    private List<String> storedSummariesAfter(long position) throws SQLException {
        List<String> summaries = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement(
                        "SELECT content::jsonb ->> 'summary' FROM log_entry WHERE position > ? ORDER BY position")) {
            query.setLong(1, position);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    summaries.add(rows.getString(1));
                }
            }
        }
        return summaries;
    }
}
