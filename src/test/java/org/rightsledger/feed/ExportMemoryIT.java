package org.rightsledger.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.rightsledger.log.Chain;
import org.rightsledger.support.PackagedService;
import org.rightsledger.verify.ChainVerifier;

/**
 * The export streams in constant memory: the packaged service, started with a 256 MiB heap,
 * exports a log of a million entries (about 450 MB of NDJSON) and every line verifies.
 * Runs after packaging (failsafe), in its own schema.
 */
class ExportMemoryIT {

    private static final String SCHEMA = "ledger_export_it";
    private static final String JDBC = PackagedService.jdbcUrl(SCHEMA);
    private static final int ENTRIES = 1_000_000;
    private static final int PORT = PackagedService.port(8093);
    private static final String PADDING = "x".repeat(300);

    @Test
    void aMillionEntriesExportWithA256MiBHeap() throws Exception {
        try (PackagedService service = PackagedService.start(PORT, SCHEMA, Map.of(), "-Xmx256m")) {
            HttpClient http = service.http;
            String lastHash = load();
            HttpResponse<InputStream> export = http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + "/v1/feed/export")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, export.statusCode());
            ChainVerifier chain = new ChainVerifier();
            long bytes = 0;
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(export.body(), StandardCharsets.UTF_8),
                    1 << 16)) {
                String line;
                while ((line = lines.readLine()) != null) {
                    bytes += line.length() + 1;
                    chain.accept(line);
                }
            }
            assertEquals(ENTRIES, chain.position());
            assertEquals(lastHash, chain.hash());
            assertTrue(bytes > 256L * 1024 * 1024, "the export (" + bytes + " bytes) is larger than the heap");
            assertTrue(service.alive(), "the service survived the export");
            System.out.printf("exported and verified %d entries, %d MB, with -Xmx256m%n", ENTRIES, bytes >> 20);
        }
    }

    /**
     * Loads the fixture with COPY, hashes computed here by the formulas of docs/log-format.md. The per-append
     * head trigger is bypassed for this one load (session_replication_role = replica) — a
     * million single appends would only make the test slow, not more true.
     */
    private static String load() throws Exception {
        StringBuilder rows = new StringBuilder();
        byte[] previous = Chain.GENESIS;
        String recordedAt = Instant.now().toString();
        try (Connection db = DriverManager.getConnection(JDBC, "postgres", "")) {
            db.setAutoCommit(false);
            try (Statement sql = db.createStatement()) {
                sql.execute("SET session_replication_role = replica");
            }
            var copy = db.unwrap(PGConnection.class).getCopyAPI();
            for (int position = 1; position <= ENTRIES; position++) {
                UUID id = UUID.randomUUID();
                String content = "{\"id\":\"" + id + "\",\"n\":" + position + ",\"summary\":\"" + PADDING
                        + "\",\"type\":\"fine\"}";
                byte[] contentHash = Chain.contentHash(content);
                previous = Chain.entryHash(position, previous, contentHash);
                rows.append(position).append('\t').append(id).append("\tfine\t")
                        .append(content.replace("\\", "\\\\")).append("\t\\\\x").append(Chain.hex(contentHash))
                        .append("\t\\\\x").append(Chain.hex(previous)).append("\tf\t").append(recordedAt).append('\n');
                if (position % 50_000 == 0) {
                    copy(copy, rows);
                }
            }
            copy(copy, rows);
            try (Statement sql = db.createStatement()) {
                sql.executeUpdate("UPDATE log_head SET position = " + ENTRIES + ", hash = '\\x" + Chain.hex(previous)
                        + "', recorded_at = now()");
            }
            db.commit();
        }
        return Chain.hex(previous);
    }

    private static void copy(org.postgresql.copy.CopyManager copy, StringBuilder rows) throws Exception {
        try (Reader data = new StringReader(rows.toString())) {
            copy.copyIn("COPY log_entry (position, id, type, content, content_hash, hash, restricted, recorded_at) "
                    + "FROM STDIN", data);
        }
        rows.setLength(0);
    }
}
