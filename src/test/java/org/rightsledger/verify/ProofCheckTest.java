package org.rightsledger.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.rightsledger.log.Checkpoints;
import org.rightsledger.log.LogHead;
import org.rightsledger.support.Api;
import org.rightsledger.support.Records;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * The partner's proofs with the jar's verify command: keep a checkpoint note, later prove the log
 * still holds it (consistency), and prove one entry is in a signed tree (inclusion), from a
 * position or from an entry file. Tampered notes, entries and rewritten histories are refused.
 */
@QuarkusTest
class ProofCheckTest {

    @Inject
    Checkpoints checkpoints;

    private static String url() {
        return "http://localhost:" + RestAssured.port;
    }

    private record Run(int exit, String out) {
    }

    private static Run verify(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = new VerifyCommand(new PrintStream(out, true, StandardCharsets.UTF_8)).run(args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aKeptCheckpointIsProvenConsistentWithALaterOne() throws Exception {
        Records.append(Records.fine());
        Path kept = Files.createTempFile("ledger-checkpoint", ".note");
        Run save = verify("--url", url(), "--save-checkpoint", kept.toString());
        assertEquals(0, save.exit(), save.out());
        assertTrue(Files.readString(kept).contains("\n\n\u2014 "), Files.readString(kept));

        Records.append(Records.detention());
        Records.append(Records.ruling());
        Run later = verify("--url", url(), "--checkpoint", kept.toString());
        assertEquals(0, later.exit(), later.out());
        assertTrue(later.out().contains("VERIFIED: the log of"), later.out());
        assertTrue(later.out().contains("signature valid"), later.out());
    }

    @Test
    void anEntryIsProvenInTheSignedTreeByPositionOrFile() throws Exception {
        Records.append(Records.fine().put("summary", "A journalist was fined in Shymkent."));
        long position = Api.headPosition();
        Run byPosition = verify("--url", url(), "--position", Long.toString(position));
        assertEquals(0, byPosition.exit(), byPosition.out());
        assertTrue(byPosition.out().contains("VERIFIED: entry " + position), byPosition.out());

        String entry = Api.api().get("/v1/feed?after=" + (position - 1) + "&limit=1").then().statusCode(200).extract()
                .jsonPath().prettify();
        String item = Records.JSON.readTree(entry).path("items").path(0).toString();
        Path file = Files.createTempFile("ledger-entry", ".json");
        Files.writeString(file, item);
        Run byFile = verify("--url", url(), "--entry", file.toString());
        assertEquals(0, byFile.exit(), byFile.out());

        Files.writeString(file, item.replace("Shymkent", "Shymkenf"));
        Run tampered = verify("--url", url(), "--entry", file.toString());
        assertEquals(1, tampered.exit(), tampered.out());
        assertTrue(tampered.out().contains("hashes to"), tampered.out());
    }

    @Test
    void anEntryIsProvenInAKeptCheckpointOnlyIfItWasThere() throws Exception {
        Records.append(Records.fine());
        long before = Api.headPosition();
        Path kept = Files.createTempFile("ledger-checkpoint", ".note");
        assertEquals(0, verify("--url", url(), "--save-checkpoint", kept.toString()).exit());
        Records.append(Records.detention());
        long after = Api.headPosition();

        Run inKept = verify("--url", url(), "--checkpoint", kept.toString(), "--position", Long.toString(before));
        assertEquals(0, inKept.exit(), inKept.out());
        Run notYet = verify("--url", url(), "--checkpoint", kept.toString(), "--position", Long.toString(after));
        assertEquals(1, notYet.exit(), notYet.out());
        assertTrue(notYet.out().contains("signed before it was appended"), notYet.out());
    }

    @Test
    void aTamperedOrForeignCheckpointIsRefused() throws Exception {
        Records.append(Records.fine());
        Path kept = Files.createTempFile("ledger-checkpoint", ".note");
        assertEquals(0, verify("--url", url(), "--save-checkpoint", kept.toString()).exit());
        String note = Files.readString(kept);
        String[] lines = note.split("\n");
        Files.writeString(kept, note.replaceFirst("\n" + lines[1] + "\n", "\n" + (Long.parseLong(lines[1]) - 1) + "\n"));
        Run tampered = verify("--url", url(), "--checkpoint", kept.toString());
        assertEquals(1, tampered.exit(), tampered.out());
        assertTrue(tampered.out().contains("does not verify"), tampered.out());

        Files.writeString(kept, note);
        String otherKey = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
        Run pinnedElsewhere = verify("--url", url(), "--note-key", otherKey, "--checkpoint", kept.toString());
        assertEquals(1, pinnedElsewhere.exit(), pinnedElsewhere.out());
    }

    /** The log's own key signed a root of another history: no consistency proof can bridge the two. */
    @Test
    void aRewrittenHistoryFailsTheConsistencyProof() throws Exception {
        Records.append(Records.fine());
        Records.append(Records.fine());
        long size = Api.headPosition() - 1;
        byte[] otherRoot = new byte[32];
        otherRoot[0] = 7;
        String forked = checkpoints.sign(new LogHead(size, "00".repeat(32), null), otherRoot).note();
        Path kept = Files.createTempFile("ledger-forked", ".note");
        Files.writeString(kept, forked);
        Run run = verify("--url", url(), "--checkpoint", kept.toString());
        assertEquals(1, run.exit(), run.out());
        assertTrue(run.out().contains("FAILED: the consistency proof does not lead to the"), run.out());
    }

    @Test
    void proofOptionsNeedAServiceAndAPosition() {
        assertEquals(2, verify("--position", "1").exit());
        assertEquals(2, verify("--url", url(), "--position", "0").exit());
        assertEquals(2, verify("--url", url(), "--position", "x").exit());
    }
}
