package org.rightsledger.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.rightsledger.support.Api;
import org.rightsledger.support.Records;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Bodies are gzip-compressed when the client asks (docs/api.md, "Caching and compression"):
 * pages and the export, byte for byte the same once decompressed; the event stream never.
 * A plain HTTP client, which neither asks for nor undoes compression unless told.
 */
@QuarkusTest
class CompressionTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private static HttpResponse<byte[]> get(String path, String acceptEncoding) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path));
        if (acceptEncoding != null) {
            request.header("Accept-Encoding", acceptEncoding);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] gunzip(byte[] body) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        }
    }

    private static List<String> vary(HttpResponse<?> response) {
        return response.headers().allValues("Vary").stream().flatMap(v -> List.of(v.split("\\s*,\\s*")).stream()).toList();
    }

    @Test
    void pagesAndRecordsAreGzippedWhenTheClientAsks() throws Exception {
        String id = Records.append(Records.fine()).get("id").asText();
        long start = Api.headPosition() - 3;
        for (String path : new String[] { "/v1/records?limit=50", "/v1/records/" + id, "/v1/feed?after=" + start,
                "/v1/actors", "/v1/log/head", "/v1/stats" }) {
            HttpResponse<byte[]> plain = get(path, null);
            HttpResponse<byte[]> gzipped = get(path, "gzip, deflate");
            assertEquals(200, plain.statusCode(), path);
            assertEquals(200, gzipped.statusCode(), path);
            assertTrue(plain.headers().firstValue("Content-Encoding").isEmpty(), path);
            assertEquals("gzip", gzipped.headers().firstValue("Content-Encoding").orElse(null), path);
            assertArrayEquals(plain.body(), gunzip(gzipped.body()), path);
            assertTrue(vary(plain).contains("Accept-Encoding"), path + ": " + vary(plain));
            // The tag is the representation's, whatever the transfer: a gzipped copy revalidates with it.
            assertEquals(plain.headers().firstValue("ETag"), gzipped.headers().firstValue("ETag"), path);
        }
        // Without gzip in the list, nothing is compressed.
        assertTrue(get("/v1/records?limit=50", "identity").headers().firstValue("Content-Encoding").isEmpty());
    }

    @Test
    void theExplorersFilesAreGzippedToo() throws Exception {
        for (String path : new String[] { "/explorer/", "/explorer/app.js", "/explorer/style.css", "/explorer/records/x" }) {
            HttpResponse<byte[]> plain = get(path, null);
            HttpResponse<byte[]> gzipped = get(path, "gzip");
            assertEquals(200, gzipped.statusCode(), path);
            assertEquals("gzip", gzipped.headers().firstValue("Content-Encoding").orElse(null), path);
            assertArrayEquals(plain.body(), gunzip(gzipped.body()), path);
        }
    }

    @Test
    void problemsAreGzippedWhereverTheyAreWritten() throws Exception {
        // Mapped from an exception in a resource, and written at the edge before any resource (dot segments).
        for (String path : new String[] { "/v1/records/" + java.util.UUID.randomUUID(), "/v1/records?limit=0",
                "/v1/%2e%2e/log/head" }) {
            HttpResponse<byte[]> plain = get(path, null);
            HttpResponse<byte[]> gzipped = get(path, "gzip");
            assertTrue(plain.statusCode() >= 400, path);
            assertTrue(plain.headers().firstValue("Content-Encoding").isEmpty(), path + ": " + plain.headers());
            assertEquals("gzip", gzipped.headers().firstValue("Content-Encoding").orElse(null), path);
            assertTrue(new String(gunzip(gzipped.body())).contains("\"status\":" + plain.statusCode()), path);
        }
    }

    @Test
    void theExportIsGzippedAsItStreams() throws Exception {
        Records.append(Records.detention());
        HttpResponse<byte[]> plain = get("/v1/feed/export?after=0", null);
        HttpResponse<byte[]> gzipped = get("/v1/feed/export?after=0", "gzip");
        assertEquals(200, gzipped.statusCode());
        assertEquals("gzip", gzipped.headers().firstValue("Content-Encoding").orElse(null));
        // Streamed, not buffered to learn its length.
        assertTrue(gzipped.headers().firstValue("Content-Length").isEmpty(), gzipped.headers().toString());
        assertArrayEquals(plain.body(), gunzip(gzipped.body()));
        assertTrue(gzipped.body().length < plain.body().length / 2, gzipped.body().length + " of " + plain.body().length);
        assertTrue(vary(gzipped).contains("Accept-Encoding"), vary(gzipped).toString());
    }

    @Test
    void theEventStreamIsNeverCompressed() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/v1/feed/stream"))
                .header("Accept-Encoding", "gzip").build();
        HttpResponse<InputStream> stream = CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = stream.body()) {
            assertEquals(200, stream.statusCode());
            assertTrue(stream.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
            // (Quarkus marks what it must not compress "identity", and that mark stays on an event stream.)
            assertEquals("identity", stream.headers().firstValue("Content-Encoding").orElse("identity"),
                    stream.headers().toString());
            assertEquals("no-store", stream.headers().firstValue("Cache-Control").orElse(null));
        }
    }
}
