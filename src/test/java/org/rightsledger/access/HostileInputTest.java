package org.rightsledger.access;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rightsledger.support.Hostile.ACCEPTS;
import static org.rightsledger.support.Hostile.BAD_UUIDS;
import static org.rightsledger.support.Hostile.BROKEN_ESCAPES;
import static org.rightsledger.support.Hostile.CONTENT_TYPES;
import static org.rightsledger.support.Hostile.INJECTIONS;
import static org.rightsledger.support.Hostile.INVALID_DATES;
import static org.rightsledger.support.Hostile.INVALID_UTF8;
import static org.rightsledger.support.Hostile.NUMBER_STRINGS;
import static org.rightsledger.support.Hostile.NUMBER_TOKENS;
import static org.rightsledger.support.Hostile.PRE_ENCODED;
import static org.rightsledger.support.Hostile.UNICODE;

import java.io.File;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.rightsledger.support.Api;
import org.rightsledger.support.Hostile;
import org.rightsledger.support.Hostile.Contract;
import org.rightsledger.support.Hostile.Operation;
import org.rightsledger.support.Hostile.Param;
import org.rightsledger.support.Hostile.RawResponse;
import org.rightsledger.support.Records;
import org.rightsledger.support.References;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Hostile input against every operation of the contract. The operations come from
 * openapi/openapi.yaml (an operation added there is attacked at once); for each, a seeded
 * generator derives {@value #PER_OPERATION} requests from a valid one (the contract's example
 * body, real ids) by one hostile change: malformed, truncated, deeply nested or huge JSON,
 * wrong types, null, unknown and missing fields, injection strings and unicode edge cases in
 * every string, invalid UTF-8 bytes, bad dates, ids, numbers and cursors in every parameter,
 * hostile headers (Accept, Content-Type, Authorization, If-Match, Idempotency-Key, Origin) and
 * callers (anonymous, write, restricted:read, admin). Requests go over a raw socket, so they
 * are sent byte for byte as generated.
 *
 * <p>For every answer: no 5xx and a real HTTP answer; every 4xx is {@code application/problem+json}
 * with {@code type}, {@code title} and the {@code status} of the answer; the status is one the
 * contract declares for the operation or one it declares for any request; and after every
 * refused write the log head (position and hash) is what it was.
 *
 * <p>The seed is printed; {@code -Dhostile.seed=N} replays a run, {@code -Dhostile.perOperation=N}
 * changes its size.
 */
@QuarkusTest
class HostileInputTest {

    static final long DEFAULT_SEED = 20261122L;
    static final int PER_OPERATION = 120;
    private static final int TIMEOUT_MILLIS = 20_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Statuses the contract allows on any request (its Errors section), besides what each operation lists. */
    private static final List<Integer> ANY_OPERATION = List.of(400, 404, 405, 406, 413, 415, 429);

    enum Caller {
        ANONYMOUS, WRITE, RESTRICTED_READ, ADMIN
    }

    /** One request, as bytes will be sent. */
    static final class Request {
        final Operation op;
        Caller caller;
        String path;
        final Map<String, String> query = new LinkedHashMap<>();
        String rawQuery; // when set, sent instead of query, as is
        final List<String[]> headers = new ArrayList<>();
        byte[] body;
        boolean chunked;
        long declaredLength = -1; // a Content-Length other than the body's
        String mutation = "none";

        Request(Operation op) {
            this.op = op;
        }

        String target() {
            if (rawQuery != null) {
                return path + "?" + rawQuery;
            }
            if (query.isEmpty()) {
                return path;
            }
            StringBuilder target = new StringBuilder(path).append('?');
            query.forEach((k, v) -> target.append(target.charAt(target.length() - 1) == '?' ? "" : "&").append(k)
                    .append('=').append(v));
            return target.toString();
        }

        void header(String name, String value) {
            headers.removeIf(h -> h[0].equalsIgnoreCase(name));
            if (value != null) {
                headers.add(new String[] { name, value });
            }
        }

        String describe() {
            return op.label() + " as " + caller + " [" + mutation + "] " + Hostile.preview(target(), 300) + " headers "
                    + headers.stream().map(h -> h[0] + ": " + Hostile.preview(h[1], 80)).toList() + " body "
                    + Hostile.preview(body, 300);
        }
    }

    /** What the requests are made of: real entities, keys, a cursor. */
    record Fixture(Map<Caller, String> tokens, String record, String ruling, String actor, String bill,
            String courtCase, String apiKey, String webhook, String cursor, Map<String, Integer> revisions) {
    }

    @Test
    void everyOperationOfTheContractSurvivesHostileInput() throws Exception {
        long seed = Long.getLong("hostile.seed", DEFAULT_SEED);
        int perOperation = Integer.getInteger("hostile.perOperation", PER_OPERATION);
        System.out.printf("hostile input: seed %d (replay with -Dhostile.seed=%d), %d requests per operation%n", seed,
                seed, perOperation);
        long started = System.nanoTime();
        Contract contract = new Contract(new File("openapi/openapi.yaml"));
        assertTrue(contract.operations.size() > 30, "the contract's operations were read");
        Fixture fixture = fixture();
        String head = head();
        System.out.printf("hostile input: contract and fixture ready in %d ms%n", (System.nanoTime() - started) / 1_000_000);

        Map<String, Map<Integer, Integer>> statuses = new LinkedHashMap<>();
        Map<String, Long> millisPerOperation = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (Operation op : contract.operations) {
            // One generator per operation: adding an operation does not change what the others get.
            Random random = new Random(seed ^ op.label().hashCode());
            Map<Integer, Integer> counts = statuses.computeIfAbsent(op.label(), k -> new TreeMap<>());
            long opStarted = System.nanoTime();
            for (int i = 0; i < perOperation; i++) {
                Request request = generate(op, contract, fixture, random);
                RawResponse response = send(request);
                sent++;
                counts.merge(response.status(), 1, Integer::sum);
                List<String> wrong = judge(op, request, response);
                if (!op.method().equals("get")) {
                    String after = head();
                    sent++;
                    if (response.status() >= 400 && !after.equals(head)) {
                        wrong.add("a refused write changed the log head from " + head + " to " + after);
                    }
                    head = after;
                    if (response.status() == 200 && op.method().equals("put")) {
                        String etag = response.header("ETag");
                        fixture.revisions().put(request.path, Integer.parseInt(etag.replace("\"", "")));
                    }
                }
                for (String w : wrong) {
                    failures.add(w + "\n    request: " + request.describe() + "\n    answer: " + response.status() + " "
                            + response.header("Content-Type") + " " + Hostile.preview(response.body(), 400)
                            + (response.note() == null ? "" : " (" + response.note() + ")"));
                }
            }
            millisPerOperation.put(op.label(), (System.nanoTime() - opStarted) / 1_000_000);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        deleteWebhooks(tokens.get(Caller.WRITE));
        report(statuses, millisPerOperation, sent, millis, seed);
        assertTrue(failures.isEmpty(), failures.size() + " hostile requests were answered wrongly (seed " + seed + "):\n"
                + String.join("\n", failures.subList(0, Math.min(40, failures.size()))));
    }

    /** The webhooks hostile requests created: nothing keeps delivering to the URLs they named. */
    private static void deleteWebhooks(String token) {
        List<String> ids = Api.as(token).get("/v1/webhooks").then().statusCode(200).extract().path("items.id");
        ids.forEach(id -> Api.as(token).delete("/v1/webhooks/" + id).then().statusCode(204));
        System.out.printf("hostile input: %d webhooks made by the run deleted%n", ids.size());
    }

    private static void report(Map<String, Map<Integer, Integer>> statuses, Map<String, Long> millisPerOperation, int sent,
            long millis, long seed) {
        Map<Integer, Integer> total = new TreeMap<>();
        StringBuilder table = new StringBuilder();
        statuses.forEach((op, counts) -> {
            table.append(String.format("  %-36s %5d requests %6d ms  %s%n", op,
                    counts.values().stream().mapToInt(Integer::intValue).sum(), millisPerOperation.get(op), counts));
            counts.forEach((status, n) -> total.merge(status, n, Integer::sum));
        });
        System.out.print(table);
        System.out.printf("hostile input: %d requests (%d operations, head checks included) in %.1f s, seed %d; statuses %s%n",
                sent, statuses.size(), millis / 1000.0, seed, total);
    }

    // --- judging an answer ------------------------------------------------------------------------

    private static List<String> judge(Operation op, Request request, RawResponse response) {
        List<String> wrong = new ArrayList<>();
        int status = response.status();
        if (status < 0) {
            wrong.add("no HTTP answer");
            return wrong;
        }
        int bare = refusedBeforeRouting(request);
        if (bare != 0) {
            // Documented (docs/design-notes.md#bare-answers-before-routing): a bare 400 or 414 from Quarkus/Netty; never anything else.
            if (status != bare) {
                wrong.add("a request refused before routing must get " + bare + ", not " + status);
            } else if (response.body().length > 0) {
                wrong.addAll(problemErrors(status, response));
            }
            return wrong;
        }
        if (status >= 500) {
            wrong.add("a 5xx for bad input");
        }
        if (status >= 400) {
            wrong.addAll(problemErrors(status, response));
        }
        if (!declared(op, status)) {
            wrong.add(status + " is neither declared by the contract for " + op.label() + " nor for any request");
        }
        return wrong;
    }

    /**
     * The status of requests that are answered before any route of ours sees them, with no body
     * (0 for all others): a request line over Netty's 4096 bytes (414); a target
     * {@code java.net.URI} cannot parse, which Quarkus checks first ({@code %zz}, a lone {@code %});
     * a header value with control characters, which Netty refuses (400). Neither Quarkus nor
     * Netty has a hook for these answers; see docs/design-notes.md#bare-answers-before-routing.
     */
    static int refusedBeforeRouting(Request request) {
        String requestLine = request.op.method().toUpperCase(Locale.ROOT) + " " + request.target() + " HTTP/1.1";
        if (requestLine.length() > 4096) {
            return 414;
        }
        try {
            new java.net.URI(request.target());
        } catch (java.net.URISyntaxException e) {
            return 400;
        }
        boolean controls = request.headers.stream()
                .anyMatch(h -> h[1].chars().anyMatch(c -> (c < 0x20 && c != '\t') || c == 0x7f));
        return controls ? 400 : 0;
    }

    static boolean declared(Operation op, int status) {
        return ANY_OPERATION.contains(status) || op.responses().contains(Integer.toString(status));
    }

    /** What is wrong with a 4xx as an RFC 9457 problem (nothing when it is one). */
    static List<String> problemErrors(int status, RawResponse response) {
        List<String> wrong = new ArrayList<>();
        String type = response.header("Content-Type");
        if (type == null || !type.startsWith("application/problem+json")) {
            wrong.add(status + " is not application/problem+json but " + type);
            return wrong;
        }
        try {
            JsonNode problem = JSON.readTree(response.body());
            if (!problem.path("type").isTextual() || problem.path("type").asText().isEmpty()) {
                wrong.add("the problem has no type");
            }
            if (!problem.path("title").isTextual() || problem.path("title").asText().isEmpty()) {
                wrong.add("the problem has no title");
            }
            if (problem.path("status").asInt() != status) {
                wrong.add("the problem's status " + problem.path("status") + " is not the answer's " + status);
            }
            String text = problem.toString().toLowerCase(Locale.ROOT);
            for (String internal : List.of("exception", "\tat ", "org.rightsledger", "io.vertx", "stack")) {
                if (text.contains(internal)) {
                    wrong.add("the problem shows server internals ('" + internal.strip() + "')");
                }
            }
        } catch (Exception e) {
            wrong.add("the problem body is not JSON: " + e.getMessage());
        }
        return wrong;
    }

    // --- sending ------------------------------------------------------------------------------------

    private static RawResponse send(Request request) {
        List<String[]> headers = new ArrayList<>(request.headers);
        String token = request.caller == Caller.ANONYMOUS ? null : tokens.get(request.caller);
        if (token != null && headers.stream().noneMatch(h -> h[0].equalsIgnoreCase("Authorization"))) {
            headers.add(new String[] { "Authorization", "Bearer " + token });
        }
        return Hostile.send(RestAssured.port, request.op.method().toUpperCase(Locale.ROOT), request.target(), headers,
                request.body, request.declaredLength, request.chunked, streams(request.op), TIMEOUT_MILLIS);
    }

    private static boolean streams(Operation op) {
        return op.path().endsWith("/stream");
    }

    /** The head as position:hash, read over the raw client too. */
    private static String head() throws Exception {
        RawResponse head = Hostile.send(RestAssured.port, "GET", "/v1/log/head", List.of(), null, -1, false, false,
                TIMEOUT_MILLIS);
        JsonNode json = JSON.readTree(head.body());
        return json.get("position").asText() + ":" + json.get("hash").asText();
    }

    // --- generating a request ----------------------------------------------------------------------

    private static Map<Caller, String> tokens;

    private static Fixture fixture() {
        Map<Caller, String> t = new LinkedHashMap<>();
        t.put(Caller.WRITE, Api.token("Hostile Writer", "write"));
        t.put(Caller.RESTRICTED_READ, Api.token("Hostile Reader", "restricted:read"));
        t.put(Caller.ADMIN, Api.ADMIN_TOKEN);
        tokens = t;
        String record = Records.append(Records.fine()).get("id").asText();
        String ruling = Records.append(Records.ruling()).get("id").asText();
        Records.append(Records.fine());
        String cursor = Api.api().get("/v1/records?limit=1").then().statusCode(200).extract().path("next");
        String apiKey = Api.issueKey("Hostile Revocable", "write").then().statusCode(201).extract().path("id");
        // The hostile writer's own webhook, to a port nobody listens on (deleted after the run, with any the run made).
        String webhook = Api.as(t.get(Caller.WRITE)).contentType("application/json")
                .body("{\"url\": \"http://127.0.0.1:9/hostile\"}").post("/v1/webhooks").then().statusCode(201)
                .extract().path("id");
        return new Fixture(t, record, ruling, References.actor("Hostile Actor").toString(),
                References.bill("Hostile Bill").toString(), References.courtCase("Hostile Case").toString(), apiKey,
                webhook, cursor, new LinkedHashMap<>());
    }

    /** A valid request for the operation, then one hostile change to it. */
    static Request generate(Operation op, Contract contract, Fixture f, Random random) throws Exception {
        Request request = new Request(op);
        request.caller = caller(op, random);
        request.path = op.path().replace("{id}", id(op.path(), f));
        for (Param p : op.in("query")) {
            if (p.name().equals("after")) {
                request.query.put("after", "0"); // the feed from the start: never a long poll
            }
        }
        if (op.path().equals("/v1/feed")) {
            request.query.put("limit", "2");
        }
        if (op.method().equals("put")) {
            request.header("If-Match", "\"" + f.revisions().getOrDefault(request.path, 1) + "\"");
        }
        if (op.hasBody()) {
            request.header("Content-Type", op.bodyMediaType());
            request.body = validBody(op, contract, f, random);
        }
        List<Supplier<String>> changes = new ArrayList<>();
        if (op.path().contains("{")) {
            changes.add(() -> hostilePath(op, request, random));
        }
        if (!op.in("query").isEmpty()) {
            changes.add(() -> hostileQuery(op, request, random));
            changes.add(() -> hostileQuery(op, request, random));
        }
        changes.add(() -> hostileHeader(op, request, random));
        if (op.hasBody()) {
            for (int i = 0; i < 6; i++) {
                changes.add(() -> hostileBody(op, request, random));
            }
        }
        request.mutation = changes.get(random.nextInt(changes.size())).get();
        return request;
    }

    /** Mostly a caller who may call the operation, so that the hostile part gets past access control. */
    private static Caller caller(Operation op, Random random) {
        Caller entitled = "write".equals(op.scope()) ? Caller.WRITE : "admin".equals(op.scope()) ? Caller.ADMIN : null;
        if (entitled != null && random.nextInt(4) != 0) {
            return entitled;
        }
        return Caller.values()[random.nextInt(Caller.values().length)];
    }

    private static String id(String template, Fixture f) {
        if (template.startsWith("/v1/records/")) {
            return f.record();
        }
        if (template.startsWith("/v1/actors/")) {
            return f.actor();
        }
        if (template.startsWith("/v1/bills/")) {
            return f.bill();
        }
        if (template.startsWith("/v1/cases/")) {
            return f.courtCase();
        }
        if (template.startsWith("/v1/webhooks/")) {
            return f.webhook();
        }
        return f.apiKey();
    }

    // --- bodies -------------------------------------------------------------------------------------

    /** The contract's example body, made valid here: real ids, no ids of the demo dataset. */
    private static byte[] validBody(Operation op, Contract contract, Fixture f, Random random) {
        List<JsonNode> examples = op.bodyExamples();
        if (op.bodyMediaType().equals("application/x-ndjson")) {
            return ndjson(examples, f, random);
        }
        JsonNode example = examples.isEmpty() ? NODES.objectNode()
                : examples.get(random.nextInt(examples.size())).deepCopy();
        return JSON.valueToTree(realIds(example, f)).toString().getBytes(UTF_8);
    }

    private static byte[] ndjson(List<JsonNode> examples, Fixture f, Random random) {
        StringBuilder lines = new StringBuilder();
        for (JsonNode example : examples) {
            // The example is NDJSON text (a string) or lines as values.
            String text = example.isTextual() ? example.asText() : example.toString();
            for (String line : text.split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode record = realIds(JSON.readTree(line), f);
                    if (record.isObject() && record.has("id")) {
                        // A fresh id: importing an id of the demo dataset would spoil its own test.
                        ((ObjectNode) record).put("id", new UUID(random.nextLong(), random.nextLong()).toString());
                    }
                    lines.append(record).append('\n');
                } catch (Exception e) {
                    lines.append(line).append('\n');
                }
            }
        }
        return lines.toString().getBytes(UTF_8);
    }

    /**
     * Ids the example names (of the demo dataset) replaced by this run's entities; exchange rates
     * in silver (XAG), a currency no other test converts, so accepted ones change no USD figure.
     */
    private static JsonNode realIds(JsonNode node, Fixture f) {
        if (node.isObject() && node.has("usdPerUnit") && node.has("currency")) {
            ((ObjectNode) node).put("currency", "XAG");
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                ((ArrayNode) node).set(i, realIds(node.get(i), f));
            }
        } else if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            for (Iterator<String> names = object.fieldNames(); names.hasNext();) {
                String name = names.next();
                JsonNode value = object.get(name);
                String replacement = switch (name) {
                    case "actorId" -> f.actor();
                    case "billId" -> f.bill();
                    case "caseId" -> f.courtCase();
                    case "rulingId", "appealOf" -> f.ruling();
                    case "supersedes", "retracts" -> f.record();
                    default -> null;
                };
                if (replacement != null && value.isTextual()) {
                    object.put(name, replacement);
                } else if (name.equals("initiators") && value.isArray()) {
                    ArrayNode initiators = object.putArray(name);
                    value.forEach(v -> initiators.add(f.actor()));
                } else {
                    object.set(name, realIds(value, f));
                }
            }
        }
        return node;
    }

    private static String hostileBody(Operation op, Request request, Random random) {
        boolean ndjson = op.bodyMediaType().equals("application/x-ndjson");
        byte[] valid = request.body;
        int kind = random.nextInt(14);
        switch (kind) {
            case 0 -> {
                int cut = valid.length <= 1 ? 0 : 1 + random.nextInt(valid.length - 1);
                request.body = java.util.Arrays.copyOf(valid, cut);
                return "truncated at " + cut;
            }
            case 1 -> {
                byte[] flipped = valid.clone();
                int at = random.nextInt(Math.max(1, flipped.length));
                if (flipped.length > 0) {
                    String bytes = "{}[]\",:\\ \u0000x9-.";
                    flipped[at] = (byte) bytes.charAt(random.nextInt(bytes.length()));
                }
                request.body = flipped;
                return "byte " + at + " changed";
            }
            case 2 -> {
                String doc = pick(random, MALFORMED);
                request.body = doc.getBytes(UTF_8);
                return "malformed document";
            }
            case 3 -> {
                int depth = pick(random, List.of(33, 100, 2000, 100_000));
                String deep = Hostile.nested(depth, random.nextBoolean(), "1");
                request.body = random.nextBoolean() ? deep.getBytes(UTF_8)
                        : replaceRandomValue(valid, random, deep).getBytes(UTF_8);
                return "nested " + depth + " deep";
            }
            case 4 -> {
                return huge(request, random);
            }
            case 5, 6 -> {
                return wrongType(request, random);
            }
            case 7, 8 -> {
                return hostileString(request, random);
            }
            case 9 -> {
                return invalidUtf8(request, random);
            }
            case 10 -> {
                return unknownOrMissingField(request, random);
            }
            case 11 -> {
                String shape = ndjson ? "a JSON array line" : "the wrong top-level shape";
                JsonNode tree = tree(valid);
                if (tree == null) {
                    request.body = "[]".getBytes(UTF_8);
                } else if (tree.isArray()) {
                    request.body = (tree.size() > 0 ? tree.get(0) : NODES.objectNode()).toString().getBytes(UTF_8);
                } else {
                    request.body = NODES.arrayNode().add(tree).toString().getBytes(UTF_8);
                }
                return shape;
            }
            case 12 -> {
                JsonNode tree = tree(valid);
                if (tree != null && tree.isArray() && tree.size() > 0) {
                    int size = pick(random, List.of(0, 1001));
                    ArrayNode many = NODES.arrayNode();
                    for (int i = 0; i < size; i++) {
                        many.add(tree.get(0));
                    }
                    request.body = many.toString().getBytes(UTF_8);
                    return "a batch of " + size;
                }
                request.body = new byte[0];
                return "an empty body";
            }
            default -> {
                // Content-Type and body disagree, or there is no Content-Type at all.
                String type = random.nextInt(3) == 0 ? null : pick(random, CONTENT_TYPES);
                request.header("Content-Type", type);
                return "Content-Type " + type;
            }
        }
    }

    private static final List<String> MALFORMED = List.of("", " ", "\n", "{", "}", "[", "]", "nul", "tru", "{\"a\":}",
            "{'a': 1}", "{\"a\": 1,}", "[1,]", "{\"a\" 1}", "{/* c */}", "// c\n{}", "\ufeff{}", "{}{}", "{} x", "NaN",
            "01", "\"text\"", "true", "null", "0", "-", "1e999999", "{\"a\": 1, \"a\": 2}", "{\"a\": \"\\uZZZZ\"}",
            "{\"a\": \"\\ud800\"}", "{\"a\": \"\u0001\"}", "{\"a\": \"\\x41\"}", "{\"a\": 0x10}", "{\"a\": +1}",
            "{\"a\": .5}", "{\"a\": Infinity}", "{a: 1}", "[\"\\", "{\"\\", "\"", "\"\\u12", "{\"a\":[1,2}", "[[[[[[",
            "]]]]", "{\"a\":{\"b\":{\"c\":", "\u0000", "\u0000{}", "{}\u0000", "{\"a\":\"b\"}\r\n\r\n{", "\r\n");

    private static JsonNode tree(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            return null;
        }
    }

    /** All JSON pointers of values in the document (the root excluded). */
    private static List<String> pointers(JsonNode node, String at, List<String> into) {
        if (!at.isEmpty()) {
            into.add(at);
        }
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(name -> pointers(node.get(name), at + "/" + escape(name), into));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                pointers(node.get(i), at + "/" + i, into);
            }
        }
        return into;
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    /**
     * The document with the value at a random pointer replaced by {@code raw} JSON text (which
     * need not be valid: a number token, invalid bytes, deep nesting). NDJSON: in one line.
     */
    private static String replaceRandomValue(byte[] valid, Random random, String raw) {
        return new String(replaceRandomValueBytes(valid, random, raw.getBytes(UTF_8)), UTF_8);
    }

    private static final String MARK = "\"\u2603HOSTILE\u2603\"";

    private static byte[] replaceRandomValueBytes(byte[] valid, Random random, byte[] raw) {
        String text = new String(valid, UTF_8);
        String[] lines = text.split("\n");
        int line = random.nextInt(lines.length);
        JsonNode tree = tree(lines[line].getBytes(UTF_8));
        if (tree == null || !tree.isContainerNode()) {
            return raw;
        }
        List<String> pointers = pointers(tree, "", new ArrayList<>());
        if (pointers.isEmpty()) {
            return raw;
        }
        String pointer = pick(random, pointers);
        set(tree, pointer, TextNode.valueOf(MARK.substring(1, MARK.length() - 1)));
        lines[line] = tree.toString();
        String marked = String.join("\n", lines) + (text.endsWith("\n") ? "\n" : "");
        int at = marked.indexOf(MARK);
        return Hostile.concat(marked.substring(0, at).getBytes(UTF_8), raw,
                marked.substring(at + MARK.length()).getBytes(UTF_8));
    }

    private static void set(JsonNode root, String pointer, JsonNode value) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = root.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
        if (parent.isArray()) {
            ((ArrayNode) parent).set(Integer.parseInt(last), value);
        } else {
            ((ObjectNode) parent).set(last, value);
        }
    }

    private static String wrongType(Request request, Random random) {
        List<String> values = List.of("null", "true", "false", "0", "-1", "1.5", "\"\"", "\"text\"", "[]", "{}", "[null]",
                "[1, \"a\"]", "{\"a\": null}", "\"true\"", "\"1\"");
        String raw = random.nextInt(3) == 0 ? pick(random, NUMBER_TOKENS) : pick(random, values);
        request.body = replaceRandomValue(request.body, random, raw).getBytes(UTF_8);
        return "a value replaced by " + Hostile.preview(raw, 40);
    }

    private static String hostileString(Request request, Random random) {
        String value = switch (random.nextInt(7)) {
            case 0 -> pick(random, INJECTIONS);
            case 1 -> pick(random, UNICODE);
            case 2 -> pick(random, INVALID_DATES);
            case 3 -> pick(random, BAD_UUIDS);
            case 4 -> pick(random, NUMBER_STRINGS);
            case 5 -> enumVariant(request.body, random);
            default -> "x".repeat(pick(random, List.of(201, 501, 4001, 70_000)));
        };
        request.body = replaceRandomValue(request.body, random, Hostile.jsonAscii(value)).getBytes(UTF_8);
        return "a value replaced by the string " + Hostile.preview(value, 40);
    }

    /** A string of the document with a space around it, in capitals or with an invisible character. */
    private static String enumVariant(byte[] body, Random random) {
        JsonNode tree = tree(body.length > 0 ? new String(body, UTF_8).split("\n")[0].getBytes(UTF_8) : body);
        List<String> strings = new ArrayList<>();
        if (tree != null) {
            for (String p : pointers(tree, "", new ArrayList<>())) {
                if (tree.at(p).isTextual()) {
                    strings.add(tree.at(p).asText());
                }
            }
        }
        String v = strings.isEmpty() ? "held" : pick(random, strings);
        return switch (random.nextInt(6)) {
            case 0 -> " " + v;
            case 1 -> v + " ";
            case 2 -> v.toUpperCase(Locale.ROOT);
            case 3 -> "\u200b" + v;
            case 4 -> v + "\t";
            default -> v + "\u0000";
        };
    }

    private static String invalidUtf8(Request request, Random random) {
        byte[] raw;
        String what;
        if (random.nextBoolean()) {
            byte[] bad = pick(random, INVALID_UTF8);
            raw = Hostile.concat(Hostile.ascii("\"a"), bad, Hostile.ascii("b\""));
            what = Hostile.preview(bad, 20);
        } else {
            String lone = pick(random, List.of("\ud800", "a\udc00b", "\udfff\ud800", "x\ud83d"));
            raw = Hostile.jsonRaw(lone);
            what = "a lone surrogate as bytes";
        }
        request.body = replaceRandomValueBytes(request.body, random, raw);
        return "invalid UTF-8 in a string: " + what;
    }

    private static String unknownOrMissingField(Request request, Random random) {
        String text = new String(request.body, UTF_8);
        String[] lines = text.split("\n");
        int line = random.nextInt(lines.length);
        JsonNode tree = tree(lines[line].getBytes(UTF_8));
        if (tree == null || !tree.isContainerNode()) {
            return "unchanged";
        }
        List<String> objects = new ArrayList<>();
        objects.add("");
        for (String p : pointers(tree, "", new ArrayList<>())) {
            if (tree.at(p).isObject()) {
                objects.add(p);
            }
        }
        JsonNode target = tree.at(pick(random, objects));
        if (tree.isArray() && target == tree) {
            target = tree.size() > 0 ? tree.get(0) : null;
        }
        String what;
        if (!(target instanceof ObjectNode object)) {
            return "unchanged";
        }
        if (random.nextBoolean() && object.size() > 0) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            String name = pick(random, names);
            object.remove(name);
            what = "field '" + name + "' left out";
        } else {
            String name = pick(random, List.of("__proto__", "constructor", "id", "position", "hash", "recordedBy",
                    "derived", "redacted", "\u202eeman", "", " type", "Type", "$where"));
            object.put(name, pick(random, List.of("x", "restricted", "admin")));
            what = "unknown field '" + name + "'";
        }
        lines[line] = tree.toString();
        request.body = (String.join("\n", lines) + (text.endsWith("\n") ? "\n" : "")).getBytes(UTF_8);
        return what;
    }

    private static String huge(Request request, Random random) {
        switch (random.nextInt(4)) {
            case 0 -> {
                int n = pick(random, List.of(100_000, 1_000_000));
                request.body = replaceRandomValue(request.body, random, "\"" + "a".repeat(n) + "\"").getBytes(UTF_8);
                return "a string of " + n;
            }
            case 1 -> {
                int n = pick(random, List.of(10_000, 200_000));
                request.body = replaceRandomValue(request.body, random, "[" + "1,".repeat(n) + "1]").getBytes(UTF_8);
                return "an array of " + n;
            }
            case 2 -> {
                // Declared larger than ledger.max-body-bytes (8 MiB): refused before it is read, so not sent.
                request.declaredLength = 9L * 1024 * 1024;
                return "9 MiB declared";
            }
            default -> {
                // Chunked, no length: read up to ledger.max-body-bytes, then refused.
                byte[] big = new byte[9 * 1024 * 1024];
                java.util.Arrays.fill(big, (byte) ' ');
                request.body = Hostile.concat(request.body, big);
                request.chunked = true;
                return "9 MiB chunked";
            }
        }
    }

    // --- paths, queries, headers ---------------------------------------------------------------------

    private static String hostilePath(Operation op, Request request, Random random) {
        String value = switch (random.nextInt(8)) {
            case 0 -> Hostile.pct(pick(random, BAD_UUIDS));
            case 1 -> Hostile.pct(pick(random, INJECTIONS));
            case 2 -> Hostile.pct(pick(random, UNICODE));
            case 3 -> pick(random, PRE_ENCODED);
            case 4 -> pick(random, BROKEN_ESCAPES);
            case 5 -> pick(random, List.of("", "..", ".", "%2e%2e", "%2E", "x;a=b", "x%2Fy", "%2f", "x%3Fa=b", "%23"));
            case 6 -> "a".repeat(pick(random, List.of(300, 3000)));
            default -> UUID.randomUUID() + pick(random, List.of("/", "//", "/x", "/..", "/%2e%2e/%2e%2e/q/metrics"));
        };
        request.path = op.path().replace("{id}", value);
        return "path parameter " + Hostile.preview(value, 60);
    }

    private static String hostileQuery(Operation op, Request request, Random random) {
        List<Param> params = op.in("query");
        switch (random.nextInt(10)) {
            case 0 -> {
                request.rawQuery = pick(random, List.of("", "&", "&&&", "=", "=x", "a", "a=1&a=2", "limit=1&limit=2",
                        "after=1&after=2", "%", "%zz=1", "limit", "limit=", "cursor=", "q=%00", "x=%ff%fe",
                        "__proto__=1", "constructor[prototype]=1", "limit[]=1", "q[$ne]=1", "?=?", "#frag"));
                return "raw query " + request.rawQuery;
            }
            case 1 -> {
                String name = pick(random, params).name();
                request.rawQuery = name + "=" + pick(random, BROKEN_ESCAPES);
                return "broken escape in " + name;
            }
            case 2 -> {
                String name = pick(random, params).name();
                request.query.put(name, pick(random, PRE_ENCODED));
                return "pre-encoded " + name;
            }
            case 3 -> {
                request.query.put(Hostile.pct(pick(random, INJECTIONS)), "1");
                return "unknown parameter";
            }
            default -> {
                Param param = pick(random, params);
                String value = queryValue(param.name(), random);
                request.query.put(param.name(), Hostile.pct(value));
                return param.name() + "=" + Hostile.preview(value, 60);
            }
        }
    }

    private static String queryValue(String name, Random random) {
        if (random.nextInt(4) == 0) {
            return random.nextBoolean() ? pick(random, INJECTIONS) : pick(random, UNICODE);
        }
        return switch (name) {
            case "limit", "after", "wait" -> pick(random, NUMBER_STRINGS);
            case "from", "to" -> pick(random, INVALID_DATES);
            case "actor", "case", "bill" -> pick(random, BAD_UUIDS);
            case "cursor" -> pick(random, List.of("", "AAAA", "eyJ9", "not-a-cursor", "a".repeat(5000), "-_-_",
                    "MTIz", "e30", "%", "~", randomCursor(random)));
            case "q" -> pick(random, List.of(" ", "\t", "a".repeat(501), "a:*", "!", "&", "|", "<->", "''", "\"", "\\",
                    "a & ! b", "(", ")"));
            default -> pick(random, List.of("", " ", "FINE", " fine", "fine ", "fi ne", "KZ ", "kz", "superseded ",
                    "SUPERSEDED", "month ", "Month", "USD ", "usd", "xxx", "a".repeat(1000)));
        };
    }

    private static String randomCursor(Random random) {
        byte[] bytes = new byte[random.nextInt(64) + 1];
        random.nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String hostileHeader(Operation op, Request request, Random random) {
        switch (random.nextInt(9)) {
            case 0 -> {
                String accept = pick(random, ACCEPTS);
                request.header("Accept", accept);
                return "Accept: " + accept;
            }
            case 1 -> {
                String auth = pick(random, List.of("Bearer", "Bearer ", "Bearer  ", "Basic dXNlcjpwYXNz", "bearer x",
                        "Bearer " + "a".repeat(8000), "Bearer rl_" + "0".repeat(64), "Bearer \u00e9\u00e8",
                        "Bearer test-admin-token ", "Bearer TEST-ADMIN-TOKEN", "Negotiate x", "Bearer a b", "Digest x",
                        "Bearer " + pick(random, HEADER_INJECTIONS)));
                request.header("Authorization", auth);
                return "Authorization: " + Hostile.preview(auth, 40);
            }
            case 2 -> {
                String origin = pick(random, List.of("null", "https://evil.example", "http://localhost", "*", "",
                        "https://evil.example/path", "javascript:alert(1)", "https://" + "a".repeat(500) + ".example"));
                request.header("Origin", origin);
                return "Origin: " + origin;
            }
            case 3 -> {
                String value = pick(random, List.of("*", "\"0\"", "\"-1\"", "W/\"1\"", "\"99999999999999999999\"", "1",
                        "\"1\", \"2\"", "", "\"\"", "\"1", "\"a\"", "\"\u0661\""));
                request.header("If-Match", value);
                return "If-Match: " + value;
            }
            case 4 -> {
                String value = pick(random, List.of("", " ", "a".repeat(256), "\u00e9", "a b", "k\u0001",
                        pick(random, HEADER_INJECTIONS)));
                request.header("Idempotency-Key", value);
                return "Idempotency-Key: " + Hostile.preview(value, 40);
            }
            case 5 -> {
                String value = pick(random, NUMBER_STRINGS);
                request.header("Last-Event-ID", value);
                return "Last-Event-ID: " + Hostile.preview(value, 40);
            }
            case 6 -> {
                request.headers.add(new String[] { "Content-Type", "text/plain" });
                request.headers.add(new String[] { "Accept", "application/json" });
                request.headers.add(new String[] { "Accept", "text/html" });
                return "repeated headers";
            }
            case 7 -> {
                String value = pick(random, List.of("\u00ff\u00fe", "\u0080", "a\u00a0b"));
                request.header(pick(random, List.of("Accept", "Authorization", "Content-Type", "X-Forwarded-For")), value);
                return "bytes beyond ASCII in a header";
            }
            default -> {
                request.header("X-Forwarded-For", pick(random, HEADER_INJECTIONS));
                request.header("X-HTTP-Method-Override", "DELETE");
                return "forwarding and override headers";
            }
        }
    }

    /** Injection strings fit for a header value: CR or LF would only split the test's own request. */
    private static final List<String> HEADER_INJECTIONS = INJECTIONS.stream()
            .filter(v -> v.indexOf('\r') < 0 && v.indexOf('\n') < 0).toList();

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
