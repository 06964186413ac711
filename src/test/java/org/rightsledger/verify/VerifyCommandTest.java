package org.rightsledger.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rightsledger.support.Api;
import org.rightsledger.support.Records;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** The partner's verifier accepts the real log and catches a copy with one byte changed. */
@QuarkusTest
class VerifyCommandTest {

    private static String url() {
        return "http://localhost:" + RestAssured.port;
    }

    private static int verify(ByteArrayOutputStream out, String... args) {
        return new VerifyCommand(new PrintStream(out, true, StandardCharsets.UTF_8)).run(args);
    }

    @Test
    void theServedLogVerifiesAgainstItsSignedCheckpoint() {
        Records.append(Records.fine());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, verify(out, "--url", url()), out.toString(StandardCharsets.UTF_8));
        String report = out.toString(StandardCharsets.UTF_8);
        assertTrue(report.contains("signature valid"), report);
        assertTrue(report.contains("VERIFIED: "), report);
    }

    @Test
    void aChangedByteInACopyIsCaughtAtItsPosition() throws Exception {
        Records.append(Records.ruling().put("summary", "Officers were convicted in Almaty."));
        long head = Api.headPosition();
        List<String> lines = new ArrayList<>(Api.api().get("/v1/feed/export").then().statusCode(200).extract()
                .asString().lines().toList());
        Path intact = Files.createTempFile("ledger-export", ".ndjson");
        Files.write(intact, lines);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, verify(out, "--file", intact.toString()), out.toString(StandardCharsets.UTF_8));

        int victim = (int) head - 1;
        String original = lines.get(victim);
        assertTrue(original.contains("Almaty"), original);
        lines.set(victim, original.replaceFirst("Almaty", "Almatx"));
        Path tampered = Files.createTempFile("ledger-tampered", ".ndjson");
        Files.write(tampered, lines);
        out.reset();
        assertEquals(1, verify(out, "--file", tampered.toString(), "--url", url()));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("FAILED at position " + head),
                out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aMissingEntryIsCaught() throws Exception {
        Records.append(Records.fine());
        List<String> lines = new ArrayList<>(Api.api().get("/v1/feed/export").then().extract().asString().lines().toList());
        lines.remove(0);
        ChainVerifier chain = new ChainVerifier();
        ChainVerifier.Failure failure = assertThrows(ChainVerifier.Failure.class, () -> {
            for (String line : lines) {
                chain.accept(line);
            }
        });
        assertEquals(1, failure.position);
    }

    @Test
    void aForgedHashIsCaught() throws Exception {
        Records.append(Records.fine());
        String first = Api.api().get("/v1/feed?after=0&limit=1").then().extract().jsonPath().getString("items[0].hash");
        String line = Api.api().get("/v1/feed/export").then().extract().asString().lines().findFirst().orElseThrow();
        String forged = line.replace(first, "0".repeat(64));
        assertThrows(ChainVerifier.Failure.class, () -> new ChainVerifier().accept(forged));
    }

    @Test
    void aCheckpointSignedByAnotherKeyIsRejected() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String otherKey = "MCowBQYDK2VwAyEA2CcWwNG6g4dzabQwGB3dz9fiPSsPwpuw3J3bxae80/c=";
        assertEquals(1, verify(out, "--url", url(), "--public-key", otherKey));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("signature does not verify"));
    }

    @Test
    void withoutArgumentsItExplainsItself() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(2, verify(out, "--url"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("usage"));
    }
}
