package org.rightsledger.contract;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.rightsledger.support.Hostile.ACCEPTS;
import static org.rightsledger.support.Hostile.BAD_UUIDS;
import static org.rightsledger.support.Hostile.BROKEN_ESCAPES;
import static org.rightsledger.support.Hostile.INJECTIONS;
import static org.rightsledger.support.Hostile.INVALID_DATES;
import static org.rightsledger.support.Hostile.NUMBER_STRINGS;
import static org.rightsledger.support.Hostile.PRE_ENCODED;
import static org.rightsledger.support.Hostile.UNICODE;
import static org.rightsledger.support.Hostile.pick;
import static org.rightsledger.contract.HostileInputTest.*;
import static org.rightsledger.contract.HostileBodies.*;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

import org.rightsledger.support.Hostile;
import org.rightsledger.support.Hostile.Contract;
import org.rightsledger.support.Hostile.Operation;
import org.rightsledger.support.Hostile.Param;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
/**
 * HostileInputTest's generator: a valid request for an operation, then one hostile change to it
 * (to a path parameter, the query, a header, or the body, see {@link HostileBodies}). Split out of
 * HostileInputTest; the order of random draws is unchanged.
 */
final class HostileRequests {

    private HostileRequests() {
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
    static Caller caller(Operation op, Random random) {
        Caller entitled = "write".equals(op.scope()) ? Caller.WRITE : "admin".equals(op.scope()) ? Caller.ADMIN : null;
        if (entitled != null && random.nextInt(4) != 0) {
            return entitled;
        }
        return Caller.values()[random.nextInt(Caller.values().length)];
    }

    static String id(String template, Fixture f) {
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

    // --- valid bodies ------------------------------------------------------------------------------

    /** The contract's example body, made valid here: real ids, no ids of the demo dataset. */
    static byte[] validBody(Operation op, Contract contract, Fixture f, Random random) {
        List<JsonNode> examples = op.bodyExamples();
        if (op.bodyMediaType().equals("application/x-ndjson")) {
            return ndjson(examples, f, random);
        }
        JsonNode example = examples.isEmpty() ? NODES.objectNode()
                : examples.get(random.nextInt(examples.size())).deepCopy();
        return JSON.valueToTree(realIds(example, f)).toString().getBytes(UTF_8);
    }

    static byte[] ndjson(List<JsonNode> examples, Fixture f, Random random) {
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
    static JsonNode realIds(JsonNode node, Fixture f) {
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

    // --- paths, queries, headers ---------------------------------------------------------------------

    static String hostilePath(Operation op, Request request, Random random) {
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

    static String hostileQuery(Operation op, Request request, Random random) {
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

    static String queryValue(String name, Random random) {
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

    static String randomCursor(Random random) {
        byte[] bytes = new byte[random.nextInt(64) + 1];
        random.nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hostileHeader(Operation op, Request request, Random random) {
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
}
