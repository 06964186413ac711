package org.rightsledger.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

import static org.rightsledger.contract.LeakReads.*;

import org.junit.jupiter.api.Test;
import org.rightsledger.support.Api;
import org.rightsledger.support.Records;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
/**
 * What is restricted stays restricted: a protected person and restricted records carry a
 * canary name, and no read a caller without {@code restricted:read} can make (every GET of the
 * contract, with the filters that name them) may show it, in a body or in a header. A reader
 * with the scope does see it, so the canary is really there to be found.
 */
@QuarkusTest
class LeakTest {

    private static final String CANARY = "Canarytest Hiddenova";
    /** Each half on its own: a leak of the first name or of the surname alone is a leak. */
    private static final List<String> CANARY_WORDS = List.of("canarytest", "hiddenova");
    private static final String PSEUDONYM = "Witness A";
    private static final String CANARY_TAG = "canarytest-hiddenova";

    /**
     * What the leak hunt reads. {@code publicRecord} names the protected person (by id only) and
     * was corrected by {@code restrictedRecord}, a restricted detention whose summary, place,
     * details and tag carry the canary; {@code restrictedReading} is a restricted reading of the
     * bill the protected person initiated, moving it to a stage the public must not see.
     */
    record Fixture(long start, long end, String actor, String courtCase, String bill, String publicRecord,
            String restrictedRecord, String publicReading, String restrictedReading) {

        List<String> restrictedIds() {
            return List.of(restrictedRecord, restrictedReading);
        }
    }

    private static Fixture fixture;

    static synchronized Fixture fixture() {
        if (fixture == null) {
            fixture = createFixture();
        }
        return fixture;
    }

    private static Fixture createFixture() {
        String writer = Api.token("Leak Test Writer", "write", "restricted:read");
        long start = Api.headPosition();

        ObjectNode person = Records.parse("{\"kind\": \"person\", \"country\": \"KZ\", \"protected\": true}")
                .put("name", CANARY).put("pseudonym", PSEUDONYM);
        person.putArray("aliases").add("Hiddenova").add("C. Canarytest");
        String actor = create(writer, "/v1/actors", person);
        String courtCase = create(writer, "/v1/cases",
                Records.parse("{\"title\": \"Leak test: the witness case\", \"country\": \"KZ\"}"));
        ObjectNode billBody = Records.parse("{\"title\": \"Leak test: a bill on assemblies\", \"country\": \"KZ\"}");
        billBody.putArray("initiators").add(actor);
        String bill = create(writer, "/v1/bills", billBody);

        ObjectNode open = Records.detention().put("caseId", courtCase);
        open.putArray("actors").addObject().put("actorId", actor).put("role", "detainee");
        String publicRecord = append(writer, open);

        ObjectNode hidden = Records.detention().put("caseId", courtCase).put("confidentiality", "restricted")
                .put("supersedes", publicRecord)
                .put("summary", CANARY + ", a witness, was detained at her home for two days.")
                .put("place", "Hiddenova street, Canarytest village");
        ((ObjectNode) hidden.get("details")).put("authority", "Canarytest district police").put("detainedCount", 1);
        hidden.putArray("actors").addObject().put("actorId", actor).put("role", "detainee");
        hidden.putArray("tags").add(CANARY_TAG);
        String restrictedRecord = append(writer, hidden);

        ObjectNode reading = Records.billReading(UUID.fromString(bill));
        reading.putArray("actors").addObject().put("actorId", actor).put("role", "initiator");
        String publicReading = append(writer, reading);

        ObjectNode secretReading = Records.billReading(UUID.fromString(bill)).put("occurredOn", "2025-12-01")
                .put("confidentiality", "restricted").put("summary", CANARY + " asked the President to sign the bill.");
        ((ObjectNode) secretReading.get("details")).put("chamberName", CANARY + " committee").put("stage", "signed")
                .put("chamber", "executive");
        secretReading.putArray("actors").addObject().put("actorId", actor).put("role", "initiator");
        String restrictedReading = append(writer, secretReading);

        return new Fixture(start, Api.headPosition(), actor, courtCase, bill, publicRecord, restrictedRecord,
                publicReading, restrictedReading);
    }

    private static String create(String token, String path, ObjectNode body) {
        return Api.as(token).contentType(ContentType.JSON).body(body.toString()).post(path).then().statusCode(201)
                .extract().path("id");
    }

    private static String append(String token, ObjectNode body) {
        return create(token, "/v1/records", body);
    }

    // --- the hunt ----------------------------------------------------------------------------

    @Test
    void noReadWithoutRestrictedReadRevealsTheCanaryAnywhere() throws Exception {
        Fixture f = fixture();
        Map<String, Answer> answers = sweep(f, null);
        List<String> leaks = new ArrayList<>();
        boolean streamReachedTheFixture = false;
        for (Map.Entry<String, Answer> read : answers.entrySet()) {
            String uri = read.getKey();
            Answer answer = read.getValue();
            System.out.println("anonymous " + answer.status() + " " + uri);
            if (answer.status() >= 500) {
                leaks.add(uri + ": " + answer.status() + " " + answer.body());
            }
            canaryIn(answer).ifPresent(where -> leaks.add(uri + ": the canary is in " + where));
            // Outside the feed (where placeholders carry ids, so the chain verifies), naming a
            // restricted record's id tells that it exists, unless the request named it first.
            if (!uri.startsWith("/v1/feed")) {
                for (String id : f.restrictedIds()) {
                    if (!uri.contains(id) && answer.everything().contains(id)) {
                        leaks.add(uri + ": names the restricted record " + id);
                    }
                }
            }
            // A search for the canary must find nothing, not even something shown under the pseudonym.
            if (searchesForTheCanary(uri) && answer.status() == 200 && answer.json().path("items").size() > 0) {
                leaks.add(uri + ": the search for the canary found " + answer.json().path("items"));
            }
            streamReachedTheFixture |= uri.startsWith("/v1/feed/stream") && answer.reached(f.end());
        }
        System.out.printf("leak hunt: %d anonymous reads over %d GET operations%n", answers.size(), gets().size());
        assertTrue(leaks.isEmpty(), leaks.size() + " leaks:\n" + String.join("\n", leaks));
        assertTrue(streamReachedTheFixture, "the stream must have delivered the fixture's entries, or it proved nothing");
    }

    @Test
    void aReaderWithRestrictedReadDoesSeeTheCanary() throws Exception {
        Fixture f = fixture();
        Map<String, Answer> answers = sweep(f, Api.token("Leak Test Reader", "restricted:read"));
        Set<String> seen = new TreeSet<>();
        answers.forEach((uri, answer) -> canaryIn(answer).ifPresent(where -> seen.add(uri)));
        System.out.printf("a restricted:read key sees the canary in %d of %d reads%n", seen.size(), answers.size());
        // Without these, a clean anonymous hunt could mean the canary was never stored at all.
        for (String uri : List.of("/v1/feed?after=" + f.start(), "/v1/feed/export?after=" + f.start(),
                "/v1/feed/stream?after=" + f.start(), "/v1/records/" + f.restrictedRecord(),
                "/v1/records/" + f.restrictedReading(), "/v1/actors/" + f.actor(),
                "/v1/actors/" + f.actor() + "/revisions", "/v1/records?q=Canarytest", "/v1/records?tag=" + CANARY_TAG,
                "/v1/cases/" + f.courtCase() + "/records", "/v1/bills/" + f.bill(), "/v1/actors?q=Hiddenova")) {
            assertTrue(seen.contains(uri), "a restricted:read key should see the canary at " + uri + "; seen at " + seen);
        }
    }

    @Test
    void theProtectedPersonIsShownByPseudonymAndTheBillKeepsItsPublicStage() {
        Fixture f = fixture();
        Answer actor = get("/v1/actors/" + f.actor(), null);
        assertEquals(PSEUDONYM, actor.json().path("name").asText());
        assertEquals(0, actor.json().path("aliases").size());
        // A restricted reading must not move the stage the public sees, nor appear among the readings.
        Answer bill = get("/v1/bills/" + f.bill(), null);
        assertEquals("passed", bill.json().path("stage").asText(), bill.body());
        assertEquals(List.of(f.publicReading()), bill.json().findValuesAsText("recordId"));
        assertEquals(List.of(f.actor()), Records.JSON.convertValue(bill.json().path("initiators"), List.class),
                "initiators are named by id only");
        assertEquals("signed", get("/v1/bills/" + f.bill(), Api.token("Leak Test Reader", "restricted:read")).json()
                .path("stage").asText());
    }

    // --- error paths ---------------------------------------------------------------------------

    @Test
    void aRestrictedRecordIsAnswered404ExactlyLikeAnUnknownOne() {
        Fixture f = fixture();
        String unknown = UUID.randomUUID().toString();
        for (String token : new String[] { null, Api.token("Leak Test Write-only", "write") }) {
            Answer hidden = get("/v1/records/" + f.restrictedRecord(), token);
            Answer none = get("/v1/records/" + unknown, token);
            assertEquals(404, hidden.status(), hidden.body());
            assertTrue(hidden.header("Content-Type").startsWith("application/problem+json"));
            assertEquals(comparable(none, unknown), comparable(hidden, f.restrictedRecord()));
            assertTrue(canaryIn(hidden).isEmpty(), hidden.body());
        }
    }

    @Test
    void aWriterWithoutRestrictedReadCannotProbeForARestrictedRecord() {
        Fixture f = fixture();
        String writeOnly = Api.token("Leak Test Write-only", "write");
        String unknown = UUID.randomUUID().toString();
        Map<String, Function<String, ObjectNode>> probes = new LinkedHashMap<>();
        probes.put("a correction of the same type", id -> Records.detention().put("supersedes", id));
        probes.put("a correction of another type", id -> Records.fine().put("supersedes", id));
        probes.put("a retraction", Records::retraction);
        long head = Api.headPosition();
        for (Map.Entry<String, Function<String, ObjectNode>> probe : probes.entrySet()) {
            Answer hidden = post(writeOnly, probe.getValue().apply(f.restrictedRecord()));
            Answer none = post(writeOnly, probe.getValue().apply(unknown));
            assertEquals(422, none.status(), none.body());
            assertEquals(none.status(), hidden.status(), probe.getKey() + ": " + hidden.body());
            assertEquals(comparable(none, unknown), comparable(hidden, f.restrictedRecord()),
                    probe.getKey() + " of a restricted record must be answered as one of an unknown record");
            assertTrue(canaryIn(hidden).isEmpty());
        }
        assertEquals(head, Api.headPosition(), "a refused write stores nothing");
        // The probe can tell: with restricted:read, the record exists and is a detention.
        Answer known = post(Api.token("Leak Test Writer", "write", "restricted:read"),
                Records.fine().put("supersedes", f.restrictedRecord()));
        Answer none = post(writeOnly, Records.fine().put("supersedes", unknown));
        assertEquals(422, known.status(), known.body());
        assertNotEquals(comparable(none, unknown), comparable(known, f.restrictedRecord()));
        assertEquals(head, Api.headPosition());
    }

    @Test
    void aRestrictedCorrectionDoesNotStopAWriterWhoCannotSeeIt() {
        // The public record looks current to a writer without restricted:read, but a restricted
        // correction exists. A 409 would tell it so: its correction is appended instead (see
        // CorrectionsAsSeenTest), and the answer neither names nor quotes the restricted one.
        String writer = Api.token("Leak Test Writer", "write", "restricted:read");
        String open = append(writer, Records.detention());
        ObjectNode hidden = Records.detention().put("confidentiality", "restricted").put("supersedes", open)
                .put("summary", CANARY + " was moved to another prison.");
        String restricted = append(writer, hidden);
        Answer answer = post(Api.token("Leak Test Write-only", "write"), Records.detention().put("supersedes", open));
        assertEquals(201, answer.status(), answer.body());
        assertTrue(canaryIn(answer).isEmpty(), answer.body());
        assertFalse(answer.everything().contains(restricted), answer.body());
    }

    // --- every GET of the contract, with the filters that name the fixture ------------------------

    private static Map<String, Answer> sweep(Fixture f, String token) throws Exception {
        Map<String, Answer> answers = new LinkedHashMap<>();
        for (Operation op : gets()) {
            for (String path : paths(op, f)) {
                for (String query : queries(op, f)) {
                    String uri = path + query;
                    answers.put(uri, op.streams() ? stream(uri, token, f.end()) : get(uri, token));
                }
            }
        }
        return answers;
    }

    /** The path with each entity of the fixture its parameter can name, the restricted ones included. */
    private static List<String> paths(Operation op, Fixture f) {
        String template = op.path();
        List<String> ids = template.startsWith("/v1/records/")
                ? List.of(f.restrictedRecord(), f.restrictedReading(), f.publicRecord(), f.publicReading())
                : template.startsWith("/v1/actors/") ? List.of(f.actor())
                        : template.startsWith("/v1/bills/") ? List.of(f.bill())
                                : template.startsWith("/v1/cases/") ? List.of(f.courtCase())
                                        // Anonymous hunters are refused (401) before any id is looked up.
                                        : template.startsWith("/v1/webhooks/") ? List.of(UUID.randomUUID().toString())
                                                : List.of();
        if (!template.contains("{")) {
            return List.of(template);
        }
        List<String> paths = ids.stream().map(id -> template.replace("{id}", id)).toList();
        assertFalse(paths.isEmpty() || paths.get(0).contains("{"),
                "no fixture value for the path parameters of " + template + ": add one to LeakTest.paths");
        return paths;
    }

    /** No query, then one variant per query parameter the operation declares and this hunt can aim. */
    private static List<String> queries(Operation op, Fixture f) {
        Map<String, List<String>> aims = new LinkedHashMap<>();
        aims.put("q", List.of("Canarytest", "Hiddenova", "Witness"));
        aims.put("actor", List.of(f.actor()));
        aims.put("case", List.of(f.courtCase()));
        aims.put("bill", List.of(f.bill()));
        aims.put("tag", List.of(CANARY_TAG));
        aims.put("type", List.of("detention", "bill_reading"));
        aims.put("include", List.of("superseded"));
        aims.put("after", List.of("0", Long.toString(f.start())));
        aims.put("groupBy", List.of("type", "month", "country"));
        aims.put("limit", List.of("200"));
        List<String> queries = new ArrayList<>(List.of(""));
        for (String parameter : op.queryParameters()) {
            aims.getOrDefault(parameter, List.of()).forEach(value -> queries.add("?" + parameter + "=" + value));
        }
        return queries;
    }

    private static boolean searchesForTheCanary(String uri) {
        return uri.contains("q=Canarytest") || uri.contains("q=Hiddenova") || uri.contains("tag=" + CANARY_TAG);
    }

    /** Where the canary shows in an answer (a header's name, or "body"), if it does. */
    private static Optional<String> canaryIn(Answer answer) {
        for (Map.Entry<String, String> header : answer.headers().entrySet()) {
            if (hasCanary(header.getValue())) {
                return Optional.of("header " + header.getKey() + ": " + header.getValue());
            }
        }
        return hasCanary(answer.body()) ? Optional.of("body: " + excerpt(answer.body()))
                : Optional.empty();
    }

    private static boolean hasCanary(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return CANARY_WORDS.stream().anyMatch(lower::contains);
    }

    private static String excerpt(String body) {
        String lower = body.toLowerCase(Locale.ROOT);
        int at = CANARY_WORDS.stream().mapToInt(lower::indexOf).filter(i -> i >= 0).min().orElse(0);
        return body.substring(Math.max(0, at - 200), Math.min(body.length(), at + 100));
    }
}
