package org.rightsledger.contract;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.rightsledger.support.Api;
import org.rightsledger.support.Records;
import org.rightsledger.support.References;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.Header;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Who may call what, for every operation of the contract: each operation is taken from
 * openapi/openapi.yaml, not from a list kept here, so an operation added to the contract is in
 * the matrix at once, and one this test has no rule for fails it.
 *
 * <ul>
 * <li>reads are public: no caller with a valid key (or none) is refused;</li>
 * <li>writes need scope {@code write}: 401 without a key, 403 for restricted:read and for admin;</li>
 * <li>webhooks (reads included) are a key's own: they need scope {@code write} too;</li>
 * <li>admin operations need scope {@code admin}: 401 without a key, 403 for partner keys;</li>
 * <li>a revoked key is 401 everywhere, reads included.</li>
 * </ul>
 *
 * Requests go through {@link Api#raw()}: the matrix judges refusals itself and reports statuses
 * the contract does not declare, rather than stopping at the first one.
 */
@QuarkusTest
class ScopeMatrixTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** The callers of the matrix. */
    enum Who {
        ANONYMOUS, WRITE, RESTRICTED_READ, ADMIN, REVOKED
    }

    /** What an operation needs, and therefore how it must answer each caller. */
    enum Needs {
        NOTHING, WRITE, ADMIN;

        /** The status a caller must be refused with, or 0 when it must get past access control. */
        int refusal(Who who) {
            if (who == Who.REVOKED) {
                return 401; // a broken key is told so everywhere, reads included
            }
            return switch (this) {
                case NOTHING -> 0;
                case WRITE -> who == Who.ANONYMOUS ? 401 : who == Who.WRITE ? 0 : 403;
                case ADMIN -> who == Who.ANONYMOUS ? 401 : who == Who.ADMIN ? 0 : 403;
            };
        }
    }

    /** The operations that write through a partner key: records, reference data and rates. */
    private static final Pattern WRITE_PATHS = Pattern
            .compile("/v1/(records|records/batch|actors|bills|cases|exchange-rates)(/\\{id})?");

    /** The rule for an operation, or null when this test has none (which fails it). */
    static Needs needs(Operation op) {
        if (op.path().startsWith("/v1/admin/")) {
            return Needs.ADMIN;
        }
        if (op.path().startsWith("/v1/webhooks")) {
            return Needs.WRITE; // a key's own webhooks, reads included
        }
        if (op.method().equals("GET")) {
            return Needs.NOTHING;
        }
        if ((op.method().equals("POST") || op.method().equals("PUT")) && WRITE_PATHS.matcher(op.path()).matches()) {
            return Needs.WRITE;
        }
        return null;
    }

    @Test
    void theContractDeclaresWhoMayCallEachOperation() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Operation op : operations()) {
            Needs needs = needs(op);
            if (needs == null) {
                wrong.add(op + ": the scope matrix has no rule for this operation; add one to ScopeMatrixTest.needs");
                continue;
            }
            if (op.anonymousAllowed() != (needs == Needs.NOTHING)) {
                wrong.add(op + ": security " + op.security() + " but the operation needs " + needs);
            }
            if (!op.declares("401")) {
                wrong.add(op + ": does not declare 401 (every operation refuses a revoked key)");
            }
            if (needs != Needs.NOTHING && !op.declares("403")) {
                wrong.add(op + ": needs a scope but does not declare 403");
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void everyOperationAnswersEachCallerAsItsScopesAllow() throws Exception {
        Map<Who, String> tokens = tokens();
        Ids ids = ids();
        List<Operation> operations = operations();
        List<String> wrong = new ArrayList<>();
        StringBuilder table = new StringBuilder(String.format("%-40s %s%n", "", List.of(Who.values())));
        int answers = 0;
        for (Operation op : operations) {
            Needs needs = needs(op);
            if (needs == null) {
                wrong.add(op + ": no expectation; add a rule to ScopeMatrixTest.needs");
                continue;
            }
            List<Integer> row = new ArrayList<>();
            for (Who who : Who.values()) {
                Answer answer = call(op, ids, tokens.get(who));
                answers++;
                row.add(answer.status());
                judge(op, who, needs.refusal(who), answer, wrong);
            }
            table.append(String.format("%-40s %s%n", op, row));
        }
        System.out.print(table);
        System.out.printf("scope matrix: %d operations x %d callers = %d answers%n", operations.size(),
                Who.values().length, answers);
        assertTrue(wrong.isEmpty(), wrong.size() + " answers out of the matrix:\n" + String.join("\n", wrong));
        assertEquals(operations.size() * Who.values().length, answers);
    }

    private static void judge(Operation op, Who who, int refusal, Answer answer, List<String> wrong) {
        String at = op + " as " + who + ": ";
        int status = answer.status();
        if (refusal == 0) {
            if (status == 401 || status == 403) {
                wrong.add(at + "refused with " + status + " but the caller may call it: " + answer.body());
            } else if (status >= 500) {
                wrong.add(at + status + ": " + answer.body());
            }
        } else if (status != refusal) {
            wrong.add(at + "expected " + refusal + ", got " + status + ": " + answer.body());
        }
        if (status == 401 || status == 403) {
            if (!answer.header("Content-Type").startsWith("application/problem+json")) {
                wrong.add(at + status + " is not application/problem+json but " + answer.header("Content-Type"));
            } else if (!answer.body().contains("\"status\":" + status)) {
                wrong.add(at + "the problem does not state status " + status + ": " + answer.body());
            }
        }
        if (status == 401 && !answer.header("WWW-Authenticate").startsWith("Bearer")) {
            wrong.add(at + "401 without WWW-Authenticate: Bearer (got '" + answer.header("WWW-Authenticate") + "')");
        }
        // A status the contract does not list for the operation is a gap in the contract (or a bug).
        if (!op.declares(Integer.toString(status))) {
            wrong.add(at + status + " is not declared by the contract for this operation");
        }
    }

    // --- callers and the entities whose ids fill the path templates ---------------------------

    private static Map<Who, String> tokens() {
        Map<Who, String> tokens = new EnumMap<>(Who.class); // ANONYMOUS has none: no Authorization header
        tokens.put(Who.WRITE, Api.token("Matrix Writer", "write"));
        tokens.put(Who.RESTRICTED_READ, Api.token("Matrix Reader", "restricted:read"));
        tokens.put(Who.ADMIN, Api.ADMIN_TOKEN);
        Response issued = Api.issueKey("Matrix Revoked", "write", "restricted:read");
        issued.then().statusCode(201);
        String revoked = issued.path("token");
        // It worked before it was revoked, so the 401s below are the revocation's doing.
        Api.as(revoked).get("/v1/log/head").then().statusCode(200);
        Api.as(Api.ADMIN_TOKEN).delete("/v1/admin/api-keys/" + issued.path("id")).then().statusCode(204);
        tokens.put(Who.REVOKED, revoked);
        return tokens;
    }

    /** Real ids, so that reads of one entity answer 200 and not a 404 that would prove nothing. */
    record Ids(String record, String actor, String bill, String courtCase, String apiKey, String webhook, long head) {

        String fill(String template) {
            String id = template.startsWith("/v1/records/") ? record
                    : template.startsWith("/v1/actors/") ? actor
                            : template.startsWith("/v1/bills/") ? bill
                                    : template.startsWith("/v1/cases/") ? courtCase
                                            : template.startsWith("/v1/admin/api-keys/") ? apiKey
                                                    : template.startsWith("/v1/webhooks/") ? webhook : null;
            String path = id == null ? template : template.replace("{id}", id);
            assertFalse(path.contains("{"), "no value for the path parameters of " + template + ": add one to Ids");
            return path;
        }
    }

    private static Ids ids() {
        String record = Records.append(Records.fine()).get("id").asText();
        String actor = References.actor("Matrix Actor").toString();
        String bill = References.bill("Matrix Bill").toString();
        String courtCase = References.courtCase("Matrix Case").toString();
        // Revoked by the admin's row of the matrix; everyone else is refused before it is looked up.
        String apiKey = Api.issueKey("Matrix Revocable", "write").then().statusCode(201).extract().path("id");
        // The matrix writer's own webhook (to a port nobody listens on), so that its reads answer 200.
        String webhook = Api.as(Api.token("Matrix Writer", "write")).contentType("application/json")
                .body("{\"url\": \"http://127.0.0.1:9/matrix\"}").post("/v1/webhooks").then().statusCode(201)
                .extract().path("id");
        return new Ids(record, actor, bill, courtCase, apiKey, webhook, Api.headPosition());
    }

    // --- one call ------------------------------------------------------------------------------

    private static Answer call(Operation op, Ids ids, String token) throws Exception {
        String uri = ids.fill(op.path());
        if (op.queryParameters().contains("after")) {
            uri += "?after=" + ids.head(); // the feed from the head on: short answers
        }
        if (op.streams()) {
            return stream(uri, token);
        }
        RequestSpecification request = Api.raw();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (op.method().equals("PUT")) {
            request.header("If-Match", "\"1\"");
        }
        String mediaType = op.requestMediaType();
        if (mediaType != null) {
            // Validity does not matter here, only who gets past access control. An invalid body
            // is refused after that (400/422) and stores nothing: the matrix leaves no trace in
            // the log that other tests read (a stray exchange rate would change USD equivalents).
            String body = mediaType.equals("application/json") ? (op.arrayBody() ? "[]" : "{}") : "";
            request.contentType(mediaType).body(body.getBytes(UTF_8));
        }
        Response response = request.request(op.method(), uri);
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Header header : response.getHeaders()) {
            headers.merge(header.getName(), header.getValue(), (a, b) -> a + ", " + b);
        }
        return new Answer(response.statusCode(), headers, response.asString());
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** An event stream never ends: the status line and headers are all the matrix reads of a 200. */
    private static Answer stream(String uri, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest
                .newBuilder(URI.create("http://localhost:" + RestAssured.port + uri))
                .timeout(Duration.ofSeconds(2)).header("Accept", "text/event-stream");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            String text = response.statusCode() == 200 ? "" : new String(body.readAllBytes(), UTF_8);
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            response.headers().map().forEach((name, values) -> headers.put(name, String.join(", ", values)));
            return new Answer(response.statusCode(), headers, text);
        }
    }

    record Answer(int status, Map<String, String> headers, String body) {

        String header(String name) {
            return headers.getOrDefault(name, "");
        }
    }

    // --- the contract ------------------------------------------------------------------------

    /** One operation of openapi/openapi.yaml. */
    record Operation(String method, String path, JsonNode node, JsonNode root) {

        @Override
        public String toString() {
            return method + " " + path;
        }

        boolean declares(String status) {
            return node.path("responses").has(status);
        }

        JsonNode security() {
            return node.has("security") ? node.get("security") : root.path("security");
        }

        /** The contract lets a caller without a key in: its security lists the empty requirement. */
        boolean anonymousAllowed() {
            for (JsonNode requirement : security()) {
                if (requirement.isEmpty()) {
                    return true;
                }
            }
            return false;
        }

        Set<String> queryParameters() {
            Set<String> names = new TreeSet<>();
            JsonNode pathItem = root.path("paths").path(path);
            for (JsonNode parameters : List.of(pathItem.path("parameters"), node.path("parameters"))) {
                for (JsonNode parameter : parameters) {
                    JsonNode resolved = resolve(parameter);
                    if ("query".equals(resolved.path("in").asText())) {
                        names.add(resolved.path("name").asText());
                    }
                }
            }
            return names;
        }

        String requestMediaType() {
            Iterator<String> types = node.path("requestBody").path("content").fieldNames();
            return types.hasNext() ? types.next() : null;
        }

        boolean arrayBody() {
            JsonNode schema = resolve(node.path("requestBody").path("content").path(requestMediaType()).path("schema"));
            return "array".equals(schema.path("type").asText());
        }

        /** Answers with Server-Sent Events, which the matrix must not read to the end. */
        boolean streams() {
            return node.path("responses").path("200").path("content").has("text/event-stream");
        }

        private JsonNode resolve(JsonNode node) {
            String ref = node.path("$ref").asText("");
            return ref.startsWith("#/") ? root.at(ref.substring(1)) : node;
        }
    }

    static List<Operation> operations() throws Exception {
        JsonNode root = YAML.readTree(new File("openapi/openapi.yaml"));
        List<Operation> operations = new ArrayList<>();
        root.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            if (Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace").contains(method.getKey())) {
                operations.add(new Operation(method.getKey().toUpperCase(), path.getKey(), method.getValue(), root));
            }
        }));
        assertFalse(operations.isEmpty(), "no operations in openapi/openapi.yaml");
        return operations;
    }
}
