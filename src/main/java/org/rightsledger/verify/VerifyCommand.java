package org.rightsledger.verify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.rightsledger.log.Checkpoints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public VerifyCommand(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(new VerifyCommand(System.out).run(args));
    }

    public int run(String[] args) {
        Map<String, String> options;
        try {
            options = options(args);
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
        String url = options.get("--url");
        String token = options.get("--token");
        try {
            if (ProofCheck.OPTIONS.stream().anyMatch(options::containsKey)) {
                return new ProofCheck(out, path -> get(url, path, token)).run(options);
            }
            JsonNode checkpoint = null;
            if (url != null) {
                checkpoint = get(url, "/v1/log/checkpoint", token);
                String publicKey = options.getOrDefault("--public-key", get(url, "/v1/log/public-key", token)
                        .path("publicKey").asText());
                if (!signatureHolds(checkpoint, publicKey)) {
                    out.println("FAILED: the checkpoint's signature does not verify with the public key");
                    return 1;
                }
                out.printf("checkpoint: position %d, hash %s, signed by key %s (%s): signature valid%n",
                        checkpoint.path("position").asLong(), checkpoint.path("hash").asText(),
                        checkpoint.path("keyId").asText(), checkpoint.path("algorithm").asText());
            }
            long until = checkpoint == null ? Long.MAX_VALUE : checkpoint.path("position").asLong();
            ChainVerifier verifier = new ChainVerifier();
            if (options.containsKey("--file")) {
                replayFile(Path.of(options.get("--file")), verifier, until);
            } else if (url != null) {
                replayFeed(url, token, verifier, until);
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
        } catch (IOException | RuntimeException e) {
            out.println("could not verify: " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        }
    }

    private void replayFeed(String url, String token, ChainVerifier verifier, long until)
            throws IOException, InterruptedException, ChainVerifier.Failure {
        while (verifier.position() < until) {
            long limit = Math.min(PAGE, until - verifier.position());
            JsonNode page = get(url, "/v1/feed?after=" + verifier.position() + "&limit=" + limit, token);
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

    public static boolean signatureHolds(JsonNode checkpoint, String publicKeyBase64) {
        try {
            PublicKey key = KeyFactory.getInstance(Checkpoints.ALGORITHM)
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKeyBase64)));
            Signature verifier = Signature.getInstance(Checkpoints.ALGORITHM);
            verifier.initVerify(key);
            verifier.update(Checkpoints.message(checkpoint.path("position").asLong(), checkpoint.path("hash").asText()));
            return verifier.verify(Base64.getDecoder().decode(checkpoint.path("signature").asText()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private JsonNode get(String url, String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + path))
                .timeout(Duration.ofSeconds(60)).header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("unexpected argument: " + args[i]);
            }
            options.put(args[i], args[++i]);
        }
        return options;
    }
}
