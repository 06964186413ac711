package org.rightsledger.support;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
/**
 * Material for hostile-input tests: the operations of the contract (read from
 * openapi/openapi.yaml), pools of hostile values, encoders that can produce what a well-behaved
 * client never sends (lone surrogates in UTF-8, invalid byte sequences, bad percent escapes). The
 * raw HTTP/1.1 client that sends them is {@link RawHttp}.
 */
public final class Hostile {

    private Hostile() {
    }

    // ------------------------------------------------------------------------------------------
    // Pools of hostile values
    // ------------------------------------------------------------------------------------------

    /** Injection attempts, sent as the value of every kind of field, parameter and header. */
    public static final List<String> INJECTIONS = List.of(
            "' OR 1=1 --", "'; DROP TABLE log_entry; --", "\" OR \"\"=\"", "1' AND pg_sleep(5) IS NULL --",
            "' UNION SELECT position, encode(hash, 'hex') FROM log_entry --", "1;DELETE FROM record",
            "%00", "../../etc/passwd", "..\\..\\..\\windows\\win.ini", "/etc/passwd%00.json",
            "${jndi:ldap://x}", "${jndi:ldap://127.0.0.1:1389/a}", "${env:LEDGER_ADMIN_TOKEN}", "#{7*7}", "{{7*7}}",
            "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)",
            "%0d%0aSet-Cookie: x=1", "\r\nX-Injected: 1", "\\", "'", "\"", "`", ";", "--", "/*", "*/",
            "$where", "{\"$gt\": \"\"}", "*", "%", "_", "?", "&", "=", "#", "//", "/v1/admin/api-keys",
            "file:///etc/passwd", "http://169.254.169.254/latest/meta-data/", "() { :; }; echo vulnerable",
            "$(id)", "`id`", "|| true", "NULL", "null", "undefined", "NaN", "true", "-1", "0", "[]", "{}",
            "__proto__", "constructor", "!!!", ":*", "& | ! ( ) <->", "a:*B & !c");

    /** Unicode edge cases, as Java strings (lone surrogates included on purpose). */
    public static final List<String> UNICODE = List.of(
            "\ud800", "\udc00", "a\ud800b", "\udfff\ud800", "\udbff\udfff", "\u0000", "a\u0000b", "\u0001\u0002\u001f",
            "\u202eevil\u202c", "\u200f\u200e\u202b", "\u200b\u200c\u200d", "\ufeff", "\ufffe", "\uffff", "\ufffd",
            "\ud83d\udc69\u200d\ud83d\udc69\u200d\ud83d\udc67\u200d\ud83d\udc66", "\ud83c\uddf0\ud83c\uddff",
            "e" + "\u0301".repeat(500), "Z\u0337\u0322\u031b\u0324\u0354a\u0336l\u0337g\u0338o\u0335",
            "\u2028\u2029", "\u0085", "\u0662\u0660\u0662\u0665", "\uff12\uff10\uff12\uff15", "\u041aZ",
            "\u0130\u0131", "\u00df", "\ufb03", "\u00a0", "\t\n\r", "\u001b[31mred", "\ud835\udd4f", "\u01c4",
            "\ud55c\uad6d\uc5b4", "\u0627\u0644\u0639\u0631\u0628\u064a\u0629", "\u05e2\u05d1\u05e8\u05d9\u05ea",
            "\u0410\u043b\u043c\u0430\u0442\u044b", "\u049a\u0430\u0437\u0430\u049b\u0441\u0442\u0430\u043d");

    /** Byte sequences that are not UTF-8: overlong forms, encoded surrogates, beyond U+10FFFF, cut short. */
    public static final List<byte[]> INVALID_UTF8 = List.of(
            bytes(0xC0, 0xAF), bytes(0xC0, 0x80), bytes(0xE0, 0x80, 0xAF), bytes(0xF0, 0x80, 0x80, 0xAF),
            bytes(0xF8, 0x88, 0x80, 0x80, 0x80), bytes(0xFC, 0x84, 0x80, 0x80, 0x80, 0x80), bytes(0xFF), bytes(0xFE, 0xFF),
            bytes(0x80), bytes(0xBF, 0xBF), bytes(0xED, 0xA0, 0x80), bytes(0xED, 0xBF, 0xBF),
            bytes(0xED, 0xA0, 0xBD, 0xED, 0xB2, 0xA9), bytes(0xF4, 0x90, 0x80, 0x80), bytes(0xC3), bytes(0xE2, 0x82),
            bytes(0xF0, 0x9F, 0x98));

    /** Dates that are not dates of reduced precision, or not real, or in the future. */
    public static final List<String> INVALID_DATES = List.of(
            "2025-02-30", "2025-02-29", "1900-02-29", "2025-13", "2025-00", "2025-00-10", "2025-01-32", "2025-04-31",
            "0000", "0000-00-00", "9999-12-31", "2999", "3000-01", "-2025", "+2025-01-01", "2025-1-1", "2025-01-1",
            "20250101", "2025/01/01", "01.01.2025", "2025-W01", "2025-001", "2025-06-14T25:00", "2025-06-14T10:00:00Z",
            "2025-06-14 ", " 2025", "2025-", "2025--01", "99999", "999999999-01-01", "yesterday", "today", "now",
            "\u0662\u0660\u0662\u0665", "\uff12\uff10\uff12\uff15-\uff10\uff11", "2025\u000006", "2025-06\n", "25",
            "2025-06-14T10:00:00+99:99", "1e4", "-0", "2147483648", "2025-02-28T24:00");

    /** Integers and number-like tokens as JSON text: too large, negative, fractional, not JSON at all. */
    public static final List<String> NUMBER_TOKENS = List.of(
            "1e400", "-1e400", "1e-400", "1e999999999", "99999999999999999999999999999999",
            "-99999999999999999999999999999999", "2147483648", "-2147483649", "9223372036854775808",
            "-9223372036854775809", "1000000001", "-1", "-0", "0", "0.0", "2.5", "1E2", "1.0", "4.9e-324",
            "1.7976931348623157e309", "NaN", "Infinity", "-Infinity", "0x10", "01", "+1", ".5", "5.",
            "1" + "0".repeat(1500));

    /** Numbers and decimals as strings (for parameters and decimal-string fields). */
    public static final List<String> NUMBER_STRINGS = List.of(
            "-1", "-0", "0", "00", "01", "+5", " 5", "5 ", "5.0", "2.5", "1e3", "1E+2", "0x10", "0b1", "NaN", "Infinity",
            "-Infinity", "2147483647", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
            "-9223372036854775809", "99999999999999999999999999999", "1e999999999", "1,000", "1_000", "\u0665",
            "\u0661\u0660", "\uff15", "\u0969", "5\u0000", "", " ", "0.0000001", "999999999999999999.999999",
            "1" + "0".repeat(5000), "-" + "9".repeat(400));

    /** Values that look like a UUID and are not one, or are one nobody created. */
    public static final List<String> BAD_UUIDS = List.of(
            "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff",
            "{aa96b8a2-a1a4-44b6-96bc-627db7aedd94}", "aa96b8a2a1a444b696bc627db7aedd94",
            "aa96b8a2-a1a4-44b6-96bc-627db7aedd9", "aa96b8a2-a1a4-44b6-96bc-627db7aedd944",
            "aa96b8a2-a1a4-44b6-96bc-627db7aedd9g", "1-1-1-1-1", "aa96b8a2-a1a4-44b6-96bc-627db7aedd94\u0000",
            " aa96b8a2-a1a4-44b6-96bc-627db7aedd94", "aa96b8a2-a1a4-44b6-96bc-627db7aedd94 ",
            "\u0661a96b8a2-a1a4-44b6-96bc-627db7aedd94", "urn:uuid:aa96b8a2-a1a4-44b6-96bc-627db7aedd94",
            "aa96b8a2-a1a4-44b6-96bc-627db7aedd94/../../etc/passwd", "99999999999-1-1-1-1");

    /**
     * Things that were percent-encoded by hand, sent as they are: NUL, CR/LF, bytes that decode to
     * invalid UTF-8, double encoding, traversal, and escapes that are not escapes at all.
     */
    public static final List<String> PRE_ENCODED = List.of(
            "%00", "a%00b", "%0d%0a", "%0D%0AX-Injected:%201", "%ff", "%fe%ff", "%c0%ae%c0%ae%2f", "%ed%a0%80",
            "%c0%80", "%25", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "%252e%252e%252f", "%e2%80%ae", "%f4%90%80%80",
            "%27%20OR%201%3D1%20--", "%3Cscript%3E", "%24%7Bjndi%3Aldap%3A%2F%2Fx%7D");

    /** Escapes no decoder should accept: sent over a raw socket, REST Assured refuses them. */
    public static final List<String> BROKEN_ESCAPES = List.of("%zz", "%", "%%", "%u0000", "%0", "100%", "%g0");

    /** Accept headers: unacceptable, malformed or absurd. */
    public static final List<String> ACCEPTS = List.of(
            "application/xml", "text/html", "image/png", "application/json;q=0", "application/json;q=2",
            "text/html;q=abc", "*/*;q=", "application", "/json", "a/b/c", "application/json, ,", ";", ",",
            "*/json", "application/*;q=-1", "application/json; charset=\"", "application/problem+json",
            "text/event-stream", "application/x-ndjson", "application/json;" + "a=b;".repeat(200));

    /** Content-Types: not JSON, malformed, with charsets nobody supports. */
    public static final List<String> CONTENT_TYPES = List.of(
            "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
            "application/octet-stream", "application/jsonx", "application/*", "*/*", "json", "application/json; charset=utf-16",
            "application/json; charset=utf-32be", "application/json; charset=nonsense",
            "application/json; charset=\"", "application/json;charset=", "application/json; boundary=x",
            "application/json;;;", "application/json\u0000", "application/problem+json", "application/x-ndjson",
            "APPLICATION/JSON", "application/json; charset=ISO-8859-1", "application/merge-patch+json",
            "application/json; q=0.1", "text/json");

    public static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    public static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    // ------------------------------------------------------------------------------------------
    // Encoders
    // ------------------------------------------------------------------------------------------

    /**
     * UTF-8, except that a lone surrogate is written as its own three bytes (CESU style, which is
     * not UTF-8) instead of being replaced by '?', so the server sees what the client meant.
     */
    public static byte[] utf8Lenient(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                out.write(0xF0 | (cp >> 18));
                out.write(0x80 | ((cp >> 12) & 0x3F));
                out.write(0x80 | ((cp >> 6) & 0x3F));
                out.write(0x80 | (cp & 0x3F));
            } else if (c < 0x80) {
                out.write(c);
            } else if (c < 0x800) {
                out.write(0xC0 | (c >> 6));
                out.write(0x80 | (c & 0x3F));
            } else {
                out.write(0xE0 | (c >> 12));
                out.write(0x80 | ((c >> 6) & 0x3F));
                out.write(0x80 | (c & 0x3F));
            }
        }
        return out.toByteArray();
    }

    /** Percent-encodes every byte except the unreserved characters (lone surrogates as their own bytes). */
    public static String pct(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : utf8Lenient(s)) {
            int v = b & 0xFF;
            if ((v >= 'a' && v <= 'z') || (v >= 'A' && v <= 'Z') || (v >= '0' && v <= '9') || v == '-' || v == '.'
                    || v == '_' || v == '~') {
                out.append((char) v);
            } else {
                out.append('%').append(String.format("%02X", v));
            }
        }
        return out.toString();
    }

    /** A JSON string literal, every non-ASCII character escaped (lone surrogates as \\uD800). */
    public static String jsonAscii(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7E) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /** A JSON string literal with raw UTF-8 (lone surrogates as invalid bytes); only quotes, backslash and controls escaped. */
    public static byte[] jsonRaw(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return utf8Lenient(out.append('"').toString());
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    public static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Nested arrays or objects, depth levels deep, around a leaf. */
    public static String nested(int depth, boolean objects, String leaf) {
        StringBuilder out = new StringBuilder(depth * 8 + leaf.length());
        for (int i = 0; i < depth; i++) {
            out.append(objects ? "{\"a\":" : "[");
        }
        out.append(leaf);
        for (int i = 0; i < depth; i++) {
            out.append(objects ? '}' : ']');
        }
        return out.toString();
    }

    public static String preview(byte[] body, int max) {
        if (body == null) {
            return "<none>";
        }
        String s = new String(body, 0, Math.min(body.length, max), StandardCharsets.ISO_8859_1);
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c >= 0x20 && c < 0x7F) {
                out.append(c);
            } else {
                out.append(String.format("\\x%02X", (int) c));
            }
        }
        return out + (body.length > max ? "…(" + body.length + " bytes)" : "");
    }

    public static String preview(String s, int max) {
        return s == null ? "<none>" : preview(s.getBytes(StandardCharsets.ISO_8859_1), max);
    }

    // ------------------------------------------------------------------------------------------
    // The contract
    // ------------------------------------------------------------------------------------------

    public record Param(String name, String in, boolean required, JsonNode schema, String description) {
    }

    public record Operation(String path, String method, String operationId, String scope, List<Param> params,
            String bodyMediaType, JsonNode bodySchema, List<JsonNode> bodyExamples, List<String> responses) {

        public List<Param> in(String where) {
            return params.stream().filter(p -> p.in().equals(where)).toList();
        }

        public boolean hasBody() {
            return bodyMediaType != null;
        }

        public String label() {
            return method.toUpperCase(Locale.ROOT) + " " + path;
        }
    }

    /** openapi/openapi.yaml, read with Jackson's YAML factory; {@code $ref}s resolved on demand. */
    public static final class Contract {

        public final JsonNode root;
        public final List<Operation> operations = new ArrayList<>();

        public Contract(File file) throws IOException {
            this.root = new ObjectMapper(new YAMLFactory()).readTree(file);
            for (Iterator<Map.Entry<String, JsonNode>> paths = root.get("paths").fields(); paths.hasNext();) {
                Map.Entry<String, JsonNode> path = paths.next();
                List<JsonNode> common = new ArrayList<>();
                path.getValue().path("parameters").forEach(common::add);
                for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                    Map.Entry<String, JsonNode> op = ops.next();
                    if (op.getKey().equals("parameters")) {
                        continue;
                    }
                    JsonNode o = op.getValue();
                    List<Param> params = new ArrayList<>();
                    List<JsonNode> all = new ArrayList<>(common);
                    o.path("parameters").forEach(all::add);
                    for (JsonNode p : all) {
                        JsonNode r = resolve(p);
                        params.add(new Param(r.get("name").asText(), r.get("in").asText(), r.path("required").asBoolean(),
                                resolve(r.path("schema")), r.path("description").asText("")));
                    }
                    String mediaType = null;
                    JsonNode schema = null;
                    List<JsonNode> examples = new ArrayList<>();
                    JsonNode content = o.path("requestBody").path("content");
                    if (content.isObject() && content.size() > 0) {
                        Map.Entry<String, JsonNode> first = content.fields().next();
                        mediaType = first.getKey();
                        schema = first.getValue().path("schema");
                        if (first.getValue().has("example")) {
                            examples.add(first.getValue().get("example"));
                        }
                        first.getValue().path("examples").forEach(e -> examples.add(e.get("value")));
                    }
                    String scope = o.path("x-required-scope").asText(null);
                    List<String> responses = new ArrayList<>();
                    o.path("responses").fieldNames().forEachRemaining(responses::add);
                    operations.add(new Operation(path.getKey(), op.getKey(), o.path("operationId").asText(), scope, params,
                            mediaType, schema, examples, responses));
                }
            }
        }

        /** Follows {@code $ref} (local ones) until a schema or parameter with content. */
        public JsonNode resolve(JsonNode node) {
            JsonNode current = node;
            for (int i = 0; i < 20 && current != null && current.has("$ref"); i++) {
                String ref = current.get("$ref").asText();
                if (!ref.startsWith("#/")) {
                    throw new IllegalArgumentException("non-local $ref " + ref);
                }
                current = root.at(ref.substring(1));
            }
            return current;
        }

        /** The name of the component a schema is a reference to (e.g. RecordRequest), or null. */
        public static String refName(JsonNode schema) {
            if (schema != null && schema.has("$ref")) {
                String ref = schema.get("$ref").asText();
                return ref.substring(ref.lastIndexOf('/') + 1);
            }
            return null;
        }
    }
}
