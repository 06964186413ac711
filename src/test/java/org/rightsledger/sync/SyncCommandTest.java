package org.rightsledger.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.rightsledger.log.Chain;
import org.rightsledger.support.Api;
import org.rightsledger.support.Records;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** {@code sync}: a partner's verified NDJSON mirror that resumes, refuses tampered copies and follows the stream. */
@QuarkusTest
class SyncCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String url() {
        return "http://localhost:" + RestAssured.port;
    }

    private static int sync(ByteArrayOutputStream out, String... args) {
        return new SyncCommand(new PrintStream(out, true, StandardCharsets.UTF_8)).run(args);
    }

    private static List<String> lines(Path file) throws Exception {
        return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
    }

    @Test
    void aMirrorResumesFromTheLastPositionItHolds() throws Exception {
        Records.append(Records.fine());
        Path copy = Files.createTempFile("ledger", ".ndjson");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, sync(out, "--url", url(), "--out", copy.toString()), out.toString(StandardCharsets.UTF_8));
        assertEquals(Api.headPosition(), lines(copy).size());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("matches"), out.toString(StandardCharsets.UTF_8));

        Records.append(Records.detention());
        Records.append(Records.ruling());
        // A sync cut off in the middle of a line: the incomplete line goes, the entry is fetched again.
        Files.writeString(copy, "{\"position\": 99999, \"hash\": \"ab", StandardOpenOption.APPEND);
        out.reset();
        assertEquals(0, sync(out, "--url", url(), "--out", copy.toString()), out.toString(StandardCharsets.UTF_8));
        String report = out.toString(StandardCharsets.UTF_8);
        assertTrue(report.contains("an incomplete last line was removed") && report.contains("SYNCED: 2 new entries"), report);
        List<String> mirrored = lines(copy);
        assertEquals(Api.headPosition(), mirrored.size());
        for (int i = 0; i < mirrored.size(); i++) {
            assertEquals(i + 1, JSON.readTree(mirrored.get(i)).path("position").asLong(), "line " + (i + 1));
        }
        assertEquals(Api.headHash(), JSON.readTree(mirrored.get(mirrored.size() - 1)).path("hash").asText());

        out.reset();
        assertEquals(0, sync(out, "--url", url(), "--out", copy.toString()), out.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("SYNCED: 0 new entries"), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aChangedByteInTheCopyStopsTheSyncAtItsPosition() throws Exception {
        Records.append(Records.ruling().put("summary", "Officers were convicted in Almaty."));
        Path copy = Files.createTempFile("ledger", ".ndjson");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, sync(out, "--url", url(), "--out", copy.toString()), out.toString(StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>(lines(copy));
        int victim = lines.size() - 1;
        lines.set(victim, lines.get(victim).replaceFirst("Almaty", "Almatx"));
        Files.write(copy, lines);
        Records.append(Records.fine());

        out.reset();
        assertEquals(1, sync(out, "--url", url(), "--out", copy.toString()));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("FAILED at position " + (victim + 1)
                + ": content does not match its contentHash"), out.toString(StandardCharsets.UTF_8));
        assertEquals(lines.size(), lines(copy).size(), "nothing is appended to a copy that does not verify");
    }

    @Test
    void aCopyRewrittenWithFreshHashesDoesNotMatchTheSignedCheckpoint() throws Exception {
        Records.append(Records.fine());
        Path copy = Files.createTempFile("ledger", ".ndjson");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, sync(out, "--url", url(), "--out", copy.toString()), out.toString(StandardCharsets.UTF_8));
        // Someone edits the last entry and recomputes its hashes: the copy is consistent, but not the signed log.
        List<String> lines = new ArrayList<>(lines(copy));
        int last = lines.size() - 1;
        ObjectNode entry = (ObjectNode) JSON.readTree(lines.get(last));
        entry.put("summary", "A different story.");
        ObjectNode content = entry.deepCopy();
        content.remove(List.of("position", "contentHash", "hash", "derived"));
        byte[] contentHash = Chain.contentHash(Chain.canonicalize(JSON.writeValueAsString(content)));
        byte[] previous = last == 0 ? Chain.GENESIS : Chain.unhex(JSON.readTree(lines.get(last - 1)).path("hash").asText());
        entry.put("contentHash", Chain.hex(contentHash));
        entry.put("hash", Chain.hex(Chain.entryHash(last + 1, previous, contentHash)));
        lines.set(last, JSON.writeValueAsString(entry));
        Files.write(copy, lines);

        out.reset();
        assertEquals(1, sync(out, "--url", url(), "--out", copy.toString()));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("the signed checkpoint says " + Api.headHash()),
                out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void followKeepsTheCopyCurrentOverTheLiveStream() throws Exception {
        Records.append(Records.fine());
        Path copy = Files.createTempFile("ledger", ".ndjson");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SyncCommand command = new SyncCommand(new PrintStream(out, true, StandardCharsets.UTF_8));
        CompletableFuture<Integer> following = CompletableFuture.supplyAsync(
                () -> command.run(new String[] {"--url", url(), "--out", copy.toString(), "--follow"}));
        try {
            await(() -> out.toString(StandardCharsets.UTF_8).contains("following the live stream"), out);
            Records.append(Records.detention());
            Records.append(Records.billReading(org.rightsledger.support.References.bill("Followed bill")));
            long head = Api.headPosition();
            await(() -> lines(copy).size() == head, out);
            List<String> mirrored = lines(copy);
            assertEquals(Api.headHash(), JSON.readTree(mirrored.get(mirrored.size() - 1)).path("hash").asText());
        } finally {
            command.stop();
        }
        assertEquals(0, following.get().intValue(), out.toString(StandardCharsets.UTF_8));
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    private static void await(Condition condition, ByteArrayOutputStream out) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!condition.holds()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out; sync said:\n" + out.toString(StandardCharsets.UTF_8));
            }
            Thread.sleep(100);
        }
    }
}
