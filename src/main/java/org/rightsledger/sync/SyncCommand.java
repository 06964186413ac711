package org.rightsledger.sync;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import org.rightsledger.verify.ChainVerifier;
import org.rightsledger.verify.CommandOptions;
import org.rightsledger.verify.LedgerClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A partner's mirror in one command:
 * <pre>
 *   java -jar quarkus-run.jar sync --url https://ledger.example.org --out ledger.ndjson
 *        [--token KEY] [--public-key BASE64] [--follow]
 * </pre>
 * Verifies the copy it already holds (every contentHash and hash, from position 1), then appends
 * what the feed has after it, verifying each entry before it is written, and checks the chain
 * against the signed checkpoint. With {@code --follow} it then stays on the live stream (SSE),
 * reconnecting from the last position it holds. Exit code 0: in sync; 1: something did not verify
 * (nothing unverified was written); 2: could not sync (network, usage).
 */
public final class SyncCommand {

    private static final int PAGE = 5000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FLAGS = Set.of("--follow");

    private final PrintStream out;
    private volatile boolean stopped;
    private volatile InputStream stream;

    public SyncCommand(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(new SyncCommand(System.out).run(args));
    }

    /** Ends a --follow run (from another thread): the stream is closed and run returns 0. */
    public void stop() {
        stopped = true;
        InputStream open = stream;
        if (open != null) {
            try {
                open.close();
            } catch (IOException ignored) {
                // closing is all we want
            }
        }
    }

    public int run(String[] args) {
        Map<String, String> options;
        try {
            options = CommandOptions.parse(args, FLAGS);
            if (!options.containsKey("--url") || !options.containsKey("--out")) {
                throw new IllegalArgumentException("--url and --out are required");
            }
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            out.println("usage: sync --url http://host:8080 --out ledger.ndjson [--token KEY] [--public-key BASE64] [--follow]");
            return 2;
        }
        LedgerClient ledger = new LedgerClient(options.get("--url"), options.get("--token"));
        try (MirrorFile mirror = MirrorFile.open(Path.of(options.get("--out")))) {
            ChainVerifier verifier = mirror.verifier();
            out.printf("%s holds positions 1..%d, verified%s%n", options.get("--out"), verifier.position(),
                    mirror.repaired() ? " (an incomplete last line was removed)" : "");

            JsonNode checkpoint = ledger.checkpoint(options.get("--public-key"));
            long signed = checkpoint.path("position").asLong();
            if (signed < verifier.position()) {
                out.printf("note: the signed checkpoint (%d) is behind this copy (%d); it was checked when it was reached%n",
                        signed, verifier.position());
            }
            if (signed == verifier.position() && !verifier.hash().equals(checkpoint.path("hash").asText())) {
                throw new CheckpointMismatch("this copy ends at position " + signed + " in " + verifier.hash()
                        + ", the signed checkpoint says " + checkpoint.path("hash").asText());
            }
            long before = verifier.position();
            catchUp(ledger, verifier, mirror, signed, checkpoint.path("hash").asText());
            out.printf("SYNCED: %d new entries, the copy holds positions 1..%d, chain ends in %s; signed checkpoint %d %s%n",
                    verifier.position() - before, verifier.position(), verifier.hash(), signed,
                    signed <= verifier.position() ? "matches" : "not reached");
            if (options.containsKey("--follow")) {
                follow(ledger, verifier, mirror);
            }
            return 0;
        } catch (ChainVerifier.Failure e) {
            out.println("FAILED at " + e.getMessage() + " (nothing from that position on was written)");
            return 1;
        } catch (CheckpointMismatch | LedgerClient.BadSignature e) {
            out.println("FAILED: " + e.getMessage());
            return 1;
        } catch (IOException | RuntimeException e) {
            out.println("could not sync: " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        }
    }

    static final class CheckpointMismatch extends Exception {
        CheckpointMismatch(String message) {
            super(message);
        }
    }

    /** Pages the feed to its end, verifying and appending; the chain must pass through the checkpoint. */
    private void catchUp(LedgerClient ledger, ChainVerifier verifier, MirrorFile mirror, long signed, String signedHash)
            throws IOException, InterruptedException, ChainVerifier.Failure, CheckpointMismatch {
        for (;;) {
            JsonNode page = ledger.get("/v1/feed?after=" + verifier.position() + "&limit=" + PAGE);
            if (page.path("items").isEmpty()) {
                return;
            }
            for (JsonNode entry : page.path("items")) {
                accept(entry, verifier, mirror);
                if (verifier.position() == signed && !verifier.hash().equals(signedHash)) {
                    throw new CheckpointMismatch("the chain at position " + signed + " ends in " + verifier.hash()
                            + ", the signed checkpoint says " + signedHash);
                }
            }
            mirror.flush();
        }
    }

    private void accept(JsonNode entry, ChainVerifier verifier, MirrorFile mirror) throws ChainVerifier.Failure, IOException {
        verifier.accept(entry);
        mirror.append(JSON.writeValueAsString(entry));
    }

    /** The live stream, from the last position held; reconnects (1 s, doubling to 30 s) until stopped. */
    private void follow(LedgerClient ledger, ChainVerifier verifier, MirrorFile mirror)
            throws ChainVerifier.Failure, IOException, InterruptedException {
        long backoff = 1000;
        while (!stopped) {
            try {
                stream = ledger.stream("/v1/feed/stream?after=" + verifier.position());
                if (stopped) {
                    stream.close();
                    return;
                }
                out.printf("following the live stream after position %d%n", verifier.position());
                backoff = 1000;
                readEvents(new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8)), verifier, mirror);
            } catch (IOException e) {
                if (stopped) {
                    return;
                }
                out.printf("stream lost (%s); reconnecting in %d ms%n", e.getMessage(), backoff);
            }
            if (!stopped) {
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, 30_000);
            }
        }
    }

    /** Server-Sent Events: entries are data lines; comments (heartbeats) and the farewell are not. */
    private void readEvents(BufferedReader events, ChainVerifier verifier, MirrorFile mirror)
            throws IOException, ChainVerifier.Failure {
        StringBuilder data = new StringBuilder();
        String event = "";
        String line;
        while ((line = events.readLine()) != null) {
            if (line.isEmpty()) {
                if (data.length() > 0 && !event.equals("shutdown")) {
                    accept(JSON.readTree(data.toString()), verifier, mirror);
                    mirror.flush();
                    out.printf("+ %d %s%n", verifier.position(), event);
                }
                data.setLength(0);
                event = "";
            } else if (line.startsWith("data:")) {
                data.append(data.length() > 0 ? "\n" : "").append(line.substring(5).stripLeading());
            } else if (line.startsWith("event:")) {
                event = line.substring(6).strip();
            }
        }
    }
}
