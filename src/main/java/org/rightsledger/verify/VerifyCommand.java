package org.rightsledger.verify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A partner's proof that their copy is complete and unaltered:
 * <pre>
 *   java -jar target/quarkus-app/quarkus-run.jar verify --url http://localhost:8080
 *        [--token KEY] [--public-key BASE64] [--file export.ndjson]
 * </pre>
 * Fetches the signed checkpoint, checks its Ed25519 signature, replays the feed (or an export
 * file) up to the checkpoint's position, recomputes every contentHash and hash, and compares
 * the result with the checkpoint. With {@code --checkpoint}, {@code --position}, {@code --entry}
 * or {@code --save-checkpoint} it checks Merkle proofs instead of replaying ({@link ProofCheck}).
 * Exit code 0: verified; 1: a mismatch; 2: could not check.
 */
public final class VerifyCommand {

    private static final int PAGE = 5000;
    private static final int PROGRESS_EVERY = 50_000;

    private final PrintStream out;

    public VerifyCommand(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(new VerifyCommand(System.out).run(args));
    }

    public int run(String[] args) {
        Map<String, String> options;
        try {
            options = CommandOptions.parse(args, Set.of());
            if (options.containsKey("--position") && !options.get("--position").matches("[1-9][0-9]{0,18}")) {
                throw new IllegalArgumentException("--position is a log position: 1, 2, 3 …");
            }
            if (ProofCheck.OPTIONS.stream().anyMatch(options::containsKey) && !options.containsKey("--url")) {
                throw new IllegalArgumentException("proofs are checked against a service: give --url");
            }
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            out.println("usage: verify --url http://host:8080 [--token KEY] [--public-key BASE64] [--file export.ndjson]");
            out.println("       verify --url http://host:8080 [--token KEY] [--note-key VERIFIER_KEY]"
                    + " [--checkpoint KEPT_NOTE] [--position P | --entry ENTRY.json] [--save-checkpoint NOTE]");
            return 2;
        }
        LedgerClient ledger = options.containsKey("--url") ? new LedgerClient(options.get("--url"), options.get("--token"))
                : null;
        try {
            if (ProofCheck.OPTIONS.stream().anyMatch(options::containsKey)) {
                return new ProofCheck(out, ledger).run(options);
            }
            JsonNode checkpoint = null;
            if (ledger != null) {
                checkpoint = ledger.checkpoint(options.get("--public-key"));
                out.printf("checkpoint: position %d, hash %s, signed by key %s (%s): signature valid%n",
                        checkpoint.path("position").asLong(), checkpoint.path("hash").asText(),
                        checkpoint.path("keyId").asText(), checkpoint.path("algorithm").asText());
            }
            long until = checkpoint == null ? Long.MAX_VALUE : checkpoint.path("position").asLong();
            ChainVerifier verifier = new ChainVerifier();
            if (options.containsKey("--file")) {
                replayFile(Path.of(options.get("--file")), verifier, until);
            } else if (ledger != null) {
                replayFeed(ledger, verifier, until);
            } else {
                out.println("nothing to verify: give --url, --file or both");
                return 2;
            }
            if (checkpoint != null) {
                if (verifier.position() != until) {
                    out.printf("FAILED: the copy ends at position %d, the checkpoint is at %d%n", verifier.position(), until);
                    return 1;
                }
                if (!verifier.hash().equals(checkpoint.path("hash").asText())) {
                    out.printf("FAILED: the replayed chain ends in %s, the signed checkpoint says %s%n", verifier.hash(),
                            checkpoint.path("hash").asText());
                    return 1;
                }
            }
            out.printf("VERIFIED: %d entries, positions 1..%d without gaps, chain ends in %s%s%n", verifier.position(),
                    verifier.position(), verifier.hash(), checkpoint == null ? "" : " = the signed checkpoint");
            if (verifier.redacted() > 0) {
                out.printf("(%d entries are redacted for this reader: their hashes chain, their content was not shown)%n",
                        verifier.redacted());
            }
            return 0;
        } catch (ChainVerifier.Failure e) {
            out.println("FAILED at " + e.getMessage());
            return 1;
        } catch (LedgerClient.BadSignature e) {
            out.println("FAILED: " + e.getMessage());
            return 1;
        } catch (IOException | RuntimeException e) {
            out.println("could not verify: " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        }
    }

    private void replayFeed(LedgerClient ledger, ChainVerifier verifier, long until)
            throws IOException, InterruptedException, ChainVerifier.Failure {
        while (verifier.position() < until) {
            long limit = Math.min(PAGE, until - verifier.position());
            JsonNode page = ledger.get("/v1/feed?after=" + verifier.position() + "&limit=" + limit);
            if (page.path("items").isEmpty()) {
                break;
            }
            for (JsonNode entry : page.path("items")) {
                verifier.accept(entry);
                progress(verifier);
            }
        }
    }

    private void replayFile(Path file, ChainVerifier verifier, long until) throws IOException, ChainVerifier.Failure {
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while (verifier.position() < until && (line = lines.readLine()) != null) {
                if (!line.isBlank()) {
                    verifier.accept(line);
                    progress(verifier);
                }
            }
        }
    }

    private void progress(ChainVerifier verifier) {
        if (verifier.position() % PROGRESS_EVERY == 0) {
            out.printf("… %d entries verified%n", verifier.position());
        }
    }
}
