package org.rightsledger.contract;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.rightsledger.support.Hostile.BAD_UUIDS;
import static org.rightsledger.support.Hostile.CONTENT_TYPES;
import static org.rightsledger.support.Hostile.INJECTIONS;
import static org.rightsledger.support.Hostile.INVALID_DATES;
import static org.rightsledger.support.Hostile.INVALID_UTF8;
import static org.rightsledger.support.Hostile.NUMBER_STRINGS;
import static org.rightsledger.support.Hostile.NUMBER_TOKENS;
import static org.rightsledger.support.Hostile.UNICODE;
import static org.rightsledger.support.Hostile.pick;
import static org.rightsledger.contract.HostileInputTest.*;
import static org.rightsledger.contract.HostileRequests.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.rightsledger.support.Hostile;
import org.rightsledger.support.Hostile.Operation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
/** HostileInputTest's bodies: the contract's example made valid, then one hostile change to it (split out of HostileInputTest). */
final class HostileBodies {

    private HostileBodies() {
    }

    // --- bodies -------------------------------------------------------------------------------------

    static String hostileBody(Operation op, Request request, Random random) {
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

    static JsonNode tree(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            return null;
        }
    }

    /** All JSON pointers of values in the document (the root excluded). */
    static List<String> pointers(JsonNode node, String at, List<String> into) {
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

    static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    /**
     * The document with the value at a random pointer replaced by {@code raw} JSON text (which
     * need not be valid: a number token, invalid bytes, deep nesting). NDJSON: in one line.
     */
    static String replaceRandomValue(byte[] valid, Random random, String raw) {
        return new String(replaceRandomValueBytes(valid, random, raw.getBytes(UTF_8)), UTF_8);
    }

    private static final String MARK = "\"\u2603HOSTILE\u2603\"";

    static byte[] replaceRandomValueBytes(byte[] valid, Random random, byte[] raw) {
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

    static void set(JsonNode root, String pointer, JsonNode value) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = root.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
        if (parent.isArray()) {
            ((ArrayNode) parent).set(Integer.parseInt(last), value);
        } else {
            ((ObjectNode) parent).set(last, value);
        }
    }

    static String wrongType(Request request, Random random) {
        List<String> values = List.of("null", "true", "false", "0", "-1", "1.5", "\"\"", "\"text\"", "[]", "{}", "[null]",
                "[1, \"a\"]", "{\"a\": null}", "\"true\"", "\"1\"");
        String raw = random.nextInt(3) == 0 ? pick(random, NUMBER_TOKENS) : pick(random, values);
        request.body = replaceRandomValue(request.body, random, raw).getBytes(UTF_8);
        return "a value replaced by " + Hostile.preview(raw, 40);
    }

    static String hostileString(Request request, Random random) {
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
    static String enumVariant(byte[] body, Random random) {
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

    static String invalidUtf8(Request request, Random random) {
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

    static String unknownOrMissingField(Request request, Random random) {
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

    static String huge(Request request, Random random) {
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
}
