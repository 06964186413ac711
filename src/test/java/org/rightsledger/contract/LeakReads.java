package org.rightsledger.contract;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.File;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.rightsledger.support.Api;
import org.rightsledger.support.Records;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.http.Header;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
/** LeakTest's reads: its HTTP calls, the answers they give, and the GET operations of the contract (split out of LeakTest). */
final class LeakReads {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final HttpClient HTTP = HttpClient.newHttpClient();

    private LeakReads() {
    }

    // --- HTTP --------------------------------------------------------------------------------

    static RequestSpecification as(String token) {
        RequestSpecification request = Api.raw();
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    /** The body with the record id as {@code <id>}, and without the requestId that differs between any two requests. */
    static String comparable(Answer answer, String id) {
        return answer.body().replace(id, "<id>").replaceAll("\"requestId\":\"[^\"]*\",?", "");
    }

    static Answer get(String uri, String token) {
        return answer(as(token).get(uri));
    }

    static Answer post(String token, ObjectNode record) {
        return answer(as(token).contentType(ContentType.JSON).body(record.toString()).post("/v1/records"));
    }

    static Answer answer(Response response) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Header header : response.getHeaders()) {
            headers.merge(header.getName(), header.getValue(), (a, b) -> a + ", " + b);
        }
        return new Answer(response.statusCode(), headers, response.asString());
    }

    /**
     * Reads an event stream for about two seconds, or until the fixture's last entry came by
     * (entries are served as {@code {"position":N,…}}), then hangs up.
     */
    static Answer stream(String uri, String token, long until) throws Exception {
        HttpRequest.Builder request = HttpRequest
                .newBuilder(URI.create("http://localhost:" + RestAssured.port + uri))
                .timeout(Duration.ofSeconds(5)).header("Accept", "text/event-stream");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        StringBuffer text = new StringBuffer();
        InputStream body = response.body();
        Thread reader = new Thread(() -> {
            try (Reader chars = new InputStreamReader(body, UTF_8)) {
                char[] buffer = new char[8192];
                for (int n; (n = chars.read(buffer)) >= 0;) {
                    text.append(buffer, 0, n);
                }
            } catch (Exception e) {
                // hung up
            }
        }, "leak-test-stream");
        reader.setDaemon(true);
        reader.start();
        long deadline = System.currentTimeMillis() + 2000;
        String last = "\"position\":" + until + ",";
        while (System.currentTimeMillis() < deadline && reader.isAlive() && text.indexOf(last) < 0) {
            Thread.sleep(20);
        }
        body.close();
        reader.join(1000);
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        response.headers().map().forEach((name, values) -> headers.put(name, String.join(", ", values)));
        return new Answer(response.statusCode(), headers, text.toString());
    }

    record Answer(int status, Map<String, String> headers, String body) {

        String header(String name) {
            return headers.getOrDefault(name, "");
        }

        String everything() {
            return headers.toString() + "\n" + body;
        }

        boolean reached(long position) {
            return body.contains("\"position\":" + position + ",");
        }

        JsonNode json() {
            try {
                return Records.JSON.readTree(body);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    // --- the contract ------------------------------------------------------------------------

    /** One GET operation of openapi/openapi.yaml. */
    record Operation(String path, JsonNode node, JsonNode root) {

        Set<String> queryParameters() {
            Set<String> names = new TreeSet<>();
            for (JsonNode parameters : List.of(root.path("paths").path(path).path("parameters"), node.path("parameters"))) {
                for (JsonNode parameter : parameters) {
                    String ref = parameter.path("$ref").asText("");
                    JsonNode resolved = ref.startsWith("#/") ? root.at(ref.substring(1)) : parameter;
                    if ("query".equals(resolved.path("in").asText())) {
                        names.add(resolved.path("name").asText());
                    }
                }
            }
            return names;
        }

        boolean streams() {
            return node.path("responses").path("200").path("content").has("text/event-stream");
        }
    }

    /** Every GET of the contract: a read added to it is hunted at once. */
    static List<Operation> gets() throws Exception {
        JsonNode root = YAML.readTree(new File("openapi/openapi.yaml"));
        List<Operation> gets = new ArrayList<>();
        root.path("paths").fields().forEachRemaining(path -> {
            if (path.getValue().has("get")) {
                gets.add(new Operation(path.getKey(), path.getValue().get("get"), root));
            }
        });
        assertFalse(gets.isEmpty(), "no GET operations in openapi/openapi.yaml");
        return gets;
    }
}
